import type {
  AdminBooking,
  AdminBookingList,
  AdminTenant,
  AdminTenantList,
  BookingChallenge,
  BookingForm,
  BookingCreated,
  BookingKind,
  BookingRequest,
  BookingStatus,
  BookingView,
  OpenRoomCreated,
  OpenRoomInfo,
  OpenRoomRequest,
  Problem,
  RoomStatus,
  TenantInfo,
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

function usageUrl(endpoint: string, query: UsageQuery): URL {
  const url = apiUrl(endpoint, 'v1/admin/usage');
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
