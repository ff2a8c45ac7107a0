// SQLite: what instances share on PostgreSQL, with the same semantics here (one server process uses a SQLite file).
import type { ClusterStore } from '../cluster.js';
import { SqliteCore } from './core.js';

/** Shared secrets, per-client hits, approval leases, status claims and singleton jobs, in SQLite. */
export class SqliteCluster extends SqliteCore implements ClusterStore {
  async sharedSecret(name: string, candidate: Uint8Array, expiresAt: number | null): Promise<Uint8Array> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('INSERT OR IGNORE INTO shared_secrets (name, secret, expires_at) VALUES (?, ?, ?)').run(name, candidate, expiresAt);
          return new Uint8Array((this.sql('SELECT secret FROM shared_secrets WHERE name = ?').get(name) as { secret: Buffer }).secret);
        })
        .immediate(),
    );
  }

  async countHits(keys: string[], since: number): Promise<{ count: number; oldest: number | null }> {
    return this.guard(() => {
      let count = 0;
      let oldest: number | null = null;
      for (const key of keys) {
        const row = this.sql('SELECT count(*) AS n, min(at) AS oldest FROM client_hits WHERE key = ? AND at >= ?').get(key, since) as {
          n: number;
          oldest: number | null;
        };
        count += row.n;
        if (row.oldest !== null && (oldest === null || row.oldest < oldest)) oldest = row.oldest;
      }
      return { count, oldest };
    });
  }

  async addHit(key: string, at: number, since: number): Promise<void> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM client_hits WHERE key = ? AND at < ?').run(key, since);
          this.sql('INSERT INTO client_hits (key, at) VALUES (?, ?)').run(key, at);
        })
        .immediate(),
    );
  }

  async leaseBooking(id: string, holder: string, now: number, until: number): Promise<boolean> {
    return this.guard(
      () =>
        this.sql(
          'UPDATE bookings SET lease_holder = ?, lease_until = ? WHERE id = ? AND (lease_until IS NULL OR lease_until <= ? OR lease_holder = ?)',
        ).run(holder, until, id, now, holder).changes === 1,
    );
  }

  async releaseBooking(id: string, holder: string): Promise<void> {
    return this.guard(() => {
      this.sql('UPDATE bookings SET lease_holder = NULL, lease_until = NULL WHERE id = ? AND lease_holder = ?').run(id, holder);
    });
  }

  async claimStatus(room: string, holder: string, now: number, until: number): Promise<boolean> {
    return this.guard(
      () =>
        this.sql(
          `INSERT INTO status_claims (room, holder, until) VALUES (?, ?, ?)
           ON CONFLICT (room) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE status_claims.until <= ?`,
        ).run(room, holder, until, now).changes === 1,
    );
  }

  async putStatus(room: string, status: string, checkedAt: number): Promise<void> {
    return this.guard(() => {
      this.sql(
        `INSERT INTO status_claims (room, holder, until, status, checked_at) VALUES (?, '', 0, ?, ?)
         ON CONFLICT (room) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at`,
      ).run(room, status, checkedAt);
    });
  }

  async getStatus(room: string): Promise<{ status: string; checkedAt: number } | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT status, checked_at FROM status_claims WHERE room = ? AND status IS NOT NULL').get(room) as
        { status: string; checked_at: number } | undefined;
      return row && { status: row.status, checkedAt: row.checked_at };
    });
  }

  /** One server process uses a SQLite file: the job runs directly. */
  async runExclusive<T>(_name: string, job: () => Promise<T>): Promise<T | undefined> {
    return job();
  }
}
