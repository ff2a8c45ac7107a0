// The step for several instances (see `../migrations.ts` for the order and the rules).
import type { Migration } from './step.js';

/** Step 5: what several instances share. */
export const severalInstances: Migration = {
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
};
