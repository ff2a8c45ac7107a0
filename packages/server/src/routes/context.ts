import type { Role, RoomStatus } from '@vereinsraum/protocol';
import type { Room } from '../config.js';
import type { MeetingRef, Provider } from '../providers/types.js';
import type { AttemptLimiter } from '../attempts.js';

/** What a room route needs, resolved by the handler. */
export interface RoomContext {
  room: Room;
  meeting: MeetingRef;
  provider: Provider;
  /** The room's status from the shared status service. */
  status(): Promise<RoomStatus>;
  /** How long a status is reused, in ms (for cache headers). */
  statusTtlMs: number;
  /**
   * Listen to the room's status: the current one at once, then every change.
   * Returns the unsubscribe; throws `503 server_busy` when the server has as
   * many listeners as it allows.
   */
  subscribe(listener: (status: RoomStatus) => void): () => void;
  /** Wrong access codes per room and client. */
  attempts: AttemptLimiter;
  /** The client's address, or `unknown`. */
  client: string;
  /** Check an invite for this room; throws an HttpError with the reason when it is refused. */
  verifyInvite(token: string): Promise<{ role: Role }>;
}
