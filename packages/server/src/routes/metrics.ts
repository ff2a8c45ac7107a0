import type { RouteContext } from '../context.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual } from '../http.js';

/**
 * `GET /metrics`: Prometheus' text format, behind `Authorization: Bearer`
 * with the config's `metricsTokenEnv` token (compared in constant time).
 * `404 not_found` when the config names no token or the handler has no
 * collector (`HandlerOptions.metrics`).
 */
export async function metricsRoute(request: Request, { services }: RouteContext): Promise<Response> {
  const { metrics, config } = services;
  if (!metrics || !config.metricsToken)
    throw new HttpError(404, 'not_found', 'Metrics are off: name metricsTokenEnv in the configuration.');
  const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!(await constantTimeEqual(given, config.metricsToken))) {
    throw new HttpError(401, 'unauthorized', 'Send the metrics token as "Authorization: Bearer <token>".', undefined, {
      'www-authenticate': 'Bearer',
    });
  }
  return new Response(await metrics.render({ listeners: services.status.listenerCount }), {
    headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
  });
}
