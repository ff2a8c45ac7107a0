import type { AdminTenantList, BookingKind, BookingStatus } from '@vereinsraum/protocol';
import { checkReason } from '../bookings/reason.js';
import type { BookingService } from '../bookings/service.js';
import type { RouteContext } from '../context.js';
import { BOOKED_ROOM_PREFIX } from '../directory.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import { INVITE_MAX_SECONDS, issueInvite, parseDuration } from '../invites.js';
import { originAllowed } from '../resolve.js';

// The operator's API, behind `Authorization: Bearer <admin token>` and for
// same-origin or non-browser callers only (see the route table for its paths).

/** A short invite's id, or a signed invite's `jti` (a UUID). */
const INVITE_ID = /^([A-Za-z0-9_-]{11}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** What an admin bookings route gets: the booking rules (the handler has a store). */
export interface AdminBookingsContext extends RouteContext {
  bookings: BookingService;
}

/** Every path under `/v1/admin/`, routes or not: pages of other origins are refused. */
export function sameOriginOnly(request: Request, url: URL): void {
  if (!originAllowed(request, url, [])) throw new HttpError(403, 'origin_not_allowed', 'The admin API answers only its own origin.');
}

/** The admin token, compared in constant time (also when the API is off): `401 unauthorized`. */
export async function adminScope(request: Request, context: RouteContext): Promise<RouteContext> {
  const adminToken = context.services.config.adminToken;
  const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  // Compare even when the API is off, so that the answer takes the same time.
  const ok = await constantTimeEqual(given, adminToken ?? '');
  if (!adminToken || !ok) {
    throw new HttpError(
      401,
      'unauthorized',
      adminToken
        ? 'Send the admin token as "Authorization: Bearer <token>".'
        : 'The admin API is off: name the environment variable of the admin token in adminTokenEnv.',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  }
  return context;
}

/** The admin token, then the booking rules: `403 bookings_disabled` without a store. */
export async function adminBookingsScope(request: Request, context: RouteContext): Promise<AdminBookingsContext> {
  await adminScope(request, context);
  const bookings = context.services.bookings;
  if (!bookings) throw new HttpError(403, 'bookings_disabled', 'This server keeps no bookings: it was started without a store.');
  return { ...context, bookings };
}

/**
 * `POST /v1/admin/invites` with `{ tenant, room, role, expiresIn }` answers 201 `{ token, jti, expiresAt }`:
 * a short invite (`<id>.<secret>`, `jti` its id) when the handler has a store, else a signed one.
 */
export async function createInviteRoute(request: Request, { services }: RouteContext): Promise<Response> {
  const body = await readJsonObject(request);
  const tenant = typeof body.tenant === 'string' ? await services.directory.tenant(body.tenant) : undefined;
  if (!tenant) throw new HttpError(400, 'invalid_input', 'tenant must name a tenant of the configuration.', 'tenant');
  // A booked room's invites are its booking's.
  const room =
    typeof body.room === 'string' && !body.room.startsWith(BOOKED_ROOM_PREFIX)
      ? await services.directory.room(tenant, body.room)
      : undefined;
  if (!room) throw new HttpError(400, 'invalid_input', `room must name a room of tenant '${tenant.id}'.`, 'room');
  if (body.role !== 'moderator' && body.role !== 'attendee') {
    throw new HttpError(400, 'invalid_input', 'role must be "moderator" or "attendee".', 'role');
  }
  const seconds = typeof body.expiresIn === 'string' ? parseDuration(body.expiresIn) : undefined;
  if (seconds === undefined) {
    throw new HttpError(
      400,
      'invalid_input',
      `expiresIn must be a duration like "90m", "12h" or "30d", at most ${INVITE_MAX_SECONDS / 86_400} days.`,
      'expiresIn',
    );
  }
  const invite = await issueInvite(await services.keys(), services.store, {
    tenant: tenant.id,
    room: room.id,
    role: body.role,
    expiresInSeconds: seconds,
    now: services.now(),
  });
  return json(invite, { status: 201 });
}

/** `DELETE /v1/admin/invites/{jti}` revokes an invite by its id (204). */
export async function revokeInviteRoute(_request: Request, { services, params }: RouteContext): Promise<Response> {
  const jti = params.id ?? '';
  if (!INVITE_ID.test(jti))
    throw new HttpError(
      400,
      'invalid_input',
      'The invite id is 11 characters of base64url (a short invite) or a UUID (a signed one).',
      'jti',
    );
  // The invite's expiry is not known here: keep the entry as long as any invite can live.
  await services.revocations.revoke(jti, services.now() + INVITE_MAX_SECONDS * 1000);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/** `GET /v1/admin/tenants` answers `{ tenants: AdminTenant[] }`: the tenants that take bookings. */
export async function adminTenantsRoute(_request: Request, { services, bookings }: AdminBookingsContext): Promise<Response> {
  // The admin token sees every tenant; the list is what the token may see, so scoped tokens can narrow it later.
  const tenants = await Promise.all(
    (await services.directory.bookingTenants()).map(async (tenant) => ({
      id: tenant.id,
      name: tenant.name,
      kinds: (await bookings.form(tenant.id)).kinds ?? ['video'],
    })),
  );
  return json({ tenants } satisfies AdminTenantList);
}

/** `POST /v1/admin/contacts` with `{ tenant, email, trusted? }` trusts an e-mail address (or not) (204). */
export async function trustContactRoute(request: Request, { bookings }: AdminBookingsContext): Promise<Response> {
  const body = await readJsonObject(request);
  if (body.trusted !== undefined && typeof body.trusted !== 'boolean')
    throw new HttpError(400, 'invalid_input', 'trusted must be true or false.', 'trusted');
  await bookings.trust(body.tenant, body.email, body.trusted !== false, 'admin-api');
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

const STATUSES: readonly BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];
const KINDS: readonly BookingKind[] = ['video', 'chat'];

/** A query parameter that must be one of `allowed` (or absent). */
function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  if (!allowed.includes(value as T)) throw new HttpError(400, 'invalid_input', `${name} must be one of ${allowed.join(', ')}.`, name);
  return value as T;
}

/** `GET /v1/admin/bookings?status=…&tenant=…&kind=…` answers `{ bookings: AdminBooking[] }`. */
export async function listBookingsRoute(_request: Request, { services, bookings, url }: AdminBookingsContext): Promise<Response> {
  const status = oneOf(url, 'status', STATUSES);
  const kind = oneOf(url, 'kind', KINDS);
  const tenant = url.searchParams.get('tenant');
  if (tenant !== null && !(await services.directory.tenant(tenant)))
    throw new HttpError(400, 'invalid_input', 'tenant must name a tenant of the configuration.', 'tenant');
  const list = await bookings.list({ ...(status ? { status } : {}), ...(tenant ? { tenant } : {}), ...(kind ? { kind } : {}) });
  return json({ bookings: list });
}

/** `GET /v1/admin/bookings/{id}` answers one `AdminBooking`. */
export async function adminBookingRoute(_request: Request, { bookings, params }: AdminBookingsContext): Promise<Response> {
  return json(await bookings.adminGet(params.id ?? ''));
}

/**
 * `POST /v1/admin/bookings/{id}/approve`, `…/reject` (`{ reason? }`) and
 * `…/cancel` (`{ reason }`) answer the changed `AdminBooking`.
 */
export async function decideBookingRoute(request: Request, { bookings, params }: AdminBookingsContext): Promise<Response> {
  const id = params.id ?? '';
  if (params.action === 'approve') return json(await bookings.approve(id, 'admin-api'));
  const body = request.headers.get('content-type') === null ? {} : await readJsonObject(request);
  if (params.action === 'cancel') return json(await bookings.cancelByOperator(id, 'admin-api', body.reason));
  return json(await bookings.reject(id, 'admin-api', checkReason(body.reason, false)));
}
