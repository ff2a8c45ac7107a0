/**
 * Registers the Vereinsraum elements for rooms (config, join) under their
 * default tags. The config provider comes first, so elements already in the
 * page find it. The booking elements have their own entries (kept out of this
 * one, so pages with a join button load no booking form):
 * `@vereinsraum/elements/room-booking/define.js` and `…/booking-admin/define.js`.
 */
import { VereinConfig } from './components/config/config.js';
import { VereinJoinRoom } from './components/join-room/join-room.js';
import { VereinRoomStatus } from './components/room-status/room-status.js';

VereinConfig.define();
VereinJoinRoom.define();
VereinRoomStatus.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinJoinRoom, VereinRoomStatus };
export type * from './events.js';
