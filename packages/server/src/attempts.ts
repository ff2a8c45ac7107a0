/**
 * Counts wrong access codes per room and client, so codes cannot be guessed
 * by trying: after `limit` failures within `windowMs`, that client is refused
 * for that room until the oldest failure has aged out. Other clients are not
 * affected, so nobody can lock a room for everyone. (Bookings per client use
 * it too, with each tenant's limit.)
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    /** Most keys kept; the oldest are dropped first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until `key` may try again, or 0 if it may try now; `limit` overrides the limiter's own. */
  retryAfter(key: string, limit = this.limit): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
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
