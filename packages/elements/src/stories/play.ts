// Small steps for the stories' play functions: click the element's own
// controls inside its shadow root and wait for a state.
import type { VereinJoinRoom } from '../components/join-room/join-room.js';
import type { VereinRoomBooking } from '../components/room-booking/room-booking.js';

export function joinRoomIn(canvas: HTMLElement): VereinJoinRoom {
  const el = canvas.querySelector('verein-join-room');
  if (!el) throw new Error('no verein-join-room in the story');
  return el;
}

export async function until(check: () => boolean, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) throw new Error('the story did not reach its state');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Click join (once the element shows the button: after an invite's check), fill in the name (and a code), submit; resolve when `state` is reached. */
export async function fillAndJoin(el: VereinJoinRoom, name: string, state: string, code?: string): Promise<void> {
  await until(() => el.state === 'idle');
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  await until(() => el.state === 'asking');
  await el.updateComplete;
  if (code !== undefined) {
    el.shadowRoot!.querySelector<HTMLButtonElement>('.link-button')?.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('#code')!.value = code;
  }
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#name')!;
  input.value = name;
  input.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
}

/** Click join in a chat room, wait for the user-name form, type `username` and submit; resolve when `state` is reached. */
export async function fillChat(el: VereinJoinRoom, username: string, state: string): Promise<void> {
  await until(() => el.state === 'idle');
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!.click();
  await until(() => el.state === 'chat');
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#chat-user')!;
  input.value = username;
  input.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
}

/** In the code form of a chat room: type `code` and submit; resolve when `state` is reached. */
export async function fillCode(el: VereinJoinRoom, code: string, state: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#chat-code')!;
  input.value = code;
  input.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state && !!(state !== 'chat-code' || el.shadowRoot!.querySelector('#chat-code-error')));
  await el.updateComplete;
}

/** The booking element of a story. */
export function bookingIn(canvas: HTMLElement): VereinRoomBooking {
  const el = canvas.querySelector('verein-room-booking');
  if (!el) throw new Error('no verein-room-booking in the story');
  return el;
}

/** `YYYY-MM-DD`, `days` from today in the page's time zone. */
export function dayFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A complete, valid booking for the form (names are the inputs' `name`s). */
export function sampleBooking(): Record<string, string | boolean> {
  return {
    title: 'Jahreshauptversammlung',
    organisation: 'Förderverein Grundschule',
    contactName: 'Erika Musterfrau',
    contactEmail: 'erika@example.org',
    date: dayFromNow(7),
    startTime: '19:00',
    endTime: '21:00',
    participants: '25',
    consent: true,
  };
}

/** Wait for the form, type `values` into it (as `input` events, like a visitor) and submit; resolve at `state`. */
export async function fillBooking(el: VereinRoomBooking, values: Record<string, string | boolean>, state?: string): Promise<void> {
  await until(() => el.state === 'form');
  await el.updateComplete;
  for (const [name, value] of Object.entries(values)) {
    // Fields that appear on the way (weeks after "repeat") need a render first.
    await el.updateComplete;
    // The kind is a pair of radio buttons: choose the one with that value.
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(
      name === 'kind' ? `[name="kind"][value="${String(value)}"]` : `[name="${name}"]`,
    );
    if (!input) throw new Error(`no field ${name}`);
    if (typeof value === 'boolean' || name === 'kind') input.checked = value !== false;
    else input.value = value;
    input.dispatchEvent(new Event(typeof value === 'boolean' || name === 'kind' ? 'change' : 'input', { bubbles: true }));
  }
  await el.updateComplete;
  if (state === undefined) return;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() => el.state === state);
  await el.updateComplete;
}

/**
 * On a page the tenant does not allow: wait for the element's note, and open
 * its webmaster part, so the story shows both.
 */
export async function openWebmasterNote({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const el = canvasElement.querySelector<HTMLElement & { updateComplete: Promise<boolean> }>(
    'verein-join-room, verein-room-status, verein-room-booking',
  )!;
  await until(() => !!el.shadowRoot?.querySelector('details[part="webmaster"]'));
  el.shadowRoot!.querySelector<HTMLDetailsElement>('details[part="webmaster"]')!.open = true;
  await el.updateComplete;
}

/** Type `token` into the one admin token form of the operator elements in `canvas` (whichever shows it) and send it. */
export async function signInOnPage(canvas: HTMLElement, token: string): Promise<void> {
  const operators = [
    ...canvas.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>(
      'verein-booking-admin, verein-usage-report, verein-club-review',
    ),
  ];
  await Promise.all(operators.map((el) => el.updateComplete));
  const input = operators.map((el) => el.shadowRoot!.querySelector<HTMLInputElement>('input[type="password"]')).find(Boolean);
  if (!input) throw new Error('no token form in the story');
  input.value = token;
  input.form!.requestSubmit();
}
