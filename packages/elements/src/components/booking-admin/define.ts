import { VereinConfig } from '../config/config.js';
import { VereinBookingAdmin } from './booking-admin.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinBookingAdmin.define();
