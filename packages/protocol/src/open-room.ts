// Open conferences: a room anyone opens at once as its host, on the city's
// server, with a link for guests (`POST /v1/tenants/{tenant}/open-rooms`).

/** Every open room's id begins with this; configured and booked rooms never do (see `isOpenRoomId`). */
export const OPEN_ROOM_PREFIX = 'o-';

/** Limits of an open room's optional title. */
export const OPEN_ROOM_TITLE_MAX = 80;

/**
 * The shape of an open room's id: `o-`, six words of lowercase letters (3 to
 * 8 each) and a number from 10 to 99, joined by hyphens, e.g.
 * `o-apfel-hafen-wolke-birne-stern-tisch-47`.
 */
export const OPEN_ROOM_PATTERN = /^o-(?:[a-z]{3,8}-){6}[1-9][0-9]$/;

/**
 * Whether `value` has the shape of an open room's id. Only the shape: the
 * server alone knows whether the room exists.
 *
 * @example
 * ```ts
 * isOpenRoomId('o-apfel-hafen-wolke-birne-stern-tisch-47'); // true
 * isOpenRoomId('training');                                 // false
 * ```
 */
export function isOpenRoomId(value: unknown): value is string {
  return typeof value === 'string' && OPEN_ROOM_PATTERN.test(value);
}

/**
 * An open room's name as it is read aloud: its id without the prefix, words
 * separated by spaces.
 *
 * @example
 * ```ts
 * openRoomName('o-apfel-hafen-wolke-birne-stern-tisch-47'); // 'apfel hafen wolke birne stern tisch 47'
 * ```
 */
export function openRoomName(id: string): string {
  return id.slice(OPEN_ROOM_PREFIX.length).replaceAll('-', ' ');
}

/** Body of `POST /v1/tenants/{tenant}/open-rooms`. */
export interface OpenRoomRequest {
  /** The solved proof of work of `GET /v1/tenants/{tenant}/open-rooms/challenge` (ALTCHA's base64 payload). */
  altcha: string;
  /** What the conference is about, shown to the guests; at most {@link OPEN_ROOM_TITLE_MAX} characters, no links. */
  title?: string;
  /**
   * The page the host opened the room on, without its fragment: the links
   * point there (`page#open=…`). Only a page on one of the tenant's allowed
   * origins or the server's own; without it the answer has no links, only
   * the room and the host's token.
   */
  page?: string;
}

/** Answer of `POST /v1/tenants/{tenant}/open-rooms` (`201`). */
export interface OpenRoomCreated {
  /** The room's id (`o-…`): also the guests' key, so it is shown only to the host. */
  room: string;
  /** The room's name read aloud (see {@link openRoomName}). */
  name: string;
  /** The title the host gave, or `null`. */
  title: string | null;
  /** The host's invite token: joining with it (`invite`) makes the visitor the room's host. Shown once; keep it. */
  hostToken: string;
  /** `page#open=<room>&host=<token>` when the request named its page. */
  hostUrl?: string;
  /** `page#open=<room>` when the request named its page: the link for guests. */
  guestUrl?: string;
  /** When the room expires unless a host comes in before (ISO 8601); each host's join moves it on. */
  expiresAt: string;
}

/** Answer of `GET /v1/tenants/{tenant}/open-rooms/{room}`: what a guest's page shows before asking for a name. */
export interface OpenRoomInfo {
  room: string;
  name: string;
  title: string | null;
  /** ISO 8601, as in {@link OpenRoomCreated.expiresAt}. */
  expiresAt: string;
}

/** What a tenant's open rooms allow, in its public details ({@link TenantInfo.openRooms}). */
export interface OpenRoomsInfo {
  /** Index into {@link TenantInfo.services}: where open rooms run. */
  service: number;
  /** Most participants in one room (BigBlueButton keeps to it). */
  maxParticipants: number;
  /** Longest meeting, in minutes (BigBlueButton ends it then). */
  maxMinutes: number;
}
