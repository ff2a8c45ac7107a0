import type { TenantContext } from '../context.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import type { OpenRoomService } from '../open-rooms/service.js';
import { returnUrl } from './join.js';

// Open conferences (see OpenRoomService): the proof of work, a new room, and
// what a guest's page shows. Tenant routes: the tenant and the page's origin
// are checked before. Joining goes through the join route like any room's.

function service({ services, tenant }: TenantContext): OpenRoomService {
  if (!services.openRooms)
    throw new HttpError(403, 'open_rooms_disabled', `This server keeps no store: tenant '${tenant.id}' opens no conferences.`);
  return services.openRooms;
}

/** `GET /v1/tenants/{tenant}/open-rooms/challenge` → a proof-of-work challenge ({@link BookingChallenge}). */
export async function openRoomChallengeRoute(_request: Request, context: TenantContext): Promise<Response> {
  return json(await service(context).challenge(context.tenant));
}

/** `POST /v1/tenants/{tenant}/open-rooms` ({@link OpenRoomRequest}) → `201` {@link OpenRoomCreated}. */
export async function createOpenRoomRoute(request: Request, context: TenantContext): Promise<Response> {
  const openRooms = service(context);
  openRooms.settings(context.tenant);
  const body = await readJsonObject(request);
  const page = returnUrl(body.page, context.tenant, context.url.origin, 'page');
  const created = await openRooms.create(context.tenant, body, context.client, page);
  return json(created, { status: 201 });
}

/** `GET /v1/tenants/{tenant}/open-rooms/{room}` → {@link OpenRoomInfo}, `404 room_not_found` or `410 open_room_expired`. */
export async function openRoomInfoRoute(_request: Request, context: TenantContext): Promise<Response> {
  return json(await service(context).info(context.tenant, context.params.room ?? ''));
}
