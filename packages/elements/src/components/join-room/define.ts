import { VereinConfig } from '../config/config.js';
import { VereinJoinRoom } from './join-room.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinJoinRoom.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinJoinRoom };
export type * from '../../events.js';
