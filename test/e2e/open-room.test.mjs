// End to end, the Bühl flow (issue 18): `vereinsraum serve` from docs/operator.md
// with open conferences on, a city page on another origin with
// <verein-open-room>, two browser contexts (the host's device and a guest's):
// open → copy the guest link (and read its QR code with jsQR) → the guest waits →
// the host enters → the guest is let in without a reload; then the host leaves and
// comes back as host with the link kept on the device. And a care-home tablet:
// set up once by staff, then one tap into the conference.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsQR from 'jsqr';
import puppeteer from 'puppeteer-core';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { clubPage, operatorConfig, startServe } from './city-server.mjs';

const SECRET = 'e2e-open-rooms-bbb-secret-4e1d';
const TENANT = 'tsv-musterstadt';

let browser;
before(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(() => browser?.close());

/** The QR code the page shows, drawn onto a canvas in the page; its pixels decoded here. */
async function readQr(page) {
  const { data, size } = await page.$eval('verein-open-room >>> svg.qr', async (svg) => {
    const size = 400;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0, size, size);
    return { data: Array.from(context.getImageData(0, 0, size, size).data), size };
  });
  return jsQR(Uint8ClampedArray.from(data), size, size)?.data ?? null;
}

/** The nested join button's state on `page`. */
const joinState = (page) => page.$eval('verein-open-room >>> verein-join-room', (el) => el.state);

/** The sandbox, a club page of another origin, and `vereinsraum serve` with open conferences on; each added to `open` to close. */
async function startCity(open) {
  const sandbox = await startSandbox({ secret: SECRET });
  open.push(sandbox);
  const site = await clubPage();
  open.push(site);
  const { config, env } = await operatorConfig({ bbbUrl: `${sandbox.url}/bigbluebutton/`, bbbSecret: SECRET, pageOrigin: site.origin });
  config.tenants[TENANT].openRooms = { backend: Object.keys(config.backends)[0], challengeMaxNumber: 1000 };
  const serve = await startServe({ config, env });
  open.push(serve);
  return { site, serve };
}

describe('open a conference now, on a city page of another origin', () => {
  test('host opens, guest waits, host enters, guest is let in; the host comes back with the kept link', async () => {
    const open = [];
    try {
      const { site, serve } = await startCity(open);
      site.setBody(`<script type="module" src="${serve.url}/cdn/open-room.js"></script>
<verein-open-room endpoint="${serve.url}" tenant="${TENANT}"></verein-open-room>`);

      // The host's device.
      const hostDevice = await browser.createBrowserContext();
      open.push(hostDevice);
      const host = await hostDevice.newPage();
      const problems = [];
      host.on('pageerror', (error) => problems.push(error.message));
      await host.goto(`${site.origin}/`, { waitUntil: 'load' });
      const openButton = await host.waitForSelector('verein-open-room >>> button[part="button"]', { visible: true, timeout: 15000 });
      assert.equal(await openButton.evaluate((b) => b.textContent.trim()), 'Neue Konferenz eröffnen');
      await openButton.click();
      await host.waitForSelector('verein-open-room >>> .terms');
      await host.type('verein-open-room >>> #title', 'Omas Geburtstag');
      await host.click('verein-open-room >>> button[type="submit"]');
      const guestField = await host.waitForSelector('verein-open-room >>> #guest-link', { timeout: 20000 });
      const guestUrl = await guestField.evaluate((input) => input.value);
      assert.match(guestUrl, new RegExp(`^${site.origin}/#open=o-(?:[a-z]{3,8}-){6}\\d\\d$`));
      await host.click('verein-open-room >>> button[aria-controls="qr"]');
      await host.waitForSelector('verein-open-room >>> svg.qr');
      assert.equal(await readQr(host), guestUrl, 'the QR code holds the guest link');

      // A guest on another device opens the link, gives a name, agrees, and waits.
      const guestDevice = await browser.createBrowserContext();
      open.push(guestDevice);
      const guest = await guestDevice.newPage();
      await guest.goto(guestUrl, { waitUntil: 'load' });
      await guest.waitForFunction(() => document.querySelector('verein-open-room')?.state === 'guest', { polling: 100, timeout: 15000 });
      assert.equal(await guest.$eval('verein-open-room >>> #guest-title', (h) => h.textContent), 'Omas Geburtstag');
      const guestJoin = await guest.waitForSelector('verein-open-room >>> verein-join-room >>> button[part="button"]', { visible: true });
      await guestJoin.click();
      await guest.waitForSelector('verein-open-room >>> verein-join-room >>> #name');
      await guest.type('verein-open-room >>> verein-join-room >>> #name', 'Enkel Emil');
      await guest.keyboard.press('Enter');
      await guest.waitForFunction(
        () => document.querySelector('verein-open-room').shadowRoot.querySelector('verein-join-room').state === 'waiting',
        { polling: 100, timeout: 15000 },
      );

      // The host enters: a tab with the meeting, as its moderator.
      const before = browser.targets();
      await host.click('verein-open-room >>> verein-join-room >>> button[part="button"]');
      await host.waitForSelector('verein-open-room >>> verein-join-room >>> #name');
      await host.type('verein-open-room >>> verein-join-room >>> #name', 'Oma Else');
      await host.keyboard.press('Enter');
      const target = await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && !before.includes(t), { timeout: 15000 });
      const tab = await target.page();
      await tab.waitForSelector('[data-testid="user-name"]');
      assert.equal(await tab.$eval('[data-testid="meeting-name"]', (el) => el.textContent.trim()), 'Omas Geburtstag');

      // The guest is let in without a reload: the meeting's link is there.
      await guest.waitForFunction(
        () => document.querySelector('verein-open-room').shadowRoot.querySelector('verein-join-room').state === 'ready',
        { polling: 200, timeout: 20000 },
      );
      assert.equal(await joinState(guest), 'ready');

      // The host leaves, and comes back later on the same device: the conference is kept, as host.
      await tab.close();
      await host.close();
      const back = await hostDevice.newPage();
      await back.goto(`${site.origin}/`, { waitUntil: 'load' });
      const kept = await back.waitForSelector('verein-open-room >>> .kept button', { visible: true, timeout: 15000 });
      assert.match(await kept.evaluate((b) => b.textContent), /Omas Geburtstag/);
      await kept.click();
      await back.waitForFunction(() => document.querySelector('verein-open-room')?.state === 'host', { polling: 100, timeout: 15000 });
      const before2 = browser.targets();
      await back.click('verein-open-room >>> verein-join-room >>> button[part="button"]');
      await back.waitForSelector('verein-open-room >>> verein-join-room >>> #name');
      await back.type('verein-open-room >>> verein-join-room >>> #name', 'Oma Else');
      await back.keyboard.press('Enter');
      const again = await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && !before2.includes(t), { timeout: 15000 });
      const againTab = await again.page();
      await againTab.waitForSelector('[data-testid="user-role"]');
      assert.match(await againTab.$eval('[data-testid="user-role"]', (el) => el.textContent), /Moderator/i);
      assert.deepEqual(problems, []);
    } finally {
      for (const item of open.reverse()) await item.close();
    }
  });

  test('a care-home tablet: staff set it up once, then one tap takes the resident into the conference, and after it the big button is back', async () => {
    const open = [];
    try {
      const { site, serve } = await startCity(open);
      const tablet = await browser.createBrowserContext();
      open.push(tablet);
      const page = await tablet.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));

      // Staff open the conference on the tablet once: its host link is kept there.
      site.setBody(`<script type="module" src="${serve.url}/cdn/open-room.js"></script>
<verein-open-room endpoint="${serve.url}" tenant="${TENANT}"></verein-open-room>`);
      await page.goto(`${site.origin}/`, { waitUntil: 'load' });
      await (await page.waitForSelector('verein-open-room >>> button[part="button"]', { visible: true, timeout: 15000 })).click();
      await page.waitForSelector('verein-open-room >>> .terms');
      await page.type('verein-open-room >>> #title', 'Sonnenhof');
      await page.click('verein-open-room >>> button[type="submit"]');
      const guestField = await page.waitForSelector('verein-open-room >>> #guest-link', { timeout: 20000 });
      const room = new URL(await guestField.evaluate((input) => input.value)).hash.slice('#open='.length);

      // The tablet's start page: the kiosk. The first tap is the staff's: name and agreement, kept on the tablet.
      site.setBody(`<script type="module" src="${serve.url}/cdn/open-room.js"></script>
<verein-open-room endpoint="${serve.url}" tenant="${TENANT}" kiosk room="${room}"></verein-open-room>`);
      await page.goto(`${site.origin}/`, { waitUntil: 'load' });
      const join = 'verein-open-room >>> verein-join-room >>> ';
      await (await page.waitForSelector(`${join}button[part="button"]`, { visible: true, timeout: 15000 })).click();
      await page.waitForSelector(`${join}#name`);
      await page.type(`${join}#name`, 'Frau Berger');
      await page.click(`${join}#remember`);
      await page.click(`${join}#consent`);
      await page.keyboard.press('Enter');
      const inMeeting = () =>
        page.waitForFunction(
          () => document.querySelector('verein-open-room').shadowRoot.querySelector('verein-join-room').state === 'embedded',
          { polling: 100, timeout: 20000 },
        );
      await inMeeting();
      await page.click(`${join}section[part="meeting"] button`);
      await page.waitForSelector(`${join}button[part="button"]`, { visible: true });

      // The resident, later: one tap, no form, and the conference is on the screen.
      await page.reload({ waitUntil: 'load' });
      const big = await page.waitForSelector(`${join}button[part="button"]`, { visible: true, timeout: 15000 });
      assert.equal(await big.evaluate((b) => b.getRootNode().host.textContent.trim()), 'Jetzt teilnehmen');
      await page.evaluate(() => {
        const el = document.querySelector('verein-open-room').shadowRoot.querySelector('verein-join-room');
        window.joinStates = [];
        new MutationObserver(() => window.joinStates.push(el.state)).observe(el, { attributeFilter: ['state'] });
      });
      await big.click();
      await inMeeting();
      assert.ok(!(await page.evaluate(() => window.joinStates)).includes('asking'), 'no form between the tap and the meeting');
      const frame = await page.waitForSelector(`${join}section[part="meeting"] iframe`);
      assert.match(await frame.evaluate((f) => f.src), /\/bigbluebutton\/api\/join/);
      await page.click(`${join}section[part="meeting"] button`);
      await page.waitForSelector(`${join}button[part="button"]`, { visible: true });
      assert.deepEqual(problems, []);
    } finally {
      for (const item of open.reverse()) await item.close();
    }
  });
});
