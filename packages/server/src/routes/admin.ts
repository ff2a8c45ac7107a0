import { type AdminTenantList, type BookingKind, type BookingStatus, isValidId } from '@vereinsraum/protocol';
import { checkReason } from '../bookings/reason.js';
import type { ServerContext } from '../handler.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import { INVITE_MAX_SECONDS, issueInvite, parseDuration } from '../invites.js';

/** A short invite's id, or a signed invite's `jti` (a UUID). */
const INVITE_ID = /^([A-Za-z0-9_-]{11}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The operator's API, behind `Authorization: Bearer <admin token>` and for
 * same-origin or non-browser callers only:
 * - `POST /v1/admin/invites` with `{ tenant, room, role, expiresIn }` answers 201 `{ token, jti, expiresAt }`:
 *   a short invite (`<id>.<secret>`, `jti` its id) when the handler has a store, else a signed one
 * - `DELETE /v1/admin/invites/{jti}` revokes an invite by its id (204)
 * - `GET /v1/admin/tenants` answers `{ tenants: AdminTenant[] }`: the tenants that take bookings
 * - `GET /v1/admin/bookings?status=…&tenant=…&kind=…` answers `{ bookings: AdminBooking[] }`
 * - `GET /v1/admin/bookings/{id}` answers one `AdminBooking`
 * - `POST /v1/admin/bookings/{id}/approve`, `…/reject` (`{ reason? }`) and `…/cancel` (`{ reason }`)
 *   answer the changed `AdminBooking`
 * - `POST /v1/admin/contacts` with `{ tenant, email, trusted? }` trusts an e-mail address (or not) (204)
 */
export async function adminRoute(request: Request, url: URL, context: ServerContext): Promise<Response> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== url.origin) {
    throw new HttpError(403, 'origin_not_allowed', 'The admin API answers only its own origin.');
  }
  if (url.pathname.startsWith('/v1/admin/bookings') || url.pathname === '/v1/admin/contacts' || url.pathname === '/v1/admin/tenants') {
    return adminBookingsRoute(request, url, context);
  }
  const jti = /^\/v1\/admin\/invites\/([^/]+)$/.exec(url.pathname)?.[1];
  if (url.pathname !== '/v1/admin/invites' && jti === undefined) throw new HttpError(404, 'not_found', 'No admin route for this path.');
  await authorize(request, context.config.adminToken);

  if (jti === undefined) {
    if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.', undefined, { allow: 'POST' });
    const body = await readJsonObject(request);
    const tenant = isValidId(body.tenant) ? context.config.tenants.get(body.tenant) : undefined;
    if (!tenant) throw new HttpError(400, 'invalid_input', 'tenant must name a tenant of the configuration.', 'tenant');
    if (!isValidId(body.room) || !tenant.rooms.has(body.room)) {
      throw new HttpError(400, 'invalid_input', `room must name a room of tenant '${tenant.id}'.`, 'room');
    }
    if (body.role !== 'moderator' && body.role !== 'attendee') {
      throw new HttpError(400, 'invalid_input', 'role must be "moderator" or "attendee".', 'role');
    }
    const seconds = typeof body.expiresIn === 'string' ? parseDuration(body.expiresIn) : undefined;
    if (seconds === undefined) {
      throw new HttpError(400, 'invalid_input', `expiresIn must be a duration like "90m", "12h" or "30d", at most ${INVITE_MAX_SECONDS / 86_400} days.`, 'expiresIn');
    }
    const invite = await issueInvite(await context.keys(), context.store, { tenant: tenant.id, room: body.room, role: body.role, expiresInSeconds: seconds, now: context.now() });
    return json(invite, { status: 201 });
  }

  if (request.method !== 'DELETE') throw new HttpError(405, 'method_not_allowed', 'Use DELETE.', undefined, { allow: 'DELETE' });
  if (!INVITE_ID.test(jti)) throw new HttpError(400, 'invalid_input', 'The invite id is 11 characters of base64url (a short invite) or a UUID (a signed one).', 'jti');
  // The invite's expiry is not known here: keep the entry as long as any invite can live.
  await context.revocations.revoke(jti, context.now() + INVITE_MAX_SECONDS * 1000);
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

async function adminBookingsRoute(request: Request, url: URL, context: ServerContext): Promise<Response> {
  const path = url.pathname;
  const decision = /^\/v1\/admin\/bookings\/([^/]+)\/(approve|reject|cancel)$/.exec(path);
  const one = /^\/v1\/admin\/bookings\/([^/]+)$/.exec(path);
  const fixed = ['/v1/admin/bookings', '/v1/admin/contacts', '/v1/admin/tenants'];
  if (!fixed.includes(path) && !decision && !one) throw new HttpError(404, 'not_found', 'No admin route for this path.');
  await authorize(request, context.config.adminToken);
  const service = context.bookings;
  if (!service) throw new HttpError(403, 'bookings_disabled', 'This server keeps no bookings: it was started without a store.');
  const method = (methods: string): void => {
    if (!methods.split(', ').includes(request.method)) throw new HttpError(405, 'method_not_allowed', `Use ${methods}.`, undefined, { allow: methods });
  };

  if (path === '/v1/admin/contacts') {
    method('POST');
    const body = await readJsonObject(request);
    if (body.trusted !== undefined && typeof body.trusted !== 'boolean') throw new HttpError(400, 'invalid_input', 'trusted must be true or false.', 'trusted');
    await service.trust(body.tenant, body.email, body.trusted !== false, 'admin-api');
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  }
  if (path === '/v1/admin/tenants') {
    method('GET');
    // The admin token sees every tenant; the list is what the token may see, so scoped tokens can narrow it later.
    const tenants = [...context.config.tenants.values()]
      .filter((tenant) => tenant.bookings)
      .map((tenant) => ({ id: tenant.id, name: tenant.name, kinds: service.form(tenant.id).kinds ?? ['video'] }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    return json({ tenants } satisfies AdminTenantList);
  }
  if (path === '/v1/admin/bookings') {
    method('GET');
    const status = oneOf(url, 'status', STATUSES);
    const kind = oneOf(url, 'kind', KINDS);
    const tenant = url.searchParams.get('tenant');
    if (tenant !== null && !context.config.tenants.has(tenant)) throw new HttpError(400, 'invalid_input', 'tenant must name a tenant of the configuration.', 'tenant');
    const bookings = await service.list({ ...(status ? { status } : {}), ...(tenant ? { tenant } : {}), ...(kind ? { kind } : {}) });
    return json({ bookings });
  }
  if (one) {
    method('GET');
    return json(await service.adminGet(one[1]!));
  }
  method('POST');
  const [, id = '', action] = decision!;
  if (action === 'approve') return json(await service.approve(id, 'admin-api'));
  const body = request.headers.get('content-type') === null ? {} : await readJsonObject(request);
  if (action === 'cancel') return json(await service.cancelByOperator(id, 'admin-api', body.reason));
  return json(await service.reject(id, 'admin-api', checkReason(body.reason, false)));
}

async function authorize(request: Request, adminToken: string | undefined): Promise<void> {
  const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  // Compare even when the API is off, so that the answer takes the same time.
  const ok = await constantTimeEqual(given, adminToken ?? '');
  if (!adminToken || !ok) {
    throw new HttpError(
      401,
      'unauthorized',
      adminToken ? 'Send the admin token as "Authorization: Bearer <token>".' : 'The admin API is off: name the environment variable of the admin token in adminTokenEnv.',
      undefined,
      { 'www-authenticate': 'Bearer' },
    );
  }
}
