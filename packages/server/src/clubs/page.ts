// The contact person's club page: sign-in by e-mail link, the session, the
// club's view and data download, its rooms and links, another website, its
// logo and colours, handing over the contact role, and deleting the club.
import {
  CLUB_LIMITS,
  type ClubInvite,
  type ClubRoom,
  type ClubView,
  isValidId,
  MIN_TEXT_CONTRAST,
  type TenantTheme,
  THEME_PATTERNS,
  themeContrastProblem,
} from '@vereinsraum/protocol';
import { base64url } from 'jose';
import type { Limiter } from '../attempts.js';
import { emailLimitKey } from '../bookings/validate.js';
import { HttpError } from '../errors.js';
import { sha256Hex } from '../keys.js';
import { linkPlaceholder, linkSecret, newLinkId, secretHash } from '../links.js';
import type { ClubRecord, ClubRoomRecord } from '../store/clubs.js';
import { adminView, clubRoomView, email, httpsUrl, invalid, line, roomFields, websiteOrigin } from './fields.js';
import { clubMail } from './mails.js';
import { type ClubServiceOptions, HOUR_MS } from './options.js';

/** How long a sign-in link works. */
export const SIGNIN_MS = 15 * 60_000;
/** How long a contact person's session lasts. */
export const SESSION_MS = 8 * HOUR_MS;
/** How many website origins a club may have. */
export const MAX_ORIGINS = 10;
/** How many handovers of the contact role a club may ask for within an hour (each sends a mail to an address it names). */
export const HANDOVERS_PER_HOUR = 5;
/** A sign-in link's token: its id and the secret. */
const SIGNIN_TOKEN = /^([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{22})$/;
/** A handover link's token: the club id, the link's id and the secret. */
const HANDOVER_TOKEN = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{22})$/;

/** 256 random bits, base64url: a session cookie's value. */
function randomToken(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The CSRF token of a session: derived from the cookie's value, so the club
 * page can be given it again after a reload (`GET /v1/club/me`), which only
 * the page's own origin can read.
 */
export async function csrfOf(session: string): Promise<string> {
  return sha256Hex(`csrf\0${session}`);
}

/** What the contact person does on the club page (`/v1/club/…`). */
export class ClubPage {
  constructor(
    private readonly options: ClubServiceOptions,
    private readonly perClient: Limiter,
  ) {}

  /**
   * `POST /v1/club/signin` with `{ email }`: a sign-in link to the contact of
   * every active club with that address. The answer is the same whether
   * there is one or not.
   */
  async requestSignin(body: Record<string, unknown>, client: string, origin: string): Promise<void> {
    const { store, now: clock } = this.options;
    const address = email(body, 'email')!;
    const key = `signin|${client}`;
    const wait = await this.perClient.retryAfter(key);
    if (wait > 0)
      throw new HttpError(429, 'rate_limited', 'Too many sign-in links asked for from this address. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    await this.perClient.fail(key);
    const now = clock();
    const clubs = (await store.listClubs({ emailKey: emailLimitKey(address), status: 'active', limit: 20 })).filter(
      (club) => club.contactEmail.toLowerCase() === address.toLowerCase(),
    );
    const keys = await this.options.keys();
    const linkKey = keys.linkKey();
    if (!linkKey) return;
    for (const club of clubs) {
      const id = newLinkId();
      const secret = await linkSecret(linkKey.key, 'club-signin', id);
      const mail = clubMail('signin', club, {
        origin,
        link: `${origin}/club#signin=${linkPlaceholder('club-signin', linkKey.kid, id)}`,
        validFor: SIGNIN_MS / 60_000,
      });
      await store.addClubSignin({ id, club: club.id, secretHash: await secretHash(secret), expiresAt: now + SIGNIN_MS }, mail, now);
    }
    if (clubs.length > 0) this.options.onMail?.();
  }

  /**
   * Use a sign-in link's token once: a new session. Answers the session's
   * cookie value and CSRF token (the store keeps their SHA-256 only).
   */
  async signIn(token: unknown): Promise<{ club: string; session: string; csrf: string; expiresAt: number }> {
    const { store, now: clock } = this.options;
    const now = clock();
    const match = typeof token === 'string' ? SIGNIN_TOKEN.exec(token) : null;
    const club = match ? await store.useClubSignin(match[1]!, await secretHash(match[2]!), now) : undefined;
    if (!club || (await store.getClub(club))?.status !== 'active')
      throw new HttpError(401, 'link_invalid', 'This sign-in link is unknown, used or expired. Ask for a new one.');
    const session = randomToken();
    const csrf = await csrfOf(session);
    const expiresAt = now + SESSION_MS;
    await store.addClubSession({ id: await sha256Hex(session), club, csrfHash: await sha256Hex(csrf), expiresAt });
    this.options.log?.(`club ${club}: contact signed in`);
    return { club, session, csrf, expiresAt };
  }

  /** The contact person's view of the club. */
  async view(clubId: string, origin: string): Promise<ClubView> {
    const club = await this.active(clubId);
    const rooms = await this.options.store.listClubRooms(clubId);
    return {
      id: club.id,
      name: club.name,
      status: club.status,
      region: club.region,
      origins: [...club.origins],
      originRequest: club.originRequest?.origin ?? null,
      logoUrl: club.logoUrl,
      theme: club.theme,
      language: club.language,
      rooms: rooms.map((room) => clubRoomView(origin, room)),
      maxRooms: this.options.config.maxRooms,
    };
  }

  /**
   * Everything the store keeps of the club, for its contact person (data
   * download): the club with its contact and deputy, and its rooms' settings.
   * Hashes of codes and links are not data about anyone and stay out.
   */
  async export(clubId: string): Promise<Record<string, unknown>> {
    const club = await this.active(clubId);
    const rooms = await this.options.store.listClubRooms(clubId);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      club: {
        ...adminView(club, rooms.length),
        theme: club.theme,
        logoUrl: club.logoUrl,
        updatedAt: iso(club.updatedAt),
      },
      rooms: rooms.map(({ accessCode, moderatorCode, club: _club, createdAt, updatedAt, ...room }) => ({
        ...room,
        accessCode: accessCode !== null,
        moderatorCode: moderatorCode !== null,
        createdAt: iso(createdAt),
        updatedAt: iso(updatedAt),
      })),
    };
  }

  /** The signed-in club, while it is active: a suspended club's contact can change nothing. */
  async active(clubId: string): Promise<ClubRecord> {
    const club = await this.options.store.getClub(clubId);
    if (!club || club.status !== 'active') throw new HttpError(401, 'session_required', 'The club is not active: sign in again later.');
    return club;
  }

  /**
   * Ask the operator to allow another website origin (https; replaces an
   * earlier request still open). At most {@link MAX_ORIGINS} origins per club.
   */
  async requestOrigin(clubId: string, body: Record<string, unknown>): Promise<{ originRequest: string }> {
    const club = await this.active(clubId);
    const origin = websiteOrigin(body.origin, 'origin');
    if (club.origins.includes(origin)) throw new HttpError(409, 'club_conflict', `${origin} is allowed already.`, 'origin');
    if (club.origins.length >= MAX_ORIGINS)
      throw new HttpError(409, 'club_conflict', `A club may have ${MAX_ORIGINS} website origins.`, 'origin');
    const now = this.options.now();
    if (!(await this.options.store.updateClub(clubId, ['active'], { originRequest: { origin, at: now }, updatedAt: now }, { mails: [] })))
      throw new HttpError(401, 'session_required', 'The club is not active: sign in again later.');
    this.options.log?.(`club ${clubId}: another website origin asked for`);
    return { originRequest: origin };
  }

  /**
   * `POST /v1/club/branding`: the club's logo (an https URL) and colours
   * (`primary`, `onPrimary`, `#rrggbb`); a field left out stays, `null`
   * removes it. Colours whose contrast is below 4.5:1 (the text on buttons,
   * or the primary colour on white) are refused (`contrast_too_low`). The
   * tenant shows them at once.
   */
  async branding(clubId: string, body: Record<string, unknown>): Promise<{ logoUrl: string | null; theme: TenantTheme | null }> {
    const club = await this.active(clubId);
    let logoUrl = club.logoUrl;
    if (body.logoUrl === null || body.logoUrl === '') logoUrl = null;
    else if (body.logoUrl !== undefined) logoUrl = httpsUrl(body.logoUrl, 'logoUrl');
    const theme: TenantTheme = { ...club.theme };
    for (const field of ['primary', 'onPrimary'] as const) {
      const value = body[field];
      if (value === undefined) continue;
      if (value === null || value === '') delete theme[field];
      else if (typeof value === 'string' && THEME_PATTERNS[field].test(value)) theme[field] = value.toLowerCase();
      else throw invalid(field, `${field} must be a colour written #rrggbb (or null to remove it).`);
    }
    const problem = themeContrastProblem(theme);
    if (problem)
      throw new HttpError(
        400,
        'contrast_too_low',
        problem === 'onPrimary'
          ? `The text on buttons (onPrimary on primary) has a contrast below ${MIN_TEXT_CONTRAST}:1. Choose a darker primary or another text colour.`
          : `The primary colour on white has a contrast below ${MIN_TEXT_CONTRAST}:1 (it colours links and text). Choose a darker one.`,
        problem,
      );
    const kept = Object.keys(theme).length > 0 ? theme : null;
    const now = this.options.now();
    if (!(await this.options.store.updateClub(clubId, ['active'], { logoUrl, theme: kept, updatedAt: now }, { mails: [] })))
      throw new HttpError(401, 'session_required', 'The club is not active: sign in again later.');
    this.options.log?.(`club ${clubId}: logo and colours changed`);
    return { logoUrl, theme: kept };
  }

  /**
   * `POST /v1/club/handover` with `{ name, email }`: the contact person names
   * a new contact, who gets a confirmation link (valid as long as a
   * registration's). A second request replaces a pending one; at most
   * {@link HANDOVERS_PER_HOUR} an hour.
   */
  async requestHandover(clubId: string, body: Record<string, unknown>, origin: string): Promise<{ expiresAt: string }> {
    const club = await this.active(clubId);
    const name = line(body, 'name', CLUB_LIMITS.personMax)!;
    const address = email(body, 'email')!;
    if (address.toLowerCase() === club.contactEmail.toLowerCase())
      throw invalid('email', 'This is the address of the contact person already: name another person.');
    const key = `handover|${clubId}`;
    const wait = await this.perClient.retryAfter(key, HANDOVERS_PER_HOUR);
    if (wait > 0)
      throw new HttpError(429, 'rate_limited', 'Too many handovers asked for within an hour. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    await this.perClient.fail(key);
    const linkKey = (await this.options.keys()).linkKey();
    if (!linkKey) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
    const now = this.options.now();
    const hours = this.options.config.confirmHours;
    const id = newLinkId();
    const secret = await linkSecret(linkKey.key, 'club-handover', id);
    // The mail goes to the new person, in the club's language.
    const mail = clubMail(
      'handover',
      { ...club, contactName: name, contactEmail: address },
      {
        origin,
        link: `${origin}/club#handover=${clubId}.${linkPlaceholder('club-handover', linkKey.kid, id)}`,
        validFor: hours,
      },
    );
    const expiresAt = now + hours * HOUR_MS;
    await this.options.store.setClubHandover(
      { id, club: clubId, name, email: address, emailKey: emailLimitKey(address), secretHash: await secretHash(secret), expiresAt },
      mail,
      now,
    );
    this.options.log?.(`club ${clubId}: contact role offered to another person`);
    this.options.onMail?.();
    return { expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * `POST /v1/club/handover/confirm` with the link's token: the new contact
   * takes over; every session of the club ends, and the old contact is told.
   */
  async confirmHandover(token: unknown): Promise<{ club: string }> {
    const match = typeof token === 'string' ? HANDOVER_TOKEN.exec(token) : null;
    const refused = () =>
      new HttpError(404, 'link_invalid', 'This link to take over the contact role is unknown, used or expired. Ask for a new one.');
    if (!match) throw refused();
    const [, clubId, id, secret] = match as unknown as [string, string, string, string];
    const club = await this.options.store.getClub(clubId);
    if (!club) throw refused();
    const mail = clubMail('handed-over', club, { origin: '' });
    const changed = await this.options.store.useClubHandover(clubId, id, await secretHash(secret), this.options.now(), mail);
    if (!changed) throw refused();
    this.options.log?.(`club ${clubId}: contact role handed over`);
    this.options.onMail?.();
    return { club: clubId };
  }

  /** The contact person deletes the club with everything of it. */
  async deleteClub(clubId: string): Promise<void> {
    await this.active(clubId);
    if (!(await this.options.store.deleteClub(clubId))) throw new HttpError(404, 'club_not_found', `There is no club '${clubId}'.`);
    this.options.log?.(`club ${clubId} deleted (contact)`);
  }

  /** The club's links that still work (not expired, not revoked), newest first: the page can revoke them. */
  async invites(clubId: string): Promise<ClubInvite[]> {
    await this.active(clubId);
    const iso = (ms: number) => new Date(ms).toISOString();
    const invites = await this.options.store.listClubInvites(clubId, this.options.now());
    const revoked = await Promise.all(invites.map((invite) => this.options.revocations.isRevoked(invite.id)));
    return invites
      .filter((_, i) => !revoked[i])
      .map((invite) => ({
        id: invite.id,
        room: invite.room,
        role: invite.role,
        createdAt: iso(invite.createdAt),
        expiresAt: iso(invite.expiresAt),
      }));
  }

  async room(clubId: string, roomId: string): Promise<ClubRoomRecord> {
    const room = isValidId(roomId) ? await this.options.store.getClubRoom(clubId, roomId) : undefined;
    if (!room) throw new HttpError(404, 'room_not_found', `There is no room '${isValidId(roomId) ? roomId : '(invalid)'}' in this club.`);
    return room;
  }

  async createRoom(clubId: string, body: Record<string, unknown>, origin: string): Promise<ClubRoom> {
    await this.active(clubId);
    const now = this.options.now();
    if (!isValidId(body.id)) throw invalid('id', 'id must be lowercase letters, digits and inner hyphens, at most 64 characters.');
    const room = await roomFields(
      { start: 'moderator-code', ...body },
      {
        club: clubId,
        id: body.id,
        name: '',
        start: 'moderator-code',
        accessCode: null,
        moderatorCode: null,
        waitingRoom: false,
        muteOnEntry: false,
        allModerators: false,
        recording: false,
        createdAt: now,
        updatedAt: now,
      },
    );
    if (!room.name) throw invalid('name', 'name is required.');
    const result = await this.options.store.createClubRoom(room, this.options.config.maxRooms);
    if (result === 'taken') throw new HttpError(409, 'club_conflict', `The club has a room '${room.id}' already.`, 'id');
    if (result === 'limit')
      throw new HttpError(409, 'club_conflict', `A club may have ${this.options.config.maxRooms} rooms; delete one first.`, 'id');
    this.options.log?.(`club ${clubId}: room ${room.id} created`);
    return clubRoomView(origin, room);
  }

  async updateRoom(clubId: string, roomId: string, body: Record<string, unknown>, origin: string): Promise<ClubRoom> {
    await this.active(clubId);
    if (body.id !== undefined && body.id !== roomId) throw invalid('id', "A room's id cannot change: make a new room.");
    const room = await roomFields(body, { ...(await this.room(clubId, roomId)), updatedAt: this.options.now() });
    if (!(await this.options.store.updateClubRoom(room)))
      throw new HttpError(404, 'room_not_found', `There is no room '${roomId}' in this club.`);
    return clubRoomView(origin, room);
  }

  async deleteRoom(clubId: string, roomId: string): Promise<void> {
    await this.active(clubId);
    if (!isValidId(roomId) || !(await this.options.store.deleteClubRoom(clubId, roomId)))
      throw new HttpError(404, 'room_not_found', `There is no room '${isValidId(roomId) ? roomId : '(invalid)'}' in this club.`);
    this.options.log?.(`club ${clubId}: room ${roomId} deleted`);
  }
}
