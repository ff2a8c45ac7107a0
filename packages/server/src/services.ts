// The composition root: everything the routes use, made once per configuration (createServices),
// with the background work behind start() and stop().
import { AttemptLimiter, type Limiter, StoreLimiter } from './attempts.js';
import { BookingService } from './bookings/service.js';
import { ChatCodes } from './chat/codes.js';
import { ChatRooms, chatProviders } from './chat/rooms.js';
import { ConfigError, type ServerConfig } from './config/index.js';
import type { Logger, Services } from './context.js';
import { ClubDirectory } from './clubs/directory.js';
import { ClubService } from './clubs/service.js';
import { ConfigDirectory } from './directory.js';
import { Jobs } from './jobs.js';
import { generateKeySet, type KeySet } from './keys.js';
import { type Mailer, MailDelivery } from './mail/delivery.js';
import { OpenRoomService } from './open-rooms/service.js';
import { BbbProvider } from './providers/bbb.js';
import { JitsiProvider } from './providers/jitsi.js';
import type { Provider } from './providers/types.js';
import { MemoryRevocations, type Revocations, StoreRevocations } from './revocations.js';
import { storeExchange } from './status/exchange.js';
import { type StatusOptions, StatusService } from './status/service.js';
import type { Store } from './store/types.js';
import { StreamLimits } from './streams.js';
import { UsageService } from './usage/service.js';
import { measuredFetch, type Metrics } from './metrics.js';

/** What varies between production and tests; every field is optional. */
export interface HandlerOptions {
  /** Used for every call to a conference server. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /**
   * Overrides of the config's `status` section, and the circuit breaker's
   * settings (`breakerThreshold`, `breakerCooldownMs`).
   */
  status?: Omit<StatusOptions, 'now' | 'onBreakerOpen'>;
  /** Event streams the server keeps open at once, all rooms together (default 10000). */
  maxListeners?: number;
  /**
   * Event streams one client may keep open at once (default: the config's
   * `status.maxStreamsPerClient`, 20). Clients are told apart by
   * `RequestInfo.clientAddress` (IPv6 addresses by their /64 network);
   * requests without one count only against `maxListeners`.
   */
  maxStreamsPerClient?: number;
  /** Where operator messages go (default: `console.warn`/`console.error`). */
  log?: Logger;
  /** Wrong access codes one client may try per room within `codeAttemptWindowMs` (default 10). */
  codeAttempts?: number;
  /** The window for `codeAttempts`, in milliseconds (default 15 minutes). */
  codeAttemptWindowMs?: number;
  /**
   * Keys that sign invites and Jitsi RS256 tokens (see `loadKeySetFile`).
   * Default: a key set made in memory at the first use, so invites stop
   * working when the process ends; give one for production. Required with a
   * PostgreSQL store (`store.type: "postgres"`): instances sharing it must
   * share the keys.
   */
  keys?: KeySet;
  /** Where revoked invites are kept (default: in the store when there is one, else in memory). */
  revocations?: Revocations;
  /**
   * Where bookings are kept: the store the config's `store` section names,
   * opened with `openStore` (`SqliteStore` or `PgStore`, from
   * `@vereinsraum/server/node`). Without it, booking requests answer `bookings_disabled`. With it,
   * bookings past their retention are purged when the handler starts and
   * every 24 hours after (see `start()`).
   */
  store?: Store;
  /**
   * Sends the store's outbox (`SmtpMailer` from `@vereinsraum/server/node`).
   * Without it, mails stay in the outbox (the demo shows them).
   */
  mailer?: Mailer;
  /**
   * HMAC key of the proof-of-work challenges. Default: with a store, one made
   * once and kept in it (so a challenge fetched from one instance is accepted
   * by another, and after a restart); without, random per process.
   */
  challengeKey?: string;
  /**
   * How long a chat booking's approval holds the booking's lease in the
   * store, in ms (default 60000): when the approving process dies, another
   * instance continues the approval after that.
   */
  approvalLeaseMs?: number;
  /** How often unsent mails are tried again while the handler runs, in ms (default 60000). */
  mailRetryMs?: number;
  /**
   * The status cache, shared with the handler this one replaces (see
   * {@link createStatusService}): rooms are still asked once per `ttlMs`, and
   * event streams opened through the old handler keep getting changes.
   * Default: a new one from the config's `status` section and `status`.
   */
  statusService?: StatusService;
  /**
   * Where the handler counts joins, back end calls, answers and their
   * durations (`PromMetrics` from `@vereinsraum/server/node`); `GET /metrics`
   * shows them when the config names `metricsTokenEnv`.
   */
  metrics?: Metrics;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const defaultLog: Logger = (level, message) => (level === 'error' ? console.error : console.warn)(`vereinsraum ${level}: ${message}`);

/** Jitsi back ends without an app secret sign with RS256: the key set needs an RSA key. */
export function needsRsa(config: ServerConfig): boolean {
  return [...config.backends.values()].some((b) => b.type === 'jitsi' && b.appSecret === undefined);
}

/**
 * The status cache a handler made with these `config` and `options` uses
 * (the config's `status` section, overridden by `options.status`). Make one
 * to share it between the handlers that replace each other on a reload.
 */
export function createStatusService(
  config: ServerConfig,
  options: Pick<HandlerOptions, 'status' | 'now' | 'log' | 'store'> = {},
): StatusService {
  const log = options.log ?? defaultLog;
  const { maxStreamsPerClient: _perClient, ...status } = config.status;
  return new StatusService({
    ...status,
    ...options.status,
    now: options.now ?? Date.now,
    // Instances sharing a PostgreSQL store ask each room once per TTL between them.
    ...(options.store ? { exchange: storeExchange(options.store) } : {}),
    onBreakerOpen: (backend, reason, retryInMs) =>
      log('warn', `backend ${backend}: ${reason}; not asked for room status for ${Math.round(retryInMs / 1000)} s`),
  });
}

/**
 * The composition root: everything a handler (or a CLI command) works with,
 * made once from a validated configuration. Nothing runs in the background
 * until `start()`; `stop()` ends it again.
 *
 * @throws {@link ConfigError} when `options.keys` lacks the RSA key a Jitsi back end without an app secret needs,
 * or is missing while the config names a PostgreSQL store.
 * @internal
 */
export function createServices(config: ServerConfig, options: HandlerOptions = {}): Services {
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const rsa = needsRsa(config);
  if (config.store.type === 'postgres' && !options.keys) {
    // A key set made here would be this instance's alone: links it signs would fail on the others.
    throw new ConfigError([
      {
        path: 'store',
        message:
          'with a PostgreSQL store every instance must use the same key set: make it once with `vereinsraum keys generate` and give it to each (options.keys)',
      },
    ]);
  }
  if (rsa && options.keys && !options.keys.signingKey('RS256')) {
    throw new ConfigError([
      {
        path: 'backends',
        message:
          'a Jitsi back end without appSecretEnv signs with RS256, and the key set has no RSA key: run `vereinsraum keys generate --rsa`',
      },
    ]);
  }
  let keyPromise: Promise<KeySet> | undefined;
  const keys = (): Promise<KeySet> => (keyPromise ??= options.keys ? Promise.resolve(options.keys) : generateKeySet({ rsa }));
  const store = options.store;
  const revocations = options.revocations ?? (store ? new StoreRevocations(store, now) : new MemoryRevocations(now));
  const mail = store && options.mailer ? new MailDelivery({ store, mailer: options.mailer, keys, now, log }) : undefined;
  const deliverMail = async (): Promise<void> => {
    await mail?.run().catch((error: unknown) => log('error', `mail delivery: ${error instanceof Error ? error.message : String(error)}`));
  };
  // Mattermost back ends: booked chat rooms. Their client is Mattermost's own, on the global fetch.
  const chats = chatProviders(config);
  let challengeKey: Promise<string> | undefined;
  const sharedChallengeKey = (): Promise<string> => {
    if (options.challengeKey !== undefined) return Promise.resolve(options.challengeKey);
    if (!store) return (challengeKey ??= Promise.resolve(randomKey()));
    challengeKey ??= store.sharedSecret('challenge', crypto.getRandomValues(new Uint8Array(32)), null).then(hex);
    // A store that is down for now is asked again at the next request.
    challengeKey.catch(() => (challengeKey = undefined));
    return challengeKey;
  };
  const openRooms = store
    ? new OpenRoomService({
        store,
        keys,
        now,
        challengeKey: sharedChallengeKey,
        perClient: new StoreLimiter(store, 'open-rooms', Number.POSITIVE_INFINITY, 86_400_000, now),
        log: (message) => log('info', message),
      })
    : undefined;
  const configured = new ConfigDirectory(config, store, openRooms);
  // With a store, registered clubs are tenants too.
  const directory = store ? new ClubDirectory(configured, store) : configured;
  const clubs =
    store && config.clubs
      ? new ClubService({
          config: config.clubs,
          store,
          directory,
          keys,
          now,
          revocations,
          challengeKey: sharedChallengeKey,
          perClient: new StoreLimiter(store, 'clubs', config.clubs.perClientPerHour, 3_600_000, now),
          onMail: () => void deliverMail(),
          log: (message) => log('info', message),
        })
      : undefined;
  const codeAttempts = options.codeAttempts ?? 10;
  const codeWindowMs = options.codeAttemptWindowMs ?? 15 * 60_000;
  // With a store, limits are counted there: every instance sharing it counts together.
  const attempts: Limiter = store
    ? new StoreLimiter(store, 'codes', codeAttempts, codeWindowMs, now)
    : new AttemptLimiter(codeAttempts, codeWindowMs, now);
  const bookings = store
    ? new BookingService({
        directory,
        store,
        keys,
        now,
        revocations,
        challengeKey: sharedChallengeKey,
        perClient: new StoreLimiter(store, 'bookings', Number.POSITIVE_INFINITY, 3_600_000, now),
        onMail: () => void deliverMail(),
        log: (message) => log('info', message),
        warn: (message) => log('warn', message),
        chat: new ChatRooms(chats, store, { now, ...(options.approvalLeaseMs ? { leaseMs: options.approvalLeaseMs } : {}) }),
      })
    : undefined;
  const providers = new Map<string, Provider>();
  for (const [id, backend] of config.backends) {
    const measured = measuredFetch(fetchFn, options.metrics, id);
    if (backend.type === 'bbb') providers.set(id, new BbbProvider(backend, measured));
    else if (backend.type === 'jitsi') providers.set(id, new JitsiProvider(backend, keys, measured, now));
  }
  const status = options.statusService ?? createStatusService(config, { ...options, now, log });
  const usage = store ? new UsageService({ config, store, directory, providers, keys, now, log }) : undefined;
  // Periodic work that runs on one instance at a time (see Jobs).
  const jobs = new Jobs(store, log);
  const sampleUsage = async (): Promise<void> => {
    if (usage) await jobs.run('usage-sampler', () => usage.sampler.sample());
  };

  let running = false;
  let draining = false;

  return {
    config,
    directory,
    keys,
    revocations,
    now,
    log,
    ...(store ? { store, chatCodes: new ChatCodes(store, now) } : {}),
    ...(bookings ? { bookings } : {}),
    ...(openRooms ? { openRooms } : {}),
    ...(clubs ? { clubs } : {}),
    ...(mail ? { mail } : {}),
    ...(usage ? { usage } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    providers,
    chats,
    status,
    streams: new StreamLimits(status, options.maxListeners ?? 10_000, options.maxStreamsPerClient ?? config.status.maxStreamsPerClient),
    attempts,
    jobs,
    deliverMail,
    sampleUsage,
    start() {
      if (running) return;
      running = true;
      status.start();
      if (bookings) {
        jobs.every('purge', DAY_MS, async () => {
          const result = await bookings.purge();
          if (result.bookings > 0) log('info', `purged ${result.bookings} booking(s) past their retention`);
        });
      }
      if (usage) jobs.every('usage-purge', DAY_MS, () => usage.purge());
      // The sweep of the outbox: one instance at a time (a mail due after a change is sent at once by the
      // instance that made it; claims keep two senders apart either way).
      if (clubs && store) {
        jobs.every('club-purge', HOUR_MS, async () => {
          const deleted = await store.purgeClubs(now());
          if (deleted > 0) log('info', `deleted ${deleted} unconfirmed club registration(s)`);
        });
        // The mails link to the server: without a public origin there is no lifecycle.
        const origin = config.publicOrigin;
        if (origin) jobs.every('club-lifecycle', HOUR_MS, () => clubs.lifecycle.run(origin));
        else if (config.clubs!.reconfirmDays > 0 || config.clubs!.idleDays > 0)
          log(
            'warn',
            'clubs: set publicOrigin in the configuration, else no reconfirmation or warning mail is sent (they link to the server)',
          );
      }
      if (mail) jobs.every('mail', options.mailRetryMs ?? 60_000, () => mail.run());
      if (usage) jobs.every('usage-sampler', config.usage.sampleSeconds * 1000, () => usage.sampler.sample());
    },
    stop() {
      running = false;
      jobs.stop();
    },
    get draining() {
      return draining;
    },
    async drain() {
      draining = true;
      running = false;
      jobs.stop();
      status.closeStreams();
      await deliverMail();
    },
  };
}

function randomKey(): string {
  return hex(crypto.getRandomValues(new Uint8Array(32)));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
