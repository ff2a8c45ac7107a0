import type { StatusListener } from '../status/subscription.js';
import type { TenantContext } from '../context.js';
import { HttpError } from '../errors.js';
import { findRoom, watchedRoom } from '../resolve.js';
import { eventStream } from './events.js';

/** Rooms one multi-room event stream may listen to. */
const MAX_STREAM_ROOMS = 20;

/**
 * `GET /v1/tenants/{tenant}/events?rooms=a,b`: one event stream for up to 20
 * rooms of a tenant; each `status` event names its `room`. Every room is
 * found before the stream opens (`404 room_not_found` for any unknown one).
 */
export async function tenantEventsRoute(request: Request, { services, tenant, url, client }: TenantContext): Promise<Response> {
  const ids = [...new Set((url.searchParams.get('rooms') ?? '').split(',').filter(Boolean))];
  if (ids.length === 0 || ids.length > MAX_STREAM_ROOMS) {
    throw new HttpError(400, 'invalid_input', `rooms must list 1 to ${MAX_STREAM_ROOMS} room ids, separated by commas.`, 'rooms');
  }
  const rooms = await Promise.all(ids.map((id) => findRoom(services, tenant, id)));
  return eventStream(
    request,
    rooms.map((room) => {
      const watched = watchedRoom(services, tenant, room);
      return { room: room.id, subscribe: (listener: StatusListener) => services.streams.subscribe(watched, listener) };
    }),
    (close) => services.streams.open(client, close),
  );
}
