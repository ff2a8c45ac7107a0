import { timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BookingStatus, ClubStatus } from '@vereinsraum/protocol';
import { clubColumns, clubFromRow, type ClubRoomRow, clubRoomFromRow, clubRoomToRow, type ClubRow, clubToRow } from './club-rows.js';
import type { ClubChange, ClubQuery, ClubRecord, ClubRoomRecord, ClubSession, ClubSignin } from './clubs.js';
import { MIGRATIONS, newerSchema, SCHEMA_VERSION } from './migrations.js';
import {
  type BookingRow,
  type ChatConfirmationRow,
  confirmationFromRow,
  fromRow,
  inviteFromRow,
  type InviteRow,
  inviteToRow,
  mailFromRow,
  type MailRow,
  openRoomFromRow,
  type OpenRoomRow,
  openRoomToRow,
  toRow,
  conferenceFromRow,
  type ConferenceRow,
  conferenceToRow,
  DAILY_COLUMNS,
} from './rows.js';
import {
  type AuditEntry,
  type BookingChange,
  type BookingChat,
  type BookingQuery,
  type BookingRecord,
  type ChatConfirmation,
  type ChatConfirmationUse,
  type ConferenceRecord,
  type DailyUsage,
  type InviteRecord,
  type JoinCount,
  type OpenRoomCreation,
  type OpenRoomRecord,
  type OutboxMail,
  type PurgeResult,
  type Store,
  type StoredMail,
  StoreUnavailableError,
  type UsageQuery,
} from './types.js';

/** SQLite result codes (extended ones included) that mean the storage cannot be used for now, not that the request is wrong. */
const UNAVAILABLE = /^SQLITE_(?:FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL|NOMEM)(?:_|$)/;

/** Invites of no booking are kept this long after they expired, so that a late visitor hears "expired". */
const EXPIRED_INVITE_KEEP_MS = 30 * 86_400_000;

/** Client hits (per-client limits) are kept at most this long; no limit's window is longer. */
const HIT_KEEP_MS = 86_400_000;

/**
 * The embedded store: one SQLite file (better-sqlite3), write-ahead log,
 * `synchronous=FULL` (a commit is on disk before it returns), foreign keys on,
 * versioned migrations run when it opens, `secure_delete` on. A new file is made readable by its
 * owner only (SQLite gives the `-wal` and `-shm` files the same mode): it
 * holds names and e-mail addresses. Several processes may open the same
 * file (the server and the CLI); writers wait up to 5 s for each other.
 *
 * @example
 * ```ts
 * import { SqliteStore } from '@vereinsraum/server/node';
 * const store = new SqliteStore('data/vereinsraum.db');
 * const handler = createHandler(config, { store, keys });
 * ```
 */
export class SqliteStore implements Store {
  /** The schema version this code writes. */
  static readonly version = SCHEMA_VERSION;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** Open (and create, with its folder) the database file; `:memory:` for a throwaway store. */
  constructor(readonly path: string) {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // Create the file before SQLite does, which would use 0644; an existing file keeps its mode.
      closeSync(openSync(path, 'a', 0o600));
    }
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros: a purged booking leaves no names or addresses in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db, path);
  }

  /**
   * Run `work` (one statement or one transaction, rolled back when it
   * throws); the driver's errors that mean "not now" (disk full, read-only,
   * busy, locked, I/O, cannot open) become {@link StoreUnavailableError}.
   */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const code = error instanceof Database.SqliteError ? error.code : undefined;
      if (code !== undefined && UNAVAILABLE.test(code))
        throw new StoreUnavailableError(`${code} (${error instanceof Error ? error.message : ''})`, { cause: error });
      throw error;
    }
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

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
    for (const mail of change.mails) this.insertMail(id, mail, now);
    for (const invite of change.invites ?? []) this.insertInvite(invite);
  }

  private insertInvite(invite: InviteRecord): void {
    this.sql(
      `INSERT INTO invites (id, tenant, room, role, kind, booking_id, not_before, expires_at, secret_hash, kid, created_at)
       VALUES (@id, @tenant, @room, @role, @kind, @booking_id, @not_before, @expires_at, @secret_hash, @kid, @created_at)`,
    ).run(inviteToRow(invite));
  }

  private insertMail(bookingId: string | null, mail: OutboxMail, now: number): void {
    this.sql('INSERT INTO outbox (booking_id, kind, recipient, subject, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      bookingId,
      mail.kind,
      mail.to,
      mail.subject,
      mail.text,
      JSON.stringify(mail.attachments),
      now,
    );
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

  async addChatConfirmation(c: ChatConfirmation, now: number): Promise<void> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM chat_confirmations WHERE expires_at <= ?').run(now);
          this.sql(
            `INSERT INTO chat_confirmations (id, code_hash, tenant, room, channel_id, user_id, role, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(c.id, c.codeHash, c.tenant, c.room, c.channelId, c.userId, c.role, c.expiresAt);
        })
        .immediate(),
    );
  }

  async useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse> {
    return this.guard(() =>
      this.db
        .transaction((): ChatConfirmationUse => {
          const row = this.sql('SELECT * FROM chat_confirmations WHERE id = ? AND tenant = ? AND room = ? AND expires_at > ?').get(
            id,
            where.tenant,
            where.room,
            now,
          ) as ChatConfirmationRow | undefined;
          if (!row) return { result: 'expired' };
          const given = Buffer.from(codeHash, 'utf8');
          const kept = Buffer.from(row.code_hash, 'utf8');
          if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
            if (row.wrong + 1 >= maxWrong) this.sql('DELETE FROM chat_confirmations WHERE id = ?').run(id);
            else this.sql('UPDATE chat_confirmations SET wrong = wrong + 1 WHERE id = ?').run(id);
            return { result: 'wrong' };
          }
          // Single use: deleted in the transaction that found it fitting.
          this.sql('DELETE FROM chat_confirmations WHERE id = ?').run(id);
          return { result: 'used', confirmation: confirmationFromRow(row) };
        })
        .immediate(),
    );
  }

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

  async ping(): Promise<void> {
    return this.guard(() => void this.sql('SELECT 1').get());
  }

  /** One server process uses a SQLite file: the job runs directly. */
  async runExclusive<T>(_name: string, job: () => Promise<T>): Promise<T | undefined> {
    return job();
  }

  async countJoin(count: Omit<JoinCount, 'joins'>, at: number): Promise<void> {
    return this.guard(() => {
      this.sql(
        `INSERT INTO usage_joins (day, tenant, room, role, backend, joins, last_at) VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (day, tenant, room, role) DO UPDATE SET joins = joins + 1, backend = excluded.backend, last_at = max(last_at, excluded.last_at)`,
      ).run(count.day, count.tenant, count.room, count.role, count.backend, at);
    });
  }

  async recentJoinRooms(backend: string, since: number): Promise<Array<{ tenant: string; room: string }>> {
    return this.guard(
      () =>
        this.sql('SELECT DISTINCT tenant, room FROM usage_joins WHERE backend = ? AND last_at >= ? ORDER BY tenant, room').all(
          backend,
          since,
        ) as Array<{ tenant: string; room: string }>,
    );
  }

  async openConferences(backend: string): Promise<ConferenceRecord[]> {
    return this.guard(() =>
      (
        this.sql('SELECT * FROM usage_conferences WHERE backend = ? AND ended_at IS NULL ORDER BY started_at').all(
          backend,
        ) as ConferenceRow[]
      ).map(conferenceFromRow),
    );
  }

  async saveConference(conference: ConferenceRecord): Promise<void> {
    return this.guard(() => {
      this.sql(
        `INSERT INTO usage_conferences (id, backend, tenant, room, instance, started_at, ended_at, last_sample_at, last_count, peak, participants, participant_ms, conference_ms)
         VALUES (@id, @backend, @tenant, @room, @instance, @started_at, NULL, @last_sample_at, @last_count, @peak, @participants, @participant_ms, @conference_ms)
         ON CONFLICT (id) DO UPDATE SET last_sample_at = excluded.last_sample_at, last_count = excluded.last_count, peak = excluded.peak,
           participants = excluded.participants, participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
         WHERE usage_conferences.ended_at IS NULL`,
      ).run(conferenceToRow(conference));
    });
  }

  async endConference(conference: ConferenceRecord & { endedAt: number }, day: string): Promise<boolean> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const row = conferenceToRow(conference);
          const ended = this.sql(
            `INSERT INTO usage_conferences (id, backend, tenant, room, instance, started_at, ended_at, last_sample_at, last_count, peak, participants, participant_ms, conference_ms)
             VALUES (@id, @backend, @tenant, @room, @instance, @started_at, @ended_at, @last_sample_at, @last_count, @peak, @participants, @participant_ms, @conference_ms)
             ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, last_sample_at = excluded.last_sample_at, last_count = excluded.last_count,
               peak = excluded.peak, participants = excluded.participants, participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
             WHERE usage_conferences.ended_at IS NULL`,
          ).run(row);
          if (ended.changes === 0) return false;
          this.sql(
            `INSERT INTO usage_daily (day, tenant, room, conferences, participants, peak, participant_ms, conference_ms) VALUES (?, ?, ?, 1, ?, ?, ?, ?)
             ON CONFLICT (day, tenant, room) DO UPDATE SET conferences = conferences + 1, participants = participants + excluded.participants,
               peak = max(peak, excluded.peak), participant_ms = participant_ms + excluded.participant_ms, conference_ms = conference_ms + excluded.conference_ms`,
          ).run(day, row.tenant, row.room, row.participants, row.peak, row.participant_ms, row.conference_ms);
          return true;
        })
        .immediate(),
    );
  }

  async usage(query: UsageQuery): Promise<{ days: DailyUsage[]; joins: JoinCount[] }> {
    return this.guard(() => {
      const tenants = query.tenants;
      const where = `day >= ? AND day <= ?${tenants ? ` AND tenant IN (${tenants.map(() => '?').join(', ')})` : ''}`;
      const values = [query.from, query.to, ...(tenants ?? [])];
      return {
        days: this.db
          .prepare(`SELECT ${DAILY_COLUMNS} FROM usage_daily WHERE ${where} ORDER BY day, tenant, room`)
          .all(...values) as DailyUsage[],
        joins: this.db
          .prepare(`SELECT day, tenant, room, role, backend, joins FROM usage_joins WHERE ${where} ORDER BY day, tenant, room, role`)
          .all(...values) as JoinCount[],
      };
    });
  }

  async purgeConferences(before: number): Promise<number> {
    return this.guard(() => this.sql('DELETE FROM usage_conferences WHERE ended_at < ?').run(before).changes);
  }

  async purge(cutoffs: Map<string, number>, fallbackCutoff: number, now: number): Promise<PurgeResult> {
    return this.guard(() => {
      const result = this.db
        .transaction(() => {
          let bookings = 0;
          for (const [tenant, cutoff] of cutoffs) {
            bookings += this.sql('DELETE FROM bookings WHERE tenant = ? AND last_end < ?').run(tenant, cutoff).changes;
          }
          const known = [...cutoffs.keys()];
          bookings += this.db
            .prepare(`DELETE FROM bookings WHERE last_end < ? AND tenant NOT IN (${known.map(() => '?').join(', ')})`)
            .run(fallbackCutoff, ...known).changes;
          const challenges = this.sql('DELETE FROM used_challenges WHERE expires_at < ?').run(now).changes;
          const revocations = this.sql('DELETE FROM revocations WHERE until < ?').run(now).changes;
          this.sql('DELETE FROM chat_confirmations WHERE expires_at <= ?').run(now);
          this.sql('DELETE FROM invites WHERE booking_id IS NULL AND expires_at < ?').run(now - EXPIRED_INVITE_KEEP_MS);
          this.sql('DELETE FROM shared_secrets WHERE expires_at < ?').run(now);
          this.sql('DELETE FROM client_hits WHERE at < ?').run(now - HIT_KEEP_MS);
          this.sql('DELETE FROM status_claims WHERE until < ? AND (checked_at IS NULL OR checked_at < ?)').run(
            now - HIT_KEEP_MS,
            now - HIT_KEEP_MS,
          );
          this.sql(
            `DELETE FROM invites WHERE booking_id IS NULL AND EXISTS
               (SELECT 1 FROM open_rooms o WHERE o.tenant = invites.tenant AND o.id = invites.room AND o.expires_at < ?)`,
          ).run(now - EXPIRED_INVITE_KEEP_MS);
          this.sql('DELETE FROM open_rooms WHERE expires_at < ?').run(now - EXPIRED_INVITE_KEEP_MS);
          return { bookings, challenges, revocations };
        })
        .immediate();
      // The write-ahead log still holds the rows as they were before: move its pages into the
      // (zeroed) file and empty it. Best effort: a reader of another process may hold it back.
      if (result.bookings > 0 && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    });
  }

  // Clubs (see `clubs.ts`).

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
          this.insertClubMail(club.id, mail, club.createdAt);
          return 'created';
        })
        .immediate(),
    );
  }

  private insertClubMail(club: string, mail: OutboxMail, now: number): void {
    this.sql('INSERT INTO outbox (club_id, kind, recipient, subject, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      club,
      mail.kind,
      mail.to,
      mail.subject,
      mail.text,
      JSON.stringify(mail.attachments),
      now,
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
          const columns = clubColumns(changes);
          const names = Object.keys(columns);
          this.db.prepare(`UPDATE clubs SET ${names.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...columns, id });
          for (const room of change.rooms ?? []) this.insertClubRoom(room);
          for (const invite of change.invites ?? []) this.insertInvite(invite);
          for (const mail of change.mails) this.insertClubMail(id, mail, changes.updatedAt);
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
          this.insertClubMail(signin.club, mail, now);
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

  async purgeClubs(now: number): Promise<number> {
    return this.guard(() => {
      const deleted = this.db
        .transaction(() => {
          this.sql('DELETE FROM club_signins WHERE expires_at <= ?').run(now);
          this.sql('DELETE FROM club_sessions WHERE expires_at <= ?').run(now);
          return this.sql("DELETE FROM clubs WHERE status = 'unconfirmed' AND confirm_by <= ?").run(now).changes;
        })
        .immediate();
      if (deleted > 0 && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    });
  }

  /** Close the database; pending writes are already on disk. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---- clubs2 (the club page and the clubs' lifecycle): one block, moved by the store split ----

  async listClubInvites(club: string, now: number): Promise<InviteRecord[]> {
    return this.guard(() => {
      const rows = this.sql(
        'SELECT * FROM invites WHERE tenant = ? AND booking_id IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 200',
      ).all(club, now) as InviteRow[];
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

  // ---- end of clubs2 ----
}

/**
 * Bring the database up to {@link SCHEMA_VERSION}, in one immediate
 * transaction (another process that opens the file at the same time waits).
 *
 * @throws Error when the file's schema is newer than this code's.
 */
function migrate(db: Database.Database, path: string): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) throw newerSchema(path, current);
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!.sqlite);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  run.immediate();
}
