import { isValidId } from '@vereinsraum/protocol';
import { ConfigError, type Room, type ServerConfig, type Tenant } from './config/index.js';
import { HttpError, problemResponse } from './errors.js';
import { inspectInvite, verifyInvite } from './invites.js';
import { generateKeySet, type KeySet } from './keys.js';
import { BbbProvider } from './providers/bbb.js';
import { JitsiProvider } from './providers/jitsi.js';
import { type MeetingRef, type Provider, UpstreamError } from './providers/types.js';
import { MattermostError } from './providers/mattermost.js';
import { ChatRooms, chatProviders } from './chat/rooms.js';
import { ChatCodes } from './chat/codes.js';
import { MemoryRevocations, type Revocations, StoreRevocations } from './revocations.js';
import { BookingService } from './bookings/service.js';
import { type Mailer, MailDelivery } from './mail/delivery.js';
import { bookingsRoute } from './routes/bookings.js';
import { type Store, StoreUnavailableError } from './store/types.js';
import { adminRoute } from './routes/admin.js';
import type { RoomContext } from './routes/context.js';
import { joinRoute } from './routes/join.js';
import { leftRoute } from './routes/left.js';
import { jitsiKeyRoute, jwksRoute } from './routes/keys.js';
import { eventsRoute, eventStream } from './routes/events.js';
import { inviteInfoRoute } from './routes/invite.js';
import { statusRoute } from './routes/status.js';
import { tenantInfoRoute } from './routes/tenant.js';
import { themeContrastWarnings } from './contrast.js';
import { AttemptLimiter } from './attempts.js';
import { type StatusListener, type StatusOptions, StatusService, type WatchedRoom } from './status/service.js';

/** What an adapter knows about the connection that a `Request` does not carry. */
export interface RequestInfo {
  /** The client's IP address; used to limit wrong access codes per client. */
  clientAddress?: string;
}

/** A Web-standard request handler: runs on Node (see the adapters), Deno, Bun and workers. */
export type Handler = (request: Request, info?: RequestInfo) => Promise<Response>;

/** Something to tell the operator. Never given secrets or personal data. */
export type Logger = (level: 'info' | 'warn' | 'error', message: string) => void;

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
   * working when the process ends; give one for production.
   */
  keys?: KeySet;
  /** Where revoked invites are kept (default: in the store when there is one, else in memory). */
  revocations?: Revocations;
  /**
   * Where bookings are kept (`SqliteStore` from `@vereinsraum/server/config`).
   * Without it, booking requests answer `bookings_disabled`. With it, expired
   * bookings are purged when the handler is made and every 24 hours.
   */
  store?: Store;
  /**
   * Sends the store's outbox (`SmtpMailer` from `@vereinsraum/server/config`).
   * Without it, mails stay in the outbox (the demo shows them).
   */
  mailer?: Mailer;
  /** HMAC key of the proof-of-work challenges (default: random per process; challenges then end with it). */
  challengeKey?: string;
  /** How often unsent mails are tried again, in ms (default 60000). */
  mailRetryMs?: number;
  /**
   * The status cache, shared with the handler this one replaces (see
   * {@link createStatusService}): rooms are still asked once per `ttlMs`, and
   * event streams opened through the old handler keep getting changes.
   * Default: a new one from the config's `status` section and `status`.
   */
  statusService?: StatusService;
  /** When it aborts, the handler's timers stop (the daily purge, mail retries): a new handler took over. */
  signal?: AbortSignal;
}

/** What the routes outside a room need. */
export interface ServerContext {
  config: ServerConfig;
  keys(): Promise<KeySet>;
  revocations: Revocations;
  now(): number;
  /** Bookings, when the handler has a store. */
  bookings?: BookingService;
  /** The store, if any: short invites are kept there. */
  store?: Store;
}

type ServerRoute = (request: Request, url: URL, context: ServerContext) => Promise<Response>;

type RoomRoute = (request: Request, context: RoomContext) => Promise<Response>;

const ROOM_ROUTES: Record<string, Partial<Record<string, RoomRoute>>> = {
  join: { POST: joinRoute },
  status: { GET: statusRoute },
  events: { GET: eventsRoute },
};

/** Routes outside `/v1/rooms/…`, by path prefix. */
const SERVER_ROUTES: Array<[prefix: string, route: ServerRoute]> = [
  ['/.well-known/jwks.json', jwksRoute],
  ['/v1/jitsi-keys/', jitsiKeyRoute],
  ['/v1/admin/', adminRoute],
  ['/v1/left', leftRoute],
];

/** Rooms one multi-room event stream may listen to. */
const MAX_STREAM_ROOMS = 20;

const defaultLog: Logger = (level, message) => (level === 'error' ? console.error : console.warn)(`vereinsraum ${level}: ${message}`);

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
    onBreakerOpen: (backend, reason, retryInMs) => log('warn', `backend ${backend}: ${reason}; not asked for room status for ${Math.round(retryInMs / 1000)} s`),
  });
}

/**
 * Create the server helper's request handler from a validated configuration.
 *
 * Routes (JSON, errors as RFC 9457 problem+json with a stable `code`):
 * - `GET /v1/tenants/{tenant}`: the tenant's public configuration (`TenantInfo`: name, logo, theme,
 *   language, legal links, privacy notice, conference services, rooms), never a secret
 * - `POST /v1/rooms/{tenant}/{room}/join` with `{ displayName, accessCode? }`
 *   answers `{ url, role }` (with `embed` when asked: Jitsi's iframe API, or an iframe for BigBlueButton)
 *   or `{ waiting: true }`
 * - `GET /v1/rooms/{tenant}/{room}/status` answers `{ state, participants, startedAt, checkedAt, stale }`
 * - `GET /v1/rooms/{tenant}/{room}/events`: the same as Server-Sent Events, on every change
 * - `GET /v1/tenants/{tenant}/events?rooms=a,b`: one event stream for up to 20 rooms; events name their `room`
 * - `POST /v1/tenants/{tenant}/invite` with `{ invite }`: what an invite opens (`InviteInfo`), without joining
 * - `GET /.well-known/jwks.json`: the public keys that verify invites
 * - `GET /v1/jitsi-keys/{sha256 of kid}.pem`: RSA public keys for Jitsi's `asap_key_server`
 * - `GET /v1/left`: the page an embedded BigBlueButton meeting leaves to; it tells the element around it
 * - `POST /v1/admin/invites`, `DELETE /v1/admin/invites/{id}`: invites (short ones when there is a `store`), with the admin token
 * - `/v1/bookings…` (form, challenge, create, view, cancel, calendar) and `/v1/admin/bookings…`,
 *   `/v1/admin/contacts`: bookings, when a `store` is given (see docs/http-api.md)
 * - rooms of approved bookings (`b-…`) are resolved from the store like configured rooms
 *
 * Cross-origin requests are allowed only from the tenant's `allowedOrigins`
 * (and the handler's own origin).
 *
 * When it is made, the handler warns through `log` about tenant themes whose
 * colours are below the contrast WCAG AA asks for text (see
 * {@link themeContrastWarnings}).
 *
 * @example
 * ```ts
 * import { createHandler, parseConfig } from '@vereinsraum/server';
 * const handler = createHandler(parseConfig(json, process.env));
 * const response = await handler(new Request('http://localhost/v1/rooms/tsv/training/status'));
 * ```
 */
export function createHandler(config: ServerConfig, options: HandlerOptions = {}): Handler {
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  /** A background timer, stopped by `options.signal`. */
  const every = (ms: number, run: () => void): void => {
    if (options.signal?.aborted) return;
    const timer = setInterval(run, ms);
    timer.unref?.();
    options.signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
  };
  for (const warning of themeContrastWarnings(config)) log('warn', warning);
  const needsRsa = [...config.backends.values()].some((b) => b.type === 'jitsi' && b.appSecret === undefined);
  if (needsRsa && options.keys && !options.keys.signingKey('RS256')) {
    throw new ConfigError([{ path: 'backends', message: 'a Jitsi back end without appSecretEnv signs with RS256, and the key set has no RSA key: run `vereinsraum keys generate --rsa`' }]);
  }
  let keyPromise: Promise<KeySet> | undefined;
  const keys = (): Promise<KeySet> => (keyPromise ??= options.keys ? Promise.resolve(options.keys) : generateKeySet({ rsa: needsRsa }));
  const store = options.store;
  const revocations = options.revocations ?? (store ? new StoreRevocations(store, now) : new MemoryRevocations(now));
  const delivery = store && options.mailer ? new MailDelivery({ store, mailer: options.mailer, keys, now, log }) : undefined;
  const sendMail = (): void => void delivery?.run().catch((error: unknown) => log('error', `mail delivery: ${error instanceof Error ? error.message : String(error)}`));
  // Mattermost back ends: booked chat rooms. Their client is Mattermost's own, on the global fetch.
  const chats = chatProviders(config);
  const bookings = store
    ? new BookingService({
        config,
        store,
        keys,
        now,
        revocations,
        challengeKey: options.challengeKey ?? randomKey(),
        onMail: sendMail,
        log: (message) => log('info', message),
        warn: (message) => log('warn', message),
        chat: new ChatRooms(chats, store),
      })
    : undefined;
  // Chat rooms are booked rooms, so they exist only with a store.
  const chatCodes = store ? new ChatCodes(store, now) : undefined;
  const server: ServerContext = { config, keys, revocations, now, ...(bookings ? { bookings } : {}), ...(store ? { store } : {}) };
  if (bookings) {
    const purge = (): void =>
      void bookings.purge().then(
        (result) => result.bookings > 0 && log('info', `purged ${result.bookings} booking(s) past their retention`),
        (error: unknown) => log('error', `purge: ${error instanceof Error ? error.message : String(error)}`),
      );
    purge();
    every(86_400_000, purge);
  }
  if (delivery) {
    sendMail();
    every(options.mailRetryMs ?? 60_000, sendMail);
  }
  const providers = new Map<string, Provider>();
  for (const [id, backend] of config.backends) {
    if (backend.type === 'bbb') providers.set(id, new BbbProvider(backend, fetchFn));
    else if (backend.type === 'jitsi') providers.set(id, new JitsiProvider(backend, server.keys, fetchFn, now));
  }
  const statusService = options.statusService ?? createStatusService(config, { ...options, now, log });
  const maxListeners = options.maxListeners ?? 10_000;
  const maxStreamsPerClient = options.maxStreamsPerClient ?? config.status.maxStreamsPerClient;
  /** Open event streams per client key (see {@link clientKey}). */
  const streamsByClient = new Map<string, number>();
  const attempts = new AttemptLimiter(options.codeAttempts ?? 10, options.codeAttemptWindowMs ?? 15 * 60_000, now);
  const tenantInfo = tenantInfoRoute(config, bookings !== undefined);

  /** The tenant of a request, after the origin check. */
  function tenantOf(request: Request, url: URL, tenantId: string): Tenant {
    const tenant = isValidId(tenantId) ? config.tenants.get(tenantId) : undefined;
    if (!tenant) throw new HttpError(404, 'tenant_not_found', `There is no tenant '${safe(tenantId)}'.`);
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== url.origin && !tenant.allowedOrigins.includes(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `Pages on ${safe(origin)} may not use tenant '${tenant.id}'. Add the origin to the tenant's allowedOrigins.`);
    }
    return tenant;
  }

  /** A room of the config, or of an approved booking (from the store). */
  async function roomOf(tenant: Tenant, roomId: string): Promise<Room> {
    const room = isValidId(roomId) ? (tenant.rooms.get(roomId) ?? (await bookings?.bookedRoom(tenant, roomId))) : undefined;
    if (!room) throw new HttpError(404, 'room_not_found', `There is no room '${safe(roomId)}' in tenant '${tenant.id}'.`);
    if (!(room.chat ? chats : providers).has(room.backend)) throw new HttpError(404, 'room_not_found', `Room '${room.id}' names no back end of the configuration.`);
    return room;
  }

  /** A room's meeting on its back end, with what the back end can show of the tenant. */
  function meetingOf(tenant: Tenant, room: Room): MeetingRef {
    const { logoUrl, bbbStyleUrl, jitsiTenant } = tenant;
    const branding = {
      ...(logoUrl === undefined ? {} : { logoUrl }),
      ...(bbbStyleUrl === undefined ? {} : { styleUrl: bbbStyleUrl }),
      ...(jitsiTenant === undefined ? {} : { jitsiTenant }),
    };
    return { id: `${tenant.id}/${room.id}`, name: room.name, ...(Object.keys(branding).length > 0 ? { branding } : {}) };
  }

  function watchedRoom(tenant: Tenant, room: Room): WatchedRoom {
    const meeting = meetingOf(tenant, room);
    const channel = room.chat;
    if (channel) {
      const chat = chats.get(room.backend)!;
      return { key: meeting.id, backend: room.backend, source: (signal) => chat.channelStatus(channel.channelId, signal) };
    }
    const provider = providers.get(room.backend)!;
    return { key: meeting.id, backend: room.backend, source: (signal) => provider.status(meeting, signal) };
  }

  /**
   * Claim one event stream for a client, before any room of it is subscribed:
   * `429 too_many_streams` when the client has its share open already.
   * Returns the release, which may be called more than once.
   */
  function openStream(client: string): () => void {
    if (client === 'unknown') return () => {};
    const key = clientKey(client);
    const open = streamsByClient.get(key) ?? 0;
    if (open >= maxStreamsPerClient) {
      throw new HttpError(429, 'too_many_streams', `One client may keep ${maxStreamsPerClient} event streams open. Close one, or ask /status.`, undefined, {
        'retry-after': '30',
      });
    }
    streamsByClient.set(key, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (streamsByClient.get(key) ?? 1) - 1;
      if (left > 0) streamsByClient.set(key, left);
      else streamsByClient.delete(key);
    };
  }

  function subscribe(watched: WatchedRoom, listener: StatusListener): () => void {
    if (statusService.listenerCount >= maxListeners) {
      throw new HttpError(503, 'server_busy', 'Too many open event streams. Try again later, or ask /status.', undefined, { 'retry-after': '30' });
    }
    return statusService.subscribe(watched, listener);
  }

  /** `GET /v1/tenants/{tenant}/events?rooms=a,b`: one event stream for several rooms of a tenant. */
  async function tenantEvents(request: Request, url: URL, tenantId: string, client: string): Promise<Response> {
    const tenant = tenantOf(request, url, tenantId);
    if (request.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.', undefined, { allow: 'GET' });
    const ids = [...new Set((url.searchParams.get('rooms') ?? '').split(',').filter(Boolean))];
    if (ids.length === 0 || ids.length > MAX_STREAM_ROOMS) {
      throw new HttpError(400, 'invalid_input', `rooms must list 1 to ${MAX_STREAM_ROOMS} room ids, separated by commas.`, 'rooms');
    }
    const rooms = await Promise.all(ids.map((id) => roomOf(tenant, id)));
    return eventStream(
      request,
      rooms.map((room) => {
        const watched = watchedRoom(tenant, room);
        return { room: room.id, subscribe: (listener: StatusListener) => subscribe(watched, listener) };
      }),
      () => openStream(client),
    );
  }

  async function route(request: Request, url: URL, info: RequestInfo): Promise<Response> {
    if (url.pathname === '/v1/bookings' || url.pathname.startsWith('/v1/bookings/')) {
      return bookingsRoute(request, url, server, { bookings, client: info.clientAddress ?? 'unknown' });
    }
    const serverRoute = SERVER_ROUTES.find(([prefix]) => url.pathname.startsWith(prefix));
    if (serverRoute) return serverRoute[1](request, url, server);
    const parts = url.pathname.split('/').slice(1);
    if (parts.length === 3 && parts[0] === 'v1' && parts[1] === 'tenants') return tenantInfo(request, tenantOf(request, url, parts[2]!));
    if (parts.length === 4 && parts[0] === 'v1' && parts[1] === 'tenants' && parts[3] === 'events') return tenantEvents(request, url, parts[2]!, info.clientAddress ?? 'unknown');
    if (parts.length === 4 && parts[0] === 'v1' && parts[1] === 'tenants' && parts[3] === 'invite') {
      const tenant = tenantOf(request, url, parts[2]!);
      return inviteInfoRoute(request, {
        tenant,
        inspect: async (token) => inspectInvite(await server.keys(), token, { now: now(), revocations, ...(store ? { invites: store } : {}) }),
        room: (id) => roomOf(tenant, id),
        dates: async (room) => (bookings ? bookings.roomDates(tenant, room.id) : []),
        attempts,
        client: info.clientAddress ?? 'unknown',
        now,
      });
    }
    const routes = parts.length === 5 && parts[0] === 'v1' && parts[1] === 'rooms' ? ROOM_ROUTES[parts[4]!] : undefined;
    if (!routes) throw new HttpError(404, 'not_found', `No route for ${safe(url.pathname)}.`);
    const [, , tenantId = '', roomId = ''] = parts;

    const tenant = tenantOf(request, url, tenantId);
    const handle = routes[request.method];
    if (!handle) {
      throw new HttpError(405, 'method_not_allowed', `Use ${Object.keys(routes).join(' or ')}.`, undefined, { allow: Object.keys(routes).join(', ') });
    }
    const room = await roomOf(tenant, roomId);
    const meeting = meetingOf(tenant, room);
    const backend = room.chat
      ? { chat: { provider: chats.get(room.backend)!, channel: room.chat, codes: chatCodes!, warn: (message: string) => log('warn', message) } }
      : { provider: providers.get(room.backend)! };
    const watched = watchedRoom(tenant, room);
    try {
      return await handle(request, {
        tenant,
        room,
        origin: url.origin,
        meeting,
        ...backend,
        status: () => statusService.get(watched),
        statusTtlMs: statusService.ttlMs,
        subscribe: (listener) => subscribe(watched, listener),
        openStream: () => openStream(info.clientAddress ?? 'unknown'),
        attempts,
        client: info.clientAddress ?? 'unknown',
        verifyInvite: async (token) =>
          verifyInvite(await server.keys(), token, { tenant: tenant.id, room: room.id, now: now(), revocations: server.revocations, ...(store ? { invites: store } : {}) }),
      });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error instanceof MattermostError) {
        log('warn', `room ${meeting.id}: chat server: ${error.reason}`);
        throw new HttpError(502, 'chat_unavailable', 'The chat server did not answer or refused. Try again in a minute.');
      }
      if (error.misconfigured) {
        log('error', `room ${meeting.id}: configuration error: backend ${room.backend} refused the request: ${error.reason}`);
        throw new HttpError(502, 'upstream_misconfigured', 'The conference server refused the server helper. The operator must check its configuration.');
      }
      log('warn', `room ${meeting.id}: conference server: ${error.reason}`);
      throw new HttpError(502, 'upstream_unavailable', 'The conference server did not answer. Try again in a minute.');
    }
  }

  /** The refusal for what a route threw: its own, `503 storage_unavailable` for a store that cannot work now, else `500`. */
  function problemOf(error: unknown): HttpError {
    if (error instanceof HttpError) return error;
    if (error instanceof StoreUnavailableError) {
      log('error', `storage: ${error.reason}; requests that read or write it answer 503 until it works again`);
      return new HttpError(503, 'storage_unavailable', 'The server cannot use its storage right now. Nothing was changed. Try again in a moment.', undefined, {
        'retry-after': '10',
      });
    }
    log('error', `unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new HttpError(500, 'internal_error', 'Something went wrong on the server. Try again later.');
  }

  return async (request, info = {}) => {
    const origin = request.headers.get('origin');
    if (request.method === 'OPTIONS') return preflight(origin);
    let response: Response;
    try {
      response = await route(request, new URL(request.url), info);
    } catch (error) {
      response = problemResponse(problemOf(error));
    }
    // Only requests from allowed origins get this far with a success, so the
    // origin may read every answer: refusals included, which lets the element
    // on a page that is not allowed say why.
    response.headers.set('vary', 'Origin');
    if (origin !== null) response.headers.set('access-control-allow-origin', origin);
    return response;
  };
}

function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * What counts as one client for the stream limit: an IPv4 address (also when
 * IPv4-mapped), or an IPv6 address's /64 network, which one household or
 * server usually has whole.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Keep user-supplied text out of logs and details when it is not a plain id. */
function safe(value: string): string {
  return /^[\w.:/-]{1,100}$/.test(value) ? value : '(invalid)';
}

/**
 * Any page may ask whether it may send a request: the handler itself refuses
 * origins that are not on the tenant's list, with a readable problem.
 */
function preflight(origin: string | null): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...(origin === null ? {} : { 'access-control-allow-origin': origin }),
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  });
}
