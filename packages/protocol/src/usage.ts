/** How a usage report groups its rows: per day, per ISO week, or per room. */
export type UsageGroup = 'day' | 'week' | 'room';

/** The figures of a usage report, for its whole period or for one row. */
export interface UsageFigures {
  /** Conferences that started in the period (see {@link UsageDefinitions.conference}). */
  conferences: number;
  /** Participants of those conferences (see {@link UsageDefinitions.participant}). */
  participants: number;
  /** Joins the server handed out (every back end, chat rooms excepted). */
  joins: number;
  /** Most participants in one conference at once. */
  peak: number;
  /** Time with at least one participant, summed over the conferences, in minutes. */
  conferenceMinutes: number;
  /** Participants times minutes, summed over the conferences. */
  participantMinutes: number;
}

/** One row of a usage report: a day (`2026-01-05`), a week (`2026-W02`) or a room (`tsv/training`). */
export interface UsageRow extends UsageFigures {
  key: string;
}

/** What each figure means, in plain words; published with every report. */
export interface UsageDefinitions {
  conference: string;
  participant: string;
  participantHour: string;
  conferenceHour: string;
  joins: string;
  day: string;
  notCounted: string;
}

/**
 * `GET /v1/admin/usage`: counts of one period, for all tenants, a region or
 * one tenant. Hours are whole minutes / 60, rounded to one decimal.
 */
export interface UsageReport {
  /** First and last day, both included (`YYYY-MM-DD`, days of `timeZone`). */
  from: string;
  to: string;
  /** How many days the period has. */
  days: number;
  timeZone: string;
  /** Whose figures: every tenant, a region's, or one tenant's. */
  scope: { kind: 'all' } | { kind: 'region'; region: string; tenants: string[] } | { kind: 'tenant'; tenant: string };
  group: UsageGroup;
  totals: UsageFigures & { conferenceHours: number; participantHours: number };
  /** Every day (or week) of the period, days without conferences too; per room: the rooms with figures. */
  rows: UsageRow[];
  definitions: UsageDefinitions;
}
