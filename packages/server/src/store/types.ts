import type { BookingAuditAction, BookingDate, BookingKind, BookingStatus, Role } from '@vereinsraum/protocol';
import type { ChatChannelRef } from '../config/index.js';
import type { ClubStore } from './clubs.js';

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

/** An e-mail waiting in (or sent from) the outbox. */
export interface OutboxMail {
  /** Which message: `received`, `approved`, `rejected`, `cancelled`. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
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

/**
 * A short invite as the store keeps it: what it opens, when, and the SHA-256
 * of its secret, never the secret. Times are milliseconds since the epoch.
 * Revoked by its `id` through the revocations, like a signed invite's `jti`.
 */
export interface InviteRecord {
  /** 11 characters of base64url; the link's token is `<id>.<secret>`. */
  id: string;
  tenant: string;
  room: string;
  role: Role;
  /** `chat` for a booked chat room. */
  kind: 'chat' | null;
  /** The booking it belongs to; it is deleted with it. */
  bookingId: string | null;
  notBefore: number | null;
  expiresAt: number;
  /** SHA-256 of the secret (32 bytes). */
  secretHash: Uint8Array;
  /** The key set's key the secret is derived from. */
  kid: string;
  createdAt: number;
}

/** Filter of {@link Store.listBookings}. */
export interface BookingQuery {
  tenant?: string;
  status?: BookingStatus;
  kind?: BookingKind;
  limit?: number;
}

/** What {@link Store.purge} removed. */
export interface PurgeResult {
  bookings: number;
  challenges: number;
  revocations: number;
}

/**
 * A visitor's pending proof that a chat account is theirs: the code the
 * server's bot sent the account in a direct message, kept hashed, and what
 * the code lets in. It works once, until `expiresAt`.
 */
export interface ChatConfirmation {
  /** Random (128 bits, base64url); the visitor's element sends it back with the code. */
  id: string;
  /** SHA-256 (hex) of the id and the code: never the code itself. */
  codeHash: string;
  tenant: string;
  room: string;
  /** The Mattermost channel the account joins. */
  channelId: string;
  /** The Mattermost account; `''` when no active account has the name asked for (such a confirmation never works). */
  userId: string;
  /** The invite's role: `moderator` makes the account a channel admin. */
  role: Role;
  expiresAt: number;
}

/**
 * What {@link Store.useChatConfirmation} found: the confirmation (now used
 * up), a wrong code, or nothing that works any more.
 */
export type ChatConfirmationUse = { result: 'used'; confirmation: ChatConfirmation } | { result: 'wrong' } | { result: 'expired' };

/**
 * The store cannot read or write right now: its disk is full, its file is
 * read-only, another writer holds it too long, or the disk failed to do I/O;
 * for PostgreSQL also: the server cannot be reached or went away, has no
 * connection left, is shutting down, or a statement ran out of time.
 * The change that was under way is rolled back (nothing half-written stays),
 * and the same call may work a moment later, without a restart. The handler
 * answers `503 storage_unavailable` with `Retry-After`; a store
 * implementation turns its driver's errors of that kind into this class.
 *
 * @example
 * ```ts
 * try {
 *   await store.createBooking(booking, change, challenge);
 * } catch (error) {
 *   if (error instanceof StoreUnavailableError) console.warn(`store: ${error.reason}`);
 * }
 * ```
 */
export class StoreUnavailableError extends Error {
  constructor(
    /** What the store's driver said, for the operator's log (e.g. `SQLITE_FULL`, or PostgreSQL's `57P01 (…)`); never personal data. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the store is unavailable: ${reason}`, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Where bookings, their audit trail, trusted contacts, the e-mail outbox,
 * used proof-of-work challenges, revoked invites and chat confirmations are
 * kept.
 *
 * Every method that changes something is one transaction, committed to disk
 * before its promise resolves: a `201` means the booking is stored. When the
 * storage cannot be used for now (full, read-only, busy, I/O), a method
 * rejects with {@link StoreUnavailableError} and changes nothing. The
 * implementations are `SqliteStore` (embedded, one server) and `PgStore`
 * (PostgreSQL, several servers), both in `@vereinsraum/server/node`, which
 * behave alike (the tests run one conformance suite against both).
 */
export interface Store extends ClubStore {
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

  /** Keep a chat confirmation; expired ones are deleted in the same transaction. */
  addChatConfirmation(confirmation: ChatConfirmation, now: number): Promise<void>;
  /**
   * Use a chat confirmation of `tenant`'s `room`, in one transaction, so that
   * it works once also when several processes share the store: when
   * `codeHash` fits and it has not expired, it is deleted and answered
   * (`used`); a wrong hash is counted (`wrong`), and the `maxWrong`th wrong
   * one deletes it; missing, expired, used up or of another room: `expired`.
   * Hashes are compared in constant time.
   */
  useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse>;

  /** Store a short invite (one made by the admin API or the CLI; a booking's come with its {@link BookingChange}). */
  addInvite(invite: InviteRecord): Promise<void>;
  getInvite(id: string): Promise<InviteRecord | undefined>;

  /** Whether a signed invite's `jti` or a short invite's id is revoked. */
  isRevoked(jti: string, now: number): Promise<boolean>;
  revoke(jti: string, until: number): Promise<void>;

  /**
   * Delete bookings whose last date ended before their tenant's cutoff
   * (`cutoffs`: tenant → ms), with their audit rows, mails and invites; also
   * expired challenges, revocations and chat confirmations, and other invites 30 days after they
   * expired (until then they are refused as expired, not as unknown). Tenants not in `cutoffs` use `fallbackCutoff`.
   * Deleted data must not stay readable in the store's files.
   */
  purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult>;
  /** Close the store (its file, or its connections once their queries ended). */
  close(): Promise<void>;
}
