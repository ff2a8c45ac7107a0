// End to end: the club homepage example served as `npm start` serves it;
// Chromium clicks join, types a name, and lands in the sandbox meeting.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startDemo } from '../../scripts/demo.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

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

/**
 * The booking form on the club's page, filled in and sent for a date that starts in ten minutes (the invites
 * are valid from 30 minutes before it; run between 23:48 and midnight, the end is cut to 23:59 and the test may
 * fail). `chat` picks a chat room. Answers the page, once the form shows its result.
 */
async function book(values, { chat = false } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${demo.url}/buchen.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('verein-room-booking')?.state === 'form', { polling: 100 });
  const pad = (n) => String(n).padStart(2, '0');
  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const date = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
  const startTime = `${pad(start.getHours())}:${pad(start.getMinutes())}`;
  const endTime = end.getDate() === start.getDate() ? `${pad(end.getHours())}:${pad(end.getMinutes())}` : '23:59';
  // The club takes chat bookings: the form offers the choice.
  if (chat) await page.click('verein-room-booking >>> #f-kind-chat');
  await page.evaluate(
    (values) => {
      const el = document.querySelector('verein-room-booking');
      for (const [name, value] of Object.entries(values)) {
        const input = el.shadowRoot.querySelector(`[name="${name}"]`);
        if (typeof value === 'boolean') input.checked = value;
        else input.value = value;
        input.dispatchEvent(new Event(typeof value === 'boolean' ? 'change' : 'input', { bubbles: true }));
      }
    },
    { ...values, date, startTime, endTime, consent: true },
  );
  await page.click('verein-room-booking >>> button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('verein-room-booking').state === 'result', { polling: 100, timeout: 30000 });
  return { page, problems };
}

/** The operator's list on the server's own address, signed in with the token, once it shows the booking `title`. */
async function adminList(title) {
  const admin = await browser.newPage();
  await admin.goto(`${demo.url}/admin`, { waitUntil: 'load' });
  await admin.waitForSelector('verein-booking-admin >>> #token');
  await admin.type('verein-booking-admin >>> #token', demo.adminToken);
  await admin.keyboard.press('Enter');
  await admin.waitForFunction(
    (title) => document.querySelector('verein-booking-admin').shadowRoot.textContent.includes(title),
    { polling: 100 },
    title,
  );
  return admin;
}

/** Approve the booking `title` in the operator's list; answers its id once its card shows it approved. */
async function approveIn(admin, title) {
  const id = await admin.evaluate((title) => {
    const heading = [...document.querySelector('verein-booking-admin').shadowRoot.querySelectorAll('li.card h3')].find((h) =>
      h.textContent.includes(title),
    );
    return heading.id.slice(2);
  }, title);
  await admin.click(`verein-booking-admin >>> #approve-${id}`);
  await admin.waitForFunction(
    (id) =>
      document.querySelector('verein-booking-admin').shadowRoot.querySelector(`#b-${id}`)?.closest('li').dataset.status === 'approved',
    { polling: 100 },
    id,
  );
  return id;
}

/**
 * The first link to the join page of booked rooms (the moderator's) in the approval mail of the outbox whose text
 * `matches`. Links are short: an id and a secret, no more than 80 characters for a page address like the demo's.
 */
async function mailedJoinLink(matches) {
  const pattern = new RegExp(`${demo.url.replace(/[.]/g, '\\.')}/raum\\.html#invite=[\\w-]{11}\\.[\\w-]{22}(?=[\\s"<])`);
  for (let i = 0; i < 100; i++) {
    const html = await (await fetch(`${demo.url}/admin/outbox`, { headers: { authorization: `Bearer ${demo.adminToken}` } })).text();
    const mail = html.split('<article>').find((article) => matches(article) && pattern.test(article));
    if (mail) {
      const link = pattern.exec(mail)[0];
      assert.ok(link.length <= 80, `${link}: ${link.length} characters`);
      return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no approval mail with a short link in the outbox');
}

async function openHomepage() {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  // Not networkidle: the status badges keep their live connections open.
  await page.goto(`${demo.url}/`, { waitUntil: 'load' });
  await page.waitForFunction(
    () => [...document.querySelectorAll('verein-room-status')].every((el) => el.state && el.state !== 'checking'),
    { polling: 100 },
  );
  return { page, problems };
}

async function join(page, room, name, code) {
  // With an invite link, the button shows once the server has told what the link opens.
  await page.waitForSelector(`verein-join-room[room="${room}"] >>> button[part="button"]:not([hidden])`);
  await page.click(`verein-join-room[room="${room}"] >>> button[part="button"]`);
  await page.waitForSelector(`verein-join-room[room="${room}"] >>> #name`);
  await page.type(`verein-join-room[room="${room}"] >>> #name`, name);
  if (code) {
    await page.click(`verein-join-room[room="${room}"] >>> .link-button`);
    await page.type(`verein-join-room[room="${room}"] >>> #code`, code);
  }
  await page.keyboard.press('Enter');
}

async function meetingTab(before) {
  const target = await browser.waitForTarget((t) => t.url().includes('/sandbox/meetings/') && !before.includes(t), { timeout: 10000 });
  const tab = await target.page();
  await tab.waitForSelector('[data-testid="user-name"]');
  const text = (id) => tab.$eval(`[data-testid="${id}"]`, (el) => el.textContent.trim());
  return { tab, name: await text('user-name'), role: await text('user-role'), meeting: await text('meeting-name') };
}

describe('club homepage example', () => {
  test('the page loads only from its own server', async () => {
    const { page, problems } = await openHomepage();
    const origins = new Set();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(
      () => [...document.querySelectorAll('verein-room-status')].every((el) => el.state && el.state !== 'checking'),
      { polling: 100 },
    );
    assert.deepEqual([...origins], [demo.url]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a member joins the open room and lands in the meeting by name', async () => {
    const { page, problems } = await openHomepage();
    const before = browser.targets();
    await join(page, 'vereinsheim', 'Jürgen Müller & Söhne 🏓');
    const meeting = await meetingTab(before);
    assert.equal(meeting.meeting, 'Digitales Vereinsheim');
    assert.equal(meeting.name, 'Jürgen Müller & Söhne 🏓');
    assert.equal(meeting.role, 'moderator', 'the first visitor of an "anyone" room starts it');
    // The room's badge on the homepage hears of it through its live connection.
    await page.waitForFunction(() => document.querySelector('verein-room-status[room="vereinsheim"]').state === 'live', {
      polling: 200,
      timeout: 15000,
    });
    assert.match(await page.$eval('verein-room-status[room="vereinsheim"]', (el) => el.shadowRoot.textContent), /Jetzt live · 1 Person/);
    assert.deepEqual(problems, []);
    await meeting.tab.close();
    await page.close();
  });

  test('a guest waits for the board meeting and gets in when the chair starts it', async () => {
    const guest = await openHomepage();
    await join(guest.page, 'vorstand', 'Gast <script>x</script>');
    await guest.page.waitForFunction(() => document.querySelector('verein-join-room[room="vorstand"]').state === 'waiting', {
      polling: 100,
    });

    const chair = await openHomepage();
    const before = browser.targets();
    await join(chair.page, 'vorstand', 'Erika Vorsitzende', demo.codes.moderator);
    const chairMeeting = await meetingTab(before);
    assert.equal(chairMeeting.role, 'moderator');

    // The guest's element notices within a few seconds and offers the way in.
    // (Interval polling: the guest's tab is in the background, where animation frames never come.)
    await guest.page.waitForFunction(() => document.querySelector('verein-join-room[room="vorstand"]').state === 'ready', {
      timeout: 15000,
      polling: 200,
    });
    const targets = browser.targets();
    await guest.page.bringToFront(); // the guest comes back to the tab
    await guest.page.click('verein-join-room[room="vorstand"] >>> a[part="link"]');
    const guestMeeting = await meetingTab(targets);
    assert.equal(guestMeeting.name, 'Gast <script>x</script>');
    assert.equal(guestMeeting.role, 'attendee');
    await guestMeeting.tab.waitForFunction(
      () => document.querySelector('[data-testid="participants"]').textContent.includes('Erika Vorsitzende'),
      { polling: 200 },
    );
    assert.deepEqual([...guest.problems, ...chair.problems], []);
    for (const page of [guestMeeting.tab, chairMeeting.tab, guest.page, chair.page]) await page.close();
  });

  test('target="_self" opens the meeting in the same tab', async () => {
    const { page } = await openHomepage();
    await page.evaluate(() => (document.querySelector('verein-join-room[room="vereinsheim"]').target = '_self'));
    await Promise.all([page.waitForNavigation(), join(page, 'vereinsheim', 'Selbst')]);
    assert.match(page.url(), /\/sandbox\/meetings\//);
    assert.equal(await page.$eval('[data-testid="user-name"]', (el) => el.textContent.trim()), 'Selbst');
    await page.close();
  });

  test('an invite link makes its holder moderator of the board meeting, no code asked', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    assert.match(demo.inviteLink, /#invite=[\w-]{11}\.[\w-]{22}$/, 'a short link');
    await page.goto(demo.inviteLink, { waitUntil: 'load' });
    const before = browser.targets();
    await join(page, 'vorstand', 'Eingeladene Leitung');
    const meeting = await meetingTab(before);
    assert.equal(meeting.meeting, 'Vorstandssitzung');
    assert.equal(meeting.role, 'moderator');
    assert.deepEqual(problems, []);
    await meeting.tab.close();
    await page.close();
  });

  test('the games night opens inside the page, in the Jitsi sandbox, after the click only', async () => {
    const { page, problems } = await openHomepage();
    const jitsiRequests = [];
    page.on('request', (request) => request.url().startsWith(demo.sandbox.jitsi.url) && jitsiRequests.push(request.url()));
    assert.equal(demo.sandbox.jitsi.calls.joins, 0);
    await join(page, 'spieleabend', 'Spielerin Sophie');
    const frameHandle = await page.waitForSelector('verein-join-room[room="spieleabend"] >>> iframe', { timeout: 10000 });
    assert.match(await frameHandle.evaluate((f) => f.getAttribute('allow')), /camera.*microphone|microphone.*camera/);
    const frame = await frameHandle.contentFrame();
    await frame.waitForSelector('[data-testid="user-name"]');
    assert.equal(await frame.$eval('[data-testid="user-name"]', (el) => el.textContent.trim()), 'Spielerin Sophie');
    assert.equal(await frame.$eval('[data-testid="user-role"]', (el) => el.textContent.trim()), 'moderator');
    assert.ok(
      jitsiRequests.some((url) => url.endsWith('/external_api.js')),
      'the iframe API comes from the Jitsi server',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a group books a room, the operator approves it, the contact person leads the meeting with the mailed link', async () => {
    // The booking form on the club's page.
    const email = `kontakt.${Date.now()}@selbsthilfe.example`;
    const { page, problems } = await book({
      title: 'Gruppentreffen Selbsthilfe',
      organisation: 'Selbsthilfegruppe Musterstadt',
      contactName: 'Karin Kontakt',
      contactEmail: email,
      participants: '12',
    });
    assert.match(await page.$eval('verein-room-booking', (el) => el.shadowRoot.textContent), /Anfrage|eingegangen|geprüft/);

    // The operator's list on the server's own address: token once, then approve.
    const admin = await adminList('Gruppentreffen Selbsthilfe');
    await admin.bringToFront();
    await approveIn(admin, 'Gruppentreffen Selbsthilfe');

    // The approval mail, with the moderator link to the join page of booked rooms: short enough to read out.
    const mail = await mailedJoinLink((html) => html.includes(email));

    // The join page says what the link opens before it asks for a name: the title, the date, the role.
    const room = await browser.newPage();
    await room.goto(mail, { waitUntil: 'load' });
    await room.waitForSelector('verein-join-room >>> [part="invite"]');
    const card = await room.$eval('verein-join-room', (el) => el.shadowRoot.querySelector('[part="invite"]').textContent);
    assert.match(card, /Gruppentreffen Selbsthilfe/);
    assert.match(card, /Sie nehmen als Moderator\/in teil\./);
    assert.equal((await room.$$('verein-join-room >>> li')).length, 1, 'one date');
    const before = browser.targets();
    await room.waitForSelector('verein-join-room >>> button[part="button"]:not([hidden])');
    await room.click('verein-join-room >>> button[part="button"]');
    await room.waitForSelector('verein-join-room >>> #name');
    await room.type('verein-join-room >>> #name', 'Karin Kontakt');
    await room.keyboard.press('Enter');
    const meeting = await meetingTab(before);
    assert.equal(meeting.meeting, 'Gruppentreffen Selbsthilfe');
    assert.equal(meeting.role, 'moderator');
    // Joined: the moderator link is out of the address bar, so that sharing the page does not share it.
    assert.equal(room.url(), `${demo.url}/raum.html`);
    assert.deepEqual(problems, []);
    for (const p of [meeting.tab, room, admin, page]) await p.close();
  });

  test("a group books a chat room: approved, the contact person signs up on Mattermost, confirms with the code from the bot's message and lands in the channel, in a new tab", async () => {
    const email = `chat.${Date.now()}@jugend.example`;
    const { page, problems } = await book(
      { title: 'Jugendtreff Chat', organisation: 'Jugendabteilung', contactName: 'Jana Jugend', contactEmail: email, participants: '15' },
      { chat: true },
    );
    assert.match(await page.$eval('verein-room-booking', (el) => el.shadowRoot.textContent), /Chatraum auf Mattermost/);

    // The operator approves at /admin: the channel is made.
    const admin = await adminList('Jugendtreff Chat');
    const id = await approveIn(admin, 'Jugendtreff Chat');
    assert.equal(demo.sandbox.mattermost.channels().filter((c) => c.name === `jugendtreff-chat-${id}`).length, 1);

    const link = await mailedJoinLink((mail) => mail.includes('Jugendtreff Chat'));

    // The join page asks for the Mattermost user name and offers the sign-up link.
    const room = await browser.newPage();
    await room.goto(link, { waitUntil: 'load' });
    await room.waitForSelector('verein-join-room >>> button[part="button"]:not([hidden])');
    await room.click('verein-join-room >>> button[part="button"]');
    await room.waitForSelector('verein-join-room >>> #chat-user');
    const before = browser.targets();
    await room.click('verein-join-room >>> form a[part="link"]');
    const signUpTarget = await browser.waitForTarget((t) => t.url().includes('/signup_user_complete/') && !before.includes(t), {
      timeout: 10000,
    });
    const signUp = await signUpTarget.page();
    await signUp.waitForSelector('#username');
    await signUp.type('#username', 'jana.jugend');
    await Promise.all([signUp.waitForNavigation(), signUp.click('button[type="submit"]')]);
    assert.equal(await signUp.$eval('[data-testid="username"]', (el) => el.textContent), '@jana.jugend');

    // Back on the join page: the user name. The chat's bot sends that account a code, which proves it is hers; the
    // element's link opens the bot's messages on Mattermost, where she reads it (the demo has no mail).
    await room.bringToFront();
    await room.type('verein-join-room >>> #chat-user', 'jana.jugend');
    await room.keyboard.press('Enter');
    await room.waitForSelector('verein-join-room >>> #chat-code');
    assert.equal(
      demo.sandbox.mattermost
        .channels()
        .find((c) => c.name === `jugendtreff-chat-${id}`)
        .members.includes('jana.jugend'),
      false,
      'not in before the code',
    );
    const beforeMessages = browser.targets();
    await room.click('verein-join-room >>> form a[part="link"]');
    const messagesTarget = await browser.waitForTarget((t) => t.url().includes('/messages/@') && !beforeMessages.includes(t), {
      timeout: 10000,
    });
    const messages = await messagesTarget.page();
    assert.equal(messages.url(), `${demo.sandbox.mattermost.url}/tsv-musterstadt/messages/@vereinsraum`);
    // The message is sent right after the answer: read the page until it shows.
    let code;
    for (let i = 0; i < 50 && !code; i++) {
      if (i > 0) await messages.reload({ waitUntil: 'load' });
      code = /\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b/.exec(await messages.$eval('main', (el) => el.textContent))?.[1];
    }
    assert.ok(code, "the code in the bot's message");
    assert.match(
      await messages.$eval('main', (el) => el.textContent),
      /Hallo @jana\.jugend, jemand möchte mit Ihrem Konto dem Chatraum „Jugendtreff Chat“/,
    );

    // Back on the join page: the code, and the channel opens in a new tab.
    await room.bringToFront();
    await room.type('verein-join-room >>> #chat-code', code);
    const targets = browser.targets();
    await room.keyboard.press('Enter');
    const channelTarget = await browser.waitForTarget((t) => t.url().includes('/channels/') && !targets.includes(t), { timeout: 10000 });
    const channel = await channelTarget.page();
    assert.equal(channel.url(), `${demo.sandbox.mattermost.url}/tsv-musterstadt/channels/jugendtreff-chat-${id}`);
    await channel.waitForSelector('[data-testid="members"]');
    assert.match(await channel.$eval('[data-testid="members"]', (el) => el.textContent), /@jana\.jugend/);
    assert.match(await channel.$eval('[data-testid="posts"]', (el) => el.textContent), /Willkommen im Chatraum „Jugendtreff Chat“/);
    assert.equal(await room.$eval('verein-join-room', (el) => el.state), 'opened');
    assert.deepEqual(problems, []);
    for (const p of [channel, messages, signUp, room, admin, page]) await p.close();
  });

  test("four tabs of the homepage stay within the browser's six connections per server, and joining still works", async () => {
    // Each tab keeps one live connection for all its status badges (HTTP/1.1 allows 6 per server, for all tabs).
    const tabs = [];
    for (let i = 0; i < 4; i++) tabs.push(await openHomepage());
    const before = browser.targets();
    await join(tabs[3].page, 'vereinsheim', 'Vierter Tab');
    const meeting = await meetingTab(before);
    assert.equal(meeting.name, 'Vierter Tab');
    assert.deepEqual(
      tabs.flatMap((t) => t.problems),
      [],
    );
    for (const page of [meeting.tab, ...tabs.map((t) => t.page)]) await page.close();
  });

  test("the operator's page shows the usage report of the demo's own sandbox traffic, after one sign-in for both elements", async () => {
    const admin = await browser.newPage();
    const problems = [];
    admin.on('pageerror', (error) => problems.push(error.message));
    await admin.goto(`${demo.url}/admin`, { waitUntil: 'load' });
    await admin.waitForSelector('verein-booking-admin >>> #token');
    await admin.type('verein-booking-admin >>> #token', demo.adminToken);
    await admin.keyboard.press('Enter');
    await admin.waitForFunction(() => document.querySelector('verein-usage-report').state === 'report', { polling: 100 });
    const sentence = await admin.$eval('verein-usage-report >>> [part="summary"]', (el) => el.textContent.trim());
    // Last week's six evenings at least (other tests of this file may have added conferences since).
    const [, conferences] = /^[\d.]+ Teilnehmende in ([\d.]+) Konferenzen, [\d.]+ Stunden, in den letzten 14 Tagen\.$/.exec(sentence) ?? [];
    assert.ok(Number(conferences) >= 6, sentence);
    assert.equal(await admin.$$eval('verein-usage-report >>> .conferences rect.bar', (bars) => bars.length), 14);
    assert.deepEqual(problems, []);
    await admin.close();
  });
});
