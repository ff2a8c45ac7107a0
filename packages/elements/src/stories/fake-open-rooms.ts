// The stories' open conferences (`…/v1/tenants/{tenant}/open-rooms…`): a
// proof of work that takes no time, a new conference (the tenant
// FAKE_KEPT_TENANT is at its ceiling; a conference titled FAKE_SLOW_TITLE
// takes forever to open), and three conferences to look up: one that has
// expired, and one whose answer never comes.
import { openRoomName, type OpenRoomCreated } from '@vereinsraum/protocol';
import { json, problem } from './fake-http.js';
import { FAKE_KEPT_TENANT, fakeInvite } from './fake-rooms.js';

/** Conferences the fake server knows. */
export const FAKE_OPEN_ROOMS = {
  chor: 'o-apfel-hafen-wolke-birne-stern-tisch-47',
  expired: 'o-apfel-hafen-wolke-birne-stern-tisch-48',
  /** Its lookup is never answered: the element stays "checking". */
  silent: 'o-apfel-hafen-wolke-birne-stern-tisch-49',
} as const;

/** A conference with this title is never opened: the element stays "opening". */
export const FAKE_SLOW_TITLE = 'Geduld';

const TITLES: Record<string, string> = { [FAKE_OPEN_ROOMS.chor]: 'Chorprobe' };

async function challenge(): Promise<Response> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('fake-salt3'));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return json({ algorithm: 'SHA-256', challenge: hex, maxnumber: 10, salt: 'fake-salt', signature: 'fake' });
}

/** Answer an open-conference request of the stories. */
export function answerOpenRoom(url: URL, init: RequestInit | undefined): Response | Promise<Response> {
  const [, , , tenant, , room] = url.pathname.split('/');
  if (room === 'challenge') return challenge();
  if (room) {
    if (room === FAKE_OPEN_ROOMS.expired) return problem(410, 'open_room_expired');
    if (room === FAKE_OPEN_ROOMS.silent) return new Promise<Response>(() => {});
    if (!TITLES[room]) return problem(404, 'room_not_found');
    return json({ room, name: openRoomName(room), title: TITLES[room], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
  }
  if (tenant === FAKE_KEPT_TENANT) return problem(503, 'open_rooms_full');
  const { title, page } = JSON.parse(String(init?.body ?? '{}')) as { title?: string; page?: string };
  if (title === FAKE_SLOW_TITLE) return new Promise<Response>(() => {});
  const id = FAKE_OPEN_ROOMS.chor;
  const hostToken = fakeInvite(id, { role: 'moderator' });
  const created: OpenRoomCreated = {
    room: id,
    name: openRoomName(id),
    title: title ?? null,
    hostToken,
    ...(page ? { hostUrl: `${page}#open=${id}&host=${encodeURIComponent(hostToken)}`, guestUrl: `${page}#open=${id}` } : {}),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
  return json(created, 201);
}
