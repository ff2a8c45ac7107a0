/**
 * Vereinsraum's web components. This entry registers nothing; import
 * `@vereinsraum/elements/define.js` (or call e.g. `VereinJoinRoom.define()`) to
 * register the tags.
 *
 * @packageDocumentation
 */
export { VereinConfig } from './components/config/config.js';
export { type JoinState, VereinJoinRoom } from './components/join-room/join-room.js';
export { type RoomStatusState, VereinRoomStatus } from './components/room-status/room-status.js';
export { type VereinConfigValue, vereinConfigContext } from './context.js';
export * from './events.js';
export { fetchRoomStatus, joinRoom, type RoomAddress, VereinApiError } from './api/client.js';
export { type StatusReport, type StatusReportListener, watchRoomStatus } from './status/feed.js';
export { type ClientErrorCode, de, en, type Locale, type MessageOverrides, type Messages } from './i18n/index.js';
