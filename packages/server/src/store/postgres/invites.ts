// PostgreSQL: short invites and revocations.
import type { InviteAndRevocationStore } from '../invites.js';
import type { InviteRecord } from '../records.js';
import { inviteFromRow, type InviteRow, inviteToRow } from '../rows.js';
import { insert, PgCore } from './core.js';

/** Short invites and revocations, in PostgreSQL. */
export class PgInvites extends PgCore implements InviteAndRevocationStore {
  async addInvite(invite: InviteRecord): Promise<void> {
    await this.query(...insert('invites', inviteToRow(invite)));
  }

  async getInvite(id: string): Promise<InviteRecord | undefined> {
    const row = (await this.query<InviteRow>('SELECT * FROM invites WHERE id = $1', [id])).rows[0];
    return row && inviteFromRow(row);
  }

  async isRevoked(jti: string, now: number): Promise<boolean> {
    return (await this.query('SELECT 1 FROM revocations WHERE jti = $1 AND until > $2', [jti, now])).rows.length > 0;
  }

  async revoke(jti: string, until: number): Promise<void> {
    await this.query(
      'INSERT INTO revocations (jti, until) VALUES ($1, $2) ON CONFLICT (jti) DO UPDATE SET until = GREATEST(revocations.until, excluded.until)',
      [jti, until],
    );
  }
}
