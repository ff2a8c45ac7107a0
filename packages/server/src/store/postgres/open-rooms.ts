// PostgreSQL: open conferences.
import type { OpenRoomCreation, OpenRoomRecord, OpenRoomStore } from '../open-rooms.js';
import type { InviteRecord } from '../records.js';
import { inviteToRow, openRoomFromRow, type OpenRoomRow, openRoomToRow } from '../rows.js';
import { insert, PgCore } from './core.js';

/** Open conferences, in PostgreSQL. */
export class PgOpenRooms extends PgCore implements OpenRoomStore {
  async createOpenRoom(
    room: OpenRoomRecord,
    hostInvite: InviteRecord,
    challenge: { id: string; expiresAt: number },
    maxOpen: number,
    now: number,
  ): Promise<OpenRoomCreation> {
    return this.transaction(async (client) => {
      // The tenant's rooms are counted under a lock of the tenant's own, held until the commit: two instances
      // opening the last free room at once take turns, and the second counts the first one's room.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('vereinsraum.open-rooms:' || $1, 0))", [room.tenant]);
      const { open } = (
        await client.query<{ open: number }>('SELECT count(*)::int AS open FROM open_rooms WHERE tenant = $1 AND expires_at > $2', [
          room.tenant,
          now,
        ])
      ).rows[0]!;
      if (open >= maxOpen) return 'full';
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) return 'challenge_used';
      await client.query(...insert('open_rooms', openRoomToRow(room)));
      await client.query(...insert('invites', inviteToRow(hostInvite)));
      return 'created';
    });
  }

  async getOpenRoom(tenant: string, id: string): Promise<OpenRoomRecord | undefined> {
    const row = (await this.query<OpenRoomRow>('SELECT * FROM open_rooms WHERE tenant = $1 AND id = $2', [tenant, id])).rows[0];
    return row && openRoomFromRow(row);
  }

  async extendOpenRoom(tenant: string, id: string, expiresAt: number): Promise<void> {
    await this.query('UPDATE open_rooms SET expires_at = GREATEST(expires_at, $1) WHERE tenant = $2 AND id = $3', [expiresAt, tenant, id]);
  }
}
