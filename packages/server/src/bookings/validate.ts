import { BOOKING_LIMITS, checkDisplayName, type BookingDate, type BookingKind } from '@vereinsraum/protocol';
import type { BookingsConfig } from '../config.js';
import { HttpError } from '../errors.js';
import { parseInstant, weeklyDates } from './dates.js';

/** The fields of a booking request after every check. */
export interface ValidBooking {
  kind: BookingKind;
  title: string;
  organisation: string;
  contactName: string;
  contactEmail: string;
  emailKey: string;
  expectedParticipants: number;
  language: 'de' | 'en';
  dates: BookingDate[];
  firstStart: number;
  lastEnd: number;
}

const KNOWN = new Set(['kind', 'tenant', 'title', 'organisation', 'contactName', 'contactEmail', 'start', 'end', 'weeks', 'expectedParticipants', 'consent', 'language', 'website', 'altcha']);

// Control characters, line and paragraph separators and bidi overrides, as for display names.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@(?=.{1,253}$)[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,62}[A-Za-z0-9\u00a1-\uffff])?(?:\.[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,62}[A-Za-z0-9\u00a1-\uffff])?)+$/u;

function invalid(field: string, detail: string): HttpError {
  return new HttpError(400, 'invalid_input', detail, field);
}

function text(body: Record<string, unknown>, field: string, min: number, max: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(field, `${field} is required.`);
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < min || length > max) throw invalid(field, `${field} must have ${min} to ${max} characters.`);
  if (FORBIDDEN.test(trimmed)) throw invalid(field, `${field} contains control characters.`);
  return trimmed;
}

function instant(body: Record<string, unknown>, field: 'start' | 'end'): number {
  const parsed = parseInstant(body[field]);
  if (parsed === 'missing') throw invalid(field, `${field} is required: ISO 8601 with an offset, e.g. 2026-12-01T19:00:00+01:00.`);
  if (parsed === 'no_offset') throw invalid(field, `${field} needs an offset (Z or +01:00): a time without one means nothing on the server.`);
  if (parsed === 'invalid') throw invalid(field, `${field} is not a valid ISO 8601 date and time with an offset.`);
  return parsed;
}

/**
 * Check a `POST /v1/bookings` body field by field, in the order the form
 * shows them; the first problem is thrown as `invalid_input` naming the
 * field. Texts are trimmed and kept as they are: `<b>` in a title is text,
 * encoded wherever it is shown, never markup. The honeypot, the proof of
 * work and the limits are checked by the caller.
 *
 * `chat` says whether the tenant takes chat bookings.
 *
 * @throws {@link HttpError} `400 invalid_input` with `field`.
 */
export function validateBooking(body: Record<string, unknown>, config: BookingsConfig, now: number, chat = false): ValidBooking {
  for (const key of Object.keys(body)) if (!KNOWN.has(key)) throw invalid(key, `${key.length > 40 ? 'a field' : key} is not a field of a booking.`);
  if (body.kind !== 'video' && !(chat && body.kind === 'chat')) {
    throw invalid('kind', chat ? 'kind must be "video" or "chat".' : 'kind must be "video": this tenant takes no chat bookings.');
  }
  const kind: BookingKind = body.kind;
  const title = text(body, 'title', BOOKING_LIMITS.titleMin, BOOKING_LIMITS.titleMax);
  const organisation = text(body, 'organisation', BOOKING_LIMITS.organisationMin, BOOKING_LIMITS.organisationMax);
  const nameProblem = checkDisplayName(body.contactName);
  if (nameProblem) {
    throw invalid('contactName', nameProblem === 'missing' ? 'contactName is required.' : nameProblem === 'too_long' ? `contactName must have at most ${BOOKING_LIMITS.contactNameMax} characters.` : 'contactName contains control characters.');
  }
  const contactName = (body.contactName as string).trim();
  const email = body.contactEmail;
  if (typeof email !== 'string' || email.trim() === '') throw invalid('contactEmail', 'contactEmail is required.');
  const contactEmail = email.trim();
  if (contactEmail.length > BOOKING_LIMITS.emailMax || !EMAIL.test(contactEmail) || FORBIDDEN.test(contactEmail)) {
    throw invalid('contactEmail', 'contactEmail is not an e-mail address.');
  }

  const start = instant(body, 'start');
  const end = instant(body, 'end');
  if (start <= now) throw invalid('start', 'start must be in the future.');
  if (end <= start) throw invalid('end', 'end must be after start.');
  if (end - start > config.maxHours * 3_600_000) throw invalid('end', `A date may last at most ${config.maxHours} hours.`);
  const weeks = body.weeks ?? 1;
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 1 || weeks > config.maxWeeks) {
    throw invalid('weeks', `weeks must be a whole number from 1 to ${config.maxWeeks}.`);
  }
  const dates = weeklyDates(start, end, weeks, config.timeZone);
  const lastEnd = Date.parse(dates.at(-1)!.end);
  if (lastEnd > now + BOOKING_LIMITS.daysAhead * 86_400_000) {
    throw invalid(weeks > 1 ? 'weeks' : 'start', `The last date must end within ${BOOKING_LIMITS.daysAhead} days from now.`);
  }
  const participants = body.expectedParticipants;
  if (typeof participants !== 'number' || !Number.isInteger(participants) || participants < 1 || participants > BOOKING_LIMITS.participantsMax) {
    throw invalid('expectedParticipants', `expectedParticipants must be a whole number from 1 to ${BOOKING_LIMITS.participantsMax}.`);
  }
  if (body.consent !== true) throw invalid('consent', 'consent must be true: the booker agrees to the privacy notice.');
  const language = body.language ?? config.language;
  if (language !== 'de' && language !== 'en') throw invalid('language', 'language must be "de" or "en".');
  if (body.website !== undefined && typeof body.website !== 'string') throw invalid('website', 'website must be empty.');
  if (body.altcha !== undefined && typeof body.altcha !== 'string') throw invalid('altcha', 'altcha must be the solved challenge.');

  return {
    kind,
    title,
    organisation,
    contactName,
    contactEmail,
    emailKey: contactEmail.toLowerCase(),
    expectedParticipants: participants,
    language,
    dates,
    firstStart: start,
    lastEnd,
  };
}
