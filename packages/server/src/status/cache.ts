/**
 * A tiny read-through cache: at most one upstream request per key in flight,
 * and an answer is reused for `ttlMs`. However many visitors ask about a room
 * at once, the conference server is asked once.
 */
export class CoalescingCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const time = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > time) return entry.value;
    const value = load();
    // Until it settles, the entry never expires: concurrent callers share it.
    const fresh = { value, expires: Number.POSITIVE_INFINITY };
    this.entries.set(key, fresh);
    value.then(
      () => (fresh.expires = this.now() + this.ttlMs),
      () => this.entries.get(key) === fresh && this.entries.delete(key),
    );
    return value;
  }
}
