import type { Room, Tenant } from './config/index.js';
import type { MeetingRef } from './providers/types.js';

/** A room's meeting on its back end, with what the back end can show of the tenant. */
export function meetingOf(tenant: Tenant, room: Room): MeetingRef {
  const { logoUrl, bbbStyleUrl, jitsiTenant } = tenant;
  const branding = {
    ...(logoUrl === undefined ? {} : { logoUrl }),
    ...(bbbStyleUrl === undefined ? {} : { styleUrl: bbbStyleUrl }),
    ...(jitsiTenant === undefined ? {} : { jitsiTenant }),
  };
  return {
    id: `${tenant.id}/${room.id}`,
    name: room.name,
    ...(Object.keys(branding).length > 0 ? { branding } : {}),
    ...(room.open ? { limits: { maxParticipants: room.open.maxParticipants, durationMinutes: room.open.maxMinutes } } : {}),
    ...(room.settings ? { settings: room.settings } : {}),
  };
}
