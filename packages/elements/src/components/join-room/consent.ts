// The visitor's agreement to a tenant's privacy notice, asked before the
// first request to a conference server: which servers a room's meeting
// reaches, and the agreements a visitor chose to keep on their device.
import type { TenantInfo } from '@vereinsraum/protocol';

const KEY = 'vereinsraum.consent';

/**
 * The origins of the conference servers a room's meeting reaches: the
 * service of a listed room; for a booked room (never listed) the service the
 * tenant's booked rooms of that kind use (video, or chat for a booked chat
 * room), or, from a server that does not say which, every service of the
 * kind. Only http(s) origins count.
 */
export function roomOrigins(info: TenantInfo, room: string, kind: 'video' | 'chat' = 'video'): string[] {
  const listed = info.rooms.find((r) => r.id === room);
  const booked = info.booked?.[kind];
  const services = listed ? [info.services[listed.service]] : booked !== undefined ? [info.services[booked]] : info.services.filter((s) => s.kind === kind);
  return [...new Set(services.map((s) => s?.origin ?? '').filter((origin) => /^https?:\/\/[^/]+$/.test(origin)))];
}

/** Where the agreements for one server and tenant are kept. */
function keyOf(endpoint: string, tenant: string): string {
  return `${KEY} ${new URL(endpoint, document.baseURI).href} ${tenant}`;
}

/** The conference origins the visitor agreed to for this server and tenant, and chose to keep. */
export function keptOrigins(endpoint: string, tenant: string): string[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(keyOf(endpoint, tenant)) ?? '[]');
    return Array.isArray(kept) ? kept : [];
  } catch {
    return [];
  }
}

/** Keep an agreement to `origins` (added to those kept already), or with `null` withdraw it. */
export function keepConsent(endpoint: string, tenant: string, origins: string[] | null): void {
  try {
    const key = keyOf(endpoint, tenant);
    if (origins) localStorage.setItem(key, JSON.stringify([...new Set([...keptOrigins(endpoint, tenant), ...origins])]));
    else localStorage.removeItem(key);
  } catch {
    // Storage may be blocked (private mode): the notice then asks every time.
  }
}
