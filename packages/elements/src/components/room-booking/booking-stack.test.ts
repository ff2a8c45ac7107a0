// The booking elements against the real server helper (SQLite store, ALTCHA,
// operator approval) and the BigBlueButton sandbox, all on 127.0.0.1: form,
// refusals in German and English, pending result, approval by the admin
// element, the manage view with the links, and the moderator link joining the
// booked room.
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BookingCreated } from '@vereinsraum/protocol';
import './define.js';
import '../booking-admin/define.js';
import '../join-room/define.js';
import { fetchBookingCalendar } from '../../api/client.js';
import type { VereinBookingErrorEvent, VereinBookingSubmittedEvent, VereinJoinedEvent } from '../../events.js';
import { dayFromNow, fillBooking } from '../../stories/play.js';
import {
  closeTabs,
  fillWithKeyboard,
  openForm,
  setFragment,
  setStorageReadOnly,
  shadow,
  stack,
  submitName,
  waitForState,
  expectQuietConsole,
} from '../../test/helpers.js';
import type { VereinBookingAdmin } from '../booking-admin/booking-admin.js';
import type { VereinJoinRoom } from '../join-room/join-room.js';
import type { VereinRoomBooking } from './room-booking.js';

const TOKEN_KEY = 'vereinsraum.adminToken';

async function form(lang = 'de'): Promise<VereinRoomBooking> {
  const el = await fixture<VereinRoomBooking>(
    html`<verein-room-booking endpoint=${stack.endpoint} tenant="tsv" lang=${lang}></verein-room-booking>`,
  );
  await waitForState(el, 'form');
  await el.updateComplete;
  return el;
}

/** A valid booking with an e-mail address of its own. */
function values(extra: Record<string, string | boolean> = {}): Record<string, string | boolean> {
  return {
    title: 'Jahreshauptversammlung',
    organisation: 'Förderverein Grundschule',
    contactName: 'Erika Musterfrau',
    contactEmail: `erika.${Math.random().toString(36).slice(2, 8)}@example.org`,
    date: dayFromNow(5),
    startTime: '19:00',
    endTime: '21:00',
    participants: '25',
    consent: true,
    ...extra,
  };
}

/** Date and times of a date that starts in ten minutes and lasts an hour (to 23:59 at most). */
function soon(): Record<string, string> {
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const endTime = end.getDate() === start.getDate() ? `${pad(end.getHours())}:${pad(end.getMinutes())}` : '23:59';
  const date = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
  return { date, startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}`, endTime };
}

function summaryItems(el: VereinRoomBooking): string[] {
  return [...el.shadowRoot!.querySelectorAll('#summary li')].map((li) => li.textContent!.trim());
}

/** Book through the form and answer the created booking (read from the submitted event and the element). */
async function book(el: VereinRoomBooking, extra: Record<string, string | boolean> = {}): Promise<VereinBookingSubmittedEvent['detail']> {
  const submitted = oneEvent(el, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
  await fillBooking(el, values(extra), 'result');
  return (await submitted).detail;
}

describe('booking against the server helper', () => {
  beforeEach(() => {
    sessionStorage.clear();
  });
  afterEach(async () => {
    setFragment('');
    await closeTabs();
  });
  expectQuietConsole();

  it("shows the tenant's consent text and privacy link, and passes axe", async () => {
    const el = await form();
    expect(shadow(el, 'label[for="f-consent"]').textContent).to.equal(
      'Ich bin einverstanden, dass der TSV meine Angaben für diese Buchung speichert.',
    );
    expect(shadow<HTMLAnchorElement>(el, 'a.privacy').href).to.equal(`${location.origin}/privacy`);
    await expect(el).to.be.accessible();
    const en = await form('en');
    expect(shadow(en, 'label[for="f-consent"]').textContent).to.equal('I agree that the TSV stores my details for this booking.');
    await expect(en).to.be.accessible();
  });

  it("says the page's time zone, and the tenant's (Europe/Berlin) for the e-mails only where its clocks differ", async () => {
    const el = await form();
    const text = shadow(el, '#f-zone').textContent!;
    const pageZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const clock = (timeZone?: string) => new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format();
    expect(text)
      .to.match(/^Alle Uhrzeiten gelten in dieser Zeitzone: /)
      .and.to.contain(pageZone);
    if (clock('Europe/Berlin') === clock()) expect(text).not.to.contain('E-Mails');
    else expect(text).to.match(/\. Die E-Mails nennen die Uhrzeiten in dieser Zeitzone: .+ \(Europe\/Berlin\)\.$/);
  });

  it("checks the tenant's limits before sending, in German and English", async () => {
    const de = await form();
    await fillBooking(de, values({ startTime: '08:00', endTime: '18:00', repeat: true, weeks: '13' }), 'form');
    expect(summaryItems(de)).to.deep.equal([
      'Ein Termin darf höchstens 8 Stunden dauern.',
      '„Wie viele Termine insgesamt?“: Bitte geben Sie eine Zahl von 2 bis 12 ein.',
    ]);
    await expect(de).to.be.accessible();
    const en = await form('en');
    await fillBooking(en, values({ startTime: '08:00', endTime: '18:00', repeat: true, weeks: '13' }), 'form');
    expect(summaryItems(en)).to.deep.equal([
      'A date may last at most 8 hours.',
      '“How many dates in all?”: please enter a number from 2 to 12.',
    ]);
    await expect(en).to.be.accessible();
  });

  for (const [lang, message] of [
    ['de', '„Ende“: Diese Angabe wurde nicht angenommen. Bitte prüfen Sie sie.'],
    ['en', '“End”: this entry was not accepted. Please check it.'],
  ] as const) {
    it(`shows the server's refusal of a field at that field (${lang}) and keeps what was typed`, async () => {
      // The page's copy of the tenant's limits is out of date (longer dates allowed): the server refuses the end.
      const fetch = window.fetch;
      window.fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).includes('/v1/bookings/form')) return response;
        return new Response(JSON.stringify({ ...(await response.json()), maxDurationMinutes: 24 * 60 }), { headers: response.headers });
      };
      let el: VereinRoomBooking;
      const refused = new Promise<VereinBookingErrorEvent>((resolve) =>
        document.addEventListener('verein-booking-error', (e) => resolve(e as VereinBookingErrorEvent), { once: true }),
      );
      try {
        el = await form(lang);
        await fillBooking(el, values({ startTime: '08:00', endTime: '18:00' }), 'submitting');
        await waitForState(el, 'form');
      } finally {
        window.fetch = fetch;
      }
      expect((await refused).detail).to.deep.equal({ code: 'invalid_input', field: 'end' });
      await el.updateComplete;
      expect(summaryItems(el)).to.deep.equal([message]);
      expect(shadow(el, '#f-endTime-error').textContent).to.equal(message);
      expect(el.shadowRoot!.activeElement?.id).to.equal('summary');
      expect(shadow<HTMLInputElement>(el, '#f-endTime').value).to.equal('18:00');
      expect(shadow<HTMLInputElement>(el, '#f-title').value).to.equal('Jahreshauptversammlung');
      await expect(el).to.be.accessible();
    });
  }

  for (const [lang, message] of [
    ['de', 'Der Server kann gerade nichts speichern. Bitte versuchen Sie es in einem Moment noch einmal.'],
    ['en', 'The server cannot save anything right now. Please try again in a moment.'],
  ]) {
    it(`a server that cannot store for now: "try again in a moment" (${lang}), nothing typed lost, and sending again works`, async () => {
      const el = await form(lang);
      const typed = values();
      const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
      await setStorageReadOnly(true);
      try {
        await fillBooking(el, typed, 'submitting');
        expect((await refused).detail.code).to.equal('storage_unavailable');
        await waitForState(el, 'form');
      } finally {
        await setStorageReadOnly(false);
      }
      await el.updateComplete;
      expect(shadow(el, '#problem').textContent).to.contain(message);
      expect(el.shadowRoot!.activeElement?.id).to.equal('problem');
      expect(shadow<HTMLInputElement>(el, '#f-contactEmail').value).to.equal(typed.contactEmail);
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector('form')!.requestSubmit();
      await waitForState(el, 'result');
    });
  }

  it('the keyboard alone: filled in, solved, sent, the pending result', async () => {
    const el = await form();
    await fillWithKeyboard(el, values());
    const submitted = oneEvent(el, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.status).to.equal('pending');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-title');
    expect(shadow(el, '#result-title').textContent).to.equal('Ihre Anfrage ist angekommen.');
    expect(shadow(el, '.result').textContent).to.contain('Sie bekommen eine E-Mail, sobald die Buchung bestätigt ist.');
    await expect(el).to.be.accessible();
  });

  it("the keyboard alone, in English, in a tenant's colours: Tab from the page into the form, fill in, Enter sends", async () => {
    const page = await fixture<HTMLElement>(html`<div lang="en">
      <button id="before" type="button">Before the form</button>
      <verein-room-booking endpoint=${stack.endpoint} tenant="farbe"></verein-room-booking>
    </div>`);
    const el = page.querySelector<VereinRoomBooking>('verein-room-booking')!;
    await waitForState(el, 'form');
    await waitUntil(() => el.style.getPropertyValue('--_tenant-primary') !== '', "the tenant's theme");
    await el.updateComplete;
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-title');
    await fillWithKeyboard(el, values());
    const submit = el.shadowRoot!.activeElement!;
    expect(submit.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(submit)).to.include({ backgroundColor: 'rgb(107, 29, 92)', outlineStyle: 'solid', outlineWidth: '3px' });
    const submitted = oneEvent(el, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail.status).to.equal('pending');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-title');
    expect(shadow(el, '#result-title').textContent).to.equal('Your request was received.');
    await expect(el).to.be.accessible();
  });

  it('pending → the admin element approves → the manage view shows the links → the moderator link joins the booked room', async function (this: {
    timeout(ms: number): void;
  }) {
    // Five steps against the real stack, each with an axe check.
    this.timeout(30_000);
    // 1. Book: pending. The date starts in ten minutes: invites of booked rooms work from 30 minutes before.
    const el = await form('en');
    const { id, status } = await book(el, soon());
    expect(status).to.equal('pending');
    const manageUrl = shadow<HTMLInputElement>(el, '#link-manage').value;
    expect(manageUrl.startsWith(`${location.origin}/book#manage=`), manageUrl).to.equal(true);
    expect(el.shadowRoot!.querySelector('#link-moderator')).to.equal(null);
    await expect(el).to.be.accessible();

    // 2. The operator signs in and approves it.
    // The admin API answers only its own origin: here the helper sits behind the page's origin (see web-test-runner.config.mjs).
    const admin = await fixture<VereinBookingAdmin>(
      html`<verein-booking-admin endpoint=${location.origin} tenant="tsv" lang="de"></verein-booking-admin>`,
    );
    await admin.updateComplete;
    await expect(admin).to.be.accessible();
    shadow<HTMLInputElement>(admin, '#token').value = stack.admin;
    shadow<HTMLFormElement>(admin, 'form').requestSubmit();
    await waitForState(admin, 'list');
    await admin.updateComplete;
    expect(sessionStorage.getItem(TOKEN_KEY)).to.equal(stack.admin);
    await expect(admin).to.be.accessible();
    shadow<HTMLButtonElement>(admin, `#approve-${id}`).click();
    await waitUntil(() => shadow(admin, `#b-${id}`).closest('li')!.dataset.status === 'approved', 'the booking shows as approved');
    await admin.updateComplete;
    expect(shadow(admin, '[role="status"]').textContent).to.contain('„Jahreshauptversammlung“ ist bestätigt.');

    // 3. The manage link (its fragment on this page) shows the approved booking with both links.
    setFragment(new URL(manageUrl).hash.slice(1));
    const manage = await fixture<VereinRoomBooking>(html`<verein-room-booking endpoint=${stack.endpoint} lang="de"></verein-room-booking>`);
    await waitForState(manage, 'manage');
    await manage.updateComplete;
    expect(shadow(manage, '#result-title').textContent).to.equal('Ihr Raum ist gebucht.');
    const moderator = shadow<HTMLInputElement>(manage, '#link-moderator').value;
    const attendee = shadow<HTMLInputElement>(manage, '#link-attendee').value;
    expect(moderator, 'a short link').to.match(/^http:\/\/[^/]+\/join#invite=[\w-]{11}\.[\w-]{22}$/);
    expect(attendee).to.not.equal(moderator);
    await expect(manage).to.be.accessible();

    // 4. The calendar file, with the manage token.
    const token = new URLSearchParams(new URL(manageUrl).hash.slice(1)).get('manage')!;
    const calendar = await (await fetchBookingCalendar(stack.endpoint, id, token)).text();
    expect(calendar).to.contain('BEGIN:VCALENDAR');
    expect(calendar).to.contain('Jahreshauptversammlung');

    // 5. The moderator link opens the join page: its element has no room of its own and joins the invite's, as moderator.
    fixtureCleanup();
    const link = new URL(moderator);
    setFragment(link.hash.slice(1));
    const room = `b-${id}`;
    const join = await fixture<VereinJoinRoom>(
      html`<verein-join-room endpoint=${stack.endpoint} tenant="tsv" lang="de"></verein-join-room>`,
    );
    await openForm(join);
    const joined = oneEvent(join, 'verein-joined') as Promise<VereinJoinedEvent>;
    await submitName(join, 'Erika Musterfrau');
    await waitUntil(() => ['opened', 'ready', 'error', 'waiting'].includes(join.state), 'an answer');
    await join.updateComplete;
    expect(join.state, join.shadowRoot!.textContent!).to.equal('opened');
    expect((await joined).detail).to.include({ tenant: 'tsv', room, role: 'moderator' });
    expect(location.hash, 'the moderator link is out of the address bar').to.equal('');
  });

  it('cancels from the manage view', async () => {
    const el = await form();
    const created = await book(el);
    const token = new URLSearchParams(new URL(shadow<HTMLInputElement>(el, '#link-manage').value).hash.slice(1)).get('manage')!;
    const manage = await fixture<VereinRoomBooking>(
      html`<verein-room-booking endpoint=${stack.endpoint} manage=${token} lang="en"></verein-room-booking>`,
    );
    await waitForState(manage, 'manage');
    await manage.updateComplete;
    expect(shadow(manage, '#result-title').textContent).to.equal('Your request was received.');
    shadow<HTMLButtonElement>(manage, '#cancel').click();
    await manage.updateComplete;
    await expect(manage).to.be.accessible();
    shadow<HTMLButtonElement>(manage, '.confirm .danger').click();
    await waitUntil(() => manage.shadowRoot!.querySelector('#result-title')?.textContent === 'The booking is cancelled.', 'cancelled');
    await expect(manage).to.be.accessible();
    // The server agrees.
    const view = (await (
      await fetch(`${stack.endpoint}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as BookingCreated;
    expect(view.status).to.equal('cancelled');
  });

  it("on a page the tenant does not allow: no form, an apology, and the page's address for the webmaster", async () => {
    const el = await fixture<VereinRoomBooking>(
      html`<verein-room-booking endpoint=${stack.endpoint} tenant="fremd" lang="de"></verein-room-booking>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('details[part="webmaster"]'), 'the note', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('form'), 'no form').to.equal(null);
    expect(shadow(el, '[part="message"] > p').textContent).to.equal(
      'Entschuldigung: Diese Webseite darf noch keine Buchungen senden. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    );
    const details = shadow<HTMLDetailsElement>(el, 'details[part="webmaster"]');
    details.querySelector('summary')!.click();
    expect(details.textContent).to.contain(`Diese Seite (${location.origin}) ist für „fremd“ nicht freigeschaltet.`);
    await expect(el).to.be.accessible();
  });

  it('the admin element on a page of another origin: says the admin API answers only its own', async () => {
    const admin = await fixture<VereinBookingAdmin>(
      html`<verein-booking-admin endpoint=${stack.endpoint} lang="en"></verein-booking-admin>`,
    );
    await admin.updateComplete;
    shadow<HTMLInputElement>(admin, '#token').value = stack.admin;
    shadow<HTMLFormElement>(admin, 'form').requestSubmit();
    await waitForState(admin, 'error');
    await admin.updateComplete;
    expect(shadow(admin, '#problem').textContent).to.contain('only on pages at the address of the Vereinsraum server');
    await expect(admin).to.be.accessible();
  });

  it('a wrong admin token: asked again', async () => {
    const admin = await fixture<VereinBookingAdmin>(
      html`<verein-booking-admin endpoint=${location.origin} lang="en"></verein-booking-admin>`,
    );
    await admin.updateComplete;
    shadow<HTMLInputElement>(admin, '#token').value = 'not-the-admin-token';
    shadow<HTMLFormElement>(admin, 'form').requestSubmit();
    await waitUntil(() => !!admin.shadowRoot!.querySelector('#problem'), 'the refusal');
    await admin.updateComplete;
    expect(admin.state).to.equal('signed-out');
    expect(shadow(admin, '#problem').textContent).to.contain('The token is wrong or has expired.');
    await expect(admin).to.be.accessible();
  });
});
