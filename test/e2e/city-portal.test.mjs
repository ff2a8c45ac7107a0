// End to end: the city portal example (three tenants on one page) served as
// `npm start` serves it. Each tenant wears its own colours from the server;
// nothing reaches a conference server before the visitor agrees; then the
// city's room opens inside the page (BigBlueButton in an iframe) and the
// partner town's in its own Jitsi tenant.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer from 'puppeteer-core';
import { CITY_PORTAL_THEMES, startDemo } from '../../scripts/demo.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TENANTS = Object.keys(CITY_PORTAL_THEMES);

let demo;
let browser;
before(async () => {
  demo = await startDemo({ port: 0 });
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** `#rrggbb` as getComputedStyle writes it. */
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const originOf = (url) => new URL(url).origin;

/**
 * Opens the portal with every request recorded from the first one on, and
 * waits until the badges have their first answer and every join button wears
 * its tenant's colour (the branding has arrived; fails if it never does).
 */
async function openPortal({ width } = {}) {
  const page = await browser.newPage();
  if (width) await page.setViewport({ width, height: 800 });
  const problems = [];
  const requests = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  // Not networkidle: the status badges keep their live connections open.
  await page.goto(demo.portalUrl, { waitUntil: 'load' });
  await page.waitForFunction(
    () => [...document.querySelectorAll('verein-room-status')].every((el) => el.state && el.state !== 'checking'),
    { polling: 100 },
  );
  const expected = Object.fromEntries(TENANTS.map((tenant) => [tenant, [rgb(CITY_PORTAL_THEMES[tenant].primary)]]));
  let colours;
  for (const deadline = Date.now() + 15000; Date.now() < deadline; await sleep(100)) {
    colours = Object.fromEntries(
      Object.entries(await page.evaluate(buttonColours, TENANTS)).map(([tenant, list]) => [tenant, [...new Set(list)]]),
    );
    if (TENANTS.every((tenant) => colours[tenant].join() === expected[tenant].join())) break;
  }
  assert.deepEqual(colours, expected, "every join button wears its tenant's primary colour");
  return { page, problems, requests };
}

/** The background colour of every join button, per tenant (runs in the page). */
function buttonColours(tenants) {
  return Object.fromEntries(
    tenants.map((tenant) => [
      tenant,
      [...document.querySelectorAll(`verein-config[tenant="${tenant}"] verein-join-room`)].map((el) => {
        const button = el.shadowRoot?.querySelector('button[part="button"]');
        return button ? getComputedStyle(button).backgroundColor : 'no button';
      }),
    ]),
  );
}

/** Clicks a room's join button and waits for the form with the privacy notice. */
async function openConsent(page, room) {
  await page.click(`verein-join-room[room="${room}"] >>> button[part="button"]`);
  await page.waitForSelector(`verein-join-room[room="${room}"] >>> #name`);
  return page.$eval(`verein-join-room[room="${room}"]`, (el) => ({
    text: el.shadowRoot.querySelector('form').textContent.replace(/\s+/g, ' '),
    links: [...el.shadowRoot.querySelectorAll('form a[href]')].map((a) => a.href),
    submit: el.shadowRoot.querySelector('form button[type="submit"]').textContent.trim(),
  }));
}

/** axe-core over the page and into every open shadow root; the embedded meeting's frame is the conference server's. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('city portal example', () => {
  test('the portal and its three tenants load only from the demo server, and axe finds nothing', async () => {
    const { page, problems, requests } = await openPortal();
    assert.deepEqual([...new Set(requests.map(originOf))], [demo.url]);
    // One tenant answer per tenant, one live connection for all badges.
    for (const tenant of TENANTS) assert.equal(requests.filter((url) => url === `${demo.url}/v1/tenants/${tenant}`).length, 1, tenant);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("each tenant's join buttons wear the primary colour its server config names", async () => {
    const { page, problems } = await openPortal();
    const colours = await page.evaluate(buttonColours, TENANTS);
    for (const tenant of TENANTS) {
      assert.ok(colours[tenant].length > 0, `${tenant} has join buttons`);
      for (const colour of colours[tenant]) assert.equal(colour, rgb(CITY_PORTAL_THEMES[tenant].primary), tenant);
    }
    assert.equal(new Set(TENANTS.map((tenant) => colours[tenant][0])).size, 3, 'three tenants, three colours');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the English group's elements speak English, the others German", async () => {
    const { page } = await openPortal();
    const badge = (room) => page.$eval(`verein-room-status[room="${room}"]`, (el) => el.shadowRoot.textContent.replace(/\s+/g, ' '));
    assert.match(await badge('treffen'), /Not in use right now|Live now/);
    assert.match(await badge('buergersaal'), /Gerade frei|Jetzt live/);
    const notice = await openConsent(page, 'treffen');
    assert.equal(notice.submit, 'Agree and join');
    assert.match(notice.text, /The group sees only the name you type in\./);
    assert.deepEqual(await axeViolations(page), [], 'the English notice');
    await page.close();
  });

  test('at 320 pixels wide nothing scrolls sideways, targets stay big, and axe finds nothing', async () => {
    const { page, problems } = await openPortal({ width: 320 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling');
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll('a'),
        ...[...document.querySelectorAll('verein-join-room')].map((el) => el.shadowRoot.querySelector('button[part="button"]')),
      ]
        .filter((el) => el.getClientRects().length > 0 && !el.matches('.skip-link'))
        .map((el) => ({ text: el.textContent.trim(), ...el.getBoundingClientRect().toJSON() }))
        .filter((box) => box.height < 44 || box.width < 44)
        .map((box) => `${box.text}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    assert.deepEqual(small, []);
    assert.deepEqual(await axeViolations(page), []);
    // The privacy notice too: a long text, two links and a checkbox in a narrow column.
    await openConsent(page, 'dorfplatz');
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling with the notice open');
    assert.deepEqual(await axeViolations(page), [], 'the notice at 320 pixels');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the skip link is the first stop of the keyboard and leads to the content', async () => {
    const { page } = await openPortal();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Zum Inhalt springen');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'inhalt');
    await page.close();
  });

  test("after the consent, the city's meeting opens inside the page with the city's logo and style; nothing before", async () => {
    const { page, problems, requests } = await openPortal();
    const sandbox = originOf(demo.sandbox.url);
    const notice = await openConsent(page, 'buergersaal');
    // The notice: the city's own words, where the data goes, and its legal pages.
    assert.equal(notice.submit, 'Zustimmen und beitreten');
    assert.match(notice.text, /Die Stadt Musterstadt betreibt den Konferenz-Server selbst/);
    assert.ok(notice.text.includes(new URL(demo.sandbox.url).host), `the notice names the conference server: ${notice.text}`);
    assert.ok(notice.links.includes(`${demo.portalUrl}datenschutz.html#stadt`), 'privacy policy linked');
    assert.ok(notice.links.includes(`${demo.portalUrl}impressum.html#stadt`), 'imprint linked');
    assert.deepEqual(await axeViolations(page), [], 'the German notice');
    await page.type('verein-join-room[room="buergersaal"] >>> #name', 'Bürgerin Berta');
    assert.deepEqual([...new Set(requests.map(originOf))], [demo.url], 'nothing went to a conference server before the agreeing click');

    await page.click('verein-join-room[room="buergersaal"] >>> form button[type="submit"]');
    const frameHandle = await page.waitForSelector('verein-join-room[room="buergersaal"] >>> iframe', { timeout: 15000 });
    const allow = await frameHandle.evaluate((f) => f.getAttribute('allow'));
    for (const feature of ['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen', 'clipboard-write'])
      assert.match(allow, new RegExp(feature));
    const frame = await frameHandle.contentFrame();
    await frame.waitForSelector('[data-testid="user-name"]', { timeout: 15000 });
    assert.equal(await frame.$eval('[data-testid="meeting-name"]', (el) => el.textContent.trim()), 'Digitaler Bürgersaal');
    assert.equal(await frame.$eval('[data-testid="user-name"]', (el) => el.textContent.trim()), 'Bürgerin Berta');
    assert.equal(originOf(frame.url()), sandbox);
    assert.ok(
      requests.some((url) => originOf(url) === sandbox),
      'the meeting came from the sandbox',
    );
    // The tenant's branding reached BigBlueButton: its logo on create, its style sheet on join.
    const state = await (await fetch(`${frame.url().split('?')[0]}/state`)).json();
    assert.equal(state.logo, `${demo.portalUrl}logos/musterstadt.svg`);
    assert.equal(state.userdata.bbb_custom_style_url, `${demo.portalUrl}bbb-style.css`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the partner town meets in its own Jitsi tenant, inside the page, after the consent only', async () => {
    const { page, problems, requests } = await openPortal();
    const jitsi = originOf(demo.sandbox.jitsi.url);
    const notice = await openConsent(page, 'dorfplatz');
    assert.match(notice.text, /Gemeinde Beispielhausen laufen auf dem Jitsi-Server/);
    assert.ok(notice.text.includes(new URL(demo.sandbox.jitsi.url).host), `the notice names the Jitsi server: ${notice.text}`);
    await page.type('verein-join-room[room="dorfplatz"] >>> #name', 'Dorfbewohner Dieter');
    assert.deepEqual([...new Set(requests.map(originOf))], [demo.url], 'nothing went to a conference server before the agreeing click');

    await page.click('verein-join-room[room="dorfplatz"] >>> form button[type="submit"]');
    const frameHandle = await page.waitForSelector('verein-join-room[room="dorfplatz"] >>> iframe', { timeout: 15000 });
    const frame = await frameHandle.contentFrame();
    await frame.waitForSelector('[data-testid="user-name"]', { timeout: 15000 });
    assert.equal(await frame.$eval('[data-testid="user-name"]', (el) => el.textContent.trim()), 'Dorfbewohner Dieter');
    assert.equal(await frame.$eval('[data-testid="tenant"]', (el) => el.textContent.trim()), 'beispielhausen');
    assert.equal(new URL(frame.url()).pathname.split('/')[1], 'beispielhausen', "the meeting is in the town's Jitsi tenant");
    assert.ok(requests.includes(`${jitsi}/external_api.js`), 'the iframe API came from the Jitsi server, after the click');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
