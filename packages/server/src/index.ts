/**
 * Vereinsraum's server helper: the only holder of secrets and the only caller
 * of conference servers. A Web-standard `Request -> Response` handler that
 * runs on any runtime with `fetch` and WebCrypto; what needs Node (the
 * `node:http` adapter, the SQLite and PostgreSQL stores, the SMTP mailer,
 * config and key set files) is in `@vereinsraum/server/node`, the Express middleware in
 * `@vereinsraum/server/express`.
 *
 * @packageDocumentation
 */
export type { Handler, Logger, RequestInfo } from './context.js';
export { createHandler, type ServerHandler } from './handler.js';
export { createStatusService, type HandlerOptions } from './services.js';
export type { Metrics, MetricsSnapshot } from './metrics.js';
export {
  type Backend,
  type BbbBackend,
  type BookingsConfig,
  type ChatChannelRef,
  type ChecksumAlgorithm,
  ConfigError,
  type ConfigIssue,
  type Env,
  type JitsiBackend,
  type MattermostBackend,
  parseConfig,
  type Room,
  type ServerConfig,
  type SmtpConfig,
  type StartPolicy,
  type StatusConfig,
  type UsageConfig,
  type StoreConfig,
  type Tenant,
} from './config/index.js';
export { themeContrastWarnings } from './contrast.js';
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
  parseDuration,
  verifyInvite,
} from './invites.js';
export { generateKey, generateKeySet, type KeyAlgorithm, KeySet, type KeySetJson, type StoredKey } from './keys.js';
export { MemoryRevocations, type Revocations, StoreRevocations } from './revocations.js';
export { fillMailLinks, type Mailer } from './mail/delivery.js';
export type { StatusExchange } from './status/exchange.js';
export type { StatusOptions, StatusService } from './status/service.js';
export {
  type AuditEntry,
  type BookingChange,
  type BookingChat,
  type BookingQuery,
  type BookingRecord,
  type BookingStore,
  type ChatConfirmation,
  type ChatConfirmationUse,
  type ChatStore,
  type ClusterStore,
  type ConferenceRecord,
  type DailyUsage,
  type InviteAndRevocationStore,
  type InviteRecord,
  type JoinCount,
  type OpenRoomStore,
  type OutboxMail,
  type PurgeResult,
  type StatusListening,
  type Store,
  type StoredMail,
  StoreUnavailableError,
  type UsageQuery,
  type UsageStore,
} from './store/types.js';
export type { ClubChange, ClubQuery, ClubRecord, ClubRoomRecord, ClubSession, ClubSignin, ClubStore } from './store/clubs.js';
