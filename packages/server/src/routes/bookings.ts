import type { BookingService } from '../bookings/service.js';
import type { Tenant } from '../config/index.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import { checkOrigin } from '../resolve.js';
import type { BookingRecord } from '../store/types.js';

// The booker's API (see the route table for its paths). Pages of other
// origins than the tenant's `allowedOrigins` are refused.

function service({ services }: RouteContext): BookingService {
  if (!services.bookings) throw new HttpError(403, 'bookings_disabled', 'This server keeps no bookings: it was started without a store.');
  return services.bookings;
}

/** `GET /v1/bookings/form?tenant=…` → {@link BookingForm}. */
export async function bookingFormRoute(request: Request, context: RouteContext): Promise<Response> {
  const { tenant } = await service(context).tenant(context.url.searchParams.get('tenant'));
  checkOrigin(request, context.url, tenant);
  return json(await service(context).form(tenant.id));
}

/** `GET /v1/bookings/challenge?tenant=…` → {@link BookingChallenge}. */
export async function bookingChallengeRoute(request: Request, context: RouteContext): Promise<Response> {
  const { tenant } = await service(context).tenant(context.url.searchParams.get('tenant'));
  checkOrigin(request, context.url, tenant);
  return json(await service(context).challenge(tenant.id));
}

/** `POST /v1/bookings` ({@link BookingRequest}) → `201` {@link BookingCreated}. */
export async function createBookingRoute(request: Request, context: RouteContext): Promise<Response> {
  const body = await readJsonObject(request);
  // The origin is checked against the named tenant before anything else happens.
  checkOrigin(request, context.url, (await service(context).tenant(body.tenant)).tenant);
  return json(await service(context).create(body, context.client), { status: 201 });
}

/**
 * The booking of the path's `:id` for the request's manage token
 * (`Authorization: Bearer <manage token>`), after the origin check of its tenant.
 */
async function managed(
  request: Request,
  context: RouteContext,
): Promise<{ booking: BookingRecord; tenant: Tenant; token: string | undefined }> {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const booking = await service(context).authorized(context.params.id ?? '', token);
  // A booking whose tenant has left the configuration waits for its purge: nobody manages it.
  const tenant = await context.services.directory.tenant(booking.tenant);
  if (!tenant) throw new HttpError(404, 'booking_not_found', 'No booking with that id.');
  checkOrigin(request, context.url, tenant);
  return { booking, tenant, token };
}

/** `GET /v1/bookings/{id}` with the manage token → {@link BookingView}. */
export async function bookingRoute(request: Request, context: RouteContext): Promise<Response> {
  const { booking, token } = await managed(request, context);
  return json(await service(context).get(booking.id, token));
}

/** `DELETE /v1/bookings/{id}` with the manage token → the cancelled {@link BookingView}. */
export async function cancelBookingRoute(request: Request, context: RouteContext): Promise<Response> {
  const { booking, token } = await managed(request, context);
  return json(await service(context).cancel(booking.id, token));
}

/** `GET /v1/bookings/{id}/calendar.ics` with the manage token → `text/calendar`. */
export async function bookingCalendarRoute(request: Request, context: RouteContext): Promise<Response> {
  const { booking, token } = await managed(request, context);
  return new Response(await service(context).calendar(booking.id, token), {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${booking.language === 'de' ? 'termine' : 'dates'}.ics"`,
      'cache-control': 'no-store',
    },
  });
}
