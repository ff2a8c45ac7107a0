// What the handler tells a metrics collector. The core knows only this interface (it runs on any runtime);
// `PromMetrics` of `@vereinsraum/server/node` implements it with prom-client. No label names a tenant or
// a room: with thousands of tenants a metrics store would drown in series.

/** Figures read when metrics are collected, not counted as they happen. */
export interface MetricsSnapshot {
  /** Room subscriptions of open event streams (a tenant's stream counts once per room). */
  listeners: number;
}

/**
 * A metrics collector for `GET /metrics` (Prometheus text format). Labels
 * are back end ids, call names, roles, methods, status codes and problem
 * codes: never a tenant, a room or anything about a person.
 */
export interface Metrics {
  /** A way into a meeting was handed out. */
  join(backend: string, role: 'moderator' | 'attendee'): void;
  /** A call to a conference back end (`create`, `getMeetings`, `room-size`, …) ended after `seconds`. */
  upstream(backend: string, call: string, ok: boolean, seconds: number): void;
  /** The handler answered a request. `code` is the problem's code for a refusal. */
  request(method: string, status: number, seconds: number, code?: string): void;
  /** The metrics in Prometheus' text format, with what is read at collection time. */
  render(snapshot: MetricsSnapshot): Promise<string>;
  /** The content type of {@link Metrics.render}'s text. */
  readonly contentType: string;
}

/** The call a back end's URL names: BigBlueButton's API call (last path segment), Jitsi's `room-size`. */
function callOf(url: string): string {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /^[A-Za-z-]{1,40}$/.test(last) ? last : 'other';
}

/** `fetchFn`, telling `metrics` of each call to `backend` (its duration, whether it got an answer that is not a 5xx). */
export function measuredFetch(fetchFn: typeof fetch, metrics: Metrics | undefined, backend: string): typeof fetch {
  if (!metrics) return fetchFn;
  return async (input, init) => {
    const started = performance.now();
    const call = callOf(input instanceof Request ? input.url : String(input));
    try {
      const response = await fetchFn(input, init);
      metrics.upstream(backend, call, response.status < 500, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      metrics.upstream(backend, call, false, (performance.now() - started) / 1000);
      throw error;
    }
  };
}
