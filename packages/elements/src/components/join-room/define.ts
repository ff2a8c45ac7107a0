import { VereinConfig } from '../config/config.js';
import { VereinJoinRoom } from './join-room.js';

// The provider first: a consumer already in the page finds it only if it exists.
VereinConfig.define();
VereinJoinRoom.define();
