/**
 * Registers every Vereinsraum element under its default tag. The config
 * provider comes first, so elements already in the page find it.
 */
import { VereinConfig } from './components/config/config.js';
import { VereinJoinRoom } from './components/join-room/join-room.js';
import { VereinRoomStatus } from './components/room-status/room-status.js';

VereinConfig.define();
VereinJoinRoom.define();
VereinRoomStatus.define();
