// The usage figures' step (see `../migrations.ts` for the order and the rules).
import type { Migration } from './step.js';

/** Step 6: usage figures. */
export const usage: Migration = {
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
};
