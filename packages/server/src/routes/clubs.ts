import type { ClubStatus } from '@vereinsraum/protocol';
import { joinLink } from '../clubs/fields.js';
import type { OperatorScope } from '../clubs/options.js';
import { csrfOf, SESSION_MS } from '../clubs/page.js';
import type { ClubService } from '../clubs/service.js';
import { sha256Hex } from '../keys.js';
import type { RouteContext } from '../context.js';
import { HttpError, safe } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import { INVITE_MAX_SECONDS, issueInvite, parseDuration } from '../invites.js';
import { originAllowed } from '../resolve.js';

// Clubs that register themselves (see the route table for the paths): the
// registration form's API, the contact person's club page, and the operator's.

/** The session cookie of the club page: HttpOnly, SameSite=Lax, only for the club page's API. */
export const CLUB_COOKIE = 'vereinsraum_club';
/** The path the cookie is sent to. */
const COOKIE_PATH = '/v1/club/';
/** The header with the session's CSRF token, on every change. */
export const CSRF_HEADER = 'x-vereinsraum-csrf';

function service({ services }: RouteContext): ClubService {
  if (!services.clubs)
    throw new HttpError(
      403,
      'clubs_disabled',
      'This server takes no club registrations: its configuration has no clubs section, or it has no store.',
    );
  return services.clubs;
}

/** The registration form's origin: the server's own, or one of `clubs.formOrigins`. */
function checkFormOrigin(request: Request, context: RouteContext): ClubService {
  const clubs = service(context);
  if (!originAllowed(request, context.url, clubs.config.formOrigins)) {
    throw new HttpError(
      403,
      'origin_not_allowed',
      `Pages on ${safe(request.headers.get('origin') ?? '')} may not register clubs. Add the origin to clubs.formOrigins.`,
    );
  }
  return clubs;
}

/** `GET /v1/clubs/form` → {@link ClubForm}. */
export async function clubFormRoute(request: Request, context: RouteContext): Promise<Response> {
  return json(checkFormOrigin(request, context).registration.form());
}

/** `GET /v1/clubs/challenge` → a proof-of-work challenge. */
export async function clubChallengeRoute(request: Request, context: RouteContext): Promise<Response> {
  return json(await checkFormOrigin(request, context).registration.challenge());
}

/** `POST /v1/clubs` ({@link ClubRegistration}) → `202` {@link ClubRegistered}: the confirmation mail is on its way. */
export async function registerClubRoute(request: Request, context: RouteContext): Promise<Response> {
  const clubs = checkFormOrigin(request, context);
  const body = await readJsonObject(request);
  return json(await clubs.registration.register(body, context.client, context.url.origin), { status: 202 });
}

/** `POST /v1/clubs/confirm` with `{ token }` → `{ status: "pending" }` (a registration) or `{ status: "active" }` (a reconfirmation). */
export async function confirmClubRoute(request: Request, context: RouteContext): Promise<Response> {
  const clubs = checkFormOrigin(request, context);
  return json(await clubs.registration.confirm((await readJsonObject(request)).token));
}

// The contact person's club page (same origin only: the route table's prefix check).

/** Every path under `/v1/club/`: pages of other origins are refused (the session cookie must never work for them). */
export function clubPageOnly(request: Request, url: URL): void {
  if (!originAllowed(request, url, [])) throw new HttpError(403, 'origin_not_allowed', "The club page's API answers only its own origin.");
}

/** What a club page route knows: the signed-in contact person's club. */
export interface ClubSessionContext extends RouteContext {
  clubs: ClubService;
  club: string;
  /** The session's id (the SHA-256 of the cookie). */
  session: string;
  /** The session's CSRF token, for the page after a reload. */
  csrf: string;
}

function cookieValue(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CLUB_COOKIE) return value.join('=');
  }
  return undefined;
}

function cookie(url: URL, value: string, maxAgeSeconds: number): string {
  return `${CLUB_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${url.protocol === 'https:' ? '; Secure' : ''}`;
}

/**
 * The session of the request's cookie: `401 session_required` without a
 * valid one. Every method but GET also needs the session's CSRF token in
 * `X-Vereinsraum-CSRF` (`403 csrf_failed`); a page of another origin never
 * gets here (the prefix check), and the cookie is `SameSite=Lax`.
 */
export async function clubSessionScope(request: Request, context: RouteContext): Promise<ClubSessionContext> {
  const clubs = service(context);
  const value = cookieValue(request);
  const store = context.services.store!;
  const session =
    value && /^[A-Za-z0-9_-]{43}$/.test(value) ? await store.getClubSession(await sha256Hex(value), context.services.now()) : undefined;
  if (!session) throw new HttpError(401, 'session_required', 'Sign in with a link from your e-mail first.');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const given = request.headers.get(CSRF_HEADER) ?? '';
    const fetchSite = request.headers.get('sec-fetch-site');
    const ok = await constantTimeEqual(await sha256Hex(given), session.csrfHash);
    if (!ok || (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none'))
      throw new HttpError(403, 'csrf_failed', `Send the session's CSRF token in ${CSRF_HEADER}, from the club page itself.`);
  }
  return { ...context, clubs, club: session.club, session: session.id, csrf: await csrfOf(value!) };
}

/** `POST /v1/club/signin` with `{ email }` → `202`, whether the address has a club or not. */
export async function requestSigninRoute(request: Request, context: RouteContext): Promise<Response> {
  const clubs = service(context);
  await clubs.page.requestSignin(await readJsonObject(request), context.client, context.url.origin);
  return new Response(null, { status: 202, headers: { 'cache-control': 'no-store' } });
}

/** `POST /v1/club/session` with `{ token }` (the sign-in link's) → `{ club, csrf, expiresAt }` and the session cookie. */
export async function signInRoute(request: Request, context: RouteContext): Promise<Response> {
  const clubs = service(context);
  const { club, session, csrf, expiresAt } = await clubs.page.signIn((await readJsonObject(request)).token);
  return json(
    { club, csrf, expiresAt: new Date(expiresAt).toISOString() },
    { headers: { 'set-cookie': cookie(context.url, session, SESSION_MS / 1000) } },
  );
}

/** `DELETE /v1/club/session`: sign out (204). */
export async function signOutRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  await context.services.store!.deleteClubSession(context.session);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', 'set-cookie': cookie(context.url, '', 0) } });
}

/** `GET /v1/club/me` → {@link ClubView} and the session's CSRF token (`csrf`). */
export async function clubViewRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  return json({ ...(await context.clubs.page.view(context.club, context.url.origin)), csrf: context.csrf });
}

/** `GET /v1/club/export`: everything kept of the club, as a JSON file to download. */
export async function exportClubRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  return json(await context.clubs.page.export(context.club), {
    headers: { 'content-disposition': `attachment; filename="${context.club}.json"` },
  });
}

/** `DELETE /v1/club/me`: the contact person deletes the club (204). */
export async function deleteOwnClubRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  await context.clubs.page.deleteClub(context.club);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', 'set-cookie': cookie(context.url, '', 0) } });
}

/** `POST /v1/club/origins` with `{ origin }` → `202 { originRequest }`: the operator decides. */
export async function requestOriginRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  return json(await context.clubs.page.requestOrigin(context.club, await readJsonObject(request)), { status: 202 });
}

/** `POST /v1/club/branding` with `{ logoUrl?, primary?, onPrimary? }` → `{ logoUrl, theme }`. */
export async function clubBrandingRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  return json(await context.clubs.page.branding(context.club, await readJsonObject(request)));
}

/** `POST /v1/club/handover` with `{ name, email }` → `202 { expiresAt }`: the new contact gets a confirmation link. */
export async function requestHandoverRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  return json(await context.clubs.page.requestHandover(context.club, await readJsonObject(request), context.url.origin), { status: 202 });
}

/**
 * `POST /v1/club/handover/confirm` with `{ token }` (the handover link's, no
 * session) → `{ club }`: the new contact takes over, every session of the club ends.
 */
export async function confirmHandoverRoute(request: Request, context: RouteContext): Promise<Response> {
  return json(await service(context).page.confirmHandover((await readJsonObject(request)).token));
}

/** `POST /v1/club/rooms` → `201` {@link ClubRoom}. */
export async function createClubRoomRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  return json(await context.clubs.page.createRoom(context.club, await readJsonObject(request), context.url.origin), { status: 201 });
}

/** `POST /v1/club/rooms/{room}` (the fields to change) → {@link ClubRoom}. */
export async function updateClubRoomRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  return json(
    await context.clubs.page.updateRoom(context.club, context.params.room ?? '', await readJsonObject(request), context.url.origin),
  );
}

/** `DELETE /v1/club/rooms/{room}` (204): the room and its invites. */
export async function deleteClubRoomRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  await context.clubs.page.deleteRoom(context.club, context.params.room ?? '');
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/**
 * `POST /v1/club/rooms/{room}/invites` with `{ role, expiresIn }` → `201 { token, jti, expiresAt, link }`;
 * `POST /v1/club/rooms/{room}/start` → the same for a moderator, for 15 minutes: start the meeting now.
 */
export async function clubInviteRoute(request: Request, context: ClubSessionContext): Promise<Response> {
  const { clubs, club, services, params, url } = context;
  await clubs.page.active(club);
  const room = await clubs.page.room(club, params.room ?? '');
  let role: 'moderator' | 'attendee' = 'moderator';
  let seconds: number | undefined = 15 * 60;
  if (params.action === 'invites') {
    const body = await readJsonObject(request);
    if (body.role !== 'moderator' && body.role !== 'attendee')
      throw new HttpError(400, 'invalid_input', 'role must be "moderator" or "attendee".', 'role');
    role = body.role;
    seconds = typeof body.expiresIn === 'string' ? parseDuration(body.expiresIn) : undefined;
    if (seconds === undefined)
      throw new HttpError(
        400,
        'invalid_input',
        `expiresIn must be a duration like "90m", "12h" or "30d", at most ${INVITE_MAX_SECONDS / 86_400} days.`,
        'expiresIn',
      );
  }
  const invite = await issueInvite(await services.keys(), services.store, {
    tenant: club,
    room: room.id,
    role,
    expiresInSeconds: seconds,
    now: services.now(),
  });
  return json({ ...invite, link: joinLink(url.origin, club, room.id, invite.token) }, { status: 201 });
}

/** `GET /v1/club/invites` → `{ invites: ClubInvite[] }`: the links of the club's rooms that still work. */
export async function listClubInvitesRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  return json({ invites: await context.clubs.page.invites(context.club) });
}

/** `DELETE /v1/club/invites/{id}`: revoke an invite of one of the club's rooms (204). */
export async function revokeClubInviteRoute(_request: Request, context: ClubSessionContext): Promise<Response> {
  const { services, club, params } = context;
  const id = params.id ?? '';
  const invite = /^[A-Za-z0-9_-]{11}$/.test(id) ? await services.store!.getInvite(id) : undefined;
  // Another club's invite is as unknown as a missing one.
  if (!invite || invite.tenant !== club) throw new HttpError(404, 'invite_invalid', 'This club has no invite with that id.');
  await services.revocations.revoke(id, invite.expiresAt);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

// The operator's API for clubs: the admin token (every region) or a region admin's token (its regions only).

/** What an operator's club route knows. */
export interface ClubAdminContext extends RouteContext {
  clubs: ClubService;
  scope: OperatorScope;
}

/** The admin token or a region admin's token, compared in constant time: `401 unauthorized`. */
export async function clubAdminScope(request: Request, context: RouteContext): Promise<ClubAdminContext> {
  const given = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  const { config } = context.services;
  let scope: OperatorScope | undefined;
  // Every token is compared, so the time does not tell which one matched.
  if ((await constantTimeEqual(given, config.adminToken ?? '')) && config.adminToken) scope = { actor: 'admin-api' };
  for (const admin of config.clubs?.regionAdmins ?? []) {
    if ((await constantTimeEqual(given, admin.token)) && !scope) scope = { actor: 'region-admin', regions: admin.regions };
  }
  if (!scope)
    throw new HttpError(401, 'unauthorized', 'Send the admin token (or a region admin\'s) as "Authorization: Bearer <token>".', undefined, {
      'www-authenticate': 'Bearer',
    });
  return { ...context, clubs: service(context), scope };
}

const STATUSES: readonly ClubStatus[] = ['unconfirmed', 'pending', 'active', 'suspended', 'rejected'];

/** `GET /v1/admin/clubs?status=…&region=…` → `{ clubs: AdminClub[] }` (newest first; unconfirmed ones only when asked for). */
export async function listClubsRoute(_request: Request, { clubs, scope, url }: ClubAdminContext): Promise<Response> {
  const status = url.searchParams.get('status');
  if (status !== null && !STATUSES.includes(status as ClubStatus))
    throw new HttpError(400, 'invalid_input', `status must be one of ${STATUSES.join(', ')}.`, 'status');
  const region = url.searchParams.get('region');
  return json({
    clubs: await clubs.operator.list(scope, { ...(status ? { status: status as ClubStatus } : {}), ...(region ? { region } : {}) }),
  });
}

/** `GET /v1/admin/clubs/{id}` → one `AdminClub`. */
export async function adminClubRoute(_request: Request, { clubs, scope, params }: ClubAdminContext): Promise<Response> {
  return json(await clubs.operator.get(params.id ?? '', scope));
}

/** `DELETE /v1/admin/clubs/{id}` (204): the club and all its data. */
export async function deleteClubRoute(_request: Request, { clubs, scope, params }: ClubAdminContext): Promise<Response> {
  await clubs.operator.delete(params.id ?? '', scope);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/**
 * `POST /v1/admin/clubs/{id}/approve`, `…/reject` (`{ reason? }`), `…/suspend` (`{ reason }`),
 * `…/allow-origin` (`{ origin }`), `…/refuse-origin` (`{ origin, reason? }`): the website the club asked for, as the
 * operator saw it → the changed `AdminClub`.
 */
export async function decideClubRoute(request: Request, { clubs, scope, params, url }: ClubAdminContext): Promise<Response> {
  const id = params.id ?? '';
  if (params.action === 'approve') return json(await clubs.operator.approve(id, scope, url.origin));
  const body = request.headers.get('content-type') === null ? {} : await readJsonObject(request);
  if (params.action === 'allow-origin' || params.action === 'refuse-origin')
    return json(await clubs.operator.decideOrigin(id, params.action, { origin: body.origin, reason: body.reason }, scope));
  return json(await clubs.operator.decide(id, params.action as 'reject' | 'suspend', body.reason, scope));
}
