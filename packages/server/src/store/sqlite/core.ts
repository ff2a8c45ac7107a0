// The SQLite store's shared state: the connection, its prepared statements,
// the guard that turns "not now" into StoreUnavailableError, and the migrations.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, newerSchema, SCHEMA_VERSION } from '../migrations.js';
import type { InviteRecord } from '../records.js';
import { inviteToRow } from '../rows.js';
import type { OutboxMail } from '../records.js';
import { StoreUnavailableError } from '../types.js';

/** SQLite result codes (extended ones included) that mean the storage cannot be used for now, not that the request is wrong. */
const UNAVAILABLE = /^SQLITE_(?:FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL|NOMEM)(?:_|$)/;

/** What every part of `SqliteStore` works on: one connection to one database file. */
export class SqliteCore {
  protected readonly db: Database.Database;
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
  protected guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const code = error instanceof Database.SqliteError ? error.code : undefined;
      if (code !== undefined && UNAVAILABLE.test(code))
        throw new StoreUnavailableError(`${code} (${error instanceof Error ? error.message : ''})`, { cause: error });
      throw error;
    }
  }

  /** Queue `mail` in the outbox, owned by a booking (`booking_id`; `null` for none) or a club (`club_id`). */
  protected insertMail(owner: 'booking_id' | 'club_id', id: string | null, mail: OutboxMail, now: number): void {
    this.sql(`INSERT INTO outbox (${owner}, kind, recipient, subject, body, attachments, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      mail.kind,
      mail.to,
      mail.subject,
      mail.text,
      JSON.stringify(mail.attachments),
      now,
    );
  }

  protected sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  protected insertInvite(invite: InviteRecord): void {
    this.sql(
      `INSERT INTO invites (id, tenant, room, role, kind, booking_id, not_before, expires_at, secret_hash, kid, created_at)
       VALUES (@id, @tenant, @room, @role, @kind, @booking_id, @not_before, @expires_at, @secret_hash, @kid, @created_at)`,
    ).run(inviteToRow(invite));
  }
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
