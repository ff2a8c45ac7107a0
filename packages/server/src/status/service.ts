import type { RoomStatus } from '@vereinsraum/protocol';
import type { MeetingStatus } from '../providers/types.js';
import { Breakers } from './breaker.js';
import type { StatusExchange } from './exchange.js';
import { sameStatus, type StatusListener, Subscription } from './subscription.js';

/** How the status service treats conference servers; every field has a default. */
export interface StatusOptions {
  /** How long an answer is reused, and how often watched rooms are asked, in ms (default 5000). */
  ttlMs?: number;
  /** How long the last known value is served after the conference server stopped answering, in ms (default 30000). */
  graceMs?: number;
  /** How long one status request may take, in ms (default 3000). */
  timeoutMs?: number;
  /** Failures in a row after which a back end is not asked for a while (default 3). */
  breakerThreshold?: number;
  /** How long a back end is left alone after that, in ms; doubles while it keeps failing, up to 8 times (default 10000). */
  breakerCooldownMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Told when a back end stops answering and is left alone for a while; never given names or secrets. */
  onBreakerOpen?: (backend: string, reason: string, retryInMs: number) => void;
  /**
   * Instances sharing a store: a room is asked by one of them per TTL, and
   * the answer reaches the viewers of every instance (see {@link StatusExchange}).
   * Without it, this process asks by itself.
   */
  exchange?: StatusExchange;
}

/** Asks the conference server about one meeting; must honour `signal`. */
export type StatusSource = (signal: AbortSignal) => Promise<MeetingStatus>;

/** A room to watch: its key (`tenant/room`), its back end's id and how to ask. */
export interface WatchedRoom {
  key: string;
  backend: string;
  source: StatusSource;
}

/** Watched rooms are asked at most this often, even with a shorter TTL (as in tests). */
const MIN_POLL_MS = 500;

/** How long a join reuses the answer that a meeting runs, at most, in ms: many joins at once cost one request, and a meeting that ended is noticed soon. */
export const JOIN_REUSE_MS = 2000;

interface Watch {
  room: WatchedRoom;
  /** The last value published. */
  value?: RoomStatus;
  /** When the last check ended (successful or not). */
  checkedAt: number;
  /** When the conference server last answered. */
  answeredAt?: number;
  inflight?: Promise<RoomStatus>;
  /** The conference server's last answer, and when it came (for joins: {@link StatusService.meeting}). */
  upstream?: MeetingStatus;
  upstreamAt: number;
  /** The request to the conference server under way, shared by the status check and joins. */
  asking?: Promise<MeetingStatus>;
  listeners: Set<Subscription>;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Room status for any number of viewers, at the cost of one viewer.
 *
 * - At most one request per room is in flight, and an answer is reused for
 *   `ttlMs`. Rooms with listeners (event streams) are asked every `ttlMs`, and
 *   only while someone listens; listeners hear only changes.
 * - When the conference server fails, the last known value is served with
 *   `stale: true` (its `checkedAt` tells its age); after `graceMs` the state
 *   becomes `unknown`. Requests time out after `timeoutMs`.
 * - A circuit breaker per back end: after `breakerThreshold` failures in a row
 *   the back end is not asked for `breakerCooldownMs` (doubling while it keeps
 *   failing), so a dead server costs nothing per request.
 */
export class StatusService {
  /** How long an answer is reused, in ms. */
  readonly ttlMs: number;
  private readonly graceMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly watches = new Map<string, Watch>();
  private readonly breakers: Breakers;
  private readonly exchange: StatusExchange | undefined;
  /** How to end each open event stream, for {@link StatusService.closeStreams}. */
  private readonly streams = new Set<() => void>();

  constructor(options: StatusOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5000;
    this.graceMs = options.graceMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.now = options.now ?? Date.now;
    this.breakers = new Breakers({
      threshold: options.breakerThreshold ?? 3,
      cooldownMs: options.breakerCooldownMs ?? 10_000,
      now: this.now,
      onOpen: options.onBreakerOpen ?? (() => undefined),
    });
    this.exchange = options.exchange;
  }

  /**
   * Listen to the answers other instances write (with an exchange; nothing
   * without). Called when the server starts; again does nothing.
   *
   * @internal
   */
  start(): void {
    this.exchange?.listen(
      (room, status, checkedAt) => this.heard(room, status, checkedAt),
      () => {
        // Answers written while the connection was down were missed: read every watched room's again.
        for (const [key, watch] of this.watches) {
          if (watch.listeners.size === 0) continue;
          void this.exchange!.read(key).then(
            (found) => found && this.heard(key, found.status, found.checkedAt),
            () => {},
          );
        }
      },
    );
  }

  /**
   * Keep `close`, which ends an event stream, until {@link StatusService.untrack}
   * (when the stream ends by itself). Streams of every handler that shares
   * this service are kept here, also those opened before a reload.
   *
   * @internal
   */
  track(close: () => void): void {
    this.streams.add(close);
  }

  /** Forget a stream's `close` (see {@link StatusService.track}). @internal */
  untrack(close: () => void): void {
    this.streams.delete(close);
  }

  /**
   * End every open event stream (each gets a `retry:` hint first, so its
   * browser reconnects soon, through the load balancer to another instance).
   *
   * @internal
   */
  closeStreams(): void {
    for (const close of [...this.streams]) close();
    this.streams.clear();
  }

  /** Whether the status service can hear other instances (always, without an exchange). @internal */
  get ready(): boolean {
    return this.exchange?.ready ?? true;
  }

  /** An answer another instance (or this one) wrote: taken when newer, and told to this instance's listeners. */
  private heard(key: string, status: RoomStatus, checkedAt: number): void {
    const watch = this.watches.get(key);
    if (!watch || checkedAt < watch.checkedAt) return;
    watch.checkedAt = checkedAt;
    this.publish(watch, status);
  }

  private publish(watch: Watch, status: RoomStatus): void {
    const changed = !watch.value || !sameStatus(watch.value, status);
    watch.value = status;
    // An answer of another instance counts as the conference server's for the grace period here too.
    if (!status.stale) watch.answeredAt = Math.max(watch.answeredAt ?? 0, Date.parse(status.checkedAt));
    if (changed) for (const subscription of watch.listeners) subscription.tell(status);
  }

  /**
   * The room's status: from memory while fresh, else asked (once, however many callers wait).
   *
   * @internal
   */
  get(room: WatchedRoom): Promise<RoomStatus> {
    const watch = this.watch(room);
    if (watch.inflight) return watch.inflight;
    if (watch.value && this.now() - watch.checkedAt < this.ttlMs) return Promise.resolve(watch.value);
    return this.refresh(watch);
  }

  /**
   * The conference server's own answer about the room (with BigBlueButton's
   * `createTime`), for a join: the answer that a meeting runs is reused for
   * `maxAgeMs` (default: `ttlMs`, at most {@link JOIN_REUSE_MS}), any other is
   * asked again, so nobody waits for a meeting that has started. However many
   * ask at once, one request per room is in flight, shared with the status
   * checks. A failure reaches the caller (no breaker, no stale value): a join
   * needs a real answer.
   *
   * @internal
   */
  meeting(room: WatchedRoom, maxAgeMs = Math.min(this.ttlMs, JOIN_REUSE_MS)): Promise<MeetingStatus> {
    const watch = this.watch(room);
    const last = watch.upstream;
    if (last?.running === true && this.now() - watch.upstreamAt < maxAgeMs) return Promise.resolve(last);
    return this.ask(watch);
  }

  /**
   * Listen to a room: `listener` gets the current status at once, then every
   * change. The room is polled while it has listeners. Returns the unsubscribe.
   *
   * @internal
   */
  subscribe(room: WatchedRoom, listener: StatusListener): () => void {
    const watch = this.watch(room);
    const subscription = new Subscription(listener);
    watch.listeners.add(subscription);
    void this.get(room).then((status) => watch.listeners.has(subscription) && subscription.first(status));
    if (watch.listeners.size === 1) this.schedule(watch);
    return () => {
      watch.listeners.delete(subscription);
      if (watch.listeners.size === 0) {
        clearTimeout(watch.timer);
        watch.timer = undefined;
      }
    };
  }

  /**
   * How many listeners all rooms have together.
   *
   * @internal
   */
  get listenerCount(): number {
    let count = 0;
    for (const watch of this.watches.values()) count += watch.listeners.size;
    return count;
  }

  private watch(room: WatchedRoom): Watch {
    let watch = this.watches.get(room.key);
    if (!watch) {
      watch = { room, checkedAt: Number.NEGATIVE_INFINITY, upstreamAt: Number.NEGATIVE_INFINITY, listeners: new Set() };
      this.watches.set(room.key, watch);
    }
    // The newest way to ask wins: after a reload, the room may have another back end.
    watch.room = room;
    return watch;
  }

  private schedule(watch: Watch): void {
    watch.timer = setTimeout(
      () => {
        if (watch.listeners.size === 0) return;
        void (watch.inflight ?? this.refresh(watch)).finally(() => watch.listeners.size > 0 && this.schedule(watch));
      },
      Math.max(this.ttlMs, MIN_POLL_MS),
    );
    watch.timer.unref?.();
  }

  private refresh(watch: Watch): Promise<RoomStatus> {
    const inflight = (this.exchange ? this.checkShared(watch, this.exchange) : this.check(watch)).then(({ status, checkedAt }) => {
      watch.inflight = undefined;
      watch.checkedAt = checkedAt;
      this.publish(watch, status);
      return status;
    });
    watch.inflight = inflight;
    return inflight;
  }

  /**
   * A room's status through the exchange: another instance's answer while
   * it is younger than the TTL; else the room's claim, and whoever gets it
   * asks the conference server and writes the answer for all. A claim lasts
   * one TTL, so if its instance dies, the next one takes over after that.
   * While another instance asks, its last answer (or, when there is none
   * yet, the answer it writes within `timeoutMs`) is used. If the store
   * cannot be reached, this instance asks by itself.
   */
  private async checkShared(watch: Watch, exchange: StatusExchange): Promise<{ status: RoomStatus; checkedAt: number }> {
    const key = watch.room.key;
    try {
      const now = this.now();
      const shared = await exchange.read(key);
      if (shared && now - shared.checkedAt < this.ttlMs) return shared;
      if (await exchange.claim(key, now, now + this.ttlMs)) {
        const checked = await this.check(watch);
        await exchange.publish(key, checked.status, checked.checkedAt).catch(() => {});
        return checked;
      }
      if (shared) return shared;
      const until = now + this.timeoutMs;
      while (this.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const written = await exchange.read(key);
        if (written) return written;
      }
    } catch {
      // The store is not there: ask by ourselves below.
    }
    return this.check(watch);
  }

  /** Ask the conference server (unless its breaker is open); the answer and when it was checked. */
  private async check(watch: Watch): Promise<{ status: RoomStatus; checkedAt: number }> {
    const status = await this.answer(watch);
    return { status, checkedAt: this.now() };
  }

  /** The status from the conference server's answer, through the back end's breaker; the last value or `unknown` without one. */
  private async answer(watch: Watch): Promise<RoomStatus> {
    const backend = watch.room.backend;
    if (this.breakers.closed(backend)) {
      try {
        const upstream = await this.ask(watch);
        this.breakers.succeeded(backend);
        watch.answeredAt = this.now();
        return {
          state: upstream.running === null ? 'unknown' : upstream.running ? 'live' : 'idle',
          participants: upstream.participants,
          startedAt: upstream.startedAt,
          checkedAt: new Date(watch.answeredAt).toISOString(),
          stale: false,
          ...(upstream.chat ? { chat: { ...upstream.chat } } : {}),
        };
      } catch (error) {
        this.breakers.failed(backend, error);
      }
    }
    // No answer (or the breaker is open): the last known value while it is young enough.
    const last = watch.value;
    if (last && watch.answeredAt !== undefined && this.now() - watch.answeredAt < this.graceMs) return { ...last, stale: true };
    return {
      state: 'unknown',
      participants: null,
      startedAt: null,
      checkedAt: new Date(watch.answeredAt ?? this.now()).toISOString(),
      stale: true,
    };
  }

  /** Ask the conference server, once at a time per room. */
  private ask(watch: Watch): Promise<MeetingStatus> {
    if (!watch.asking) {
      const asking = watch.room.source(AbortSignal.timeout(this.timeoutMs)).then(
        (status) => {
          watch.asking = undefined;
          watch.upstream = status;
          watch.upstreamAt = this.now();
          return status;
        },
        (error: unknown) => {
          watch.asking = undefined;
          throw error;
        },
      );
      watch.asking = asking;
    }
    return watch.asking;
  }
}
