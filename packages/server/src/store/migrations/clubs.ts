// The clubs' steps (see `../migrations.ts` for the order and the rules).
import type { Migration } from './step.js';

/** Step 8: clubs that register themselves. */
export const clubs: Migration = {
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
};

/** Step 9: the clubs' lifecycle (the last reconfirmation, the unanswered lifecycle mail), another website asked for; joins by tenant (when a club's rooms were last used). */
export const clubLifecycle: Migration = {
  what: "clubs' lifecycle and requests: the last reconfirmation, the unanswered lifecycle mail, another website asked for; joins by tenant",
  sqlite: `ALTER TABLE clubs ADD COLUMN reconfirmed_at INTEGER;
     ALTER TABLE clubs ADD COLUMN notice TEXT;
     ALTER TABLE clubs ADD COLUMN origin_request TEXT;
     CREATE INDEX usage_joins_tenant ON usage_joins (tenant, last_at);`,
  postgres: `ALTER TABLE clubs ADD COLUMN reconfirmed_at BIGINT;
     ALTER TABLE clubs ADD COLUMN notice TEXT;
     ALTER TABLE clubs ADD COLUMN origin_request TEXT;
     CREATE INDEX usage_joins_tenant ON usage_joins (tenant, last_at);`,
};

/** Step 10: the contact role handed over to another person, until the new contact confirms. */
export const clubHandovers: Migration = {
  what: 'clubs: the contact role handed over to another person, until the new contact confirms',
  sqlite: `CREATE TABLE club_handovers (
       club_id TEXT PRIMARY KEY REFERENCES clubs (id) ON DELETE CASCADE,
       id TEXT NOT NULL UNIQUE,
       name TEXT NOT NULL,
       email TEXT NOT NULL,
       email_key TEXT NOT NULL,
       secret_hash BLOB NOT NULL,
       expires_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX club_handovers_expires ON club_handovers (expires_at);`,
  postgres: `CREATE TABLE club_handovers (
       club_id TEXT PRIMARY KEY REFERENCES clubs (id) ON DELETE CASCADE,
       id TEXT NOT NULL UNIQUE,
       name TEXT NOT NULL,
       email TEXT NOT NULL,
       email_key TEXT NOT NULL,
       secret_hash BYTEA NOT NULL,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX club_handovers_expires ON club_handovers (expires_at);`,
};
