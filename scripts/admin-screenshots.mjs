// Screenshots of the operator's bookings view for the docs: the demo with a
// few bookings in every state, its /admin page at 1280 and at 375 px wide.
// Run after `npm run build`: node scripts/admin-screenshots.mjs
import { fileURLToPath } from 'node:url';
import { solveChallenge } from 'altcha-lib/v1';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, requireChromium } from './chromium.mjs';
import { startDemo } from './demo.mjs';

const OUT = new URL('../docs/images/', import.meta.url);
const TENANT = 'tsv-musterstadt';
const DAY = 86_400_000;

const demo = await startDemo({ port: 0 });
const browser = await puppeteer.launch({ executablePath: requireChromium(), headless: true, args: chromiumArgs });
try {
  const admin = async (path, body) => {
    const response = await fetch(`${demo.url}/v1/admin${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  /** A booking as the form sends it, `days` from now at `time` (the demo's time zone), lasting `hours`. */
  const book = async ({ title, organisation, contactName, days, time, hours = 2, weeks, kind = 'video', participants = 20 }) => {
    const start = new Date(Date.now() + days * DAY);
    const [h, m] = time.split(':').map(Number);
    start.setHours(h, m, 0, 0);
    const challenge = await (await fetch(`${demo.url}/v1/bookings/challenge?tenant=${TENANT}`)).json();
    const { number } = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    const altcha = btoa(JSON.stringify({ ...challenge, number, maxnumber: undefined }));
    const email = `${contactName.split(' ')[0].toLowerCase()}@example.org`;
    const response = await fetch(`${demo.url}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind,
        tenant: TENANT,
        title,
        organisation,
        contactName,
        contactEmail: email,
        expectedParticipants: participants,
        consent: true,
        altcha,
        start: start.toISOString(),
        end: new Date(start.getTime() + hours * 3_600_000).toISOString(),
        ...(weeks ? { weeks } : {}),
      }),
    });
    if (response.status !== 201) throw new Error(`booking: ${response.status} ${await response.text()}`);
    return (await response.json()).id;
  };

  await book({
    title: 'Jahreshauptversammlung',
    organisation: 'Förderverein Grundschule am Park',
    contactName: 'Erika Musterfrau',
    days: 9,
    time: '19:00',
    participants: 40,
  });
  await book({
    title: 'Jugendtreff Chat',
    organisation: 'Jugendabteilung TSV',
    contactName: 'Jana Jugend',
    days: 4,
    time: '18:00',
    kind: 'chat',
    participants: 15,
  });
  const weekly = await book({
    title: 'Elternabend Klasse 3b',
    organisation: 'Grundschule am Park',
    contactName: 'Max Mustermann',
    days: 2,
    time: '18:30',
    hours: 1.5,
    weeks: 6,
  });
  await admin(`/bookings/${weekly}/approve`, {});
  const board = await book({
    title: 'Vorstandssitzung',
    organisation: 'Kleingartenverein Sonnenblick',
    contactName: 'Karin Kontakt',
    days: 6,
    time: '20:00',
    participants: 8,
  });
  await admin(`/bookings/${board}/approve`, {});
  await admin(`/bookings/${board}/cancel`, { reason: 'Der Server wird an diesem Abend gewartet. Bitte buchen Sie einen anderen Tag.' });
  const run = await book({
    title: 'Lauftreff Planung',
    organisation: 'Lauffreunde Musterstadt',
    contactName: 'Lars Läufer',
    days: 3,
    time: '17:00',
    participants: 6,
  });
  await admin(`/bookings/${run}/reject`, { reason: 'An diesem Tag ist schon alles belegt.' });

  // Wide: the whole page. A phone: its first screens (the whole list would be several metres long).
  for (const [width, height, clip] of [
    [1280, 900, null],
    [375, 812, { x: 0, y: 0, width: 375, height: 1500 }],
  ]) {
    const page = await browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(`${demo.url}/admin`, { waitUntil: 'load' });
    await page.waitForSelector('verein-booking-admin >>> #token');
    await page.type('verein-booking-admin >>> #token', demo.adminToken);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('verein-booking-admin').state === 'list', { polling: 100 });
    // No focus ring on the heading the sign-in moved focus to: the picture shows the list, not a keyboard user's place.
    await page.evaluate(() => document.querySelector('verein-booking-admin').shadowRoot.activeElement?.blur());
    const file = fileURLToPath(new URL(`admin-bookings-${width}.png`, OUT));
    await page.screenshot({ path: file, ...(clip ? { clip } : { fullPage: true }) });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
