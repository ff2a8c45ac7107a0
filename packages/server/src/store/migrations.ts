import type Database from 'better-sqlite3';

/**
 * Versioned migrations: entry `i` takes the schema from version `i` to
 * `i + 1` (`PRAGMA user_version`). Append only; never edit a released one.
 */
const MIGRATIONS: readonly string[] = [
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

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Bring the database up to {@link SCHEMA_VERSION}, in one immediate
 * transaction (another process that opens the file at the same time waits).
 *
 * @throws Error when the file's schema is newer than this code's.
 */
export function migrate(db: Database.Database, path: string): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`${path} has schema version ${current}, newer than this server's ${MIGRATIONS.length}: update the server`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  run.immediate();
}
