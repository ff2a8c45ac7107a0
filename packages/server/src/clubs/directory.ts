import { isValidId } from '@vereinsraum/protocol';
import type { Room, Tenant } from '../config/index.js';
import type { TenantDirectory } from '../directory.js';
import type { ClubRecord, ClubRoomRecord } from '../store/clubs.js';
import type { Store } from '../store/types.js';

/** A club as a tenant: only an active club is one. */
export function clubTenant(club: ClubRecord): Tenant {
  return {
    id: club.id,
    name: club.name,
    allowedOrigins: club.origins,
    rooms: new Map(),
    defaultLanguage: club.language,
    ...(club.logoUrl ? { logoUrl: club.logoUrl } : {}),
    ...(club.theme ? { theme: club.theme } : {}),
    club: { region: club.region, backend: club.backend },
  };
}

/** A club's room as the routes know rooms: codes hashed, `invite` as invite-only. */
export function clubRoomOf(tenant: Tenant, room: ClubRoomRecord): Room {
  return {
    id: room.id,
    name: room.name,
    backend: tenant.club!.backend,
    start: room.start === 'anyone' ? 'anyone' : 'moderator-code',
    ...(room.start === 'invite' ? { inviteOnly: true } : {}),
    hashedCodes: { moderator: room.moderatorCode, attendee: room.accessCode },
    settings: {
      waitingRoom: room.waitingRoom,
      muteOnEntry: room.muteOnEntry,
      allModerators: room.allModerators,
      recording: room.recording,
    },
  };
}

/**
 * The tenants of the configuration file, then the clubs of the store: a
 * config tenant's id always wins (registration never takes one). Each lookup
 * of a club or its room is one query by primary key, so it costs the same
 * for ten clubs as for twenty thousand, and nothing is cached: an approval,
 * a suspension or a new room counts at the next request, on every instance
 * sharing the store.
 *
 * @internal
 */
export class ClubDirectory implements TenantDirectory {
  constructor(
    private readonly base: TenantDirectory,
    private readonly store: Pick<Store, 'getClub' | 'getClubRoom' | 'listClubRooms' | 'listClubs'>,
  ) {}

  async tenant(id: string): Promise<Tenant | undefined> {
    const configured = await this.base.tenant(id);
    if (configured || !isValidId(id)) return configured;
    const club = await this.store.getClub(id);
    return club?.status === 'active' ? clubTenant(club) : undefined;
  }

  async room(tenant: Tenant, id: string): Promise<Room | undefined> {
    if (!tenant.club) return this.base.room(tenant, id);
    if (!isValidId(id)) return undefined;
    const room = await this.store.getClubRoom(tenant.id, id);
    return room && clubRoomOf(tenant, room);
  }

  async publicRooms(tenant: Tenant): Promise<Room[]> {
    if (!tenant.club) return this.base.publicRooms(tenant);
    // Rooms entered by invite only are not shown.
    return (await this.store.listClubRooms(tenant.id)).filter((room) => room.start !== 'invite').map((room) => clubRoomOf(tenant, room));
  }

  async bookingTenants(): Promise<Tenant[]> {
    return this.base.bookingTenants();
  }

  /** The config's tenants of the region, and its active clubs. */
  async regionTenants(region: string): Promise<string[]> {
    const clubs = await this.store.listClubs({ status: 'active', regions: [region], limit: 100_000 });
    return [...(await this.base.regionTenants(region)), ...clubs.map((club) => club.id)].sort();
  }
}
