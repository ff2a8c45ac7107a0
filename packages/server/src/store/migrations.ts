/**
 * The store's schema, step by step, for both engines: entry `i` takes the
 * schema from version `i` to `i + 1`, in SQLite (`PRAGMA user_version`) and
 * in PostgreSQL (the table `vereinsraum_schema`) alike, so a version number
 * means the same tables on either engine. Append only; never edit a released
 * step.
 *
 * A step is run in the transaction that records it, and must suit servers of
 * the previous version still running beside the new ones (expand, then
 * contract; see docs/architecture.md): add tables, columns with a default or
 * nullable, and indexes; never drop, rename or retype what the previous
 * version reads. Drop it in a later release, once no server of the version
 * that used it is left.
 *
 * The two engines' column types: text is `TEXT`; times (ms since the epoch)
 * and counters `INTEGER` in SQLite, `BIGINT` in PostgreSQL (`pg` hands
 * `BIGINT` to {@link PgStore} as a number); bytes `BLOB` and `BYTEA`; an
 * automatic key `INTEGER PRIMARY KEY` and `BIGINT GENERATED ALWAYS AS
 * IDENTITY PRIMARY KEY`; JSON is kept as `TEXT` in both, so that one mapping
 * (`rows.ts`) serves both. `store/conformance.ts` of the tests checks every
 * method on both engines.
 */
export interface Migration {
  /** What the step is for. */
  what: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    what: 'bookings, their audit trail, trusted contacts, the mail outbox, used challenges, revocations',
    sqlite: `CREATE TABLE bookings (
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
    postgres: `CREATE TABLE bookings (
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
       first_start BIGINT NOT NULL,
       last_end BIGINT NOT NULL,
       room TEXT,
       invites TEXT,
       created_at BIGINT NOT NULL,
       updated_at BIGINT NOT NULL
     );
     CREATE UNIQUE INDEX bookings_room ON bookings (tenant, room) WHERE room IS NOT NULL;
     CREATE INDEX bookings_status ON bookings (status, tenant, first_start);
     CREATE INDEX bookings_email ON bookings (tenant, email_key, created_at);
     CREATE INDEX bookings_last_end ON bookings (last_end);
     CREATE TABLE audit (
       id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
       action TEXT NOT NULL,
       actor TEXT NOT NULL,
       reason TEXT,
       at BIGINT NOT NULL
     );
     CREATE INDEX audit_booking ON audit (booking_id);
     CREATE TABLE contacts (
       tenant TEXT NOT NULL,
       email_key TEXT NOT NULL,
       trusted_by TEXT NOT NULL,
       trusted_at BIGINT NOT NULL,
       PRIMARY KEY (tenant, email_key)
     );
     CREATE TABLE outbox (
       id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       booking_id TEXT REFERENCES bookings (id) ON DELETE CASCADE,
       kind TEXT NOT NULL,
       recipient TEXT NOT NULL,
       subject TEXT NOT NULL,
       body TEXT NOT NULL,
       attachments TEXT NOT NULL,
       created_at BIGINT NOT NULL,
       sent_at BIGINT,
       attempts INTEGER NOT NULL DEFAULT 0,
       last_error TEXT,
       next_attempt BIGINT NOT NULL DEFAULT 0
     );
     CREATE INDEX outbox_unsent ON outbox (next_attempt) WHERE sent_at IS NULL;
     CREATE INDEX outbox_booking ON outbox (booking_id);
     CREATE TABLE used_challenges (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
     CREATE TABLE revocations (jti TEXT PRIMARY KEY, until BIGINT NOT NULL);`,
  },
  {
    what: 'chat bookings: the Mattermost channel (JSON), recorded as soon as it exists',
    sqlite: `ALTER TABLE bookings ADD COLUMN chat TEXT;`,
    postgres: `ALTER TABLE bookings ADD COLUMN chat TEXT;`,
  },
  {
    what: 'chat joins: the code a chat account was sent (hashed), until used or expired',
    sqlite: `CREATE TABLE chat_confirmations (
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
    postgres: `CREATE TABLE chat_confirmations (
       id TEXT PRIMARY KEY,
       code_hash TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       channel_id TEXT NOT NULL,
       user_id TEXT NOT NULL,
       role TEXT NOT NULL,
       expires_at BIGINT NOT NULL,
       wrong INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX chat_confirmations_expiry ON chat_confirmations (expires_at);`,
  },
  {
    what: "short links: invites by id with the SHA-256 of their secret, and the manage link's (never the secrets)",
    sqlite: `CREATE TABLE invites (
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
    postgres: `CREATE TABLE invites (
       id TEXT PRIMARY KEY,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       role TEXT NOT NULL,
       kind TEXT,
       booking_id TEXT REFERENCES bookings (id) ON DELETE CASCADE,
       not_before BIGINT,
       expires_at BIGINT NOT NULL,
       secret_hash BYTEA NOT NULL,
       kid TEXT NOT NULL,
       created_at BIGINT NOT NULL
     );
     CREATE INDEX invites_booking ON invites (booking_id);
     CREATE INDEX invites_expires ON invites (expires_at) WHERE booking_id IS NULL;
     ALTER TABLE bookings ADD COLUMN manage_kid TEXT, ADD COLUMN manage_hash BYTEA;`,
  },
  {
    what: 'several instances: shared secrets, per-client hits (keyed hashes), approval leases, status claims',
    sqlite: `CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, secret BLOB NOT NULL, expires_at INTEGER) WITHOUT ROWID;
     CREATE TABLE client_hits (key TEXT NOT NULL, at INTEGER NOT NULL);
     CREATE INDEX client_hits_key ON client_hits (key, at);
     CREATE INDEX client_hits_at ON client_hits (at);
     ALTER TABLE bookings ADD COLUMN lease_holder TEXT;
     ALTER TABLE bookings ADD COLUMN lease_until INTEGER;
     CREATE TABLE status_claims (
       room TEXT PRIMARY KEY,
       holder TEXT NOT NULL,
       until INTEGER NOT NULL,
       status TEXT,
       checked_at INTEGER
     ) WITHOUT ROWID;`,
    postgres: `CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, secret BYTEA NOT NULL, expires_at BIGINT);
     CREATE TABLE client_hits (key TEXT NOT NULL, at BIGINT NOT NULL);
     CREATE INDEX client_hits_key ON client_hits (key, at);
     CREATE INDEX client_hits_at ON client_hits (at);
     ALTER TABLE bookings ADD COLUMN lease_holder TEXT, ADD COLUMN lease_until BIGINT;
     CREATE TABLE status_claims (
       room TEXT PRIMARY KEY,
       holder TEXT NOT NULL,
       until BIGINT NOT NULL,
       status TEXT,
       checked_at BIGINT
     );`,
  },
  {
    what: 'usage figures, counts only: joins per day, conference instances (kept for a while), daily aggregates (kept)',
    sqlite: `CREATE TABLE usage_joins (
       day TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       role TEXT NOT NULL,
       backend TEXT NOT NULL,
       joins INTEGER NOT NULL,
       last_at INTEGER NOT NULL,
       PRIMARY KEY (day, tenant, room, role)
     ) WITHOUT ROWID;
     CREATE INDEX usage_joins_recent ON usage_joins (backend, last_at);
     CREATE TABLE usage_conferences (
       id TEXT PRIMARY KEY,
       backend TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       instance TEXT NOT NULL,
       started_at INTEGER NOT NULL,
       ended_at INTEGER,
       last_sample_at INTEGER NOT NULL,
       last_count INTEGER NOT NULL,
       peak INTEGER NOT NULL,
       participants INTEGER NOT NULL,
       participant_ms INTEGER NOT NULL,
       conference_ms INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX usage_conferences_open ON usage_conferences (backend) WHERE ended_at IS NULL;
     CREATE INDEX usage_conferences_started ON usage_conferences (started_at);
     CREATE TABLE usage_daily (
       day TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       conferences INTEGER NOT NULL,
       participants INTEGER NOT NULL,
       peak INTEGER NOT NULL,
       participant_ms INTEGER NOT NULL,
       conference_ms INTEGER NOT NULL,
       PRIMARY KEY (day, tenant, room)
     ) WITHOUT ROWID;`,
    postgres: `CREATE TABLE usage_joins (
       day TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       role TEXT NOT NULL,
       backend TEXT NOT NULL,
       joins BIGINT NOT NULL,
       last_at BIGINT NOT NULL,
       PRIMARY KEY (day, tenant, room, role)
     );
     CREATE INDEX usage_joins_recent ON usage_joins (backend, last_at);
     CREATE TABLE usage_conferences (
       id TEXT PRIMARY KEY,
       backend TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       instance TEXT NOT NULL,
       started_at BIGINT NOT NULL,
       ended_at BIGINT,
       last_sample_at BIGINT NOT NULL,
       last_count BIGINT NOT NULL,
       peak BIGINT NOT NULL,
       participants BIGINT NOT NULL,
       participant_ms BIGINT NOT NULL,
       conference_ms BIGINT NOT NULL
     );
     CREATE INDEX usage_conferences_open ON usage_conferences (backend) WHERE ended_at IS NULL;
     CREATE INDEX usage_conferences_started ON usage_conferences (started_at);
     CREATE TABLE usage_daily (
       day TEXT NOT NULL,
       tenant TEXT NOT NULL,
       room TEXT NOT NULL,
       conferences BIGINT NOT NULL,
       participants BIGINT NOT NULL,
       peak BIGINT NOT NULL,
       participant_ms BIGINT NOT NULL,
       conference_ms BIGINT NOT NULL,
       PRIMARY KEY (day, tenant, room)
     );`,
  },
  {
    what: 'open conferences: rooms anyone opened as host, by tenant and id, until they expire',
    sqlite: `CREATE TABLE open_rooms (
       tenant TEXT NOT NULL,
       id TEXT NOT NULL,
       title TEXT,
       backend TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL,
       PRIMARY KEY (tenant, id)
     ) WITHOUT ROWID;
     CREATE INDEX open_rooms_expiry ON open_rooms (tenant, expires_at);`,
    postgres: `CREATE TABLE open_rooms (
       tenant TEXT NOT NULL,
       id TEXT NOT NULL,
       title TEXT,
       backend TEXT NOT NULL,
       created_at BIGINT NOT NULL,
       expires_at BIGINT NOT NULL,
       PRIMARY KEY (tenant, id)
     );
     CREATE INDEX open_rooms_expiry ON open_rooms (tenant, expires_at);`,
  },
  {
    what: 'clubs that register themselves: clubs, their rooms, sign-in links and sessions; club mails in the outbox',
    sqlite: `CREATE TABLE clubs (
       id TEXT PRIMARY KEY,
       status TEXT NOT NULL,
       name TEXT NOT NULL,
       kind TEXT NOT NULL,
       region TEXT NOT NULL,
       origins TEXT NOT NULL,
       contact_name TEXT NOT NULL,
       contact_email TEXT NOT NULL,
       email_key TEXT NOT NULL,
       deputy_name TEXT,
       deputy_email TEXT,
       language TEXT NOT NULL,
       backend TEXT NOT NULL,
       logo_url TEXT,
       theme TEXT,
       confirm_kid TEXT,
       confirm_hash BLOB,
       confirm_by INTEGER,
       reason TEXT,
       created_at INTEGER NOT NULL,
       confirmed_at INTEGER,
       decided_at INTEGER,
       updated_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX clubs_status ON clubs (status, region, created_at);
     CREATE INDEX clubs_email ON clubs (email_key, created_at);
     CREATE INDEX clubs_confirm_by ON clubs (confirm_by) WHERE confirm_by IS NOT NULL;
     CREATE TABLE club_rooms (
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       id TEXT NOT NULL,
       name TEXT NOT NULL,
       start TEXT NOT NULL,
       access_code TEXT,
       moderator_code TEXT,
       waiting_room INTEGER NOT NULL DEFAULT 0,
       mute_on_entry INTEGER NOT NULL DEFAULT 0,
       all_moderators INTEGER NOT NULL DEFAULT 0,
       recording INTEGER NOT NULL DEFAULT 0,
       created_at INTEGER NOT NULL,
       updated_at INTEGER NOT NULL,
       PRIMARY KEY (club_id, id)
     ) WITHOUT ROWID;
     CREATE TABLE club_signins (
       id TEXT PRIMARY KEY,
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       secret_hash BLOB NOT NULL,
       expires_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX club_signins_club ON club_signins (club_id);
     CREATE INDEX club_signins_expires ON club_signins (expires_at);
     CREATE TABLE club_sessions (
       id TEXT PRIMARY KEY,
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       csrf_hash TEXT NOT NULL,
       expires_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX club_sessions_club ON club_sessions (club_id);
     CREATE INDEX club_sessions_expires ON club_sessions (expires_at);
     ALTER TABLE outbox ADD COLUMN club_id TEXT REFERENCES clubs (id) ON DELETE CASCADE;
     CREATE INDEX outbox_club ON outbox (club_id);
     CREATE INDEX invites_tenant_room ON invites (tenant, room);`,
    postgres: `CREATE TABLE clubs (
       id TEXT PRIMARY KEY,
       status TEXT NOT NULL,
       name TEXT NOT NULL,
       kind TEXT NOT NULL,
       region TEXT NOT NULL,
       origins TEXT NOT NULL,
       contact_name TEXT NOT NULL,
       contact_email TEXT NOT NULL,
       email_key TEXT NOT NULL,
       deputy_name TEXT,
       deputy_email TEXT,
       language TEXT NOT NULL,
       backend TEXT NOT NULL,
       logo_url TEXT,
       theme TEXT,
       confirm_kid TEXT,
       confirm_hash BYTEA,
       confirm_by BIGINT,
       reason TEXT,
       created_at BIGINT NOT NULL,
       confirmed_at BIGINT,
       decided_at BIGINT,
       updated_at BIGINT NOT NULL
     );
     CREATE INDEX clubs_status ON clubs (status, region, created_at);
     CREATE INDEX clubs_email ON clubs (email_key, created_at);
     CREATE INDEX clubs_confirm_by ON clubs (confirm_by) WHERE confirm_by IS NOT NULL;
     CREATE TABLE club_rooms (
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       id TEXT NOT NULL,
       name TEXT NOT NULL,
       start TEXT NOT NULL,
       access_code TEXT,
       moderator_code TEXT,
       waiting_room INTEGER NOT NULL DEFAULT 0,
       mute_on_entry INTEGER NOT NULL DEFAULT 0,
       all_moderators INTEGER NOT NULL DEFAULT 0,
       recording INTEGER NOT NULL DEFAULT 0,
       created_at BIGINT NOT NULL,
       updated_at BIGINT NOT NULL,
       PRIMARY KEY (club_id, id)
     );
     CREATE TABLE club_signins (
       id TEXT PRIMARY KEY,
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       secret_hash BYTEA NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX club_signins_club ON club_signins (club_id);
     CREATE INDEX club_signins_expires ON club_signins (expires_at);
     CREATE TABLE club_sessions (
       id TEXT PRIMARY KEY,
       club_id TEXT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
       csrf_hash TEXT NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX club_sessions_club ON club_sessions (club_id);
     CREATE INDEX club_sessions_expires ON club_sessions (expires_at);
     ALTER TABLE outbox ADD COLUMN club_id TEXT REFERENCES clubs (id) ON DELETE CASCADE;
     CREATE INDEX outbox_club ON outbox (club_id);
     CREATE INDEX invites_tenant_room ON invites (tenant, room);`,
  },
  {
    what: "clubs' lifecycle and requests: the last reconfirmation, the unanswered lifecycle mail, another website asked for; joins by tenant",
    sqlite: `ALTER TABLE clubs ADD COLUMN reconfirmed_at INTEGER;
     ALTER TABLE clubs ADD COLUMN notice TEXT;
     ALTER TABLE clubs ADD COLUMN origin_request TEXT;
     CREATE INDEX usage_joins_tenant ON usage_joins (tenant, last_at);`,
    postgres: `ALTER TABLE clubs ADD COLUMN reconfirmed_at BIGINT;
     ALTER TABLE clubs ADD COLUMN notice TEXT;
     ALTER TABLE clubs ADD COLUMN origin_request TEXT;
     CREATE INDEX usage_joins_tenant ON usage_joins (tenant, last_at);`,
  },
];

/** The schema version this code writes, on either engine. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The refusal of a store whose schema is newer than this code's: the server must be updated first. */
export function newerSchema(where: string, version: number): Error {
  return new Error(
    `${where} has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: a newer Vereinsraum migrated it: update this server`,
  );
}
