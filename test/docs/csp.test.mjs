// The Content-Security-Policy of docs/embed.md (step 5) is enough, and its
// table is right: a club page on another origin sends exactly the example's
// two headers (its origins replaced by this test's servers), and in Chromium
// the status badge shows the club's logo, a BigBlueButton room opens inside the
// page with camera, microphone and screen sharing allowed and is left through
// the server's /v1/left, and a Jitsi room opens inside the page; the browser
// reports no violation and no error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startServe } from '../e2e/city-server.mjs';
import { codeBlocks } from './parse.mjs';

const SECRET = 'csp-test-bbb-secret-7c2e41';
const JITSI_SECRET = 'csp-test-jitsi-app-secret-0123456789abcdef';
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#1b6e20"/></svg>';

/** The headers of the ```http block of docs/embed.md: continuation lines joined, the docs' origins replaced by `origins`. */
function docsHeaders(origins) {
  const blocks = codeBlocks(readFileSync(new URL('../../docs/embed.md', import.meta.url), 'utf8')).filter((b) => b.lang === 'http');
  assert.equal(blocks.length, 1, 'docs/embed.md has one example of the headers');
  let text = blocks[0].text;
  for (const [from, to] of Object.entries(origins)) {
    assert.ok(text.includes(from), `the example names ${from}`);
    text = text.replaceAll(from, to);
  }
  const headers = {};
  let last;
  for (const line of text.split('\n')) {
    if (/^\s/.test(line) && last) headers[last] += ` ${line.trim()}`;
    else [, last, headers[last]] = /^([\w-]+):\s*(.*)$/.exec(line) ?? assert.fail(`not a header: ${line}`);
  }
  return headers;
}

let sandbox;
let club;
let serve;
let browser;
let headers;
before(async () => {
  sandbox = await startSandbox({ secret: SECRET, jitsi: { appId: 'vereinsraum', appSecret: JITSI_SECRET } });
  let page = '';
  club = createServer((req, res) => {
    if (req.url === '/logo.svg') return res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(LOGO);
    if (req.url !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(page);
  });
  await new Promise((resolve) => club.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${club.address().port}`;
  serve = await startServe({
    config: {
      backends: {
        bbb: { type: 'bbb', url: `${sandbox.url}/bigbluebutton/`, secretEnv: 'BBB_SECRET' },
        meet: { type: 'jitsi', domain: sandbox.jitsi.domain, protocol: 'http', appId: 'vereinsraum', appSecretEnv: 'JITSI_SECRET', xmppDomain: 'meet.jitsi' },
      },
      tenants: {
        'tsv-musterstadt': {
          name: 'TSV Musterstadt 1890 e. V.',
          allowedOrigins: [origin],
          logoUrl: `${origin}/logo.svg`,
          rooms: {
            vereinsheim: { name: 'Digitales Vereinsheim', backend: 'bbb', start: 'anyone' },
            jugend: { name: 'Jugendtreff', backend: 'meet', start: 'anyone' },
          },
        },
      },
    },
    env: { BBB_SECRET: SECRET, JITSI_SECRET },
  });
  headers = docsHeaders({
    'https://vereinsraum.example-stadt.de': serve.url,
    'https://bbb.example-stadt.de': new URL(sandbox.url).origin,
    'https://meet.example-stadt.de': new URL(sandbox.jitsi.url).origin,
  });
  page = `<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>TSV Musterstadt</title><link rel="icon" href="/logo.svg">
<script type="module" src="${serve.url}/cdn/vereinsraum.js"></script></head>
<body><main><h1>TSV Musterstadt</h1>
<verein-config endpoint="${serve.url}" tenant="tsv-musterstadt">
  <verein-room-status room="vereinsheim"></verein-room-status>
  <verein-join-room room="vereinsheim" target="embed"></verein-join-room>
  <verein-join-room room="jugend" target="embed"></verein-join-room>
</verein-config>
</main></body>
</html>`;
  club.url = `${origin}/`;
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await serve?.close();
  await new Promise((resolve) => (club ? (club.closeAllConnections(), club.close(resolve)) : resolve()));
  await sandbox?.close();
});

/** Join `room` inside the page as `name`; answers the meeting's frame once its page has loaded. */
async function joinEmbedded(page, room, name) {
  const el = `verein-join-room[room="${room}"]`;
  await page.click(`${el} >>> button[part="button"]`);
  await page.waitForSelector(`${el} >>> #name`);
  await page.type(`${el} >>> #name`, name);
  await page.click(`${el} >>> form button[type="submit"]`);
  const frame = await (await page.waitForSelector(`${el} >>> iframe`, { timeout: 15000 })).contentFrame();
  await frame.waitForSelector('[data-testid="user-name"]', { timeout: 15000 });
  assert.equal(await frame.$eval('[data-testid="user-name"]', (e) => e.textContent.trim()), name);
  await page.waitForFunction((selector) => document.querySelector(selector).state === 'embedded', { polling: 100, timeout: 15000 }, el);
  return frame;
}

test('the policy of docs/embed.md lets the logo show and both kinds of meeting open inside the page', async () => {
  assert.match(headers['Content-Security-Policy'], /frame-src /);
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const response = await page.goto(club.url, { waitUntil: 'load' });
  assert.equal(response.headers()['content-security-policy'], headers['Content-Security-Policy'], 'the page sends the docs\' policy');

  // The badge, with the club's logo.
  await page.waitForFunction(() => document.querySelector('verein-room-status')?.state === 'idle', { polling: 100, timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('verein-room-status').shadowRoot.querySelector('img[part="logo"]')?.complete, { polling: 100, timeout: 15000 });
  assert.ok(await page.$eval('verein-room-status', (el) => el.shadowRoot.querySelector('img[part="logo"]').naturalWidth > 0), 'the logo loaded');

  // BigBlueButton inside the page, with the devices it may ask for, and back out through /v1/left.
  const bbb = await joinEmbedded(page, 'vereinsheim', 'Erika Embed');
  assert.equal(new URL(bbb.url()).origin, new URL(sandbox.url).origin);
  for (const feature of ['camera', 'microphone', 'display-capture']) {
    assert.equal(await bbb.evaluate((f) => document.featurePolicy.allowsFeature(f), feature), true, `${feature} in the BigBlueButton frame`);
  }
  await bbb.click('form[action$="/leave"] button');
  await page.waitForFunction(() => document.querySelector('verein-join-room[room="vereinsheim"]').state === 'idle', { polling: 100, timeout: 15000 });
  assert.ok(requests.includes(`${serve.url}/v1/left`), 'the meeting left through the server\'s /v1/left');

  // Jitsi inside the page, its iframe API from the Jitsi server.
  const jitsi = await joinEmbedded(page, 'jugend', 'Jonas Jitsi');
  assert.equal(new URL(jitsi.url()).origin, new URL(sandbox.jitsi.url).origin);
  assert.ok(requests.includes(`${sandbox.jitsi.url}/external_api.js`));
  for (const feature of ['camera', 'microphone', 'display-capture']) {
    assert.equal(await jitsi.evaluate((f) => document.featurePolicy.allowsFeature(f), feature), true, `${feature} in the Jitsi frame`);
  }

  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  await page.close();
});
