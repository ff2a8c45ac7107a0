/**
 * The validated configuration, as the rest of the server reads it: secrets
 * resolved from the environment, defaults applied, addresses normalised.
 * Each field's rule, default and limits are in `schema.ts` (and so in
 * docs/config-reference.md); they are not repeated here.
 */
import type { TenantTheme } from '@vereinsraum/protocol';

/** Checksum algorithms we send to BigBlueButton. sha384 is left out: Scalelite refuses it. */
export type ChecksumAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** A BigBlueButton server or a Scalelite load balancer. */
export interface BbbBackend {
  type: 'bbb';
  /** API base URL, always ending in `/api` (e.g. `https://bbb.example.org/bigbluebutton/api`). */
  url: string;
  /** The shared secret (`bbb-conf --secret`), read from the environment. */
  secret: string;
  /** Hash of the API checksum; `sha256` unless the server demands another. */
  checksum: ChecksumAlgorithm;
  /** How long to wait for an answer, in milliseconds. */
  timeoutMs: number;
}

/**
 * A Jitsi Meet deployment with token authentication (prosody `token` auth).
 *
 * Tokens are signed with HS256 and the shared `app_secret` when `appSecret`
 * is set, else with RS256 and the newest RSA key of the key set, whose public
 * key the server helper publishes for Jitsi's `asap_key_server`.
 */
export interface JitsiBackend {
  type: 'jitsi';
  /** Host (and port) of the deployment, e.g. `meet.example.org`. */
  domain: string;
  /** `https`, or `http` for a local test deployment. */
  protocol: 'https' | 'http';
  /** Jitsi's `app_id`: the tokens' `iss`. */
  appId: string;
  /** Jitsi tenant for `https://domain/tenant/room` URLs; the tokens' `sub` then. */
  tenant?: string;
  /** The XMPP domain, the tokens' `sub` when there is no tenant (default: the host of `domain`). */
  xmppDomain: string;
  /** Jitsi's `app_secret` (HS256), read from the environment. Without it, RS256. */
  appSecret?: string;
  /** How long a token is accepted for joining, in minutes (Jitsi checks `exp` only when joining). */
  tokenMinutes: number;
  /** Jitsi's `mod_muc_size` endpoint (`https://domain/room-size`); without it, status is `unknown`. */
  roomSizeUrl?: string;
  /** How long to wait for the room-size endpoint, in milliseconds. */
  timeoutMs: number;
}

/**
 * A Mattermost server for booked chat rooms: each approved chat booking
 * becomes a private channel in its tenant's team. The server helper acts as a
 * bot account whose access token it reads from the environment.
 */
export interface MattermostBackend {
  type: 'mattermost';
  /** Address of the Mattermost server, without `/api/v4` and without a trailing slash (e.g. `https://chat.example.org`). */
  url: string;
  /** The bot account's access token, read from the environment. Never logged, never sent to a browser. */
  token: string;
  /** The name of the environment variable that holds the token (for messages to the operator). */
  tokenEnv: string;
  /** How long to wait for an answer, in milliseconds. */
  timeoutMs: number;
}

/** Every back end the server helper speaks to. */
export type Backend = BbbBackend | JitsiBackend | MattermostBackend;

/** Where a booked chat room lives: its Mattermost team and channel (ids and names). */
export interface ChatChannelRef {
  teamId: string;
  teamName: string;
  channelId: string;
  channelName: string;
}

/**
 * Who may start a meeting in a room.
 * - `anyone`: the first visitor of a room with no meeting going on starts it and is its moderator.
 * - `moderator-code`: only visitors with the moderator access code start it; others wait for them.
 */
export type StartPolicy = 'anyone' | 'moderator-code';

/** A room of a tenant. */
export interface Room {
  id: string;
  /** Name shown to participants, e.g. "Vorstandssitzung". */
  name: string;
  /** Id of the back end in {@link ServerConfig.backends}. */
  backend: string;
  start: StartPolicy;
  /** Code that makes a visitor moderator (from the environment). */
  moderatorCode?: string;
  /** Code every other visitor needs (from the environment); without it the room is open. */
  attendeeCode?: string;
  /** Only visitors with an invite for this room may join (booked rooms). */
  inviteOnly?: boolean;
  /** A booked chat room: its channel on the Mattermost back end `backend`. */
  chat?: ChatChannelRef;
  /** An open conference (`o-…`, from the store): its limits, and what a host's join tells it. */
  open?: OpenRoomRef;
  /** A club's room: its codes as PBKDF2 hashes (see `clubs/codes.ts`) instead of `moderatorCode` and `attendeeCode`. */
  hashedCodes?: { moderator: string | null; attendee: string | null };
  /** A club's room: what its meetings are created with. */
  settings?: RoomSettings;
}

/** What the routes know of an open conference beyond a room's fields. */
export interface OpenRoomRef {
  /** Most participants (BigBlueButton `maxParticipants`). */
  maxParticipants: number;
  /** Longest meeting, in minutes (BigBlueButton `duration`). */
  maxMinutes: number;
  /** A host joined: the room's idle time starts again. */
  hostJoined(): Promise<void>;
}

/** What a club's contact person sets for a room's meetings (Greenlight's and PILOS's room settings). */
export interface RoomSettings {
  /** Guests wait until a moderator admits them (BigBlueButton's `guestPolicy: ASK_MODERATOR`). */
  waitingRoom: boolean;
  /** Microphones are off on entry (`muteOnStart`). */
  muteOnEntry: boolean;
  /** Everyone who joins is a moderator. */
  allModerators: boolean;
  /** Recording may be started (`record`, `allowStartStopRecording`). */
  recording: boolean;
}

/**
 * A club, a group or a partner town: its rooms, where it may be embedded, and
 * its look. Its name, look, language, legal links and rooms' names are public
 * (`GET /v1/tenants/{tenant}`, see `tenantInfo`); the rest stays on the server.
 */
export interface Tenant {
  id: string;
  name: string;
  /** Exact origins (`https://www.tsv-musterstadt.de`) of pages that may use this tenant's rooms. */
  allowedOrigins: string[];
  rooms: Map<string, Room>;
  /** Whether and how this tenant takes bookings; without it, `POST /v1/bookings` answers `bookings_disabled`. */
  bookings?: BookingsConfig;
  /** Conferences anyone opens at once as host (`<verein-open-room>`); without it, `open_rooms_disabled`. */
  openRooms?: OpenRoomsConfig;
  /** The tenant's logo (https; http on loopback only): shown by the elements and, as `logo`, in BigBlueButton meetings. */
  logoUrl?: string;
  /** Colours, corner radius and font for the elements; each value checked (see {@link parseConfig}). */
  theme?: TenantTheme;
  /** Language of the elements where neither they nor the page name one. */
  defaultLanguage?: 'de' | 'en';
  /** The tenant's privacy policy (https); linked in the privacy notice before joining, and the bookings' default. */
  privacyPolicyUrl?: string;
  /** The tenant's imprint (legal notice) page (https). */
  imprintUrl?: string;
  /** The tenant's own words for the privacy notice before joining, plain text, at most 1000 characters each. */
  privacyNotice?: { de: string; en: string };
  /** A style sheet (https) BigBlueButton's client loads for this tenant's visitors (`userdata-bbb_custom_style_url`). */
  bbbStyleUrl?: string;
  /**
   * Where BigBlueButton sends visitors who leave a meeting opened in a tab
   * (`logoutURL`, https), when their join did not name the page they came
   * from. Not public.
   */
  leavePage?: string;
  /**
   * The Jitsi tenant of this tenant's rooms on a Jitsi back end: meetings are
   * at `https://domain/{jitsiTenant}/{room}` and tokens name it in `sub`.
   * Overrides the back end's `tenant`.
   */
  jitsiTenant?: string;
  /** A group of tenants for usage reports (a district, a Land). */
  region?: string;
  /** A club that registered itself (kept in the store): its region and the back end of its rooms. */
  club?: { region: string; backend: string };
}

/**
 * A tenant's `bookings` section: how rooms are booked through the form;
 * each field's default and limits are in the configuration reference (`docs/config-reference.md`).
 */
export interface BookingsConfig {
  /** `manual`: an operator approves each booking (trusted contacts excepted); `automatic`: approved at once. */
  approval: 'manual' | 'automatic';
  /** Id of the back end booked rooms are held on. */
  backend: string;
  /** Chat bookings: the Mattermost back end and the team whose private channels booked chat rooms are. Without it, only video rooms are booked. */
  chat?: { backend: string; team: string };
  /** The page with a `<verein-join-room>` for booked rooms; invite links are `joinPage#invite=…&room=…`. */
  joinPage: string;
  /** The page with the booking form (`<verein-room-booking>`); manage links are `formPage#manage=…`. */
  formPage: string;
  /** The privacy notice the booker agrees to (plain text). */
  consentText: { de: string; en: string };
  /** The tenant's privacy policy (default: the tenant's `privacyPolicyUrl`). */
  privacyPolicyUrl: string;
  /** Longest date, in hours. */
  maxHours: number;
  /** Most weekly dates, the first included. */
  maxWeeks: number;
  /** Days after a booking's last date when its personal data is deleted. */
  retentionDays: number;
  /** IANA time zone in which weekly dates keep their wall-clock time. */
  timeZone: string;
  /** Language of e-mails when the booker names none. */
  language: 'de' | 'en';
  /** Bookings one client (IP address) may make per hour. */
  perClientPerHour: number;
  /** Bookings per contact e-mail address per 24 hours. */
  perEmailPerDay: number;
  /** Largest number of the proof-of-work challenge. */
  challengeMaxNumber: number;
}

/**
 * A tenant's `openRooms` section: conferences anyone opens at once as host;
 * each field's default and limits are in the configuration reference.
 */
export interface OpenRoomsConfig {
  /** Whether new conferences may be opened (rooms opened before work either way). */
  enabled: boolean;
  /** Id of the video back end open conferences are held on. */
  backend: string;
  /** Conferences one client (IP address) may open per 24 hours. */
  maxPerClientPerDay: number;
  /** Most participants in one conference (BigBlueButton `maxParticipants`). */
  maxParticipants: number;
  /** Longest meeting in minutes (BigBlueButton `duration`). */
  maxMinutes: number;
  /** Hours after the last host's meeting could have ended when an unused conference expires. */
  idleHours: number;
  /** Most conferences of the tenant open at once. */
  maxOpen: number;
  /** Largest number of the proof-of-work challenge. */
  challengeMaxNumber: number;
}

/** The `clubs` section: clubs that register themselves; each field's default and limits are in the configuration reference. */
export interface ClubsConfig {
  /** Id of the back end new clubs' rooms are held on. */
  backend: string;
  regions: Array<{ id: string; name: string }>;
  /** Origins of the pages with the registration form. */
  formOrigins: string[];
  termsUrl: string;
  privacyPolicyUrl: string;
  maxRooms: number;
  confirmHours: number;
  perClientPerHour: number;
  perEmailPerDay: number;
  challengeMaxNumber: number;
  /** Days to the yearly reconfirmation mail (0: never). */
  reconfirmDays: number;
  /** Days without use after which a club is warned (0: never). */
  idleDays: number;
  /** Days a club has to answer a reconfirmation or a warning. */
  graceDays: number;
  /** Operators scoped to regions: a bearer token (from the environment) and its regions. */
  regionAdmins: Array<{ token: string; regions: string[] }>;
}

/** The `smtp` section: where e-mails to bookers go. Without it they stay in the store's outbox. */
export interface SmtpConfig {
  host: string;
  /** Default 465 when `secure`, else 587. */
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  /** From the environment variable named by `passwordEnv`. */
  password?: string;
  /** Sender address, e.g. `"Vereinsraum Musterstadt" <vereinsraum@musterstadt.de>`. */
  from: string;
}

/**
 * The `store` section: where bookings and everything with them are kept.
 * SQLite (the default) is one file in the data folder; PostgreSQL is shared by
 * several instances. `openStore` (`@vereinsraum/server/node`) opens either.
 */
export type StoreConfig =
  | { type: 'sqlite' }
  | {
      type: 'postgres';
      /** The connection URL, from the environment variable named by `urlEnv`. */
      url: string;
      /** Connections kept open at most. */
      poolSize: number;
      /** How long to wait for a connection, in ms. */
      connectTimeoutMs: number;
      /** How long one statement may run, in ms. */
      statementTimeoutMs: number;
    };

/**
 * The server helper's validated configuration: secrets resolved, defaults
 * applied; each field's default and limits are in the configuration reference
 * (`docs/config-reference.md`).
 */
export interface ServerConfig {
  backends: Map<string, Backend>;
  tenants: Map<string, Tenant>;
  /** Bearer token of the admin API (`/v1/admin/...`), read from the environment; without it the admin API is off. */
  adminToken?: string;
  /** Bearer token of `GET /metrics`, read from the environment; without it `/metrics` is off. */
  metricsToken?: string;
  /** How room status is asked and kept. */
  status: StatusConfig;
  /** How usage figures are collected and kept. */
  usage: UsageConfig;
  /** Where e-mails to bookers are sent; without it they wait in the store's outbox. */
  smtp?: SmtpConfig;
  /** Where bookings are kept (default: SQLite in the data folder). */
  store: StoreConfig;
  /** Clubs that register themselves; without it, registration is off. */
  clubs?: ClubsConfig;
  /**
   * The origin visitors use (`https://vereinsraum.example-stadt.de`): the
   * server's own origin. `vereinsraum serve` uses it unless `--public-origin`
   * is given; without either, it answers only loopback and listed Host values.
   */
  publicOrigin?: string;
}

/**
 * The `status` section: how often conference servers are asked, and how
 * failures are treated; each field's default and limits are in the configuration reference (`docs/config-reference.md`).
 */
export interface StatusConfig {
  /** How long an answer is reused, and how often watched rooms are asked, in ms. */
  ttlMs: number;
  /** How long the last known status is served after the conference server stopped answering, in ms. */
  graceMs: number;
  /** How long one status request may take, in ms. */
  timeoutMs: number;
  /** Event streams one client (IP address) may keep open at once, all rooms together. */
  maxStreamsPerClient: number;
}

/**
 * The `usage` section: how usage figures (counts only) are collected and
 * kept; each field's default and limits are in the configuration reference.
 */
export interface UsageConfig {
  /** How often the sampler asks the back ends, in seconds. */
  sampleSeconds: number;
  /** Days one row per conference is kept. */
  keepDays: number;
  /** IANA time zone whose days the figures are counted in. */
  timeZone: string;
  /** Whether BigBlueButton meetings are created with `meta_endCallbackUrl`. */
  endCallback: boolean;
}

/** One problem in a configuration: where (`tenants.tsv.rooms.yoga.backend`) and what. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A configuration that cannot be used. `issues` lists every problem found,
 * each with the path of the field; the message lists them one per line.
 */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Environment variables, as `process.env` has them. */
export type Env = Record<string, string | undefined>;
