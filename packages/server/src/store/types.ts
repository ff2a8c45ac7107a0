import type { BookingAuditAction, BookingDate, BookingKind, BookingStatus, Role } from '@vereinsraum/protocol';
import type { ChatChannelRef } from '../config/index.js';
import type { ClubStore } from './clubs.js';
import type { InviteRecord, OutboxMail } from './records.js';

export type { InviteRecord, OutboxMail } from './records.js';

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

/** An open conference as the store keeps it: no names, no addresses. Times are ms since the epoch. */
export interface OpenRoomRecord {
  tenant: string;
  /** `o-…`: the room's id, which is also the guests' key. */
  id: string;
  /** What the host said the conference is about, or `null`. */
  title: string | null;
  /** The back end it was opened on. */
  backend: string;
  createdAt: number;
  /** When it expires unless a host joins before; each host's join moves it on. */
  expiresAt: number;
}

/** What {@link Store.createOpenRoom} did. */
export type OpenRoomCreation = 'created' | 'full' | 'challenge_used';

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

/** One join handed out by the server, counted per day (in the usage time zone), tenant, room and role. */
export interface JoinCount {
  /** `YYYY-MM-DD`. */
  day: string;
  tenant: string;
  room: string;
  role: Role;
  /** The room's back end. */
  backend: string;
  joins: number;
}

/**
 * One conference: a span of a room's meeting with someone in it, as the
 * usage sampler saw it. Counts only: no name, address or user id. Times are
 * milliseconds since the epoch.
 */
export interface ConferenceRecord {
  /** Random; the row's key. */
  id: string;
  backend: string;
  tenant: string;
  room: string;
  /** BigBlueButton's `createTime` of the meeting instance; Jitsi: `''`. */
  instance: string;
  startedAt: number;
  /** `null` while it goes on. */
  endedAt: number | null;
  /** When it was last sampled, and how many were in it then. */
  lastSampleAt: number;
  lastCount: number;
  /** Most participants at once. */
  peak: number;
  /** Distinct joins seen (each join is a new participant, also a rejoin). */
  participants: number;
  /** Sum over time of the participants in it, in ms. */
  participantMs: number;
  /** Time with at least one participant, in ms. */
  conferenceMs: number;
}

/** A day's usage of one room (closed conferences, by the day they started). */
export interface DailyUsage {
  day: string;
  tenant: string;
  room: string;
  conferences: number;
  participants: number;
  peak: number;
  participantMs: number;
  conferenceMs: number;
}

/** Filter of {@link Store.usage}: days `from` to `to` (`YYYY-MM-DD`, both included), of `tenants` (all when absent). */
export interface UsageQuery {
  from: string;
  to: string;
  tenants?: string[];
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

/** A store's status listener ({@link Store.listenStatus}). */
export interface StatusListening {
  /** Whether it listens right now (false while it connects again). */
  readonly ready: boolean;
  /** Stop listening. */
  close(): void;
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

  /**
   * Open a conference: in one transaction, when `tenant` has fewer than
   * `maxOpen` rooms that have not expired at `now` and the proof-of-work
   * `challenge` was not used before, store the room and its host's invite and
   * mark the challenge used. The ceiling holds across connections: two
   * instances opening the tenant's last free room at once store one.
   *
   * @returns `created`, `full` (nothing stored) or `challenge_used` (nothing stored).
   */
  createOpenRoom(
    room: OpenRoomRecord,
    hostInvite: InviteRecord,
    challenge: { id: string; expiresAt: number },
    maxOpen: number,
    now: number,
  ): Promise<OpenRoomCreation>;
  /** The open conference `id` of `tenant`, expired or not (until the purge deletes it). */
  getOpenRoom(tenant: string, id: string): Promise<OpenRoomRecord | undefined>;
  /** Move an open conference's expiry on to `expiresAt` (never back). */
  extendOpenRoom(tenant: string, id: string, expiresAt: number): Promise<void>;

  /** Whether a signed invite's `jti` or a short invite's id is revoked. */
  isRevoked(jti: string, now: number): Promise<boolean>;
  revoke(jti: string, until: number): Promise<void>;

  /** Count one join handed out (`joins` of `count` is ignored: it adds one); `at` is when. */
  countJoin(count: Omit<JoinCount, 'joins'>, at: number): Promise<void>;
  /** Rooms of `backend` with a join handed out at or after `since`. */
  recentJoinRooms(backend: string, since: number): Promise<Array<{ tenant: string; room: string }>>;
  /** The conferences of `backend` that have not ended. */
  openConferences(backend: string): Promise<ConferenceRecord[]>;
  /** Insert or update a conference that goes on (by `id`); a conference that has ended is left alone. */
  saveConference(conference: ConferenceRecord): Promise<void>;
  /**
   * End a conference (`conference.endedAt` set) and add it to `day`'s
   * aggregate of its room, in one transaction, once: a conference already
   * ended is left alone.
   *
   * @returns whether it was ended now.
   */
  endConference(conference: ConferenceRecord & { endedAt: number }, day: string): Promise<boolean>;
  /** The daily aggregates and join counts of the query's days and tenants. */
  usage(query: UsageQuery): Promise<{ days: DailyUsage[]; joins: JoinCount[] }>;
  /** Delete conferences that ended before `before` (the daily aggregates and join counts stay); answers how many. */
  purgeConferences(before: number): Promise<number>;

  /**
   * A secret all instances sharing the store use alike (the proof-of-work
   * key, the keyed hash of client addresses): the one stored under `name`,
   * or `candidate` when there is none yet, stored then. Of two instances
   * asking at once, both get the same one. One with `expiresAt` (ms) is
   * deleted by {@link Store.purge} after that time.
   */
  sharedSecret(name: string, candidate: Uint8Array, expiresAt: number | null): Promise<Uint8Array>;

  /**
   * How many hits one of `keys` has at or after `since`, all together, and
   * the oldest of them (`null` when none). A key is a keyed hash of a client
   * and what it did (never a client's address).
   */
  countHits(keys: string[], since: number): Promise<{ count: number; oldest: number | null }>;
  /** Record a hit of `key` at `at`; its hits before `since` are deleted in the same transaction. */
  addHit(key: string, at: number, since: number): Promise<void>;

  /**
   * Take the lease on a booking for `holder` until `until`: while it holds,
   * no other holder gets it (an approval under way on another instance).
   * Free, lapsed (`lease_until <= now`) or `holder`'s own: taken (or
   * extended). Across connections, one of two at once wins.
   *
   * @returns whether `holder` has the lease now; `false` also when the booking is missing.
   */
  leaseBooking(id: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Give the lease back, if `holder` has it. */
  releaseBooking(id: string, holder: string): Promise<void>;

  /**
   * Claim a room's status poll for `holder` until `until`, when the room has
   * no claim or its claim lapsed (`until <= now`). Across connections, one of
   * two at once wins; the winner asks the conference server and writes the
   * answer with {@link Store.putStatus}.
   *
   * @returns whether `holder` has the claim now.
   */
  claimStatus(room: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Write a room's status (JSON, as the viewers get it) and when it was checked. */
  putStatus(room: string, status: string, checkedAt: number): Promise<void>;
  /** A room's last written status and when it was checked, if any. */
  getStatus(room: string): Promise<{ status: string; checkedAt: number } | undefined>;
  /**
   * Hear every status {@link Store.putStatus} writes, from any instance,
   * and `onReconnect` after the listening connection was lost and is back
   * (what was written meanwhile was not heard: read it again). Only stores
   * that several processes share have it (PostgreSQL: `LISTEN`/`NOTIFY`);
   * a SQLite file has one server process.
   */
  listenStatus?(onPublished: (room: string, status: string, checkedAt: number) => void, onReconnect: () => void): StatusListening;

  /** Resolves when the store can be used right now (one trivial query); rejects with {@link StoreUnavailableError} when not. */
  ping(): Promise<void>;

  /**
   * Run a singleton job: on PostgreSQL under a session advisory lock named
   * after `name`, so of all instances sharing the database at most one runs
   * it at a time, and the others skip it (resolving `undefined`); the lock
   * ends with the job, or with its connection if the process dies. SQLite has
   * one server process: it runs the job directly.
   *
   * @example
   * ```ts
   * await store.runExclusive('purge', () => bookings.purge());
   * ```
   */
  runExclusive<T>(name: string, job: () => Promise<T>): Promise<T | undefined>;

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
