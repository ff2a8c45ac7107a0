/**
 * Vereinsraum's server helper: the only holder of secrets and the only caller
 * of conference servers. A Web-standard `Request -> Response` handler; see
 * `@vereinsraum/server/node` and `@vereinsraum/server/express` for adapters
 * and `@vereinsraum/server/config` to read a config file.
 *
 * @packageDocumentation
 */
export { createHandler, type Handler, type HandlerOptions, type Logger, type RequestInfo } from './handler.js';
export {
  type Backend,
  type BbbBackend,
  type ChecksumAlgorithm,
  ConfigError,
  type ConfigIssue,
  type Env,
  parseConfig,
  type Room,
  type ServerConfig,
  type StartPolicy,
  type Tenant,
} from './config.js';
export { HttpError } from './errors.js';
export { bbbChecksum, bbbUrl, BbbProvider, parseBbbAnswer } from './providers/bbb.js';
export { type JoinSpec, type MeetingRef, type MeetingStatus, type Provider, UpstreamError } from './providers/types.js';
