// A stand-in for the server helper, for Storybook and the story tests: the
// stories show every state without a server. Requests to FAKE_ENDPOINT never
// leave the page: `fetch` and `EventSource` are answered here (the rooms in
// fake-rooms.ts, the bookings in fake-bookings.ts).
import { answerBooking, seedBookings } from './fake-bookings.js';
import { answerClub, resetClubs } from './fake-clubs.js';
import { FAKE_ENDPOINT, problem } from './fake-http.js';
import { answerUsage } from './fake-usage.js';
import { answerOpenRoom } from './fake-open-rooms.js';
import { answerRoom, FAKE_FOREIGN_TENANT, FAKE_ROOMS, known, resetRooms, roomOf, statusOf, tenantOf } from './fake-rooms.js';

export * from './fake-bookings.js';
export * from './fake-clubs.js';
export { FAKE_ENDPOINT } from './fake-http.js';
export * from './fake-rooms.js';
export { FAKE_USAGE_DISABLED } from './fake-usage.js';
export { FAKE_OPEN_ROOMS, FAKE_SLOW_TITLE } from './fake-open-rooms.js';

function answer(url: URL, init: RequestInit | undefined): Response | Promise<Response> {
  if (tenantOf(url) === FAKE_FOREIGN_TENANT) return problem(403, 'origin_not_allowed');
  if (url.pathname === '/v1/admin/usage') return answerUsage(url, init);
  if (url.pathname.startsWith('/v1/club') || url.pathname.startsWith('/v1/admin/clubs')) return answerClub(url, init);
  if (url.pathname.startsWith('/v1/bookings') || url.pathname.startsWith('/v1/admin/')) return answerBooking(url, init);
  if (/^\/v1\/tenants\/[^/]+\/open-rooms/.test(url.pathname)) return answerOpenRoom(url, init);
  return answerRoom(url, init);
}

let installed = false;

/** The rooms an event stream is for: a tenant's `…/events?rooms=a,b`, or a room's own `…/events`. */
function streamedRooms(url: URL): Array<string | undefined> {
  const [, , kind, , room] = url.pathname.split('/');
  if (kind !== 'tenants') return [known(room)];
  return [...new Set((url.searchParams.get('rooms') ?? '').split(',').filter(Boolean))].map(known);
}

/**
 * An event stream of fake rooms (`…/v1/tenants/{tenant}/events?rooms=…`, or
 * a room's `…/events`): like the server's, each room's status at once and
 * then on every change (checked here every half second). When a room does not
 * exist the whole stream fails as the real one does: an error, then closed,
 * and the feed asks each room's `/status` which one it was. The `silent` room
 * never gets an event.
 */
class FakeEventSource extends EventTarget {
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(readonly url: string) {
    super();
    const parsed = new URL(url);
    // A tenant that does not allow the page fails the whole stream, like a room that does not exist.
    const rooms = tenantOf(parsed) === FAKE_FOREIGN_TENANT ? [undefined] : streamedRooms(parsed);
    const named = parsed.pathname.split('/')[2] === 'tenants';
    const last = new Map<string, string>();
    const tick = () => {
      if (rooms.includes(undefined) || !rooms.length) {
        this.readyState = 2;
        const event = new Event('error');
        this.dispatchEvent(event);
        this.onerror?.(event);
        return;
      }
      for (const room of rooms as string[]) {
        if (room === FAKE_ROOMS.silent) continue;
        this.readyState = 1;
        const status = statusOf(room);
        const seen = JSON.stringify({ ...status, checkedAt: '' });
        if (seen !== last.get(room))
          this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify(named ? { room, ...status } : status) }));
        last.set(room, seen);
      }
      this.timer = setTimeout(tick, 500);
    };
    this.timer = setTimeout(tick, 150);
  }

  close(): void {
    clearTimeout(this.timer);
    this.readyState = 2;
  }
}

/** Answer requests to {@link FAKE_ENDPOINT} in the page; everything else goes through. */
export function installFakeApi(): void {
  if (installed) return;
  installed = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== FAKE_ENDPOINT) return realFetch(input, init);
    if (roomOf(url) === FAKE_ROOMS.silent) {
      // Never answers; gives up only when the caller does.
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The request was aborted.', 'AbortError'))),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    return answer(url, init);
  };
  window.EventSource = new Proxy(window.EventSource, {
    construct: (real, args: [string | URL, EventSourceInit?]) =>
      new URL(String(args[0])).origin === FAKE_ENDPOINT ? new FakeEventSource(String(args[0])) : Reflect.construct(real, args),
  });
}

/** Forget rooms that started, bookings made and agreements kept, so a story can be shown again from the start. */
export function resetFakeApi(): void {
  resetRooms();
  seedBookings();
  resetClubs();
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('vereinsraum.consent') || key.startsWith('vereinsraum.open-rooms')) localStorage.removeItem(key);
  }
}
