// Usage reports: the store's daily figures summed per day, ISO week or room, with what each figure means.
import type { UsageDefinitions, UsageFigures, UsageGroup, UsageReport, UsageRow } from '@vereinsraum/protocol';
import type { DailyUsage, JoinCount } from '../store/types.js';
import { daysBetween, isoWeek } from './days.js';

/** Published with every report (JSON, CSV, the CLI), so that "1,696 hours" cannot be read two ways. */
export const USAGE_DEFINITIONS: UsageDefinitions = {
  conference:
    "A conference is one span of a room's meeting with at least one person in it, as the server sees it once a minute (BigBlueButton: within one meeting instance, told apart by its createTime). It is counted on the day it started.",
  participant:
    'A participant is one join into a conference: each time someone enters, also the same person again after leaving. BigBlueButton: the distinct join ids the server handed out, seen in the meeting; Jitsi: the rises in the room size.',
  participantHour:
    'Participant hours: participants times the time they were in, summed (10 people for 2 hours are 20 participant hours). Sampled once a minute: the count of a sample holds until the next.',
  conferenceHour: 'Conference hours: the time a conference had at least one person in it, summed over the conferences.',
  joins: 'Joins: how often the server handed out a way into a room (a join link or token), whether it was used or not.',
  day: "Days are calendar days in the report's time zone.",
  notCounted:
    'Not counted or kept: names, e-mail or IP addresses, user ids, who was in which conference, chat rooms. Counts only: per conference (kept for a limited time) and per day and room (kept).',
};

const ZERO: UsageFigures = { conferences: 0, participants: 0, joins: 0, peak: 0, conferenceMinutes: 0, participantMinutes: 0 };

/** Minutes as reported: whole minutes of summed milliseconds. */
const minutes = (ms: number): number => Math.round(ms / 60_000);

/** Hours with one decimal. */
const hours = (mins: number): number => Math.round(mins / 6) / 10;

/** Sum the store's rows into a report's rows and totals. */
export function buildReport(
  input: { days: DailyUsage[]; joins: JoinCount[] },
  period: { from: string; to: string; timeZone: string; group: UsageGroup; scope: UsageReport['scope'] },
): UsageReport {
  const { from, to, group } = period;
  const keyOf = (row: { day: string; tenant: string; room: string }): string =>
    group === 'day' ? row.day : group === 'week' ? isoWeek(row.day) : `${row.tenant}/${row.room}`;
  const rows = new Map<string, UsageFigures>();
  const days = daysBetween(from, to);
  // Every day or week of the period, so that a chart has no gaps; rooms only where something happened.
  if (group !== 'room') for (const day of days) rows.set(keyOf({ day, tenant: '', room: '' }), { ...ZERO });
  const at = (key: string): UsageFigures => {
    let figures = rows.get(key);
    if (!figures) rows.set(key, (figures = { ...ZERO }));
    return figures;
  };
  const ms = new Map<string, { conference: number; participant: number }>();
  for (const day of input.days) {
    const key = keyOf(day);
    const figures = at(key);
    figures.conferences += day.conferences;
    figures.participants += day.participants;
    figures.peak = Math.max(figures.peak, day.peak);
    const sum = ms.get(key) ?? { conference: 0, participant: 0 };
    sum.conference += day.conferenceMs;
    sum.participant += day.participantMs;
    ms.set(key, sum);
  }
  for (const join of input.joins) at(keyOf(join)).joins += join.joins;
  for (const [key, sum] of ms) {
    const figures = at(key);
    figures.conferenceMinutes = minutes(sum.conference);
    figures.participantMinutes = minutes(sum.participant);
  }
  const list: UsageRow[] = [...rows].map(([key, figures]) => ({ key, ...figures }));
  if (group === 'room') list.sort((a, b) => (a.key < b.key ? -1 : 1));
  const totals = { ...ZERO };
  for (const row of list) {
    totals.conferences += row.conferences;
    totals.participants += row.participants;
    totals.joins += row.joins;
    totals.peak = Math.max(totals.peak, row.peak);
  }
  // Minutes of the totals from the summed milliseconds, not from rounded rows.
  totals.conferenceMinutes = minutes([...ms.values()].reduce((sum, m) => sum + m.conference, 0));
  totals.participantMinutes = minutes([...ms.values()].reduce((sum, m) => sum + m.participant, 0));
  return {
    from,
    to,
    days: days.length,
    timeZone: period.timeZone,
    scope: period.scope,
    group,
    totals: { ...totals, conferenceHours: hours(totals.conferenceMinutes), participantHours: hours(totals.participantMinutes) },
    rows: list,
    definitions: USAGE_DEFINITIONS,
  };
}

/** The report's totals in one sentence, as a council report has them: "2,840 participants in 649 conferences, …". */
export function usageSentence(report: UsageReport): string {
  const n = (value: number): string => value.toLocaleString('en-GB');
  const { totals } = report;
  return (
    `${n(totals.participants)} participants in ${n(totals.conferences)} conferences, ` +
    `${n(Math.round(totals.participantHours))} participant hours (${n(Math.round(totals.conferenceHours))} conference hours), ` +
    `in ${n(report.days)} days (${report.from} to ${report.to})`
  );
}

const CSV_COLUMNS = ['conferences', 'participants', 'joins', 'peak', 'conferenceMinutes', 'participantMinutes'] as const;

/** A field of CSV (RFC 4180), with formula characters defused for spreadsheets. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV: one line per row, then a totals line, then an empty line and the definitions. */
export function usageCsv(report: UsageReport): string {
  const lines: string[][] = [[report.group, ...CSV_COLUMNS]];
  for (const row of report.rows) lines.push([row.key, ...CSV_COLUMNS.map((column) => String(row[column]))]);
  lines.push(['total', ...CSV_COLUMNS.map((column) => String(report.totals[column]))]);
  lines.push([]);
  lines.push(['definition', 'meaning']);
  for (const [name, text] of Object.entries(report.definitions)) lines.push([name, text]);
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
