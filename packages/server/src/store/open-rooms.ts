// The store's part for open conferences (see `Store`, which includes it).
import type { InviteRecord } from './records.js';

/** An open conference as the store keeps it: no names, no addresses. Times are ms since the epoch. */
export interface OpenRoomRecord {
  tenant: string;
  /** `o-…`: the room's id, which is also the guests' key. */
  id: string;
  /** What the host said the conference is about, or `null`. */
  title: string | null;
  /** The back end it was opened on. */
  backend: string;
  createdAt: number;
  /** When it expires unless a host joins before; each host's join moves it on. */
  expiresAt: number;
}

/** What {@link OpenRoomStore.createOpenRoom} did. */
export type OpenRoomCreation = 'created' | 'full' | 'challenge_used';

/** The store's methods for open conferences. */
export interface OpenRoomStore {
  /**
   * Open a conference: in one transaction, when `tenant` has fewer than
   * `maxOpen` rooms that have not expired at `now` and the proof-of-work
   * `challenge` was not used before, store the room and its host's invite and
   * mark the challenge used. The ceiling holds across connections: two
   * instances opening the tenant's last free room at once store one.
   *
   * @returns `created`, `full` (nothing stored) or `challenge_used` (nothing stored).
   */
  createOpenRoom(
    room: OpenRoomRecord,
    hostInvite: InviteRecord,
    challenge: { id: string; expiresAt: number },
    maxOpen: number,
    now: number,
  ): Promise<OpenRoomCreation>;
  /** The open conference `id` of `tenant`, expired or not (until the purge deletes it). */
  getOpenRoom(tenant: string, id: string): Promise<OpenRoomRecord | undefined>;
  /** Move an open conference's expiry on to `expiresAt` (never back). */
  extendOpenRoom(tenant: string, id: string, expiresAt: number): Promise<void>;
}
