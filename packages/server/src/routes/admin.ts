import { isValidId } from '@vereinsraum/protocol';
import type { ServerContext } from '../handler.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import { createInvite, INVITE_MAX_SECONDS, parseDuration } from '../invites.js';

const JTI = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The operator's API, behind `Authorization: Bearer <admin token>` and for
 * same-origin or non-browser callers only:
 * - `POST /v1/admin/invites` with `{ tenant, room, role, expiresIn }` answers 201 `{ token, jti, expiresAt }`
 * - `DELETE /v1/admin/invites/{jti}` revokes an invite (204)
 */
export async function adminRoute(request: Request, url: URL, context: ServerContext): Promise<Response> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== url.origin) {
    throw new HttpError(403, 'origin_not_allowed', 'The admin API answers only its own origin.');
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
    const invite = await createInvite(await context.keys(), { tenant: tenant.id, room: body.room, role: body.role, expiresInSeconds: seconds, now: context.now() });
    return json(invite, { status: 201 });
  }

  if (request.method !== 'DELETE') throw new HttpError(405, 'method_not_allowed', 'Use DELETE.', undefined, { allow: 'DELETE' });
  if (!JTI.test(jti)) throw new HttpError(400, 'invalid_input', 'The invite id (jti) is a UUID.', 'jti');
  // The invite's expiry is not known here: keep the entry as long as any invite can live.
  await context.revocations.revoke(jti, context.now() + INVITE_MAX_SECONDS * 1000);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
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
