import { ACCESS_CODE_MAX, BOOKING_LIMITS, isValidId, type TenantTheme, THEME_PATTERNS } from '@vereinsraum/protocol';

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
  /** The tenant's logo (https; http on loopback only): shown by the elements and, as `logo`, in BigBlueButton meetings. */
  logoUrl?: string;
  /** Colours, corner radius and font for the elements; each value checked (see {@link parseConfig}). */
  theme?: TenantTheme;
  /** Language of the elements where neither they nor the page name one (default `de`). */
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
}

/** A tenant's `bookings` section: how rooms are booked through the form. */
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
  /** Longest date, in hours (default 8). */
  maxHours: number;
  /** Most weekly dates, the first included (default 12). */
  maxWeeks: number;
  /** Days after a booking's last date when its personal data is deleted (default 90). */
  retentionDays: number;
  /** IANA time zone in which weekly dates keep their wall-clock time (default `Europe/Berlin`). */
  timeZone: string;
  /** Language of e-mails when the booker names none (default `de`). */
  language: 'de' | 'en';
  /** Bookings one client (IP address) may make per hour (default 10). */
  perClientPerHour: number;
  /** Bookings per contact e-mail address per 24 hours (default 5). */
  perEmailPerDay: number;
  /** Largest number of the proof-of-work challenge (default 100000; about a second in a browser). */
  challengeMaxNumber: number;
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

/** The server helper's validated configuration. */
export interface ServerConfig {
  backends: Map<string, Backend>;
  tenants: Map<string, Tenant>;
  /** Bearer token of the admin API (`/v1/admin/...`), read from the environment; without it the admin API is off. */
  adminToken?: string;
  /** How room status is asked and kept. */
  status: StatusConfig;
  /** Where e-mails to bookers are sent; without it they wait in the store's outbox. */
  smtp?: SmtpConfig;
  /**
   * The origin visitors use (`https://vereinsraum.example-stadt.de`): the
   * server's own origin. `vereinsraum serve` uses it unless `--public-origin`
   * is given; without either, it answers only loopback and listed Host values.
   */
  publicOrigin?: string;
}

/** The `status` section: how often conference servers are asked, and how failures are treated. */
export interface StatusConfig {
  /** How long an answer is reused, and how often watched rooms are asked, in ms (default 5000). */
  ttlMs: number;
  /** How long the last known status is served after the conference server stopped answering, in ms (default 30000). */
  graceMs: number;
  /** How long one status request may take, in ms (default 3000). */
  timeoutMs: number;
  /** Event streams one client (IP address) may keep open at once, all rooms together (default 20). */
  maxStreamsPerClient: number;
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

const CHECKSUMS: readonly string[] = ['sha1', 'sha256', 'sha512'];
const START_POLICIES: readonly string[] = ['anyone', 'moderator-code'];
const TENANT_FIELDS = ['name', 'allowedOrigins', 'rooms', 'bookings', 'logoUrl', 'theme', 'defaultLanguage', 'privacyPolicyUrl', 'imprintUrl',
  'privacyNotice', 'bbbStyleUrl', 'jitsiTenant', 'leavePage'];

/** The longest privacy notice of a tenant, per language. */
const PRIVACY_NOTICE_MAX = 1000;

/**
 * Validate a configuration object (as read from a JSON file) and resolve its
 * secrets from `env`. Reports every problem at once, naming each field.
 *
 * @throws {@link ConfigError} when anything is wrong.
 * @example
 * ```ts
 * const config = parseConfig({
 *   backends: { bbb: { type: 'bbb', url: 'https://bbb.example.org/bigbluebutton/', secretEnv: 'BBB_SECRET' } },
 *   tenants: { tsv: { name: 'TSV Musterstadt', allowedOrigins: ['https://tsv.example'],
 *     rooms: { training: { name: 'Training', backend: 'bbb', start: 'anyone' } } } },
 * }, process.env);
 * ```
 */
export function parseConfig(raw: unknown, env: Env): ServerConfig {
  const issues: ConfigIssue[] = [];
  const c = new Checker(issues, env);
  const root = c.object(raw, '', ['backends', 'tenants', 'adminTokenEnv', 'status', 'smtp', 'publicOrigin', '$schema']);
  const backends = new Map<string, Backend>();
  const tenants = new Map<string, Tenant>();

  for (const [id, value, path] of c.entries(root?.backends, 'backends')) {
    const type = isObject(value) ? value.type : undefined;
    const backend = type === 'bbb' ? c.bbb(value, path) : type === 'jitsi' ? c.jitsi(value, path) : type === 'mattermost' ? c.mattermost(value, path) : undefined;
    if (type !== 'bbb' && type !== 'jitsi' && type !== 'mattermost') {
      c.object(value, path, ['type']);
      c.issue(`${path}.type`, 'must be "bbb" (BigBlueButton or Scalelite), "jitsi" (Jitsi Meet) or "mattermost" (chat rooms)');
    }
    if (backend) backends.set(id, backend);
  }

  const adminToken = root?.adminTokenEnv === undefined ? undefined : c.secret(root.adminTokenEnv, 'adminTokenEnv', true);
  if (adminToken !== undefined && adminToken.length < 32) {
    c.issue('adminTokenEnv', `the admin token in ${String(root?.adminTokenEnv)} must have at least 32 characters (e.g. from \`openssl rand -base64 32\`)`);
  }

  for (const [tenantId, value, path] of c.entries(root?.tenants, 'tenants', true)) {
    const t = c.object(value, path, TENANT_FIELDS);
    if (!t) continue;
    const name = c.text(t.name, `${path}.name`);
    const allowedOrigins: string[] = [];
    if (!Array.isArray(t.allowedOrigins)) {
      c.issue(`${path}.allowedOrigins`, 'must be a list of origins like "https://www.example.org" (may be empty)');
    } else {
      t.allowedOrigins.forEach((origin, i) => {
        const o = c.origin(origin, `${path}.allowedOrigins[${i}]`);
        if (o) allowedOrigins.push(o);
      });
    }
    const rooms = new Map<string, Room>();
    for (const [roomId, roomValue, roomPath] of c.entries(t.rooms, `${path}.rooms`, true)) {
      const r = c.object(roomValue, roomPath, ['name', 'backend', 'start', 'moderatorCodeEnv', 'attendeeCodeEnv']);
      if (!r) continue;
      const roomName = c.text(r.name, `${roomPath}.name`);
      const backend = typeof r.backend === 'string' ? r.backend : '';
      if (!isObject(root?.backends) || !Object.hasOwn(root.backends, backend)) {
        const known = isObject(root?.backends) ? Object.keys(root.backends) : [];
        c.issue(`${roomPath}.backend`, `must name one of the backends (${known.map((k) => `"${k}"`).join(', ') || 'none defined'})`);
      } else if (isMattermost(root.backends[backend])) {
        c.issue(`${roomPath}.backend`, 'names a Mattermost back end, which holds booked chat rooms only (tenants.*.bookings.chat): a room needs a "bbb" or "jitsi" back end');
      }
      const start = r.start ?? 'moderator-code';
      if (!START_POLICIES.includes(start as string)) {
        c.issue(`${roomPath}.start`, `must be "anyone" or "moderator-code"`);
      }
      const moderatorCode = c.code(r.moderatorCodeEnv, `${roomPath}.moderatorCodeEnv`, start === 'moderator-code');
      const attendeeCode = c.code(r.attendeeCodeEnv, `${roomPath}.attendeeCodeEnv`, false);
      if (moderatorCode !== undefined && moderatorCode === attendeeCode) {
        c.issue(`${roomPath}.attendeeCodeEnv`, 'the attendee code must differ from the moderator code');
      }
      if (roomName) {
        rooms.set(roomId, {
          id: roomId,
          name: roomName,
          backend,
          start: start as StartPolicy,
          ...(moderatorCode === undefined ? {} : { moderatorCode }),
          ...(attendeeCode === undefined ? {} : { attendeeCode }),
        });
      }
    }
    const branding = c.branding(t, path);
    const bookings =
      t.bookings === undefined
        ? undefined
        : c.bookings(t.bookings, `${path}.bookings`, isObject(root?.backends) ? root.backends : {}, branding.privacyPolicyUrl);
    for (const roomId of rooms.keys()) {
      if (roomId.startsWith('b-')) c.issue(`${path}.rooms.${roomId}`, 'room ids starting with "b-" are kept for booked rooms');
    }
    if (name) tenants.set(tenantId, { id: tenantId, name, allowedOrigins, rooms, ...(bookings ? { bookings } : {}), ...branding });
  }

  const status: StatusConfig = { ttlMs: 5000, graceMs: 30_000, timeoutMs: 3000, maxStreamsPerClient: 20 };
  if (root?.status !== undefined) {
    const s = c.object(root.status, 'status', ['ttlMs', 'graceMs', 'timeoutMs', 'maxStreamsPerClient']);
    status.ttlMs = (s?.ttlMs === undefined ? undefined : c.integer(s.ttlMs, 'status.ttlMs', 1000, 300_000)) ?? status.ttlMs;
    status.graceMs = (s?.graceMs === undefined ? undefined : c.integer(s.graceMs, 'status.graceMs', 0, 3_600_000)) ?? status.graceMs;
    status.timeoutMs = (s?.timeoutMs === undefined ? undefined : c.integer(s.timeoutMs, 'status.timeoutMs', 100, 60_000)) ?? status.timeoutMs;
    status.maxStreamsPerClient =
      (s?.maxStreamsPerClient === undefined ? undefined : c.integer(s.maxStreamsPerClient, 'status.maxStreamsPerClient', 1, 10_000)) ?? status.maxStreamsPerClient;
  }
  const publicOrigin = root?.publicOrigin === undefined ? undefined : c.origin(root.publicOrigin, 'publicOrigin');

  const smtp = root?.smtp === undefined ? undefined : c.smtp(root.smtp, 'smtp');

  if (issues.length > 0) throw new ConfigError(issues);
  return {
    backends,
    tenants,
    status,
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(smtp ? { smtp } : {}),
    ...(publicOrigin === undefined ? {} : { publicOrigin }),
  };
}

/** The API base from what an operator may paste: `…/bigbluebutton/`, `…/bigbluebutton/api` or `…/api/`. */
function apiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

function isMattermost(backend: unknown): boolean {
  return isObject(backend) && backend.type === 'mattermost';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects issues while reading a config; each reader returns `undefined` on a problem. */
class Checker {
  constructor(
    private readonly issues: ConfigIssue[],
    private readonly env: Env,
  ) {}

  issue(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  bbb(value: unknown, path: string): BbbBackend | undefined {
    const b = this.object(value, path, ['type', 'url', 'secretEnv', 'checksum', 'timeoutMs'])!;
    let checksum: ChecksumAlgorithm = 'sha256';
    if (b.checksum !== undefined) {
      if (b.checksum === 'sha384') {
        this.issue(`${path}.checksum`, 'sha384 is not supported: Scalelite refuses it. Use "sha256" (or "sha1"/"sha512" if your server demands it)');
      } else if (!CHECKSUMS.includes(b.checksum as string)) {
        this.issue(`${path}.checksum`, `must be one of ${CHECKSUMS.map((s) => `"${s}"`).join(', ')}`);
      } else {
        checksum = b.checksum as ChecksumAlgorithm;
      }
    }
    const url = this.url(b.url, `${path}.url`);
    const secret = this.secret(b.secretEnv, `${path}.secretEnv`, true);
    const timeoutMs = this.timeout(b.timeoutMs, `${path}.timeoutMs`);
    return url && secret !== undefined ? { type: 'bbb', url: apiBase(url), secret, checksum, timeoutMs } : undefined;
  }

  jitsi(value: unknown, path: string): JitsiBackend | undefined {
    const known = ['type', 'domain', 'protocol', 'appId', 'tenant', 'xmppDomain', 'appSecretEnv', 'tokenMinutes', 'roomSizeUrl', 'timeoutMs'];
    const j = this.object(value, path, known)!;
    let domain: string | undefined;
    if (typeof j.domain === 'string' && /^[a-z0-9.-]+(?::\d{1,5})?$/i.test(j.domain) && URL.canParse(`https://${j.domain}`)) {
      domain = j.domain.toLowerCase();
    } else {
      this.issue(`${path}.domain`, 'must be the host of the Jitsi deployment, with a port if needed (e.g. "meet.example.org"), no scheme or path');
    }
    const protocol = j.protocol ?? 'https';
    if (protocol !== 'https' && protocol !== 'http') this.issue(`${path}.protocol`, 'must be "https" (or "http" for a local test deployment)');
    const appId = this.token(j.appId, `${path}.appId`, true);
    const tenant = this.token(j.tenant, `${path}.tenant`, false);
    const xmppDomain = this.token(j.xmppDomain, `${path}.xmppDomain`, false) ?? domain?.replace(/:\d+$/, '');
    const appSecret = this.secret(j.appSecretEnv, `${path}.appSecretEnv`, false);
    if (appSecret !== undefined && appSecret.length < 32) {
      this.issue(`${path}.appSecretEnv`, `the app secret in ${String(j.appSecretEnv)} must have at least 32 characters: HS256 needs a 256-bit secret`);
    }
    const tokenMinutes = j.tokenMinutes === undefined ? 5 : this.integer(j.tokenMinutes, `${path}.tokenMinutes`, 1, 60);
    const roomSizeUrl = j.roomSizeUrl === undefined ? undefined : this.url(j.roomSizeUrl, `${path}.roomSizeUrl`);
    const timeoutMs = this.timeout(j.timeoutMs, `${path}.timeoutMs`);
    if (!domain || !appId || !xmppDomain || tokenMinutes === undefined || (protocol !== 'https' && protocol !== 'http')) return undefined;
    return {
      type: 'jitsi',
      domain,
      protocol,
      appId,
      xmppDomain,
      tokenMinutes,
      timeoutMs,
      ...(tenant === undefined ? {} : { tenant: tenant.toLowerCase() }),
      ...(appSecret === undefined ? {} : { appSecret }),
      ...(roomSizeUrl === undefined ? {} : { roomSizeUrl }),
    };
  }

  /** A tenant's public look and legal links, and where visitors go after a meeting; fields that are not set are left out. */
  branding(t: Record<string, unknown>, path: string): Omit<Tenant, 'id' | 'name' | 'allowedOrigins' | 'rooms' | 'bookings'> {
    const logoUrl = t.logoUrl === undefined ? undefined : this.publicUrl(t.logoUrl, `${path}.logoUrl`);
    const privacyPolicyUrl = t.privacyPolicyUrl === undefined ? undefined : this.publicUrl(t.privacyPolicyUrl, `${path}.privacyPolicyUrl`);
    const imprintUrl = t.imprintUrl === undefined ? undefined : this.publicUrl(t.imprintUrl, `${path}.imprintUrl`);
    const bbbStyleUrl = t.bbbStyleUrl === undefined ? undefined : this.publicUrl(t.bbbStyleUrl, `${path}.bbbStyleUrl`);
    const leavePage = t.leavePage === undefined ? undefined : this.publicUrl(t.leavePage, `${path}.leavePage`);
    const defaultLanguage = t.defaultLanguage ?? 'de';
    if (defaultLanguage !== 'de' && defaultLanguage !== 'en') this.issue(`${path}.defaultLanguage`, 'must be "de" or "en"');
    let jitsiTenant: string | undefined;
    if (t.jitsiTenant !== undefined) {
      if (typeof t.jitsiTenant === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(t.jitsiTenant)) {
        jitsiTenant = t.jitsiTenant.toLowerCase();
      } else {
        this.issue(`${path}.jitsiTenant`, 'must be a Jitsi tenant name: letters, digits and inner hyphens, at most 63 characters (it becomes part of a host name)');
      }
    }
    let privacyNotice: { de: string; en: string } | undefined;
    if (t.privacyNotice !== undefined) {
      const notice = this.object(t.privacyNotice, `${path}.privacyNotice`, ['de', 'en']);
      const texts = { de: '', en: '' };
      for (const lang of ['de', 'en'] as const) {
        const text = notice?.[lang];
        // Plain text: line breaks are fine, other control and bidi-override characters are not.
        if (typeof text !== 'string' || text.trim() === '' || text.length > PRIVACY_NOTICE_MAX || /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(text)) {
          if (notice) this.issue(`${path}.privacyNotice.${lang}`, `must be plain text of 1 to ${PRIVACY_NOTICE_MAX} characters (line breaks allowed)`);
        } else {
          texts[lang] = text.trim();
        }
      }
      if (texts.de && texts.en) privacyNotice = texts;
    }
    const theme = t.theme === undefined ? undefined : this.theme(t.theme, `${path}.theme`);
    return {
      ...(logoUrl === undefined ? {} : { logoUrl }),
      ...(theme === undefined ? {} : { theme }),
      defaultLanguage: defaultLanguage === 'en' ? 'en' : 'de',
      ...(privacyPolicyUrl === undefined ? {} : { privacyPolicyUrl }),
      ...(imprintUrl === undefined ? {} : { imprintUrl }),
      ...(privacyNotice === undefined ? {} : { privacyNotice }),
      ...(bbbStyleUrl === undefined ? {} : { bbbStyleUrl }),
      ...(jitsiTenant === undefined ? {} : { jitsiTenant }),
      ...(leavePage === undefined ? {} : { leavePage }),
    };
  }

  /** A tenant theme: colours `#rrggbb` (kept lowercase), a radius, a font list. */
  theme(value: unknown, path: string): TenantTheme | undefined {
    const t = this.object(value, path, ['primary', 'onPrimary', 'radius', 'font']);
    if (!t) return undefined;
    const theme: TenantTheme = {};
    for (const key of ['primary', 'onPrimary'] as const) {
      if (t[key] === undefined) continue;
      if (typeof t[key] === 'string' && THEME_PATTERNS[key].test(t[key])) theme[key] = t[key].toLowerCase();
      else this.issue(`${path}.${key}`, 'must be a colour like "#0b5cad" (# and six hex digits)');
    }
    if (t.radius !== undefined) {
      const match = typeof t.radius === 'string' ? THEME_PATTERNS.radius.exec(t.radius) : null;
      if (match && Number(match[1]) <= (match[2] === 'px' ? 48 : 3)) theme.radius = t.radius as string;
      else this.issue(`${path}.radius`, 'must be a length like "6px", "0.5rem" or "0px": at most 48px or 3rem');
    }
    if (t.font !== undefined) {
      const font = typeof t.font === 'string' ? t.font.trim() : '';
      const paired = (quote: string): boolean => font.split(quote).length % 2 === 1;
      if (THEME_PATTERNS.font.test(font) && paired('"') && paired("'")) theme.font = font;
      else this.issue(`${path}.font`, 'must be a font-family list like "\"Atkinson Hyperlegible\", Arial, sans-serif": letters, digits, spaces, commas, hyphens and paired quotes only (fonts on the visitor\'s device, no web font URL)');
    }
    return theme;
  }

  bookings(value: unknown, path: string, backends: Record<string, unknown>, tenantPrivacyUrl: string | undefined): BookingsConfig | undefined {
    const known = ['approval', 'backend', 'chat', 'joinPage', 'formPage', 'consentText', 'privacyPolicyUrl', 'maxHours', 'maxWeeks', 'retentionDays',
      'timeZone', 'language', 'perClientPerHour', 'perEmailPerDay', 'challengeMaxNumber'];
    const b = this.object(value, path, known);
    if (!b) return undefined;
    const before = this.issues.length;
    const approval = b.approval ?? 'manual';
    if (approval !== 'manual' && approval !== 'automatic') this.issue(`${path}.approval`, 'must be "manual" (an operator approves) or "automatic"');
    const backend = typeof b.backend === 'string' ? b.backend : '';
    if (!Object.hasOwn(backends, backend)) {
      this.issue(`${path}.backend`, `must name one of the backends (${Object.keys(backends).map((k) => `"${k}"`).join(', ') || 'none defined'})`);
    } else if (isMattermost(backends[backend])) {
      this.issue(`${path}.backend`, 'must name a video back end ("bbb" or "jitsi"); chat bookings go to bookings.chat');
    }
    const chat = b.chat === undefined ? undefined : this.chat(b.chat, `${path}.chat`, backends);
    const joinPage = this.page(b.joinPage, `${path}.joinPage`);
    const formPage = this.page(b.formPage, `${path}.formPage`);
    let privacyPolicyUrl: string | undefined;
    if (b.privacyPolicyUrl !== undefined) privacyPolicyUrl = this.url(b.privacyPolicyUrl, `${path}.privacyPolicyUrl`);
    else if (tenantPrivacyUrl !== undefined) privacyPolicyUrl = tenantPrivacyUrl;
    else this.issue(`${path}.privacyPolicyUrl`, "is required: your privacy policy's URL (or set the tenant's privacyPolicyUrl)");
    const consent = this.object(b.consentText, `${path}.consentText`, ['de', 'en']);
    const consentText = { de: '', en: '' };
    for (const lang of ['de', 'en'] as const) {
      const text = consent?.[lang];
      if (typeof text !== 'string' || text.trim().length < 10 || text.length > 2000) {
        if (consent) this.issue(`${path}.consentText.${lang}`, 'must be the privacy notice as plain text, 10 to 2000 characters');
      } else {
        consentText[lang] = text.trim();
      }
    }
    const int = (key: string, min: number, max: number, fallback: number): number =>
      b[key] === undefined ? fallback : (this.integer(b[key], `${path}.${key}`, min, max) ?? fallback);
    const maxHours = int('maxHours', 1, 24, 8);
    const maxWeeks = int('maxWeeks', 1, BOOKING_LIMITS.weeksMax, 12);
    const retentionDays = int('retentionDays', 1, 3650, 90);
    const perClientPerHour = int('perClientPerHour', 1, 100_000, 10);
    const perEmailPerDay = int('perEmailPerDay', 1, 100_000, 5);
    const challengeMaxNumber = int('challengeMaxNumber', 10, 10_000_000, 100_000);
    let timeZone = 'Europe/Berlin';
    if (b.timeZone !== undefined) {
      try {
        timeZone = new Intl.DateTimeFormat('en', { timeZone: String(b.timeZone) }).resolvedOptions().timeZone;
      } catch {
        this.issue(`${path}.timeZone`, 'must be an IANA time zone like "Europe/Berlin"');
      }
    }
    const language = b.language ?? 'de';
    if (language !== 'de' && language !== 'en') this.issue(`${path}.language`, 'must be "de" or "en"');
    if (this.issues.length > before || !joinPage || !formPage || !privacyPolicyUrl) return undefined;
    return {
      approval: approval as BookingsConfig['approval'],
      backend,
      ...(chat ? { chat } : {}),
      joinPage,
      formPage,
      consentText,
      privacyPolicyUrl,
      maxHours,
      maxWeeks,
      retentionDays,
      timeZone,
      language: language as 'de' | 'en',
      perClientPerHour,
      perEmailPerDay,
      challengeMaxNumber,
    };
  }

  mattermost(value: unknown, path: string): MattermostBackend | undefined {
    const m = this.object(value, path, ['type', 'url', 'tokenEnv', 'timeoutMs'])!;
    let url = this.url(m.url, `${path}.url`)?.replace(/\/+$/, '');
    // `…/api/v4` as pasted from the API documentation: the client adds it itself.
    if (url?.endsWith('/api/v4')) url = url.slice(0, -'/api/v4'.length);
    if (url !== undefined && (url.includes('?') || url.includes('#'))) {
      this.issue(`${path}.url`, 'must be the address of the Mattermost server, without a query or fragment (e.g. "https://chat.example.org")');
      url = undefined;
    }
    const token = this.secret(m.tokenEnv, `${path}.tokenEnv`, true);
    if (token !== undefined && !/^\S{16,200}$/.test(token)) {
      this.issue(`${path}.tokenEnv`, `the access token in ${String(m.tokenEnv)} must be the bot's token: 16 to 200 characters, no spaces`);
    }
    const timeoutMs = this.timeout(m.timeoutMs, `${path}.timeoutMs`);
    if (!url || token === undefined || !/^\S{16,200}$/.test(token)) return undefined;
    return { type: 'mattermost', url, token, tokenEnv: m.tokenEnv as string, timeoutMs };
  }

  /** A tenant's `bookings.chat`: which Mattermost back end, and which team. */
  chat(value: unknown, path: string, backends: Record<string, unknown>): { backend: string; team: string } | undefined {
    const c = this.object(value, path, ['backend', 'team']);
    if (!c) return undefined;
    const backend = typeof c.backend === 'string' ? c.backend : '';
    const mattermost = Object.keys(backends).filter((id) => isMattermost(backends[id]));
    const ok = Object.hasOwn(backends, backend) && isMattermost(backends[backend]);
    if (!ok) this.issue(`${path}.backend`, `must name a Mattermost back end (${mattermost.map((k) => `"${k}"`).join(', ') || 'none defined'})`);
    const team = typeof c.team === 'string' && /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/.test(c.team) ? c.team : undefined;
    if (!team) this.issue(`${path}.team`, 'must be the name of the Mattermost team as in its address (lowercase letters, digits and hyphens, e.g. "tsv-musterstadt")');
    return ok && team ? { backend, team } : undefined;
  }

  smtp(value: unknown, path: string): SmtpConfig | undefined {
    const s = this.object(value, path, ['host', 'port', 'secure', 'user', 'passwordEnv', 'from']);
    if (!s) return undefined;
    const before = this.issues.length;
    if (typeof s.host !== 'string' || !/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/.test(s.host)) this.issue(`${path}.host`, 'must be a host name or address');
    if (s.secure !== undefined && typeof s.secure !== 'boolean') this.issue(`${path}.secure`, 'must be true (TLS from the start, port 465) or false (STARTTLS)');
    const secure = s.secure === true;
    const port = s.port === undefined ? (secure ? 465 : 587) : this.integer(s.port, `${path}.port`, 1, 65535);
    if (s.user !== undefined && (typeof s.user !== 'string' || s.user === '' || s.user.length > 254)) this.issue(`${path}.user`, 'must be the SMTP user name');
    const password = s.passwordEnv === undefined ? undefined : this.secret(s.passwordEnv, `${path}.passwordEnv`, true);
    if (password !== undefined && s.user === undefined) this.issue(`${path}.user`, 'is required with passwordEnv');
    if (typeof s.from !== 'string' || !/@/.test(s.from) || s.from.length > 300 || /[\r\n]/.test(s.from)) {
      this.issue(`${path}.from`, 'must be the sender address, e.g. "Vereinsraum <vereinsraum@example.org>"');
    }
    if (this.issues.length > before || port === undefined) return undefined;
    return {
      host: s.host as string,
      port,
      secure,
      from: s.from as string,
      ...(typeof s.user === 'string' ? { user: s.user } : {}),
      ...(password === undefined ? {} : { password }),
    };
  }

  /** An http(s) URL of a web page, without a fragment (links append their own). */
  page(value: unknown, path: string): string | undefined {
    const url = this.url(value, path);
    if (url !== undefined && url.includes('#')) {
      this.issue(path, 'must have no fragment (#…): the links add their own');
      return undefined;
    }
    return url;
  }

  /** A short name without spaces or slashes (Jitsi app id, tenant, XMPP domain). */
  token(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(value)) {
      this.issue(path, 'must be a name of letters, digits, dots, hyphens or underscores');
      return undefined;
    }
    return value;
  }

  timeout(value: unknown, path: string): number {
    return value === undefined ? 5000 : (this.integer(value, path, 100, 60000) ?? 5000);
  }

  object(value: unknown, path: string, known: string[]): Record<string, unknown> | undefined {
    if (!isObject(value)) {
      this.issue(path, 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.issue(path ? `${path}.${key}` : key, `unknown field (known: ${known.join(', ')})`);
    }
    return value;
  }

  /** Entries of a map keyed by ids; `required` means at least one. */
  entries(value: unknown, path: string, required = false): Array<[string, unknown, string]> {
    if (!isObject(value)) {
      this.issue(path, 'must be an object whose keys are ids');
      return [];
    }
    const result: Array<[string, unknown, string]> = [];
    for (const [id, item] of Object.entries(value)) {
      if (!isValidId(id)) {
        this.issue(`${path}.${id}`, 'ids are lowercase letters, digits and inner hyphens, at most 64 characters');
      } else {
        result.push([id, item, `${path}.${id}`]);
      }
    }
    if (required && Object.keys(value).length === 0) this.issue(path, 'must not be empty');
    return result;
  }

  /** A name: 2 to 200 characters (BigBlueButton refuses meeting names under 2). */
  text(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.trim().length < 2 || value.length > 200) {
      this.issue(path, 'must be a text of 2 to 200 characters');
      return undefined;
    }
    return value.trim();
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.issue(path, `must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  url(value: unknown, path: string): string | undefined {
    try {
      const url = new URL(String(value));
      if ((url.protocol === 'https:' || url.protocol === 'http:') && typeof value === 'string') return value;
    } catch {
      // reported below
    }
    this.issue(path, 'must be an http(s) URL');
    return undefined;
  }

  /**
   * A URL visitors' browsers load or open: https, or http for a loopback host
   * (a local demo); no user name or password in it; at most 2000 characters.
   */
  publicUrl(value: unknown, path: string): string | undefined {
    try {
      const url = new URL(String(value));
      const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
      if (typeof value === 'string' && value.length <= 2000 && scheme && url.username === '' && url.password === '') return value;
    } catch {
      // reported below
    }
    this.issue(path, 'must be an https URL (http only for localhost), without a user name or password');
    return undefined;
  }

  origin(value: unknown, path: string): string | undefined {
    try {
      const url = new URL(String(value));
      if (typeof value === 'string' && url.origin === value && url.origin !== 'null') return value;
    } catch {
      // reported below
    }
    this.issue(path, 'must be an origin: scheme, host and port only, no path or trailing slash (e.g. "https://www.example.org")');
    return undefined;
  }

  /** An access code from the environment: what a visitor can type (trimmed, at most 64 characters). */
  code(value: unknown, path: string, required: boolean): string | undefined {
    const code = this.secret(value, path, required);
    if (code !== undefined && (code !== code.trim() || code.length > ACCESS_CODE_MAX)) {
      this.issue(path, `the code in ${String(value)} must have at most ${ACCESS_CODE_MAX} characters and no spaces at either end`);
      return undefined;
    }
    return code;
  }

  /** A secret from the environment variable named by `value`. */
  secret(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.issue(path, 'is required: name the environment variable that holds the secret');
      return undefined;
    }
    if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
      this.issue(path, 'must be the name of an environment variable (letters, digits, underscore)');
      return undefined;
    }
    const secret = this.env[value];
    if (secret === undefined || secret === '') {
      this.issue(path, `environment variable ${value} is not set`);
      return undefined;
    }
    return secret;
  }
}
