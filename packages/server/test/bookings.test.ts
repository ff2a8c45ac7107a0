import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type AdminBooking,
  type BookingCreated,
  type BookingForm,
  type BookingView,
  checkBookingText,
  countLinks,
  manageTokenBooking,
} from '@vereinsraum/protocol';
import { bookingCalendar } from '../src/bookings/calendar.ts';
import { parseInstant, weeklyDates } from '../src/bookings/dates.ts';
import { BookingService } from '../src/bookings/service.ts';
import { emailLimitKey } from '../src/bookings/validate.ts';
import { signManageToken } from '../src/bookings/tokens.ts';
import { parseConfig } from '../src/config/index.ts';
import { ConfigDirectory } from '../src/directory.ts';
import { createHandler } from '../src/handler.ts';
import { createInvite } from '../src/invites.ts';
import { fillMailLinks } from '../src/mail/delivery.ts';
import { generateKeySet, type KeySet } from '../src/keys.ts';
import { StoreRevocations } from '../src/revocations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { BookingRecord, Store } from '../src/store/types.ts';
import { enterMeeting, env } from './stack.ts';
import { ENGINES } from './store/engines.ts';
import { ADMIN, bookingConfig, HOUR, PAGE_ORIGIN, type BookingStack, startBookingStack } from './booking-stack.ts';

async function problem(response: Response, status: number, code: string, field?: string): Promise<void> {
  const body = (await response.json()) as { code: string; field?: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.code, code);
  if (field !== undefined) assert.equal(body.field, field);
}

function fragment(link: string): URLSearchParams {
  return new URLSearchParams(new URL(link).hash.slice(1));
}

/** The id of a link's short invite: what it is revoked by and stored under. */
function inviteId(link: string): string {
  return fragment(link).get('invite')!.split('.')[0]!;
}

describe('booking dates', () => {
  test('ISO 8601 with an offset is required, and every part is checked', () => {
    assert.equal(parseInstant('2026-12-01T19:00:00+01:00'), Date.UTC(2026, 11, 1, 18));
    assert.equal(parseInstant('2026-12-01T19:00Z'), Date.UTC(2026, 11, 1, 19));
    assert.equal(parseInstant('2026-12-01T19:00:00.5-02:30'), Date.UTC(2026, 11, 1, 21, 30, 0, 500));
    assert.equal(parseInstant('2026-12-01T19:00:00'), 'no_offset');
    for (const bad of [
      '2026-02-30T10:00Z',
      '2026-13-01T10:00Z',
      '2026-12-01T24:00Z',
      '2026-12-01 19:00Z',
      '1.12.2026 19:00',
      'tomorrow',
      '2026-12-01T19:00+25:00',
    ]) {
      assert.equal(parseInstant(bad), 'invalid', bad);
    }
    assert.equal(parseInstant(''), 'missing');
    assert.equal(parseInstant(42), 'missing');
  });

  test('weekly dates keep the wall-clock time across the end of summer time', () => {
    const start = Date.parse('2026-10-20T19:00:00+02:00');
    const dates = weeklyDates(start, start + 2 * HOUR, 3, 'Europe/Berlin');
    assert.deepEqual(
      dates.map((d) => d.start),
      ['2026-10-20T17:00:00.000Z', '2026-10-27T18:00:00.000Z', '2026-11-03T18:00:00.000Z'],
    );
    assert.equal(dates[1]!.end, '2026-10-27T20:00:00.000Z');
  });
});

describe('booking texts and addresses', () => {
  test('links are counted as mail programs make them; dates, abbreviations and versions are no links', () => {
    const cases: Array<[string, number]> = [
      ['Jahreshauptversammlung am 3.Mai', 0],
      ['FC St.Pauli, Abt.Jugend', 0],
      ['TSV 1860 e.V., z.B. Vorstand', 0],
      ['Treffen 19.30 Uhr, Hauptstr.5', 0],
      ['Version 1.2.de', 0],
      ['Tel: 0421 123456', 0],
      ['<img src=x onerror=alert(1)> & "Vorstand"', 0],
      ['Gewinn! https://spam.example und www.x.de', 2],
      ['Infos: verein.example/termine', 1],
      ['Schreiben Sie an info@spam.example', 1],
      ['SPAM.COM', 1],
      ['spam\u3002com', 1],
      ['mailto:erika', 1],
      ['FTP://files', 1],
      ['spam.xn--p1ai', 1],
    ];
    for (const [text, links] of cases) assert.equal(countLinks(text), links, text);
  });

  test('one text rule for form and server: length, control characters, no links', () => {
    assert.equal(checkBookingText('  Jahreshauptversammlung ', 3, 120), null);
    assert.equal(checkBookingText('', 3, 120), 'missing');
    assert.equal(checkBookingText(7, 3, 120), 'missing');
    assert.equal(checkBookingText('ab', 3, 120), 'too_short');
    assert.equal(checkBookingText('🏓🏓🏓', 3, 3), null, 'an emoji is one character');
    assert.equal(checkBookingText('abcd', 3, 3), 'too_long');
    assert.equal(checkBookingText('Sitzung\u202e', 3, 120), 'control_characters');
    assert.equal(checkBookingText('Sitzung, Infos auf verein.example', 3, 120), 'links');
  });

  test('the limit key: lower case, no +tag, no dots at Gmail, the domain in ASCII', () => {
    assert.equal(emailLimitKey('Erika@Example.org'), 'erika@example.org');
    assert.equal(emailLimitKey('erika+tag+more@example.org'), 'erika@example.org');
    assert.equal(emailLimitKey('e.r.i.k.a@example.org'), 'e.r.i.k.a@example.org', 'dots count outside Gmail');
    assert.equal(emailLimitKey('E.Rika+spam@GoogleMail.com'), 'erika@gmail.com');
    assert.equal(emailLimitKey('erika@gmail.com'), 'erika@gmail.com');
    assert.equal(emailLimitKey('erika@bücher.example'), 'erika@xn--bcher-kva.example');
    assert.equal(emailLimitKey('+erika@example.org'), '+erika@example.org', 'a local part is never emptied');
  });
});

/**
 * The content lines of an iCalendar text (RFC 5545 3.1): unfolded, each split into its name and its value,
 * the value read as TEXT (3.3.11). A comma or semicolon without a backslash would make a list or a
 * parameter: it fails here.
 */
function icsLines(ics: string): Array<[string, string]> {
  assert.ok(!/[^\r]\n/.test(ics), 'lines end with CRLF');
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^([A-Z][A-Z0-9-]*)(;[^:]*)?:(.*)$/.exec(line);
      assert.ok(match, `a content line: ${line}`);
      const value = match[3]!;
      if (['SUMMARY', 'NAME', 'X-WR-CALNAME'].includes(match[1]!))
        assert.ok(!/(^|[^\\])(\\\\)*[;,]/.test(value), `unescaped separator in ${line}`);
      return [match[1]!, value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))];
    });
}

describe('the calendar file', () => {
  test('the calendar name is escaped like SUMMARY: backslash, semicolon, comma and line breaks', () => {
    const title = 'Sitzung; Vorstand, Kasse \\ Jugend\nBEGIN:VEVENT\r\nX-INJECTED:1';
    const record = {
      id: 'abcdefabcdef',
      tenant: 'tsv',
      kind: 'video',
      status: 'approved',
      title,
      organisation: 'TSV, e.V.',
      contactName: 'Erika',
      contactEmail: 'erika@example.org',
      emailKey: 'erika@example.org',
      expectedParticipants: 5,
      language: 'de',
      dates: [{ start: '2026-12-01T18:00:00.000Z', end: '2026-12-01T19:00:00.000Z' }],
      firstStart: 0,
      lastEnd: 0,
      room: null,
      invites: null,
      createdAt: 0,
      updatedAt: 0,
    } satisfies BookingRecord;
    const lines = icsLines(bookingCalendar(record, null, 'TSV Musterstadt', Date.UTC(2026, 0, 1)));
    const values = (name: string) => lines.filter(([key]) => key === name).map(([, value]) => value);
    assert.deepEqual(values('X-WR-CALNAME'), [title.replace('\r\n', '\n')]);
    assert.deepEqual(values('NAME'), [title.replace('\r\n', '\n')]);
    assert.deepEqual(values('SUMMARY'), [title.replace('\r\n', '\n')]);
    assert.equal(values('BEGIN').filter((v) => v === 'VEVENT').length, 1, 'no event smuggled in');
    assert.deepEqual(values('X-INJECTED'), []);
  });
});

// The HTTP flows run on both engines: the store is the only thing that differs.
for (const { name: engine } of ENGINES) {
  describe(`bookings over HTTP (${engine})`, () => {
    let stack: BookingStack;
    before(async () => {
      stack = await startBookingStack({ engine, bookings: { perClientPerHour: 1000, perEmailPerDay: 3 } });
    });
    after(() => stack.close());

    test('the form endpoint gives the consent text, privacy link and limits', async () => {
      const response = await fetch(`${stack.api}/v1/bookings/form?tenant=tsv`, { headers: { origin: PAGE_ORIGIN } });
      assert.equal(response.status, 200);
      const form = (await response.json()) as BookingForm;
      assert.deepEqual(form, {
        tenant: 'tsv',
        name: 'TSV Musterstadt',
        consentText: { de: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.', en: 'I agree that my details are stored.' },
        privacyUrl: 'https://www.tsv.example/datenschutz',
        approval: 'manual',
        maxDurationMinutes: 480,
        maxWeeks: 12,
        retentionDays: 90,
        language: 'de',
        kinds: ['video'],
        timeZone: 'Europe/Berlin',
      });
      await problem(await fetch(`${stack.api}/v1/bookings/form?tenant=other`), 403, 'bookings_disabled');
      await problem(await fetch(`${stack.api}/v1/bookings/form?tenant=nope`), 404, 'tenant_not_found');
      await problem(
        await fetch(`${stack.api}/v1/bookings/form?tenant=tsv`, { headers: { origin: 'https://evil.example' } }),
        403,
        'origin_not_allowed',
      );
    });

    test('the challenge is an ALTCHA challenge with the configured maxnumber', async () => {
      const challenge = await (await fetch(`${stack.api}/v1/bookings/challenge?tenant=tsv`)).json();
      assert.equal(challenge.algorithm, 'SHA-256');
      assert.equal(challenge.maxnumber, 1000);
      assert.match(challenge.salt, /[?&]tenant=tsv(&|$)/);
      assert.match(challenge.salt, /[?&]expires=\d+/);
      assert.match(challenge.challenge, /^[0-9a-f]{64}$/);
      assert.match(challenge.signature, /^[0-9a-f]{64}$/);
    });

    test('every field is checked, each refusal names its field', async () => {
      const base = await stack.body();
      const soon = Date.now() + 2 * HOUR;
      const iso = (ms: number) => new Date(ms).toISOString();
      const cases: Array<[string, Record<string, unknown>]> = [
        ['kind', { kind: 'chat' }],
        ['title', { title: '' }],
        ['title', { title: 'ab' }],
        ['title', { title: 'x'.repeat(121) }],
        ['title', { title: 'Versammlung\u0000' }],
        ['title', { title: 'Versammlung\u202e' }],
        ['title', { title: 42 }],
        ['organisation', { organisation: undefined }],
        ['organisation', { organisation: 'y'.repeat(500) }],
        ['contactName', { contactName: '   ' }],
        ['contactName', { contactName: 'z'.repeat(65) }],
        ['contactEmail', { contactEmail: 'not-an-address' }],
        ['contactEmail', { contactEmail: 'a@b' }],
        ['contactEmail', { contactEmail: 'a b@example.org' }],
        ['contactEmail', { contactEmail: `${'a'.repeat(250)}@example.org` }],
        ['contactEmail', { contactEmail: 'a@example.org\r\nBcc: x@example.org' }],
        // Control characters would reach the operator's terminal (`bookings list`) and the mail server.
        ['contactEmail', { contactEmail: 'a\u001bc@example.org' }],
        ['contactEmail', { contactEmail: 'a\u009b2J@example.org' }],
        ['contactEmail', { contactEmail: 'a\u0000@example.org' }],
        ['contactEmail', { contactEmail: 'erika\u202e@example.org' }],
        ['contactEmail', { contactEmail: 'erika@exa\u202emple.org' }],
        ['start', { start: '2026-12-01T19:00:00' }],
        ['start', { start: '2026-02-30T19:00:00+01:00' }],
        ['start', { start: 'morgen' }],
        ['start', { start: iso(Date.now() - HOUR), end: iso(Date.now() + HOUR) }],
        ['end', { start: iso(soon), end: iso(soon - 60_000) }],
        ['end', { start: iso(soon), end: iso(soon) }],
        ['end', { start: iso(soon), end: iso(soon + 9 * HOUR) }],
        ['end', { end: '2026-12-01T21:00' }],
        ['weeks', { weeks: 13 }],
        ['weeks', { weeks: 0 }],
        ['weeks', { weeks: 2.5 }],
        ['weeks', { weeks: '3' }],
        ['start', { start: iso(Date.now() + 400 * 24 * HOUR), end: iso(Date.now() + 400 * 24 * HOUR + HOUR) }],
        ['expectedParticipants', { expectedParticipants: 0 }],
        ['expectedParticipants', { expectedParticipants: 1001 }],
        ['expectedParticipants', { expectedParticipants: '30' }],
        ['consent', { consent: false }],
        ['consent', { consent: 'true' }],
        ['consent', { consent: undefined }],
        ['language', { language: 'fr' }],
        ['isAdmin', { isAdmin: true }],
      ];
      for (const [field, overrides] of cases) {
        await problem(await stack.post({ ...base, ...overrides }), 400, 'invalid_input', field);
      }
      await problem(await stack.post({ ...base, tenant: 'nope' }), 404, 'tenant_not_found');
      await problem(await stack.post({ ...base, tenant: 'other' }), 403, 'bookings_disabled');
      await problem(await stack.post('{"title": '), 400, 'invalid_json');
      await problem(await stack.post({ ...base, title: 'x'.repeat(9000) }), 413, 'body_too_large');
      await problem(await stack.post({ ...base }, { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
      // None of these used the challenge up.
      assert.equal((await stack.post(base)).status, 201);
    });

    test('time zones: any offset is read as the instant it names', async () => {
      const start = new Date(Date.now() + 5 * HOUR);
      start.setUTCSeconds(0, 0);
      // The same instant written in New York summer time (-04:00) …
      const local = new Date(start.getTime() - 4 * HOUR).toISOString().replace('.000Z', '-04:00');
      const response = await stack.post(await stack.body({ start: local, end: new Date(start.getTime() + HOUR).toISOString() }));
      assert.equal(response.status, 201);
      const created = (await response.json()) as BookingCreated;
      assert.deepEqual(created.dates, [{ start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() }]);
    });

    test('HTML in titles is data, not markup', async () => {
      const title = '<img src=x onerror=alert(1)> & "Vorstand"';
      const response = await stack.post(await stack.body({ title, organisation: '<b>TSV</b>' }));
      assert.equal(response.status, 201);
      const created = (await response.json()) as BookingCreated;
      assert.equal(created.title, title);
      const ics = await (
        await fetch(`${stack.api}/v1/bookings/${created.id}/calendar.ics`, { headers: { authorization: `Bearer ${created.manageToken}` } })
      ).text();
      assert.match(ics, /SUMMARY:<img src=x onerror=alert\(1\)> & "Vorstand"/);
      const mails = await Promise.all((await stack.store.listMails(50)).map((m) => fillMailLinks(stack.keys, m)));
      const [mail] = mails.filter((m) => m.text.includes(created.manageToken));
      assert.ok(mail);
      assert.ok(mail.text.includes(title), 'plain text keeps the title as typed');
    });

    test('the honeypot refuses a filled "website"', async () => {
      await problem(await stack.post(await stack.body({ website: 'https://spam.example' })), 400, 'invalid_input', 'website');
    });

    test('proof of work: missing, wrong, for another tenant, reused and expired answers are refused', async () => {
      const body = await stack.body();
      await problem(await stack.post({ ...body, altcha: undefined }), 403, 'challenge_failed', 'altcha');
      await problem(await stack.post({ ...body, altcha: 'bm90IGpzb24=' }), 403, 'challenge_failed', 'altcha');
      const decoded = JSON.parse(atob(body.altcha as string));
      await problem(
        await stack.post({ ...body, altcha: btoa(JSON.stringify({ ...decoded, number: decoded.number + 1 })) }),
        403,
        'challenge_failed',
        'altcha',
      );
      await problem(
        await stack.post({ ...body, altcha: btoa(JSON.stringify({ ...decoded, signature: '0'.repeat(64) })) }),
        403,
        'challenge_failed',
      );
      assert.equal((await stack.post(body)).status, 201);
      await problem(await stack.post({ ...body, contactEmail: 'someone.else@example.org' }), 403, 'challenge_failed', 'altcha');

      const late = await stack.body();
      stack.shift(31 * 60_000);
      try {
        await problem(
          await stack.post({
            ...late,
            start: new Date(Date.now() + 3 * HOUR).toISOString(),
            end: new Date(Date.now() + 4 * HOUR).toISOString(),
          }),
          403,
          'challenge_failed',
        );
      } finally {
        stack.shift(-31 * 60_000);
      }
    });

    test('the limit per address counts +tags, case and the dots of Gmail as one address; mails go to the address as typed', async () => {
      const spellings = ['E.Rika.Gmail+1@gmail.com', 'erikagmail+2@googlemail.com', 'ERIKA.GMAIL@gmail.com'];
      const ids: string[] = [];
      for (const contactEmail of spellings) {
        const response = await stack.post(await stack.body({ contactEmail }));
        assert.equal(response.status, 201);
        ids.push(((await response.json()) as BookingCreated).id);
      }
      await problem(await stack.post(await stack.body({ contactEmail: 'erika.gmail+4@gmail.com' })), 429, 'rate_limited', 'contactEmail');
      for (const contactEmail of ['Tagged+a@Verein.example', 'tagged+b@verein.example', 'tagged@verein.example']) {
        assert.equal((await stack.post(await stack.body({ contactEmail }))).status, 201);
      }
      await problem(await stack.post(await stack.body({ contactEmail: 'tagged+d@verein.example' })), 429, 'rate_limited', 'contactEmail');
      const mails = await stack.store.listMails(500);
      for (const [i, id] of ids.entries()) assert.equal(mails.find((mail) => mail.bookingId === id)?.to, spellings[i]);
    });

    test('links in the texts that go into mails are refused, each naming its field', async () => {
      const base = await stack.body();
      for (const [field, value] of [
        ['title', 'Gewinnspiel auf https://spam.example'],
        ['title', 'Jetzt www.spam.example besuchen'],
        ['organisation', 'spam.example'],
        ['contactName', 'Erika (erika@spam.example)'],
      ] as const) {
        await problem(await stack.post({ ...base, [field]: value }), 400, 'invalid_input', field);
      }
      assert.equal(
        (await stack.post({ ...base, title: 'Sitzung am 3.Mai', organisation: 'FC St.Pauli e.V.' })).status,
        201,
        'nothing was used up',
      );
    });

    test('rate limit per e-mail address: 429 with Retry-After', async () => {
      const email = 'Viel.Bucher@Example.org';
      for (let i = 0; i < 3; i++)
        assert.equal((await stack.post(await stack.body({ contactEmail: i === 1 ? email.toLowerCase() : email }))).status, 201);
      const refused = await stack.post(await stack.body({ contactEmail: email }));
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      await problem(refused, 429, 'rate_limited', 'contactEmail');
    });

    test('manual approval: pending, then the operator approves; the invites open the booked room', async () => {
      const response = await stack.post(await stack.body({ title: 'Vorstandssitzung', weeks: 2 }, 10 * 60_000));
      assert.equal(response.status, 201);
      const created = (await response.json()) as BookingCreated;
      assert.equal(created.status, 'pending');
      assert.equal(created.links, null);
      assert.equal(created.dates.length, 2);
      assert.equal(manageTokenBooking(created.manageToken), created.id);
      assert.match(created.manageToken, /^[a-z0-9]{12}\.[\w-]{22}$/, 'a short manage token: the booking id and a secret');
      assert.equal(created.manageUrl, `https://www.tsv.example/buchen#manage=${created.manageToken}`);

      const pending = (await (await stack.admin('/bookings?status=pending')).json()).bookings as AdminBooking[];
      const mine = pending.find((b) => b.id === created.id);
      assert.ok(mine);
      assert.match(mine.contactEmail, /@example\.org$/);

      const approved = await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' });
      assert.equal(approved.status, 200);
      const admin = (await approved.json()) as AdminBooking;
      assert.equal(admin.status, 'approved');
      assert.deepEqual(
        admin.audit.map((a) => [a.action, a.actor]),
        [
          ['created', 'booker'],
          ['approved', 'admin-api'],
        ],
      );
      assert.equal(admin.room, `tsv/b-${created.id}`);

      const view = (await (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, {
          headers: { authorization: `Bearer ${created.manageToken}`, origin: PAGE_ORIGIN },
        })
      ).json()) as BookingView;
      assert.equal(view.status, 'approved');
      assert.ok(view.links);
      const moderator = fragment(view.links.moderator);
      const attendee = fragment(view.links.attendee);
      for (const link of [view.links.moderator, view.links.attendee])
        assert.match(link, /^https:\/\/www\.tsv\.example\/raum#invite=[\w-]{11}\.[\w-]{22}$/);
      const record = (await stack.store.getInvite(inviteId(view.links.moderator)))!;
      assert.deepEqual([record.tenant, record.room, record.role, record.bookingId], ['tsv', `b-${created.id}`, 'moderator', created.id]);
      assert.equal(record.notBefore, null, 'valid at once: the first date starts within 30 minutes');
      assert.equal(record.expiresAt, Math.floor(Date.parse(created.dates[1]!.end) / 1000) * 1000);

      // The booked room works like a configured one: status, then join with the invites.
      const room = `b-${created.id}`;
      const status = await (await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`)).json();
      assert.equal(status.state, 'idle');
      const join = (body: unknown) =>
        fetch(`${stack.api}/v1/rooms/tsv/${room}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await problem(await join({ displayName: 'Ohne Link' }), 403, 'invite_invalid', 'invite');
      await problem(await join({ displayName: 'Rater', accessCode: 'irgendwas' }), 403, 'invite_invalid');
      assert.deepEqual(await (await join({ displayName: 'Gast', invite: attendee.get('invite') })).json(), { waiting: true });
      const host = await (await join({ displayName: 'Vorsitz', invite: moderator.get('invite') })).json();
      assert.equal(host.role, 'moderator');
      const { state } = await enterMeeting(host.url);
      assert.equal(state.you.role, 'MODERATOR');
      assert.equal(state.meetingName, 'Vorstandssitzung');
      const guest = await (await join({ displayName: 'Gast', invite: attendee.get('invite') })).json();
      assert.equal(guest.role, 'attendee');

      // The invite of another booked room does not open this one.
      await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 409, 'booking_conflict');
    });

    test('a booking that is not approved has no room', async () => {
      const created = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      await problem(await fetch(`${stack.api}/v1/rooms/tsv/b-${created.id}/status`), 404, 'room_not_found');
    });

    test('rejection with a reason: the booker sees it rejected, and it cannot be approved after', async () => {
      const created = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      const rejected = await stack.admin(`/bookings/${created.id}/reject`, {
        method: 'POST',
        body: JSON.stringify({ reason: 'Der Termin ist schon belegt.' }),
      });
      assert.equal(rejected.status, 200);
      const admin = (await rejected.json()) as AdminBooking;
      assert.equal(admin.status, 'rejected');
      assert.deepEqual(admin.audit.at(-1)?.reason, 'Der Termin ist schon belegt.');
      const view = (await (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${created.manageToken}` } })
      ).json()) as BookingView;
      assert.equal(view.status, 'rejected');
      await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 409, 'booking_conflict');
      await problem(
        await fetch(`${stack.api}/v1/bookings/${created.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${created.manageToken}` },
        }),
        409,
        'booking_conflict',
      );
      const mail = (await stack.store.listMails(100)).find((m) => m.kind === 'rejected' && m.text.includes('Der Termin ist schon belegt.'));
      assert.ok(mail);
      assert.match(mail.subject, /^Buchung abgelehnt: /);
    });

    test('cancellation by the booker revokes the invites', async () => {
      const created = (await (await stack.post(await stack.body({}, 10 * 60_000))).json()) as BookingCreated;
      const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
      const invite = fragment(approved.links!.moderator).get('invite');
      const auth = { authorization: `Bearer ${created.manageToken}` };
      const cancelled = await fetch(`${stack.api}/v1/bookings/${created.id}`, { method: 'DELETE', headers: auth });
      assert.equal(cancelled.status, 200);
      assert.equal(((await cancelled.json()) as BookingView).status, 'cancelled');
      await problem(await fetch(`${stack.api}/v1/bookings/${created.id}`, { method: 'DELETE', headers: auth }), 409, 'booking_conflict');
      const ics = (await (await fetch(`${stack.api}/v1/bookings/${created.id}/calendar.ics`, { headers: auth })).text()).replace(
        /\r\n /g,
        '',
      );
      assert.match(ics, /BEGIN:VEVENT/);
      assert.ok(!ics.includes('invite='), 'the calendar of a cancelled booking hands out no invite');
      const join = await fetch(`${stack.api}/v1/rooms/tsv/b-${created.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'X', invite }),
      });
      await problem(join, 404, 'room_not_found');
      const audit = ((await (await stack.admin(`/bookings/${created.id}`)).json()) as AdminBooking).audit;
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor]),
        [
          ['created', 'booker'],
          ['approved', 'admin-api'],
          ['cancelled', 'booker'],
        ],
      );
    });

    test('the manage token: missing, wrong, or for another booking is booking_not_found', async () => {
      const a = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      const b = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      await problem(await fetch(`${stack.api}/v1/bookings/${a.id}`), 404, 'booking_not_found');
      await problem(
        await fetch(`${stack.api}/v1/bookings/${a.id}`, { headers: { authorization: `Bearer ${b.manageToken}` } }),
        404,
        'booking_not_found',
      );
      await problem(
        await fetch(`${stack.api}/v1/bookings/${a.id}`, { headers: { authorization: 'Bearer x.y.z' } }),
        404,
        'booking_not_found',
      );
      await problem(
        await fetch(`${stack.api}/v1/bookings/zzzzzzzzzzzz`, { headers: { authorization: `Bearer ${a.manageToken}` } }),
        404,
        'booking_not_found',
      );
      await problem(
        await fetch(`${stack.api}/v1/bookings/${a.id}/calendar.ics`, { headers: { authorization: `Bearer ${b.manageToken}` } }),
        404,
        'booking_not_found',
      );
      // An invite token is no manage token.
      const approved = (await (await stack.admin(`/bookings/${b.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
      const invite = fragment(approved.links!.moderator).get('invite');
      await problem(
        await fetch(`${stack.api}/v1/bookings/${b.id}`, { headers: { authorization: `Bearer ${invite}` } }),
        404,
        'booking_not_found',
      );
      await problem(
        await fetch(`${stack.api}/v1/bookings/${a.id}`, { method: 'PUT', headers: { authorization: `Bearer ${a.manageToken}` } }),
        405,
        'method_not_allowed',
      );
    });

    test('the calendar file has one event per date', async () => {
      const created = (await (await stack.post(await stack.body({ weeks: 3 }))).json()) as BookingCreated;
      const response = await fetch(`${stack.api}/v1/bookings/${created.id}/calendar.ics`, {
        headers: { authorization: `Bearer ${created.manageToken}` },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/calendar; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const ics = await response.text();
      assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 3);
      assert.match(ics, /^BEGIN:VCALENDAR/);
      const first = created.dates[0]!.start.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      assert.ok(ics.includes(`DTSTART:${first}`), ics);
    });

    test('trusted contacts are approved at once; untrusting stops it', async () => {
      const email = 'kassenwart@tsv.example';
      assert.equal(
        (await stack.admin('/contacts', { method: 'POST', body: JSON.stringify({ tenant: 'tsv', email: 'Kassenwart@TSV.example' }) }))
          .status,
        204,
      );
      const created = (await (await stack.post(await stack.body({ contactEmail: email }))).json()) as BookingCreated;
      assert.equal(created.status, 'approved');
      // Anyone can type a trusted address: the links go only to the address, by e-mail.
      assert.equal(created.links, null);
      const view = (await (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${created.manageToken}` } })
      ).json()) as BookingView;
      assert.equal(view.links, null);
      const admin0 = (await (await stack.admin(`/bookings/${created.id}`)).json()) as AdminBooking;
      assert.ok(admin0.links, 'the operator sees them');
      const record = (await stack.store.getInvite(inviteId(admin0.links.attendee)))!;
      assert.equal(record.role, 'attendee');
      assert.equal(
        record.notBefore,
        Math.floor((Date.parse(created.dates[0]!.start) - 30 * 60_000) / 1000) * 1000,
        'valid from 30 minutes before the first date',
      );
      assert.equal(record.expiresAt, Math.floor(Date.parse(created.dates[0]!.end) / 1000) * 1000);
      const admin = (await (await stack.admin(`/bookings/${created.id}`)).json()) as AdminBooking;
      assert.deepEqual(
        admin.audit.map((a) => [a.action, a.actor]),
        [
          ['created', 'booker'],
          ['approved', 'trusted-contact'],
        ],
      );
      assert.equal(admin.trusted, true);
      assert.equal(
        (await stack.admin('/contacts', { method: 'POST', body: JSON.stringify({ tenant: 'tsv', email, trusted: false }) })).status,
        204,
      );
      const later = (await (await stack.post(await stack.body({ contactEmail: email }))).json()) as BookingCreated;
      assert.equal(later.status, 'pending');
      await problem(
        await stack.admin('/contacts', { method: 'POST', body: JSON.stringify({ tenant: 'tsv', email: 'nope' }) }),
        400,
        'invalid_input',
        'email',
      );
    });

    test('trust holds for the trusted address in any case, not for its +tag or dot variants', async () => {
      assert.equal(
        (await stack.admin('/contacts', { method: 'POST', body: JSON.stringify({ tenant: 'tsv', email: 'anna.vorstand@gmail.com' }) }))
          .status,
        204,
      );
      const status = async (contactEmail: string) =>
        ((await (await stack.post(await stack.body({ contactEmail }))).json()) as BookingCreated).status;
      assert.equal(await status('Anna.Vorstand@Gmail.com'), 'approved');
      assert.equal(await status('anna.vorstand+x@gmail.com'), 'pending');
      assert.equal(await status('annavorstand@gmail.com'), 'pending');
    });

    test('the admin API needs the token and refuses other origins', async () => {
      await problem(await fetch(`${stack.api}/v1/admin/bookings`), 401, 'unauthorized');
      await problem(await stack.admin('/bookings', { headers: { origin: PAGE_ORIGIN } }), 403, 'origin_not_allowed');
      await problem(await stack.admin('/bookings?status=done'), 400, 'invalid_input', 'status');
      await problem(await stack.admin('/bookings/zzzz/approve', { method: 'POST' }), 404, 'booking_not_found');
      await problem(await stack.admin('/bookings/zzzz/approve', { method: 'GET' }), 405, 'method_not_allowed');
      await problem(
        await stack.admin('/bookings/x/reject', { method: 'POST', body: JSON.stringify({ reason: 'r'.repeat(501) }) }),
        400,
        'invalid_input',
        'reason',
      );
    });

    test('preflights allow DELETE and the Authorization header', async () => {
      const response = await fetch(`${stack.api}/v1/bookings/abc`, {
        method: 'OPTIONS',
        headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'DELETE' },
      });
      assert.equal(response.status, 204);
      assert.match(response.headers.get('access-control-allow-methods')!, /DELETE/);
      assert.match(response.headers.get('access-control-allow-headers')!, /authorization/);
    });

    test('restart keeps bookings, decisions, mails and revocations', async () => {
      const created = (await (await stack.post(await stack.body({}, 10 * 60_000))).json()) as BookingCreated;
      await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' });
      const cancelledOne = (await (await stack.post(await stack.body({}, 10 * 60_000))).json()) as BookingCreated;
      const approvedTwo = (await (await stack.admin(`/bookings/${cancelledOne.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
      await fetch(`${stack.api}/v1/bookings/${cancelledOne.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${cancelledOne.manageToken}` },
      });
      const mails = (await stack.store.listMails(1000)).length;
      await stack.restart();
      const view = (await (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${created.manageToken}` } })
      ).json()) as BookingView;
      assert.equal(view.status, 'approved');
      const join = await fetch(`${stack.api}/v1/rooms/tsv/b-${created.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Vorsitz', invite: fragment(view.links!.moderator).get('invite') }),
      });
      assert.equal((await join.json()).role, 'moderator');
      assert.equal((await stack.store.listMails(1000)).length, mails);
      assert.equal(await stack.store.isRevoked(inviteId(approvedTwo.links!.moderator), Date.now()), true);
    });

    test('purge deletes personal data after the retention period, and nothing before', async () => {
      const created = (await (
        await stack.post(await stack.body({ contactName: 'Zu Löschen', contactEmail: 'loeschen@example.org' }))
      ).json()) as BookingCreated;
      await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' });
      const lastEnd = Date.parse(created.dates.at(-1)!.end);
      const days = (ms: number) => ms * 86_400_000;
      stack.shift(lastEnd - Date.now() + days(89));
      try {
        await stack.restart(); // the purge runs when the handler starts
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(await stack.store.getBooking(created.id), 'kept within 90 days');
        stack.shift(days(2));
        await stack.restart();
        // The purge runs in the background of the start: wait for it (at most 5 s).
        for (let i = 0; i < 100 && (await stack.store.getBooking(created.id)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(await stack.store.getBooking(created.id), undefined);
        assert.equal(
          (await stack.store.listMails(10_000)).filter((m) => m.to === 'loeschen@example.org').length,
          0,
          'the mails are gone too',
        );
        assert.equal((await stack.store.audit(created.id)).length, 0);
        assert.ok(stack.logs.some((line) => /purged \d+ booking/.test(line)));
      } finally {
        stack.shift(-(lastEnd - Date.now() + days(91)));
        await stack.restart();
      }
    });

    test('no names or e-mail addresses in log lines', async () => {
      await stack.post(await stack.body({ contactName: 'Geheimer Name', contactEmail: 'geheim@example.org', title: 'Geheimes Treffen' }));
      const all = stack.logs.join('\n');
      assert.ok(stack.logs.length > 0);
      for (const pii of ['Geheimer Name', 'geheim@example.org', 'Erika', 'example.org', 'Kassenwart'])
        assert.ok(!all.includes(pii), `${pii} in the log`);
    });
  });

  describe(`automatic approval and the per-client limit (${engine})`, () => {
    let stack: BookingStack;
    before(async () => {
      stack = await startBookingStack({ engine, bookings: { approval: 'automatic', perClientPerHour: 2 } });
    });
    after(() => stack.close());

    test('approval automatic approves at once; the third booking from one client in an hour is refused', async () => {
      const first = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      assert.equal(first.status, 'approved');
      assert.ok(first.links);
      assert.equal(first.room, `tsv/b-${first.id}`);
      assert.equal((await stack.post(await stack.body())).status, 201);
      const refused = await stack.post(await stack.body());
      const wait = Number(refused.headers.get('retry-after'));
      assert.ok(wait > 3000 && wait <= 3600, String(wait));
      await problem(refused, 429, 'rate_limited');
      stack.shift(HOUR + 1000);
      try {
        assert.equal((await stack.post(await stack.body())).status, 201, 'the window moves on');
      } finally {
        stack.shift(-HOUR - 1000);
      }
    });
  });
}

describe('bookings, service and handler without a network', () => {
  const config = parseConfig(bookingConfig('http://127.0.0.1:1/bigbluebutton/'), { ...env, ADMIN_TOKEN: ADMIN });
  let keys: KeySet;
  let store: SqliteStore;
  before(async () => {
    keys = await generateKeySet();
    store = new SqliteStore(':memory:');
  });
  after(() => store.close());

  const service = (through: Store = store, now: () => number = Date.now) =>
    new BookingService({
      directory: new ConfigDirectory(config, store),
      store: through,
      keys: async () => keys,
      now,
      revocations: new StoreRevocations(store),
      challengeKey: async () => 'test-challenge-key',
    });

  /** A pending booking stored directly, and its manage token. */
  async function pending(tenant = 'tsv', start = Date.now() + 2 * HOUR): Promise<{ record: BookingRecord; token: string }> {
    const now = Date.now();
    const id = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
    const record: BookingRecord = {
      id,
      tenant,
      kind: 'video',
      status: 'pending',
      title: 'Vorstandssitzung',
      organisation: 'TSV',
      contactName: 'Erika',
      contactEmail: 'erika@example.org',
      emailKey: 'erika@example.org',
      expectedParticipants: 5,
      language: 'de',
      dates: [{ start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() }],
      firstStart: start,
      lastEnd: start + HOUR,
      room: null,
      invites: null,
      createdAt: now,
      updatedAt: now,
    };
    assert.ok(await store.createBooking(record, { audit: [], mails: [] }, { id: `challenge-${id}`, expiresAt: now + HOUR }));
    return { record, token: await signManageToken(keys, id, now, start + 100 * 24 * HOUR) };
  }

  test('a cancellation that read the booking before an approval still revokes the invites the approval made', async () => {
    const { record, token } = await pending();
    // The booker's request read the booking while it was pending; the operator approves before it writes.
    const stale: Store = Object.assign(Object.create(store) as Store, { getBooking: async () => ({ ...record }) });
    const approved = await service().approve(record.id, 'admin-api');
    const jtis = [approved.links!.moderator, approved.links!.attendee].map(inviteId);
    const cancelled = await service(stale).cancel(record.id, token);
    assert.equal(cancelled.status, 'cancelled');
    for (const jti of jtis) assert.equal(await store.isRevoked(jti, Date.now()), true, `invite ${jti} revoked`);
  });

  test('a booking approved before short links keeps its signed links, and its signed manage token works', async () => {
    const { record, token } = await pending();
    const room = `b-${record.id}`;
    const spec = { tenant: 'tsv', room, expiresInSeconds: 3 * 3600 };
    const [moderator, attendee] = await Promise.all([
      createInvite(keys, { ...spec, role: 'moderator' }),
      createInvite(keys, { ...spec, role: 'attendee' }),
    ]);
    const invites = { moderator: moderator.token, attendee: attendee.token, moderatorJti: moderator.jti, attendeeJti: attendee.jti };
    await store.updateBooking(
      record.id,
      ['pending'],
      { status: 'approved', updatedAt: Date.now(), room, invites },
      { audit: [], mails: [] },
    );
    const view = await service().get(record.id, token);
    assert.deepEqual(view.links, {
      moderator: `https://www.tsv.example/raum#invite=${moderator.token}&room=${room}`,
      attendee: `https://www.tsv.example/raum#invite=${attendee.token}&room=${room}`,
    });
    await service().cancel(record.id, token);
    for (const jti of [moderator.jti, attendee.jti])
      assert.equal(await store.isRevoked(jti, Date.now()), true, 'cancelling revokes them by jti');
  });

  test('the invites end with the last date, to the second, whatever the milliseconds of the clock', async () => {
    const second = Math.floor(Date.now() / 1000) * 1000;
    const { record } = await pending('tsv', second + 2 * HOUR + 999);
    const approved = await service(store, () => second + 1).approve(record.id, 'admin-api');
    for (const link of [approved.links!.moderator, approved.links!.attendee]) {
      assert.equal((await store.getInvite(inviteId(link)))!.expiresAt, Math.floor(record.lastEnd / 1000) * 1000);
    }
  });

  test('a booking of a tenant that left the configuration is booking_not_found, its calendar too', async () => {
    const { record, token } = await pending('gone');
    const logs: string[] = [];
    const handler = createHandler(config, {
      keys,
      store,
      challengeKey: 'test-challenge-key',
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    for (const path of ['', '/calendar.ics']) {
      for (const origin of [{}, { origin: PAGE_ORIGIN }] as Array<Record<string, string>>) {
        const response = await handler(
          new Request(`http://localhost/v1/bookings/${record.id}${path}`, { headers: { authorization: `Bearer ${token}`, ...origin } }),
        );
        await problem(response, 404, 'booking_not_found');
      }
    }
    assert.deepEqual(
      logs.filter((line) => line.startsWith('error')),
      [],
    );
  });
});
