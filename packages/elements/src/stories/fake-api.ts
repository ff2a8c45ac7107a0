// A stand-in for the server helper, for Storybook and the story tests: the
// stories show every state without a server. Requests to FAKE_ENDPOINT never
// leave the page: `fetch` and `EventSource` are answered here.
import type { JoinRequest, Problem, Role, RoomStatus } from '@vereinsraum/protocol';

/** The endpoint the stories use. `.invalid` never resolves, so nothing can leak. */
export const FAKE_ENDPOINT = 'https://vereinsraum.invalid';

/** The tenant of the stories. */
export const FAKE_TENANT = 'tsv-musterstadt';

/** Rooms of the fake tenant and how they behave. */
export const FAKE_ROOMS = {
  /** Open room: anyone joins at once. */
  open: 'vereinsheim',
  /** The meeting never starts: the visitor waits. */
  waiting: 'vorstand',
  /** The meeting starts two seconds after someone first asked to join or for its status. */
  startsSoon: 'sprechstunde',
  /** Live with one person in it. */
  solo: 'kaffeeklatsch',
  /** A room whose server cannot count: the status is unknown. */
  unknown: 'sportplatz',
  /** Live, but the conference server has not answered for three minutes: the last known status. */
  stale: 'kegelbahn',
  /** The server never answers: the status element keeps checking. */
  silent: 'funkloch',
  /** Needs the access code `1234`. */
  code: 'kassenpruefung',
  /** Does not exist. */
  missing: 'yoga',
  /** A Jitsi room: with `embed` the answer says how to show it in the page (see `static/external_api.js`). */
  jitsi: 'treffpunkt',
  /** A Jitsi room whose embedded meeting reports a blocked camera. */
  jitsiBlocked: 'treffpunkt-blocked',
  /** A Jitsi room on a server that cannot be reached: its iframe API does not load. */
  jitsiGone: 'treffpunkt-weg',
  /** A Jitsi room whose embedded meeting fails for good (a fatal `errorOccurred`) after joining. */
  jitsiBroken: 'treffpunkt-broken',
  /** A Jitsi room whose embedded meeting never reports that the visitor is in. */
  jitsiSilent: 'treffpunkt-silent',
} as const;

/**
 * An invite token for a room of the fake tenant, shaped like the server's
 * (a JWT) but not signed: the fake server only reads it.
 */
export function fakeInvite(room: string, { role = 'attendee', expired = false }: { role?: Role; expired?: boolean } = {}): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  const exp = expired ? now - 3600 : now + 86_400;
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: `${FAKE_TENANT}/${room}`, role, iat: now - 7200, exp, jti: 'story' })}.story`;
}

/** The claims of a {@link fakeInvite} token, or null. */
function readInvite(token: string): { sub?: string; role?: Role; exp?: number } | null {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; role?: Role; exp?: number };
  } catch {
    return null;
  }
}

const startsAt = new Map<string, number>();

function problem(status: number, code: Problem['code'], field?: string): Response {
  return new Response(JSON.stringify({ type: `urn:vereinsraum:problem:${code}`, title: code, status, code, ...(field ? { field } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

const JITSI: string[] = [FAKE_ROOMS.jitsi, FAKE_ROOMS.jitsiBlocked, FAKE_ROOMS.jitsiGone, FAKE_ROOMS.jitsiBroken, FAKE_ROOMS.jitsiSilent];
/** Meetings that run began 35 minutes before the page loaded. */
const STARTED = new Date(Date.now() - 35 * 60_000).toISOString();

function isLive(room: string): boolean {
  const always: string[] = [FAKE_ROOMS.open, FAKE_ROOMS.code, FAKE_ROOMS.solo, FAKE_ROOMS.stale, ...JITSI];
  return always.includes(room) || (startsAt.get(room) ?? Infinity) <= Date.now();
}

/** What `/status` and `/events` say about a room of the fake tenant. */
function statusOf(room: string): RoomStatus {
  if (room === FAKE_ROOMS.startsSoon && !startsAt.has(room)) startsAt.set(room, Date.now() + 2000);
  const checkedAt = new Date(Date.now() - (room === FAKE_ROOMS.stale ? 3 * 60_000 : 0)).toISOString();
  if (room === FAKE_ROOMS.unknown) return { state: 'unknown', participants: null, startedAt: null, checkedAt, stale: false };
  const live = isLive(room);
  const participants = !live ? 0 : room === FAKE_ROOMS.solo ? 1 : room === FAKE_ROOMS.stale ? 4 : 3;
  return { state: live ? 'live' : 'idle', participants, startedAt: live ? STARTED : null, checkedAt, stale: room === FAKE_ROOMS.stale };
}

/** The room a request is for, if it is a room of the fake tenant. */
function roomOf(url: URL): string | undefined {
  return known(url.pathname.split('/')[4]);
}

/** The room id, if it is a room of the fake tenant. */
function known(room: string | undefined): string | undefined {
  return Object.values(FAKE_ROOMS).includes(room as never) && room !== FAKE_ROOMS.missing ? room : undefined;
}

function answer(url: URL, init: RequestInit | undefined): Response {
  const action = url.pathname.split('/')[5];
  const room = roomOf(url);
  if (!room) return problem(404, 'room_not_found');
  const live = isLive(room);
  if (action === 'status') return json(statusOf(room));
  const body = JSON.parse(String(init?.body ?? '{}')) as JoinRequest;
  let role: Role = 'attendee';
  if (body.invite) {
    // An invite stands in for the access code.
    const claims = readInvite(body.invite);
    if (!claims?.exp || !claims.role) return problem(403, 'invite_invalid', 'invite');
    if (claims.exp * 1000 < Date.now()) return problem(403, 'invite_expired', 'invite');
    if (claims.sub !== `${FAKE_TENANT}/${room}`) return problem(403, 'invite_wrong_room', 'invite');
    role = claims.role;
  } else {
    if (room === FAKE_ROOMS.code && !body.accessCode) return problem(403, 'access_code_required', 'accessCode');
    if (room === FAKE_ROOMS.code && body.accessCode !== '1234') return problem(403, 'access_code_invalid', 'accessCode');
  }
  if (!live) {
    if (room === FAKE_ROOMS.startsSoon && !startsAt.has(room)) startsAt.set(room, Date.now() + 2000);
    return json({ waiting: true });
  }
  if (body.embed && JITSI.includes(room)) {
    // external_api.js comes from the origin of `url`: here the page's own, where Storybook serves the stand-in,
    // or for `jitsiGone` a port where nothing listens.
    const origin = room === FAKE_ROOMS.jitsiGone ? 'http://127.0.0.1:9' : location.origin;
    return json({
      url: new URL(`/#vereinsraum-story-meeting-${room}`, origin).href,
      role,
      embed: { domain: new URL(origin).host, roomName: `${FAKE_TENANT}_${room}`, jwt: 'story-token' },
    });
  }
  return json({ url: 'about:blank#vereinsraum-story-meeting', role });
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
    const rooms = streamedRooms(parsed);
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
        if (seen !== last.get(room)) this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify(named ? { room, ...status } : status) }));
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

/** Forget rooms that started, so a story can be shown again from the start. */
export function resetFakeApi(): void {
  startsAt.clear();
}
