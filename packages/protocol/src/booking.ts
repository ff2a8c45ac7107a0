import { SHORT_TOKEN } from './invite.js';

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
  /** Longest reason an operator gives for a rejection. */
  reasonMax: 500,
} as const;

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

/** Answer of `GET /v1/admin/bookings?status=…&tenant=…`. */
export interface AdminBookingList {
  bookings: AdminBooking[];
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
