import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { BookingRecord } from '../store/types.js';

/**
 * The booking's dates as an iCalendar file (one event per date, times in UTC).
 * The attendee link is the event's URL and location: that one may be shared;
 * the moderator link stays in the e-mail. Titles are text: ical-generator
 * escapes them in `SUMMARY`, but writes the calendar's name (`NAME`,
 * `X-WR-CALNAME`) as given, so the name is escaped here.
 *
 * With `cancelled`, the file that takes the dates out of a calendar again
 * (`METHOD:CANCEL`, each event `STATUS:CANCELLED` with the same `UID` and a
 * higher `SEQUENCE`); it never carries a link.
 */
export function bookingCalendar(
  booking: BookingRecord,
  attendeeLink: string | null,
  tenantName: string,
  now: number,
  cancelled = false,
): string {
  const link = cancelled ? null : attendeeLink;
  const calendar = new ICalCalendar({
    name: escapeText(booking.title),
    prodId: { company: 'Vereinsraum', product: 'bookings', language: booking.language.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  const description =
    booking.language === 'de'
      ? `${booking.organisation}. ${cancelled ? 'Abgesagt: ' : ''}Videoraum von ${tenantName}.${link ? `\nLink für die Teilnehmenden: ${link}` : ''}`
      : `${booking.organisation}. ${cancelled ? 'Cancelled: ' : ''}Video room of ${tenantName}.${link ? `\nLink for attendees: ${link}` : ''}`;
  booking.dates.forEach((date, i) => {
    calendar.createEvent({
      id: `${booking.id}-${i + 1}@vereinsraum`,
      start: new Date(date.start),
      end: new Date(date.end),
      stamp: new Date(now),
      summary: booking.title,
      description,
      ...(cancelled ? { status: ICalEventStatus.CANCELLED, sequence: 1 } : {}),
      ...(link ? { url: link, location: link } : {}),
    });
  });
  return calendar.toString();
}

/**
 * A TEXT value as RFC 5545 (3.3.11) writes it: backslash, semicolon and comma
 * escaped with a backslash, every line break as `\n`. Unescaped, a `,` would
 * make a list of two texts, and a line break a property of its own.
 */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}
