// SQLite: open conferences.
import type { OpenRoomCreation, OpenRoomRecord, OpenRoomStore } from '../open-rooms.js';
import type { InviteRecord } from '../records.js';
import { openRoomFromRow, type OpenRoomRow, openRoomToRow } from '../rows.js';
import { SqliteCore } from './core.js';

/** Open conferences, in SQLite. */
export class SqliteOpenRooms extends SqliteCore implements OpenRoomStore {
  async createOpenRoom(
    room: OpenRoomRecord,
    hostInvite: InviteRecord,
    challenge: { id: string; expiresAt: number },
    maxOpen: number,
    now: number,
  ): Promise<OpenRoomCreation> {
    return this.guard(() =>
      this.db
        .transaction((): OpenRoomCreation => {
          // One writer at a time (an immediate transaction): the count and the insert cannot interleave with another's.
          const { open } = this.sql('SELECT count(*) AS open FROM open_rooms WHERE tenant = ? AND expires_at > ?').get(
            room.tenant,
            now,
          ) as {
            open: number;
          };
          if (open >= maxOpen) return 'full';
          const used = this.sql('INSERT OR IGNORE INTO used_challenges (id, expires_at) VALUES (?, ?)').run(
            challenge.id,
            challenge.expiresAt,
          );
          if (used.changes === 0) return 'challenge_used';
          this.sql(
            `INSERT INTO open_rooms (tenant, id, title, backend, created_at, expires_at)
             VALUES (@tenant, @id, @title, @backend, @created_at, @expires_at)`,
          ).run(openRoomToRow(room));
          this.insertInvite(hostInvite);
          return 'created';
        })
        .immediate(),
    );
  }

  async getOpenRoom(tenant: string, id: string): Promise<OpenRoomRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM open_rooms WHERE tenant = ? AND id = ?').get(tenant, id) as OpenRoomRow | undefined;
      return row && openRoomFromRow(row);
    });
  }

  async extendOpenRoom(tenant: string, id: string, expiresAt: number): Promise<void> {
    return this.guard(() => {
      this.sql('UPDATE open_rooms SET expires_at = max(expires_at, ?) WHERE tenant = ? AND id = ?').run(expiresAt, tenant, id);
    });
  }
}
