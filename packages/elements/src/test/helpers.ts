// Shared by the browser tests: the stack's address and commands (served by the
// test runner plugin), small waits and the steps of joining.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { AdminBooking, BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { solveChallenge } from '../api/altcha.js';
// @ts-expect-error served by the test runner plugin
import { admin, codes, endpoint, jitsi, mattermost as mattermostUrl, region } from '/__stack.js';

export const stack = {
  endpoint: endpoint as string,
  codes: codes as { moderator: string; attendee: string },
  /** Base URL of the Jitsi sandbox, e.g. `http://127.0.0.1:40123`. */
  jitsi: jitsi as string,
  /** The admin token of the server helper (tenant `tsv` takes bookings). */
  admin: admin as string,
  /** A region admin's token: the server takes it for the clubs of region `test` only. */
  region: region as string,
  /** Base URL of the Mattermost sandbox (tenant `tsv` books chat rooms in its team `verein`). */
  mattermost: mattermostUrl as string,
};

export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in ${host.localName}`);
  return found;
}

export async function waitForState(el: HTMLElement & { state: string }, state: string, timeout = 8000): Promise<void> {
  await waitUntil(() => el.state === state, `state ${state} (now ${el.state})`, { timeout });
}

/** A join element, without importing its class (the tests import the tags through define.js). */
type JoinElement = HTMLElement & { state: string; updateComplete: Promise<boolean> };

/** A real click (trusted, with user activation), in the middle of the element. */
export async function click(element: Element): Promise<void> {
  // A mouse clicks only what is on the screen: an element further down the page (below an open form) is scrolled to first.
  element.scrollIntoView({ block: 'nearest' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Click the join button (once the element shows it: after the check of an invite) and wait for the name form. */
export async function openForm(el: JoinElement): Promise<void> {
  await waitForState(el, 'idle');
  await el.updateComplete;
  await click(shadow(el, 'button[part="button"]'));
  await waitForState(el, 'asking');
  await el.updateComplete;
}

/** Type a name (and an access code) into the form and press Enter. */
export async function submitName(el: JoinElement, name: string, code?: string): Promise<void> {
  const input = shadow<HTMLInputElement>(el, '#name');
  input.focus();
  input.select();
  await sendKeys({ type: name });
  if (code !== undefined) {
    if (!el.shadowRoot?.querySelector('#code')) {
      await click(shadow(el, '.link-button'));
      await el.updateComplete;
    }
    shadow<HTMLInputElement>(el, '#code').focus();
    await sendKeys({ type: code });
  }
  await sendKeys({ press: 'Enter' });
}

export function startMeeting(room: string): Promise<boolean> {
  return executeServerCommand('start-meeting', { room });
}

/** End the meeting for everyone, with BigBlueButton's `end` call. */
export function endMeeting(room: string): Promise<boolean> {
  return executeServerCommand('end-meeting', { room });
}

/** Event streams counted by the stack: per-room streams by room, and the tenant streams (`connections`) with the rooms of each open one. */
export function eventStreams(): Promise<{
  requested: Record<string, number>;
  open: Record<string, number>;
  connections: { requested: number; open: number; rooms: string[][] };
}> {
  return executeServerCommand('event-streams');
}

/** While on, `/events` answers like a proxy that blocks Server-Sent Events (502, an HTML page). */
export function setEventsBlocked(on: boolean): Promise<boolean> {
  return executeServerCommand('block-events', { on });
}

/**
 * The Mattermost sandbox: `outage` (down while `on`), `add-user` (an account `username`), `channels` (names,
 * members, posts), `direct-messages` (what others wrote to `username`: `{ from, message }[]`).
 */
export function mattermost(
  action: 'outage' | 'add-user' | 'channels' | 'direct-messages',
  payload: { on?: boolean; username?: string } = {},
): Promise<unknown> {
  return executeServerCommand('mattermost', { action, ...payload });
}

/** Make the server helper's calls to the conference server fail (or work again). */
export function setUpstreamDown(down: boolean): Promise<boolean> {
  return executeServerCommand('upstream', { down });
}

/** Make the server helper's bookings database refuse writes (or take them again): `503 storage_unavailable`. */
export function setStorageReadOnly(readOnly: boolean): Promise<boolean> {
  return executeServerCommand('storage', { readOnly });
}

export function sandboxCalls(): Promise<Record<string, number>> {
  return executeServerCommand('sandbox-calls');
}

/** Joins the Jitsi sandbox accepted (`joins`) and refused (`refused`), and more. */
export function jitsiCalls(): Promise<Record<'joins' | 'refused' | 'roomSize' | 'keyFetches', number>> {
  return executeServerCommand('jitsi-calls');
}

/** While on, Jitsi meetings opened afterwards report blocked camera and microphone. */
export function setJitsiDeviceFailure(on: boolean): Promise<boolean> {
  return executeServerCommand('jitsi-device-failure', { on });
}

/** How an invite from {@link makeInvite} goes wrong, if at all. */
export type InviteProblem = 'expired' | 'not-yet-valid' | 'revoked' | 'foreign-key' | 'tampered';

/**
 * An invite of the test server helper for a room of tenant `tsv`: signed, or
 * with `short` a short one kept in its store. `startsInMs` is when a
 * `not-yet-valid` one starts (default in an hour).
 */
export function makeInvite(
  room: string,
  role: 'moderator' | 'attendee' = 'attendee',
  problem?: InviteProblem,
  options: { short?: boolean; startsInMs?: number } = {},
): Promise<string> {
  return executeServerCommand('invite', { room, role, problem, ...options });
}

/**
 * A room of tenant `tsv` booked through the API (proof of work solved here)
 * and approved by the operator (the admin API behind the page's origin):
 * the booking and its links.
 */
export async function bookRoom(spec: {
  title: string;
  startsInMs: number;
  weeks?: number;
  kind?: 'video' | 'chat';
}): Promise<AdminBooking> {
  const challenge = (await (await fetch(`${stack.endpoint}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
  const start = Math.ceil((Date.now() + spec.startsInMs) / 60_000) * 60_000;
  const response = await fetch(`${stack.endpoint}/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: spec.kind ?? 'video',
      tenant: 'tsv',
      title: spec.title,
      organisation: 'TSV Test',
      contactName: 'Erika Musterfrau',
      contactEmail: `erika.${Math.random().toString(36).slice(2, 8)}@example.org`,
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      ...(spec.weeks ? { weeks: spec.weeks } : {}),
      expectedParticipants: 8,
      consent: true,
      altcha: await solveChallenge(challenge),
    }),
  });
  const created = (await response.json()) as BookingCreated;
  const approved = await fetch(`${location.origin}/v1/admin/bookings/${created.id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.admin}` },
  });
  if (approved.status !== 200) throw new Error(`approve: HTTP ${approved.status}: ${await approved.text()}`);
  return approved.json() as Promise<AdminBooking>;
}

/** Text of `selector` in the Jitsi sandbox's meeting iframe (cross-origin, read through the browser driver); null if absent. */
export function jitsiFrameText(selector: string): Promise<string | null> {
  return executeServerCommand('jitsi-frame', { selector, action: 'text' });
}

/** Click `selector` in the Jitsi sandbox's meeting iframe. */
export function jitsiFrameClick(selector: string): Promise<boolean | null> {
  return executeServerCommand('jitsi-frame', { selector, action: 'click' });
}

/** Collect console warnings and errors while a test runs. */
// Mocha's hooks, global in the test runner's pages (there are no mocha types in the project).
declare function beforeEach(hook: () => void): void;
declare function afterEach(hook: () => void): void;

/**
 * In the calling suite, every test must end without console warnings or
 * errors. Call it after the suite's own hooks: its check runs after theirs.
 */
export function expectQuietConsole(): void {
  let watch: ReturnType<typeof watchConsole>;
  beforeEach(() => {
    watch = watchConsole();
  });
  afterEach(() => {
    watch.stop();
    expect(watch.messages, 'no console warnings or errors').to.deep.equal([]);
  });
}

function watchConsole(): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => messages.push(args.join(' '));
  console.error = (...args: unknown[]) => messages.push(args.join(' '));
  return {
    messages,
    stop() {
      console.warn = warn;
      console.error = error;
    },
  };
}

/** Close the meetings the tests opened in new tabs, and bring the test page to the front again. */
export function closeTabs(): Promise<number> {
  return executeServerCommand('close-tabs');
}

/** Set the page URL's fragment (`''` removes it) without a navigation or a `hashchange`. */
export function setFragment(fragment: string): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`);
}

/**
 * Fill in the booking form with the keyboard alone, from its first field to
 * its submit button (focused at the end): typing, Tab, Space on the consent
 * box. Checks on the way that Tab reaches the fields in the form's order.
 */
export async function fillWithKeyboard(el: HTMLElement, values: Record<string, string | boolean>): Promise<void> {
  const active = () => el.shadowRoot!.activeElement;
  const expectFocus = (what: string, ok: boolean) => {
    if (!ok) throw new Error(`Tab should reach ${what}, not ${active()?.outerHTML.slice(0, 80)}`);
  };
  el.shadowRoot!.querySelector<HTMLInputElement>('#f-title')!.focus();
  await sendKeys({ type: values.title as string });
  for (const name of ['organisation', 'contactName', 'contactEmail']) {
    await sendKeys({ press: 'Tab' });
    expectFocus(name, active()?.getAttribute('name') === name);
    await sendKeys({ type: values[name] as string });
  }
  await sendKeys({ press: 'Tab' });
  expectFocus('date', active()?.getAttribute('name') === 'date');
  await typeDate(values.date as string);
  for (const name of ['startTime', 'endTime']) {
    // Tab also moves between the parts of a date or time field: on to the next field.
    await tabOutOf(el);
    expectFocus(name, active()?.getAttribute('name') === name);
    await typeTime(values[name] as string);
  }
  await tabOutOf(el);
  expectFocus('repeat', active()?.getAttribute('name') === 'repeat');
  await sendKeys({ press: 'Tab' });
  expectFocus('participants', active()?.getAttribute('name') === 'participants');
  await sendKeys({ type: values.participants as string });
  await sendKeys({ press: 'Tab' });
  expectFocus('consent', active()?.getAttribute('name') === 'consent');
  await sendKeys({ press: 'Space' });
  await sendKeys({ press: 'Tab' });
  expectFocus('the privacy link', active()?.className === 'privacy');
  await sendKeys({ press: 'Tab' });
  expectFocus('submit', active()?.getAttribute('type') === 'submit');
}

/** Press Tab until focus leaves the focused field (date and time fields have a stop per part). */
async function tabOutOf(el: HTMLElement): Promise<void> {
  const from = el.shadowRoot!.activeElement;
  for (let i = 0; i < 4 && el.shadowRoot!.activeElement === from; i++) await sendKeys({ press: 'Tab' });
}

/** Type a date into a focused `<input type="date">` in the order the browser's locale shows its parts. */
async function typeDate(iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  const order = new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 11, 31)).map((p) => p.type);
  for (const part of order) {
    if (part === 'year') await sendKeys({ type: y! });
    if (part === 'month') await sendKeys({ type: m! });
    if (part === 'day') await sendKeys({ type: d! });
  }
}

/** Type a time into a focused `<input type="time">` (with AM/PM when the locale has it). */
async function typeTime(hhmm: string): Promise<void> {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const twelve = new Intl.DateTimeFormat(navigator.language, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h1');
  if (twelve) {
    await sendKeys({ type: String(h % 12 || 12).padStart(2, '0') + String(m).padStart(2, '0') });
    await sendKeys({ type: h < 12 ? 'A' : 'P' });
  } else {
    await sendKeys({ type: String(h).padStart(2, '0') + String(m).padStart(2, '0') });
  }
}
