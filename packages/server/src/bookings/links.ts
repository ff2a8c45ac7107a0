import type { BookingsConfig } from '../config/index.js';
import { BOOKED_ROOM_PREFIX } from '../directory.js';
import { INVITE_MAX_SECONDS, makeShortInvite, shortInviteToken } from '../invites.js';
import type { KeySet } from '../keys.js';
import { linkPlaceholder, linkSecret, secretHash } from '../links.js';
import type { BookingRecord, InviteRecord } from '../store/types.js';
import { signManageToken } from './tokens.js';

/** Invites of a booked room work from this long before its first date. */
export const INVITE_LEAD_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** A booking's two join links. */
export interface JoinLinks {
  moderator: string;
  attendee: string;
}

/**
 * A booking's links: the manage link the booker keeps, and once approved, the
 * room's two invite links. Short links' secrets are derived from the key set
 * (never stored), so the links can be shown again; a mail gets placeholders
 * that are filled in as it is sent.
 */
export class BookingLinks {
  constructor(
    private readonly keys: () => Promise<KeySet>,
    private readonly now: () => number,
  ) {}

  /** A new booking's manage secret: what the booking keeps (its hash), and the token for the link. */
  async newManageSecret(id: string): Promise<{ manage: NonNullable<BookingRecord['manage']>; manageToken: string }> {
    const linkKey = (await this.keys()).linkKey();
    if (!linkKey) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
    const secret = await linkSecret(linkKey.key, 'manage', id);
    return { manage: { kid: linkKey.kid, hash: await secretHash(secret) }, manageToken: `${id}.${secret}` };
  }

  /**
   * The booking's manage token: the short one, derived again (for a mail,
   * its placeholder); a signed one for bookings made before short links, or
   * when the key set no longer has the key the short one came from (valid
   * for the booking's retention, `retentionDays` after its last date).
   */
  async manageToken(booking: BookingRecord, retentionDays: number, forMail = false): Promise<string> {
    const keys = await this.keys();
    const linkKey = booking.manage && keys.linkKey(booking.manage.kid);
    if (linkKey && forMail) return linkPlaceholder('manage', linkKey.kid, booking.id);
    if (linkKey) return `${booking.id}.${await linkSecret(linkKey.key, 'manage', booking.id)}`;
    return signManageToken(keys, booking.id, this.now(), booking.lastEnd + retentionDays * DAY_MS);
  }

  /** The manage link: the form page with the token in its fragment. */
  manageUrl(bookings: BookingsConfig, token: string): string {
    return `${bookings.formPage}#manage=${token}`;
  }

  /**
   * The join links of an approved booking: `<joinPage>#invite=<token>`
   * (for a mail, with placeholders for the tokens). `null` before approval,
   * and when the key set no longer has the key the invites' secrets came
   * from (they no longer work then). Bookings approved before short links
   * keep their signed invites, and `&room=`.
   */
  async joinLinks(booking: BookingRecord, bookings: BookingsConfig, forMail = false): Promise<JoinLinks | null> {
    const invites = booking.invites;
    if (!invites) return null;
    const page = bookings.joinPage;
    if (invites.moderator && invites.attendee) {
      const room = encodeURIComponent(booking.room ?? '');
      return { moderator: `${page}#invite=${invites.moderator}&room=${room}`, attendee: `${page}#invite=${invites.attendee}&room=${room}` };
    }
    const keys = await this.keys();
    const kid = invites.kid ?? '';
    const token = (id: string) => (forMail && keys.linkKey(kid) ? linkPlaceholder('invite', kid, id) : shortInviteToken(keys, { id, kid }));
    const [moderator, attendee] = await Promise.all([token(invites.moderatorJti), token(invites.attendeeJti)]);
    return moderator && attendee ? { moderator: `${page}#invite=${moderator}`, attendee: `${page}#invite=${attendee}` } : null;
  }

  /**
   * The booking with its room and both invites (status `approved`), and the
   * invites' records to store with the approval: short invites, whose
   * secrets are never stored. They work from {@link INVITE_LEAD_MS} before
   * the first date to the end of the last.
   */
  async withRoom(booking: BookingRecord, now: number): Promise<{ booking: BookingRecord; invites: InviteRecord[] }> {
    const keys = await this.keys();
    const room = `${BOOKED_ROOM_PREFIX}${booking.id}`;
    const notBefore = booking.firstStart - INVITE_LEAD_MS;
    // In whole seconds of both ends: the expiry (now + this) is then the second the last date ends in, not one later.
    const expiresInSeconds = Math.min(INVITE_MAX_SECONDS, Math.max(60, Math.floor(booking.lastEnd / 1000) - Math.floor(now / 1000)));
    const spec = {
      tenant: booking.tenant,
      room,
      expiresInSeconds,
      now,
      bookingId: booking.id,
      ...(notBefore > now ? { notBefore } : {}),
      ...(booking.kind === 'chat' ? { kind: 'chat' as const } : {}),
    };
    const [moderator, attendee] = await Promise.all([
      makeShortInvite(keys, { ...spec, role: 'moderator' }),
      makeShortInvite(keys, { ...spec, role: 'attendee' }),
    ]);
    return {
      booking: {
        ...booking,
        status: 'approved',
        room,
        invites: { moderatorJti: moderator.record.id, attendeeJti: attendee.record.id, kid: moderator.record.kid },
      },
      invites: [moderator.record, attendee.record],
    };
  }
}
