import { ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import type { BookingRecord } from '../store/types.js';

/**
 * The booking's dates as an iCalendar file (one event per date, times in UTC).
 * The attendee link is the event's URL and location: that one may be shared;
 * the moderator link stays in the e-mail. Titles are text: ical-generator
 * escapes them.
 */
export function bookingCalendar(booking: BookingRecord, attendeeLink: string | null, tenantName: string, now: number): string {
  const calendar = new ICalCalendar({ name: booking.title, prodId: { company: 'Vereinsraum', product: 'bookings', language: booking.language.toUpperCase() }, method: ICalCalendarMethod.PUBLISH });
  const description = booking.language === 'de'
    ? `${booking.organisation}. Videoraum von ${tenantName}.${attendeeLink ? `\nLink für die Teilnehmenden: ${attendeeLink}` : ''}`
    : `${booking.organisation}. Video room of ${tenantName}.${attendeeLink ? `\nLink for attendees: ${attendeeLink}` : ''}`;
  booking.dates.forEach((date, i) => {
    calendar.createEvent({
      id: `${booking.id}-${i + 1}@vereinsraum`,
      start: new Date(date.start),
      end: new Date(date.end),
      stamp: new Date(now),
      summary: booking.title,
      description,
      ...(attendeeLink ? { url: attendeeLink, location: attendeeLink } : {}),
    });
  });
  return calendar.toString();
}
