// The store's part for what several instances share: secrets, per-client limits,
// approval leases, room status claims and singleton jobs (see `Store`, which includes it).

/** A store's status listener ({@link ClusterStore.listenStatus}). */
export interface StatusListening {
  /** Whether it listens right now (false while it connects again). */
  readonly ready: boolean;
  /** Stop listening. */
  close(): void;
}

/**
 * The store's methods for what must hold across instances sharing the store,
 * never in one process's memory.
 */
export interface ClusterStore {
  /**
   * A secret all instances sharing the store use alike (the proof-of-work
   * key, the keyed hash of client addresses): the one stored under `name`,
   * or `candidate` when there is none yet, stored then. Of two instances
   * asking at once, both get the same one. One with `expiresAt` (ms) is
   * deleted by `Store.purge` after that time.
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
   * answer with {@link ClusterStore.putStatus}.
   *
   * @returns whether `holder` has the claim now.
   */
  claimStatus(room: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Write a room's status (JSON, as the viewers get it) and when it was checked. */
  putStatus(room: string, status: string, checkedAt: number): Promise<void>;
  /** A room's last written status and when it was checked, if any. */
  getStatus(room: string): Promise<{ status: string; checkedAt: number } | undefined>;
  /**
   * Hear every status {@link ClusterStore.putStatus} writes, from any instance,
   * and `onReconnect` after the listening connection was lost and is back
   * (what was written meanwhile was not heard: read it again). Only stores
   * that several processes share have it (PostgreSQL: `LISTEN`/`NOTIFY`);
   * a SQLite file has one server process.
   */
  listenStatus?(onPublished: (room: string, status: string, checkedAt: number) => void, onReconnect: () => void): StatusListening;

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
}
