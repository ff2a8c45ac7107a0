import { BOOKING_LIMITS, checkBookingText, checkDisplayName, countLinks, isEmailAddress, type BookingKind } from '@vereinsraum/protocol';
import type { BookingsConfig } from '../config/index.js';
import { HttpError } from '../errors.js';
import type { BookingRecord } from '../store/types.js';
import { parseInstant, weeklyDates } from './dates.js';

/**
 * The fields of a booking request after every check: `contactEmail` as typed
 * (trimmed), where the mails go; `emailKey` its {@link emailLimitKey}, what the
 * per-address limit counts.
 */
export type ValidBooking = Pick<
  BookingRecord,
  | 'kind'
  | 'title'
  | 'organisation'
  | 'contactName'
  | 'contactEmail'
  | 'emailKey'
  | 'expectedParticipants'
  | 'language'
  | 'dates'
  | 'firstStart'
  | 'lastEnd'
>;

const KNOWN = new Set([
  'kind',
  'tenant',
  'title',
  'organisation',
  'contactName',
  'contactEmail',
  'start',
  'end',
  'weeks',
  'expectedParticipants',
  'consent',
  'language',
  'website',
  'altcha',
]);

function invalid(field: string, detail: string): HttpError {
  return new HttpError(400, 'invalid_input', detail, field);
}

function text(body: Record<string, unknown>, field: 'title' | 'organisation', min: number, max: number): string {
  const problem = checkBookingText(body[field], min, max);
  if (problem === 'missing') throw invalid(field, `${field} is required.`);
  if (problem === 'too_short' || problem === 'too_long') throw invalid(field, `${field} must have ${min} to ${max} characters.`);
  if (problem === 'control_characters') throw invalid(field, `${field} contains control characters.`);
  if (problem === 'links') throw invalid(field, `${field} must not contain links or web addresses: it goes into e-mails.`);
  return (body[field] as string).trim();
}

function instant(body: Record<string, unknown>, field: 'start' | 'end'): number {
  const parsed = parseInstant(body[field]);
  if (parsed === 'missing') throw invalid(field, `${field} is required: ISO 8601 with an offset, e.g. 2026-12-01T19:00:00+01:00.`);
  if (parsed === 'no_offset')
    throw invalid(field, `${field} needs an offset (Z or +01:00): a time without one means nothing on the server.`);
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
  for (const key of Object.keys(body))
    if (!KNOWN.has(key)) throw invalid(key, `${key.length > 40 ? 'a field' : key} is not a field of a booking.`);
  if (body.kind !== 'video' && !(chat && body.kind === 'chat')) {
    throw invalid('kind', chat ? 'kind must be "video" or "chat".' : 'kind must be "video": this tenant takes no chat bookings.');
  }
  const kind: BookingKind = body.kind;
  const title = text(body, 'title', BOOKING_LIMITS.titleMin, BOOKING_LIMITS.titleMax);
  const organisation = text(body, 'organisation', BOOKING_LIMITS.organisationMin, BOOKING_LIMITS.organisationMax);
  const nameProblem = checkDisplayName(body.contactName);
  if (nameProblem) {
    throw invalid(
      'contactName',
      nameProblem === 'missing'
        ? 'contactName is required.'
        : nameProblem === 'too_long'
          ? `contactName must have at most ${BOOKING_LIMITS.contactNameMax} characters.`
          : 'contactName contains control characters.',
    );
  }
  const contactName = (body.contactName as string).trim();
  if (countLinks(contactName) > BOOKING_LIMITS.linksMax)
    throw invalid('contactName', 'contactName must not contain links or web addresses: it goes into e-mails.');
  const email = body.contactEmail;
  if (typeof email !== 'string' || email.trim() === '') throw invalid('contactEmail', 'contactEmail is required.');
  const contactEmail = email.trim();
  if (contactEmail.length > BOOKING_LIMITS.emailMax || !isEmailAddress(contactEmail)) {
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
  if (
    typeof participants !== 'number' ||
    !Number.isInteger(participants) ||
    participants < 1 ||
    participants > BOOKING_LIMITS.participantsMax
  ) {
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
    emailKey: emailLimitKey(contactEmail),
    expectedParticipants: participants,
    language,
    dates,
    firstStart: start,
    lastEnd,
  };
}

// Providers that deliver `e.r.i.k.a@…` to `erika@…`; googlemail.com is gmail.com.
const DOTLESS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The key the per-address booking limit counts: one key for the spellings of
 * one mailbox. Lower case; the local part without a `+tag` (`erika+1@` is
 * `erika@`); the domain as its ASCII (punycode) form; and at Gmail, which
 * ignores dots and answers to two domains, without dots and as `gmail.com`.
 * Mails still go to the address as typed.
 *
 * Trusted contacts are not looked up by this key but by the lower-case
 * address ({@link emailTrustKey}): trust lets a booking skip the operator, so
 * it holds only for the address the operator trusted, not for variants that
 * might reach another mailbox at a provider without `+` addressing.
 *
 * @example
 * ```ts
 * emailLimitKey('E.Rika+spam@GoogleMail.com'); // 'erika@gmail.com'
 * emailLimitKey('Erika+1@Verein.example');      // 'erika@verein.example'
 * ```
 */
export function emailLimitKey(address: string): string {
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at).toLowerCase();
  let domain = address.slice(at + 1).toLowerCase();
  try {
    domain = new URL(`http://${domain}`).hostname;
  } catch {
    // Not a host name URL can parse: keep it in lower case.
  }
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replace(/\./g, '') || local;
  }
  return `${local}@${domain}`;
}

/** The key of trusted contacts: the address in lower case (see {@link emailLimitKey} for why not more). */
export function emailTrustKey(address: string): string {
  return address.trim().toLowerCase();
}
