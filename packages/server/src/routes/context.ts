import type { Role, RoomStatus } from '@vereinsraum/protocol';
import type { ChatChannelRef, Room, Tenant } from '../config/index.js';
import type { MeetingRef, Provider } from '../providers/types.js';
import type { MattermostProvider } from '../providers/mattermost.js';
import type { AttemptLimiter } from '../attempts.js';
import type { ChatCodes } from '../chat/codes.js';

/** What every room route needs, resolved by the handler. */
interface RoomContextBase {
  tenant: Tenant;
  room: Room;
  /** The server helper's own origin, as the request reached it. */
  origin: string;
  meeting: MeetingRef;
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
  /**
   * Claim an event stream for the client before subscribing: throws
   * `429 too_many_streams` when the client has as many open as it may.
   * Returns the release.
   */
  openStream(): () => void;
  /** Wrong access codes (and requests for chat codes, and wrong ones) per room and client. */
  attempts: AttemptLimiter;
  /** The client's address, or `unknown`. */
  client: string;
  /** Check an invite for this room; throws an HttpError with the reason when it is refused. */
  verifyInvite(token: string): Promise<{ role: Role }>;
}

/** A booked chat room's channel, and the Mattermost it is on. */
export interface ChatRoomContext {
  provider: MattermostProvider;
  channel: ChatChannelRef;
  /** The codes that prove a visitor's account. */
  codes: ChatCodes;
  /** Tell the operator about a failure after the answer was sent (no personal data). */
  warn(message: string): void;
}

/** What a room route needs: a meeting room has its conference back end, a chat room its channel. */
export type RoomContext = RoomContextBase & ({ provider: Provider; chat?: undefined } | { chat: ChatRoomContext; provider?: undefined });
