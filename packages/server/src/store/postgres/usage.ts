// PostgreSQL: usage figures.
import { conferenceFromRow, type ConferenceRow, conferenceToRow, DAILY_COLUMNS } from '../rows.js';
import type { ConferenceRecord, DailyUsage, JoinCount, UsageQuery, UsageStore } from '../usage.js';
import { insert, PgCore } from './core.js';

/** Usage figures (counts only), in PostgreSQL. */
export class PgUsage extends PgCore implements UsageStore {
  async countJoin(count: Omit<JoinCount, 'joins'>, at: number): Promise<void> {
    await this.query(
      `INSERT INTO usage_joins (day, tenant, room, role, backend, joins, last_at) VALUES ($1, $2, $3, $4, $5, 1, $6)
       ON CONFLICT (day, tenant, room, role) DO UPDATE SET joins = usage_joins.joins + 1, backend = excluded.backend,
         last_at = GREATEST(usage_joins.last_at, excluded.last_at)`,
      [count.day, count.tenant, count.room, count.role, count.backend, at],
    );
  }

  async recentJoinRooms(backend: string, since: number): Promise<Array<{ tenant: string; room: string }>> {
    return (
      await this.query<{ tenant: string; room: string }>(
        'SELECT DISTINCT tenant, room FROM usage_joins WHERE backend = $1 AND last_at >= $2 ORDER BY tenant, room',
        [backend, since],
      )
    ).rows;
  }

  async openConferences(backend: string): Promise<ConferenceRecord[]> {
    const result = await this.query<ConferenceRow>(
      'SELECT * FROM usage_conferences WHERE backend = $1 AND ended_at IS NULL ORDER BY started_at',
      [backend],
    );
    return result.rows.map(conferenceFromRow);
  }

  async saveConference(conference: ConferenceRecord): Promise<void> {
    const [text, values] = insert('usage_conferences', { ...conferenceToRow(conference), ended_at: null });
    await this.query(
      `${text} ON CONFLICT (id) DO UPDATE SET last_sample_at = excluded.last_sample_at, last_count = excluded.last_count, peak = excluded.peak,
         participants = excluded.participants, participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
       WHERE usage_conferences.ended_at IS NULL`,
      values,
    );
  }

  async endConference(conference: ConferenceRecord & { endedAt: number }, day: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const row = conferenceToRow(conference);
      const [text, values] = insert('usage_conferences', row);
      const ended = await client.query(
        `${text} ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, last_sample_at = excluded.last_sample_at,
           last_count = excluded.last_count, peak = excluded.peak, participants = excluded.participants,
           participant_ms = excluded.participant_ms, conference_ms = excluded.conference_ms
         WHERE usage_conferences.ended_at IS NULL`,
        values,
      );
      if (ended.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO usage_daily (day, tenant, room, conferences, participants, peak, participant_ms, conference_ms) VALUES ($1, $2, $3, 1, $4, $5, $6, $7)
         ON CONFLICT (day, tenant, room) DO UPDATE SET conferences = usage_daily.conferences + 1,
           participants = usage_daily.participants + excluded.participants, peak = GREATEST(usage_daily.peak, excluded.peak),
           participant_ms = usage_daily.participant_ms + excluded.participant_ms, conference_ms = usage_daily.conference_ms + excluded.conference_ms`,
        [day, row.tenant, row.room, row.participants, row.peak, row.participant_ms, row.conference_ms],
      );
      return true;
    });
  }

  async usage(query: UsageQuery): Promise<{ days: DailyUsage[]; joins: JoinCount[] }> {
    const where = `day >= $1 AND day <= $2${query.tenants ? ' AND tenant = ANY ($3::text[])' : ''}`;
    const values = query.tenants ? [query.from, query.to, query.tenants] : [query.from, query.to];
    const days = await this.query<DailyUsage>(`SELECT ${DAILY_COLUMNS} FROM usage_daily WHERE ${where} ORDER BY day, tenant, room`, values);
    const joins = await this.query<JoinCount>(
      `SELECT day, tenant, room, role, backend, joins FROM usage_joins WHERE ${where} ORDER BY day, tenant, room, role`,
      values,
    );
    return { days: days.rows, joins: joins.rows };
  }

  async purgeConferences(before: number): Promise<number> {
    return (await this.query('DELETE FROM usage_conferences WHERE ended_at < $1', [before])).rowCount ?? 0;
  }
}
