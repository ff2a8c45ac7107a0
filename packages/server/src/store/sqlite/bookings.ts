// SQLite: bookings, their audit trail, trusted contacts and the mail outbox.
import type { BookingStatus } from '@vereinsraum/protocol';
import type { AuditEntry, BookingChange, BookingChat, BookingQuery, BookingRecord, BookingStore, StoredMail } from '../bookings.js';
import { type BookingRow, fromRow, mailFromRow, type MailRow, toRow } from '../rows.js';
import { SqliteCore } from './core.js';

/** Bookings, their audit trail, trusted contacts and the mail outbox, in SQLite. */
export class SqliteBookings extends SqliteCore implements BookingStore {
  async createBooking(booking: BookingRecord, change: BookingChange, challenge: { id: string; expiresAt: number }): Promise<boolean> {
    return this.guard(() => {
      return this.db
        .transaction(() => {
          const used = this.sql('INSERT OR IGNORE INTO used_challenges (id, expires_at) VALUES (?, ?)').run(
            challenge.id,
            challenge.expiresAt,
          );
          if (used.changes === 0) return false;
          this.sql(
            `INSERT INTO bookings (id, tenant, kind, status, title, organisation, contact_name, contact_email, email_key,
               expected_participants, language, dates, first_start, last_end, room, invites, chat, manage_kid, manage_hash, created_at, updated_at)
             VALUES (@id, @tenant, @kind, @status, @title, @organisation, @contact_name, @contact_email, @email_key,
               @expected_participants, @language, @dates, @first_start, @last_end, @room, @invites, @chat, @manage_kid, @manage_hash, @created_at, @updated_at)`,
          ).run(toRow(booking));
          this.writeChange(booking.id, change, booking.updatedAt);
          return true;
        })
        .immediate();
    });
  }

  private writeChange(id: string, change: BookingChange, now: number): void {
    const audit = this.sql('INSERT INTO audit (booking_id, action, actor, reason, at) VALUES (?, ?, ?, ?, ?)');
    for (const entry of change.audit) audit.run(id, entry.action, entry.actor, entry.reason, entry.at);
    for (const mail of change.mails) this.insertMail('booking_id', id, mail, now);
    for (const invite of change.invites ?? []) this.insertInvite(invite);
  }

  async getBooking(id: string): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM bookings WHERE id = ?').get(id) as BookingRow | undefined;
      return row && fromRow(row);
    });
  }

  async getBookingByRoom(tenant: string, room: string): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      const row = this.sql("SELECT * FROM bookings WHERE tenant = ? AND room = ? AND status = 'approved'").get(tenant, room) as
        BookingRow | undefined;
      return row && fromRow(row);
    });
  }

  async listBookings(query: BookingQuery): Promise<BookingRecord[]> {
    return this.guard(() => {
      const rows = this.sql(
        `SELECT * FROM bookings WHERE (@tenant IS NULL OR tenant = @tenant) AND (@status IS NULL OR status = @status)
           AND (@kind IS NULL OR kind = @kind)
         ORDER BY first_start, id LIMIT @limit`,
      ).all({
        tenant: query.tenant ?? null,
        status: query.status ?? null,
        kind: query.kind ?? null,
        limit: query.limit ?? 1000,
      }) as BookingRow[];
      return rows.map(fromRow);
    });
  }

  async countBookingsByEmail(tenant: string, emailKey: string, since: number): Promise<number> {
    return this.guard(() => {
      return (
        this.sql('SELECT count(*) AS n FROM bookings WHERE tenant = ? AND email_key = ? AND created_at >= ?').get(
          tenant,
          emailKey,
          since,
        ) as { n: number }
      ).n;
    });
  }

  async updateBooking(
    id: string,
    from: BookingStatus[],
    changes: Pick<BookingRecord, 'status' | 'updatedAt'> & Partial<Pick<BookingRecord, 'room' | 'invites'>>,
    change: BookingChange,
  ): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      return this.db
        .transaction(() => {
          const row = this.sql('SELECT * FROM bookings WHERE id = ?').get(id) as BookingRow | undefined;
          if (!row || !from.includes(row.status as BookingStatus)) return undefined;
          const next: BookingRecord = { ...fromRow(row), ...changes };
          this.sql('UPDATE bookings SET status = @status, room = @room, invites = @invites, updated_at = @updated_at WHERE id = @id').run({
            id,
            status: next.status,
            room: next.room,
            invites: next.invites ? JSON.stringify(next.invites) : null,
            updated_at: next.updatedAt,
          });
          this.writeChange(id, change, changes.updatedAt);
          return next;
        })
        .immediate();
    });
  }

  async setBookingChat(id: string, chat: BookingChat): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      return this.db
        .transaction(() => {
          if (this.sql('UPDATE bookings SET chat = ? WHERE id = ?').run(JSON.stringify(chat), id).changes === 0) return undefined;
          return fromRow(this.sql('SELECT * FROM bookings WHERE id = ?').get(id) as BookingRow);
        })
        .immediate();
    });
  }

  async addChange(id: string, change: BookingChange, at: number): Promise<void> {
    return this.guard(() => {
      this.db.transaction(() => this.writeChange(id, change, at)).immediate();
    });
  }

  async audit(id: string): Promise<AuditEntry[]> {
    return this.guard(() => {
      return (this.sql('SELECT action, actor, reason, at FROM audit WHERE booking_id = ? ORDER BY id').all(id) as AuditEntry[]).map(
        (entry) => ({ ...entry }),
      );
    });
  }

  async isTrusted(tenant: string, emailKey: string): Promise<boolean> {
    return this.guard(() => {
      return this.sql('SELECT 1 FROM contacts WHERE tenant = ? AND email_key = ?').get(tenant, emailKey) !== undefined;
    });
  }

  async setTrusted(tenant: string, emailKey: string, trusted: boolean, by: string, at: number): Promise<void> {
    return this.guard(() => {
      if (trusted) {
        this.sql('INSERT OR REPLACE INTO contacts (tenant, email_key, trusted_by, trusted_at) VALUES (?, ?, ?, ?)').run(
          tenant,
          emailKey,
          by,
          at,
        );
      } else {
        this.sql('DELETE FROM contacts WHERE tenant = ? AND email_key = ?').run(tenant, emailKey);
      }
    });
  }

  async claimMails(now: number, claimUntil: number, limit: number): Promise<StoredMail[]> {
    return this.guard(() => {
      return this.db
        .transaction(() => {
          const rows = this.sql('SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt <= ? ORDER BY id LIMIT ?').all(
            now,
            limit,
          ) as MailRow[];
          const claim = this.sql('UPDATE outbox SET next_attempt = ? WHERE id = ?');
          for (const row of rows) claim.run(claimUntil, row.id);
          return rows.map(mailFromRow);
        })
        .immediate();
    });
  }

  async markMailSent(id: number, at: number): Promise<void> {
    return this.guard(() => {
      this.sql('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(at, id);
    });
  }

  async markMailFailed(id: number, error: string, retryAt: number): Promise<void> {
    return this.guard(() => {
      this.sql('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?').run(
        error.slice(0, 500),
        retryAt,
        id,
      );
    });
  }

  async listMails(limit: number): Promise<StoredMail[]> {
    return this.guard(() => {
      return (this.sql('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(limit) as MailRow[]).map(mailFromRow);
    });
  }
}
