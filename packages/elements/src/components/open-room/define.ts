import { VereinConfig } from '../config/config.js';
import { VereinJoinRoom } from '../join-room/join-room.js';
import { VereinOpenRoom } from './open-room.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
// The way in is the join button's: name, privacy notice, waiting for the host, the meeting.
VereinJoinRoom.define();
VereinOpenRoom.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinJoinRoom, VereinOpenRoom };
export type * from '../../events.js';
export type * from './opened-event.js';
