// The fake server's usage figures (`GET /v1/admin/usage`): the same made-up figures for a day every
// time, so that the stories and their tests see stable numbers; CSV with `Accept: text/csv`.
import type { UsageReport, UsageRow } from '@vereinsraum/protocol';
import { FAKE_ADMIN_TOKEN } from './fake-bookings.js';
import { json, problem } from './fake-http.js';

/** A tenant whose server keeps no figures (`usage_disabled`). */
export const FAKE_USAGE_DISABLED = 'ohne-zaehlung';

const DAY = 86_400_000;

/** A day's made-up figures: busier on weekdays, nothing on Sundays. */
function figures(key: string): UsageRow {
  const date = new Date(`${key}T00:00:00Z`);
  const weekday = date.getUTCDay();
  const seed = date.getUTCDate();
  const conferences = weekday === 0 ? 0 : 20 + ((seed * 7) % 40);
  const participants = conferences * (3 + (seed % 5));
  return {
    key,
    conferences,
    participants,
    joins: participants + (seed % 9),
    peak: conferences ? 6 + (seed % 20) : 0,
    conferenceMinutes: conferences * 65,
    participantMinutes: participants * 38,
  };
}

/** The report of `from` to `to`, as the server makes it. */
export function fakeUsageReport(from: string, to: string, tenant: string | null): UsageReport {
  const rows: UsageRow[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY)
    rows.push(figures(new Date(t).toISOString().slice(0, 10)));
  const sum = (name: keyof Omit<UsageRow, 'key'>) => rows.reduce((total, row) => total + row[name], 0);
  const totals = {
    conferences: sum('conferences'),
    participants: sum('participants'),
    joins: sum('joins'),
    peak: Math.max(0, ...rows.map((row) => row.peak)),
    conferenceMinutes: sum('conferenceMinutes'),
    participantMinutes: sum('participantMinutes'),
  };
  return {
    from,
    to,
    days: rows.length,
    timeZone: 'Europe/Berlin',
    scope: tenant ? { kind: 'tenant', tenant } : { kind: 'all' },
    group: 'day',
    totals: {
      ...totals,
      conferenceHours: Math.round(totals.conferenceMinutes / 6) / 10,
      participantHours: Math.round(totals.participantMinutes / 6) / 10,
    },
    rows,
    definitions: { conference: '…', participant: '…', participantHour: '…', conferenceHour: '…', joins: '…', day: '…', notCounted: '…' },
  };
}

/** `GET /v1/admin/usage`. */
export function answerUsage(url: URL, init: RequestInit | undefined): Response {
  const headers = new Headers(init?.headers);
  if (headers.get('authorization') !== `Bearer ${FAKE_ADMIN_TOKEN}`) return problem(401, 'unauthorized');
  const tenant = url.searchParams.get('tenant');
  if (tenant === FAKE_USAGE_DISABLED) return problem(403, 'usage_disabled');
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  if (!/^\d{4}-\d\d-\d\d$/.test(from) || !/^\d{4}-\d\d-\d\d$/.test(to) || from > to) return problem(400, 'invalid_input', 'from');
  const body = fakeUsageReport(from, to, tenant);
  if (headers.get('accept') === 'text/csv') {
    const lines = ['day,conferences,participants', ...body.rows.map((row) => `${row.key},${row.conferences},${row.participants}`)];
    return new Response(lines.join('\r\n'), { headers: { 'content-type': 'text/csv' } });
  }
  return json(body);
}
