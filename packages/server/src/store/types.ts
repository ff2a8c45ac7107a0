import type { BookingStore } from './bookings.js';
import type { ChatStore } from './chat.js';
import type { ClubStore } from './clubs.js';
import type { ClusterStore } from './cluster.js';
import type { InviteAndRevocationStore } from './invites.js';
import type { OpenRoomStore } from './open-rooms.js';
import type { UsageStore } from './usage.js';

export type { AuditEntry, BookingChange, BookingChat, BookingQuery, BookingRecord, BookingStore, StoredMail } from './bookings.js';
export type { ChatConfirmation, ChatConfirmationUse, ChatStore } from './chat.js';
export type { ClusterStore, StatusListening } from './cluster.js';
export type { InviteAndRevocationStore } from './invites.js';
export type { OpenRoomCreation, OpenRoomRecord, OpenRoomStore } from './open-rooms.js';
export type { InviteRecord, OutboxMail } from './records.js';
export type { ConferenceRecord, DailyUsage, JoinCount, UsageQuery, UsageStore } from './usage.js';

/** What {@link Store.purge} removed. */
export interface PurgeResult {
  bookings: number;
  challenges: number;
  revocations: number;
}

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
 *
 * Its methods come in one part per domain, each in a module of its own:
 * {@link BookingStore} (bookings, audit, trusted contacts, outbox),
 * {@link ChatStore}, {@link InviteAndRevocationStore}, {@link OpenRoomStore},
 * {@link UsageStore}, {@link ClusterStore} (what instances share) and
 * {@link ClubStore}; what spans them (the purge) is here.
 */
export interface Store extends BookingStore, ChatStore, InviteAndRevocationStore, OpenRoomStore, UsageStore, ClusterStore, ClubStore {
  /** Resolves when the store can be used right now (one trivial query); rejects with {@link StoreUnavailableError} when not. */
  ping(): Promise<void>;

  /**
   * Delete bookings whose last date ended before their tenant's cutoff
   * (`cutoffs`: tenant → ms), with their audit rows, mails and invites; also
   * expired challenges, revocations, chat confirmations, shared secrets and client hits older than a
   * day, and other invites 30 days after they expired (until then they are refused as expired, not as
   * unknown); open conferences (and their hosts' invites) 30 days after they expired (until then their
   * links say "expired"). Tenants not in `cutoffs` use `fallbackCutoff`.
   * Deleted data must not stay readable in the store's files.
   */
  purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult>;
  /** Close the store (its file, or its connections once their queries ended). */
  close(): Promise<void>;
}
