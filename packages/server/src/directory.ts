import { isValidId } from '@vereinsraum/protocol';
import type { Room, ServerConfig, Tenant } from './config/index.js';
import type { OpenRoomService } from './open-rooms/service.js';
import type { Store } from './store/types.js';

/**
 * Where the routes (and the booking rules) look up tenants and rooms. The
 * configuration file is one source; tenants and rooms kept in the store can
 * be another, which is why every lookup may be asynchronous. A lookup is by
 * key: it costs the same for ten tenants as for twenty thousand.
 *
 * An id that is not a valid id (`isValidId`) names nothing.
 *
 * @internal
 */
export interface TenantDirectory {
  /** The tenant with this id, or `undefined`. */
  tenant(id: string): Promise<Tenant | undefined>;
  /**
   * A room of `tenant`: one of its configured rooms, a booked room (`b-…`)
   * while its booking is approved, or an open conference (`o-…`) until it
   * expires (then it throws `410 open_room_expired`); `undefined` otherwise.
   */
  room(tenant: Tenant, id: string): Promise<Room | undefined>;
  /** The rooms `tenant` lists in its public details (`GET /v1/tenants/{tenant}`); booked rooms are not listed. */
  publicRooms(tenant: Tenant): Promise<Room[]>;
  /** The tenants that take bookings (a `bookings` section), ordered by id. */
  bookingTenants(): Promise<Tenant[]>;
  /** The ids of the tenants of a region (their `region`), ordered; usage reports sum them. */
  regionTenants(region: string): Promise<string[]>;
}

/** Booked rooms' ids begin with this; configured rooms may not (the config refuses them). */
export const BOOKED_ROOM_PREFIX = 'b-';

/**
 * The first directory: the tenants and rooms of the configuration file, and
 * the rooms of approved bookings from the store (when there is one).
 *
 * @internal
 */
export class ConfigDirectory implements TenantDirectory {
  private bookingList?: Tenant[];

  constructor(
    private readonly config: ServerConfig,
    private readonly store?: Pick<Store, 'getBookingByRoom'>,
    /** Open conferences (`o-…`), from the store. */
    private readonly openRooms?: Pick<OpenRoomService, 'room'>,
  ) {}

  async tenant(id: string): Promise<Tenant | undefined> {
    return isValidId(id) ? this.config.tenants.get(id) : undefined;
  }

  async room(tenant: Tenant, id: string): Promise<Room | undefined> {
    if (!isValidId(id)) return undefined;
    return tenant.rooms.get(id) ?? (await this.bookedRoom(tenant, id)) ?? (await this.openRooms?.room(tenant, id));
  }

  async publicRooms(tenant: Tenant): Promise<Room[]> {
    return [...tenant.rooms.values()];
  }

  async bookingTenants(): Promise<Tenant[]> {
    // The configuration does not change while it is in use: sorted once.
    this.bookingList ??= [...this.config.tenants.values()].filter((tenant) => tenant.bookings).sort((a, b) => (a.id < b.id ? -1 : 1));
    return [...this.bookingList];
  }

  async regionTenants(region: string): Promise<string[]> {
    return [...this.config.tenants.values()]
      .filter((tenant) => tenant.region === region)
      .map((tenant) => tenant.id)
      .sort();
  }

  /** A booked room of a tenant that takes bookings, while its booking is approved. */
  private async bookedRoom(tenant: Tenant, id: string): Promise<Room | undefined> {
    if (!this.store || !tenant.bookings || !id.startsWith(BOOKED_ROOM_PREFIX)) return undefined;
    const booking = await this.store.getBookingByRoom(tenant.id, id);
    if (!booking) return undefined;
    if (booking.chat) {
      const { backend, teamId, teamName, channelId, channelName } = booking.chat;
      return {
        id,
        name: booking.title,
        backend,
        start: 'moderator-code',
        inviteOnly: true,
        chat: { teamId, teamName, channelId, channelName },
      };
    }
    return { id, name: booking.title, backend: tenant.bookings.backend, start: 'moderator-code', inviteOnly: true };
  }
}
