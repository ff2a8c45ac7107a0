// The operator's element against the real server helper (SQLite store, the
// BigBlueButton and Mattermost sandboxes), through the page's own origin as an
// operator runs it (the admin API answers only its own origin; see
// web-test-runner.config.mjs). Other test files book in the same database: the
// checks look at this file's own bookings, and at what every card shows.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AdminBooking, BookingCreated, BookingKind } from '@vereinsraum/protocol';
import './define.js';
import { solveChallenge } from '../../api/altcha.js';
import { createBooking, fetchBookingChallenge } from '../../api/client.js';
import type { VereinBookingChangedEvent, VereinBookingErrorEvent } from '../../events.js';
import { expectQuietConsole, mattermost, shadow, stack, waitForState } from '../../test/helpers.js';
import type { VereinBookingAdmin } from './booking-admin.js';

const TOKEN_KEY = 'vereinsraum.adminToken';
const MINUTE = 60_000;

/** The admin API as a tool calls it (the element is not involved). */
async function adminApi<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${location.origin}/v1/admin${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${stack.admin}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

let serial = 0;

/** A booking made as a club's page makes it (proof of work included), by default in three days. */
async function book(
  options: { tenant?: 'tsv' | 'farbe'; kind?: BookingKind; inMinutes?: number; language?: 'de' | 'en' } = {},
): Promise<BookingCreated> {
  const tenant = options.tenant ?? 'tsv';
  const start = new Date(Date.now() + (options.inMinutes ?? 3 * 24 * 60) * MINUTE);
  start.setSeconds(0, 0);
  const challenge = await fetchBookingChallenge({ endpoint: stack.endpoint, tenant });
  return createBooking(stack.endpoint, {
    kind: options.kind ?? 'video',
    tenant,
    title: `Admin-Test ${Date.now().toString(36)} ${++serial}`,
    organisation: 'Förderverein Admin-Test',
    contactName: 'Erika Musterfrau',
    contactEmail: `erika.${Math.random().toString(36).slice(2, 8)}@example.org`,
    start: start.toISOString(),
    end: new Date(start.getTime() + 90 * MINUTE).toISOString(),
    expectedParticipants: 20,
    consent: true,
    ...(options.language ? { language: options.language } : {}),
    altcha: await solveChallenge(challenge),
  });
}

async function admin(lang = 'de', tenant = ''): Promise<VereinBookingAdmin> {
  const el = await fixture<VereinBookingAdmin>(
    html`<verein-booking-admin endpoint=${location.origin} tenant=${tenant} lang=${lang}></verein-booking-admin>`,
  );
  await el.updateComplete;
  return el;
}

async function signIn(el: VereinBookingAdmin, token = stack.admin): Promise<void> {
  shadow<HTMLInputElement>(el, '#token').value = token;
  shadow<HTMLFormElement>(el, 'form').requestSubmit();
  await waitUntil(() => el.state === 'list' || el.state === 'error' || !!el.shadowRoot!.querySelector('#problem'), 'an answer');
  await el.updateComplete;
}

/** Choose a filter value, as the operator does, and wait for the new list. */
async function choose(el: VereinBookingAdmin, name: 'status' | 'tenant' | 'kind', value: string): Promise<void> {
  const select = shadow<HTMLSelectElement>(el, `#filter-${name}`);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  expect(el.state).to.equal('loading');
  await waitForState(el, 'list');
  await el.updateComplete;
}

function cards(el: VereinBookingAdmin): HTMLLIElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li.card')];
}

function card(el: VereinBookingAdmin, id: string): HTMLLIElement {
  return shadow(el, `#b-${id}`).closest('li')!;
}

/** A card's rows, label → text. */
function rows(item: Element): Record<string, string> {
  return Object.fromEntries(
    [...item.querySelectorAll('dl > div')].map((row) => [
      row.querySelector('dt')!.textContent!.trim(),
      row.querySelector<HTMLElement>('dd')!.innerText.replace(/\s+/g, ' ').trim(),
    ]),
  );
}

function announced(el: VereinBookingAdmin): string {
  return shadow(el, '[role="status"]').textContent!.trim();
}

function focused(el: VereinBookingAdmin): Element | null {
  return el.shadowRoot!.activeElement;
}

describe('verein-booking-admin against the server helper', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });
  expectQuietConsole();

  it('signs in once per tab, then shows every state, open requests first, with what each card needs to decide', async () => {
    const pending = await book();
    const chat = await book({ kind: 'chat' });
    const approved = await book({ tenant: 'farbe' });
    await adminApi(`/bookings/${approved.id}/approve`, {});
    const rejected = await book();
    await adminApi(`/bookings/${rejected.id}/reject`, { reason: 'Der Raum ist an diesem Abend belegt.' });
    const cancelled = await book({ tenant: 'farbe' });
    await adminApi(`/bookings/${cancelled.id}/approve`, {});
    await adminApi(`/bookings/${cancelled.id}/cancel`, { reason: 'Die Halle wird renoviert.' });
    const byBooker = await book();
    await fetch(`${stack.endpoint}/v1/bookings/${byBooker.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${byBooker.manageToken}` },
    });

    const el = await admin();
    expect(el.state).to.equal('signed-out');
    expect(shadow<HTMLInputElement>(el, '#token').type).to.equal('password');
    await expect(el).to.be.accessible();
    await signIn(el);
    expect(el.state).to.equal('list');
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.admin);
    expect(localStorage.length).to.equal(0);
    expect(focused(el)?.id).to.equal('title');
    expect(shadow(el, 'h2').textContent).to.equal('Buchungen');

    // Every state; open requests first.
    const statuses = cards(el).map((item) => item.dataset.status);
    expect(statuses.lastIndexOf('pending')).to.be.lessThan(statuses.findIndex((status) => status !== 'pending'));
    const badge = (id: string) => card(el, id).querySelector('.badge')!.textContent!.trim();
    expect([pending, chat, approved, rejected, cancelled, byBooker].map((b) => badge(b.id))).to.deep.equal([
      'Offen',
      'Offen',
      'Bestätigt',
      'Abgelehnt',
      'Abgesagt',
      'Abgesagt',
    ]);
    expect(announced(el)).to.equal(`${cards(el).length} Buchungen.`);

    // What a card shows: dates, club, tenant, kind, room, contact, people, and why it was declined or cancelled.
    const date = new Intl.DateTimeFormat('de', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(approved.dates[0]!.start));
    const shown = rows(card(el, approved.id));
    expect(shown).to.include({
      'Verein oder Gruppe': 'Förderverein Admin-Test',
      Mandant: 'Farbe Test',
      Art: 'Videoraum',
      Raum: `farbe/b-${approved.id}`,
      'Personen (erwartet)': '20',
    });
    expect(shown.Termine).to.match(new RegExp(`^${date.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}–\\d\\d:\\d\\d$`));
    expect(shown.Ansprechperson).to.match(/^Erika Musterfrau erika\.\w+@example\.org$/);
    expect(card(el, approved.id).querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!.href).to.match(/^mailto:erika\.\w+@example\.org$/);
    expect(rows(card(el, chat.id))).to.include({ Art: 'Chatraum', Mandant: 'TSV Test' });
    expect(rows(card(el, pending.id))).not.to.have.property('Raum');
    expect(rows(card(el, rejected.id)).Grund).to.equal('Der Raum ist an diesem Abend belegt.');
    expect(rows(card(el, cancelled.id)).Grund).to.equal('Die Halle wird renoviert.');
    expect(rows(card(el, byBooker.id)).Grund).to.equal('Die Ansprechperson hat abgesagt.');

    // What can be done: approve and decline open requests, cancel approved ones, nothing for the others.
    const buttons = (id: string) => [...card(el, id).querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(buttons(pending.id)).to.deep.equal(['Bestätigen', 'Ablehnen']);
    expect(buttons(approved.id)).to.deep.equal(['Absagen']);
    expect(buttons(rejected.id)).to.deep.equal([]);
    expect(buttons(cancelled.id)).to.deep.equal([]);
    expect(card(el, pending.id).querySelector('button')!.getAttribute('aria-describedby')).to.equal(`b-${pending.id}`);

    // The filters: both tenants the token may see (by id), and the kinds, since one of them takes chat rooms.
    const options = (name: string) => [...el.shadowRoot!.querySelectorAll(`#filter-${name} option`)].map((o) => o.textContent!.trim());
    expect(options('status')).to.deep.equal(['Alle', 'Offen', 'Bestätigt', 'Abgelehnt', 'Abgesagt']);
    expect(options('tenant')).to.deep.equal(['Alle', 'Farbe Test', 'TSV Test']);
    expect(options('kind')).to.deep.equal(['Alle', 'Videoraum', 'Chatraum']);
    await expect(el).to.be.accessible();

    // A second element in the same tab needs no token, and speaks English.
    const again = await admin('en');
    await waitForState(again, 'list');
    await again.updateComplete;
    expect(shadow(again, 'h2').textContent).to.equal('Bookings');
    expect(card(again, approved.id).querySelector('.badge')!.textContent!.trim()).to.equal('Approved');
    expect(rows(card(again, rejected.id))).to.include({
      Reason: 'Der Raum ist an diesem Abend belegt.',
      Kind: 'Video room',
      Tenant: 'TSV Test',
    });
    await expect(again).to.be.accessible();
  });

  it('filters by status, tenant and kind, each answered by the server', async () => {
    const [video, chat, second] = await Promise.all([book(), book({ kind: 'chat' }), book({ tenant: 'farbe' })]);
    await adminApi(`/bookings/${second.id}/approve`, {});
    const el = await admin('en');
    await signIn(el);
    const ids = () => cards(el).map((item) => item.querySelector('h3')!.id.slice(2));
    const everyCard = (check: (row: Record<string, string>, item: HTMLLIElement) => boolean) =>
      cards(el).every((item) => check(rows(item), item));

    await choose(el, 'status', 'pending');
    expect(ids()).to.include.members([video.id, chat.id]).and.not.include(second.id);
    expect(everyCard((_, item) => item.dataset.status === 'pending')).to.equal(true);
    expect(announced(el)).to.equal(cards(el).length === 1 ? 'One booking.' : `${cards(el).length} bookings.`);
    await expect(el).to.be.accessible();

    await choose(el, 'kind', 'chat');
    expect(ids()).to.include(chat.id).and.not.include(video.id);
    expect(everyCard((row, item) => row.Kind === 'Chat room' && item.dataset.status === 'pending')).to.equal(true);

    await choose(el, 'status', '');
    await choose(el, 'kind', '');
    await choose(el, 'tenant', 'farbe');
    expect(ids()).to.include(second.id).and.not.include.members([video.id, chat.id]);
    expect(everyCard((row) => row.Tenant === 'Farbe Test')).to.equal(true);

    // Nothing matches: said, not an empty box. Farbe Test takes no chat rooms.
    await choose(el, 'kind', 'chat');
    expect(cards(el)).to.have.length(0);
    expect(el.shadowRoot!.querySelector('ul.cards')).to.equal(null);
    expect(announced(el)).to.equal('No bookings for this choice.');
    await expect(el).to.be.accessible();
  });

  it('starts with its own tenant; the filter can show the others', async () => {
    const own = await book({ tenant: 'farbe' });
    const other = await book();
    const el = await admin('de', 'farbe');
    await signIn(el);
    expect(shadow<HTMLSelectElement>(el, '#filter-tenant').value).to.equal('farbe');
    expect(cards(el).map((item) => item.querySelector('h3')!.id))
      .to.include(`b-${own.id}`)
      .and.not.include(`b-${other.id}`);
    await waitUntil(() => el.style.getPropertyValue('--_tenant-primary') === '#6b1d5c', "the tenant's theme");
    await choose(el, 'tenant', '');
    expect(cards(el).map((item) => item.querySelector('h3')!.id)).to.include.members([`b-${own.id}`, `b-${other.id}`]);
  });

  it('cancels an approved booking: a reason is required, the result is announced, focus stays on the card, its links are refused', async () => {
    // Dates that start in ten minutes: the invites work now (from 30 minutes before).
    const created = await book({ inMinutes: 10 });
    const approved = await adminApi<AdminBooking>(`/bookings/${created.id}/approve`, {});
    const invite = new URLSearchParams(new URL(approved.links!.moderator).hash.slice(1)).get('invite')!;
    const join = () =>
      fetch(`${stack.endpoint}/v1/rooms/tsv/b-${created.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Erika', invite }),
      });
    expect((await join()).status).to.equal(200);

    const el = await admin();
    await signIn(el);
    shadow<HTMLButtonElement>(el, `#cancel-${created.id}`).click();
    await el.updateComplete;
    const reason = shadow<HTMLTextAreaElement>(el, `#reason-${created.id}`);
    expect(focused(el)).to.equal(reason);
    expect(reason.labels![0]!.textContent).to.equal('Grund (steht in der E-Mail an die Ansprechperson)');
    expect(reason.getAttribute('aria-describedby')).to.equal(`reason-${created.id}-hint`);
    await expect(el).to.be.accessible();

    // Without a reason: nothing is sent, the field says why.
    const sent: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') sent.push(`${String(input)} ${String(init.body)}`);
      return realFetch(input, init);
    };
    try {
      shadow<HTMLFormElement>(el, 'form.reason').requestSubmit();
      await el.updateComplete;
      expect(sent).to.deep.equal([]);
      expect(reason.getAttribute('aria-invalid')).to.equal('true');
      expect(reason.getAttribute('aria-describedby')).to.equal(`reason-${created.id}-hint reason-${created.id}-error`);
      expect(shadow(el, `#reason-${created.id}-error`).textContent).to.equal('Bitte schreiben Sie, warum Sie absagen.');
      expect(focused(el)).to.equal(reason);
      await expect(el).to.be.accessible();

      const changed = oneEvent(el, 'verein-booking-changed') as Promise<VereinBookingChangedEvent>;
      reason.value = 'Die Halle wird an diesem Abend renoviert.';
      shadow<HTMLFormElement>(el, 'form.reason').requestSubmit();
      expect((await changed).detail).to.deep.equal({ id: created.id, tenant: 'tsv', status: 'cancelled' });
    } finally {
      window.fetch = realFetch;
    }
    expect(sent).to.deep.equal([
      `${location.origin}/v1/admin/bookings/${created.id}/cancel {"reason":"Die Halle wird an diesem Abend renoviert."}`,
    ]);
    await el.updateComplete;
    expect(announced(el)).to.equal(`„${created.title}“ ist abgesagt.`);
    expect(focused(el)?.id).to.equal(`b-${created.id}`);
    expect(card(el, created.id).dataset.status).to.equal('cancelled');
    expect(rows(card(el, created.id)).Grund).to.equal('Die Halle wird an diesem Abend renoviert.');
    expect(card(el, created.id).querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();

    // The server agrees: cancelled, with the operator's reason; the invite no longer opens the room.
    const stored = await adminApi<AdminBooking>(`/bookings/${created.id}`);
    expect(stored.status).to.equal('cancelled');
    expect(stored.audit.at(-1)).to.include({
      action: 'cancelled',
      actor: 'admin-api',
      reason: 'Die Halle wird an diesem Abend renoviert.',
    });
    const refused = await join();
    expect([refused.status, (await refused.json()).code]).to.deep.equal([404, 'room_not_found']);
  });

  it('"Zurück" closes the cancel form and puts focus back on its button', async () => {
    const created = await book();
    await adminApi(`/bookings/${created.id}/approve`, {});
    const el = await admin('en');
    await signIn(el);
    shadow<HTMLButtonElement>(el, `#cancel-${created.id}`).click();
    await el.updateComplete;
    [...card(el, created.id).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Back')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('form.reason')).to.equal(null);
    expect(focused(el)?.id).to.equal(`cancel-${created.id}`);
  });

  it('approves and declines from the open requests: the booking leaves the filtered list, focus moves to the next one', async () => {
    const [first, second, third] = [
      await book({ inMinutes: 5 * 24 * 60 }),
      await book({ inMinutes: 5 * 24 * 60 + 1 }),
      await book({ inMinutes: 5 * 24 * 60 + 2 }),
    ];
    const el = await admin();
    await signIn(el);
    await choose(el, 'status', 'pending');
    const ids = () => cards(el).map((item) => item.querySelector('h3')!.id.slice(2));
    const after = (id: string) => ids()[ids().indexOf(id) + 1];
    const next = after(first.id);

    shadow<HTMLButtonElement>(el, `#approve-${first.id}`).click();
    await waitUntil(() => !ids().includes(first.id), 'the approved booking leaves the open requests');
    await el.updateComplete;
    expect(announced(el)).to.equal(`„${first.title}“ ist bestätigt.`);
    expect(focused(el)?.id).to.equal(`b-${next}`);

    shadow<HTMLButtonElement>(el, `#reject-${second.id}`).click();
    await el.updateComplete;
    shadow<HTMLTextAreaElement>(el, `#reason-${second.id}`).value = 'An diesem Abend ist schon alles belegt.';
    const nextAfterSecond = after(second.id);
    shadow<HTMLFormElement>(el, 'form.reason').requestSubmit();
    await waitUntil(() => !ids().includes(second.id), 'the declined booking leaves the open requests');
    await el.updateComplete;
    expect(announced(el)).to.equal(`„${second.title}“ ist abgelehnt.`);
    expect(focused(el)?.id).to.equal(`b-${nextAfterSecond}`);
    expect((await adminApi<AdminBooking>(`/bookings/${second.id}`)).audit.at(-1)).to.include({
      action: 'rejected',
      reason: 'An diesem Abend ist schon alles belegt.',
    });
    expect((await adminApi<AdminBooking>(`/bookings/${third.id}`)).status).to.equal('pending');
    await expect(el).to.be.accessible();
  });

  it('the keyboard alone: a filter, the cancel form, a reason, the confirmation', async () => {
    const created = await book({ tenant: 'farbe' });
    await adminApi(`/bookings/${created.id}/approve`, {});
    const el = await admin('en');
    await signIn(el);
    // From the title: Tab to Reload, Sign out, then the filters.
    shadow<HTMLElement>(el, '#title').focus();
    for (const id of ['', 'sign-out', 'filter-status']) {
      await sendKeys({ press: 'Tab' });
      if (id) expect(focused(el)?.id).to.equal(id);
    }
    // Arrow keys change a closed select: "Approved", and the list follows.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitForState(el, 'list');
    await waitUntil(() => cards(el).length > 0 && cards(el).every((item) => item.dataset.status === 'approved'), 'only approved bookings');
    expect(focused(el)?.id).to.equal('filter-status');
    // Tab on to the booking's cancel button.
    const target = shadow<HTMLButtonElement>(el, `#cancel-${created.id}`);
    for (let i = 0; i < 60 && focused(el) !== target; i++) await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(target);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)?.id).to.equal(`reason-${created.id}`);
    await sendKeys({ type: 'The hall is closed.' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.textContent!.trim()).to.equal('Cancel now');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !el.shadowRoot!.querySelector(`#b-${created.id}`), 'the cancelled booking leaves the approved ones');
    await el.updateComplete;
    expect(announced(el)).to.equal(`“${created.title}” is cancelled.`);
    // The filter shows approved bookings: the cancelled one left, focus is on the next card or the title.
    expect(el.shadowRoot!.querySelector(`#b-${created.id}`)).to.equal(null);
    expect(focused(el)?.matches('h3[id^="b-"], #title')).to.equal(true);
    expect((await adminApi<AdminBooking>(`/bookings/${created.id}`)).audit.at(-1)).to.include({
      action: 'cancelled',
      reason: 'The hall is closed.',
    });
  });

  it('on a phone (375 px): no horizontal scrolling, every control within the screen and 44 px, one column of cards', async () => {
    const created = await book();
    await adminApi(`/bookings/${created.id}/approve`, {});
    await book({ kind: 'chat' });
    await setViewport({ width: 375, height: 740 });
    const el = await admin();
    await signIn(el);
    const check = async (what: string) => {
      await el.updateComplete;
      expect(document.documentElement.scrollWidth, `${what}: the page scrolls sideways`).to.be.at.most(375);
      const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, select, textarea, input, a[href]')];
      expect(controls.length).to.be.greaterThan(5);
      for (const control of controls) {
        const box = control.getBoundingClientRect();
        const name = `${what}: ${control.outerHTML.slice(0, 80)}`;
        expect(box.left, name).to.be.at.least(0);
        expect(box.right, name).to.be.at.most(375);
        expect(Math.min(box.width, box.height), name).to.be.at.least(44);
      }
      const lefts = new Set(cards(el).map((item) => Math.round(item.getBoundingClientRect().left)));
      expect(lefts.size, `${what}: one column`).to.equal(1);
    };
    await check('the list');
    shadow<HTMLButtonElement>(el, `#cancel-${created.id}`).click();
    await el.updateComplete;
    shadow<HTMLFormElement>(el, 'form.reason').requestSubmit();
    await check('the cancel form with its error');
    await expect(el).to.be.accessible();
    // Wide again: the cards stand side by side.
    await setViewport({ width: 1280, height: 800 });
    await el.updateComplete;
    expect(new Set(cards(el).map((item) => Math.round(item.getBoundingClientRect().left))).size).to.be.greaterThan(1);
  });

  it('a chat room whose chat server is down: the booking stays open, its card says why and takes focus', async () => {
    const created = await book({ kind: 'chat' });
    const el = await admin();
    await signIn(el);
    await mattermost('outage', { on: true });
    try {
      const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
      shadow<HTMLButtonElement>(el, `#approve-${created.id}`).click();
      expect((await refused).detail.code).to.equal('chat_unavailable');
    } finally {
      await mattermost('outage', { on: false });
    }
    await waitForState(el, 'error');
    await el.updateComplete;
    const problem = card(el, created.id).querySelector('#problem')!;
    expect(problem.textContent).to.contain('Der Chat-Server (Mattermost) hat nicht geantwortet');
    expect(focused(el)).to.equal(problem);
    expect(card(el, created.id).dataset.status).to.equal('pending');
    await expect(el).to.be.accessible();
  });

  it('a request decided meanwhile by someone else: 409, the card says so', async () => {
    const created = await book();
    const el = await admin('en');
    await signIn(el);
    await adminApi(`/bookings/${created.id}/reject`, {});
    const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
    shadow<HTMLButtonElement>(el, `#approve-${created.id}`).click();
    expect((await refused).detail.code).to.equal('booking_conflict');
    await el.updateComplete;
    expect(card(el, created.id).querySelector('#problem')!.textContent).to.contain('someone decided meanwhile');
    expect(focused(el)?.id).to.equal('problem');
    await expect(el).to.be.accessible();
  });

  it('a wrong token: asked again, with the reason', async () => {
    const el = await admin();
    const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
    await signIn(el, 'not-the-admin-token-at-all-0123456789');
    expect((await refused).detail.code).to.equal('unauthorized');
    await waitForState(el, 'signed-out');
    await el.updateComplete;
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
    expect(shadow(el, '#problem').textContent).to.contain('Das Token stimmt nicht');
    expect(focused(el)?.id).to.equal('token');
    await expect(el).to.be.accessible();
  });

  it('two operator views on one page share one token form, the sign-in and the sign-out', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <verein-booking-admin id="one" endpoint=${location.origin} lang="de"></verein-booking-admin>
      <verein-booking-admin id="two" endpoint=${location.origin} lang="en"></verein-booking-admin>
    </div>`);
    const [one, two] = [...page.querySelectorAll('verein-booking-admin')] as VereinBookingAdmin[];
    await Promise.all([one!.updateComplete, two!.updateComplete]);
    expect(two!.shadowRoot!.querySelector('form')).to.equal(null);
    expect(shadow(two!, '[part="message"]').textContent).to.equal('The bookings appear here after you sign in further up this page.');
    await signIn(one!);
    await waitForState(two!, 'list');
    shadow<HTMLButtonElement>(two!, '#sign-out').click();
    await waitForState(one!, 'signed-out');
    await Promise.all([one!.updateComplete, two!.updateComplete]);
    expect(two!.state).to.equal('signed-out');
    // The one form, in the first view, takes focus.
    expect(document.activeElement).to.equal(one);
    expect(one!.shadowRoot!.activeElement?.id).to.equal('token');
    expect(two!.shadowRoot!.querySelector('form')).to.equal(null);
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(null);
  });
});
