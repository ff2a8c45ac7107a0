import {
  type AdminClub,
  checkBookingText,
  CLUB_KINDS,
  CLUB_LIMITS,
  CLUB_ROOM_STARTS,
  type ClubForm,
  type ClubKind,
  type ClubRegistered,
  type ClubRoom,
  type ClubRoomStart,
  type ClubView,
  isEmailAddress,
  isValidId,
  ACCESS_CODE_MAX,
  type BookingChallenge,
} from '@vereinsraum/protocol';
import { base64url } from 'jose';
import { AttemptLimiter, type Limiter } from '../attempts.js';
import { checkSolution, makeChallenge } from '../bookings/challenge.js';
import { checkReason } from '../bookings/reason.js';
import { emailLimitKey } from '../bookings/validate.js';
import type { ClubsConfig } from '../config/index.js';
import type { TenantDirectory } from '../directory.js';
import { HttpError } from '../errors.js';
import { INVITE_MAX_SECONDS, makeShortInvite } from '../invites.js';
import { type KeySet, sha256Hex } from '../keys.js';
import { linkPlaceholder, linkSecret, newLinkId, secretHash, secretMatches } from '../links.js';
import type { ClubRecord, ClubRoomRecord } from '../store/clubs.js';
import type { Store } from '../store/types.js';
import { hashCode } from './codes.js';
import { clubMail } from './mails.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How long a sign-in link works. */
export const SIGNIN_MS = 15 * 60_000;
/** How long a contact person's session lasts. */
export const SESSION_MS = 8 * HOUR_MS;
/** The proof-of-work challenges of the registration form carry this instead of a tenant (no tenant id can be it). */
const CHALLENGE_SCOPE = '-clubs';
/** A confirmation link's token: the club id and the secret. */
const CONFIRM_TOKEN = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.([A-Za-z0-9_-]{22})$/;
/** A sign-in link's token: its id and the secret. */
const SIGNIN_TOKEN = /^([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{22})$/;

/** Who is deciding: the operator (all regions) or a scoped operator (`regions`). */
export interface OperatorScope {
  /** `admin-api`, `cli:<user>`, `region-admin`: goes into the log, never a name. */
  actor: string;
  /** The regions this operator sees; absent: all. */
  regions?: readonly string[];
}

/** What the club service needs. */
export interface ClubServiceOptions {
  config: ClubsConfig;
  store: Store;
  directory: TenantDirectory;
  keys(): Promise<KeySet>;
  now(): number;
  /** HMAC key of the proof-of-work challenges (shared by every instance). */
  challengeKey(): Promise<string>;
  /** Counts registrations and sign-in requests per client within an hour (default: in this process's memory). */
  perClient?: Limiter;
  onMail?: () => void;
  /** Told about clubs by id and state; never names or addresses. */
  log?: (message: string) => void;
}

/** The two lines a club's webmaster pastes into the club's website. */
export function embedSnippet(origin: string, tenant: string, room: string): string {
  return (
    `<script type="module" src="${origin}/cdn/vereinsraum.js"></script>\n` +
    `<verein-join-room endpoint="${origin}" tenant="${tenant}" room="${room}"></verein-join-room>`
  );
}

/** A link that opens `room` of `tenant` on the server's own join page with an invite. */
export function joinLink(origin: string, tenant: string, room: string, token: string): string {
  return `${origin}/join/${tenant}/${room}#invite=${token}`;
}

function invalid(field: string, detail: string): HttpError {
  return new HttpError(400, 'invalid_input', detail, field);
}

function line(body: Record<string, unknown>, field: string, max: number, optional = false): string | null {
  const value = body[field];
  if (optional && (value === undefined || value === null || value === '')) return null;
  const problem = checkBookingText(value, 2, max);
  if (problem === 'missing') throw invalid(field, `${field} is required.`);
  if (problem === 'links') throw invalid(field, `${field} must not contain links or web addresses: it goes into e-mails.`);
  if (problem) throw invalid(field, `${field} must be a text of 2 to ${max} characters without control characters.`);
  return (value as string).trim();
}

function email(body: Record<string, unknown>, field: string, optional = false): string | null {
  const value = body[field];
  if (optional && (value === undefined || value === null || value === '')) return null;
  if (!isEmailAddress(value)) throw invalid(field, `${field} must be an e-mail address.`);
  return value.trim();
}

/** The origin of the club's website (https; http only on loopback). */
function websiteOrigin(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value.trim()) : undefined;
  } catch {
    url = undefined;
  }
  const loopback = url && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
  if (!url || url.username || url.password || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw invalid('website', 'website must be the address of your website, beginning with https://.');
  return url.origin;
}

/** A readable tenant id from a club's name: `TSV Musterstadt 1890 e. V.` → `tsv-musterstadt-1890-e-v`. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'verein';
}

/** A room's settings and name from a request body; `base` for what the body leaves out. */
async function roomFields(body: Record<string, unknown>, base: ClubRoomRecord): Promise<ClubRoomRecord> {
  const next = { ...base };
  if (body.name !== undefined) next.name = line(body, 'name', CLUB_LIMITS.nameMax)!;
  if (body.start !== undefined) {
    if (!CLUB_ROOM_STARTS.includes(body.start as ClubRoomStart))
      throw invalid('start', `start must be one of ${CLUB_ROOM_STARTS.join(', ')}.`);
    next.start = body.start as ClubRoomStart;
  }
  for (const field of ['waitingRoom', 'muteOnEntry', 'allModerators', 'recording'] as const) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== 'boolean') throw invalid(field, `${field} must be true or false.`);
    next[field] = body[field];
  }
  for (const [field, column] of [
    ['accessCode', 'accessCode'],
    ['moderatorCode', 'moderatorCode'],
  ] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (value === null || value === '') {
      next[column] = null;
      continue;
    }
    if (typeof value !== 'string' || value !== value.trim() || value.length < CLUB_LIMITS.codeMin || value.length > ACCESS_CODE_MAX)
      throw invalid(
        field,
        `${field} must have ${CLUB_LIMITS.codeMin} to ${ACCESS_CODE_MAX} characters and no spaces at either end (or null to remove it).`,
      );
    next[column] = await hashCode(value);
  }
  if (typeof body.accessCode === 'string' && body.accessCode !== '' && body.accessCode === body.moderatorCode)
    throw invalid('moderatorCode', 'The moderator code must differ from the access code.');
  return next;
}

/** A club's room as its contact person sees it. */
export function clubRoomView(origin: string, room: ClubRoomRecord): ClubRoom {
  return {
    id: room.id,
    name: room.name,
    start: room.start,
    accessCode: room.accessCode !== null,
    moderatorCode: room.moderatorCode !== null,
    waitingRoom: room.waitingRoom,
    muteOnEntry: room.muteOnEntry,
    allModerators: room.allModerators,
    recording: room.recording,
    embed: embedSnippet(origin, room.club, room.id),
  };
}

function adminView(club: ClubRecord, rooms: number): AdminClub {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: club.id,
    status: club.status,
    name: club.name,
    kind: club.kind,
    region: club.region,
    origins: [...club.origins],
    contactName: club.contactName,
    contactEmail: club.contactEmail,
    deputyName: club.deputyName,
    deputyEmail: club.deputyEmail,
    language: club.language,
    backend: club.backend,
    reason: club.reason,
    rooms,
    createdAt: new Date(club.createdAt).toISOString(),
    confirmedAt: iso(club.confirmedAt),
    decidedAt: iso(club.decidedAt),
  };
}

/**
 * Clubs that register themselves: registration with double opt-in, the
 * operator's decisions (scoped by region), the contact person's sign-in and
 * the club's rooms. Every change is one store transaction with its mails.
 */
export class ClubService {
  private readonly perClient: Limiter;

  constructor(private readonly options: ClubServiceOptions) {
    this.perClient = options.perClient ?? new AttemptLimiter(options.config.perClientPerHour, HOUR_MS, options.now);
  }

  get config(): ClubsConfig {
    return this.options.config;
  }

  /** `GET /v1/clubs/form`. */
  form(): ClubForm {
    const { regions, termsUrl, privacyPolicyUrl, confirmHours } = this.options.config;
    return { regions: regions.map((r) => ({ ...r })), kinds: [...CLUB_KINDS], termsUrl, privacyUrl: privacyPolicyUrl, confirmHours };
  }

  /** `GET /v1/clubs/challenge`. */
  async challenge(): Promise<BookingChallenge> {
    return makeChallenge(await this.options.challengeKey(), CHALLENGE_SCOPE, this.options.config.challengeMaxNumber, this.options.now());
  }

  /** `POST /v1/clubs`: check, store the club unconfirmed, and mail the confirmation link. */
  async register(body: Record<string, unknown>, client: string, origin: string): Promise<ClubRegistered> {
    const { config, store, now: clock } = this.options;
    const now = clock();
    const name = line(body, 'name', CLUB_LIMITS.nameMax)!;
    if (!CLUB_KINDS.includes(body.kind as ClubKind)) throw invalid('kind', `kind must be one of ${CLUB_KINDS.join(', ')}.`);
    const website = websiteOrigin(body.website);
    const region = config.regions.find((r) => r.id === body.region);
    if (!region) throw invalid('region', 'region must be one of the regions of GET /v1/clubs/form.');
    const contactName = line(body, 'contactName', CLUB_LIMITS.personMax)!;
    const contactEmail = email(body, 'contactEmail')!;
    const deputyName = line(body, 'deputyName', CLUB_LIMITS.personMax, true);
    const deputyEmail = email(body, 'deputyEmail', true);
    if ((deputyName === null) !== (deputyEmail === null))
      throw invalid(deputyName === null ? 'deputyName' : 'deputyEmail', 'A deputy needs both a name and an e-mail address.');
    if (body.language !== undefined && body.language !== 'de' && body.language !== 'en')
      throw invalid('language', 'language must be "de" or "en".');
    if (body.consent !== true) throw invalid('consent', 'Agree to the terms of use and the privacy policy (consent: true).');
    if (typeof body.homepage === 'string' && body.homepage !== '') throw invalid('homepage', 'Leave the field "homepage" empty.');
    const solved = await checkSolution(await this.options.challengeKey(), body.altcha, CHALLENGE_SCOPE, now);
    if (!solved)
      throw new HttpError(
        403,
        'challenge_failed',
        'The proof-of-work answer is missing, wrong or expired. Fetch a new challenge.',
        'altcha',
      );

    const emailKey = emailLimitKey(contactEmail);
    if ((await store.countClubsByEmail(emailKey, now - DAY_MS)) >= config.perEmailPerDay)
      throw new HttpError(429, 'rate_limited', 'Too many registrations for this e-mail address today. Try again later.', 'contactEmail', {
        'retry-after': '3600',
      });
    const clientKey = `clubs|${client}`;
    const wait = await this.perClient.retryAfter(clientKey);
    if (wait > 0)
      throw new HttpError(429, 'rate_limited', 'Too many registrations from this address. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    await this.perClient.fail(clientKey);

    const keys = await this.options.keys();
    const linkKey = keys.linkKey();
    if (!linkKey) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
    const base = slugOf(name);
    for (let n = 1; n <= 20; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      // A configured tenant's id is never taken by a club.
      if (await this.options.directory.tenant(id)) continue;
      const secret = await linkSecret(linkKey.key, 'club-confirm', id);
      const club: ClubRecord = {
        id,
        status: 'unconfirmed',
        name,
        kind: body.kind as ClubKind,
        region: region.id,
        origins: [website],
        contactName,
        contactEmail,
        emailKey,
        deputyName,
        deputyEmail,
        language: (body.language as 'de' | 'en' | undefined) ?? 'de',
        backend: config.backend,
        logoUrl: null,
        theme: null,
        confirm: { kid: linkKey.kid, hash: await secretHash(secret) },
        confirmBy: now + config.confirmHours * HOUR_MS,
        reason: null,
        createdAt: now,
        confirmedAt: null,
        decidedAt: null,
        updatedAt: now,
      };
      const mail = clubMail('confirm', club, {
        origin,
        link: `${origin}/club#confirm=${linkPlaceholder('club-confirm', linkKey.kid, id)}`,
        validFor: config.confirmHours,
      });
      const result = await store.createClub(club, mail, solved);
      if (result === 'challenge_used')
        throw new HttpError(403, 'challenge_failed', 'This challenge was used before. Fetch a new one.', 'altcha');
      if (result === 'id_taken') continue;
      this.options.log?.(`club ${id} registered (unconfirmed)`);
      this.options.onMail?.();
      return { status: 'unconfirmed', confirmBy: new Date(club.confirmBy!).toISOString() };
    }
    throw new HttpError(409, 'club_conflict', 'There are too many clubs of that name. Add the town to the name.', 'name');
  }

  /** `POST /v1/clubs/confirm` with the link's token: the registration reaches the operator. */
  async confirm(token: unknown): Promise<{ status: 'pending' }> {
    const { store, now: clock } = this.options;
    const now = clock();
    const match = typeof token === 'string' ? CONFIRM_TOKEN.exec(token) : null;
    const club = match ? await store.getClub(match[1]!) : undefined;
    const fits = await secretMatches(match?.[2] ?? '', club?.confirm?.hash);
    if (
      !club ||
      !fits ||
      club.status !== 'unconfirmed' ||
      (club.confirmBy ?? 0) <= now ||
      !(await this.options.keys()).linkKey(club.confirm!.kid)
    )
      throw new HttpError(404, 'link_invalid', 'This confirmation link is unknown, used or expired. Register again.');
    const changed = await store.updateClub(
      club.id,
      ['unconfirmed'],
      { status: 'pending', confirm: null, confirmBy: null, confirmedAt: now, updatedAt: now },
      { mails: [] },
    );
    if (!changed) throw new HttpError(404, 'link_invalid', 'This confirmation link was used already.');
    this.options.log?.(`club ${club.id} confirmed (pending)`);
    return { status: 'pending' };
  }

  /** The club, if this operator may see it: else `club_not_found`. */
  private async scoped(id: string, scope: OperatorScope): Promise<ClubRecord> {
    const club = isValidId(id) ? await this.options.store.getClub(id) : undefined;
    if (!club || (scope.regions && !scope.regions.includes(club.region)))
      throw new HttpError(404, 'club_not_found', `There is no club '${isValidId(id) ? id : '(invalid)'}'.`);
    return club;
  }

  /** The clubs this operator sees (unconfirmed ones only when asked for by status). */
  async list(scope: OperatorScope, query: { status?: ClubRecord['status']; region?: string } = {}): Promise<AdminClub[]> {
    let regions = scope.regions;
    if (query.region !== undefined) regions = regions ? regions.filter((r) => r === query.region) : [query.region];
    const clubs = (
      await this.options.store.listClubs({ ...(query.status ? { status: query.status } : {}), ...(regions ? { regions } : {}) })
    ).filter((club) => query.status !== undefined || club.status !== 'unconfirmed');
    const rooms = await this.options.store.countClubRooms(clubs.map((club) => club.id));
    return clubs.map((club) => adminView(club, rooms.get(club.id) ?? 0));
  }

  async get(id: string, scope: OperatorScope): Promise<AdminClub> {
    const club = await this.scoped(id, scope);
    return adminView(club, (await this.options.store.countClubRooms([club.id])).get(club.id) ?? 0);
  }

  /**
   * Approve a confirmed club (or let a suspended one in again), in one
   * transaction: active, its website's origin allowed, a first room, the
   * room's moderator and attendee links, and the mail to the contact person.
   */
  async approve(id: string, scope: OperatorScope, origin: string): Promise<AdminClub> {
    const { store, now: clock } = this.options;
    const club = await this.scoped(id, scope);
    const now = clock();
    if (club.status === 'suspended') {
      const resumed = await store.updateClub(
        id,
        ['suspended'],
        { status: 'active', reason: null, decidedAt: now, updatedAt: now },
        { mails: [] },
      );
      if (!resumed) throw this.conflict(club);
      this.options.log?.(`club ${id} active again (${scope.actor})`);
      return this.get(id, scope);
    }
    if (club.status !== 'pending') throw this.conflict(club);
    const keys = await this.options.keys();
    const roomId = 'treffpunkt';
    const room: ClubRoomRecord = {
      club: id,
      id: roomId,
      name: club.language === 'de' ? 'Treffpunkt' : 'Meeting point',
      start: 'moderator-code',
      accessCode: null,
      moderatorCode: null,
      waitingRoom: false,
      muteOnEntry: true,
      allModerators: false,
      recording: false,
      createdAt: now,
      updatedAt: now,
    };
    const spec = { tenant: id, room: roomId, expiresInSeconds: INVITE_MAX_SECONDS, now };
    const moderator = await makeShortInvite(keys, { ...spec, role: 'moderator' });
    const attendee = await makeShortInvite(keys, { ...spec, role: 'attendee' });
    const placeholder = (record: { id: string; kid: string }) => linkPlaceholder('invite', record.kid, record.id);
    const mail = clubMail('approved', club, {
      origin,
      room: {
        id: roomId,
        name: room.name,
        moderator: joinLink(origin, id, roomId, placeholder(moderator.record)),
        attendee: joinLink(origin, id, roomId, placeholder(attendee.record)),
        embed: embedSnippet(origin, id, roomId),
      },
    });
    const approved = await store.updateClub(
      id,
      ['pending'],
      { status: 'active', reason: null, decidedAt: now, updatedAt: now },
      { mails: [mail], rooms: [room], invites: [moderator.record, attendee.record] },
    );
    if (!approved) throw this.conflict(await this.scoped(id, scope));
    this.options.log?.(`club ${id} approved (${scope.actor})`);
    this.options.onMail?.();
    return adminView(approved, 1);
  }

  /** Reject a pending club, or suspend an active one, with a reason for the mail. */
  async decide(id: string, action: 'reject' | 'suspend', reason: unknown, scope: OperatorScope): Promise<AdminClub> {
    const { store, now: clock } = this.options;
    const club = await this.scoped(id, scope);
    const text = checkReason(reason, action === 'suspend');
    const now = clock();
    const status = action === 'reject' ? 'rejected' : 'suspended';
    const from = action === 'reject' ? (['pending'] as const) : (['active'] as const);
    const next = { ...club, status, reason: text } as ClubRecord;
    const changed = await store.updateClub(
      id,
      from,
      { status, reason: text, decidedAt: now, updatedAt: now },
      { mails: [clubMail(action === 'reject' ? 'rejected' : 'suspended', next, { origin: '', reason: text })] },
    );
    if (!changed) throw this.conflict(club);
    this.options.log?.(`club ${id} ${status} (${scope.actor})`);
    this.options.onMail?.();
    return this.get(id, scope);
  }

  /** Delete a club with everything of it; its personal data is gone from the store. */
  async delete(id: string, scope: OperatorScope | { actor: 'contact' }): Promise<void> {
    if (scope.actor !== 'contact') await this.scoped(id, scope as OperatorScope);
    if (!(await this.options.store.deleteClub(id))) throw new HttpError(404, 'club_not_found', `There is no club '${id}'.`);
    this.options.log?.(`club ${id} deleted (${scope.actor})`);
  }

  private conflict(club: ClubRecord): HttpError {
    return new HttpError(409, 'club_conflict', `Club '${club.id}' is ${club.status}: that cannot be done now.`);
  }

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
