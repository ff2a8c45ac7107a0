/**
 * Vereinsraum's server helper: the only holder of secrets and the only caller
 * of conference servers. A Web-standard `Request -> Response` handler; see
 * `@vereinsraum/server/node` and `@vereinsraum/server/express` for adapters
 * and `@vereinsraum/server/config` to read a config file.
 *
 * @packageDocumentation
 */
export { createHandler, createStatusService, type Handler, type HandlerOptions, type Logger, type RequestInfo, type ServerContext } from './handler.js';
export {
  type Backend,
  type BbbBackend,
  type BookingsConfig,
  type ChatChannelRef,
  type MattermostBackend,
  type SmtpConfig,
  type ChecksumAlgorithm,
  ConfigError,
  type ConfigIssue,
  type Env,
  type JitsiBackend,
  parseConfig,
  type Room,
  type ServerConfig,
  type StartPolicy,
  type StatusConfig,
  type Tenant,
} from './config/index.js';
export { HttpError } from './errors.js';
export {
  createInvite,
  inspectInvite,
  type Invite,
  type InviteCheck,
  type InviteFacts,
  type InviteSpec,
  type InviteStore,
  INVITE_ISSUER,
  INVITE_MAX_SECONDS,
  issueInvite,
  makeShortInvite,
  parseDuration,
  shortInviteToken,
  verifyInvite,
} from './invites.js';
export { generateKey, generateKeySet, type KeyAlgorithm, KeySet, type KeySetJson, sha256Hex, type StoredKey } from './keys.js';
export { MemoryRevocations, type Revocations, StoreRevocations } from './revocations.js';
export { BookingService, type BookingServiceOptions, INVITE_LEAD_MS } from './bookings/service.js';
export { fillMailLinks, type Mailer, MailDelivery, type MailDeliveryOptions } from './mail/delivery.js';
export { signManageToken, verifyManageToken } from './bookings/tokens.js';
export {
  type AuditEntry,
  type BookingChange,
  type BookingChat,
  type BookingQuery,
  type BookingRecord,
  type ChatConfirmation,
  type ChatConfirmationUse,
  type InviteRecord,
  type OutboxMail,
  type PurgeResult,
  type Store,
  type StoredMail,
  StoreUnavailableError,
} from './store/types.js';
export { sameStatus, type StatusListener, type StatusOptions, StatusService, type StatusSource, type WatchedRoom } from './status/service.js';
export { bbbChecksum, bbbUrl, BbbProvider, parseBbbAnswer } from './providers/bbb.js';
export { importJitsiSecret, type JitsiClaims, JitsiProvider, type JitsiSigningKey, signJitsiToken } from './providers/jitsi.js';
export {
  type BotAccountSpec,
  createBotAccount,
  MattermostError,
  type MattermostChannel,
  MattermostProvider,
  type MattermostTeam,
  type NewChannel,
} from './providers/mattermost.js';
export { channelName, ChatRooms, chatProviders, welcomeMessage } from './chat/rooms.js';
export { type JoinSpec, type JoinTarget, type MeetingBranding, type MeetingRef, type MeetingStatus, type Provider, UpstreamError } from './providers/types.js';
export { contrastRatio, DEFAULT_THEME_COLORS, MIN_TEXT_CONTRAST, relativeLuminance, themeContrastWarnings } from './contrast.js';
export { tenantInfo } from './routes/tenant.js';
