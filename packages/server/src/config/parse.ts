import { checkRules } from './rules.js';
import { type ConfigFile, Config } from './schema.js';
import { readSecrets } from './secrets.js';
import {
  type Backend,
  type BookingsConfig,
  type ClubsConfig,
  ConfigError,
  type Env,
  type Room,
  type ServerConfig,
  type SmtpConfig,
  type StatusConfig,
  type StoreConfig,
  type Tenant,
  type UsageConfig,
} from './types.js';
import { Findings, isObject, schemaIssues, withDefaults } from './validate.js';

type RawTenant = ConfigFile['tenants'][string];

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
  const findings = new Findings(schemaIssues(Config, raw));
  if (!isObject(raw)) throw new ConfigError(findings.issues);
  // Every default of the schema is filled in here; the reading below relies on it.
  const file = withDefaults(Config, raw) as ConfigFile;
  const secrets = readSecrets(file, env, findings);
  checkRules(file, secrets, findings);
  if (findings.issues.length > 0) throw new ConfigError(findings.issues);
  return read(file, secrets);
}

/** The parsed form of a file that passed every check. */
function read(file: ConfigFile, secrets: Map<string, string>): ServerConfig {
  const backends = new Map(Object.entries(file.backends).map(([id, backend]) => [id, readBackend(backend, `backends.${id}`, secrets)]));
  const tenants = new Map(Object.entries(file.tenants).map(([id, tenant]) => [id, readTenant(id, tenant, `tenants.${id}`, secrets)]));
  const adminToken = secrets.get('adminTokenEnv');
  const metricsToken = secrets.get('metricsTokenEnv');
  const smtp = file.smtp && readSmtp(file.smtp, secrets);
  return {
    backends,
    tenants,
    status: file.status as StatusConfig,
    usage: file.usage as UsageConfig,
    store: readStore(file.store, secrets),
    ...(adminToken === undefined ? {} : { adminToken }),
    ...(metricsToken === undefined ? {} : { metricsToken }),
    ...(smtp ? { smtp } : {}),
    ...(file.publicOrigin === undefined ? {} : { publicOrigin: file.publicOrigin }),
    ...(file.clubs ? { clubs: readClubs(file.clubs, secrets) } : {}),
  };
}

function readBackend(backend: ConfigFile['backends'][string], path: string, secrets: Map<string, string>): Backend {
  switch (backend.type) {
    case 'bbb':
      return {
        type: 'bbb',
        url: apiBase(backend.url),
        secret: secrets.get(`${path}.secretEnv`)!,
        checksum: backend.checksum!,
        timeoutMs: backend.timeoutMs!,
      };
    case 'jitsi': {
      const domain = backend.domain.toLowerCase();
      const appSecret = secrets.get(`${path}.appSecretEnv`);
      return {
        type: 'jitsi',
        domain,
        protocol: backend.protocol!,
        appId: backend.appId,
        xmppDomain: backend.xmppDomain ?? domain.replace(/:\d+$/, ''),
        tokenMinutes: backend.tokenMinutes!,
        timeoutMs: backend.timeoutMs!,
        ...(backend.tenant === undefined ? {} : { tenant: backend.tenant.toLowerCase() }),
        ...(appSecret === undefined ? {} : { appSecret }),
        ...(backend.roomSizeUrl === undefined ? {} : { roomSizeUrl: backend.roomSizeUrl }),
      };
    }
    case 'mattermost': {
      // `…/api/v4` as pasted from the API documentation: the client adds it itself.
      const url = backend.url.replace(/\/+$/, '').replace(/\/api\/v4$/, '');
      return {
        type: 'mattermost',
        url,
        token: secrets.get(`${path}.tokenEnv`)!,
        tokenEnv: backend.tokenEnv,
        timeoutMs: backend.timeoutMs!,
      };
    }
  }
}

/** The API base from what an operator may paste: `…/bigbluebutton/`, `…/bigbluebutton/api` or `…/api/`. */
function apiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

function readTenant(id: string, t: RawTenant, path: string, secrets: Map<string, string>): Tenant {
  const rooms = new Map<string, Room>();
  for (const [roomId, room] of Object.entries(t.rooms)) {
    const moderatorCode = secrets.get(`${path}.rooms.${roomId}.moderatorCodeEnv`);
    const attendeeCode = secrets.get(`${path}.rooms.${roomId}.attendeeCodeEnv`);
    rooms.set(roomId, {
      id: roomId,
      name: room.name.trim(),
      backend: room.backend,
      start: room.start!,
      ...(moderatorCode === undefined ? {} : { moderatorCode }),
      ...(attendeeCode === undefined ? {} : { attendeeCode }),
    });
  }
  const theme = t.theme && {
    ...(t.theme.primary === undefined ? {} : { primary: t.theme.primary.toLowerCase() }),
    ...(t.theme.onPrimary === undefined ? {} : { onPrimary: t.theme.onPrimary.toLowerCase() }),
    ...(t.theme.radius === undefined ? {} : { radius: t.theme.radius }),
    ...(t.theme.font === undefined ? {} : { font: t.theme.font.trim() }),
  };
  const optional = {
    logoUrl: t.logoUrl,
    theme,
    privacyPolicyUrl: t.privacyPolicyUrl,
    imprintUrl: t.imprintUrl,
    privacyNotice: t.privacyNotice && { de: plain(t.privacyNotice.de), en: plain(t.privacyNotice.en) },
    bbbStyleUrl: t.bbbStyleUrl,
    jitsiTenant: t.jitsiTenant?.toLowerCase(),
    leavePage: t.leavePage,
    region: t.region,
    bookings: t.bookings && readBookings(t.bookings, t.privacyPolicyUrl),
    openRooms: t.openRooms && {
      enabled: t.openRooms.enabled!,
      backend: t.openRooms.backend,
      maxPerClientPerDay: t.openRooms.maxPerClientPerDay!,
      maxParticipants: t.openRooms.maxParticipants!,
      maxMinutes: t.openRooms.maxMinutes!,
      idleHours: t.openRooms.idleHours!,
      maxOpen: t.openRooms.maxOpen!,
      challengeMaxNumber: t.openRooms.challengeMaxNumber!,
    },
  };
  return {
    id,
    name: t.name.trim(),
    allowedOrigins: t.allowedOrigins,
    rooms,
    defaultLanguage: t.defaultLanguage!,
    ...(Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) as Partial<Tenant>),
  };
}

/** Plain text as kept: trimmed, `\r\n` line breaks made `\n`. */
function plain(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}

function readBookings(b: NonNullable<RawTenant['bookings']>, tenantPrivacyUrl: string | undefined): BookingsConfig {
  return {
    approval: b.approval!,
    backend: b.backend,
    ...(b.chat ? { chat: { backend: b.chat.backend, team: b.chat.team } } : {}),
    joinPage: b.joinPage,
    formPage: b.formPage,
    consentText: { de: plain(b.consentText.de), en: plain(b.consentText.en) },
    privacyPolicyUrl: (b.privacyPolicyUrl ?? tenantPrivacyUrl)!,
    maxHours: b.maxHours!,
    maxWeeks: b.maxWeeks!,
    retentionDays: b.retentionDays!,
    // The zone's own spelling, as the runtime knows it.
    timeZone: new Intl.DateTimeFormat('en', { timeZone: b.timeZone! }).resolvedOptions().timeZone,
    language: b.language!,
    perClientPerHour: b.perClientPerHour!,
    perEmailPerDay: b.perEmailPerDay!,
    challengeMaxNumber: b.challengeMaxNumber!,
  };
}

function readSmtp(s: NonNullable<ConfigFile['smtp']>, secrets: Map<string, string>): SmtpConfig {
  const password = secrets.get('smtp.passwordEnv');
  return {
    host: s.host,
    port: s.port ?? (s.secure ? 465 : 587),
    secure: s.secure!,
    from: s.from,
    ...(s.user === undefined ? {} : { user: s.user }),
    ...(password === undefined ? {} : { password }),
  };
}

function readClubs(c: NonNullable<ConfigFile['clubs']>, secrets: Map<string, string>): ClubsConfig {
  return {
    backend: c.backend,
    regions: c.regions.map((region) => ({ id: region.id, name: region.name.trim() })),
    formOrigins: c.formOrigins!,
    termsUrl: c.termsUrl,
    privacyPolicyUrl: c.privacyPolicyUrl,
    maxRooms: c.maxRooms!,
    confirmHours: c.confirmHours!,
    perClientPerHour: c.perClientPerHour!,
    perEmailPerDay: c.perEmailPerDay!,
    challengeMaxNumber: c.challengeMaxNumber!,
    reconfirmDays: c.reconfirmDays!,
    idleDays: c.idleDays!,
    graceDays: c.graceDays!,
    regionAdmins: (c.regionAdmins ?? []).map((admin, i) => ({
      token: secrets.get(`clubs.regionAdmins[${i}].tokenEnv`)!,
      regions: admin.regions,
    })),
  };
}

function readStore(s: ConfigFile['store'], secrets: Map<string, string>): StoreConfig {
  if (s?.type !== 'postgres') return { type: 'sqlite' };
  return {
    type: 'postgres',
    url: secrets.get('store.urlEnv')!,
    poolSize: s.poolSize!,
    connectTimeoutMs: s.connectTimeoutMs!,
    statementTimeoutMs: s.statementTimeoutMs!,
  };
}
