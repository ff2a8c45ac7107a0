// End to end, the whole way of a club that has never talked to anyone, in
// Chromium against `vereinsraum serve` (the configuration of docs/operator.md
// plus a clubs section; the sandbox as BigBlueButton): the registration form on
// the city's page → the confirmation mail (read from the outbox) → the operator
// approves on /admin → the sign-in link → the club page makes the room
// "Vorstand" with an access code → its two lines on the club's own website (a
// second loopback origin) → a member joins with the code and waits → the
// contact person starts the meeting from the club page → the member is in the meeting.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { fillMailLinks } from '../../packages/server/dist/index.js';
import { loadKeySetFile, SqliteStore } from '../../packages/server/dist/node.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { clubPage, operatorConfig, startServe } from './city-server.mjs';

const SECRET = 'e2e-bbb-secret-0f3c9a71d2';
const EMAIL = 'vorstand@tsv-example.org';

let browser;
before(async () => {
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(() => browser?.close());

/** The token of the newest `kind` link (`confirm`, `signin`) mailed to EMAIL, as the mail is sent. */
async function mailedToken(serve, kind) {
  const data = join(serve.dir, 'data');
  const store = new SqliteStore(join(data, 'vereinsraum.db'));
  try {
    const { keys } = await loadKeySetFile(join(data, 'keys.json'));
    const mail = (await store.listMails(100)).find((m) => m.to === EMAIL && m.kind === `club-${kind}`);
    assert.ok(mail, `a ${kind} mail to the contact person`);
    return new RegExp(`#${kind}=(\\S+)`).exec((await fillMailLinks(keys, mail)).text)[1];
  } finally {
    await store.close();
  }
}

/** Wait until `selector`'s element (through shadow roots: `>>>`) has state `state`. */
const stateOf = (page, tag, state) =>
  page.waitForFunction((t, s) => document.querySelector(t)?.state === s, { polling: 100, timeout: 20000 }, tag, state);

/** Set fields in `tag`'s shadow root (`#id` → value), as typed. */
async function fill(page, tag, values) {
  await page.$eval(
    tag,
    (el, v) => {
      for (const [id, value] of Object.entries(v)) {
        const field = el.shadowRoot.querySelector(id);
        if (field.type === 'checkbox') field.checked = value;
        else field.value = value;
      }
    },
    values,
  );
}

test(
  'a club registers, is approved, makes a room with an access code, embeds it on its own site, and a member gets in',
  { timeout: 180_000 },
  async () => {
    const open = [];
    let step = '0';
    try {
      const sandbox = await startSandbox({ secret: SECRET });
      open.push(sandbox);
      const city = await clubPage();
      const site = await clubPage();
      open.push(city, site);
      const { config, env } = await operatorConfig({
        bbbUrl: `${sandbox.url}/bigbluebutton/`,
        bbbSecret: SECRET,
        pageOrigin: 'https://www.tsv-musterstadt.de',
      });
      config.clubs = {
        backend: 'bbb',
        regions: [{ id: 'musterstadt', name: 'Stadt Musterstadt' }],
        formOrigins: [city.origin],
        termsUrl: 'https://www.musterstadt.de/nutzung',
        privacyPolicyUrl: 'https://www.musterstadt.de/datenschutz',
        challengeMaxNumber: 1000,
      };
      const serve = await startServe({ config, env });
      open.push(serve);
      const url = serve.url;
      assert.notEqual(new URL(site.origin).port, new URL(url).port);

      step = '1';
      // 1. The registration form on the city's page (another origin).
      city.setBody(
        `<script type="module" src="${url}/cdn/club-registration.js"></script>\n<verein-club-registration endpoint="${url}"></verein-club-registration>`,
      );
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${city.origin}/`, { waitUntil: 'load' });
      await stateOf(page, 'verein-club-registration', 'form');
      await fill(page, 'verein-club-registration', {
        '#f-name': 'TSV Musterstadt 1890 e. V.',
        '#f-website': `${site.origin}/`,
        '#f-contactName': 'Vera Vorstand',
        '#f-contactEmail': EMAIL,
        '#f-consent': true,
      });
      await page.click('verein-club-registration >>> button[type="submit"]');
      await stateOf(page, 'verein-club-registration', 'sent');

      step = '2';
      // 2. The confirmation link, opened on the club page.
      await page.goto(`${url}/club#confirm=${await mailedToken(serve, 'confirm')}`, { waitUntil: 'load' });
      await stateOf(page, 'verein-club-admin', 'confirmed');

      step = '3';
      // 3. The operator approves on /admin.
      await page.goto(`${url}/admin`, { waitUntil: 'load' });
      // The page's one token form is the bookings view's (the first operator element): it signs the clubs view in too.
      await page.waitForSelector('verein-booking-admin >>> #token');
      await fill(page, 'verein-booking-admin', { '#token': env.VEREINSRAUM_ADMIN_TOKEN });
      await page.click('verein-booking-admin >>> button[type="submit"]');
      await stateOf(page, 'verein-club-review', 'list');
      await page.click('verein-club-review >>> #c-tsv-musterstadt-1890-e-v ~ .actions button');
      await page.waitForFunction(
        () =>
          document
            .querySelector('verein-club-review')
            .shadowRoot.querySelector('[role="status"]')
            .textContent.includes('TSV Musterstadt 1890 e. V.'),
        { polling: 100, timeout: 15000 },
      );

      step = '4';
      // 4. The contact person signs in with the mailed link.
      await page.goto(`${url}/club`, { waitUntil: 'load' });
      await stateOf(page, 'verein-club-admin', 'signed-out');
      await fill(page, 'verein-club-admin', { '#email': EMAIL });
      await page.click('verein-club-admin >>> button[type="submit"]');
      await stateOf(page, 'verein-club-admin', 'sent');
      // Another address than the page's (a new load, as from the mail), not only a new fragment.
      await page.goto(`${url}/club?lang=de#signin=${await mailedToken(serve, 'signin')}`, { waitUntil: 'load' });
      await stateOf(page, 'verein-club-admin', 'club');

      step = '5';
      // 5. A room "Vorstand" with an access code; its two lines go onto the club's own website.
      await fill(page, 'verein-club-admin', { '#name': 'Vorstand', '#id': 'vorstand', '#code': 'geheim-42' });
      await page.click('verein-club-admin >>> #new-room button[type="submit"]');
      await page.waitForSelector('verein-club-admin >>> #room-vorstand pre');
      const embed = await page.$eval('verein-club-admin', (el) => el.shadowRoot.querySelector('#room-vorstand pre').textContent);
      assert.match(embed, /tenant="tsv-musterstadt-1890-e-v" room="vorstand"/);
      site.setBody(embed);

      step = '6';
      // 6. A member on the club's website joins with the code, and waits for the host.
      const member = await browser.newPage();
      member.on('pageerror', (error) => problems.push(error.message));
      await member.goto(`${site.origin}/`, { waitUntil: 'load' });
      const button = await member.waitForSelector('verein-join-room >>> button[part="button"]', { visible: true, timeout: 15000 });
      await button.click();
      await member.waitForSelector('verein-join-room >>> #name');
      await member.type('verein-join-room >>> #name', 'Mia Mitglied');
      if (!(await member.$('verein-join-room >>> #code'))) await member.click('verein-join-room >>> .link-button');
      await member.type('verein-join-room >>> #code', 'geheim-42');
      await member.keyboard.press('Enter');
      await stateOf(member, 'verein-join-room', 'waiting');

      step = '7';
      // 7. The contact person starts the meeting from the club page; the member is let in by itself.
      const before = new Set(browser.targets());
      await page.bringToFront();
      await page.click('verein-club-admin >>> #room-vorstand [data-action="start"]');
      const host = await (
        await browser.waitForTarget((t) => t.url().includes('/join/tsv-musterstadt-1890-e-v/vorstand') && !before.has(t), {
          timeout: 15000,
        })
      ).page();
      const hostButton = await host.waitForSelector('verein-join-room >>> button[part="button"]', { visible: true, timeout: 15000 });
      await hostButton.click();
      await host.waitForSelector('verein-join-room >>> #name');
      await host.type('verein-join-room >>> #name', 'Vera Vorstand');
      await host.keyboard.press('Enter');
      const meeting = await (
        await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && !before.has(t), { timeout: 15000 })
      ).page();
      await meeting.waitForSelector('[data-testid="user-name"]');
      assert.equal(await meeting.$eval('[data-testid="meeting-name"]', (el) => el.textContent.trim()), 'Vorstand');
      // The member's page noticed the meeting: without a recent click a browser opens no tab, so it offers the link.
      await member.waitForFunction(() => ['ready', 'opened'].includes(document.querySelector('verein-join-room').state), {
        polling: 200,
        timeout: 30000,
      });
      if ((await member.$eval('verein-join-room', (el) => el.state)) === 'ready') {
        await member.bringToFront();
        await member.click('verein-join-room >>> a[part="link"]');
      }
      const memberTab = await (
        await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && t !== meeting.target() && !before.has(t), {
          timeout: 15000,
        })
      ).page();
      await memberTab.waitForSelector('[data-testid="user-name"]');
      assert.equal(await memberTab.$eval('[data-testid="user-name"]', (el) => el.textContent.trim()), 'Mia Mitglied');
      assert.deepEqual(problems, []);
    } catch (error) {
      error.message = `step ${step}: ${error.message}`;
      throw error;
    } finally {
      for (const item of open.reverse()) await item.close();
    }
  },
);
