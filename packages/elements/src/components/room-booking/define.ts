import { VereinConfig } from '../config/config.js';
import { VereinRoomBooking } from './room-booking.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinRoomBooking.define();
