import type { RoomStatus } from '@vereinsraum/protocol';
import type { Store } from '../store/types.js';

/**
 * Where the status services of several instances sharing a store meet, so
 * that a room is asked at most once per TTL in the whole cluster: a claim
 * per room and poll, the last answer, and a notification when one is
 * written. Made by {@link storeExchange}.
 */
export interface StatusExchange {
  /** Claim the room's next poll until `until`; `false` while another instance's claim holds. */
  claim(room: string, now: number, until: number): Promise<boolean>;
  /** Write the answer for every instance, and tell them. */
  publish(room: string, status: RoomStatus, checkedAt: number): Promise<void>;
  /** The last answer any instance wrote. */
  read(room: string): Promise<{ status: RoomStatus; checkedAt: number } | undefined>;
  /**
   * Hear answers written by any instance; `onReconnect` after the listening
   * connection was lost and is back (answers written meanwhile were missed).
   */
  listen(onPublished: (room: string, status: RoomStatus, checkedAt: number) => void, onReconnect: () => void): void;
  /** Whether the listening connection is up (for readiness); true when nothing listens yet. */
  readonly ready: boolean;
}

/**
 * The exchange over a store that several processes share (one that can
 * `listenStatus`: PostgreSQL), or `undefined` for one that a single process
 * uses (SQLite), where the status service needs none.
 */
export function storeExchange(store: Store | undefined, holder = `status-${crypto.randomUUID()}`): StatusExchange | undefined {
  if (!store?.listenStatus) return undefined;
  const listenStatus = store.listenStatus.bind(store);
  let listening: { readonly ready: boolean } | undefined;
  return {
    claim: (room, now, until) => store.claimStatus(room, holder, now, until),
    publish: (room, status, checkedAt) => store.putStatus(room, JSON.stringify(status), checkedAt),
    async read(room) {
      const row = await store.getStatus(room);
      return row && { status: JSON.parse(row.status) as RoomStatus, checkedAt: row.checkedAt };
    },
    listen(onPublished, onReconnect) {
      listening ??= listenStatus((room, status, checkedAt) => onPublished(room, JSON.parse(status) as RoomStatus, checkedAt), onReconnect);
    },
    get ready() {
      return listening?.ready ?? true;
    },
  };
}
