import type { Logger } from './log.js';
import type { Store } from './store/types.js';

/**
 * The background work of the services that must run once in the whole
 * cluster, not once per instance: the purge of old bookings, the periodic
 * mail sweep (and whatever else is periodic, e.g. a usage sampler).
 *
 * A job runs under `store.runExclusive(name, …)`: on PostgreSQL a session
 * advisory lock, so while one instance runs it the others skip that round;
 * on SQLite (one server process) and without a store it runs directly. In
 * one process a job never overlaps itself: a round due while the last one
 * still runs is skipped. A job's error is logged, never thrown.
 *
 * @example
 * ```ts
 * // in start(): a sampler every five minutes, on one instance at a time
 * services.jobs.every('usage-sampler', 5 * 60_000, () => sampleUsage(services));
 * ```
 * @internal
 */
export class Jobs {
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly store: Store | undefined,
    private readonly log: Logger,
  ) {}

  /**
   * Run `job` once, as the cluster's only run of `name` right now.
   *
   * @returns whether it ran here (`false`: another instance, or this one, was running it).
   */
  async run(name: string, job: () => Promise<unknown>): Promise<boolean> {
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      const exclusive = async (): Promise<true> => (await job(), true);
      return (await (this.store ? this.store.runExclusive(name, exclusive) : exclusive())) === true;
    } catch (error) {
      this.log('error', `${name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      this.running.delete(name);
    }
  }

  /** Run `job` now, then every `ms` until {@link Jobs.stop}, each time as in {@link Jobs.run}; the timer keeps no process alive. */
  every(name: string, ms: number, job: () => Promise<unknown>): void {
    const run = (): void => void this.run(name, job);
    run();
    const timer = setInterval(run, ms);
    timer.unref?.();
    this.timers.push(timer);
  }

  /** Stop the timers (a run under way finishes). */
  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }
}
