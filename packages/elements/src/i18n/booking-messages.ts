import type { BookingKind } from '@vereinsraum/protocol';
import type { NotAllowedMessages } from './not-allowed.js';

/** Fields of the booking form, as the form names them. */
export type BookingField =
  'title' | 'organisation' | 'contactName' | 'contactEmail' | 'date' | 'startTime' | 'endTime' | 'weeks' | 'participants' | 'consent';

/** Why a field is not right. */
export type BookingFieldProblem =
  | 'missing'
  | 'too_short'
  | 'too_long'
  | 'control'
  | 'links'
  | 'email'
  | 'past'
  | 'too_far'
  | 'end_before_start'
  | 'duration'
  | 'range'
  | 'consent'
  | 'server';

/** Error codes the booking elements explain: the server's codes plus the browser's own. */
export type BookingErrorCode =
  | 'bookings_disabled'
  | 'challenge_failed'
  | 'rate_limited'
  | 'booking_not_found'
  | 'booking_conflict'
  | 'invalid_input'
  | 'chat_unavailable'
  | 'storage_unavailable'
  | 'tenant_not_found'
  | 'origin_not_allowed'
  | 'unauthorized'
  | 'network_error'
  | 'unknown';

/**
 * Every text of `<verein-room-booking>`. Give a partial object to the
 * element's `messages` property to change any of them.
 */
export interface BookingMessages {
  /** The choice between a video room and a chat room (only for tenants that take chat bookings). */
  kindLegend: string;
  kinds: Record<BookingKind, string>;
  /** Below the choice: what a chat room needs. */
  kindHint: string;
  /** In the booking's view, for a chat room. */
  chatNote: string;
  labels: Record<BookingField, string>;
  /** Hints below the fields. */
  hints: Partial<Record<BookingField, string>>;
  repeat: string;
  /** Under the time fields: the time zone the times are in. */
  timeZone: (zone: string) => string;
  /** After it, when the tenant's time zone differs from the page's: the e-mails give the times in the tenant's. */
  mailTimeZone: (zone: string) => string;
  /** The consent sentence when the tenant has none of its own. */
  consentDefault: (tenant: string) => string;
  privacyLink: string;
  honeypot: string;
  submit: string;
  loading: string;
  /** While the spam protection is still working, under the submit button. */
  solving: string;
  /** Once it is done. */
  solved: string;
  submitting: string;
  summaryTitle: (count: number) => string;
  /** What is wrong with a field, by its label and the limit (for `range`: the largest and smallest number). */
  problems: Record<BookingFieldProblem, (label: string, limit: number, min: number) => string>;
  errors: Record<BookingErrorCode, string>;
  retry: string;
  /** Result and manage view. */
  pendingTitle: string;
  pendingText: string;
  approvedTitle: string;
  approvedText: string;
  /** Approved, but the links go only by e-mail (a booking approved because its address is trusted). */
  approvedByMailText: string;
  rejectedTitle: string;
  rejectedText: string;
  cancelledTitle: string;
  cancelledText: string;
  status: string;
  dates: string;
  moderatorLink: string;
  moderatorHint: string;
  attendeeLink: string;
  attendeeHint: string;
  copy: string;
  copied: string;
  copyFailed: string;
  calendar: string;
  calendarFailed: string;
  manageLink: string;
  manageHint: string;
  cancelBooking: string;
  confirmCancel: string;
  confirmYes: string;
  confirmNo: string;
  another: string;
  notConfigured: (missing: string) => string;
}

/** Texts to change on one element: any of {@link BookingMessages}; nested groups are merged. */
export type BookingMessageOverrides = Partial<Omit<BookingMessages, 'kinds' | 'labels' | 'hints' | 'problems' | 'errors'>> & {
  kinds?: Partial<BookingMessages['kinds']>;
  labels?: Partial<BookingMessages['labels']>;
  hints?: Partial<BookingMessages['hints']>;
  problems?: Partial<BookingMessages['problems']>;
  errors?: Partial<BookingMessages['errors']>;
  /** The texts on a page the tenant does not allow (see `NotAllowedMessages`). */
  notAllowed?: Partial<NotAllowedMessages>;
};
