import {
  type BookingChallenge,
  checkBookingText,
  isOpenRoomId,
  OPEN_ROOM_TITLE_MAX,
  type OpenRoomCreated,
  type OpenRoomInfo,
  openRoomName,
} from '@vereinsraum/protocol';
import { AttemptLimiter, type Limiter } from '../attempts.js';
import { challengeUsed, makeChallenge, requireSolution } from '../bookings/challenge.js';
import type { OpenRoomsConfig, Room, Tenant } from '../config/index.js';
import { HttpError } from '../errors.js';
import { INVITE_MAX_SECONDS, makeShortInvite } from '../invites.js';
import type { KeySet } from '../keys.js';
import type { OpenRoomRecord, Store } from '../store/types.js';
import { newOpenRoomId } from './names.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** What the open conferences need. */
export interface OpenRoomServiceOptions {
  store: Pick<Store, 'createOpenRoom' | 'getOpenRoom' | 'extendOpenRoom'>;
  keys(): Promise<KeySet>;
  now(): number;
  /** HMAC key of the proof-of-work challenges (the bookings' key, shared by every instance: a challenge names its tenant and use). */
  challengeKey(): Promise<string>;
  /** Counts rooms opened per tenant and client within a day (default: in this process's memory). */
  perClient?: Limiter;
  /** Told about rooms by tenant and count, never by id (the id is the guests' key) nor by title. */
  log?: (message: string) => void;
}

/**
 * Open conferences: a visitor opens a fresh room at once as its host
 * (`POST /v1/tenants/{tenant}/open-rooms`), guests come in by its link.
 * The rooms live in the store (`open_rooms`) under ids of their own (`o-` and
 * six words, see {@link newOpenRoomId}), which configured and booked rooms
 * never have. The host's way in is a short moderator invite made with the
 * room; guests join without one, as attendees, and wait for the host.
 *
 * In front of a new room: the proof of work (the bookings' ALTCHA
 * challenge, used once), a limit per client and day (in the store by a keyed
 * hash, so it holds for several instances: IP addresses are not stored), and the tenant's ceiling of rooms open at once
 * (counted in the store, so it holds for several instances). A room expires
 * `idleHours` after its last host's meeting could have ended (that host's
 * join plus `maxMinutes`); its link then answers `410 open_room_expired`.
 */
export class OpenRoomService {
  /** Rooms opened per tenant and client within a day. */
  readonly #perClient: Limiter;
  readonly #options: OpenRoomServiceOptions;

  constructor(options: OpenRoomServiceOptions) {
    this.#options = options;
    this.#perClient = options.perClient ?? new AttemptLimiter(Number.POSITIVE_INFINITY, DAY_MS, options.now);
  }

  /** The tenant's settings, when it opens conferences now: else `403 open_rooms_disabled`. */
  settings(tenant: Tenant): OpenRoomsConfig {
    const settings = tenant.openRooms;
    if (!settings?.enabled) throw new HttpError(403, 'open_rooms_disabled', `Tenant '${tenant.id}' opens no conferences on request.`);
    return settings;
  }

  /** `GET /v1/tenants/{tenant}/open-rooms/challenge`: a proof-of-work challenge for one new room. */
  async challenge(tenant: Tenant): Promise<BookingChallenge> {
    const settings = this.settings(tenant);
    return makeChallenge(await this.#options.challengeKey(), openKey(tenant), settings.challengeMaxNumber, this.#options.now());
  }

  /**
   * `POST /v1/tenants/{tenant}/open-rooms`: check the title and the proof of
   * work, count the client, then store the room with its host's invite (or
   * refuse: `429 rate_limited`, `503 open_rooms_full`). `page` is the page
   * the links point to, checked by the caller.
   */
  async create(tenant: Tenant, body: Record<string, unknown>, client: string, page: string | undefined): Promise<OpenRoomCreated> {
    const settings = this.settings(tenant);
    const { store, now: clock, challengeKey } = this.#options;
    const title = readTitle(body.title);
    const now = clock();
    const solved = await requireSolution(await challengeKey(), body.altcha, openKey(tenant), now);
    const clientKey = `${tenant.id}|${client}`;
    const wait = await this.#perClient.retryAfter(clientKey, settings.maxPerClientPerDay);
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', 'This address opened as many conferences today as it may. Try again later.', undefined, {
        'retry-after': String(wait),
      });
    }
    const room: OpenRoomRecord = {
      tenant: tenant.id,
      id: newOpenRoomId(tenant.defaultLanguage ?? 'de'),
      title,
      backend: settings.backend,
      createdAt: now,
      expiresAt: now + lifetime(settings),
    };
    // The host's link lasts as long as an invite may: the room's own expiry is what ends it.
    const { invite, record } = await makeShortInvite(await this.#options.keys(), {
      tenant: tenant.id,
      room: room.id,
      role: 'moderator',
      expiresInSeconds: INVITE_MAX_SECONDS,
      now,
    });
    const result = await store.createOpenRoom(room, record, solved, settings.maxOpen, now);
    if (result === 'challenge_used') {
      throw challengeUsed();
    }
    if (result === 'full') {
      this.#options.log?.(`tenant ${tenant.id}: open conferences at their ceiling (${settings.maxOpen})`);
      throw new HttpError(503, 'open_rooms_full', 'As many conferences are open as this service allows. Try again later.', undefined, {
        'retry-after': '600',
      });
    }
    await this.#perClient.fail(clientKey);
    const links = page
      ? { hostUrl: `${page}#open=${room.id}&host=${encodeURIComponent(invite.token)}`, guestUrl: `${page}#open=${room.id}` }
      : {};
    return {
      room: room.id,
      name: openRoomName(room.id),
      title,
      hostToken: invite.token,
      ...links,
      expiresAt: new Date(room.expiresAt).toISOString(),
    };
  }

  /** `GET /v1/tenants/{tenant}/open-rooms/{room}`: what a guest's page shows; `404` or `410` as {@link room}. */
  async info(tenant: Tenant, id: string): Promise<OpenRoomInfo> {
    const record = await this.#record(tenant, id);
    if (!record) throw new HttpError(404, 'room_not_found', 'There is no such conference.');
    return { room: record.id, name: openRoomName(record.id), title: record.title, expiresAt: new Date(record.expiresAt).toISOString() };
  }

  /**
   * The open conference `id` of `tenant` as a room for the join, status and
   * event routes (the directory's lookup): `undefined` when there is none;
   * `410 open_room_expired` when it has expired. Not `inviteOnly`: its id is
   * the guests' key; the host comes in by the invite. A host's join moves its
   * expiry on.
   */
  async room(tenant: Tenant, id: string): Promise<Room | undefined> {
    const record = await this.#record(tenant, id);
    const settings = tenant.openRooms;
    if (!record || !settings) return undefined;
    const { store, now } = this.#options;
    return {
      id: record.id,
      name: record.title ?? openRoomName(record.id),
      backend: record.backend,
      start: 'moderator-code',
      open: {
        maxParticipants: settings.maxParticipants,
        maxMinutes: settings.maxMinutes,
        hostJoined: () => store.extendOpenRoom(tenant.id, record.id, now() + lifetime(settings)),
      },
    };
  }

  /** The stored room, unless it has expired (`410`). Tenants without `openRooms` have none. */
  async #record(tenant: Tenant, id: string): Promise<OpenRoomRecord | undefined> {
    if (!tenant.openRooms || !isOpenRoomId(id)) return undefined;
    const record = await this.#options.store.getOpenRoom(tenant.id, id);
    if (record && record.expiresAt <= this.#options.now()) {
      throw new HttpError(410, 'open_room_expired', 'This conference has expired: nobody hosted it for a while. Open a new one.');
    }
    return record;
  }
}

/** How long a room lives after its host's join: the longest meeting, then the idle time. */
function lifetime(settings: OpenRoomsConfig): number {
  return settings.maxMinutes * MINUTE_MS + settings.idleHours * 60 * MINUTE_MS;
}

/** What a challenge for open rooms names in place of a tenant, so that a booking's challenge opens no room and back. */
function openKey(tenant: Tenant): string {
  return `${tenant.id}/open-rooms`;
}

/** The optional title: trimmed, at most {@link OPEN_ROOM_TITLE_MAX} characters, one line, no links. */
function readTitle(value: unknown): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  const problem = checkBookingText(value, 1, OPEN_ROOM_TITLE_MAX);
  if (problem) {
    throw new HttpError(
      400,
      'invalid_input',
      `title must be one line of at most ${OPEN_ROOM_TITLE_MAX} characters without links (${problem.replace('_', ' ')}).`,
      'title',
    );
  }
  return (value as string).trim();
}
