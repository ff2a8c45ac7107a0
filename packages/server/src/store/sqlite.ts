import { timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BookingStatus } from '@vereinsraum/protocol';
import {
  type AuditEntry,
  type BookingChange,
  type BookingChat,
  type BookingQuery,
  type BookingRecord,
  type ChatConfirmation,
  type ChatConfirmationUse,
  type InviteRecord,
  type OutboxMail,
  type PurgeResult,
  type Store,
  type StoredMail,
  StoreUnavailableError,
} from './types.js';

/**
 * Versioned migrations: entry `i` takes the schema from version `i` to
 * `i + 1` (`PRAGMA user_version`). Append only; never edit a released one.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE bookings (
     id TEXT PRIMARY KEY,
     tenant TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     title TEXT NOT NULL,
     organisation TEXT NOT NULL,
     contact_name TEXT NOT NULL,
     contact_email TEXT NOT NULL,
     email_key TEXT NOT NULL,
     expected_participants INTEGER NOT NULL,
     language TEXT NOT NULL,
     dates TEXT NOT NULL,
     first_start INTEGER NOT NULL,
     last_end INTEGER NOT NULL,
     room TEXT,
     invites TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX bookings_room ON bookings (tenant, room) WHERE room IS NOT NULL;
   CREATE INDEX bookings_status ON bookings (status, tenant, first_start);
   CREATE INDEX bookings_email ON bookings (tenant, email_key, created_at);
   CREATE INDEX bookings_last_end ON bookings (last_end);
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY,
     booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
     action TEXT NOT NULL,
     actor TEXT NOT NULL,
     reason TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX audit_booking ON audit (booking_id);
   CREATE TABLE contacts (
     tenant TEXT NOT NULL,
     email_key TEXT NOT NULL,
     trusted_by TEXT NOT NULL,
     trusted_at INTEGER NOT NULL,
     PRIMARY KEY (tenant, email_key)
   ) WITHOUT ROWID;
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY,
     booking_id TEXT REFERENCES bookings (id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     body TEXT NOT NULL,
     attachments TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     sent_at INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     next_attempt INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX outbox_unsent ON outbox (next_attempt) WHERE sent_at IS NULL;
   CREATE INDEX outbox_booking ON outbox (booking_id);
   CREATE TABLE used_challenges (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE revocations (jti TEXT PRIMARY KEY, until INTEGER NOT NULL) WITHOUT ROWID;`,
  // Chat bookings: the Mattermost channel (JSON), recorded as soon as it exists.
  `ALTER TABLE bookings ADD COLUMN chat TEXT;`,
  // Chat joins: the code a chat account was sent (hashed), until used or expired.
  `CREATE TABLE chat_confirmations (
     id TEXT PRIMARY KEY,
     code_hash TEXT NOT NULL,
     tenant TEXT NOT NULL,
     room TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     role TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     wrong INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID;
   CREATE INDEX chat_confirmations_expiry ON chat_confirmations (expires_at);`,
  // Short links: invites by id with the SHA-256 of their secret, and the manage link's (never the secrets).
  `CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     tenant TEXT NOT NULL,
     room TEXT NOT NULL,
     role TEXT NOT NULL,
     kind TEXT,
     booking_id TEXT REFERENCES bookings (id) ON DELETE CASCADE,
     not_before INTEGER,
     expires_at INTEGER NOT NULL,
     secret_hash BLOB NOT NULL,
     kid TEXT NOT NULL,
     created_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX invites_booking ON invites (booking_id);
   CREATE INDEX invites_expires ON invites (expires_at) WHERE booking_id IS NULL;
   ALTER TABLE bookings ADD COLUMN manage_kid TEXT;
   ALTER TABLE bookings ADD COLUMN manage_hash BLOB;`,
];

/** SQLite result codes (extended ones included) that mean the storage cannot be used for now, not that the request is wrong. */
const UNAVAILABLE = /^SQLITE_(?:FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL|NOMEM)(?:_|$)/;

/** Invites of no booking are kept this long after they expired, so that a late visitor hears "expired". */
const EXPIRED_INVITE_KEEP_MS = 30 * 86_400_000;

interface BookingRow {
  id: string;
  tenant: string;
  kind: string;
  status: string;
  title: string;
  organisation: string;
  contact_name: string;
  contact_email: string;
  email_key: string;
  expected_participants: number;
  language: string;
  dates: string;
  first_start: number;
  last_end: number;
  room: string | null;
  invites: string | null;
  chat: string | null;
  manage_kid: string | null;
  manage_hash: Uint8Array | null;
  created_at: number;
  updated_at: number;
}

interface ChatConfirmationRow {
  id: string;
  code_hash: string;
  tenant: string;
  room: string;
  channel_id: string;
  user_id: string;
  role: string;
  expires_at: number;
  wrong: number;
}

interface InviteRow {
  id: string;
  tenant: string;
  room: string;
  role: string;
  kind: string | null;
  booking_id: string | null;
  not_before: number | null;
  expires_at: number;
  secret_hash: Uint8Array;
  kid: string;
  created_at: number;
}

interface MailRow {
  id: number;
  booking_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  attachments: string;
  created_at: number;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
}

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
 * import { SqliteStore } from '@vereinsraum/server/config';
 * const store = new SqliteStore('data/vereinsraum.db');
 * const handler = createHandler(config, { store, keys });
 * ```
 */
export class SqliteStore implements Store {
  /** The schema version this code writes. */
  static readonly version = MIGRATIONS.length;
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
    this.migrate();
  }

  private migrate(): void {
    const migrate = this.db.transaction(() => {
      const current = this.db.pragma('user_version', { simple: true }) as number;
      if (current > MIGRATIONS.length) {
        throw new Error(`${this.path} has schema version ${current}, newer than this server's ${MIGRATIONS.length}: update the server`);
      }
      for (let version = current; version < MIGRATIONS.length; version++) {
        this.db.exec(MIGRATIONS[version]!);
        this.db.pragma(`user_version = ${version + 1}`);
      }
    });
    migrate.immediate();
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
      if (code !== undefined && UNAVAILABLE.test(code)) throw new StoreUnavailableError(`${code} (${error instanceof Error ? error.message : ''})`, { cause: error });
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
          const used = this.sql('INSERT OR IGNORE INTO used_challenges (id, expires_at) VALUES (?, ?)').run(challenge.id, challenge.expiresAt);
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
    ).run({
      id: invite.id,
      tenant: invite.tenant,
      room: invite.room,
      role: invite.role,
      kind: invite.kind,
      booking_id: invite.bookingId,
      not_before: invite.notBefore,
      expires_at: invite.expiresAt,
      secret_hash: Buffer.from(invite.secretHash),
      kid: invite.kid,
      created_at: invite.createdAt,
    });
  }

  private insertMail(bookingId: string | null, mail: OutboxMail, now: number): void {
    this.sql(
      'INSERT INTO outbox (booking_id, kind, recipient, subject, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(bookingId, mail.kind, mail.to, mail.subject, mail.text, JSON.stringify(mail.attachments), now);
  }

  async getBooking(id: string): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      const row = this.sql('SELECT * FROM bookings WHERE id = ?').get(id) as BookingRow | undefined;
      return row && fromRow(row);
    });
  }

  async getBookingByRoom(tenant: string, room: string): Promise<BookingRecord | undefined> {
    return this.guard(() => {
      const row = this.sql("SELECT * FROM bookings WHERE tenant = ? AND room = ? AND status = 'approved'").get(tenant, room) as BookingRow | undefined;
      return row && fromRow(row);
    });
  }

  async listBookings(query: BookingQuery): Promise<BookingRecord[]> {
    return this.guard(() => {
      const rows = this.sql(
        `SELECT * FROM bookings WHERE (@tenant IS NULL OR tenant = @tenant) AND (@status IS NULL OR status = @status)
           AND (@kind IS NULL OR kind = @kind)
         ORDER BY first_start, id LIMIT @limit`,
      ).all({ tenant: query.tenant ?? null, status: query.status ?? null, kind: query.kind ?? null, limit: query.limit ?? 1000 }) as BookingRow[];
      return rows.map(fromRow);
    });
  }

  async countBookingsByEmail(tenant: string, emailKey: string, since: number): Promise<number> {
    return this.guard(() => {
      return (this.sql('SELECT count(*) AS n FROM bookings WHERE tenant = ? AND email_key = ? AND created_at >= ?').get(tenant, emailKey, since) as { n: number }).n;
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
      return (this.sql('SELECT action, actor, reason, at FROM audit WHERE booking_id = ? ORDER BY id').all(id) as AuditEntry[]).map((entry) => ({ ...entry }));
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
        this.sql('INSERT OR REPLACE INTO contacts (tenant, email_key, trusted_by, trusted_at) VALUES (?, ?, ?, ?)').run(tenant, emailKey, by, at);
      } else {
        this.sql('DELETE FROM contacts WHERE tenant = ? AND email_key = ?').run(tenant, emailKey);
      }
    });
  }

  async claimMails(now: number, claimUntil: number, limit: number): Promise<StoredMail[]> {
    return this.guard(() => {
      return this.db
        .transaction(() => {
          const rows = this.sql('SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt <= ? ORDER BY id LIMIT ?').all(now, limit) as MailRow[];
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
      this.sql('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt = ? WHERE id = ?').run(error.slice(0, 500), retryAt, id);
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

  async useChatConfirmation(id: string, codeHash: string, where: { tenant: string; room: string }, now: number, maxWrong: number): Promise<ChatConfirmationUse> {
    return this.guard(() => this.db
      .transaction((): ChatConfirmationUse => {
        const row = this.sql('SELECT * FROM chat_confirmations WHERE id = ? AND tenant = ? AND room = ? AND expires_at > ?').get(id, where.tenant, where.room, now) as
          | ChatConfirmationRow
          | undefined;
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
        const confirmation: ChatConfirmation = {
          id: row.id,
          codeHash: row.code_hash,
          tenant: row.tenant,
          room: row.room,
          channelId: row.channel_id,
          userId: row.user_id,
          role: row.role === 'moderator' ? 'moderator' : 'attendee',
          expiresAt: row.expires_at,
        };
        return { result: 'used', confirmation };
      })
      .immediate());
  }

  async addInvite(invite: InviteRecord): Promise<void> {
    return this.guard(() => this.insertInvite(invite));
  }

  async getInvite(id: string): Promise<InviteRecord | undefined> {
    return this.guard(() => this.inviteRow(id));
  }

  private inviteRow(id: string): InviteRecord | undefined {
    const row = this.sql('SELECT * FROM invites WHERE id = ?').get(id) as InviteRow | undefined;
    return (
      row && {
        id: row.id,
        tenant: row.tenant,
        room: row.room,
        role: row.role as InviteRecord['role'],
        kind: row.kind === 'chat' ? 'chat' : null,
        bookingId: row.booking_id,
        notBefore: row.not_before,
        expiresAt: row.expires_at,
        secretHash: new Uint8Array(row.secret_hash),
        kid: row.kid,
        createdAt: row.created_at,
      }
    );
  }

  async isRevoked(jti: string, now: number): Promise<boolean> {
    return this.guard(() => {
      return this.sql('SELECT 1 FROM revocations WHERE jti = ? AND until > ?').get(jti, now) !== undefined;
    });
  }

  async revoke(jti: string, until: number): Promise<void> {
    return this.guard(() => {
      this.sql('INSERT INTO revocations (jti, until) VALUES (?, ?) ON CONFLICT (jti) DO UPDATE SET until = max(until, excluded.until)').run(jti, until);
    });
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
          return { bookings, challenges, revocations };
        })
        .immediate();
      // The write-ahead log still holds the rows as they were before: move its pages into the
      // (zeroed) file and empty it. Best effort: a reader of another process may hold it back.
      if (result.bookings > 0 && this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    });
  }

  /** Close the database; pending writes are already on disk. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toRow(b: BookingRecord): BookingRow {
  return {
    id: b.id,
    tenant: b.tenant,
    kind: b.kind,
    status: b.status,
    title: b.title,
    organisation: b.organisation,
    contact_name: b.contactName,
    contact_email: b.contactEmail,
    email_key: b.emailKey,
    expected_participants: b.expectedParticipants,
    language: b.language,
    dates: JSON.stringify(b.dates),
    first_start: b.firstStart,
    last_end: b.lastEnd,
    room: b.room,
    invites: b.invites ? JSON.stringify(b.invites) : null,
    chat: b.chat ? JSON.stringify(b.chat) : null,
    manage_kid: b.manage?.kid ?? null,
    manage_hash: b.manage ? Buffer.from(b.manage.hash) : null,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

function fromRow(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    tenant: r.tenant,
    kind: r.kind as BookingRecord['kind'],
    status: r.status as BookingStatus,
    title: r.title,
    organisation: r.organisation,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    emailKey: r.email_key,
    expectedParticipants: r.expected_participants,
    language: r.language as 'de' | 'en',
    dates: JSON.parse(r.dates) as BookingRecord['dates'],
    firstStart: r.first_start,
    lastEnd: r.last_end,
    room: r.room,
    invites: r.invites ? (JSON.parse(r.invites) as BookingRecord['invites']) : null,
    ...(r.chat ? { chat: JSON.parse(r.chat) as BookingChat } : {}),
    ...(r.manage_kid && r.manage_hash ? { manage: { kid: r.manage_kid, hash: new Uint8Array(r.manage_hash) } } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function mailFromRow(r: MailRow): StoredMail {
  return {
    id: r.id,
    bookingId: r.booking_id,
    kind: r.kind,
    to: r.recipient,
    subject: r.subject,
    text: r.body,
    attachments: JSON.parse(r.attachments) as StoredMail['attachments'],
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: r.attempts,
    lastError: r.last_error,
  };
}
