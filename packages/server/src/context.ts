// The types every part of a request shares: the handler and the adapters' types, the services the
// routes use, and the context each kind of route gets. Types only: it imports no route.
import type { Role, RoomStatus } from '@vereinsraum/protocol';
import type { Limiter } from './attempts.js';
import type { BookingService } from './bookings/service.js';
import type { ChatCodes } from './chat/codes.js';
import type { ClubService } from './clubs/service.js';
import type { ChatChannelRef, Room, ServerConfig, Tenant } from './config/index.js';
import type { TenantDirectory } from './directory.js';
import type { Jobs } from './jobs.js';
import type { KeySet } from './keys.js';
import type { Logger } from './log.js';
import type { MailDelivery } from './mail/delivery.js';
import type { OpenRoomService } from './open-rooms/service.js';
import type { MattermostProvider } from './providers/mattermost.js';
import type { MeetingRef, MeetingStatus, Provider } from './providers/types.js';
import type { Revocations } from './revocations.js';
import type { StatusService } from './status/service.js';
import type { Store } from './store/types.js';
import type { StreamLimits } from './streams.js';
import type { UsageService } from './usage/service.js';
import type { Metrics } from './metrics.js';

/** What an adapter knows about the connection that a `Request` does not carry. */
export interface RequestInfo {
  /** The client's IP address; used to limit wrong access codes per client. */
  clientAddress?: string;
}

/** A Web-standard request handler: runs on Node (see the adapters), Deno, Bun and workers. */
export type Handler = (request: Request, info?: RequestInfo) => Promise<Response>;

export type { Logger } from './log.js';

/**
 * Everything the routes work with, made once per configuration by
 * `createServices` (the composition root) and shared by every request.
 * Background work (the daily purge, mail retries) runs between `start()` and
 * `stop()` only.
 *
 * @internal
 */
export interface Services {
  readonly config: ServerConfig;
  /** Where tenants and rooms are looked up: routes never read `config.tenants`. */
  readonly directory: TenantDirectory;
  /** The key set: made in memory at the first use when none was given. */
  keys(): Promise<KeySet>;
  readonly revocations: Revocations;
  now(): number;
  readonly log: Logger;
  /** Bookings, short invites, chat confirmations; absent on a handler without a store. */
  readonly store?: Store;
  /** The booking rules; exactly when there is a store. */
  readonly bookings?: BookingService;
  /** Open conferences (`openRooms` of a tenant); exactly when there is a store. */
  readonly openRooms?: OpenRoomService;
  /** Clubs that register themselves; when there are a store and a `clubs` section. */
  readonly clubs?: ClubService;
  /** Meeting back ends (BigBlueButton, Jitsi) by back end id. */
  readonly providers: ReadonlyMap<string, Provider>;
  /** Mattermost back ends (booked chat rooms) by back end id. */
  readonly chats: ReadonlyMap<string, MattermostProvider>;
  /** The codes that prove a chat account is the visitor's; exactly when there is a store. */
  readonly chatCodes?: ChatCodes;
  readonly status: StatusService;
  /** Event streams per client and in all. */
  readonly streams: StreamLimits;
  /** Wrong access codes, chat codes and forged invites, per client. */
  readonly attempts: Limiter;
  /**
   * Background jobs that run on one instance of the cluster at a time
   * (`jobs.every(name, ms, job)`; see {@link Jobs}). `start()` schedules the
   * purge and the outbox sweep there.
   */
  readonly jobs: Jobs;
  /** Sends the outbox; when there are a store and a mailer. */
  readonly mail?: MailDelivery;
  /** Counts for `GET /metrics`, when the handler was given a collector. */
  readonly metrics?: Metrics;
  /** Usage figures (joins, conferences, reports); exactly when there is a store. */
  readonly usage?: UsageService;
  /** Send the mails that are due now (nothing without a mailer); failures are logged, never thrown. */
  deliverMail(): Promise<void>;
  /**
   * Start the background work: the purge (now and daily), mail delivery (now
   * and every `mailRetryMs`) and the usage sampler (every `usage.sampleSeconds`,
   * on one instance at a time, see `Jobs`). Calling it again does nothing.
   */
  start(): void;
  /** Stop the background work. The services still answer requests. */
  stop(): void;
  /** Whether {@link Services.drain} was called: `/readyz` answers `503`. */
  readonly draining: boolean;
  /**
   * Before the process ends (SIGTERM): `/readyz` answers `503` from now on,
   * the background work stops, open event streams end with a `retry:` hint,
   * and the outbox is sent; resolves when that is done. Requests are still
   * answered meanwhile.
   */
  drain(): Promise<void>;
  /** One round of the usage sampler now, on one instance at a time (the job `usage-sampler`); failures are logged. */
  sampleUsage(): Promise<void>;
}

/** What every route gets besides the request. */
export interface RouteContext {
  services: Services;
  /** The request's URL; its origin is the server's own, as the request reached it. */
  url: URL;
  /** The path's parameters (`:tenant` is `params.tenant`), as they stand in the path. */
  params: Readonly<Record<string, string>>;
  /** The client's address, or `unknown`. */
  client: string;
}

/** A route under `/v1/tenants/{tenant}`: the tenant is known and the request's origin may use it. */
export interface TenantContext extends RouteContext {
  tenant: Tenant;
}

/** What every room route needs, resolved before the route runs. */
interface RoomContextBase {
  tenant: Tenant;
  room: Room;
  /** The server helper's own origin, as the request reached it. */
  origin: string;
  meeting: MeetingRef;
  /** The room's status from the shared status service. */
  status(): Promise<RoomStatus>;
  /** How long a status is reused, in ms (for cache headers). */
  statusTtlMs: number;
  /**
   * The conference server's answer for a join (BigBlueButton's `createTime`
   * too), shared by the joins and status checks of the room under way (see
   * `StatusService.meeting`).
   */
  meetingStatus(): Promise<MeetingStatus>;
  /**
   * Listen to the room's status: the current one at once, then every change.
   * Returns the unsubscribe; throws `503 server_busy` when the server has as
   * many listeners as it allows.
   */
  subscribe(listener: (status: RoomStatus) => void): () => void;
  /**
   * Claim an event stream for the client before subscribing: throws
   * `429 too_many_streams` when the client has as many open as it may.
   * Returns the release.
   */
  openStream(close?: () => void): () => void;
  /** Wrong access codes (and requests for chat codes, and wrong ones) per room and client. */
  attempts: Limiter;
  /** The client's address, or `unknown`. */
  client: string;
  /** Check an invite for this room; throws an HttpError with the reason when it is refused. */
  verifyInvite(token: string): Promise<{ role: Role }>;
  /** Usage figures (counting joins, the end callback's URL); when there is a store. */
  usage?: UsageService;
  /** Counts for `GET /metrics`, when there is a collector. */
  metrics?: Metrics;
}

/** A booked chat room's channel, and the Mattermost it is on. */
export interface ChatRoomContext {
  provider: MattermostProvider;
  channel: ChatChannelRef;
  /** The codes that prove a visitor's account. */
  codes: ChatCodes;
  /** Tell the operator about a failure after the answer was sent (no personal data). */
  warn(message: string): void;
}

/** What a room route needs: a meeting room has its conference back end, a chat room its channel. */
export type RoomContext = RoomContextBase & ({ provider: Provider; chat?: undefined } | { chat: ChatRoomContext; provider?: undefined });

/** A route: answers a request with what the route table resolved for it. */
export type Route<C> = (request: Request, context: C) => Promise<Response>;
