// PostgreSQL: bookings, their audit trail, trusted contacts and the mail outbox.
import type { BookingStatus } from '@vereinsraum/protocol';
import type { AuditEntry, BookingChange, BookingChat, BookingQuery, BookingRecord, BookingStore, StoredMail } from '../bookings.js';
import { type BookingRow, fromRow, inviteToRow, mailFromRow, type MailRow, toRow } from '../rows.js';
import { type Client, insert, PgCore } from './core.js';

/** Bookings, their audit trail, trusted contacts and the mail outbox, in PostgreSQL. */
export class PgBookings extends PgCore implements BookingStore {
  async createBooking(booking: BookingRecord, change: BookingChange, challenge: { id: string; expiresAt: number }): Promise<boolean> {
    return this.transaction(async (client) => {
      // The challenge's key decides: a second booking with it waits for the first one's commit, then inserts nothing.
      const used = await client.query('INSERT INTO used_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        challenge.id,
        challenge.expiresAt,
      ]);
      if (used.rowCount === 0) return false;
      await client.query(...insert('bookings', toRow(booking)));
      await this.writeChange(client, booking.id, change, booking.updatedAt);
      return true;
    });
  }

  private async writeChange(client: Client, id: string, change: BookingChange, now: number): Promise<void> {
    for (const entry of change.audit) {
      await client.query('INSERT INTO audit (booking_id, action, actor, reason, at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        entry.action,
        entry.actor,
        entry.reason,
        entry.at,
      ]);
    }
    for (const mail of change.mails) await this.insertMail(client, 'booking_id', id, mail, now);
    for (const invite of change.invites ?? []) await client.query(...insert('invites', inviteToRow(invite)));
  }

  async getBooking(id: string): Promise<BookingRecord | undefined> {
    const row = (await this.query<BookingRow>('SELECT * FROM bookings WHERE id = $1', [id])).rows[0];
    return row && fromRow(row);
  }

  async getBookingByRoom(tenant: string, room: string): Promise<BookingRecord | undefined> {
    const row = (
      await this.query<BookingRow>("SELECT * FROM bookings WHERE tenant = $1 AND room = $2 AND status = 'approved'", [tenant, room])
    ).rows[0];
    return row && fromRow(row);
  }

  async listBookings(query: BookingQuery): Promise<BookingRecord[]> {
    const { rows } = await this.query<BookingRow>(
      `SELECT * FROM bookings WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
       ORDER BY first_start, id COLLATE "C" LIMIT $4`,
      [query.tenant ?? null, query.status ?? null, query.kind ?? null, query.limit ?? 1000],
    );
    return rows.map(fromRow);
  }

  async countBookingsByEmail(tenant: string, emailKey: string, since: number): Promise<number> {
    return (
      await this.query<{ n: number }>('SELECT count(*) AS n FROM bookings WHERE tenant = $1 AND email_key = $2 AND created_at >= $3', [
        tenant,
        emailKey,
        since,
      ])
    ).rows[0]!.n;
  }

  async updateBooking(
    id: string,
    from: BookingStatus[],
    changes: Pick<BookingRecord, 'status' | 'updatedAt'> & Partial<Pick<BookingRecord, 'room' | 'invites'>>,
    change: BookingChange,
  ): Promise<BookingRecord | undefined> {
    return this.transaction(async (client) => {
      // The row stays locked until the commit: a second change waits, then sees the new status.
      const row = (await client.query<BookingRow>('SELECT * FROM bookings WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row || !from.includes(row.status as BookingStatus)) return undefined;
      const next: BookingRecord = { ...fromRow(row), ...changes };
      await client.query('UPDATE bookings SET status = $2, room = $3, invites = $4, updated_at = $5 WHERE id = $1', [
        id,
        next.status,
        next.room,
        next.invites ? JSON.stringify(next.invites) : null,
        next.updatedAt,
      ]);
      await this.writeChange(client, id, change, changes.updatedAt);
      return next;
    });
  }

  async setBookingChat(id: string, chat: BookingChat): Promise<BookingRecord | undefined> {
    const row = (await this.query<BookingRow>('UPDATE bookings SET chat = $2 WHERE id = $1 RETURNING *', [id, JSON.stringify(chat)]))
      .rows[0];
    return row && fromRow(row);
  }

  async addChange(id: string, change: BookingChange, at: number): Promise<void> {
    await this.transaction((client) => this.writeChange(client, id, change, at));
  }

  async audit(id: string): Promise<AuditEntry[]> {
    return (await this.query<AuditEntry>('SELECT action, actor, reason, at FROM audit WHERE booking_id = $1 ORDER BY id', [id])).rows;
  }

  async isTrusted(tenant: string, emailKey: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM contacts WHERE tenant = $1 AND email_key = $2', [tenant, emailKey])).rows.length > 0;
  }

  async setTrusted(tenant: string, emailKey: string, trusted: boolean, by: string, at: number): Promise<void> {
    if (trusted) {
      await this.query(
        `INSERT INTO contacts (tenant, email_key, trusted_by, trusted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant, email_key) DO UPDATE SET trusted_by = excluded.trusted_by, trusted_at = excluded.trusted_at`,
        [tenant, emailKey, by, at],
      );
    } else {
      await this.query('DELETE FROM contacts WHERE tenant = $1 AND email_key = $2', [tenant, emailKey]);
    }
  }

  async claimMails(now: number, claimUntil: number, limit: number): Promise<StoredMail[]> {
    // Rows another sender is claiming right now are skipped, not waited for; once it committed, their
    // next attempt lies in the future and they no longer qualify.
    const { rows } = await this.query<MailRow>(
      `UPDATE outbox SET next_attempt = $2 WHERE id IN (
         SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
       ) RETURNING *`,
      [now, claimUntil, limit],
    );
    return rows.sort((a, b) => a.id - b.id).map(mailFromRow);
  }

  async markMailSent(id: number, at: number): Promise<void> {
    await this.query('UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1', [id, at]);
  }

  async markMailFailed(id: number, error: string, retryAt: number): Promise<void> {
    await this.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt = $3 WHERE id = $1', [
      id,
      error.slice(0, 500),
      retryAt,
    ]);
  }

  async listMails(limit: number): Promise<StoredMail[]> {
    return (await this.query<MailRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT $1', [limit])).rows.map(mailFromRow);
  }
}
