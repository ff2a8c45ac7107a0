import { VereinConfig } from '../config/config.js';
import { VereinRoomStatus } from './room-status.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinRoomStatus.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinRoomStatus };
export type * from '../../events.js';
