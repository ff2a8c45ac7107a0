// End to end, as a city and a club would do it: `vereinsraum serve` started
// from the configuration docs/operator.md gives (the sandbox as the
// BigBlueButton), and a club's page on ANOTHER origin holding the README's
// lines. In Chromium: the button appears, the status shows, a visitor joins and
// lands in the meeting. Once with the server directly, once behind Debian's
// nginx with the site of docs/operator.md; there, the operators' page too.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { solveChallenge } from 'altcha-lib/v1';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { clubPage, freePort, operatorConfig, readmeEmbed, startNginx, startServe } from './city-server.mjs';

const SECRET = 'e2e-bbb-secret-0f3c9a71d2';
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core over the page and its open shadow roots; run through DevTools, so a page's Content-Security-Policy does not stop it. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

let browser;
before(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(() => browser?.close());

/** What needs closing after a test, last opened first. */
function cleanup() {
  const items = [];
  return {
    add: (item) => (items.push(item), item),
    close: async () => {
      for (const item of items.reverse()) await item.close();
    },
  };
}

/**
 * The city's server from the docs and the club's page with the README's lines:
 * `front(serve, …)` puts what visitors reach in front of the server (nothing, or nginx).
 */
async function city(open, { front = async (serve) => serve.url, serveArgs = async () => [], change = () => undefined } = {}) {
  const sandbox = open.add(await startSandbox({ secret: SECRET }));
  const page = open.add(await clubPage());
  const { config, env } = await operatorConfig({ bbbUrl: `${sandbox.url}/bigbluebutton/`, bbbSecret: SECRET, pageOrigin: page.origin });
  change(config);
  const serve = open.add(await startServe({ config, env, args: await serveArgs() }));
  const url = await front(serve);
  const { embed, status } = await readmeEmbed(url);
  page.setBody(`${embed}\n${status}`);
  return { sandbox, page, serve, url, env };
}

/** Open the club's page, see the button and the status, join, land in the meeting; the badge turns live. */
async function visitAndJoin({ page: club, url }) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${club.origin}/`, { waitUntil: 'load' });

  const button = await page.waitForSelector('verein-join-room >>> button[part="button"]', { visible: true, timeout: 15000 });
  assert.equal(await button.evaluate((b) => b.textContent.trim()), 'Beitreten');
  await page.waitForFunction(() => document.querySelector('verein-room-status')?.state === 'idle', { polling: 100, timeout: 15000 });
  assert.match(await page.$eval('verein-room-status', (el) => el.shadowRoot.textContent), /Gerade frei/);
  assert.ok(requests.includes(`${url}/cdn/vereinsraum.js`), 'the bundle comes from the city server, another origin');
  assert.deepEqual(await axeViolations(page), []);

  const before = browser.targets();
  await button.click();
  await page.waitForSelector('verein-join-room >>> #name');
  await page.type('verein-join-room >>> #name', 'Greta Gast');
  await page.keyboard.press('Enter');
  const target = await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && !before.includes(t), { timeout: 15000 });
  const tab = await target.page();
  await tab.waitForSelector('[data-testid="user-name"]');
  const text = (id) => tab.$eval(`[data-testid="${id}"]`, (el) => el.textContent.trim());
  assert.equal(await text('meeting-name'), 'Digitales Vereinsheim');
  assert.equal(await text('user-name'), 'Greta Gast');

  // The live status across origins: the badge hears of the meeting through its event stream.
  await page.waitForFunction(() => document.querySelector('verein-room-status').state === 'live', { polling: 200, timeout: 20000 });
  assert.deepEqual(problems, []);
  await tab.close();
  await page.close();
}

describe('a club page on another origin, against vereinsraum serve set up from docs/operator.md', () => {
  test('directly: the button appears, the status shows, a visitor joins and lands in the meeting', async () => {
    const open = cleanup();
    try {
      const setup = await city(open);
      assert.notEqual(new URL(setup.page.origin).origin, new URL(setup.url).origin);
      await visitAndJoin(setup);
    } finally {
      await open.close();
    }
  });

  test("behind Debian's nginx with the documented site: the same, and the operators' page lists a booking", async () => {
    const open = cleanup();
    try {
      const port = await freePort();
      const publicOrigin = `http://127.0.0.1:${port}`;
      let nginx;
      const setup = await city(open, {
        // As step 5 says behind a proxy.
        serveArgs: async () => ['--public-origin', publicOrigin, '--trust-proxy'],
        front: async (serve) => (nginx = open.add(await startNginx({ upstream: serve.url, port }))).url,
        change: (config) => {
          // Bookings, so that the operators' page has something to list.
          config.tenants['tsv-musterstadt'].bookings = {
            backend: 'bbb',
            joinPage: `${config.tenants['tsv-musterstadt'].allowedOrigins[0]}/raum`,
            formPage: `${config.tenants['tsv-musterstadt'].allowedOrigins[0]}/buchen`,
            consentText: {
              de: 'Ich bin einverstanden, dass der TSV meine Angaben speichert.',
              en: 'I agree that the TSV stores my details.',
            },
            privacyPolicyUrl: 'https://www.tsv-musterstadt.de/datenschutz',
            challengeMaxNumber: 1000,
          };
        },
      });
      assert.equal(setup.url, publicOrigin);

      // The bundle through nginx keeps the server's headers.
      const bundle = await fetch(`${setup.url}/cdn/vereinsraum.js`, { headers: { origin: setup.page.origin } });
      assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
      assert.equal(bundle.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(bundle.headers.get('x-content-type-options'), 'nosniff');
      await visitAndJoin(setup);
      // nginx logs a request when it ends: the page's event stream, once the page is closed.
      const stream = /"GET \/v1\/tenants\/tsv-musterstadt\/events\?rooms=vereinsheim HTTP\/1\.1" 200/;
      for (let i = 0; !stream.test(await nginx.accessLog()); i++) {
        assert.ok(i < 100, 'the event stream went through nginx');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      // A booking request, as the booking form sends it.
      const challenge = await (await fetch(`${setup.url}/v1/bookings/challenge?tenant=tsv-musterstadt`)).json();
      const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
      const altcha = btoa(
        JSON.stringify({
          algorithm: challenge.algorithm,
          challenge: challenge.challenge,
          number: solution.number,
          salt: challenge.salt,
          signature: challenge.signature,
        }),
      );
      const start = Date.now() + 3 * 86_400_000;
      const created = await fetch(`${setup.url}/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: setup.page.origin },
        body: JSON.stringify({
          kind: 'video',
          tenant: 'tsv-musterstadt',
          title: 'Kassenprüfung 2026',
          organisation: 'TSV Musterstadt',
          contactName: 'Erika Musterfrau',
          contactEmail: 'kasse@tsv-musterstadt.example',
          start: new Date(start).toISOString(),
          end: new Date(start + 3_600_000).toISOString(),
          expectedParticipants: 5,
          consent: true,
          website: '',
          altcha,
        }),
      });
      assert.equal(created.status, 201, await created.clone().text());

      // The operators' page on the server's own (public) address, through nginx.
      const admin = await browser.newPage();
      const problems = [];
      admin.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
      admin.on('pageerror', (error) => problems.push(error.message));
      await admin.setExtraHTTPHeaders({ 'accept-language': 'en' });
      await admin.goto(`${setup.url}/admin`, { waitUntil: 'load' });
      assert.equal(await admin.$eval('h1', (h) => h.textContent), 'Review bookings');
      await admin.waitForSelector('verein-booking-admin >>> #token');
      assert.deepEqual(await axeViolations(admin), [], 'signed out');
      await admin.type('verein-booking-admin >>> #token', setup.env.VEREINSRAUM_ADMIN_TOKEN);
      await admin.keyboard.press('Enter');
      await admin.waitForFunction(
        () => document.querySelector('verein-booking-admin').shadowRoot.textContent.includes('Kassenprüfung 2026'),
        { polling: 100, timeout: 15000 },
      );
      assert.deepEqual(await axeViolations(admin), [], 'the list');
      assert.deepEqual(problems, [], 'no refused script, style or request (Content-Security-Policy)');
      await admin.close();
    } finally {
      await open.close();
    }
  });
});
