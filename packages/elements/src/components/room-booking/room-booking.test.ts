// The booking form against the stories' fake server (in the page): every
// state, validation in German and English, keyboard use, events, axe.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { solveChallenge } from '../../api/altcha.js';
import type { VereinBookingErrorEvent, VereinBookingSubmittedEvent } from '../../events.js';
import {
  FAKE_BOOKING_TENANTS,
  FAKE_BOOKINGS,
  FAKE_ENDPOINT,
  FAKE_REFUSED_EMAIL,
  fakeManageToken,
  installFakeApi,
  resetFakeApi,
} from '../../stories/fake-api.js';
import { dayFromNow, fillBooking, sampleBooking } from '../../stories/play.js';
import { fillWithKeyboard, setFragment, shadow, waitForState, expectQuietConsole } from '../../test/helpers.js';
import { localIso } from './dates.js';
import type { VereinRoomBooking } from './room-booking.js';

installFakeApi();

async function booking(extra: { lang?: string; tenant?: string; manage?: string } = {}): Promise<VereinRoomBooking> {
  const el = await fixture<VereinRoomBooking>(html`
    <verein-room-booking
      endpoint=${FAKE_ENDPOINT}
      tenant=${extra.tenant ?? FAKE_BOOKING_TENANTS.manual}
      lang=${extra.lang ?? 'de'}
      manage=${extra.manage ?? ''}
    ></verein-room-booking>
  `);
  await waitForState(el, extra.manage ? 'manage' : 'form');
  await el.updateComplete;
  return el;
}

function active(el: VereinRoomBooking): Element | null {
  return el.shadowRoot!.activeElement;
}

function summaryItems(el: VereinRoomBooking): string[] {
  return [...el.shadowRoot!.querySelectorAll('#summary li')].map((li) => li.textContent!.trim());
}

describe('verein-room-booking', () => {
  beforeEach(() => {
    resetFakeApi();
  });
  afterEach(() => {
    setFragment('');
  });
  expectQuietConsole();

  describe('the form', () => {
    it('labels every field, shows the consent text, the privacy link and the time zone, and passes axe', async () => {
      const el = await booking();
      for (const input of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:not([name="website"])')) {
        expect(input.labels?.length, `label of ${input.name}`).to.equal(1);
      }
      expect(shadow(el, 'label[for="f-consent"]').textContent).to.contain('90 Tage');
      expect(shadow<HTMLAnchorElement>(el, 'a.privacy').href).to.equal('https://www.tsv-musterstadt.example/datenschutz');
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      expect(shadow(el, '#f-zone').textContent).to.contain(zone);
      expect(shadow(el, '#f-startTime').getAttribute('aria-describedby')).to.contain('f-zone');
      expect(shadow<HTMLInputElement>(el, '#f-date').type).to.equal('date');
      expect(shadow<HTMLInputElement>(el, '#f-startTime').type).to.equal('time');
      expect(shadow<HTMLInputElement>(el, '#f-date').min).to.equal(dayFromNow(0));
      await expect(el).to.be.accessible();
    });

    it('speaks English', async () => {
      const el = await booking({ lang: 'en' });
      expect(shadow(el, 'button[type="submit"]').textContent!.trim()).to.equal('Request the room');
      expect(shadow(el, 'label[for="f-contactEmail"]').textContent).to.equal('Your e-mail address');
      await expect(el).to.be.accessible();
    });

    it('hides the honeypot from people and assistive technology', async () => {
      const el = await booking();
      const input = shadow<HTMLInputElement>(el, '[name="website"]');
      expect(input.tabIndex).to.equal(-1);
      expect(input.closest('[aria-hidden="true"]')).to.not.equal(null);
      const box = input.getBoundingClientRect();
      expect(box.right).to.be.below(0);
    });

    it('solves the spam-protection puzzle in the background', async () => {
      const el = await booking();
      await waitUntil(() => shadow(el, '.actions .hint').textContent === 'Spam-Schutz: erledigt.', 'solved');
    });

    it('lists every problem in a summary at the top, moves focus there, and each link leads to its field', async () => {
      const el = await booking();
      shadow<HTMLFormElement>(el, 'form').requestSubmit();
      await el.updateComplete;
      expect(active(el)?.id).to.equal('summary');
      expect(shadow(el, '.summary-title').textContent).to.equal('Bitte prüfen Sie 9 Angaben:');
      expect(summaryItems(el)[0]).to.equal('Bitte füllen Sie „Wofür ist der Raum?“ aus.');
      expect(summaryItems(el).at(-1)).to.contain('Bitte stimmen Sie zu.');
      const title = shadow<HTMLInputElement>(el, '#f-title');
      expect(title.getAttribute('aria-invalid')).to.equal('true');
      expect(title.getAttribute('aria-describedby')).to.contain('f-title-error');
      shadow<HTMLAnchorElement>(el, '#summary a[href="#f-contactEmail"]').click();
      expect(active(el)?.id).to.equal('f-contactEmail');
      await expect(el).to.be.accessible();
    });

    it('checks the rules of the server: lengths, e-mail, end after start, length of a date, weeks, participants', async () => {
      const el = await booking();
      await fillBooking(
        el,
        {
          ...sampleBooking(),
          title: 'Ab',
          contactEmail: 'erika@',
          startTime: '21:00',
          endTime: '19:00',
          repeat: true,
          weeks: '13',
          participants: '1001',
        },
        'form',
      );
      expect(summaryItems(el)).to.deep.equal([
        '„Wofür ist der Raum?“: Bitte schreiben Sie mindestens 3 Zeichen.',
        'Die E-Mail-Adresse sieht nicht vollständig aus. Sie sollte so aussehen: name@beispiel.de',
        'Das Ende muss nach dem Beginn liegen.',
        '„Wie viele Termine insgesamt?“: Bitte geben Sie eine Zahl von 2 bis 12 ein.',
        '„Wie viele Personen nehmen etwa teil?“: Bitte geben Sie eine Zahl von 1 bis 1000 ein.',
      ]);
      // Fixing a field removes its problem at once.
      await fillBooking(el, {
        startTime: '08:00',
        endTime: '18:00',
        weeks: '12',
        participants: '30',
        title: 'Abend',
        contactEmail: 'e@x.de',
      });
      expect(summaryItems(el)).to.deep.equal(['Ein Termin darf höchstens 8 Stunden dauern.']);
    });

    it('explains the same problems in English', async () => {
      const el = await booking({ lang: 'en' });
      await fillBooking(el, { ...sampleBooking(), date: dayFromNow(-1), contactEmail: 'erika', consent: false }, 'form');
      expect(summaryItems(el)).to.deep.equal([
        'The e-mail address does not look complete. It should look like this: name@example.org',
        'This date is in the past. Please choose a later one.',
        'Please agree. Without your consent we cannot handle the booking.',
      ]);
      expect(shadow(el, '.summary-title').textContent).to.equal('Please check 3 entries:');
      await expect(el).to.be.accessible();
    });

    it('refuses links in the texts that go into e-mails, with the same rule as the server, in German and English', async () => {
      const el = await booking();
      await fillBooking(
        el,
        {
          ...sampleBooking(),
          title: 'Gewinnspiel: www.spam.example',
          organisation: 'FC St.Pauli e.V.',
          contactName: 'Erika (erika@spam.example)',
        },
        'form',
      );
      expect(summaryItems(el)).to.deep.equal([
        '„Wofür ist der Raum?“: Bitte ohne Links und Webadressen (wie www.… oder verein.de). Dieser Text steht in E-Mails, die wir verschicken.',
        '„Ihr Name“: Bitte ohne Links und Webadressen (wie www.… oder verein.de). Dieser Text steht in E-Mails, die wir verschicken.',
      ]);
      await expect(el).to.be.accessible();
      const english = await booking({ lang: 'en' });
      await fillBooking(english, { ...sampleBooking(), organisation: 'https://spam.example' }, 'form');
      expect(summaryItems(english)).to.deep.equal([
        '“Club, group or organisation”: please leave out links and web addresses (like www.… or club.org). This text goes into the e-mails we send.',
      ]);
    });

    it('refuses dates too far ahead', async () => {
      const el = await booking();
      await fillBooking(el, { ...sampleBooking(), date: dayFromNow(400) }, 'form');
      expect(summaryItems(el)).to.deep.equal(['So weit im Voraus geht es nicht: Der letzte Termin muss in den nächsten 365 Tagen liegen.']);
    });

    it("shows the server's refusal of a field next to it and in the summary, and keeps what was typed", async () => {
      const el = await booking();
      const refused = oneEvent(el, 'verein-booking-error') as Promise<VereinBookingErrorEvent>;
      await fillBooking(el, { ...sampleBooking(), contactEmail: FAKE_REFUSED_EMAIL }, 'submitting');
      expect((await refused).detail).to.deep.equal({ code: 'invalid_input', field: 'contactEmail' });
      await waitForState(el, 'form');
      await el.updateComplete;
      expect(summaryItems(el)).to.deep.equal(['„Ihre E-Mail-Adresse“: Diese Angabe wurde nicht angenommen. Bitte prüfen Sie sie.']);
      expect(shadow(el, '#f-contactEmail-error').textContent).to.equal(summaryItems(el)[0]);
      expect(active(el)?.id).to.equal('summary');
      expect(shadow<HTMLInputElement>(el, '#f-title').value).to.equal('Jahreshauptversammlung');
      expect(shadow<HTMLInputElement>(el, '#f-contactEmail').value).to.equal(FAKE_REFUSED_EMAIL);
      expect(shadow<HTMLInputElement>(el, '#f-consent').checked).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('says clearly when the tenant takes no bookings', async () => {
      const el = await fixture<VereinRoomBooking>(
        html`<verein-room-booking endpoint=${FAKE_ENDPOINT} tenant=${FAKE_BOOKING_TENANTS.disabled} lang="en"></verein-room-booking>`,
      );
      await waitForState(el, 'error');
      await el.updateComplete;
      expect(shadow(el, '[role="alert"]').textContent).to.contain('Rooms cannot be booked here at the moment.');
      await expect(el).to.be.accessible();
    });

    it("names the tenant's time zone when its clocks differ from the page's (the e-mails use it), in German and English", async () => {
      const pageZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      // A zone whose clock differs from the page's, wherever the test runs.
      const other = pageZone === 'Pacific/Kiritimati' ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
      const zoneText = async (timeZone: string | undefined, lang = 'de') => {
        const fakeFetch = window.fetch;
        window.fetch = async (input, init) => {
          const response = await fakeFetch(input, init);
          if (!String(input).includes('/v1/bookings/form')) return response;
          return new Response(JSON.stringify({ ...(await response.json()), timeZone }), { headers: response.headers });
        };
        try {
          const el = await booking({ lang });
          await expect(el).to.be.accessible();
          return shadow(el, '#f-zone').textContent!;
        } finally {
          window.fetch = fakeFetch;
        }
      };
      const german = await zoneText(other);
      const [page, mails] = german.split('. Die E-Mails nennen die Uhrzeiten in dieser Zeitzone: ');
      expect(page)
        .to.match(/^Alle Uhrzeiten gelten in dieser Zeitzone: /)
        .and.to.contain(pageZone);
      expect(mails).to.contain(other).and.match(/\)\.$/);
      const english = await zoneText(other, 'en');
      expect(english.split('. The e-mails give the times in this time zone: ')[1]).to.contain(other);
      expect(await zoneText(pageZone)).not.to.contain('E-Mails');
      // Servers older than the field say no zone.
      expect(await zoneText(undefined)).not.to.contain('E-Mails');
    });

    it('tells the webmaster what is missing', async () => {
      const el = await fixture<VereinRoomBooking>(html`<verein-room-booking lang="de"></verein-room-booking>`);
      expect(shadow(el, '[role="alert"]').textContent).to.contain('Es fehlt: endpoint, tenant');
    });

    it('can be filled in and sent with the keyboard alone', async () => {
      const el = await booking();
      await fillWithKeyboard(el, sampleBooking());
      const submitted = oneEvent(el, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await submitted).detail.status).to.equal('pending');
      await el.updateComplete;
      expect(active(el)?.id).to.equal('result-title');
      expect(shadow(el, '#result-title').textContent).to.equal('Ihre Anfrage ist angekommen.');
    });
  });

  describe('after sending', () => {
    it('pending: says an e-mail will follow, fires verein-booking-submitted, offers the manage link', async () => {
      const el = await booking();
      const submitted = oneEvent(el, 'verein-booking-submitted') as Promise<VereinBookingSubmittedEvent>;
      await fillBooking(el, sampleBooking(), 'result');
      const { detail } = await submitted;
      expect(detail.status).to.equal('pending');
      expect(detail.id).to.match(/^b\d+story$/);
      expect(shadow(el, '.result').textContent).to.contain('Sie bekommen eine E-Mail, sobald die Buchung bestätigt ist.');
      expect(el.shadowRoot!.querySelector('#link-moderator')).to.equal(null);
      expect(shadow<HTMLInputElement>(el, '#link-manage').value).to.contain('#manage=');
      await expect(el).to.be.accessible();
    });

    it('sends the dates with the offset of the page on that day, and the solved puzzle', async () => {
      const el = await booking();
      const sent: string[] = [];
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        if (init?.method === 'POST') sent.push(String(init.body));
        return fetch(input, init);
      };
      try {
        await fillBooking(el, { ...sampleBooking(), repeat: true, weeks: '3' }, 'result');
      } finally {
        window.fetch = fetch;
      }
      const body = JSON.parse(sent[0]!);
      expect(body.start).to.equal(localIso(dayFromNow(7), '19:00'));
      expect(body.start).to.match(/^\d{4}-\d{2}-\d{2}T19:00:00[+-]\d{2}:\d{2}$/);
      expect(body).to.include({ kind: 'video', weeks: 3, expectedParticipants: 25, consent: true, language: 'de' });
      expect(body).to.not.have.property('website');
      const altcha = JSON.parse(atob(body.altcha));
      expect(Object.keys(altcha).sort()).to.deep.equal(['algorithm', 'challenge', 'number', 'salt', 'signature']);
    });

    it('offers a chat room only where the tenant takes chat bookings, and sends the choice', async () => {
      const video = await booking({ tenant: FAKE_BOOKING_TENANTS.automatic });
      expect(video.shadowRoot!.querySelector('[name="kind"]'), 'no choice without chat').to.equal(null);
      const el = await booking({ lang: 'en' });
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name="kind"]')];
      expect(radios.map((r) => [r.value, r.checked, r.labels?.[0]?.textContent])).to.deep.equal([
        ['video', true, 'A room for a video conference'],
        ['chat', false, 'A chat room'],
      ]);
      expect(shadow(el, 'legend').textContent).to.equal('What would you like to book?');
      // With the keyboard: the arrow keys move between the two.
      radios[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(radios[1]!.checked).to.equal(true);
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const sent: string[] = [];
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        if (init?.method === 'POST') sent.push(String(init.body));
        return fetch(input, init);
      };
      try {
        await fillBooking(el, sampleBooking(), 'result');
      } finally {
        window.fetch = fetch;
      }
      expect(JSON.parse(sent[0]!).kind).to.equal('chat');
      expect(shadow(el, '.result').textContent).to.contain('This is a chat room on Mattermost.');
      await expect(el).to.be.accessible();
    });

    it('approved: both links with copy buttons, the calendar file, in English', async () => {
      const el = await booking({ tenant: FAKE_BOOKING_TENANTS.automatic, lang: 'en' });
      await fillBooking(el, sampleBooking(), 'result');
      expect(shadow(el, '#result-title').textContent).to.equal('Your room is booked.');
      expect(shadow<HTMLInputElement>(el, '#link-moderator').value).to.contain('#invite=moderator-');
      expect(shadow<HTMLInputElement>(el, '#link-attendee').value).to.contain('#invite=attendee-');
      const copy = el.shadowRoot!.querySelector<HTMLButtonElement>('#link-attendee + button')!;
      expect(copy.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Copy: Link for the participants');
      copy.click();
      // With the clipboard: "copied"; without (no permission here): the text is selected to copy by hand.
      await waitUntil(() => el.shadowRoot!.querySelector('.status')!.textContent!.trim() !== '', 'a confirmation');
      const notice = shadow(el, '.status').textContent!.trim();
      expect(['The link is copied.', 'Copying did not work. The link is selected: press Ctrl+C (Mac: Command+C).']).to.include(notice);
      await expect(el).to.be.accessible();
    });

    it('falls back to selecting the link when the clipboard refuses', async () => {
      const el = await booking({ tenant: FAKE_BOOKING_TENANTS.automatic });
      await fillBooking(el, sampleBooking(), 'result');
      const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new Error('denied')) },
      });
      try {
        el.shadowRoot!.querySelector<HTMLButtonElement>('#link-moderator + button')!.click();
        await waitUntil(() => shadow(el, '.status').textContent!.includes('Kopieren ging nicht'), 'the fallback');
        const input = shadow<HTMLInputElement>(el, '#link-moderator');
        expect(active(el)).to.equal(input);
        expect(input.selectionEnd! - input.selectionStart!).to.equal(input.value.length);
      } finally {
        delete (navigator as unknown as Record<string, unknown>).clipboard;
        if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
      }
    });

    it('downloads the calendar file with the manage token', async () => {
      const el = await booking({ tenant: FAKE_BOOKING_TENANTS.automatic });
      await fillBooking(el, sampleBooking(), 'result');
      const calls: Array<[string, string | null]> = [];
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        calls.push([String(input), new Headers(init?.headers).get('authorization')]);
        return fetch(input, init);
      };
      const clicks: HTMLAnchorElement[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicks.push(this);
      };
      try {
        shadow<HTMLButtonElement>(el, '.result .actions button').click();
        await waitUntil(() => clicks.length === 1, 'the download');
      } finally {
        window.fetch = fetch;
        HTMLAnchorElement.prototype.click = click;
      }
      expect(calls[0]![0]).to.match(/\/v1\/bookings\/b\d+story\/calendar\.ics$/);
      expect(calls[0]![1]).to.match(/^Bearer ey/);
      expect(clicks[0]!.download).to.equal('Jahreshauptversammlung.ics');
      expect(clicks[0]!.href).to.match(/^blob:/);
    });

    it('a new challenge and one more try when the server says the puzzle was used', async () => {
      const el = await booking();
      let posts = 0;
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        if (init?.method === 'POST' && ++posts === 1) {
          return Promise.resolve(new Response(JSON.stringify({ code: 'challenge_failed', status: 400 }), { status: 400 }));
        }
        return fetch(input, init);
      };
      try {
        await fillBooking(el, sampleBooking(), 'result');
      } finally {
        window.fetch = fetch;
      }
      expect(posts).to.equal(2);
    });

    it('other refusals: a clear message at the top, focus on it, nothing typed lost', async () => {
      const el = await booking({ lang: 'en' });
      const fetch = window.fetch;
      window.fetch = (input, init) =>
        init?.method === 'POST'
          ? Promise.resolve(new Response(JSON.stringify({ code: 'rate_limited', status: 429 }), { status: 429 }))
          : fetch(input, init);
      try {
        await fillBooking(el, sampleBooking(), 'submitting');
        await waitForState(el, 'form');
      } finally {
        window.fetch = fetch;
      }
      await el.updateComplete;
      expect(shadow(el, '#problem').textContent).to.contain('Please wait an hour, then send again.');
      expect(active(el)?.id).to.equal('problem');
      expect(shadow<HTMLInputElement>(el, '#f-organisation').value).to.equal('Förderverein Grundschule');
      await expect(el).to.be.accessible();
    });
  });

  describe('the manage view', () => {
    it('opens from the manage link in the page URL: an approved booking with its links, cancelled after a question', async () => {
      setFragment(`manage=${fakeManageToken(FAKE_BOOKINGS.approved)}`);
      const el = await fixture<VereinRoomBooking>(
        html`<verein-room-booking endpoint=${FAKE_ENDPOINT} tenant=${FAKE_BOOKING_TENANTS.manual} lang="de"></verein-room-booking>`,
      );
      await waitForState(el, 'manage');
      await el.updateComplete;
      expect(shadow(el, '#result-title').textContent).to.equal('Ihr Raum ist gebucht.');
      expect(shadow<HTMLInputElement>(el, '#link-moderator').value).to.contain('invite=moderator-');
      await expect(el).to.be.accessible();
      shadow<HTMLButtonElement>(el, '#cancel').click();
      await el.updateComplete;
      expect(active(el)?.id).to.equal('confirm-text');
      expect(shadow(el, '.confirm').textContent).to.contain('Wirklich absagen?');
      await expect(el).to.be.accessible();
      // "No" keeps it.
      shadow<HTMLButtonElement>(el, '.confirm .secondary').click();
      await el.updateComplete;
      expect(active(el)?.id).to.equal('cancel');
      shadow<HTMLButtonElement>(el, '#cancel').click();
      await el.updateComplete;
      shadow<HTMLButtonElement>(el, '.confirm .danger').click();
      await waitUntil(() => el.shadowRoot!.querySelector('#result-title')?.textContent === 'Die Buchung ist abgesagt.', 'cancelled');
      expect(el.shadowRoot!.querySelector('#link-moderator')).to.equal(null);
      expect(el.shadowRoot!.querySelector('#cancel')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('the manage link on the form page itself opens the booking (hashchange)', async () => {
      const el = await booking({ tenant: FAKE_BOOKING_TENANTS.automatic });
      await fillBooking(el, sampleBooking(), 'result');
      location.hash = new URL(shadow<HTMLInputElement>(el, '#link-manage').value).hash;
      await waitForState(el, 'manage');
      await el.updateComplete;
      expect(shadow(el, '#result-title').textContent).to.equal('Ihr Raum ist gebucht.');
      expect(el.shadowRoot!.querySelector('#cancel')).to.not.equal(null);
    });

    it('follows the manage attribute, in English, and says when a link fits no booking', async () => {
      const el = await booking({ manage: fakeManageToken(FAKE_BOOKINGS.cancelled), lang: 'en' });
      expect(shadow(el, '#result-title').textContent).to.equal('The booking is cancelled.');
      const wrong = await fixture<VereinRoomBooking>(
        html`<verein-room-booking endpoint=${FAKE_ENDPOINT} lang="en" manage=${fakeManageToken('nosuchbooking')}></verein-room-booking>`,
      );
      await waitForState(wrong, 'error');
      await wrong.updateComplete;
      expect(shadow(wrong, '[role="alert"]').textContent).to.contain('Please use the link from your e-mail.');
    });
  });

  describe('localIso', () => {
    it("uses the page's offset on that date", () => {
      const iso = localIso('2026-07-01', '19:30');
      const offset = -new Date(2026, 6, 1, 19, 30).getTimezoneOffset();
      expect(Date.parse(iso)).to.equal(new Date(2026, 6, 1, 19, 30).getTime());
      expect(iso.slice(0, 19)).to.equal('2026-07-01T19:30:00');
      expect(iso.endsWith(offset === 0 ? '+00:00' : '')).to.equal(true);
    });
  });

  describe('solveChallenge', () => {
    it('finds the number as altcha-lib does: hash(salt + number) in hex', async () => {
      const salt = 'abc123?expires=1999999999';
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}1234`));
      const challenge = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      const payload = await solveChallenge({ algorithm: 'SHA-256', challenge, maxnumber: 5000, salt, signature: 'sig' });
      expect(JSON.parse(atob(payload))).to.deep.equal({ algorithm: 'SHA-256', challenge, number: 1234, salt, signature: 'sig' });
    });

    it('stops when aborted', async () => {
      const abort = new AbortController();
      const solving = solveChallenge({ algorithm: 'SHA-256', challenge: '00', maxnumber: 1e6, salt: 'x', signature: 's' }, abort.signal);
      abort.abort();
      let error: unknown;
      await solving.catch((e) => (error = e));
      expect((error as Error).name).to.equal('AbortError');
    });
  });
});
