import { VereinConfig } from '../config/config.js';
import { VereinRoomBooking } from './room-booking.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinRoomBooking.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinRoomBooking };
export type * from '../../events.js';
