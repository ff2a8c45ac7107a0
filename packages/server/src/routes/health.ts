import type { RouteContext } from '../context.js';
import { json } from '../http.js';

/** `GET /livez`: the process answers. For a supervisor that restarts a hung process; nothing else is asked. */
export async function livezRoute(): Promise<Response> {
  return json({ live: true });
}

/**
 * `GET /readyz`: whether this instance should get requests. `503` (with
 * `Retry-After`) and the reasons while it drains before it ends
 * (`draining`), while its store cannot be reached (`store`: it was opened
 * and migrated before the server listened, so the schema is there), and
 * while its status listener is down (`status_listener`: instances on
 * PostgreSQL). For the load balancer's health check.
 */
export async function readyzRoute(_request: Request, { services }: RouteContext): Promise<Response> {
  const reasons: string[] = [];
  if (services.draining) reasons.push('draining');
  if (services.store) await services.store.ping().catch(() => reasons.push('store'));
  if (!services.status.ready) reasons.push('status_listener');
  if (reasons.length === 0) return json({ ready: true });
  return json({ ready: false, reasons }, { status: 503, headers: { 'retry-after': '5' } });
}
