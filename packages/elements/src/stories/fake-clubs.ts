// The club page's part of the stories' fake server: one club signed in by
// the sign-in token FAKE_SIGNIN, the confirmation token FAKE_CONFIRM, and
// its rooms (kept until resetClubs).
import { type AdminClub, type ClubInvite, type ClubRoom, type ClubView, themeContrastProblem } from '@vereinsraum/protocol';
import { FAKE_ADMIN_TOKEN } from './fake-bookings.js';
import { FAKE_ENDPOINT, json, problem } from './fake-http.js';
import { fakeUsageReport } from './fake-usage.js';

/** A sign-in link's token the fake server takes; any other is `link_invalid`. */
export const FAKE_SIGNIN = 'AAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB';
/** A confirmation link's token the fake server takes. */
export const FAKE_CONFIRM = 'tsv-musterstadt.CCCCCCCCCCCCCCCCCCCCCC';
/** The yearly reconfirmation's token the fake server takes (the club is active). */
export const FAKE_RECONFIRM = 'tsv-musterstadt.RRRRRRRRRRRRRRRRRRRRRR';
/** A handover link's token the fake server takes (the new contact person takes over). */
export const FAKE_HANDOVER = 'tsv-musterstadt.AAAAAAAAAAA.HHHHHHHHHHHHHHHHHHHHHH';
/** The e-mail address the fake server answers `rate_limited` for (any other: `202`). */
export const FAKE_LIMITED_EMAIL = 'zu-oft@example.org';

const embed = (room: string) =>
  `<script type="module" src="${FAKE_ENDPOINT}/cdn/vereinsraum.js"></script>\n<verein-join-room endpoint="${FAKE_ENDPOINT}" tenant="tsv-musterstadt" room="${room}"></verein-join-room>`;

function room(id: string, name: string, overrides: Partial<ClubRoom> = {}): ClubRoom {
  return {
    id,
    name,
    start: 'moderator-code',
    accessCode: false,
    moderatorCode: false,
    waitingRoom: false,
    muteOnEntry: true,
    allModerators: false,
    recording: false,
    embed: embed(id),
    ...overrides,
  };
}

let signedIn = false;
let rooms: ClubRoom[] = [];
let originRequest: string | null = null;
let invites: ClubInvite[] = [];
let made = 0;

function invite(room: string, role: ClubInvite['role']): ClubInvite {
  made += 1;
  return {
    id: `Link${String(made).padStart(7, '0')}`,
    room,
    role,
    createdAt: '2026-12-01T09:00:00.000Z',
    expiresAt: '2027-01-05T09:00:00.000Z',
  };
}

/** Signed out, with the club's first room and its two links from the approval mail. */
export function resetClubs(): void {
  seedReview();
  signedIn = false;
  made = 0;
  originRequest = null;
  rooms = [room('treffpunkt', 'Treffpunkt')];
  invites = [invite('treffpunkt', 'moderator'), invite('treffpunkt', 'attendee')];
}

/** Sign the fake club in (a story that starts on the club's page). */
export function signInFakeClub(): void {
  signedIn = true;
}

function view(): ClubView & { csrf: string } {
  return {
    id: 'tsv-musterstadt',
    name: 'TSV Musterstadt 1890 e. V.',
    status: 'active',
    region: 'musterstadt',
    origins: ['https://www.tsv-musterstadt.example'],
    originRequest,
    logoUrl: null,
    theme: null,
    language: 'de',
    rooms,
    maxRooms: 3,
    csrf: 'fake-csrf',
  };
}

/** The e-mail address the fake server refuses a registration for (`rate_limited`). */
export const FAKE_LIMITED_REGISTRATION = 'zu-viele@example.org';

/** A real ALTCHA challenge (SHA-256, a small number): the element's solver finds it in a moment. */
async function challenge() {
  const salt = `${Math.random().toString(16).slice(2)}?expires=${Math.floor(Date.now() / 1000) + 600}`;
  const number = Math.floor(Math.random() * 2000);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + number));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { algorithm: 'SHA-256', challenge: hex, maxnumber: 5000, salt, signature: 'story-signature' };
}

/** A region admin's token: the fake server takes it for the operator's clubs only (the bookings and the usage figures refuse it). */
export const FAKE_REGION_TOKEN = 'story-region-token';

/** The tokens the fake server takes for the operator's clubs: the bookings' admin token and a region admin's. */
const REVIEW_TOKENS = [FAKE_ADMIN_TOKEN, FAKE_REGION_TOKEN].map((token) => `Bearer ${token}`);

function adminClub(id: string, name: string, status: AdminClub['status'], overrides: Partial<AdminClub> = {}): AdminClub {
  return {
    id,
    status,
    name,
    kind: 'club',
    region: 'nord',
    origins: [`https://www.${id}.example`],
    originRequest: null,
    contactName: 'Erika Musterfrau',
    contactEmail: `erika@${id}.example`,
    deputyName: null,
    deputyEmail: null,
    language: 'de',
    backend: 'bbb',
    reason: null,
    rooms: status === 'pending' ? 0 : 1,
    createdAt: '2026-11-30T09:00:00.000Z',
    confirmedAt: '2026-11-30T09:05:00.000Z',
    decidedAt: null,
    ...overrides,
  };
}

let reviewed: AdminClub[] = [];
function seedReview(): void {
  reviewed = [
    adminClub('chor-harmonie', 'Chor Harmonie', 'pending', { deputyName: 'Max Stellvertreter', deputyEmail: 'max@chor-harmonie.example' }),
    adminClub('selbsthilfe-nord', 'Selbsthilfegruppe Nord', 'pending', { kind: 'self-help' }),
    adminClub('tsv-musterstadt', 'TSV Musterstadt', 'active', { originRequest: 'https://jugend.tsv-musterstadt.example' }),
  ];
}

function answerReview(url: URL, init: RequestInit | undefined): Response {
  if (!REVIEW_TOKENS.includes((init?.headers as Record<string, string> | undefined)?.authorization ?? ''))
    return problem(401, 'unauthorized');
  const match = /^\/v1\/admin\/clubs(?:\/([^/]+)\/(approve|reject|suspend|allow-origin|refuse-origin))?$/.exec(url.pathname);
  if (!match) return problem(404, 'not_found');
  if (!match[1]) {
    const status = url.searchParams.get('status');
    return json({ clubs: reviewed.filter((club) => !status || club.status === status) });
  }
  const club = reviewed.find((c) => c.id === match[1]);
  if (!club) return problem(404, 'club_not_found');
  const body = init?.body ? (JSON.parse(String(init.body)) as { reason?: string }) : {};
  if (match[2] === 'allow-origin' || match[2] === 'refuse-origin') {
    const origins = match[2] === 'allow-origin' && club.originRequest ? [...club.origins, club.originRequest] : club.origins;
    const decided = { ...club, origins, originRequest: null };
    reviewed = reviewed.map((c) => (c === club ? decided : c));
    return json(decided);
  }
  const next = { approve: 'active', reject: 'rejected', suspend: 'suspended' } as const;
  const changed = { ...club, status: next[match[2] as keyof typeof next], reason: body.reason ?? null };
  reviewed = reviewed.map((c) => (c === club ? changed : c));
  return json(changed);
}

/** The room settings a request body names. */
function settings(body: Record<string, unknown>): Partial<ClubRoom> {
  const names = ['waitingRoom', 'muteOnEntry', 'allModerators', 'recording'] as const;
  return Object.fromEntries(names.filter((name) => typeof body[name] === 'boolean').map((name) => [name, body[name]]));
}

/** Answers `/v1/clubs/…` and `/v1/club/…` as the server helper does. */
export async function answerClub(url: URL, init: RequestInit | undefined): Promise<Response> {
  const method = init?.method ?? 'GET';
  const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, string>) : {};
  const path = url.pathname;
  if (path.startsWith('/v1/admin/clubs')) return answerReview(url, init);
  if (path === '/v1/clubs/form')
    return json({
      regions: [
        { id: 'nord', name: 'Musterstadt Nord' },
        { id: 'sued', name: 'Musterstadt Süd' },
      ],
      kinds: ['club', 'self-help', 'council', 'initiative'],
      termsUrl: 'https://www.musterstadt.example/nutzung',
      privacyUrl: 'https://www.musterstadt.example/datenschutz',
      confirmHours: 48,
    });
  if (path === '/v1/clubs/challenge') return json(await challenge());
  if (path === '/v1/clubs' && method === 'POST') {
    if (!body.altcha) return problem(403, 'challenge_failed', 'altcha');
    if (body.contactEmail === FAKE_LIMITED_REGISTRATION) return problem(429, 'rate_limited');
    return json({ status: 'unconfirmed', confirmBy: new Date(Date.now() + 48 * 3_600_000).toISOString() }, 202);
  }
  if (path === '/v1/clubs/confirm') {
    if (body.token === FAKE_RECONFIRM) return json({ status: 'active' });
    return body.token === FAKE_CONFIRM ? json({ status: 'pending' }) : problem(404, 'link_invalid');
  }
  if (path === '/v1/club/handover/confirm')
    return body.token === FAKE_HANDOVER ? json({ club: 'tsv-musterstadt' }) : problem(404, 'link_invalid');
  if (path === '/v1/club/signin')
    return body.email === FAKE_LIMITED_EMAIL ? problem(429, 'rate_limited') : new Response(null, { status: 202 });
  if (path === '/v1/club/session' && method === 'POST') {
    if (body.token !== FAKE_SIGNIN) return problem(401, 'link_invalid');
    signedIn = true;
    return json({ club: 'tsv-musterstadt', csrf: 'fake-csrf', expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString() });
  }
  if (!signedIn) return problem(401, 'session_required');
  if (method !== 'GET' && (init?.headers as Record<string, string> | undefined)?.['x-vereinsraum-csrf'] !== 'fake-csrf')
    return problem(403, 'csrf_failed');
  if (path === '/v1/club/session/current') {
    signedIn = false;
    return new Response(null, { status: 204 });
  }
  if (path === '/v1/club/me' && method === 'DELETE') {
    signedIn = false;
    return new Response(null, { status: 204 });
  }
  if (path === '/v1/club/me') return json(view());
  if (path === '/v1/club/usage') {
    const report = fakeUsageReport(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? '', 'tsv-musterstadt');
    if (new Headers(init?.headers).get('accept') === 'text/csv')
      return new Response('day,conferences\r\n', { headers: { 'content-type': 'text/csv' } });
    return json(report);
  }
  if (path === '/v1/club/invites') return json({ invites });
  if (path === '/v1/club/handover') {
    if (!body.name || !/^[^@\s]+@[^@\s]+$/.test(body.email ?? '')) return problem(400, 'invalid_input', 'email');
    return json({ expiresAt: '2026-12-03T11:00:00.000Z' }, 202);
  }
  if (path === '/v1/club/branding') {
    const theme = { primary: body.primary!, onPrimary: body.onPrimary! };
    return themeContrastProblem(theme) ? problem(400, 'contrast_too_low', 'onPrimary') : json({ logoUrl: body.logoUrl ?? null, theme });
  }
  if (path === '/v1/club/origins') {
    let url: URL | undefined;
    try {
      url = new URL(body.origin ?? '');
    } catch {
      url = undefined;
    }
    if (url?.protocol !== 'https:') return problem(400, 'invalid_input', 'origin');
    originRequest = url.origin;
    return json({ originRequest }, 202);
  }
  const revoked = /^\/v1\/club\/invites\/([^/]+)$/.exec(path);
  if (revoked) {
    if (!invites.some((i) => i.id === revoked[1])) return problem(404, 'invite_invalid');
    invites = invites.filter((i) => i.id !== revoked[1]);
    return new Response(null, { status: 204 });
  }
  if (path === '/v1/club/rooms') {
    if (rooms.some((r) => r.id === body.id) || rooms.length >= 3) return problem(409, 'club_conflict', 'id');
    const created = room(body.id!, body.name!, {
      accessCode: !!body.accessCode,
      start: (body.start as ClubRoom['start']) ?? 'moderator-code',
      ...settings(body),
    });
    rooms = [...rooms, created];
    return json(created, 201);
  }
  const match = /^\/v1\/club\/rooms\/([^/]+)(?:\/(start|invites))?$/.exec(path);
  const target = match && rooms.find((r) => r.id === match[1]);
  if (!target) return problem(404, 'room_not_found');
  if (match![2]) {
    const token = match![2] === 'start' ? 'ModeratorId.ModeratorSecret0000000000' : 'MemberIdxxx.MemberSecret00000000000000';
    if (match![2] === 'invites') invites = [invite(target.id, body.role as ClubInvite['role']), ...invites];
    return json(
      {
        token,
        jti: token.slice(0, 11),
        expiresAt: new Date().toISOString(),
        link: `${FAKE_ENDPOINT}/join/tsv-musterstadt/${target.id}#invite=${token}`,
      },
      201,
    );
  }
  if (method === 'DELETE') {
    rooms = rooms.filter((r) => r !== target);
    return new Response(null, { status: 204 });
  }
  if (method === 'POST') {
    const changed: ClubRoom = {
      ...target,
      ...(body.name ? { name: body.name } : {}),
      ...(body.start ? { start: body.start as ClubRoom['start'] } : {}),
      ...('accessCode' in body ? { accessCode: body.accessCode !== null } : {}),
      ...settings(body),
    };
    rooms = rooms.map((r) => (r === target ? changed : r));
    return json(changed);
  }
  return problem(405, 'method_not_allowed');
}

resetClubs();
