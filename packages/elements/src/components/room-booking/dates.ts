// Dates and time zones of the booking form: the visitor types a date and
// times in the page's time zone; the request carries each as an instant with
// that day's UTC offset, and the form says which zone that is (and the
// tenant's, where its clocks differ: the e-mails use it). No DOM: the form's
// model uses these under Node too.

/**
 * ISO 8601 for a date and time as the visitor typed them, with the page's UTC
 * offset on that date (summer or winter time): `2026-12-01T19:00:00+01:00`.
 *
 * @example
 * ```ts
 * localIso('2026-12-01', '19:00'); // '2026-12-01T19:00:00+01:00' in Berlin
 * ```
 */
export function localIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const offset = -new Date(y, m - 1, d, hh, mm).getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${date}T${time.slice(0, 5)}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `YYYY-MM-DD` of `date` in the page's time zone. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A time zone by name, on the chosen date: "Mitteleuropäische Sommerzeit (Europe/Berlin)"; by default the page's. */
export function zoneName(day: string, locale: string, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const long = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(noon(day))
    .find((part) => part.type === 'timeZoneName')?.value;
  return long && long !== zone ? `${long} (${zone})` : zone;
}

/**
 * The tenant's time zone by name when its clocks differ from the page's on
 * the chosen date (the e-mails give the times in it), else `''`.
 */
export function tenantZone(zone: string | undefined, day: string, locale: string): string {
  if (!zone) return '';
  const clock = (timeZone?: string) =>
    new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(noon(day));
  try {
    return clock(zone) === clock() ? '' : zoneName(day, locale, zone);
  } catch {
    // A zone this browser does not know: nothing to compare.
    return '';
  }
}

/** Noon of the chosen day in the page's time zone (now, without a day). */
function noon(day: string): Date {
  const at = new Date(`${day}T12:00`);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
