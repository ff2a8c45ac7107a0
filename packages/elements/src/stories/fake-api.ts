// A stand-in for the server helper, for Storybook and the story tests: the
// stories show every state without a server. Requests to FAKE_ENDPOINT never
// leave the page.
import type { Problem } from '@vereinsraum/protocol';

/** The endpoint the stories use. `.invalid` never resolves, so nothing can leak. */
export const FAKE_ENDPOINT = 'https://vereinsraum.invalid';

/** Rooms of the fake tenant and how they behave. */
export const FAKE_ROOMS = {
  /** Open room: anyone joins at once. */
  open: 'vereinsheim',
  /** The meeting never starts: the visitor waits. */
  waiting: 'vorstand',
  /** The meeting starts two seconds after the visitor began waiting. */
  startsSoon: 'sprechstunde',
  /** Needs the access code `1234`. */
  code: 'kassenpruefung',
  /** Does not exist. */
  missing: 'yoga',
} as const;

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

function answer(url: URL, init: RequestInit | undefined): Response {
  const [, , , , room, action] = url.pathname.split('/');
  if (!Object.values(FAKE_ROOMS).includes(room as never) || room === FAKE_ROOMS.missing) return problem(404, 'room_not_found');
  const live = room === FAKE_ROOMS.open || room === FAKE_ROOMS.code || (startsAt.get(room!) ?? Infinity) <= Date.now();
  if (action === 'status') {
    return json({ state: live ? 'live' : 'idle', participants: live ? 3 : 0, startedAt: null, checkedAt: new Date().toISOString() });
  }
  const body = JSON.parse(String(init?.body ?? '{}')) as { accessCode?: string };
  if (room === FAKE_ROOMS.code && !body.accessCode) return problem(403, 'access_code_required', 'accessCode');
  if (room === FAKE_ROOMS.code && body.accessCode !== '1234') return problem(403, 'access_code_invalid', 'accessCode');
  if (!live) {
    if (room === FAKE_ROOMS.startsSoon && !startsAt.has(room)) startsAt.set(room, Date.now() + 2000);
    return json({ waiting: true });
  }
  return json({ url: 'about:blank#vereinsraum-story-meeting', role: 'attendee' });
}

let installed = false;

/** Answer requests to {@link FAKE_ENDPOINT} in the page; everything else goes through. */
export function installFakeApi(): void {
  if (installed) return;
  installed = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== FAKE_ENDPOINT) return realFetch(input, init);
    await new Promise((resolve) => setTimeout(resolve, 150));
    return answer(url, init);
  };
}

/** Forget rooms that started, so a story can be shown again from the start. */
export function resetFakeApi(): void {
  startsAt.clear();
}
