import type { ServerContext } from '../handler.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import type { BookingService } from '../bookings/service.js';
import type { Tenant } from '../config/index.js';

/** What the booking routes need besides the server context. */
export interface BookingRouteContext {
  bookings: BookingService | undefined;
  /** The client's address, for the per-client limit. */
  client: string;
}

/**
 * The booker's API:
 * - `GET /v1/bookings/form?tenant=…` → {@link BookingForm}
 * - `GET /v1/bookings/challenge?tenant=…` → {@link BookingChallenge}
 * - `POST /v1/bookings` ({@link BookingRequest}) → `201` {@link BookingCreated}
 * - `GET /v1/bookings/{id}` with `Authorization: Bearer <manage token>` → {@link BookingView}
 * - `DELETE /v1/bookings/{id}` with the manage token → the cancelled {@link BookingView}
 * - `GET /v1/bookings/{id}/calendar.ics` with the manage token → `text/calendar`
 *
 * Pages of other origins than the tenant's `allowedOrigins` are refused.
 */
export async function bookingsRoute(request: Request, url: URL, server: ServerContext, { bookings, client }: BookingRouteContext): Promise<Response> {
  const path = url.pathname;
  const allow = (methods: string): never => {
    throw new HttpError(405, 'method_not_allowed', `Use ${methods}.`, undefined, { allow: methods });
  };
  const checkOrigin = (tenant: Tenant): void => {
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== url.origin && !tenant.allowedOrigins.includes(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `Pages on this origin may not use tenant '${tenant.id}'. Add the origin to the tenant's allowedOrigins.`);
    }
  };
  const service = (): BookingService => {
    if (!bookings) throw new HttpError(403, 'bookings_disabled', 'This server keeps no bookings: it was started without a store.');
    return bookings;
  };

  if (path === '/v1/bookings/form' || path === '/v1/bookings/challenge') {
    if (request.method !== 'GET') allow('GET');
    const { tenant } = service().tenant(url.searchParams.get('tenant'));
    checkOrigin(tenant);
    const body = path.endsWith('/form') ? service().form(tenant.id) : await service().challenge(tenant.id);
    return json(body);
  }
  if (path === '/v1/bookings') {
    if (request.method !== 'POST') allow('POST');
    const body = await readJsonObject(request);
    // The origin is checked against the named tenant before anything else happens.
    checkOrigin(service().tenant(body.tenant).tenant);
    return json(await service().create(body, client), { status: 201 });
  }
  const match = /^\/v1\/bookings\/([^/]+)(\/calendar\.ics)?$/.exec(path);
  if (!match) throw new HttpError(404, 'not_found', 'No route for this path.');
  const [, id = '', calendar] = match;
  if (calendar && request.method !== 'GET') allow('GET');
  if (!calendar && request.method !== 'GET' && request.method !== 'DELETE') allow('GET, DELETE');
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const booking = await service().authorized(id, token);
  // A booking whose tenant has left the configuration waits for its purge: nobody manages it.
  const tenant = server.config.tenants.get(booking.tenant);
  if (!tenant) throw new HttpError(404, 'booking_not_found', 'No booking with that id.');
  checkOrigin(tenant);
  if (calendar) {
    return new Response(await service().calendar(id, token), {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${booking.language === 'de' ? 'termine' : 'dates'}.ics"`,
        'cache-control': 'no-store',
      },
    });
  }
  return json(request.method === 'GET' ? await service().get(id, token) : await service().cancel(id, token));
}
