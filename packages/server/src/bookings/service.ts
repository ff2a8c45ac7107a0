import {
  type AdminBooking,
  type BookingChallenge,
  type BookingCreated,
  type BookingDate,
  type BookingForm,
  type BookingView,
  isValidId,
} from '@vereinsraum/protocol';
import { AttemptLimiter, type Limiter } from '../attempts.js';
import type { BookingsConfig, Tenant } from '../config/index.js';
import { BOOKED_ROOM_PREFIX } from '../directory.js';
import { HttpError } from '../errors.js';
import { secretMatches, splitLinkToken } from '../links.js';
import type { AuditEntry, BookingQuery, BookingRecord, InviteRecord, OutboxMail, PurgeResult } from '../store/types.js';
import { bookingCalendar } from './calendar.js';
import { challengeUsed, makeChallenge, requireSolution } from './challenge.js';
import { BookingChanges, conflict } from './changes.js';
import { BookingLinks } from './links.js';
import type { BookingServiceOptions } from './options.js';
import { checkReason } from './reason.js';
import { verifyManageToken } from './tokens.js';
import { emailTrustKey, validateBooking } from './validate.js';
import { linksShown } from './views.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Bookings: the rules between the HTTP routes (and the CLI) and the store.
 * Creates, shows, approves, rejects and cancels bookings, issues their invites
 * and manage tokens, writes an audit row for every decision and queues the
 * mails in the same transaction.
 */
export class BookingService {
  /** Bookings per tenant and client within an hour (the limit is each tenant's). */
  private readonly perClient: Limiter;
  private readonly links: BookingLinks;
  private readonly changes: BookingChanges;

  constructor(private readonly options: BookingServiceOptions) {
    this.perClient = options.perClient ?? new AttemptLimiter(Number.POSITIVE_INFINITY, HOUR_MS, options.now);
    this.links = new BookingLinks(options.keys, options.now);
    this.changes = new BookingChanges(options, this.links);
  }

  /** The tenant and its bookings section, or the problem: `tenant_not_found`, `bookings_disabled`. */
  async tenant(id: unknown): Promise<{ tenant: Tenant; bookings: BookingsConfig }> {
    const tenant = typeof id === 'string' ? await this.options.directory.tenant(id) : undefined;
    if (!tenant) throw new HttpError(404, 'tenant_not_found', `There is no tenant '${isValidId(id) ? id : '(invalid)'}'.`, 'tenant');
    if (!tenant.bookings) throw new HttpError(403, 'bookings_disabled', `Tenant '${tenant.id}' takes no bookings.`);
    return { tenant, bookings: tenant.bookings };
  }

  /** `GET /v1/bookings/form`: what the form shows and checks. */
  async form(tenantId: unknown): Promise<BookingForm> {
    const { tenant, bookings } = await this.tenant(tenantId);
    return {
      tenant: tenant.id,
      name: tenant.name,
      consentText: { ...bookings.consentText },
      privacyUrl: bookings.privacyPolicyUrl,
      approval: bookings.approval,
      maxDurationMinutes: bookings.maxHours * 60,
      maxWeeks: bookings.maxWeeks,
      retentionDays: bookings.retentionDays,
      language: bookings.language,
      kinds: this.options.chat?.takes(tenant) ? ['video', 'chat'] : ['video'],
      timeZone: bookings.timeZone,
    };
  }

  /** `GET /v1/bookings/challenge`: a new proof-of-work challenge. */
  async challenge(tenantId: unknown): Promise<BookingChallenge> {
    const { tenant, bookings } = await this.tenant(tenantId);
    return makeChallenge(await this.options.challengeKey(), tenant.id, bookings.challengeMaxNumber, this.options.now());
  }

  /**
   * `POST /v1/bookings`: check everything, then store the booking (approved
   * at once when the tenant approves automatically or the contact is trusted).
   */
  async create(body: Record<string, unknown>, client: string): Promise<BookingCreated> {
    const { store, now: clock } = this.options;
    const { tenant, bookings } = await this.tenant(body.tenant);
    const now = clock();
    const valid = validateBooking(body, bookings, now, this.options.chat?.takes(tenant) === true);
    if (typeof body.website === 'string' && body.website !== '')
      throw new HttpError(400, 'invalid_input', 'Leave the field "website" empty.', 'website');
    const solved = await requireSolution(await this.options.challengeKey(), body.altcha, tenant.id, now);

    const emailCount = await store.countBookingsByEmail(tenant.id, valid.emailKey, now - DAY_MS);
    if (emailCount >= bookings.perEmailPerDay) {
      throw new HttpError(429, 'rate_limited', 'Too many bookings for this e-mail address today. Try again later.', 'contactEmail', {
        'retry-after': '3600',
      });
    }
    const clientKey = `${tenant.id}|${client}`;
    const wait = await this.perClient.retryAfter(clientKey, bookings.perClientPerHour);
    if (wait > 0)
      throw new HttpError(429, 'rate_limited', 'Too many bookings from this address. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    await this.perClient.fail(clientKey);

    const trusted = bookings.approval === 'manual' && (await store.isTrusted(tenant.id, emailTrustKey(valid.contactEmail)));
    const id = newId();
    const { manage, manageToken } = await this.links.newManageSecret(id);
    let booking: BookingRecord = {
      id,
      tenant: tenant.id,
      status: 'pending',
      ...valid,
      room: null,
      invites: null,
      manage,
      createdAt: now,
      updatedAt: now,
    };
    const manageUrl = this.links.manageUrl(bookings, manageToken);
    if (booking.kind === 'chat' && (bookings.approval === 'automatic' || trusted)) {
      return { ...(await this.changes.createChat(booking, tenant, manageUrl, solved, trusted)), manageToken };
    }
    let mail: OutboxMail;
    let invites: InviteRecord[] = [];
    if (bookings.approval === 'automatic' || trusted) {
      ({ booking, invites } = await this.links.withRoom(booking, now));
      mail = await this.changes.mail('approved', booking, tenant);
    } else {
      mail = await this.changes.mail('received', booking, tenant);
    }
    const audit: AuditEntry[] = [{ action: 'created', actor: 'booker', at: now, reason: null }];
    if (booking.status === 'approved')
      audit.push({ action: 'approved', actor: trusted ? 'trusted-contact' : 'automatic', at: now, reason: null });
    if (!(await store.createBooking(booking, { audit, mails: [mail], invites }, solved))) {
      throw challengeUsed();
    }
    this.options.log?.(`booking ${id} of tenant ${tenant.id} created (${booking.status})`);
    this.options.onMail?.();
    return { ...(await this.changes.view(booking, manageUrl, !trusted)), manageToken };
  }

  /**
   * The booking for its manage token, or `booking_not_found` (also for a
   * wrong or missing token): a short token's secret is compared with the
   * stored hash in constant time (and its key must still be in the key set);
   * a signed one (older links, or made after that key was removed) is
   * verified.
   */
  async authorized(id: string, token: string | undefined): Promise<BookingRecord> {
    const booking = /^[a-z0-9]{1,32}$/.test(id) ? await this.options.store.getBooking(id) : undefined;
    const keys = await this.options.keys();
    const short = token ? splitLinkToken(token) : undefined;
    // A short token: its secret against the stored hash, and its key still in the set (as for a signed one).
    const valid = short
      ? (await secretMatches(short.secret, booking?.manage?.hash)) && short.id === id && !!keys.linkKey(booking!.manage!.kid)
      : !!token && (await verifyManageToken(keys, token, id, this.options.now()));
    if (!booking || !valid) {
      throw new HttpError(404, 'booking_not_found', 'No booking with that id, or the manage token does not fit it.');
    }
    return booking;
  }

  /** `GET /v1/bookings/{id}`. */
  async get(id: string, token: string | undefined): Promise<BookingView> {
    const booking = await this.authorized(id, token);
    const { bookings } = await this.changes.tenantOf(booking);
    return this.changes.view(booking, this.links.manageUrl(bookings, token!), linksShown(await this.options.store.audit(booking.id)));
  }

  /** `GET /v1/bookings/{id}/calendar.ics`. */
  async calendar(id: string, token: string | undefined): Promise<string> {
    const booking = await this.authorized(id, token);
    const { tenant, bookings } = await this.changes.tenantOf(booking);
    const shown = booking.status === 'approved' && linksShown(await this.options.store.audit(booking.id));
    const link = shown ? ((await this.links.joinLinks(booking, bookings))?.attendee ?? null) : null;
    return bookingCalendar(booking, link, tenant.name, this.options.now());
  }

  /** `DELETE /v1/bookings/{id}`: the booker cancels; the invites are revoked. */
  async cancel(id: string, token: string | undefined): Promise<BookingView> {
    const booking = await this.authorized(id, token);
    const changed = await this.changes.decide(booking, 'cancelled', ['pending', 'approved'], 'booker', null);
    return this.changes.view(changed, this.links.manageUrl((await this.changes.tenantOf(changed)).bookings, token!));
  }

  /**
   * The operator approves a pending booking: its room and invites are made;
   * for a chat booking first its Mattermost channel. When Mattermost fails,
   * the booking stays pending with an `approval_failed` audit row, and the
   * answer is `502 chat_unavailable`: approving again continues with the
   * channel made so far.
   */
  async approve(id: string, actor: string): Promise<AdminBooking> {
    const booking = await this.changes.find(id);
    const now = this.options.now();
    if (booking.status !== 'pending') throw conflict(`The booking is ${booking.status}, not pending.`);
    if (booking.lastEnd - now < 60_000) throw conflict('The booking is over.');
    return this.changes.adminView(await this.changes.approveNow(booking, actor, now));
  }

  /** The operator rejects a pending booking, with an optional reason for the booker. */
  async reject(id: string, actor: string, reason: string | null): Promise<AdminBooking> {
    const booking = await this.changes.find(id);
    return this.changes.adminView(await this.changes.decide(booking, 'rejected', ['pending'], actor, reason));
  }

  /**
   * The operator cancels a pending or approved booking whose last date has
   * not ended, with a required reason (at most 500 characters, no control
   * characters; else `400 invalid_input`): as when the booker cancels, the
   * invites are revoked and the booked room is gone; the contact person gets
   * a mail with the reason (and, for an approved booking, a calendar file
   * that removes the dates).
   */
  async cancelByOperator(id: string, actor: string, reason: unknown): Promise<AdminBooking> {
    const text = checkReason(reason, true);
    const booking = await this.changes.find(id);
    return this.changes.adminView(await this.changes.decide(booking, 'cancelled', ['pending', 'approved'], actor, text));
  }

  /** The operator's list. */
  async list(query: BookingQuery): Promise<AdminBooking[]> {
    const rows = await this.options.store.listBookings(query);
    return Promise.all(rows.map((row) => this.changes.adminView(row)));
  }

  /** One booking for the operator. */
  async adminGet(id: string): Promise<AdminBooking> {
    return this.changes.adminView(await this.changes.find(id));
  }

  /** Mark an e-mail address trusted (later bookings approved at once) or not. */
  async trust(tenantId: unknown, email: unknown, trusted: boolean, actor: string): Promise<void> {
    const { tenant } = await this.tenant(tenantId);
    if (typeof email !== 'string' || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      throw new HttpError(400, 'invalid_input', 'email must be an e-mail address.', 'email');
    }
    await this.options.store.setTrusted(tenant.id, emailTrustKey(email), trusted, actor, this.options.now());
    this.options.log?.(`a contact of tenant ${tenant.id} was ${trusted ? 'trusted' : 'untrusted'} by ${actor}`);
  }

  /** The dates of a booked room (`b-…`) while its booking is approved; none for any other room. */
  async roomDates(tenant: Tenant, roomId: string): Promise<BookingDate[]> {
    const booking =
      tenant.bookings && roomId.startsWith(BOOKED_ROOM_PREFIX) ? await this.options.store.getBookingByRoom(tenant.id, roomId) : undefined;
    return booking ? booking.dates.map((date) => ({ ...date })) : [];
  }

  /** Delete bookings (with their audit rows and mails) whose retention has passed. */
  async purge(): Promise<PurgeResult> {
    const now = this.options.now();
    const cutoffs = new Map<string, number>();
    for (const tenant of await this.options.directory.bookingTenants())
      cutoffs.set(tenant.id, now - tenant.bookings!.retentionDays * DAY_MS);
    return this.options.store.purge(cutoffs, now - 90 * DAY_MS, now);
  }
}

/** A booking id: 12 characters of [a-z0-9] (about 62 bits), unguessable. */
function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  // 252 = 7 × 36: re-draw bytes above it so every character is equally likely.
  return Array.from(bytes, (byte) => {
    let b = byte;
    while (b >= 252) b = crypto.getRandomValues(new Uint8Array(1))[0]!;
    return alphabet[b % 36];
  }).join('');
}
