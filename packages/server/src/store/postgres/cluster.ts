// PostgreSQL: what several instances share.
import type { ClusterStore, StatusListening } from '../cluster.js';
import { PgCore } from './core.js';
import { STATUS_CHANNEL, StatusListener } from './listener.js';

/** Singleton jobs' advisory locks are named this, then the job's name. */
const JOB_LOCK = 'vereinsraum.job.';

/** Shared secrets, per-client hits, approval leases, status claims (with their notifications) and singleton jobs, in PostgreSQL. */
export class PgCluster extends PgCore implements ClusterStore {
  async sharedSecret(name: string, candidate: Uint8Array, expiresAt: number | null): Promise<Uint8Array> {
    // The key decides: of two instances at once, the second waits for the first one's commit and inserts nothing.
    await this.query('INSERT INTO shared_secrets (name, secret, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      Buffer.from(candidate),
      expiresAt,
    ]);
    return new Uint8Array(
      (await this.query<{ secret: Buffer }>('SELECT secret FROM shared_secrets WHERE name = $1', [name])).rows[0]!.secret,
    );
  }

  async countHits(keys: string[], since: number): Promise<{ count: number; oldest: number | null }> {
    const row = (
      await this.query<{ count: number; oldest: number | null }>(
        'SELECT count(*) AS count, min(at) AS oldest FROM client_hits WHERE key = ANY ($1::text[]) AND at >= $2',
        [keys, since],
      )
    ).rows[0]!;
    return { count: row.count, oldest: row.oldest };
  }

  async addHit(key: string, at: number, since: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM client_hits WHERE key = $1 AND at < $2', [key, since]);
      await client.query('INSERT INTO client_hits (key, at) VALUES ($1, $2)', [key, at]);
    });
  }

  async leaseBooking(id: string, holder: string, now: number, until: number): Promise<boolean> {
    // One UPDATE: the row's lock makes a second one at once wait, then see the lease taken.
    const result = await this.query(
      'UPDATE bookings SET lease_holder = $2, lease_until = $3 WHERE id = $1 AND (lease_until IS NULL OR lease_until <= $4 OR lease_holder = $2)',
      [id, holder, until, now],
    );
    return result.rowCount === 1;
  }

  async releaseBooking(id: string, holder: string): Promise<void> {
    await this.query('UPDATE bookings SET lease_holder = NULL, lease_until = NULL WHERE id = $1 AND lease_holder = $2', [id, holder]);
  }

  async claimStatus(room: string, holder: string, now: number, until: number): Promise<boolean> {
    const result = await this.query(
      `INSERT INTO status_claims (room, holder, until) VALUES ($1, $2, $3)
       ON CONFLICT (room) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE status_claims.until <= $4`,
      [room, holder, until, now],
    );
    return result.rowCount === 1;
  }

  async putStatus(room: string, status: string, checkedAt: number): Promise<void> {
    // Written and told in one statement: the notification goes out with the commit, to every instance listening.
    await this.query(
      `WITH written AS (
         INSERT INTO status_claims (room, holder, until, status, checked_at) VALUES ($1, '', 0, $2, $3)
         ON CONFLICT (room) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at
       )
       SELECT pg_notify($4, json_build_object('room', $1::text, 'status', $2::text, 'checkedAt', $3::bigint)::text)`,
      [room, status, checkedAt, STATUS_CHANNEL],
    );
  }

  /**
   * Hear every room status any instance writes (`putStatus`),
   * on a connection of its own that `LISTEN`s. When it breaks (a restart of
   * the database, a network failure) it connects again by itself, waiting
   * 0.25 s, then longer up to 5 s; since notifications sent meanwhile are
   * lost, `onReconnect` is called once it listens again, to read the state
   * anew. One listener per store; `PgStore.close` ends it.
   */
  listenStatus(onPublished: (room: string, status: string, checkedAt: number) => void, onReconnect: () => void): StatusListening {
    this.listener?.close();
    this.listener = new StatusListener(this.options, onPublished, onReconnect);
    return this.listener;
  }

  async getStatus(room: string): Promise<{ status: string; checkedAt: number } | undefined> {
    const row = (
      await this.query<{ status: string; checked_at: number }>(
        'SELECT status, checked_at FROM status_claims WHERE room = $1 AND status IS NOT NULL',
        [room],
      )
    ).rows[0];
    return row && { status: row.status, checkedAt: row.checked_at };
  }

  async runExclusive<T>(name: string, job: () => Promise<T>): Promise<T | undefined> {
    // A session lock on a connection of its own, held while the job runs (its queries use other connections);
    // if the process dies, the connection ends and the lock with it.
    const lock = `${JOB_LOCK}${name}`;
    const client = await this.guard(() => this.pool.connect());
    const ignore = (): void => {};
    client.on('error', ignore);
    // A connection that failed is closed instead of going back to the pool (with a lock it may still hold).
    let broken = true;
    try {
      const got = await this.guard(() =>
        client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [lock]),
      );
      if (!got.rows[0]!.got) {
        broken = false;
        return undefined;
      }
      try {
        return await job();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock]).then(
          () => (broken = false),
          () => {},
        );
      }
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }
}
