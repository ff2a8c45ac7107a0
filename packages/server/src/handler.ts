import type { ServerConfig } from './config/index.js';
import type { Handler, Services } from './context.js';
import { themeContrastWarnings } from './contrast.js';
import { HttpError, problemResponse } from './errors.js';
import { readsPlainRequests, requestUrl, withBodyText } from './plain-request.js';
import { Router } from './router.js';
import { PREFIX_CHECKS, ROUTES } from './routes/table.js';
import { createServices, type HandlerOptions } from './services.js';
import { StoreUnavailableError } from './store/types.js';

/**
 * A handler with the background work of its services: the daily purge of
 * bookings past their retention and the retries of unsent mails. Nothing of
 * it runs until `start()`; the Node adapter's `serve()` and `vereinsraum
 * serve` call `start()` and `stop()` themselves. Without a store there is no
 * background work, and both do nothing.
 */
export interface ServerHandler extends Handler {
  /** Start the background work (the purge and a mail round at once, then on their timers). Calling it again does nothing. */
  start(): void;
  /** Stop the background work; the handler still answers requests. */
  stop(): void;
  /**
   * Before the process ends: `/readyz` answers `503`, the background work
   * stops, open event streams end with a `retry:` hint, the outbox is sent.
   * Requests are still answered; close the server after it resolved.
   */
  drain(): Promise<void>;
  /**
   * One round of the usage sampler now, on one instance at a time (what
   * `start()` runs every `usage.sampleSeconds`): for runtimes without timers
   * (a scheduled job on a worker calls it), and for demos. Nothing without a
   * store.
   */
  sampleUsage(): Promise<void>;
}

const router = new Router(ROUTES, PREFIX_CHECKS);

/** Methods the metrics name; any other is `other` (a label takes few values). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Create the server helper's request handler from a validated configuration.
 *
 * The routes (JSON, errors as RFC 9457 problem+json with a stable `code`) are
 * described in docs/http-api.md: a tenant's public details, room status (also
 * as Server-Sent Events), joining, what an invite opens, bookings when a
 * `store` is given, the keys that verify the server's tokens, and the
 * operator's API. Rooms of approved bookings (`b-…`) are resolved from the
 * store like configured rooms.
 *
 * Cross-origin requests are allowed only from the tenant's `allowedOrigins`
 * (and the handler's own origin).
 *
 * When it is made, the handler warns through `log` about tenant themes whose
 * colours are below the contrast WCAG AA asks for text (see
 * {@link themeContrastWarnings}).
 *
 * @throws {@link ConfigError} when `options.keys` has no RSA key and a Jitsi back end without an app secret needs one.
 * @example
 * ```ts
 * import { createHandler, parseConfig } from '@vereinsraum/server';
 * const handler = createHandler(parseConfig(json, process.env));
 * const response = await handler(new Request('http://localhost/v1/rooms/tsv/training/status'));
 * ```
 */
export function createHandler(config: ServerConfig, options: HandlerOptions = {}): ServerHandler {
  return serviceHandler(createServices(config, options));
}

/**
 * The handler over services made before (`createServices`): what a reload
 * makes for each configuration.
 *
 * @internal
 */
export function serviceHandler(services: Services): ServerHandler {
  const { log } = services;
  for (const warning of themeContrastWarnings(services.config)) log('warn', warning);

  /** The refusal for what a route threw: its own, `503 storage_unavailable` for a store that cannot work now, else `500`. */
  function problemOf(error: unknown): HttpError {
    if (error instanceof HttpError) return error;
    if (error instanceof StoreUnavailableError) {
      log('error', `storage: ${error.reason}; requests that read or write it answer 503 until it works again`);
      return new HttpError(
        503,
        'storage_unavailable',
        'The server cannot use its storage right now. Nothing was changed. Try again in a moment.',
        undefined,
        {
          'retry-after': '10',
        },
      );
    }
    log('error', `unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new HttpError(500, 'internal_error', 'Something went wrong on the server. Try again later.');
  }

  const handler: Handler = async (request, info = {}) => {
    const origin = request.headers.get('origin');
    if (request.method === 'OPTIONS') return preflight(origin);
    const started = performance.now();
    let response: Response;
    let code: string | undefined;
    try {
      response = await router.route(request, { services, url: requestUrl(request), client: info.clientAddress ?? 'unknown' });
    } catch (error) {
      const problem = problemOf(error);
      code = problem.code;
      response = problemResponse(problem);
    }
    services.metrics?.request(
      METHODS.has(request.method) ? request.method : 'other',
      response.status,
      (performance.now() - started) / 1000,
      code,
    );
    // Only requests from allowed origins get this far with a success, so the
    // origin may read every answer: refusals included, which lets the element
    // on a page that is not allowed say why.
    response.headers.set('vary', 'Origin');
    if (origin !== null) response.headers.set('access-control-allow-origin', origin);
    return withBodyText(request, response);
  };
  return Object.assign(readsPlainRequests(handler), {
    start: () => services.start(),
    stop: () => services.stop(),
    drain: () => services.drain(),
    sampleUsage: () => services.sampleUsage(),
  });
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
