// The booking form's model under Node, without a browser: the rules the form
// checks before sending (the server's), the request it makes, and its date
// and time-zone helpers. The page's time zone here is Berlin's.
process.env.TZ = 'Europe/Berlin';

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BOOKING_LIMITS } from '@vereinsraum/protocol';
import {
  bookingRequest,
  chatOffered,
  consentText,
  EMPTY,
  FIELDS,
  formField,
  maxMinutes,
  maxWeeks,
  validate,
  type Values,
} from '../src/components/room-booking/booking-form.ts';
import { isoDay, localIso, tenantZone, zoneName } from '../src/components/room-booking/dates.ts';

/** The page's clock: Tuesday, 10 March 2026, 10:00 in Berlin (winter time). */
const NOW = new Date('2026-03-10T10:00:00+01:00');

/** A booking that passes every rule: next Tuesday, 19:00 to 21:00. */
const GOOD: Values = {
  ...EMPTY,
  title: 'Jahreshauptversammlung',
  organisation: 'TSV Musterstadt',
  contactName: 'Erika Musterfrau',
  contactEmail: 'erika@example.org',
  date: '2026-03-17',
  startTime: '19:00',
  endTime: '21:00',
  participants: '12',
  consent: true,
};

/** The problem of each field `validate` finds, as `field: problem`. */
function problems(values: Partial<Values>, form = {}): Record<string, string> {
  return Object.fromEntries([...validate({ ...GOOD, ...values }, form, NOW)].map(([field, error]) => [field, error.problem]));
}

describe('the booking form: its rules', () => {
  test('a booking that keeps every rule has no problem', () => {
    assert.deepEqual(problems({}), {});
  });

  test('an empty form names every field, in the order of the form', () => {
    const errors = validate(EMPTY, {}, NOW);
    assert.deepEqual(
      [...errors.keys()],
      FIELDS.filter((field) => field !== 'weeks'),
    );
    assert.deepEqual(Object.fromEntries([...errors].map(([field, error]) => [field, error.problem])), {
      title: 'missing',
      organisation: 'missing',
      contactName: 'missing',
      contactEmail: 'missing',
      date: 'missing',
      startTime: 'missing',
      endTime: 'missing',
      participants: 'missing',
      consent: 'consent',
    });
  });

  test('texts: too short and too long with their limits, invisible control characters, links', () => {
    assert.deepEqual(validate({ ...GOOD, title: 'ab' }, {}, NOW).get('title'), { problem: 'too_short', limit: BOOKING_LIMITS.titleMin });
    assert.deepEqual(validate({ ...GOOD, organisation: 'x'.repeat(121) }, {}, NOW).get('organisation'), {
      problem: 'too_long',
      limit: BOOKING_LIMITS.organisationMax,
    });
    assert.deepEqual(problems({ title: 'Treffen\u202e' }), { title: 'control' });
    assert.deepEqual(problems({ title: 'Gewinn auf spam.example' }), { title: 'links' });
    assert.deepEqual(problems({ contactName: 'Erika www.spam.example' }), { contactName: 'links' });
    assert.deepEqual(validate({ ...GOOD, contactName: 'E'.repeat(65) }, {}, NOW).get('contactName'), {
      problem: 'too_long',
      limit: BOOKING_LIMITS.contactNameMax,
    });
    // A date in a text is no link.
    assert.deepEqual(problems({ title: 'Treffen am 3.Mai' }), {});
  });

  test('the e-mail address: missing, too short, not an address, a control character', () => {
    assert.deepEqual(problems({ contactEmail: '  ' }), { contactEmail: 'missing' });
    assert.deepEqual(problems({ contactEmail: 'a@' }), { contactEmail: 'too_short' });
    assert.deepEqual(problems({ contactEmail: 'erika.example.org' }), { contactEmail: 'email' });
    assert.deepEqual(problems({ contactEmail: 'erika@exa\u0000mple.org' }), { contactEmail: 'control' });
    assert.deepEqual(problems({ contactEmail: ' erika@example.org ' }), {});
  });

  test('dates: not in the past, not more than a year ahead (the last of weekly dates counts), the end after the start', () => {
    assert.deepEqual(problems({ date: '2026-03-09' }), { date: 'past' });
    assert.deepEqual(problems({ date: '2026-03-10', startTime: '09:30', endTime: '11:00' }), { startTime: 'past' });
    assert.deepEqual(problems({ date: '2026-03-10', startTime: '10:30', endTime: '11:00' }), {});
    assert.deepEqual(validate({ ...GOOD, date: '2027-03-11' }, {}, NOW).get('date'), {
      problem: 'too_far',
      limit: BOOKING_LIMITS.daysAhead,
    });
    assert.deepEqual(problems({ date: '2026-12-01', repeat: true, weeks: '20' }), { date: 'too_far' });
    assert.deepEqual(problems({ date: '2026-12-01', repeat: true, weeks: '10' }), {});
    assert.deepEqual(problems({ endTime: '19:00' }), { endTime: 'end_before_start' });
  });

  test("a date's length: a day by default, else the tenant's longest", () => {
    assert.equal(maxMinutes({}), 24 * 60);
    assert.deepEqual(problems({ startTime: '08:00', endTime: '23:00' }), {});
    assert.deepEqual(validate({ ...GOOD, endTime: '22:00' }, { maxDurationMinutes: 120 }, NOW).get('endTime'), {
      problem: 'duration',
      limit: 120,
    });
  });

  test("weekly: from 2 weeks to the tenant's most, never more than the protocol's", () => {
    assert.equal(maxWeeks({}), BOOKING_LIMITS.weeksMax);
    assert.equal(maxWeeks({ maxWeeks: 8 }), 8);
    assert.equal(maxWeeks({ maxWeeks: 500 }), BOOKING_LIMITS.weeksMax);
    assert.deepEqual(validate({ ...GOOD, repeat: true, weeks: '1' }, { maxWeeks: 8 }, NOW).get('weeks'), {
      problem: 'range',
      limit: 8,
      min: 2,
    });
    assert.deepEqual(problems({ repeat: true, weeks: '9' }, { maxWeeks: 8 }), { weeks: 'range' });
    assert.deepEqual(problems({ repeat: true, weeks: '2.5' }), { weeks: 'range' });
    assert.deepEqual(problems({ repeat: true, weeks: '8' }, { maxWeeks: 8 }), {});
    // Not weekly: the weeks field is not asked about.
    assert.deepEqual(problems({ repeat: false, weeks: 'x' }), {});
  });

  test("participants: a whole number from 1 to the protocol's most; the consent box ticked", () => {
    assert.deepEqual(validate({ ...GOOD, participants: '0' }, {}, NOW).get('participants'), {
      problem: 'range',
      limit: BOOKING_LIMITS.participantsMax,
      min: 1,
    });
    assert.deepEqual(problems({ participants: '1001' }), { participants: 'range' });
    assert.deepEqual(problems({ participants: '1000' }), {});
    assert.deepEqual(problems({ consent: false }), { consent: 'consent' });
  });
});

describe('the booking form: its request', () => {
  test("texts trimmed, the dates with the day's offset, a video room, the language and the solved puzzle", () => {
    const request = bookingRequest(
      { ...GOOD, title: '  Jahreshauptversammlung ', contactEmail: ' erika@example.org' },
      {},
      'tsv',
      'de',
      'solved',
    );
    assert.deepEqual(request, {
      kind: 'video',
      tenant: 'tsv',
      title: 'Jahreshauptversammlung',
      organisation: 'TSV Musterstadt',
      contactName: 'Erika Musterfrau',
      contactEmail: 'erika@example.org',
      start: '2026-03-17T19:00:00+01:00',
      end: '2026-03-17T21:00:00+01:00',
      expectedParticipants: 12,
      consent: true,
      language: 'de',
      altcha: 'solved',
    });
  });

  test('weekly with its weeks; a chat room only where the tenant takes chat bookings; a filled honeypot goes along', () => {
    const chat = { ...GOOD, kind: 'chat' as const, repeat: true, weeks: '4', website: 'https://spam.example' };
    assert.equal(bookingRequest(chat, {}, 'tsv', 'en', 'x').kind, 'video');
    const offered = bookingRequest(chat, { kinds: ['video', 'chat'] }, 'tsv', 'en', 'x');
    assert.equal(offered.kind, 'chat');
    assert.equal(offered.weeks, 4);
    assert.equal(offered.website, 'https://spam.example');
    assert.equal(chatOffered({ kinds: ['video'] }), false);
    assert.equal('weeks' in bookingRequest(GOOD, {}, 'tsv', 'en', 'x'), false);
  });

  test('a refused request field leads to its form field; a field the form has not, to none', () => {
    assert.equal(formField('start'), 'startTime');
    assert.equal(formField('end'), 'endTime');
    assert.equal(formField('expectedParticipants'), 'participants');
    assert.equal(formField('contactEmail'), 'contactEmail');
    assert.equal(formField('tenant'), undefined);
    assert.equal(formField(undefined), undefined);
  });

  test("the tenant's consent text in the visitor's language, else the other one, else none", () => {
    assert.equal(consentText({ consentText: 'Einwilligung' }, 'en'), 'Einwilligung');
    assert.equal(consentText({ consentText: { de: 'Einwilligung', en: 'Consent' } }, 'en'), 'Consent');
    assert.equal(consentText({ consentText: { de: 'Einwilligung' } }, 'en'), 'Einwilligung');
    assert.equal(consentText({}, 'de'), '');
  });
});

describe('the booking form: dates and time zones', () => {
  test("localIso: the page's offset on that day, winter and summer time", () => {
    assert.equal(localIso('2026-03-17', '19:00'), '2026-03-17T19:00:00+01:00');
    assert.equal(localIso('2026-07-01', '19:30'), '2026-07-01T19:30:00+02:00');
    assert.equal(Date.parse(localIso('2026-10-25', '12:00')), Date.parse('2026-10-25T11:00:00Z'));
  });

  test("isoDay: the day in the page's time zone", () => {
    assert.equal(isoDay(new Date('2026-03-10T23:30:00Z')), '2026-03-11');
    assert.equal(isoDay(NOW), '2026-03-10');
  });

  test("zoneName and tenantZone: the zone by name; the tenant's only where its clocks differ on that day", () => {
    assert.equal(zoneName('2026-07-01', 'de'), 'Mitteleuropäische Sommerzeit (Europe/Berlin)');
    assert.equal(zoneName('2026-01-15', 'en'), 'Central European Standard Time (Europe/Berlin)');
    assert.equal(tenantZone(undefined, '2026-07-01', 'de'), '');
    assert.equal(tenantZone('Europe/Berlin', '2026-07-01', 'de'), '');
    assert.equal(tenantZone('Europe/Vienna', '2026-07-01', 'de'), '');
    assert.equal(tenantZone('Europe/London', '2026-07-01', 'en'), 'British Summer Time (Europe/London)');
    assert.equal(tenantZone('Not/AZone', '2026-07-01', 'en'), '');
  });
});
