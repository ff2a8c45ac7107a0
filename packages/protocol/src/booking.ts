/** What is booked: a video room now; a chat room (Mattermost) later. */
export type BookingKind = 'video';

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
} as const;

/** Body of `POST /v1/bookings`. */
export interface BookingRequest {
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
  /** Once approved: the link that makes its holder moderator, and the one to share with attendees. */
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
