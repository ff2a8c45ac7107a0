import type { ConferenceService, PublicRoom, TenantInfo } from '@vereinsraum/protocol';
import type { Backend, ServerConfig, Tenant } from '../config/index.js';
import { HttpError } from '../errors.js';

/** How long browsers and proxies may reuse a tenant's public configuration, in seconds. */
export const TENANT_MAX_AGE = 60;

/** The origin a visitor's browser connects to for a back end's meetings. */
export function serviceOrigin(backend: Backend): string {
  return backend.type === 'jitsi' ? new URL(`${backend.protocol}://${backend.domain}`).origin : new URL(backend.url).origin;
}

/**
 * The public part of a tenant's configuration (`GET /v1/tenants/{tenant}`):
 * what the elements need for branding, language and the privacy notice. Built
 * field by field from what is public, so no secret, code or origin list can
 * slip in. `takesBookings` says whether booked rooms exist (a `bookings`
 * section and a store); their back end then counts among the services.
 *
 * @example
 * ```ts
 * const info = tenantInfo(config.tenants.get('tsv')!, config, true);
 * info.services; // [{ kind: 'video', origin: 'https://bbb.example.org' }]
 * ```
 */
export function tenantInfo(tenant: Tenant, config: ServerConfig, takesBookings: boolean): TenantInfo {
  const services: ConferenceService[] = [];
  const serviceIndex = (backendId: string): number | undefined => {
    const backend = config.backends.get(backendId);
    if (!backend) return undefined;
    const service = { kind: backend.type === 'mattermost' ? ('chat' as const) : ('video' as const), origin: serviceOrigin(backend) };
    const known = services.findIndex((s) => s.kind === service.kind && s.origin === service.origin);
    return known >= 0 ? known : services.push(service) - 1;
  };
  const rooms: PublicRoom[] = [];
  for (const room of tenant.rooms.values()) {
    const service = serviceIndex(room.backend);
    if (service !== undefined) rooms.push({ id: room.id, name: room.name, service });
  }
  const bookings = takesBookings && tenant.bookings !== undefined;
  const booked: { video?: number; chat?: number } = {};
  if (bookings) {
    const video = serviceIndex(tenant.bookings!.backend);
    const chat = tenant.bookings!.chat && serviceIndex(tenant.bookings!.chat.backend);
    if (video !== undefined) booked.video = video;
    if (chat !== undefined) booked.chat = chat;
  }
  const { theme = {} } = tenant;
  return {
    id: tenant.id,
    name: tenant.name,
    logoUrl: tenant.logoUrl ?? null,
    theme: {
      ...(theme.primary === undefined ? {} : { primary: theme.primary }),
      ...(theme.onPrimary === undefined ? {} : { onPrimary: theme.onPrimary }),
      ...(theme.radius === undefined ? {} : { radius: theme.radius }),
      ...(theme.font === undefined ? {} : { font: theme.font }),
    },
    defaultLanguage: tenant.defaultLanguage ?? 'de',
    privacyPolicyUrl: tenant.privacyPolicyUrl ?? tenant.bookings?.privacyPolicyUrl ?? null,
    imprintUrl: tenant.imprintUrl ?? null,
    privacyNotice: tenant.privacyNotice ? { de: tenant.privacyNotice.de, en: tenant.privacyNotice.en } : null,
    services,
    rooms,
    booked,
    bookings,
  };
}

/** A tenant's answer, encoded once, with its strong ETag. */
interface EncodedTenant {
  body: string;
  etag: string;
}

/**
 * `GET /v1/tenants/{tenant}`: answers {@link tenantInfo}, encoded once per
 * tenant (the configuration does not change while the handler runs), with a
 * strong ETag over the body and `Cache-Control: public, max-age=60`;
 * `If-None-Match` with the ETag answers `304`. The caller has checked the
 * tenant and the request's origin.
 */
export function tenantInfoRoute(config: ServerConfig, takesBookings: boolean): (request: Request, tenant: Tenant) => Promise<Response> {
  const encoded = new Map<string, Promise<EncodedTenant>>();
  const encode = async (tenant: Tenant): Promise<EncodedTenant> => {
    const body = JSON.stringify(tenantInfo(tenant, config, takesBookings));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
    const etag = `"${Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')}"`;
    return { body, etag };
  };
  return async (request, tenant) => {
    if (request.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.', undefined, { allow: 'GET' });
    let answer = encoded.get(tenant.id);
    if (!answer) encoded.set(tenant.id, (answer = encode(tenant)));
    const { body, etag } = await answer;
    const headers = { etag, 'cache-control': `public, max-age=${TENANT_MAX_AGE}` };
    const match = request.headers.get('if-none-match');
    if (match !== null && match.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()))) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, { headers: { 'content-type': 'application/json', ...headers } });
  };
}
