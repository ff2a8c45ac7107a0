import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics, MetricsSnapshot } from './metrics.js';

/**
 * {@link Metrics} with prom-client, in a registry of its own (the process'
 * default metrics included): give it to `createHandler` as `metrics`, and
 * `GET /metrics` answers with the config's `metricsTokenEnv` as bearer
 * token. `vereinsraum serve` makes one when the config names that token.
 *
 * @example
 * ```ts
 * import { PromMetrics } from '@vereinsraum/server/node';
 * const handler = createHandler(config, { metrics: new PromMetrics() });
 * ```
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly joins: Counter<'backend' | 'role'>;
  private readonly upstreamCalls: Counter<'backend' | 'call' | 'outcome'>;
  private readonly upstreamSeconds: Histogram<'backend' | 'call'>;
  private readonly requests: Histogram<'method' | 'status'>;
  private readonly problems: Counter<'status' | 'code'>;
  private readonly listeners: Gauge;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'vereinsraum_' });
    this.joins = new Counter({
      name: 'vereinsraum_joins_total',
      help: 'Ways into meetings handed out.',
      labelNames: ['backend', 'role'],
      registers,
    });
    this.upstreamCalls = new Counter({
      name: 'vereinsraum_upstream_calls_total',
      help: 'Calls to conference back ends; outcome error: no answer, or a 5xx.',
      labelNames: ['backend', 'call', 'outcome'],
      registers,
    });
    this.upstreamSeconds = new Histogram({
      name: 'vereinsraum_upstream_duration_seconds',
      help: 'How long calls to conference back ends took.',
      labelNames: ['backend', 'call'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.requests = new Histogram({
      name: 'vereinsraum_http_request_duration_seconds',
      help: 'How long the handler took to answer (event streams: until they began).',
      labelNames: ['method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.problems = new Counter({
      name: 'vereinsraum_problems_total',
      help: 'Refusals and errors answered, by status and problem code.',
      labelNames: ['status', 'code'],
      registers,
    });
    this.listeners = new Gauge({ name: 'vereinsraum_event_listeners', help: 'Room subscriptions of open event streams.', registers });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  join(backend: string, role: 'moderator' | 'attendee'): void {
    this.joins.inc({ backend, role });
  }

  upstream(backend: string, call: string, ok: boolean, seconds: number): void {
    this.upstreamCalls.inc({ backend, call, outcome: ok ? 'ok' : 'error' });
    this.upstreamSeconds.observe({ backend, call }, seconds);
  }

  request(method: string, status: number, seconds: number, code?: string): void {
    this.requests.observe({ method, status: String(status) }, seconds);
    if (code) this.problems.inc({ status: String(status), code });
  }

  async render(snapshot: MetricsSnapshot): Promise<string> {
    this.listeners.set(snapshot.listeners);
    return this.registry.metrics();
  }
}
