// SQLite: short invites and revocations.
import type { InviteAndRevocationStore } from '../invites.js';
import type { InviteRecord } from '../records.js';
import { inviteFromRow, type InviteRow } from '../rows.js';
import { SqliteCore } from './core.js';

/** Short invites and revocations, in SQLite. */
export class SqliteInvites extends SqliteCore implements InviteAndRevocationStore {
  async addInvite(invite: InviteRecord): Promise<void> {
    return this.guard(() => this.insertInvite(invite));
  }

  async getInvite(id: string): Promise<InviteRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM invites WHERE id = ?').get(id) as InviteRow | undefined;
      return row && inviteFromRow(row);
    });
  }

  async isRevoked(jti: string, now: number): Promise<boolean> {
    return this.guard(() => {
      return this.sql('SELECT 1 FROM revocations WHERE jti = ? AND until > ?').get(jti, now) !== undefined;
    });
  }

  async revoke(jti: string, until: number): Promise<void> {
    return this.guard(() => {
      this.sql('INSERT INTO revocations (jti, until) VALUES (?, ?) ON CONFLICT (jti) DO UPDATE SET until = max(until, excluded.until)').run(
        jti,
        until,
      );
    });
  }
}
