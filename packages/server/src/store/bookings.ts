// The store's part for bookings: the booking itself, its audit trail, trusted
// contacts and the mail outbox (see `Store`, which includes it).
import type { BookingAuditAction, BookingDate, BookingKind, BookingStatus } from '@vereinsraum/protocol';
import type { ChatChannelRef } from '../config/index.js';
import type { InviteRecord, OutboxMail } from './records.js';

/**
 * A chat booking's channel on Mattermost. Recorded as soon as the channel
 * exists, before anything else can fail, so that an approval tried again
 * after Mattermost was down reuses it instead of making a second one.
 */
export interface BookingChat extends ChatChannelRef {
  /** The Mattermost back end (its id in the configuration). */
  backend: string;
  /** Whether the welcome message is posted. */
  welcomed: boolean;
}

/** A booking as the store keeps it. Times are milliseconds since the epoch. */
export interface BookingRecord {
  id: string;
  tenant: string;
  kind: BookingKind;
  status: BookingStatus;
  title: string;
  organisation: string;
  contactName: string;
  /** As the booker typed it. */
  contactEmail: string;
  /**
   * The address normalised for the per-address limit (lower case, no `+tag`, no dots at Gmail; see
   * `emailLimitKey`). Bookings stored before that normalisation hold the lower-case address.
   */
  emailKey: string;
  expectedParticipants: number;
  language: 'de' | 'en';
  dates: BookingDate[];
  /** Start of the first date. */
  firstStart: number;
  /** End of the last date: retention counts from here. */
  lastEnd: number;
  /** The booked room's id (`b-…`), once approved. */
  room: string | null;
  /**
   * The invites, once approved: `moderatorJti` and `attendeeJti` are the ids
   * to revoke them by (short invites' ids), `kid` the key their secrets are
   * derived from. Bookings approved before short links have no `kid` but the
   * signed tokens themselves (`moderator`, `attendee`), and JWT ids.
   */
  invites: { moderatorJti: string; attendeeJti: string; kid?: string; moderator?: string; attendee?: string } | null;
  /**
   * The manage link's secret: the key it is derived from and its SHA-256
   * (never the secret). Absent on bookings made before short links, whose
   * manage links are signed tokens.
   */
  manage?: { kid: string; hash: Uint8Array };
  /** A chat booking's channel, once it exists (possibly while the booking is still pending). */
  chat?: BookingChat;
  createdAt: number;
  updatedAt: number;
}

/** One row of a booking's audit trail. */
export interface AuditEntry {
  action: BookingAuditAction;
  /** Who decided: `booker`, `admin-api`, `cli:<user>`, `automatic`, `trusted-contact`. Never a booker's name. */
  actor: string;
  at: number;
  reason: string | null;
}

/** An outbox row. */
export interface StoredMail extends OutboxMail {
  id: number;
  bookingId: string | null;
  createdAt: number;
  sentAt: number | null;
  attempts: number;
  /** Why the last attempt failed (the SMTP server's answer without e-mail addresses, no message content). */
  lastError: string | null;
}

/** Everything a change to a booking writes, in one transaction. */
export interface BookingChange {
  audit: AuditEntry[];
  mails: OutboxMail[];
  /** Short invites the change makes (an approval's two). */
  invites?: InviteRecord[];
}

/** Filter of {@link BookingStore.listBookings}. */
export interface BookingQuery {
  tenant?: string;
  status?: BookingStatus;
  kind?: BookingKind;
  limit?: number;
}

/** The store's methods for bookings, their audit trail, trusted contacts and the mail outbox. */
export interface BookingStore {
  /**
   * Store a new booking with its first audit row and mails, and mark the
   * proof-of-work `challenge` as used in the same transaction.
   *
   * @returns `false` (and stores nothing) when the challenge was used before.
   */
  createBooking(booking: BookingRecord, change: BookingChange, challenge: { id: string; expiresAt: number }): Promise<boolean>;
  getBooking(id: string): Promise<BookingRecord | undefined>;
  /** The approved booking that holds room `room` of `tenant`. */
  getBookingByRoom(tenant: string, room: string): Promise<BookingRecord | undefined>;
  listBookings(query: BookingQuery): Promise<BookingRecord[]>;
  /** How many bookings of `tenant` name this e-mail address and were made at or after `since`. */
  countBookingsByEmail(tenant: string, emailKey: string, since: number): Promise<number>;
  /**
   * Change a booking that is still in one of the `from` states.
   *
   * @returns the changed booking, or `undefined` when it is missing or in another state.
   */
  updateBooking(
    id: string,
    from: BookingStatus[],
    changes: Pick<BookingRecord, 'status' | 'updatedAt'> & Partial<Pick<BookingRecord, 'room' | 'invites'>>,
    change: BookingChange,
  ): Promise<BookingRecord | undefined>;
  audit(id: string): Promise<AuditEntry[]>;
  /**
   * Record a chat booking's channel (or that its welcome message is
   * posted), whatever the booking's status; committed before it resolves.
   *
   * @returns the changed booking, or `undefined` when it is missing.
   */
  setBookingChat(id: string, chat: BookingChat): Promise<BookingRecord | undefined>;
  /** Add audit rows and mails to a booking without changing the booking itself. */
  addChange(id: string, change: BookingChange, at: number): Promise<void>;

  /** Whether an e-mail address (in lower case: `emailTrustKey`) of a tenant is trusted. */
  isTrusted(tenant: string, emailKey: string): Promise<boolean>;
  /** Trust (or, with `trusted: false`, stop trusting) an e-mail address (in lower case) of a tenant. */
  setTrusted(tenant: string, emailKey: string, trusted: boolean, by: string, at: number): Promise<void>;

  /** Mails not sent yet, oldest first, that no other sender has claimed; claims them until `claimUntil`. */
  claimMails(now: number, claimUntil: number, limit: number): Promise<StoredMail[]>;
  markMailSent(id: number, at: number): Promise<void>;
  markMailFailed(id: number, error: string, retryAt: number): Promise<void>;
  /** The outbox, newest first. */
  listMails(limit: number): Promise<StoredMail[]>;
}
