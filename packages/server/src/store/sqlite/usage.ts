// SQLite: usage figures.
import { conferenceFromRow, type ConferenceRow, conferenceToRow, DAILY_COLUMNS } from '../rows.js';
import type { ConferenceRecord, DailyUsage, JoinCount, UsageQuery, UsageStore } from '../usage.js';
import { SqliteCore } from './core.js';

/** Usage figures (counts only), in SQLite. */
export class SqliteUsage extends SqliteCore implements UsageStore {
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
}
