/**
 * The server's configuration: `schema.ts` describes the file, field by field;
 * `validate.ts` checks a file against it and names every problem by its path;
 * `secrets.ts` reads the secrets it names from the environment; `rules.ts`
 * holds the rules between fields; `parse.ts` makes the {@link ServerConfig}
 * the rest of the server reads (`types.ts`).
 */
export { parseConfig } from './parse.js';
export {
  type Backend,
  type BbbBackend,
  type BookingsConfig,
  type OpenRoomRef,
  type OpenRoomsConfig,
  type ChatChannelRef,
  type ClubsConfig,
  type ChecksumAlgorithm,
  ConfigError,
  type ConfigIssue,
  type Env,
  type JitsiBackend,
  type MattermostBackend,
  type Room,
  type RoomSettings,
  type ServerConfig,
  type SmtpConfig,
  type StartPolicy,
  type StatusConfig,
  type UsageConfig,
  type StoreConfig,
  type Tenant,
} from './types.js';
