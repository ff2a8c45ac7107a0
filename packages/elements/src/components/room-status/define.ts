import { VereinConfig } from '../config/config.js';
import { VereinRoomStatus } from './room-status.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinRoomStatus.define();
