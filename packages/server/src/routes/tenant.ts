import type { ConferenceService, PublicRoom, TenantInfo } from '@vereinsraum/protocol';
import type { Backend, Room, ServerConfig, Tenant } from '../config/index.js';
import type { Services, TenantContext } from '../context.js';
import { textResponse } from '../plain-request.js';

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
 * slip in. `takesBookings` says whether the server has a store, so that
 * booked rooms (a `bookings` section) and open conferences (`openRooms`)
 * exist; their back ends then count among the services.
 * `publicRooms` are the rooms listed (default: the tenant's configured rooms).
 *
 * @example
 * ```ts
 * const info = tenantInfo(config.tenants.get('tsv')!, config, true);
 * info.services; // [{ kind: 'video', origin: 'https://bbb.example.org' }]
 * ```
 */
export function tenantInfo(
  tenant: Tenant,
  config: ServerConfig,
  takesBookings: boolean,
  publicRooms: Iterable<Room> = tenant.rooms.values(),
): TenantInfo {
  const services: ConferenceService[] = [];
  const serviceIndex = (backendId: string): number | undefined => {
    const backend = config.backends.get(backendId);
    if (!backend) return undefined;
    const service = { kind: backend.type === 'mattermost' ? ('chat' as const) : ('video' as const), origin: serviceOrigin(backend) };
    const known = services.findIndex((s) => s.kind === service.kind && s.origin === service.origin);
    return known >= 0 ? known : services.push(service) - 1;
  };
  const rooms: PublicRoom[] = [];
  for (const room of publicRooms) {
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
  const open = takesBookings && tenant.openRooms?.enabled ? tenant.openRooms : undefined;
  const openService = open && serviceIndex(open.backend);
  const openRooms =
    openService === undefined
      ? {}
      : { openRooms: { service: openService, maxParticipants: open!.maxParticipants, maxMinutes: open!.maxMinutes } };
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
    ...openRooms,
  };
}

/** A tenant's answer, encoded once, with its strong ETag. */
interface EncodedTenant {
  body: string;
  etag: string;
}

/** Encoded answers, per handler's services and tenant (both stay unchanged while they are in use). */
const encoded = new WeakMap<Services, WeakMap<Tenant, Promise<EncodedTenant>>>();

async function encode(tenant: Tenant, services: Services): Promise<EncodedTenant> {
  const rooms = await services.directory.publicRooms(tenant);
  const body = JSON.stringify(tenantInfo(tenant, services.config, services.bookings !== undefined, rooms));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  const etag = `"${Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')}"`;
  return { body, etag };
}

/**
 * `GET /v1/tenants/{tenant}`: answers {@link tenantInfo}, encoded once per
 * tenant, with a strong ETag over the body and `Cache-Control: public,
 * max-age=60`; `If-None-Match` with the ETag answers `304`. The tenant and the
 * request's origin are checked before.
 */
export async function tenantInfoRoute(request: Request, { services, tenant }: TenantContext): Promise<Response> {
  let forServices = encoded.get(services);
  if (!forServices) encoded.set(services, (forServices = new WeakMap()));
  let answer = forServices.get(tenant);
  if (!answer) forServices.set(tenant, (answer = encode(tenant, services)));
  const { body, etag } = await answer;
  const headers = { etag, 'cache-control': `public, max-age=${TENANT_MAX_AGE}` };
  const match = request.headers.get('if-none-match');
  if (match !== null && match.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()))) {
    return new Response(null, { status: 304, headers });
  }
  return textResponse(body, { headers: { 'content-type': 'application/json', ...headers } });
}
