/**
 * In-memory Jitsi rooms (MUCs) and their occupants. A room exists while
 * someone is inside, like a Jitsi room that is destroyed when the last
 * participant leaves.
 */
import { randomBytes } from 'node:crypto';

/** Role as the meeting page shows it. */
export type JitsiRole = 'moderator' | 'participant';

/** One person who joined with an accepted token. */
export interface JitsiOccupant {
  /** Like Jitsi's participant id: 8 hex digits. */
  readonly id: string;
  /** Secret of the page session (leave, state): 24 hex digits. */
  readonly sessionToken: string;
  readonly displayName: string;
  readonly role: JitsiRole;
  readonly room: JitsiRoom;
  /** True once they left (Leave, hangup, or the page closed). */
  left: boolean;
}

/** One room; `name` and `tenant` are lowercase. */
export interface JitsiRoom {
  readonly name: string;
  readonly tenant: string | undefined;
  /** Occupants inside, in join order. */
  readonly occupants: JitsiOccupant[];
}

/** The room key Prosody uses: `[tenant]room` in multi-tenant setups, else `room`. */
export function roomKey(name: string, tenant: string | undefined): string {
  return tenant === undefined ? name : `[${tenant}]${name}`;
}

/** Rooms and occupants of one Jitsi sandbox. */
export class JitsiRoomStore {
  readonly #rooms = new Map<string, JitsiRoom>();
  readonly #sessions = new Map<string, JitsiOccupant>();

  /** Rooms that exist (someone inside), in creation order. */
  list(): JitsiRoom[] {
    return [...this.#rooms.values()];
  }

  /** The room, if it exists. */
  get(name: string, tenant: string | undefined): JitsiRoom | undefined {
    return this.#rooms.get(roomKey(name, tenant));
  }

  /** Someone joins: creates the room if needed. */
  join(name: string, tenant: string | undefined, displayName: string, role: JitsiRole): JitsiOccupant {
    const key = roomKey(name, tenant);
    let room = this.#rooms.get(key);
    if (!room) {
      room = { name, tenant, occupants: [] };
      this.#rooms.set(key, room);
    }
    const occupant: JitsiOccupant = {
      id: randomBytes(4).toString('hex'),
      sessionToken: randomBytes(12).toString('hex'),
      displayName,
      role,
      room,
      left: false,
    };
    room.occupants.push(occupant);
    this.#sessions.set(occupant.sessionToken, occupant);
    return occupant;
  }

  /** The occupant behind a page session, also after they left. */
  session(token: string): JitsiOccupant | undefined {
    return this.#sessions.get(token);
  }

  /** Someone leaves; the room goes when it is empty. */
  leave(occupant: JitsiOccupant): void {
    if (occupant.left) return;
    occupant.left = true;
    const room = occupant.room;
    const index = room.occupants.indexOf(occupant);
    if (index !== -1) room.occupants.splice(index, 1);
    const key = roomKey(room.name, room.tenant);
    if (room.occupants.length === 0 && this.#rooms.get(key) === room) this.#rooms.delete(key);
  }
}
