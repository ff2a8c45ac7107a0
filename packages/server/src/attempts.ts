import type { Store } from './store/types.js';

/**
 * Counts what a client did (wrong access codes per room, bookings per
 * tenant, …), so codes cannot be guessed by trying: after `limit` hits within
 * the window, that client is refused for that key until the oldest hit has
 * aged out. Other clients are not affected, so nobody can lock a room for
 * everyone. A key names the client and what it did (`<room>|<address>`).
 *
 * Two kinds: {@link AttemptLimiter} in memory (a handler without a store),
 * and {@link StoreLimiter}, shared by every instance that uses the store.
 */
export interface Limiter {
  /** Seconds until `key` may try again, or 0 if it may try now; `limit` overrides the limiter's own. */
  retryAfter(key: string, limit?: number): Promise<number>;
  /** Count a hit of `key`. */
  fail(key: string): Promise<void>;
}

/** The seconds to wait, when `count` hits (the oldest at `oldest`) reach `limit` within `windowMs`. */
function wait(count: number, oldest: number | null, limit: number, windowMs: number, now: number): number {
  if (count < limit || oldest === null) return 0;
  return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
}

/** A {@link Limiter} in this process's memory. */
export class AttemptLimiter implements Limiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    /** Most keys kept; the oldest are dropped first. */
    private readonly maxKeys = 10_000,
  ) {}

  async retryAfter(key: string, limit = this.limit): Promise<number> {
    const recent = this.recent(key);
    return wait(recent.length, recent[0] ?? null, limit, this.windowMs, this.now());
  }

  async fail(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }
}

/** How long one secret of the keyed hash is used: a day, longer than any limit's window. */
const PERIOD_MS = 86_400_000;

/**
 * A {@link Limiter} in the store, so every instance sharing it counts
 * together (ten wrong codes spread over two instances are ten). A client's
 * address is never stored: a key is kept as `HMAC-SHA-256(secret, key)`,
 * with a secret made at random for each day (`limits:<day>` in the store's
 * shared secrets) and deleted two days later, so a hash cannot be tied to an
 * address once its secret is gone. A check counts the hashes under today's
 * and yesterday's secret, since a window may span midnight; hits older than
 * the window are deleted as new ones come, and by the purge.
 *
 * Checking and counting are two steps: two wrong codes sent at the very same
 * moment to two instances may both be checked before either is counted, so
 * a client gets at most one try more per instance.
 */
export class StoreLimiter implements Limiter {
  private readonly keys = new Map<number, Promise<CryptoKey>>();

  constructor(
    private readonly store: Store,
    /** What the limiter counts (`codes`, `bookings`): part of every hash, so limiters never share counts. */
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  async retryAfter(key: string, limit = this.limit): Promise<number> {
    const now = this.now();
    const period = Math.floor(now / PERIOD_MS);
    const hashes = await Promise.all([this.hash(key, period), this.hash(key, period - 1)]);
    const { count, oldest } = await this.store.countHits(hashes, now - this.windowMs);
    return wait(count, oldest, limit, this.windowMs, now);
  }

  async fail(key: string): Promise<void> {
    const now = this.now();
    await this.store.addHit(await this.hash(key, Math.floor(now / PERIOD_MS)), now, now - this.windowMs);
  }

  private async hash(key: string, period: number): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.secret(period), new TextEncoder().encode(`${this.scope}|${key}`));
    let text = '';
    for (const byte of new Uint8Array(mac)) text += String.fromCharCode(byte);
    return btoa(text).replace(/=+$/, '');
  }

  /** The day's secret, made by whichever instance needs it first, imported once per process. */
  private secret(period: number): Promise<CryptoKey> {
    let key = this.keys.get(period);
    if (!key) {
      key = this.store
        .sharedSecret(`limits:${period}`, crypto.getRandomValues(new Uint8Array(32)), (period + 3) * PERIOD_MS)
        .then((bytes) => crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
      // A failed read (the store is down) is not kept: the next request asks again.
      key.catch(() => this.keys.delete(period));
      this.keys.set(period, key);
      for (const old of this.keys.keys()) if (old < period - 1) this.keys.delete(old);
    }
    return key;
  }
}
