// The composition root: everything the routes use, made once per configuration (createServices),
// with the background work behind start() and stop().
import { AttemptLimiter } from './attempts.js';
import { BookingService } from './bookings/service.js';
import { ChatCodes } from './chat/codes.js';
import { ChatRooms, chatProviders } from './chat/rooms.js';
import { ConfigError, type ServerConfig } from './config/index.js';
import type { Logger, Services } from './context.js';
import { ClubDirectory } from './clubs/directory.js';
import { ClubService } from './clubs/service.js';
import { ConfigDirectory } from './directory.js';
import { generateKeySet, type KeySet } from './keys.js';
import { type Mailer, MailDelivery } from './mail/delivery.js';
import { BbbProvider } from './providers/bbb.js';
import { JitsiProvider } from './providers/jitsi.js';
import type { Provider } from './providers/types.js';
import { MemoryRevocations, type Revocations, StoreRevocations } from './revocations.js';
import { type StatusOptions, StatusService } from './status/service.js';
import type { Store } from './store/types.js';
import { StreamLimits } from './streams.js';

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
  /** HMAC key of the proof-of-work challenges (default: random per process; challenges then end with it). */
  challengeKey?: string;
  /** How often unsent mails are tried again while the handler runs, in ms (default 60000). */
  mailRetryMs?: number;
  /**
   * The status cache, shared with the handler this one replaces (see
   * {@link createStatusService}): rooms are still asked once per `ttlMs`, and
   * event streams opened through the old handler keep getting changes.
   * Default: a new one from the config's `status` section and `status`.
   */
  statusService?: StatusService;
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
export function createStatusService(config: ServerConfig, options: Pick<HandlerOptions, 'status' | 'now' | 'log'> = {}): StatusService {
  const log = options.log ?? defaultLog;
  const { maxStreamsPerClient: _perClient, ...status } = config.status;
  return new StatusService({
    ...status,
    ...options.status,
    now: options.now ?? Date.now,
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
  const configured = new ConfigDirectory(config, store);
  // With a store, registered clubs are tenants too.
  const directory = store ? new ClubDirectory(configured, store) : configured;
  const mail = store && options.mailer ? new MailDelivery({ store, mailer: options.mailer, keys, now, log }) : undefined;
  const deliverMail = async (): Promise<void> => {
    await mail?.run().catch((error: unknown) => log('error', `mail delivery: ${error instanceof Error ? error.message : String(error)}`));
  };
  // Mattermost back ends: booked chat rooms. Their client is Mattermost's own, on the global fetch.
  const chats = chatProviders(config);
  const challengeKey = options.challengeKey ?? randomKey();
  const clubs =
    store && config.clubs
      ? new ClubService({
          config: config.clubs,
          store,
          directory,
          keys,
          now,
          challengeKey,
          onMail: () => void deliverMail(),
          log: (message) => log('info', message),
        })
      : undefined;
  const bookings = store
    ? new BookingService({
        directory,
        store,
        keys,
        now,
        revocations,
        challengeKey,
        onMail: () => void deliverMail(),
        log: (message) => log('info', message),
        warn: (message) => log('warn', message),
        chat: new ChatRooms(chats, store),
      })
    : undefined;
  const providers = new Map<string, Provider>();
  for (const [id, backend] of config.backends) {
    if (backend.type === 'bbb') providers.set(id, new BbbProvider(backend, fetchFn));
    else if (backend.type === 'jitsi') providers.set(id, new JitsiProvider(backend, keys, fetchFn, now));
  }
  const status = options.statusService ?? createStatusService(config, { ...options, now, log });

  let running = false;
  const timers: Array<ReturnType<typeof setInterval>> = [];
  /** Run now, then every `ms` until `stop()`; the timer does not keep the process alive. */
  const every = (ms: number, run: () => void): void => {
    run();
    const timer = setInterval(run, ms);
    timer.unref?.();
    timers.push(timer);
  };
  const purge = (): void =>
    void bookings?.purge().then(
      (result) => result.bookings > 0 && log('info', `purged ${result.bookings} booking(s) past their retention`),
      (error: unknown) => log('error', `purge: ${error instanceof Error ? error.message : String(error)}`),
    );

  const purgeClubs = (): void =>
    void store?.purgeClubs(now()).then(
      (deleted) => deleted > 0 && log('info', `deleted ${deleted} unconfirmed club registration(s)`),
      (error: unknown) => log('error', `purge of clubs: ${error instanceof Error ? error.message : String(error)}`),
    );

  return {
    config,
    directory,
    keys,
    revocations,
    now,
    log,
    ...(store ? { store, chatCodes: new ChatCodes(store, now) } : {}),
    ...(bookings ? { bookings } : {}),
    ...(clubs ? { clubs } : {}),
    ...(mail ? { mail } : {}),
    providers,
    chats,
    status,
    streams: new StreamLimits(status, options.maxListeners ?? 10_000, options.maxStreamsPerClient ?? config.status.maxStreamsPerClient),
    attempts: new AttemptLimiter(options.codeAttempts ?? 10, options.codeAttemptWindowMs ?? 15 * 60_000, now),
    deliverMail,
    start() {
      if (running) return;
      running = true;
      if (bookings) every(DAY_MS, purge);
      if (clubs) every(HOUR_MS, purgeClubs);
      if (mail) every(options.mailRetryMs ?? 60_000, () => void deliverMail());
    },
    stop() {
      running = false;
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}

function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
