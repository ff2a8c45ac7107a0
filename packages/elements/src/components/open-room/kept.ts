// The host links of open conferences, kept on the host's device (localStorage)
// per server and tenant, so that the host can come back: never sent anywhere
// but to the server that made them, when the host enters.

const KEY = 'vereinsraum.open-rooms';
/** Most conferences kept; the oldest go first. */
const MAX_KEPT = 20;

/** A conference this device opened, or came to by its host link. */
export interface KeptRoom {
  room: string;
  /** The host's invite token. */
  token: string;
  title: string | null;
  name: string;
}

function keyOf(endpoint: string, tenant: string): string {
  return `${KEY} ${new URL(endpoint, document.baseURI).href} ${tenant}`;
}

/** The conferences kept for this server and tenant, newest first. */
export function keptRooms(endpoint: string, tenant: string): KeptRoom[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(keyOf(endpoint, tenant)) ?? '[]');
    return Array.isArray(kept) ? kept.filter((k: Partial<KeptRoom>) => typeof k?.room === 'string' && typeof k.token === 'string') : [];
  } catch {
    return [];
  }
}

/** Keep a conference (first in the list), or with `null` for `kept` forget the room `room`. */
export function keepRoom(endpoint: string, tenant: string, room: string, kept: KeptRoom | null): void {
  try {
    const rest = keptRooms(endpoint, tenant).filter((k) => k.room !== room);
    localStorage.setItem(keyOf(endpoint, tenant), JSON.stringify((kept ? [kept, ...rest] : rest).slice(0, MAX_KEPT)));
  } catch {
    // Storage may be blocked (private mode): the host link shown once is then the only way back.
  }
}
