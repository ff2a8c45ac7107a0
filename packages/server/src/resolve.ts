// Tenant, room and origin resolution: what a route under `/v1/tenants/{tenant}`
// or `/v1/rooms/{tenant}/{room}` knows before it runs.
import type { Room, Tenant } from './config/index.js';
import type { RoomContext, Route, RouteContext, Services, TenantContext } from './context.js';
import { HttpError, safe } from './errors.js';
import { verifyInvite } from './invites.js';
import { MattermostError } from './providers/mattermost.js';
import { meetingOf } from './meeting.js';
import { UpstreamError } from './providers/types.js';
import type { WatchedRoom } from './status/service.js';

/**
 * The origin rule of every browser-facing check: a request without `Origin`
 * (not from a page), one from the server's own origin, or one from an origin
 * on `allowed` (exact match).
 */
export function originAllowed(request: Request, url: URL, allowed: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === url.origin || allowed.includes(origin);
}

/** Refuse a page of an origin that may not use `tenant`: `403 origin_not_allowed`. */
export function checkOrigin(request: Request, url: URL, tenant: Tenant): void {
  if (!originAllowed(request, url, tenant.allowedOrigins)) {
    const origin = safe(request.headers.get('origin') ?? '');
    throw new HttpError(
      403,
      'origin_not_allowed',
      `Pages on ${origin} may not use tenant '${tenant.id}'. Add the origin to the tenant's allowedOrigins.`,
    );
  }
}

/**
 * The tenant of the path's `:tenant`, after the origin check:
 * `404 tenant_not_found`, `403 origin_not_allowed`.
 */
export async function tenantScope(request: Request, context: RouteContext): Promise<TenantContext> {
  const id = context.params.tenant ?? '';
  const tenant = await context.services.directory.tenant(id);
  if (!tenant) throw new HttpError(404, 'tenant_not_found', `There is no tenant '${safe(id)}'.`);
  checkOrigin(request, context.url, tenant);
  return { ...context, tenant };
}

/** A room of the tenant, configured or booked, on a back end of the configuration: else `404 room_not_found`. */
export async function findRoom(services: Services, tenant: Tenant, id: string): Promise<Room> {
  const room = await services.directory.room(tenant, id);
  if (!room) throw new HttpError(404, 'room_not_found', `There is no room '${safe(id)}' in tenant '${tenant.id}'.`);
  if (!(room.chat ? services.chats : services.providers).has(room.backend))
    throw new HttpError(404, 'room_not_found', `Room '${room.id}' names no back end of the configuration.`);
  return room;
}

/** How the status service asks about a room (found by {@link findRoom}): its meeting, or its chat channel. */
export function watchedRoom(services: Services, tenant: Tenant, room: Room): WatchedRoom {
  const key = `${tenant.id}/${room.id}`;
  const channel = room.chat;
  if (channel) {
    const chat = services.chats.get(room.backend)!;
    return { key, backend: room.backend, source: (signal) => chat.channelStatus(channel.channelId, signal) };
  }
  const provider = services.providers.get(room.backend)!;
  const meeting = meetingOf(tenant, room);
  return { key, backend: room.backend, source: (signal) => provider.status(meeting, signal) };
}

/**
 * A room route under a tenant route: the path's `:room` is found (after the
 * method check, so an unknown room of a wrong method is `405`), the route gets
 * its {@link RoomContext}, and what the conference or chat server did wrong
 * becomes a `502` here, logged with the room.
 */
export function inRoom(route: Route<RoomContext>): Route<TenantContext> {
  return async (request, { services, tenant, url, params, client }) => {
    const room = await findRoom(services, tenant, params.room ?? '');
    const meeting = meetingOf(tenant, room);
    const { log, status, streams, store } = services;
    const backend = room.chat
      ? {
          chat: {
            provider: services.chats.get(room.backend)!,
            channel: room.chat,
            codes: services.chatCodes!,
            warn: (message: string) => log('warn', message),
          },
        }
      : { provider: services.providers.get(room.backend)! };
    const watched = watchedRoom(services, tenant, room);
    try {
      return await route(request, {
        tenant,
        room,
        origin: url.origin,
        meeting,
        ...backend,
        status: () => status.get(watched),
        statusTtlMs: status.ttlMs,
        meetingStatus: () => status.meeting(watched),
        subscribe: (listener) => streams.subscribe(watched, listener),
        openStream: (close) => streams.open(client, close),
        attempts: services.attempts,
        client,
        ...(services.usage ? { usage: services.usage } : {}),
        ...(services.metrics ? { metrics: services.metrics } : {}),
        verifyInvite: async (token) =>
          verifyInvite(await services.keys(), token, {
            tenant: tenant.id,
            room: room.id,
            now: services.now(),
            revocations: services.revocations,
            ...(store ? { invites: store } : {}),
          }),
      });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error instanceof MattermostError) {
        log('warn', `room ${meeting.id}: chat server: ${error.reason}`);
        throw new HttpError(502, 'chat_unavailable', 'The chat server did not answer or refused. Try again in a minute.');
      }
      if (error.misconfigured) {
        log('error', `room ${meeting.id}: configuration error: backend ${room.backend} refused the request: ${error.reason}`);
        throw new HttpError(
          502,
          'upstream_misconfigured',
          'The conference server refused the server helper. The operator must check its configuration.',
        );
      }
      log('warn', `room ${meeting.id}: conference server: ${error.reason}`);
      throw new HttpError(502, 'upstream_unavailable', 'The conference server did not answer. Try again in a minute.');
    }
  };
}
