// PostgreSQL: clubs, their rooms, sign-in links and sessions.
import { timingSafeEqual } from 'node:crypto';
import type { ClubStatus } from '@vereinsraum/protocol';
import { clubColumns, clubFromRow, type ClubRoomRow, clubRoomFromRow, clubRoomToRow, type ClubRow, clubToRow } from '../club-rows.js';
import type { ClubChange, ClubHandover, ClubQuery, ClubRecord, ClubRoomRecord, ClubSession, ClubSignin, ClubStore } from '../clubs.js';
import type { InviteRecord, OutboxMail } from '../records.js';
import { inviteFromRow, type InviteRow, inviteToRow } from '../rows.js';
import { insert, PgCore } from './core.js';

/** Clubs, their rooms, sign-in links and sessions, in PostgreSQL. */
export class PgClubs extends PgCore implements ClubStore {
  async createClub(
    club: ClubRecord,
    mail: OutboxMail,
    challenge: { id: string; expiresAt: number },
  ): Promise<'created' | 'challenge_used' | 'id_taken'> {
    return this.transaction(async (client) => {
      // The id's key decides between two registrations of one name: the second waits for the first one's commit.
      const row = clubToRow(club);
      const columns = Object.keys(row);
      const inserted = await client.query(
        `INSERT INTO clubs (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
        Object.values(row),
      );
      if (inserted.rowCount === 0) return 'id_taken';
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) {
        // Undo the club: the whole transaction stores nothing.
        await client.query('DELETE FROM clubs WHERE id = $1', [club.id]);
        return 'challenge_used';
      }
      await this.insertMail(client, 'club_id', club.id, mail, club.createdAt);
      return 'created';
    });
  }

  async getClub(id: string): Promise<ClubRecord | undefined> {
    const row = (await this.query<ClubRow>('SELECT * FROM clubs WHERE id = $1', [id])).rows[0];
    return row && clubFromRow(row);
  }

  async listClubs(query: ClubQuery): Promise<ClubRecord[]> {
    const { rows } = await this.query<ClubRow>(
      `SELECT * FROM clubs WHERE ($1::text IS NULL OR status = $1) AND ($2::text[] IS NULL OR region = ANY ($2::text[]))
         AND ($4::text IS NULL OR email_key = $4)
       ORDER BY created_at DESC, id COLLATE "C" LIMIT $3`,
      [query.status ?? null, query.regions ? [...query.regions] : null, query.limit ?? 1000, query.emailKey ?? null],
    );
    return rows.map(clubFromRow);
  }

  async countClubsByEmail(emailKey: string, since: number): Promise<number> {
    return (await this.query<{ n: number }>('SELECT count(*) AS n FROM clubs WHERE email_key = $1 AND created_at >= $2', [emailKey, since]))
      .rows[0]!.n;
  }

  async updateClub(
    id: string,
    from: readonly ClubStatus[],
    changes: Partial<Omit<ClubRecord, 'id' | 'createdAt'>> & { updatedAt: number },
    change: ClubChange,
  ): Promise<ClubRecord | undefined> {
    return this.transaction(async (client) => {
      // Locked until the commit: a second decision waits, then sees the new status.
      const row = (await client.query<ClubRow>('SELECT * FROM clubs WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row || !from.includes(row.status as ClubStatus)) return undefined;
      if (change.ifUpdatedAt !== undefined && Number(row.updated_at) !== change.ifUpdatedAt) return undefined;
      const columns = clubColumns(changes);
      const names = Object.keys(columns);
      const updated = (
        await client.query<ClubRow>(`UPDATE clubs SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1 RETURNING *`, [
          id,
          ...Object.values(columns),
        ])
      ).rows[0]!;
      for (const room of change.rooms ?? []) await client.query(...insert('club_rooms', clubRoomToRow(room)));
      for (const invite of change.invites ?? []) await client.query(...insert('invites', inviteToRow(invite)));
      for (const mail of change.mails) await this.insertMail(client, 'club_id', id, mail, changes.updatedAt);
      return clubFromRow(updated);
    });
  }

  async deleteClub(id: string): Promise<boolean> {
    const deleted = await this.transaction(async (client) => {
      await client.query('DELETE FROM invites WHERE tenant = $1', [id]);
      return ((await client.query('DELETE FROM clubs WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
    // As after a purge: the dead rows' space is made free at once (see docs/security.md).
    if (deleted) await this.query('VACUUM clubs, club_rooms, club_signins, club_sessions, club_handovers, outbox, invites');
    return deleted;
  }

  async countClubRooms(ids: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.query<{ club_id: string; n: number }>(
      'SELECT club_id, count(*) AS n FROM club_rooms WHERE club_id = ANY ($1::text[]) GROUP BY club_id',
      [[...ids]],
    );
    return new Map(rows.map((row) => [row.club_id, Number(row.n)]));
  }

  async getClubRoom(club: string, id: string): Promise<ClubRoomRecord | undefined> {
    const row = (await this.query<ClubRoomRow>('SELECT * FROM club_rooms WHERE club_id = $1 AND id = $2', [club, id])).rows[0];
    return row && clubRoomFromRow(row);
  }

  async listClubRooms(club: string): Promise<ClubRoomRecord[]> {
    return (await this.query<ClubRoomRow>('SELECT * FROM club_rooms WHERE club_id = $1 ORDER BY id COLLATE "C"', [club])).rows.map(
      clubRoomFromRow,
    );
  }

  async createClubRoom(room: ClubRoomRecord, maxRooms: number): Promise<'created' | 'taken' | 'limit'> {
    return this.transaction(async (client) => {
      // The club's row is the lock: two rooms made at once are counted one after the other.
      const club = (await client.query('SELECT 1 FROM clubs WHERE id = $1 FOR UPDATE', [room.club])).rows[0];
      if (!club) return 'limit';
      if ((await client.query('SELECT 1 FROM club_rooms WHERE club_id = $1 AND id = $2', [room.club, room.id])).rows.length > 0)
        return 'taken';
      const { n } = (await client.query<{ n: number }>('SELECT count(*) AS n FROM club_rooms WHERE club_id = $1', [room.club])).rows[0]!;
      if (Number(n) >= maxRooms) return 'limit';
      await client.query(...insert('club_rooms', clubRoomToRow(room)));
      return 'created';
    });
  }

  async updateClubRoom(room: ClubRoomRecord): Promise<boolean> {
    const r = clubRoomToRow(room);
    const result = await this.query(
      `UPDATE club_rooms SET name = $3, start = $4, access_code = $5, moderator_code = $6, waiting_room = $7, mute_on_entry = $8,
         all_moderators = $9, recording = $10, updated_at = $11
       WHERE club_id = $1 AND id = $2`,
      [
        r.club_id,
        r.id,
        r.name,
        r.start,
        r.access_code,
        r.moderator_code,
        r.waiting_room,
        r.mute_on_entry,
        r.all_moderators,
        r.recording,
        r.updated_at,
      ],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async deleteClubRoom(club: string, id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query('DELETE FROM invites WHERE tenant = $1 AND room = $2', [club, id]);
      return ((await client.query('DELETE FROM club_rooms WHERE club_id = $1 AND id = $2', [club, id])).rowCount ?? 0) > 0;
    });
  }

  async addClubSignin(signin: ClubSignin, mail: OutboxMail, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM club_signins WHERE expires_at <= $1', [now]);
      await client.query('INSERT INTO club_signins (id, club_id, secret_hash, expires_at) VALUES ($1, $2, $3, $4)', [
        signin.id,
        signin.club,
        Buffer.from(signin.secretHash),
        signin.expiresAt,
      ]);
      await this.insertMail(client, 'club_id', signin.club, mail, now);
    });
  }

  async useClubSignin(id: string, secretHash: Uint8Array, now: number): Promise<string | undefined> {
    return this.transaction(async (client) => {
      // Locked until the commit: a second use at the same moment waits, then finds it gone.
      const row = (
        await client.query<{ club_id: string; secret_hash: Uint8Array }>(
          'SELECT club_id, secret_hash FROM club_signins WHERE id = $1 AND expires_at > $2 FOR UPDATE',
          [id, now],
        )
      ).rows[0];
      if (!row || row.secret_hash.length !== secretHash.length || !timingSafeEqual(row.secret_hash, secretHash)) return undefined;
      await client.query('DELETE FROM club_signins WHERE id = $1', [id]);
      return row.club_id;
    });
  }

  async addClubSession(session: ClubSession): Promise<void> {
    await this.query('INSERT INTO club_sessions (id, club_id, csrf_hash, expires_at) VALUES ($1, $2, $3, $4)', [
      session.id,
      session.club,
      session.csrfHash,
      session.expiresAt,
    ]);
  }

  async getClubSession(id: string, now: number): Promise<ClubSession | undefined> {
    const row = (
      await this.query<{ id: string; club_id: string; csrf_hash: string; expires_at: number }>(
        'SELECT id, club_id, csrf_hash, expires_at FROM club_sessions WHERE id = $1 AND expires_at > $2',
        [id, now],
      )
    ).rows[0];
    return row && { id: row.id, club: row.club_id, csrfHash: row.csrf_hash, expiresAt: row.expires_at };
  }

  async deleteClubSession(id: string): Promise<void> {
    await this.query('DELETE FROM club_sessions WHERE id = $1', [id]);
  }

  async setClubHandover(handover: ClubHandover, mail: OutboxMail, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM club_handovers WHERE club_id = $1 OR expires_at <= $2', [handover.club, now]);
      await client.query(
        'INSERT INTO club_handovers (club_id, id, name, email, email_key, secret_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          handover.club,
          handover.id,
          handover.name,
          handover.email,
          handover.emailKey,
          Buffer.from(handover.secretHash),
          handover.expiresAt,
        ],
      );
      await this.insertMail(client, 'club_id', handover.club, mail, now);
    });
  }

  async useClubHandover(club: string, id: string, secretHash: Uint8Array, now: number, mail: OutboxMail): Promise<ClubRecord | undefined> {
    const changed = await this.transaction(async (client) => {
      // Both rows locked until the commit: a second use at the same moment waits, then finds the handover gone.
      const row = (
        await client.query<{ name: string; email: string; email_key: string; secret_hash: Uint8Array }>(
          `SELECT h.name, h.email, h.email_key, h.secret_hash FROM club_handovers h JOIN clubs c ON c.id = h.club_id
             WHERE h.club_id = $1 AND h.id = $2 AND h.expires_at > $3 AND c.status = 'active' FOR UPDATE`,
          [club, id, now],
        )
      ).rows[0];
      if (!row || row.secret_hash.length !== secretHash.length || !timingSafeEqual(row.secret_hash, secretHash)) return undefined;
      const updated = (
        await client.query<ClubRow>(
          'UPDATE clubs SET contact_name = $1, contact_email = $2, email_key = $3, updated_at = $4 WHERE id = $5 RETURNING *',
          [row.name, row.email, row.email_key, now, club],
        )
      ).rows[0]!;
      await client.query('DELETE FROM club_sessions WHERE club_id = $1', [club]);
      await client.query('DELETE FROM club_handovers WHERE club_id = $1', [club]);
      await this.insertMail(client, 'club_id', club, mail, now);
      return clubFromRow(updated);
    });
    // The old contact's row versions: their space is made free at once (see docs/security.md).
    if (changed) await this.query('VACUUM clubs, club_handovers');
    return changed;
  }

  async purgeClubs(now: number): Promise<number> {
    const deleted = await this.transaction(async (client) => {
      await client.query('DELETE FROM club_handovers WHERE expires_at <= $1', [now]);
      await client.query('DELETE FROM club_signins WHERE expires_at <= $1', [now]);
      await client.query('DELETE FROM club_sessions WHERE expires_at <= $1', [now]);
      return (await client.query("DELETE FROM clubs WHERE status = 'unconfirmed' AND confirm_by <= $1", [now])).rowCount ?? 0;
    });
    if (deleted > 0) await this.query('VACUUM clubs, outbox');
    return deleted;
  }

  async listClubInvites(club: string, now: number): Promise<InviteRecord[]> {
    const { rows } = await this.query<InviteRow>(
      `SELECT * FROM invites WHERE tenant = $1 AND booking_id IS NULL AND expires_at > $2
         AND NOT EXISTS (SELECT 1 FROM revocations WHERE jti = invites.id AND until > $2)
       ORDER BY created_at DESC LIMIT 200`,
      [club, now],
    );
    return rows.map(inviteFromRow);
  }

  async lastJoins(tenants: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.query<{ tenant: string; at: number }>(
      'SELECT tenant, max(last_at) AS at FROM usage_joins WHERE tenant = ANY($1) GROUP BY tenant',
      [[...tenants]],
    );
    return new Map(rows.map((row) => [row.tenant, Number(row.at)]));
  }
}
