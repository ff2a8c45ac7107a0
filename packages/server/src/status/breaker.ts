import { UpstreamError } from '../providers/types.js';

/** How {@link Breakers} treat failing back ends. */
export interface BreakerOptions {
  /** Failures in a row after which a back end is not asked for a while. */
  threshold: number;
  /** How long a back end is left alone after that, in ms; doubles while it keeps failing, up to 8 times. */
  cooldownMs: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Told when a back end stops answering and is left alone for a while; never given names or secrets. */
  onOpen: (backend: string, reason: string, retryInMs: number) => void;
}

interface Breaker {
  failures: number;
  openUntil: number;
  opened: number;
}

/**
 * A circuit breaker per back end: after `threshold` failures in a row the
 * back end is not asked for `cooldownMs` (doubling while it keeps failing),
 * so a dead server costs nothing per request.
 */
export class Breakers {
  private readonly breakers = new Map<string, Breaker>();

  constructor(private readonly options: BreakerOptions) {}

  /** Whether `backend` may be asked now (its breaker is not open). */
  closed(backend: string): boolean {
    return this.breaker(backend).openUntil <= this.options.now();
  }

  /** `backend` answered: its failures are forgotten. */
  succeeded(backend: string): void {
    const breaker = this.breaker(backend);
    breaker.failures = 0;
    breaker.opened = 0;
  }

  /** `backend` failed with `error`: one more in a row, and the breaker opens at the threshold. */
  failed(backend: string, error: unknown): void {
    const breaker = this.breaker(backend);
    breaker.failures += 1;
    if (breaker.failures < this.options.threshold) return;
    breaker.opened = Math.min(breaker.opened + 1, 8);
    const pause = this.options.cooldownMs * 2 ** (breaker.opened - 1);
    breaker.openUntil = this.options.now() + pause;
    breaker.failures = 0;
    this.options.onOpen(backend, reasonOf(error), pause);
  }

  private breaker(backend: string): Breaker {
    let breaker = this.breakers.get(backend);
    if (!breaker) {
      breaker = { failures: 0, openUntil: 0, opened: 0 };
      this.breakers.set(backend, breaker);
    }
    return breaker;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof UpstreamError) return error.reason;
  return (error as Error | undefined)?.name === 'TimeoutError' ? 'no answer in time' : 'unreachable';
}
