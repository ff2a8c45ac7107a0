import type { AdminBooking, BookingStatus, BookingView } from '@vereinsraum/protocol';
import type { BookingsConfig, Tenant } from '../config/index.js';
import { chatProblem } from '../chat/rooms.js';
import { HttpError } from '../errors.js';
import { MattermostError } from '../providers/mattermost.js';
import type { BookingRecord, OutboxMail } from '../store/types.js';
import { challengeUsed } from './challenge.js';
import type { BookingLinks } from './links.js';
import { bookingMail, type BookingMailKind } from './mails.js';
import type { BookingServiceOptions } from './options.js';
import { emailTrustKey } from './validate.js';
import { adminBookingView, bookingView } from './views.js';

const HOUR_MS = 3_600_000;

/**
 * The changes of a stored booking and what they carry along: approval (with
 * a chat booking's Mattermost channel first), rejection and cancellation,
 * each written with its audit row and mail in one store transaction, and the
 * invites revoked on cancellation; and the booking's views. Shared by the
 * booker's and the operator's side of {@link BookingService}.
 *
 * @internal
 */
export class BookingChanges {
  constructor(
    private readonly options: BookingServiceOptions,
    private readonly links: BookingLinks,
  ) {}

  async approveNow(booking: BookingRecord, actor: string, now: number): Promise<BookingRecord> {
    const { tenant } = await this.tenantOf(booking);
    const prepared = booking.kind === 'chat' ? await this.prepareChat(booking, tenant, actor, now) : booking;
    const { booking: approved, invites } = await this.links.withRoom(prepared, now);
    const changed = await this.options.store.updateBooking(
      booking.id,
      ['pending'],
      { status: 'approved', updatedAt: now, room: approved.room, invites: approved.invites },
      {
        audit: [{ action: 'approved', actor, at: now, reason: null }],
        mails: [await this.mail('approved', approved, tenant)],
        invites,
      },
    );
    if (!changed) throw conflict('The booking was changed meanwhile.');
    this.options.log?.(`booking ${booking.id} approved by ${actor}`);
    this.options.onMail?.();
    return changed;
  }

  /** A chat booking's channel; when Mattermost fails, an `approval_failed` audit row and `502 chat_unavailable`. */
  async prepareChat(booking: BookingRecord, tenant: Tenant, actor: string, now: number): Promise<BookingRecord> {
    const chat = this.options.chat;
    if (!chat || (!chat.takes(tenant) && !booking.chat))
      throw conflict(`Tenant '${tenant.id}' takes no chat bookings any more (bookings.chat).`);
    try {
      return await chat.prepare(booking, tenant);
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      await this.options.store.addChange(
        booking.id,
        { audit: [{ action: 'approval_failed', actor, at: now, reason: `Mattermost: ${error.reason}` }], mails: [] },
        now,
      );
      this.options.warn?.(`booking ${booking.id}: approval failed, Mattermost: ${error.reason}; the booking stays pending`);
      const provider = chat.provider(booking.chat?.backend ?? tenant.bookings!.chat!.backend)!;
      const team = booking.chat?.teamName ?? tenant.bookings!.chat!.team;
      throw new HttpError(
        502,
        'chat_unavailable',
        chatProblem(error, provider, team, 'The booking is still pending: approve it again once Mattermost works.'),
      );
    }
  }

  /**
   * A chat booking approved at once (automatic approval, trusted contact):
   * stored as pending first, then approved through Mattermost. If Mattermost
   * fails, it stays pending for the operator, and the booker is told it was
   * received.
   */
  async createChat(
    booking: BookingRecord,
    tenant: Tenant,
    manageUrl: string,
    challenge: { id: string; expiresAt: number },
    trusted: boolean,
  ): Promise<BookingView> {
    const { store, now: clock } = this.options;
    const now = booking.createdAt;
    if (
      !(await store.createBooking(
        booking,
        { audit: [{ action: 'created', actor: 'booker', at: now, reason: null }], mails: [] },
        challenge,
      ))
    ) {
      throw challengeUsed();
    }
    this.options.log?.(`booking ${booking.id} of tenant ${tenant.id} created (pending)`);
    try {
      return this.view(await this.approveNow(booking, trusted ? 'trusted-contact' : 'automatic', clock()), manageUrl, !trusted);
    } catch (error) {
      if (!(error instanceof HttpError && error.code === 'chat_unavailable')) throw error;
      await store.addChange(booking.id, { audit: [], mails: [await this.mail('received', booking, tenant)] }, now);
      this.options.onMail?.();
      return this.view(booking, manageUrl);
    }
  }

  async decide(
    booking: BookingRecord,
    status: 'rejected' | 'cancelled',
    from: BookingStatus[],
    actor: string,
    reason: string | null,
  ): Promise<BookingRecord> {
    const now = this.options.now();
    if (!from.includes(booking.status)) throw conflict(`The booking is ${booking.status}.`);
    if (status === 'cancelled' && booking.lastEnd <= now) throw conflict('The booking is over.');
    const { tenant } = await this.tenantOf(booking);
    const changed = await this.options.store.updateBooking(
      booking.id,
      from,
      { status, updatedAt: now },
      { audit: [{ action: status, actor, at: now, reason }], mails: [await this.mail(status, booking, tenant, reason)] },
    );
    if (!changed) throw conflict('The booking was changed meanwhile.');
    // The invites as stored when the change was written: an approval may have come after `booking` was read.
    if (changed.invites) {
      await this.options.revocations.revoke(changed.invites.moderatorJti, changed.lastEnd + HOUR_MS);
      await this.options.revocations.revoke(changed.invites.attendeeJti, changed.lastEnd + HOUR_MS);
    }
    this.options.log?.(`booking ${booking.id} ${status} by ${actor}`);
    this.options.onMail?.();
    return changed;
  }

  async find(id: string): Promise<BookingRecord> {
    const booking = /^[a-z0-9]{1,32}$/.test(id) ? await this.options.store.getBooking(id) : undefined;
    if (!booking) throw new HttpError(404, 'booking_not_found', 'No booking with that id.');
    return booking;
  }

  /** A mail about the booking; its links carry placeholders for their secrets, filled in when it is sent. */
  async mail(kind: BookingMailKind, booking: BookingRecord, tenant: Tenant, reason: string | null = null): Promise<OutboxMail> {
    const bookings = tenant.bookings!;
    const links = (await this.links.joinLinks(booking, bookings, true)) ?? undefined;
    const manageUrl =
      kind === 'received' || kind === 'approved'
        ? this.links.manageUrl(bookings, await this.links.manageToken(booking, bookings.retentionDays, true))
        : '';
    return bookingMail(kind, booking, {
      tenantName: tenant.name,
      config: bookings,
      manageUrl,
      reason,
      now: this.options.now(),
      ...(links ? { links } : {}),
    });
  }

  /** The booking's tenant, which must still take bookings: else `409 booking_conflict`. */
  async tenantOf(booking: BookingRecord): Promise<{ tenant: Tenant; bookings: BookingsConfig }> {
    const tenant = await this.options.directory.tenant(booking.tenant);
    if (!tenant?.bookings) throw conflict(`Tenant '${booking.tenant}' takes no bookings any more.`);
    return { tenant, bookings: tenant.bookings };
  }

  async view(booking: BookingRecord, manageUrl: string, showLinks = true): Promise<BookingView> {
    const links =
      showLinks && booking.status === 'approved' ? await this.links.joinLinks(booking, (await this.tenantOf(booking)).bookings) : null;
    return bookingView(booking, manageUrl, links);
  }

  async adminView(booking: BookingRecord): Promise<AdminBooking> {
    const { store } = this.options;
    const bookings = (await this.options.directory.tenant(booking.tenant))?.bookings;
    const view = bookings
      ? await this.view(booking, this.links.manageUrl(bookings, await this.links.manageToken(booking, bookings.retentionDays)))
      : undefined;
    return adminBookingView(
      booking,
      view,
      await store.isTrusted(booking.tenant, emailTrustKey(booking.contactEmail)),
      await store.audit(booking.id),
    );
  }
}

/** `409 booking_conflict` with the reason. */
export function conflict(detail: string): HttpError {
  return new HttpError(409, 'booking_conflict', detail);
}
