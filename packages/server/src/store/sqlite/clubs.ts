// SQLite: clubs, their rooms, sign-in links and sessions.
import { timingSafeEqual } from 'node:crypto';
import type { ClubStatus } from '@vereinsraum/protocol';
import { clubColumns, clubFromRow, type ClubRoomRow, clubRoomFromRow, clubRoomToRow, type ClubRow, clubToRow } from '../club-rows.js';
import type { ClubChange, ClubHandover, ClubQuery, ClubRecord, ClubRoomRecord, ClubSession, ClubSignin, ClubStore } from '../clubs.js';
import type { InviteRecord, OutboxMail } from '../records.js';
import { inviteFromRow, type InviteRow } from '../rows.js';
import { SqliteCore } from './core.js';

/** Clubs, their rooms, sign-in links and sessions, in SQLite. */
export class SqliteClubs extends SqliteCore implements ClubStore {
  async createClub(
    club: ClubRecord,
    mail: OutboxMail,
    challenge: { id: string; expiresAt: number },
  ): Promise<'created' | 'challenge_used' | 'id_taken'> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          if (this.sql('SELECT 1 FROM clubs WHERE id = ?').get(club.id) !== undefined) return 'id_taken';
          const used = this.sql('INSERT OR IGNORE INTO used_challenges (id, expires_at) VALUES (?, ?)').run(
            challenge.id,
            challenge.expiresAt,
          );
          if (used.changes === 0) return 'challenge_used';
          const row = clubToRow(club);
          const columns = Object.keys(row);
          this.sql(`INSERT INTO clubs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
          this.insertMail('club_id', club.id, mail, club.createdAt);
          return 'created';
        })
        .immediate(),
    );
  }

  async getClub(id: string): Promise<ClubRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM clubs WHERE id = ?').get(id) as ClubRow | undefined;
      return row && clubFromRow(row);
    });
  }

  async listClubs(query: ClubQuery): Promise<ClubRecord[]> {
    return this.guard(() => {
      const regions = query.regions ? JSON.stringify(query.regions) : null;
      const rows = this.sql(
        `SELECT * FROM clubs WHERE (@status IS NULL OR status = @status)
           AND (@regions IS NULL OR region IN (SELECT value FROM json_each(@regions)))
           AND (@email_key IS NULL OR email_key = @email_key)
         ORDER BY created_at DESC, id LIMIT @limit`,
      ).all({ status: query.status ?? null, regions, email_key: query.emailKey ?? null, limit: query.limit ?? 1000 }) as ClubRow[];
      return rows.map(clubFromRow);
    });
  }

  async countClubsByEmail(emailKey: string, since: number): Promise<number> {
    return this.guard(
      () => (this.sql('SELECT count(*) AS n FROM clubs WHERE email_key = ? AND created_at >= ?').get(emailKey, since) as { n: number }).n,
    );
  }

  async updateClub(
    id: string,
    from: readonly ClubStatus[],
    changes: Partial<Omit<ClubRecord, 'id' | 'createdAt'>> & { updatedAt: number },
    change: ClubChange,
  ): Promise<ClubRecord | undefined> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.sql('SELECT * FROM clubs WHERE id = ?').get(id) as ClubRow | undefined;
          if (!row || !from.includes(row.status as ClubStatus)) return undefined;
          if (change.ifUpdatedAt !== undefined && row.updated_at !== change.ifUpdatedAt) return undefined;
          const columns = clubColumns(changes);
          const names = Object.keys(columns);
          this.db.prepare(`UPDATE clubs SET ${names.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...columns, id });
          for (const room of change.rooms ?? []) this.insertClubRoom(room);
          for (const invite of change.invites ?? []) this.insertInvite(invite);
          for (const mail of change.mails) this.insertMail('club_id', id, mail, changes.updatedAt);
          return clubFromRow(this.sql('SELECT * FROM clubs WHERE id = ?').get(id) as ClubRow);
        })
        .immediate(),
    );
  }

  async deleteClub(id: string): Promise<boolean> {
    return this.guard(() => {
      const deleted = this.db
        .transaction(() => {
          this.sql('DELETE FROM invites WHERE tenant = ?').run(id);
          return this.sql('DELETE FROM clubs WHERE id = ?').run(id).changes > 0;
        })
        .immediate();
      // As after a purge: the log's copies of the rows go too.
      if (deleted && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    });
  }

  async countClubRooms(ids: readonly string[]): Promise<Map<string, number>> {
    return this.guard(() => {
      const rows = this.sql(
        'SELECT club_id, count(*) AS n FROM club_rooms WHERE club_id IN (SELECT value FROM json_each(?)) GROUP BY club_id',
      ).all(JSON.stringify(ids)) as Array<{ club_id: string; n: number }>;
      return new Map(rows.map((row) => [row.club_id, row.n]));
    });
  }

  private insertClubRoom(room: ClubRoomRecord): void {
    const row = clubRoomToRow(room);
    const columns = Object.keys(row);
    this.sql(`INSERT INTO club_rooms (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  async getClubRoom(club: string, id: string): Promise<ClubRoomRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM club_rooms WHERE club_id = ? AND id = ?').get(club, id) as ClubRoomRow | undefined;
      return row && clubRoomFromRow(row);
    });
  }

  async listClubRooms(club: string): Promise<ClubRoomRecord[]> {
    return this.guard(() =>
      (this.sql('SELECT * FROM club_rooms WHERE club_id = ? ORDER BY id').all(club) as ClubRoomRow[]).map(clubRoomFromRow),
    );
  }

  async createClubRoom(room: ClubRoomRecord, maxRooms: number): Promise<'created' | 'taken' | 'limit'> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          if (this.sql('SELECT 1 FROM club_rooms WHERE club_id = ? AND id = ?').get(room.club, room.id) !== undefined) return 'taken';
          const { n } = this.sql('SELECT count(*) AS n FROM club_rooms WHERE club_id = ?').get(room.club) as { n: number };
          if (n >= maxRooms) return 'limit';
          this.insertClubRoom(room);
          return 'created';
        })
        .immediate(),
    );
  }

  async updateClubRoom(room: ClubRoomRecord): Promise<boolean> {
    return this.guard(() => {
      const row = clubRoomToRow(room);
      return (
        this.sql(
          `UPDATE club_rooms SET name = @name, start = @start, access_code = @access_code, moderator_code = @moderator_code,
             waiting_room = @waiting_room, mute_on_entry = @mute_on_entry, all_moderators = @all_moderators, recording = @recording,
             updated_at = @updated_at
           WHERE club_id = @club_id AND id = @id`,
        ).run(row).changes > 0
      );
    });
  }

  async deleteClubRoom(club: string, id: string): Promise<boolean> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM invites WHERE tenant = ? AND room = ?').run(club, id);
          return this.sql('DELETE FROM club_rooms WHERE club_id = ? AND id = ?').run(club, id).changes > 0;
        })
        .immediate(),
    );
  }

  async addClubSignin(signin: ClubSignin, mail: OutboxMail, now: number): Promise<void> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM club_signins WHERE expires_at <= ?').run(now);
          this.sql('INSERT INTO club_signins (id, club_id, secret_hash, expires_at) VALUES (?, ?, ?, ?)').run(
            signin.id,
            signin.club,
            Buffer.from(signin.secretHash),
            signin.expiresAt,
          );
          this.insertMail('club_id', signin.club, mail, now);
        })
        .immediate(),
    );
  }

  async useClubSignin(id: string, secretHash: Uint8Array, now: number): Promise<string | undefined> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.sql('SELECT club_id, secret_hash FROM club_signins WHERE id = ? AND expires_at > ?').get(id, now) as
            { club_id: string; secret_hash: Uint8Array } | undefined;
          if (!row || row.secret_hash.length !== secretHash.length || !timingSafeEqual(row.secret_hash, secretHash)) return undefined;
          // Single use: deleted in the transaction that found it fitting.
          this.sql('DELETE FROM club_signins WHERE id = ?').run(id);
          return row.club_id;
        })
        .immediate(),
    );
  }

  async addClubSession(session: ClubSession): Promise<void> {
    return this.guard(() => {
      this.sql('INSERT INTO club_sessions (id, club_id, csrf_hash, expires_at) VALUES (?, ?, ?, ?)').run(
        session.id,
        session.club,
        session.csrfHash,
        session.expiresAt,
      );
    });
  }

  async getClubSession(id: string, now: number): Promise<ClubSession | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT id, club_id, csrf_hash, expires_at FROM club_sessions WHERE id = ? AND expires_at > ?').get(id, now) as
        { id: string; club_id: string; csrf_hash: string; expires_at: number } | undefined;
      return row && { id: row.id, club: row.club_id, csrfHash: row.csrf_hash, expiresAt: row.expires_at };
    });
  }

  async deleteClubSession(id: string): Promise<void> {
    return this.guard(() => {
      this.sql('DELETE FROM club_sessions WHERE id = ?').run(id);
    });
  }

  async setClubHandover(handover: ClubHandover, mail: OutboxMail, now: number): Promise<void> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM club_handovers WHERE club_id = ? OR expires_at <= ?').run(handover.club, now);
          this.sql(
            'INSERT INTO club_handovers (club_id, id, name, email, email_key, secret_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          ).run(
            handover.club,
            handover.id,
            handover.name,
            handover.email,
            handover.emailKey,
            Buffer.from(handover.secretHash),
            handover.expiresAt,
          );
          this.insertMail('club_id', handover.club, mail, now);
        })
        .immediate(),
    );
  }

  async useClubHandover(club: string, id: string, secretHash: Uint8Array, now: number, mail: OutboxMail): Promise<ClubRecord | undefined> {
    return this.guard(() => {
      const changed = this.db
        .transaction(() => {
          const row = this.sql(
            `SELECT h.name, h.email, h.email_key, h.secret_hash FROM club_handovers h JOIN clubs c ON c.id = h.club_id
               WHERE h.club_id = ? AND h.id = ? AND h.expires_at > ? AND c.status = 'active'`,
          ).get(club, id, now) as { name: string; email: string; email_key: string; secret_hash: Uint8Array } | undefined;
          if (!row || row.secret_hash.length !== secretHash.length || !timingSafeEqual(row.secret_hash, secretHash)) return undefined;
          this.sql('UPDATE clubs SET contact_name = ?, contact_email = ?, email_key = ?, updated_at = ? WHERE id = ?').run(
            row.name,
            row.email,
            row.email_key,
            now,
            club,
          );
          this.sql('DELETE FROM club_sessions WHERE club_id = ?').run(club);
          this.sql('DELETE FROM club_handovers WHERE club_id = ?').run(club);
          this.insertMail('club_id', club, mail, now);
          return clubFromRow(this.sql('SELECT * FROM clubs WHERE id = ?').get(club) as ClubRow);
        })
        .immediate();
      // The old contact's copies in the log go too.
      if (changed && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return changed;
    });
  }

  async purgeClubs(now: number): Promise<number> {
    return this.guard(() => {
      const deleted = this.db
        .transaction(() => {
          this.sql('DELETE FROM club_handovers WHERE expires_at <= ?').run(now);
          this.sql('DELETE FROM club_signins WHERE expires_at <= ?').run(now);
          this.sql('DELETE FROM club_sessions WHERE expires_at <= ?').run(now);
          return this.sql("DELETE FROM clubs WHERE status = 'unconfirmed' AND confirm_by <= ?").run(now).changes;
        })
        .immediate();
      if (deleted > 0 && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    });
  }

  async listClubInvites(club: string, now: number): Promise<InviteRecord[]> {
    return this.guard(() => {
      const rows = this.sql(
        `SELECT * FROM invites WHERE tenant = ? AND booking_id IS NULL AND expires_at > ?
           AND NOT EXISTS (SELECT 1 FROM revocations WHERE jti = invites.id AND until > ?)
         ORDER BY created_at DESC LIMIT 200`,
      ).all(club, now, now) as InviteRow[];
      return rows.map(inviteFromRow);
    });
  }

  async lastJoins(tenants: readonly string[]): Promise<Map<string, number>> {
    return this.guard(() => {
      const last = new Map<string, number>();
      for (let i = 0; i < tenants.length; i += 500) {
        const part = tenants.slice(i, i + 500);
        const rows = this.db
          .prepare(`SELECT tenant, max(last_at) AS at FROM usage_joins WHERE tenant IN (${part.map(() => '?').join(', ')}) GROUP BY tenant`)
          .all(...part) as Array<{ tenant: string; at: number }>;
        for (const row of rows) last.set(row.tenant, row.at);
      }
      return last;
    });
  }
}
