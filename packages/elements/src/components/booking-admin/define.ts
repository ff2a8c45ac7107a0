import { VereinConfig } from '../config/config.js';
import { VereinBookingAdmin } from './booking-admin.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinBookingAdmin.define();

// Re-exported so that this module brings the tag and event typings along (no code for the events).
export { VereinConfig, VereinBookingAdmin };
export type * from '../../events.js';
