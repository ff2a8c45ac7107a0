import type { BookingDate } from '@vereinsraum/protocol';

/** ISO 8601 with a date, hours and minutes (seconds and milliseconds optional) and an offset. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** Why a date text was refused. */
export type DateProblem = 'missing' | 'no_offset' | 'invalid';

/**
 * Read an ISO 8601 date-time that must carry an offset (`Z` or `±hh:mm`),
 * checking every part (no 30 February, no hour 24).
 *
 * @returns milliseconds since the epoch, or the problem.
 */
export function parseInstant(value: unknown): number | DateProblem {
  if (typeof value !== 'string' || value === '') return 'missing';
  if (value.length > 40) return 'invalid';
  const m = ISO.exec(value);
  if (!m) return LOCAL.test(value) ? 'no_offset' : 'invalid';
  const [, y, mo, d, h, mi, s = '0', ms = '0', offset] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return 'invalid';
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const oh = Number(offset!.slice(1, 3)),
      om = Number(offset!.slice(4, 6));
    if (oh > 18 || om > 59) return 'invalid';
    offsetMinutes = (offset![0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, Number(ms.padEnd(3, '0'))) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The wall-clock parts of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The dates of a weekly booking: the first from `start` to `end`, then one a
 * week later each, at the same wall-clock time in `timeZone` (so a weekly
 * 19:00 stays 19:00 across a change to or from summer time), each as long as
 * the first.
 *
 * @example
 * ```ts
 * weeklyDates(Date.parse('2026-10-20T19:00:00+02:00'), Date.parse('2026-10-20T21:00:00+02:00'), 2, 'Europe/Berlin');
 * // [{ start: '2026-10-20T17:00:00.000Z', … }, { start: '2026-10-27T18:00:00.000Z', … }]
 * ```
 */
export function weeklyDates(start: number, end: number, weeks: number, timeZone: string): BookingDate[] {
  const duration = end - start;
  const local = start + zoneOffset(start, timeZone);
  const dates: BookingDate[] = [];
  for (let week = 0; week < weeks; week++) {
    const wall = local + week * 7 * 86_400_000;
    // The wall-clock time in UTC terms, shifted by the zone's offset then; checked once more
    // in case the offset differs on either side of the guess (the hour of a change).
    let instant = wall - zoneOffset(wall, timeZone);
    instant = wall - zoneOffset(instant, timeZone);
    dates.push({ start: new Date(instant).toISOString(), end: new Date(instant + duration).toISOString() });
  }
  return dates;
}
