import { FORBIDDEN_IN_LINE, SHORT_TOKEN } from './rules.js';

/** What is booked: a video room, or a chat room (a private channel on the tenant's Mattermost). */
export type BookingKind = 'video' | 'chat';

/** Where a booking stands. */
export type BookingStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** Limits of a booking's fields, shared by the form and the server. */
export const BOOKING_LIMITS = {
  titleMin: 3,
  titleMax: 120,
  organisationMin: 2,
  organisationMax: 120,
  contactNameMax: 64,
  emailMax: 254,
  /** Largest number of expected participants. */
  participantsMax: 1000,
  /** Largest number of weekly repetitions (the first date included). */
  weeksMax: 52,
  /** The last date of a booking ends at most this many days from now. */
  daysAhead: 365,
  /** Longest reason an operator gives for a rejection or a cancellation. */
  reasonMax: 500,
  /**
   * Most links (see {@link countLinks}) in a text the booker types (title,
   * organisation, contact name): none. These texts go into e-mails from the
   * operator's server to the address typed in the form.
   */
  linksMax: 0,
} as const;

// What mail programs turn into a link: a scheme with `//` (`https://…`, `ftp://…`), `mailto:`, `www.…`, and a
// bare host name (`example.com`, `spam.example/path`, an e-mail address's domain). A host's last label is
// letters in one case (`de`, `COM`) or an IDN (`xn--…`), so `St.Pauli` is no host. The ideographic and
// full-width dots count as dots: some programs read them so.
const LINK =
  /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S*|[Mm][Aa][Ii][Ll][Tt][Oo]:\S+|[Ww]{3}[.\u3002\uff0e\uff61]\S+|(?<host>(?<![\p{L}\p{N}_-])(?:[\p{L}\p{N}][\p{L}\p{N}-]{0,62}[.\u3002\uff0e\uff61])+)(?:[a-z]{2,24}|[A-Z]{2,24}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}_-])/gu;

/**
 * How many links a text holds, counted as mail programs would make them:
 * `https://…` and other `scheme://` addresses, `mailto:`, `www.…`, and bare
 * host names such as `example.com` (also an e-mail address's domain). A host
 * needs a label with a letter and a last label of letters in one case, so
 * `3.Mai`, `St.Pauli`, `e.V.` and `z.B.` are not links.
 *
 * @example
 * ```ts
 * countLinks('Jahreshauptversammlung am 3.Mai');          // 0
 * countLinks('Gewinn! https://spam.example und www.x.de'); // 2
 * countLinks('Infos: verein.example/termine');            // 1
 * ```
 */
export function countLinks(text: string): number {
  let count = 0;
  for (const match of text.matchAll(LINK)) {
    // A bare host needs a letter before its last label: `3.Mai` and `1.2.de` are no hosts.
    const host = match.groups?.host;
    if (host === undefined || /\p{L}/u.test(host)) count++;
  }
  return count;
}

/** Why a free text of a booking (title, organisation) was refused, or `null` if it is fine. */
export type BookingTextProblem = 'missing' | 'too_short' | 'too_long' | 'control_characters' | 'links';

/**
 * Check a free text of a booking as both the form and the server do. The
 * text is trimmed first; it must then have `min` to `max` characters (code
 * points: an emoji is one), no control characters and no link (see
 * {@link countLinks}): these texts go into e-mails from the operator's
 * server, and no stranger should be able to send links through it. `<`, `&`
 * and quotes are fine: they are data, encoded where they are shown.
 *
 * @example
 * ```ts
 * checkBookingText('Jahreshauptversammlung', BOOKING_LIMITS.titleMin, BOOKING_LIMITS.titleMax); // null
 * checkBookingText('Gewinn auf spam.example', 3, 120);                                          // 'links'
 * ```
 */
export function checkBookingText(value: unknown, min: number, max: number): BookingTextProblem | null {
  if (typeof value !== 'string') return 'missing';
  const text = value.trim();
  const length = [...text].length;
  if (length === 0) return 'missing';
  if (length < min) return 'too_short';
  if (length > max) return 'too_long';
  if (FORBIDDEN_IN_LINE.test(text)) return 'control_characters';
  if (countLinks(text) > BOOKING_LIMITS.linksMax) return 'links';
  return null;
}

/** Body of `POST /v1/bookings`. */
export interface BookingRequest {
  /** `chat` only when the tenant takes chat bookings (see {@link BookingForm.kinds}). */
  kind: BookingKind;
  tenant: string;
  /** What the meeting is about, e.g. "Jahreshauptversammlung". */
  title: string;
  /** The club, group or organisation that books. */
  organisation: string;
  /** The contact person; rules as for display names. */
  contactName: string;
  contactEmail: string;
  /** ISO 8601 with an offset (`2026-12-01T19:00:00+01:00`), in the future. */
  start: string;
  /** ISO 8601 with an offset, after `start`; at most the tenant's maximum length later. */
  end: string;
  /** Repeat weekly: how many dates in all (2 to {@link BOOKING_LIMITS.weeksMax}). */
  weeks?: number;
  expectedParticipants: number;
  /** The booker agreed to the tenant's privacy notice. Must be `true`. */
  consent: true;
  /** Language of the e-mails; default the tenant's. */
  language?: 'de' | 'en';
  /** Honeypot: a field people never see. Must be absent or empty. */
  website?: string;
  /** The solved proof-of-work challenge (ALTCHA payload, base64). */
  altcha: string;
}

/** One date of a booking. */
export interface BookingDate {
  start: string;
  end: string;
}

/** The booker's view of a booking (`GET /v1/bookings/{id}` with the manage token). */
export interface BookingView {
  id: string;
  kind: BookingKind;
  tenant: string;
  status: BookingStatus;
  title: string;
  organisation: string;
  dates: BookingDate[];
  /** The booked room (`tenant/room`), once approved. */
  room: string | null;
  /**
   * Once approved: the link that makes its holder moderator, and the one to
   * share with attendees. `null` also for a booking approved because its
   * contact's address is trusted: anyone can type an address, so those links
   * go only to the address, by e-mail.
   */
  links: { moderator: string; attendee: string } | null;
  /** The manage link: this view, with the token in its fragment. */
  manageUrl: string;
}

/** Answer of `POST /v1/bookings` (`201`). */
export interface BookingCreated extends BookingView {
  /** The token that opens, downloads the calendar file of, and cancels this booking. */
  manageToken: string;
}

/** Answer of `GET /v1/bookings/challenge?tenant=…`: an ALTCHA proof-of-work challenge. */
export interface BookingChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

/**
 * Answer of `GET /v1/bookings/form?tenant=…`: what the booking form shows
 * and checks before sending (the server checks the same again).
 */
export interface BookingForm {
  tenant: string;
  /** The tenant's name, e.g. "Stadt Musterstadt", for the consent sentence. */
  name: string;
  /** The privacy notice the booker agrees to, in German and English (plain text). */
  consentText: { de: string; en: string };
  /** The tenant's privacy policy. */
  privacyUrl: string;
  /** `manual`: an operator approves every booking (status `pending` first); `automatic`: approved at once. */
  approval: 'manual' | 'automatic';
  /** Longest date, in minutes. */
  maxDurationMinutes: number;
  /** Most weekly dates (the first included). */
  maxWeeks: number;
  /** Personal data is deleted this many days after the booking's last date. */
  retentionDays: number;
  /** The language of the tenant's e-mails when the booker names none. */
  language: 'de' | 'en';
  /**
   * What the tenant takes: `video` always, and `chat` when it has a chat
   * server. Older servers leave this out, which means `['video']`.
   */
  kinds?: BookingKind[];
  /**
   * The tenant's time zone for bookings (IANA, e.g. `Europe/Berlin`): weekly
   * dates keep their time of day there, and the e-mails give the times in it.
   * Absent from servers older than this field.
   */
  timeZone?: string;
}

/** A booking as the operator sees it (`GET /v1/admin/bookings`): the booker's view plus the contact details. */
export interface AdminBooking extends BookingView {
  contactName: string;
  contactEmail: string;
  expectedParticipants: number;
  language: 'de' | 'en';
  /** ISO 8601. */
  createdAt: string;
  /** Whether the contact's e-mail address is trusted: later bookings are approved at once. */
  trusted: boolean;
  /** Every decision, oldest first. */
  audit: Array<{ action: BookingAuditAction; actor: string; at: string; reason: string | null }>;
}

/**
 * What happened to a booking, as the audit trail records it.
 * `approval_failed`: an approval could not be finished because the chat
 * server did not answer or refused (the reason says why); the booking stays
 * pending and can be approved again.
 */
export type BookingAuditAction = 'created' | 'approved' | 'rejected' | 'cancelled' | 'approval_failed';

/** Answer of `GET /v1/admin/bookings?status=…&tenant=…&kind=…`. */
export interface AdminBookingList {
  bookings: AdminBooking[];
}

/**
 * Body of `POST /v1/admin/bookings/{id}/cancel`: the operator cancels a
 * pending or approved booking. The reason is required (1 to
 * {@link BOOKING_LIMITS.reasonMax} characters): it goes into the e-mail to
 * the contact person and the audit trail.
 */
export interface AdminCancelRequest {
  reason: string;
}

/** A tenant that takes bookings, as the operator's tools list it (`GET /v1/admin/tenants`). */
export interface AdminTenant {
  id: string;
  name: string;
  /** What it takes: `video` always, `chat` when it has a chat server. */
  kinds: BookingKind[];
}

/** Answer of `GET /v1/admin/tenants`: the tenants whose bookings the admin token may see, by id. */
export interface AdminTenantList {
  tenants: AdminTenant[];
}

/** `aud` of a signed manage token: a JWT (EdDSA) whose `sub` is the booking id. Manage links made before short links carry one. */
export const MANAGE_AUDIENCE = 'vereinsraum:manage';

/**
 * Read the booking id of a manage token without checking it (only the server
 * can). The manage link is `<form page>#manage=<token>`; the token is short,
 * `<booking id>.<secret>` (see `SHORT_TOKEN`), or on older links a JWT whose
 * `sub` is the id. The booking element uses this to know which booking to
 * show.
 *
 * @returns the booking id, or `null` when `token` is neither.
 * @example
 * ```ts
 * const token = new URLSearchParams(location.hash.slice(1)).get('manage');
 * const id = token ? manageTokenBooking(token) : null;
 * ```
 */
export function manageTokenBooking(token: string): string | null {
  const short = SHORT_TOKEN.exec(token)?.[1];
  if (short) return /^[a-z0-9]{1,32}$/.test(short) ? short : null;
  const payload = token.split('.')[1];
  if (!payload || token.length > 2048) return null;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const sub = (claims as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' && /^[a-z0-9]{1,32}$/.test(sub) ? sub : null;
  } catch {
    return null;
  }
}
