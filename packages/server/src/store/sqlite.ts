import { compose } from './compose.js';
import { SCHEMA_VERSION } from './migrations.js';
import { SqliteBookings } from './sqlite/bookings.js';
import { SqliteChat } from './sqlite/chat.js';
import { SqliteClubs } from './sqlite/clubs.js';
import { SqliteCluster } from './sqlite/cluster.js';
import { SqliteCore } from './sqlite/core.js';
import { SqliteInvites } from './sqlite/invites.js';
import { SqliteOpenRooms } from './sqlite/open-rooms.js';
import { SqliteUsage } from './sqlite/usage.js';
import type { PurgeResult, Store } from './types.js';

/** Invites of no booking are kept this long after they expired, so that a late visitor hears "expired". */
const EXPIRED_INVITE_KEEP_MS = 30 * 86_400_000;

/** Client hits (per-client limits) are kept at most this long; no limit's window is longer. */
const HIT_KEEP_MS = 86_400_000;

/**
 * The embedded store: one SQLite file (better-sqlite3), write-ahead log,
 * `synchronous=FULL` (a commit is on disk before it returns), foreign keys on,
 * versioned migrations run when it opens, `secure_delete` on. A new file is made readable by its
 * owner only (SQLite gives the `-wal` and `-shm` files the same mode): it
 * holds names and e-mail addresses. Several processes may open the same
 * file (the server and the CLI); writers wait up to 5 s for each other.
 * Its methods are those of {@link Store}, and documented there.
 *
 * @example
 * ```ts
 * import { SqliteStore } from '@vereinsraum/server/node';
 * const store = new SqliteStore('data/vereinsraum.db');
 * const handler = createHandler(config, { store, keys });
 * ```
 */
export class SqliteStore
  extends compose(SqliteCore, SqliteBookings, SqliteChat, SqliteInvites, SqliteOpenRooms, SqliteUsage, SqliteCluster, SqliteClubs)
  implements Store
{
  /** The schema version this code writes. */
  static readonly version = SCHEMA_VERSION;

  /** Open (and create, with its folder) the database file; `:memory:` for a throwaway store. */
  constructor(path: string) {
    super(path);
  }

  async ping(): Promise<void> {
    return this.guard(() => void this.sql('SELECT 1').get());
  }

  async purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult> {
    return this.guard(() => {
      const result = this.db
        .transaction(() => {
          let bookings = 0;
          for (const [tenant, cutoff] of cutoffs) {
            bookings += this.sql('DELETE FROM bookings WHERE tenant = ? AND last_end < ?').run(tenant, cutoff).changes;
          }
          const known = [...cutoffs.keys()];
          bookings += this.db
            .prepare(`DELETE FROM bookings WHERE last_end < ? AND tenant NOT IN (${known.map(() => '?').join(', ')})`)
            .run(fallbackCutoff, ...known).changes;
          const challenges = this.sql('DELETE FROM used_challenges WHERE expires_at < ?').run(now).changes;
          const revocations = this.sql('DELETE FROM revocations WHERE until < ?').run(now).changes;
          this.sql('DELETE FROM chat_confirmations WHERE expires_at <= ?').run(now);
          this.sql('DELETE FROM invites WHERE booking_id IS NULL AND expires_at < ?').run(now - EXPIRED_INVITE_KEEP_MS);
          this.sql('DELETE FROM shared_secrets WHERE expires_at < ?').run(now);
          this.sql('DELETE FROM client_hits WHERE at < ?').run(now - HIT_KEEP_MS);
          this.sql('DELETE FROM status_claims WHERE until < ? AND (checked_at IS NULL OR checked_at < ?)').run(
            now - HIT_KEEP_MS,
            now - HIT_KEEP_MS,
          );
          this.sql(
            `DELETE FROM invites WHERE booking_id IS NULL AND EXISTS
               (SELECT 1 FROM open_rooms o WHERE o.tenant = invites.tenant AND o.id = invites.room AND o.expires_at < ?)`,
          ).run(now - EXPIRED_INVITE_KEEP_MS);
          this.sql('DELETE FROM open_rooms WHERE expires_at < ?').run(now - EXPIRED_INVITE_KEEP_MS);
          return { bookings, challenges, revocations };
        })
        .immediate();
      // The write-ahead log still holds the rows as they were before: move its pages into the
      // (zeroed) file and empty it. Best effort: a reader of another process may hold it back.
      if (result.bookings > 0 && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    });
  }

  /** Close the database; pending writes are already on disk. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
