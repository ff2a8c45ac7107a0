// The open conferences' step (see `../migrations.ts` for the order and the rules).
import type { Migration } from './step.js';

/** Step 7: open conferences. */
export const openRooms: Migration = {
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
};
