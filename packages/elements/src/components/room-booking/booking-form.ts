// The booking form's model, without a browser: what the visitor typed (kept
// through every error), the form's rules (the server's: BOOKING_LIMITS and
// the tenant's limits), and the request they make. The element renders it and
// sends the request; `test/booking-form.test.ts` checks it under Node.
import {
  BOOKING_LIMITS,
  type BookingForm,
  type BookingKind,
  type BookingRequest,
  checkBookingText,
  checkDisplayName,
  countLinks,
  FORBIDDEN_IN_LINE,
  isEmailAddress,
} from '@vereinsraum/protocol';
import type { BookingField, BookingFieldProblem } from '../../i18n/booking-messages.js';
import { isoDay, localIso } from './dates.js';

/** What the visitor typed, as the form's fields hold it. */
export interface Values {
  kind: BookingKind;
  title: string;
  organisation: string;
  contactName: string;
  contactEmail: string;
  /** `YYYY-MM-DD` in the page's time zone. */
  date: string;
  /** `HH:MM` on `date`. */
  startTime: string;
  endTime: string;
  /** Weekly, `weeks` times. */
  repeat: boolean;
  weeks: string;
  participants: string;
  consent: boolean;
  /** The honeypot: people never see it, so it stays empty. */
  website: string;
}

/** Why a field is not right, with the limit the text names (`min` for a range). */
export interface FieldError {
  problem: BookingFieldProblem;
  limit?: number;
  min?: number;
}

/** The form's fields in the order they appear (and the error summary lists them). */
export const FIELDS: readonly BookingField[] = [
  'title',
  'organisation',
  'contactName',
  'contactEmail',
  'date',
  'startTime',
  'endTime',
  'weeks',
  'participants',
  'consent',
];

/** An empty form: a video room, weekly for two weeks once "repeat" is ticked. */
export const EMPTY: Values = {
  kind: 'video',
  title: '',
  organisation: '',
  contactName: '',
  contactEmail: '',
  date: '',
  startTime: '',
  endTime: '',
  repeat: false,
  weeks: '2',
  participants: '',
  consent: false,
  website: '',
};

/** The server's request fields and the form fields they come from. */
const SERVER_FIELDS: Record<string, BookingField> = {
  title: 'title',
  organisation: 'organisation',
  contactName: 'contactName',
  contactEmail: 'contactEmail',
  start: 'startTime',
  end: 'endTime',
  weeks: 'weeks',
  expectedParticipants: 'participants',
  consent: 'consent',
};

/** The form field of a request field the server refused (`invalid_input`'s `field`), if the form has one. */
export function formField(requestField: string | undefined): BookingField | undefined {
  return SERVER_FIELDS[requestField ?? ''];
}

/** The longest date in minutes: the tenant's, else a day. */
export function maxMinutes(form: Partial<BookingForm>): number {
  return form.maxDurationMinutes ?? 24 * 60;
}

/** The most weeks of a weekly booking: the tenant's, within the protocol's. */
export function maxWeeks(form: Partial<BookingForm>): number {
  return Math.min(form.maxWeeks ?? BOOKING_LIMITS.weeksMax, BOOKING_LIMITS.weeksMax);
}

/**
 * The form's rules, the same as the server's (BOOKING_LIMITS and the
 * tenant's limits in `form`): the problem of each field, in the order of the
 * form; empty when the booking can be sent. `now` is the page's clock.
 */
export function validate(v: Values, form: Partial<BookingForm>, now = new Date()): Map<BookingField, FieldError> {
  const errors = new Map<BookingField, FieldError>();
  const text = (field: 'title' | 'organisation', min: number, max: number) => {
    const problem = checkBookingText(v[field], min, max);
    if (problem)
      errors.set(field, { problem: problem === 'control_characters' ? 'control' : problem, limit: problem === 'too_short' ? min : max });
  };
  text('title', BOOKING_LIMITS.titleMin, BOOKING_LIMITS.titleMax);
  text('organisation', BOOKING_LIMITS.organisationMin, BOOKING_LIMITS.organisationMax);
  const name = checkDisplayName(v.contactName);
  if (name) {
    const problem = name === 'too_long' ? 'too_long' : name === 'missing' ? 'missing' : 'control';
    errors.set('contactName', { problem, limit: BOOKING_LIMITS.contactNameMax });
  } else if (countLinks(v.contactName) > BOOKING_LIMITS.linksMax) {
    errors.set('contactName', { problem: 'links' });
  }
  const email = v.contactEmail.trim();
  const length = [...email].length;
  if (!email) errors.set('contactEmail', { problem: 'missing' });
  else if (length < 3) errors.set('contactEmail', { problem: 'too_short', limit: 3 });
  else if (length > BOOKING_LIMITS.emailMax) errors.set('contactEmail', { problem: 'too_long', limit: BOOKING_LIMITS.emailMax });
  else if (FORBIDDEN_IN_LINE.test(email)) errors.set('contactEmail', { problem: 'control' });
  if (!errors.has('contactEmail') && !isEmailAddress(email)) errors.set('contactEmail', { problem: 'email' });
  for (const field of ['date', 'startTime', 'endTime'] as const) if (!v[field]) errors.set(field, { problem: 'missing' });
  const start = v.date && v.startTime ? localIso(v.date, v.startTime) : null;
  const end = v.date && v.endTime ? localIso(v.date, v.endTime) : null;
  if (v.date && v.date < isoDay(now)) errors.set('date', { problem: 'past' });
  else if (start && Date.parse(start) <= now.getTime()) errors.set('startTime', { problem: 'past' });
  const last = end && Date.parse(end) + ((v.repeat ? Number(v.weeks) || 1 : 1) - 1) * 7 * 86_400_000;
  if (last && last > now.getTime() + BOOKING_LIMITS.daysAhead * 86_400_000 && !errors.has('date')) {
    errors.set('date', { problem: 'too_far', limit: BOOKING_LIMITS.daysAhead });
  }
  if (start && end) {
    const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
    if (minutes <= 0) errors.set('endTime', { problem: 'end_before_start' });
    else if (minutes > maxMinutes(form)) errors.set('endTime', { problem: 'duration', limit: maxMinutes(form) });
  }
  if (v.repeat && !inRange(v.weeks, 2, maxWeeks(form))) errors.set('weeks', { problem: 'range', limit: maxWeeks(form), min: 2 });
  if (!v.participants) errors.set('participants', { problem: 'missing' });
  else if (!inRange(v.participants, 1, BOOKING_LIMITS.participantsMax)) {
    errors.set('participants', { problem: 'range', limit: BOOKING_LIMITS.participantsMax, min: 1 });
  }
  if (!v.consent) errors.set('consent', { problem: 'consent' });
  // In the order of the form.
  return new Map(FIELDS.filter((f) => errors.has(f)).map((f) => [f, errors.get(f)!]));
}

/**
 * The request for values that passed {@link validate}: texts trimmed, the
 * dates with the page's offset, the kind only where the tenant takes chat
 * bookings (its `form` settings say so), `language` for the e-mails, and
 * `altcha`, the solved proof of work.
 */
export function bookingRequest(
  v: Values,
  form: Partial<BookingForm>,
  tenant: string,
  language: 'de' | 'en',
  altcha: string,
): BookingRequest {
  return {
    kind: chatOffered(form) ? v.kind : 'video',
    tenant,
    title: v.title.trim(),
    organisation: v.organisation.trim(),
    contactName: v.contactName.trim(),
    contactEmail: v.contactEmail.trim(),
    start: localIso(v.date, v.startTime),
    end: localIso(v.date, v.endTime),
    ...(v.repeat ? { weeks: Number(v.weeks) } : {}),
    expectedParticipants: Number(v.participants),
    consent: true,
    language,
    ...(v.website ? { website: v.website } : {}),
    altcha,
  };
}

/** Does the tenant take chat bookings (its form settings say so)? */
export function chatOffered(form: Partial<BookingForm>): boolean {
  return form.kinds?.includes('chat') === true;
}

/** The tenant's consent text in `locale` (else in the other language); `''` when it has none. */
export function consentText(form: Partial<BookingForm>, locale: 'de' | 'en'): string {
  const text = form.consentText;
  return typeof text === 'string' ? text : (text?.[locale] ?? text?.de ?? text?.en ?? '');
}

function inRange(value: string, min: number, max: number): boolean {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}
