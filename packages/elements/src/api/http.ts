// The one way the elements talk to the server helper: URLs under its
// endpoint, requests without cookies, and refusals as `VereinApiError`s.
// `client.ts` is the module to import; this one keeps what every element
// needs before its first click apart from what only its lazy parts call.
import type { Problem } from '@vereinsraum/protocol';

/** Where a room lives: the server helper, the tenant and the room id. */
export interface RoomAddress {
  endpoint: string;
  tenant: string;
  room: string;
}

/**
 * A refusal from the server helper (its problem `code`), or `network_error`
 * when it could not be reached at all.
 */
export class VereinApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(code);
    this.name = 'VereinApiError';
  }
}

/** `path` under the server helper's URL, absolute (an endpoint with or without a trailing slash is the same). */
export function apiUrl(endpoint: string, path: string): URL {
  const base = new URL(endpoint, document.baseURI);
  return new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
}

/** The absolute URL of one of a room's API calls, e.g. `status` or `events`. */
export function roomUrl({ endpoint, tenant, room }: RoomAddress, action: string): string {
  return apiUrl(endpoint, `v1/rooms/${encodeURIComponent(tenant)}/${encodeURIComponent(room)}/${action}`).href;
}

/**
 * The absolute URL of a tenant's event stream for several rooms,
 * `…/v1/tenants/{tenant}/events?rooms=a,b`; without `rooms`, the URL without
 * a query (one per server and tenant, whichever rooms).
 */
export function tenantEventsUrl({ endpoint, tenant }: Pick<RoomAddress, 'endpoint' | 'tenant'>, rooms?: readonly string[]): string {
  const url = apiUrl(endpoint, `v1/tenants/${encodeURIComponent(tenant)}/events`);
  if (rooms) url.search = `rooms=${rooms.map(encodeURIComponent).join(',')}`;
  return url.href;
}

export async function send(url: string | URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'omit', headers: { accept: 'application/json', ...init.headers } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new VereinApiError('network_error', 0);
  }
}

export async function request<T>(url: string | URL, init: RequestInit): Promise<T> {
  const response = await send(url, init);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = body as Partial<Problem> | undefined;
    throw new VereinApiError(typeof problem?.code === 'string' ? problem.code : 'unknown', response.status, problem?.field);
  }
  return body as T;
}
