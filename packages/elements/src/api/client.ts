import type {
  AdminBooking,
  AdminBookingList,
  AdminTenant,
  AdminTenantList,
  AdminClub,
  BookingChallenge,
  BookingForm,
  BookingCreated,
  BookingKind,
  BookingRequest,
  BookingStatus,
  BookingView,
  ClubForm,
  ClubInvite,
  ClubRegistered,
  ClubRegistration,
  ClubRoom,
  ClubView,
  OpenRoomCreated,
  OpenRoomInfo,
  OpenRoomRequest,
  Problem,
  RoomStatus,
  TenantInfo,
  TenantTheme,
  UsageReport,
} from '@vereinsraum/protocol';
import { apiUrl, request, type RoomAddress, roomUrl, send, VereinApiError } from './http.js';

export { type RoomAddress, roomUrl, tenantEventsUrl, VereinApiError } from './http.js';
export { fetchInviteInfo, joinRoom } from './join.js';

/**
 * `GET …/status`: live or idle, and how many are in the room. The browser
 * revalidates its cached answer (`no-cache`): with the server's ETag that is a
 * cheap `304` while nothing changed, and no preflight.
 */
export function fetchRoomStatus(address: RoomAddress, signal?: AbortSignal): Promise<RoomStatus> {
  return request(roomUrl(address, 'status'), { cache: 'no-cache', ...(signal ? { signal } : {}) });
}

/** Answers of `GET /v1/tenants/{tenant}`, one request per server and tenant on a page. */
const tenantInfos = new Map<string, Promise<TenantInfo>>();

/**
 * `GET /v1/tenants/{tenant}`: the tenant's name, theme, language, legal links
 * and conference services. Every element of a page shares one answer; a
 * failed request is forgotten, so the next element asks again.
 */
export function fetchTenantInfo({ endpoint, tenant }: Pick<RoomAddress, 'endpoint' | 'tenant'>): Promise<TenantInfo> {
  const url = apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}`).href;
  let info = tenantInfos.get(url);
  if (!info) {
    info = request<TenantInfo>(url, {});
    tenantInfos.set(url, info);
    info.catch(() => tenantInfos.delete(url));
  }
  return info;
}

/** Where bookings are made: the server helper and the tenant. */
export interface BookingAddress {
  endpoint: string;
  tenant: string;
}

const json = (body: unknown, init: RequestInit = {}): RequestInit => ({
  ...init,
  method: init.method ?? 'POST',
  headers: { 'content-type': 'application/json', ...init.headers },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const bookingUrl = (endpoint: string, id: string, rest = '') => apiUrl(endpoint, `v1/bookings/${encodeURIComponent(id)}${rest}`);

/** `GET /v1/bookings/form?tenant=…`: the consent text, privacy link and limits of the tenant's booking form. */
export function fetchBookingForm({ endpoint, tenant }: BookingAddress, signal?: AbortSignal): Promise<BookingForm> {
  return request(apiUrl(endpoint, `v1/bookings/form?tenant=${encodeURIComponent(tenant)}`), signal ? { signal } : {});
}

/** `GET /v1/bookings/challenge?tenant=…`: a proof-of-work challenge to solve before sending a booking. */
export function fetchBookingChallenge({ endpoint, tenant }: BookingAddress, signal?: AbortSignal): Promise<BookingChallenge> {
  return request(apiUrl(endpoint, `v1/bookings/challenge?tenant=${encodeURIComponent(tenant)}`), signal ? { signal } : {});
}

/** `POST /v1/bookings`: `201` with the booking and its manage token. */
export function createBooking(endpoint: string, body: BookingRequest): Promise<BookingCreated> {
  return request(apiUrl(endpoint, 'v1/bookings'), json(body));
}

/** `GET /v1/bookings/{id}` with the manage token. */
export function fetchBooking(endpoint: string, id: string, token: string): Promise<BookingView> {
  return request(bookingUrl(endpoint, id), { headers: bearer(token) });
}

/** `DELETE /v1/bookings/{id}` with the manage token: cancel it. */
export function cancelBooking(endpoint: string, id: string, token: string): Promise<BookingView | undefined> {
  return request(bookingUrl(endpoint, id), { method: 'DELETE', headers: bearer(token) });
}

/** `GET /v1/bookings/{id}/calendar.ics` with the manage token: the dates as an iCalendar file. */
export async function fetchBookingCalendar(endpoint: string, id: string, token: string): Promise<Blob> {
  const response = await send(bookingUrl(endpoint, id, '/calendar.ics'), { headers: { ...bearer(token), accept: 'text/calendar' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
    throw new VereinApiError(typeof problem?.code === 'string' ? problem.code : 'unknown', response.status);
  }
  return new Blob([await response.arrayBuffer()], { type: 'text/calendar' });
}

/** Filter of {@link listBookings}; a filter left out (or empty) shows all. */
export interface AdminBookingFilter {
  status?: BookingStatus | '';
  tenant?: string;
  kind?: BookingKind | '';
}

/** `GET /v1/admin/bookings?status=…&tenant=…&kind=…` with the admin token: by first date. */
export async function listBookings(endpoint: string, token: string, filter: AdminBookingFilter = {}): Promise<AdminBooking[]> {
  const url = apiUrl(endpoint, 'v1/admin/bookings');
  for (const [name, value] of Object.entries(filter)) if (value) url.searchParams.set(name, value);
  return (await request<AdminBookingList>(url, { headers: bearer(token) })).bookings;
}

/** `GET /v1/admin/tenants` with the admin token: the tenants that take bookings, by id. */
export async function fetchAdminTenants(endpoint: string, token: string): Promise<AdminTenant[]> {
  return (await request<AdminTenantList>(apiUrl(endpoint, 'v1/admin/tenants'), { headers: bearer(token) })).tenants;
}

/**
 * `POST /v1/admin/bookings/{id}/approve`, `…/reject` (with an optional
 * reason) or `…/cancel` (the reason is required), with the admin token:
 * the changed booking.
 */
export function decideBooking(
  endpoint: string,
  token: string,
  id: string,
  decision: 'approve' | 'reject' | 'cancel',
  reason = '',
): Promise<AdminBooking> {
  const url = apiUrl(endpoint, `v1/admin/bookings/${encodeURIComponent(id)}/${decision}`);
  return request(url, json(reason ? { reason } : {}, { headers: bearer(token) }));
}

/** What {@link fetchUsage} asks for: days `from` to `to` (`YYYY-MM-DD`), one tenant or a region (else all). */
export interface UsageQuery {
  from: string;
  to: string;
  tenant?: string;
  region?: string;
}

function usageUrl(endpoint: string, query: UsageQuery, path = 'v1/admin/usage'): URL {
  const url = apiUrl(endpoint, path);
  for (const [name, value] of Object.entries(query)) if (value) url.searchParams.set(name, value);
  url.searchParams.set('group', 'day');
  return url;
}

/** `GET /v1/admin/usage` with the admin token: the figures per day of the period. */
export function fetchUsage(endpoint: string, token: string, query: UsageQuery): Promise<UsageReport> {
  return request<UsageReport>(usageUrl(endpoint, query), { headers: bearer(token) });
}

/** The same report as CSV (`Accept: text/csv`), as a file to save. */
export async function fetchUsageCsv(endpoint: string, token: string, query: UsageQuery): Promise<Blob> {
  const response = await send(usageUrl(endpoint, query), { headers: { ...bearer(token), accept: 'text/csv' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
    throw new VereinApiError(typeof problem?.code === 'string' ? problem.code : 'unknown', response.status, problem?.field);
  }
  return response.blob();
}

/** `GET /v1/tenants/{tenant}/open-rooms/challenge`: the proof of work in front of a new open conference. */
export function fetchOpenRoomChallenge({ endpoint, tenant }: BookingAddress, signal?: AbortSignal): Promise<BookingChallenge> {
  return request(apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}/open-rooms/challenge`), { signal });
}

/** `POST /v1/tenants/{tenant}/open-rooms`: open a conference; the visitor is its host. */
export function createOpenRoom(
  { endpoint, tenant }: BookingAddress,
  body: OpenRoomRequest,
  signal?: AbortSignal,
): Promise<OpenRoomCreated> {
  return request(apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}/open-rooms`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

/** `GET /v1/tenants/{tenant}/open-rooms/{room}`: an open conference's title and name, for its guests' page. */
export function fetchOpenRoom({ endpoint, tenant, room }: RoomAddress, signal?: AbortSignal): Promise<OpenRoomInfo> {
  return request(apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}/open-rooms/${encodeURIComponent(room)}`), { signal });
}

// The club page (`<verein-club-admin>`): same origin only, with the session cookie and its CSRF token.

/** A club page request: the session cookie goes along (same origin), changes carry the CSRF token. */
async function clubRequest<T>(endpoint: string, path: string, csrf: string, init: RequestInit = {}): Promise<T> {
  const response = await clubSend(apiUrl(endpoint, path), csrf, init);
  return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as T;
}

/** {@link clubRequest}'s answer, unread; a problem is thrown as a {@link VereinApiError}. */
async function clubSend(url: URL, csrf: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(csrf ? { 'x-vereinsraum-csrf': csrf } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw new VereinApiError('network_error', 0);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
    throw new VereinApiError(typeof problem?.code === 'string' ? problem.code : 'unknown', response.status, problem?.field);
  }
  return response;
}

/** `POST /v1/clubs/confirm`: the registration's confirmation link (`pending`), or the yearly reconfirmation's (`active`). */
export function confirmClub(endpoint: string, token: string): Promise<{ status: 'pending' | 'active' }> {
  return clubRequest(endpoint, 'v1/clubs/confirm', '', { method: 'POST', body: JSON.stringify({ token }) });
}

/** `POST /v1/club/signin`: a sign-in link by e-mail (the same answer for any address). */
export function requestClubSignin(endpoint: string, email: string): Promise<void> {
  return clubRequest(endpoint, 'v1/club/signin', '', { method: 'POST', body: JSON.stringify({ email }) });
}

/** `POST /v1/club/session`: use a sign-in link; sets the session cookie. */
export function startClubSession(endpoint: string, token: string): Promise<{ club: string; csrf: string }> {
  return clubRequest(endpoint, 'v1/club/session', '', { method: 'POST', body: JSON.stringify({ token }) });
}

/** `GET /v1/club/me`: the signed-in club, and the session's CSRF token. */
export function fetchClub(endpoint: string): Promise<ClubView & { csrf: string }> {
  return clubRequest(endpoint, 'v1/club/me', '');
}

/** `DELETE /v1/club/session/current`: sign out. */
export function endClubSession(endpoint: string, csrf: string): Promise<void> {
  return clubRequest(endpoint, 'v1/club/session/current', csrf, { method: 'DELETE' });
}

/** `POST /v1/club/rooms`: a new room. */
export function createClubRoom(endpoint: string, csrf: string, room: Record<string, unknown>): Promise<ClubRoom> {
  return clubRequest(endpoint, 'v1/club/rooms', csrf, { method: 'POST', body: JSON.stringify(room) });
}

/** `POST /v1/club/rooms/{room}`: change a room (name, who may start, codes: `null` removes one). */
export function updateClubRoom(endpoint: string, csrf: string, room: string, changes: Record<string, unknown>): Promise<ClubRoom> {
  return clubRequest(endpoint, `v1/club/rooms/${encodeURIComponent(room)}`, csrf, { method: 'POST', body: JSON.stringify(changes) });
}

/** `DELETE /v1/club/rooms/{room}`. */
export function deleteClubRoom(endpoint: string, csrf: string, room: string): Promise<void> {
  return clubRequest(endpoint, `v1/club/rooms/${encodeURIComponent(room)}`, csrf, { method: 'DELETE' });
}

/**
 * `POST /v1/club/rooms/{room}/start` (a moderator link for now) or `…/invites`: an attendee link (`invite`)
 * or a moderator link for deputies (`deputy`), each for 30 days.
 */
export function clubRoomLink(
  endpoint: string,
  csrf: string,
  room: string,
  kind: 'start' | 'invite' | 'deputy',
): Promise<{ link: string; jti: string }> {
  const path = `v1/club/rooms/${encodeURIComponent(room)}/${kind === 'start' ? 'start' : 'invites'}`;
  const role = kind === 'deputy' ? 'moderator' : 'attendee';
  return clubRequest(endpoint, path, csrf, {
    method: 'POST',
    ...(kind === 'start' ? {} : { body: JSON.stringify({ role, expiresIn: '30d' }) }),
  });
}

/** `GET /v1/club/invites`: the links of the club's rooms that still work. */
export async function fetchClubInvites(endpoint: string): Promise<ClubInvite[]> {
  return (await clubRequest<{ invites: ClubInvite[] }>(endpoint, 'v1/club/invites', '')).invites;
}

/** `DELETE /v1/club/invites/{id}`: revoke a link. */
export function revokeClubInvite(endpoint: string, csrf: string, id: string): Promise<void> {
  return clubRequest(endpoint, `v1/club/invites/${encodeURIComponent(id)}`, csrf, { method: 'DELETE' });
}

/** `POST /v1/club/origins`: ask the operator to allow another website. */
export function requestClubOrigin(endpoint: string, csrf: string, origin: string): Promise<{ originRequest: string }> {
  return clubRequest(endpoint, 'v1/club/origins', csrf, { method: 'POST', body: JSON.stringify({ origin }) });
}

/** `POST /v1/club/branding`: the club's logo and colours (`null` removes one); `contrast_too_low` for colours hard to read. */
export function saveClubBranding(
  endpoint: string,
  csrf: string,
  branding: { logoUrl: string | null; primary: string | null; onPrimary: string | null },
): Promise<{ logoUrl: string | null; theme: TenantTheme | null }> {
  return clubRequest(endpoint, 'v1/club/branding', csrf, { method: 'POST', body: JSON.stringify(branding) });
}

/** `POST /v1/club/handover`: name a new contact person, who gets a link to confirm (replaces a pending one). */
export function requestClubHandover(
  endpoint: string,
  csrf: string,
  contact: { name: string; email: string },
): Promise<{ expiresAt: string }> {
  return clubRequest(endpoint, 'v1/club/handover', csrf, { method: 'POST', body: JSON.stringify(contact) });
}

/** `POST /v1/club/handover/confirm`: the new contact person takes over with the link of their mail. */
export function confirmClubHandover(endpoint: string, token: string): Promise<{ club: string }> {
  return clubRequest(endpoint, 'v1/club/handover/confirm', '', { method: 'POST', body: JSON.stringify({ token }) });
}

/** `DELETE /v1/club/me`: delete the club with everything of it (the session ends with it). */
export function deleteOwnClub(endpoint: string, csrf: string): Promise<void> {
  return clubRequest(endpoint, 'v1/club/me', csrf, { method: 'DELETE' });
}

/** `GET /v1/club/usage`: the signed-in club's own figures per day of the period (as CSV with `csv`, a file to save). */
export async function fetchClubUsage(endpoint: string, query: Pick<UsageQuery, 'from' | 'to'>): Promise<UsageReport>;
export async function fetchClubUsage(endpoint: string, query: Pick<UsageQuery, 'from' | 'to'>, csv: true): Promise<Blob>;
export async function fetchClubUsage(endpoint: string, query: Pick<UsageQuery, 'from' | 'to'>, csv = false): Promise<UsageReport | Blob> {
  const response = await clubSend(usageUrl(endpoint, query, 'v1/club/usage'), '', csv ? { headers: { accept: 'text/csv' } } : {});
  return csv ? response.blob() : (response.json() as Promise<UsageReport>);
}

// The registration form (`<verein-club-registration>`), on the city's page: no credentials.

/** `GET /v1/clubs/form`: the regions, kinds and the operator's terms. */
export function fetchClubForm(endpoint: string): Promise<ClubForm> {
  return request(apiUrl(endpoint, 'v1/clubs/form'), {});
}

/** `GET /v1/clubs/challenge`: the registration's proof of work. */
export function fetchClubChallenge(endpoint: string): Promise<BookingChallenge> {
  return request(apiUrl(endpoint, 'v1/clubs/challenge'), {});
}

/** `POST /v1/clubs`: a registration; a confirmation mail goes to the contact person. */
export function registerClub(endpoint: string, body: ClubRegistration): Promise<ClubRegistered> {
  return request(apiUrl(endpoint, 'v1/clubs'), json(body));
}

// The operator's clubs (`<verein-club-review>`), with the admin token (or a region admin's).

/** `GET /v1/admin/clubs?status=…`: newest first. */
export async function listClubs(endpoint: string, token: string, status = ''): Promise<AdminClub[]> {
  const url = apiUrl(endpoint, 'v1/admin/clubs');
  if (status) url.searchParams.set('status', status);
  return (await request<{ clubs: AdminClub[] }>(url, { headers: bearer(token) })).clubs;
}

/** What the operator decides about a club: its registration or status, or the other website it asked for. */
export type ClubDecision = 'approve' | 'reject' | 'suspend' | 'allow-origin' | 'refuse-origin';

/**
 * `POST /v1/admin/clubs/{id}/approve`, `…/reject`, `…/suspend` (the reason required for a suspension),
 * `…/allow-origin` or `…/refuse-origin` (with `origin`, the website shown to the operator): the changed club.
 */
export function decideClub(
  endpoint: string,
  token: string,
  id: string,
  decision: ClubDecision,
  reason = '',
  origin?: string,
): Promise<AdminClub> {
  const url = apiUrl(endpoint, `v1/admin/clubs/${encodeURIComponent(id)}/${decision}`);
  return request(url, json({ ...(reason ? { reason } : {}), ...(origin ? { origin } : {}) }, { headers: bearer(token) }));
}
