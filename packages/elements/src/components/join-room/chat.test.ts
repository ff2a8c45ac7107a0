// Chat rooms against the real stack: the server helper with its store and the
// sandbox's Mattermost. A chat room booked through the form and approved by
// the operator; its invite link asks for a Mattermost user name, offers the
// team's sign-up link, asks for the code the bot sent that account, and opens
// the channel in a new tab, never in the page.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { AdminBooking, BookingChallenge, BookingCreated, JoinChatCodeResponse } from '@vereinsraum/protocol';
import '../../define.js';
import '../room-booking/define.js';
import { solveChallenge } from '../../api/altcha.js';
import type { VereinBookingSubmittedEvent, VereinErrorEvent, VereinJoinedEvent } from '../../events.js';
import { chatDe, chatEn } from '../../i18n/chat.js';
import { de } from '../../i18n/index.js';
import { bookingDe } from '../../i18n/booking.js';
import { fillBooking } from '../../stories/play.js';
import { click, closeTabs, expectQuietConsole, mattermost, setFragment, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinRoomBooking } from '../room-booking/room-booking.js';
import type { VereinRoomStatus } from '../room-status/room-status.js';
import type { VereinJoinRoom } from './join-room.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date that starts in ten minutes (invites of booked rooms work from half an hour before) and lasts an hour, to 23:59 at most. */
function soon(): { date: string; startTime: string; endTime: string; start: Date; end: Date } {
  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const endTime = end.getDate() === start.getDate() ? `${pad(end.getHours())}:${pad(end.getMinutes())}` : '23:59';
  return {
    date: `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`,
    startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}`,
    endTime,
    start,
    end,
  };
}

/** The operator approves (the admin API behind the page's origin, see web-test-runner.config.mjs): the booking with its links. */
async function approve(id: string): Promise<AdminBooking> {
  const response = await fetch(`${location.origin}/v1/admin/bookings/${id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.admin}` },
  });
  expect(response.status, await response.clone().text()).to.equal(200);
  return response.json() as Promise<AdminBooking>;
}

/** A chat room booked through the API and approved: its room id and both invites. */
async function chatRoom(title: string): Promise<{ room: string; attendee: string; moderator: string }> {
  const challenge = (await (await fetch(`${stack.endpoint}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
  const { start } = soon();
  const response = await fetch(`${stack.endpoint}/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'chat',
      tenant: 'tsv',
      title,
      organisation: 'TSV Test',
      contactName: 'Erika Musterfrau',
      contactEmail: `erika.${Math.random().toString(36).slice(2, 8)}@example.org`,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      expectedParticipants: 8,
      consent: true,
      altcha: await solveChallenge(challenge),
    }),
  });
  const created = (await response.json()) as BookingCreated;
  const approved = await approve(created.id);
  const invite = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!;
  return { room: `b-${created.id}`, attendee: invite(approved.links!.attendee), moderator: invite(approved.links!.moderator) };
}

/** The join page of booked rooms, opened with an invite link (`#invite=…&room=…`). */
async function joinPage(room: string, invite: string, attrs: { lang?: string; target?: string } = {}): Promise<VereinJoinRoom> {
  setFragment(`invite=${invite}&room=${room}`);
  const el = await fixture<VereinJoinRoom>(html`
    <verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang=${attrs.lang ?? 'de'} target=${attrs.target ?? '_blank'}></verein-join-room>
  `);
  // The button comes once the server has told what the invite opens.
  await waitForState(el, 'idle');
  await el.updateComplete;
  return el;
}

/** Type into the focused user-name field (after clearing it) and press Enter. */
async function typeUsername(el: VereinJoinRoom, username: string): Promise<void> {
  const input = shadow<HTMLInputElement>(el, '#chat-user');
  expect(el.shadowRoot!.activeElement, 'focus on the user name').to.equal(input);
  input.select();
  await sendKeys({ type: username });
  await sendKeys({ press: 'Enter' });
}

/** Type into the focused code field (after clearing it) and press Enter. */
async function typeCode(el: VereinJoinRoom, code: string): Promise<void> {
  const input = shadow<HTMLInputElement>(el, '#chat-code');
  expect(el.shadowRoot!.activeElement, 'focus on the code').to.equal(input);
  input.select();
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

/** The code in the newest of at least `count` messages the bot wrote to `username` (it sends them after answering). */
async function codeFor(username: string, count = 1): Promise<string> {
  let messages: Array<{ from: string; message: string }> = [];
  await waitUntil(
    async () => (messages = (await mattermost('direct-messages', { username })) as typeof messages).length >= count,
    `a message to @${username}`,
  );
  expect(messages.at(-1)!.from).to.equal('vereinsraum');
  return /\*\*([2-9A-Z]{4}-[2-9A-Z]{4})\*\*/.exec(messages.at(-1)!.message)![1]!;
}

async function channels(): Promise<Array<{ name: string; members: string[]; admins: string[] }>> {
  return (await mattermost('channels')) as Array<{ name: string; members: string[]; admins: string[] }>;
}

describe('chat rooms (Mattermost)', () => {
  afterEach(async () => {
    await closeTabs();
    setFragment('');
  });
  expectQuietConsole();

  it('booked through the form, approved, joined by user name after signing up; the channel opens in a new tab, not in the page', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(30_000);
    // 1. The booking form of a tenant with a Mattermost team offers a chat room.
    const form = await fixture<VereinRoomBooking>(
      html`<verein-room-booking endpoint=${stack.endpoint} tenant="tsv" lang="de"></verein-room-booking>`,
    );
    await waitForState(form, 'form');
    await form.updateComplete;
    expect(shadow(form, 'legend').textContent).to.equal(bookingDe.kindLegend);
    expect(shadow<HTMLInputElement>(form, '#f-kind-video').checked).to.equal(true);
    const submitted = oneEvent(form, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
    const { date, startTime, endTime } = soon();
    await fillBooking(form, {
      kind: 'chat',
      title: 'Austausch Übungsleitung',
      organisation: 'TSV Test',
      contactName: 'Erika Musterfrau',
      contactEmail: `e.${Date.now()}@example.org`,
      date,
      startTime,
      endTime,
      participants: '8',
      consent: true,
    });
    await expect(form).to.be.accessible();
    form.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitForState(form, 'result', 15_000);
    await form.updateComplete;
    expect(shadow(form, '.result').textContent).to.contain(bookingDe.chatNote);
    const { id } = (await submitted).detail;

    // 2. The operator approves: one private channel in the team.
    const approved = await approve(id);
    const room = `b-${id}`;
    expect((await channels()).filter((c) => c.name.endsWith(id)).length).to.equal(1);

    // 3. The attendee link: a user name is asked, no display name; the sign-up link is the team's invite link.
    const link = new URL(approved.links!.attendee);
    const invite = new URLSearchParams(link.hash.slice(1)).get('invite')!;
    const el = await joinPage(room, invite, { target: 'embed' });
    const chatRequests = async () => ((await executeServerCommand('conference-requests')) as { mattermost: number }).mattermost;
    const before = await chatRequests();
    await click(shadow(el, 'button[part="button"]'));
    await waitForState(el, 'chat');
    await el.updateComplete;
    // The privacy notice names the chat server and what goes there (not camera and microphone); nothing has reached
    // it from the browser yet.
    const notice = shadow(el, '[part="consent"]').textContent!;
    expect(notice).to.contain(chatDe.sendsTo(new URL(stack.mattermost).host));
    expect(notice).not.to.contain('Kamera');
    expect(await chatRequests(), 'no request to the chat server before the agreeing click').to.equal(before);
    expect(el.shadowRoot!.querySelector('#name')).to.equal(null);
    expect(shadow(el, 'form').textContent).to.contain(chatDe.intro);
    const signUp = shadow<HTMLAnchorElement>(el, 'form a[part="link"]');
    expect(signUp.href.startsWith(`${stack.mattermost}/signup_user_complete/?id=`), signUp.href).to.equal(true);
    expect(signUp.target).to.equal('_blank');
    expect(signUp.rel).to.contain('noopener');
    await expect(el).to.be.accessible();

    // 4. No account yet: the element cannot tell (the server answers as for any name), says where the code went,
    // and offers another user name.
    await typeUsername(el, 'erika.muster');
    await waitForState(el, 'chat-code');
    await el.updateComplete;
    expect(shadow(el, '#chat-sent').textContent).to.equal(chatDe.codeSent('erika.muster'));
    const messages = shadow<HTMLAnchorElement>(el, 'form a[part="link"]');
    expect(messages.href).to.equal(`${stack.mattermost}/verein/messages/@vereinsraum`);
    expect(messages.target).to.equal('_blank');
    expect(shadow(el, '#chat-code').getAttribute('aria-describedby')).to.equal('chat-sent chat-code-hint');
    await expect(el).to.be.accessible();
    // A code that cannot be one is refused in the browser already.
    await typeCode(el, 'abc');
    await el.updateComplete;
    expect(shadow(el, '#chat-code-error').textContent).to.equal(chatDe.errors.chat_code_invalid);
    expect(shadow(el, '#chat-code').getAttribute('aria-invalid')).to.equal('true');
    await click([...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('form button')].find((b) => b.textContent === chatDe.changeName)!);
    await waitForState(el, 'chat');
    await el.updateComplete;

    // A user name that cannot be one is refused in the browser already.
    await typeUsername(el, 'Erika Muster');
    await el.updateComplete;
    expect(shadow(el, '#chat-user-error').textContent).to.equal(chatDe.errors.chat_username_invalid);

    // 5. Signed up (in the sandbox), typed as people type it: the bot's message has the code; a wrong one is said at
    // the field, the right one lets the visitor in, and the channel opens in a new tab.
    await mattermost('add-user', { username: 'erika.muster' });
    await typeUsername(el, '@Erika.Muster');
    await waitForState(el, 'chat-code');
    await el.updateComplete;
    const code = await codeFor('erika.muster');
    expect((await channels()).find((c) => c.name.endsWith(id))!.members, 'not in the channel before the code').not.to.include(
      'erika.muster',
    );
    await typeCode(el, 'AAAA-AAAA');
    await waitUntil(() => el.state === 'chat-code' && !!el.shadowRoot!.querySelector('#chat-code-error'), 'the wrong code');
    await el.updateComplete;
    expect(shadow(el, '#chat-code-error').textContent).to.equal(chatDe.errors.chat_code_invalid);
    await expect(el).to.be.accessible();
    const joined = oneEvent(el, 'verein-joined') as Promise<VereinJoinedEvent>;
    await typeCode(el, code.toLowerCase());
    await waitUntil(() => el.state === 'opened', `opened (now ${el.state})`);
    await el.updateComplete;
    expect((await joined).detail).to.deep.equal({ tenant: 'tsv', room, role: 'attendee', target: '_blank' });
    await waitUntil(async () => (await chatRequests()) > before, 'the channel tab reaches the chat server after agreeing');
    expect(el.shadowRoot!.querySelector('iframe'), 'never framed').to.equal(null);
    expect(shadow(el, '[role="status"]').textContent).to.contain(chatDe.opened);
    expect(shadow<HTMLAnchorElement>(el, '[role="status"] a[part="link"]').href).to.equal(
      `${stack.mattermost}/verein/channels/austausch-uebungsleitung-${id}`,
    );
    await expect(el).to.be.accessible();
    const [channel] = (await channels()).filter((c) => c.name.endsWith(id));
    expect(channel!.members).to.include('erika.muster');
  });

  it('the moderator link makes a channel admin; with the chat server down the visitor learns it and tries again', async () => {
    const { room, moderator } = await chatRoom('Vorstand im Chat');
    await mattermost('add-user', { username: 'karla' });
    const el = await joinPage(room, moderator, { lang: 'en' });
    await mattermost('outage', { on: true });
    const failed = oneEvent(el, 'verein-error') as Promise<VereinErrorEvent>;
    await click(shadow(el, 'button[part="button"]'));
    await waitForState(el, 'error');
    await el.updateComplete;
    expect((await failed).detail.code).to.equal('chat_unavailable');
    expect(shadow(el, '[role="alert"]').textContent).to.contain(chatEn.errors.chat_unavailable);
    await expect(el).to.be.accessible();

    await mattermost('outage', { on: false });
    await click(shadow(el, '.error button'));
    await waitForState(el, 'chat');
    await el.updateComplete;
    expect(shadow(el, 'label[for="chat-user"]').textContent).to.equal(chatEn.usernameLabel);
    expect(shadow(el, '[part="consent"]').textContent).to.contain(chatEn.sendsTo(new URL(stack.mattermost).host));
    await typeUsername(el, 'karla');
    await waitForState(el, 'chat-code');
    // The first message did not come (as it seems): back to the user name, which is still there, and a new code; the
    // newest one works.
    await codeFor('karla');
    await click([...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('form button')].find((b) => b.textContent === chatEn.changeName)!);
    await waitForState(el, 'chat');
    await el.updateComplete;
    expect(shadow<HTMLInputElement>(el, '#chat-user').value).to.equal('karla');
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'chat-code');
    await el.updateComplete;
    expect(shadow(el, '#chat-code-hint').textContent).to.match(new RegExp(`^${chatEn.codeHint('').replace(/\.$/, '')}\\d`));
    await typeCode(el, await codeFor('karla', 2));
    await waitForState(el, 'opened');
    const [channel] = (await channels()).filter((c) => c.name.endsWith(room.slice(2)));
    expect(channel!.admins).to.include('karla');
  });

  it('works with the keyboard: Tab reaches the sign-up link and both buttons, Cancel goes back to the join button', async () => {
    const { room, attendee } = await chatRoom('Tastatur');
    const el = await joinPage(room, attendee);
    shadow(el, 'button[part="button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'chat');
    await el.updateComplete;
    // The privacy notice (its links and its "remember" box) first; then the sign-up link, which agrees too; the
    // agreeing button, Cancel last.
    const order: string[] = [];
    while (order.at(-1) !== de.cancel && order.length < 10) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement as HTMLElement;
      order.push(
        active.getAttribute('href') === shadow(el, 'a[part="link"]').getAttribute('href')
          ? 'sign-up'
          : active.id || active.textContent!.trim(),
      );
    }
    expect(order.indexOf('consent')).to.be.within(0, order.indexOf('sign-up'));
    expect(shadow(el, 'a[part="link"]').textContent).to.contain(chatDe.agreeSignUp);
    expect(order.slice(-3)).to.deep.equal(['sign-up', chatDe.agreeSubmit, de.cancel]);
    await sendKeys({ press: 'Enter' });
    await waitForState(el, 'idle');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, 'button[part="button"]'));
  });

  it('the status element shows members and the last activity of a chat room, in German and English', async () => {
    const { room, attendee } = await chatRoom('Status im Chat');
    const status = await fixture<VereinRoomStatus>(
      html`<verein-room-status endpoint=${stack.endpoint} tenant="tsv" room=${room} lang="de"></verein-room-status>`,
    );
    await waitForState(status, 'chat');
    await status.updateComplete;
    expect(shadow(status, '[part="label"]').textContent).to.equal('Chat · 0 Mitglieder');
    expect(shadow(status, '[part="details"]').textContent).to.match(/^Zuletzt aktiv: \d{2}:\d{2}$/);
    await expect(status).to.be.accessible();

    // Someone joins: the count follows, through the live status feed.
    await mattermost('add-user', { username: 'statusfan' });
    const join = (body: object) =>
      fetch(`${stack.endpoint}/v1/rooms/tsv/${room}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invite: attendee, ...body }),
      });
    const asked = await join({ chatUsername: 'statusfan' });
    expect(asked.status).to.equal(202);
    const { chat } = (await asked.json()) as JoinChatCodeResponse;
    expect((await join({ chatConfirmation: chat.confirmation, chatCode: await codeFor('statusfan') })).status).to.equal(200);
    await waitUntil(() => shadow(status, '[part="label"]').textContent === 'Chat · 1 Mitglied', 'one member', { timeout: 8000 });
    status.setAttribute('lang', 'en');
    await status.updateComplete;
    expect(shadow(status, '[part="label"]').textContent).to.equal('Chat · 1 member');
    expect(shadow(status, '[part="details"]').textContent).to.match(/^Last active: /);
    await expect(status).to.be.accessible();
  });
});
