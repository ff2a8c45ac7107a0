import type { AdminBooking, BookingView } from '@vereinsraum/protocol';
import type { AuditEntry, BookingRecord } from '../store/types.js';
import type { JoinLinks } from './links.js';

/**
 * What the booker sees of a booking (`GET /v1/bookings/{id}`, and the answer
 * to a booking): the room and `links` only while it is approved.
 */
export function bookingView(booking: BookingRecord, manageUrl: string, links: JoinLinks | null): BookingView {
  const approved = booking.status === 'approved';
  return {
    id: booking.id,
    kind: booking.kind,
    tenant: booking.tenant,
    status: booking.status,
    title: booking.title,
    organisation: booking.organisation,
    dates: booking.dates.map((date) => ({ ...date })),
    room: booking.room && approved ? `${booking.tenant}/${booking.room}` : null,
    links: approved ? links : null,
    manageUrl,
  };
}

/**
 * What the operator sees: the booker's view (without room, links and manage
 * link when the tenant takes no bookings any more), the contact, whether the
 * address is trusted, and the audit trail.
 */
export function adminBookingView(
  booking: BookingRecord,
  view: BookingView | undefined,
  trusted: boolean,
  audit: AuditEntry[],
): AdminBooking {
  return {
    ...(view ?? { ...bookingView(booking, '', null), room: null }),
    contactName: booking.contactName,
    contactEmail: booking.contactEmail,
    expectedParticipants: booking.expectedParticipants,
    language: booking.language,
    createdAt: new Date(booking.createdAt).toISOString(),
    trusted,
    audit: audit.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
  };
}

/**
 * May the booker's view carry the links? Not when a trusted contact's
 * address approved the booking: anyone can type an address, so those links
 * go only to the address itself, in the approval e-mail.
 */
export function linksShown(audit: AuditEntry[]): boolean {
  return !audit.some((entry) => entry.action === 'approved' && entry.actor === 'trusted-contact');
}
