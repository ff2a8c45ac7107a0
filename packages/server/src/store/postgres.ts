import pg from 'pg';
import { compose } from './compose.js';
import { SCHEMA_VERSION } from './migrations.js';
import { PgBookings } from './postgres/bookings.js';
import { PgChat } from './postgres/chat.js';
import { PgClubs } from './postgres/clubs.js';
import { PgCluster } from './postgres/cluster.js';
import { PgCore, type PgStoreOptions } from './postgres/core.js';
import { PgInvites } from './postgres/invites.js';
import { PgOpenRooms } from './postgres/open-rooms.js';
import { PgUsage } from './postgres/usage.js';
import type { PurgeResult, Store } from './types.js';

export type { PgStoreOptions } from './postgres/core.js';

/** Invites of no booking are kept this long after they expired, so that a late visitor hears "expired". */
const EXPIRED_INVITE_KEEP_MS = 30 * 86_400_000;

/** Client hits (per-client limits) are kept at most this long; no limit's window is longer. */
const HIT_KEEP_MS = 86_400_000;

/**
 * The store for several server instances: a PostgreSQL database (13 or
 * newer) through a pool of `pg` connections. Same semantics as
 * `SqliteStore`, with the database's own locks where SQLite has one writer:
 * a challenge is used once (its unique key, in the booking's transaction),
 * status changes lock the booking's row, the outbox is claimed with
 * `FOR UPDATE SKIP LOCKED` (two instances never send one mail twice), a chat
 * confirmation's row is locked while it is used.
 *
 * {@link PgStore.open} runs the migrations first, in one transaction under an
 * advisory lock, so instances that start together migrate once; it refuses a
 * database whose schema is newer than this code. Errors that mean "not now"
 * (connection refused or lost, too many connections, shutdown, disk full,
 * read-only, timeouts) become `StoreUnavailableError` (`@vereinsraum/server`); the pool
 * connects again by itself once the server is back.
 *
 * Its methods are those of {@link Store}, and documented there. Its
 * `listenStatus` listens on a connection of its own, which connects again by
 * itself when it breaks (after 0.25 s, then longer up to 5 s) and then calls
 * `onReconnect`; {@link PgStore.close} ends it.
 *
 * @example
 * ```ts
 * import { PgStore } from '@vereinsraum/server/node';
 * const store = await PgStore.open({ url: process.env.DATABASE_URL!, poolSize: 10 });
 * const handler = createHandler(config, { store, keys });
 * ```
 */
export class PgStore extends compose(PgCore, PgBookings, PgChat, PgInvites, PgOpenRooms, PgUsage, PgCluster, PgClubs) implements Store {
  /** The schema version this code writes. */
  static readonly version = SCHEMA_VERSION;
  private closed?: Promise<void>;

  private constructor(pool: pg.Pool, options: PgStoreOptions) {
    super(pool, options);
  }

  /**
   * Connect, and bring the database's schema up to {@link PgStore.version}.
   *
   * @throws `StoreUnavailableError` (`@vereinsraum/server`) when the server cannot be reached, and an Error when the
   * database's schema is newer than this code's (or the role may not create tables).
   */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const types = new pg.TypeOverrides();
    // BIGINT (times in ms, ids, counts) as numbers: every value the store keeps is below 2^53.
    types.setTypeParser(pg.types.builtins.INT8, Number);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // A transaction left open by a stuck request would hold its locks (a booking, the outbox's rows).
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      application_name: 'vereinsraum',
      types,
    });
    // An idle connection the server closed (a restart, say): the pool drops it and the next query
    // opens a new one. Without a listener the error would end the process.
    pool.on('error', () => {});
    const store = new PgStore(pool, options);
    try {
      await store.migrate(databaseName(options.url));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult> {
    const result = await this.transaction(async (client) => {
      let bookings = 0;
      for (const [tenant, cutoff] of cutoffs) {
        bookings += (await client.query('DELETE FROM bookings WHERE tenant = $1 AND last_end < $2', [tenant, cutoff])).rowCount ?? 0;
      }
      bookings +=
        (
          await client.query('DELETE FROM bookings WHERE last_end < $1 AND NOT (tenant = ANY ($2::text[]))', [
            fallbackCutoff,
            [...cutoffs.keys()],
          ])
        ).rowCount ?? 0;
      const challenges = (await client.query('DELETE FROM used_challenges WHERE expires_at < $1', [now])).rowCount ?? 0;
      const revocations = (await client.query('DELETE FROM revocations WHERE until < $1', [now])).rowCount ?? 0;
      await client.query('DELETE FROM chat_confirmations WHERE expires_at <= $1', [now]);
      await client.query('DELETE FROM invites WHERE booking_id IS NULL AND expires_at < $1', [now - EXPIRED_INVITE_KEEP_MS]);
      await client.query('DELETE FROM shared_secrets WHERE expires_at < $1', [now]);
      await client.query('DELETE FROM client_hits WHERE at < $1', [now - HIT_KEEP_MS]);
      await client.query('DELETE FROM status_claims WHERE until < $1 AND (checked_at IS NULL OR checked_at < $1)', [now - HIT_KEEP_MS]);
      await client.query(
        `DELETE FROM invites WHERE booking_id IS NULL AND EXISTS
           (SELECT 1 FROM open_rooms o WHERE o.tenant = invites.tenant AND o.id = invites.room AND o.expires_at < $1)`,
        [now - EXPIRED_INVITE_KEEP_MS],
      );
      await client.query('DELETE FROM open_rooms WHERE expires_at < $1', [now - EXPIRED_INVITE_KEEP_MS]);
      return { bookings, challenges, revocations };
    });
    // Deleted rows stay in the tables' files as dead rows until VACUUM; autovacuum would come only after
    // a fifth of a table changed. Vacuumed now, their space is free for new rows (see docs/security.md).
    if (result.bookings > 0) await this.query('VACUUM bookings, audit, outbox, invites');
    return result;
  }

  /** Close the pool's connections, once the queries under way are answered, and the status listener's. */
  async close(): Promise<void> {
    this.listener?.close();
    this.closed ??= this.pool.end();
    return this.closed;
  }
}

/** The database's name in a connection URL (never the password), for messages. */
function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || '(default)';
  } catch {
    return '(unnamed)';
  }
}
