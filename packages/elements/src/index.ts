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
export { type BookingState, VereinRoomBooking } from './components/room-booking/room-booking.js';
export { localIso } from './components/room-booking/dates.js';
export { type BookingAdminState, VereinBookingAdmin } from './components/booking-admin/booking-admin.js';
export { type UsageReportState, VereinUsageReport } from './components/usage-report/usage-report.js';
export { type OpenRoomState, VereinOpenRoom } from './components/open-room/open-room.js';
export { type VereinOpenedDetail, VereinOpenedEvent } from './components/open-room/opened-event.js';
export { type ClubAdminState, VereinClubAdmin } from './components/club-admin/club-admin.js';
export { type ClubRegistrationState, VereinClubRegistration } from './components/club-registration/club-registration.js';
export { type ClubReviewState, VereinClubReview } from './components/club-review/club-review.js';
export { type VereinConfigValue, vereinConfigContext } from './context.js';
export * from './events.js';
export {
  type AdminBookingFilter,
  type BookingAddress,
  cancelBooking,
  createBooking,
  decideBooking,
  fetchAdminTenants,
  fetchBooking,
  fetchBookingCalendar,
  fetchBookingChallenge,
  fetchBookingForm,
  fetchRoomStatus,
  joinRoom,
  listBookings,
  fetchUsage,
  fetchUsageCsv,
  type UsageQuery,
  type RoomAddress,
  VereinApiError,
} from './api/client.js';
export { solveChallenge } from './api/altcha.js';
export { type StatusReport, type StatusReportListener, watchRoomStatus } from './status/feed.js';
export {
  type AdminErrorCode,
  type AdminMessageOverrides,
  type AdminMessages,
  type BookingErrorCode,
  type BookingField,
  type BookingFieldProblem,
  type BookingMessageOverrides,
  type BookingMessages,
  type ChatErrorCode,
  type ChatMessageOverrides,
  type ChatMessages,
  type ClientErrorCode,
  de,
  en,
  type InviteMessageOverrides,
  type InviteMessages,
  type Locale,
  type MessageOverrides,
  type Messages,
  type NotAllowedMessages,
} from './i18n/index.js';
export { bookingDe, bookingEn } from './i18n/booking.js';
export { adminDe, adminEn } from './i18n/admin.js';
export { chatDe, chatEn } from './i18n/chat.js';
export { notAllowedDe, notAllowedEn } from './i18n/not-allowed.js';
export { inviteDe, inviteEn } from './i18n/invite.js';
export { type UsageErrorCode, type UsageMessageOverrides, type UsageMessages, type UsageTotals, usageDe, usageEn } from './i18n/usage.js';
export { openRoomDe, openRoomEn, type OpenRoomMessageOverrides, type OpenRoomMessages } from './i18n/open-room.js';
