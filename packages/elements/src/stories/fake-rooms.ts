// The stories' fake server, part one: the tenants, their rooms (live, idle,
// waiting, embedded, chat, …), invites and joins, as the server helper answers
// them.
import { chatCode, type InviteInfo, type JoinRequest, type Role, type RoomStatus, type TenantInfo } from '@vereinsraum/protocol';
import { json, problem } from './fake-http.js';

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
  /** A booked chat room (a Mattermost channel) with 12 members: joined with an invite ({@link fakeInvite} with `kind: 'chat'`) and a user name. */
  chat: 'b-chatraum',
  /** A BigBlueButton room whose embedded meeting never says it is ready (as when the server refuses to be framed). */
  bbbSilent: 'vereinsheim-gesperrt',
  /** A booked video room (the join page of booked rooms): title and two dates come with its invite ({@link fakeInvite}). */
  booked: 'b-jahresversammlung',
} as const;

/** The code of the fake chat server's message: it lets any user name into the fake chat rooms. */
export const FAKE_CHAT_CODE = 'K7QM-3XPA';
/** The titles of the fake booked rooms, as the server tells them with an invite. */
const BOOKED_TITLES: Record<string, string> = {
  [FAKE_ROOMS.booked]: 'Jahreshauptversammlung 2026',
  [FAKE_ROOMS.chat]: 'Jugendtreff',
};

/** A code the fake server takes for one that expired (`chat_code_expired`); any other code but {@link FAKE_CHAT_CODE} is wrong. */
export const FAKE_EXPIRED_CHAT_CODE = 'ZZZZ-ZZZZ';

/** The fake chat server: its team's invite link, and its address of the bot's messages. */
const CHAT_SIGNUP = 'https://chat.tsv-musterstadt.invalid/signup_user_complete/?id=story';
const CHAT_MESSAGES = 'https://chat.tsv-musterstadt.invalid/tsv/messages/@vereinsraum';

/** A second club with the same rooms, for the story of a kept agreement (kept per tenant, so no other story sees it). */
export const FAKE_KEPT_TENANT = 'sv-beispieldorf';

/** A third club with the same rooms and a logo of its own (`tenant-logo.svg`, served beside the page). */
export const FAKE_LOGO_TENANT = 'sv-wappen';

/** A tenant that does not allow the page's origin: every request answers `origin_not_allowed`. */
export const FAKE_FOREIGN_TENANT = 'fremder-verein';

/** The fake tenants' BigBlueButton server, as their privacy notice names it. The stories' meetings are stand-ins in the page. */
export const FAKE_BBB_ORIGIN = 'https://video.tsv-musterstadt.example';

/**
 * A stand-in for BigBlueButton's client in an embedded meeting: a page at a
 * blob: URL (no network) that, like the client, tells the page it is ready,
 * unless `ready` is false.
 */
function bbbStandIn(ready: boolean): string {
  const page = `<!doctype html><html lang="de"><meta charset="utf-8"><title>Beispiel-Besprechung / Sample meeting</title>
    <body style="margin:0;display:grid;place-items:center;min-height:100vh;background:#1d2733;color:#fff;font:1rem/1.5 system-ui,sans-serif">
    <main style="padding:1rem;text-align:center"><h1>Beispiel-Besprechung</h1>
    <p>Hier wäre BigBlueButton. Dies ist nur ein Platzhalter für Storybook.</p>
    <p lang="en">BigBlueButton would be here. This is only a placeholder for Storybook.</p></main>
    ${ready ? "<script>parent.postMessage({ response: 'readyToConnect' }, '*')</script>" : ''}`;
  return URL.createObjectURL(new Blob([page], { type: 'text/html' }));
}

/**
 * An invite token for a room of the fake tenant, shaped like a signed one of
 * the server's (a JWT) but not signed: the fake server only reads it.
 * `startsInMs`: valid only that long from now; `revoked`: the operator
 * revoked it.
 */
export function fakeInvite(
  room: string,
  {
    role = 'attendee',
    expired = false,
    kind,
    startsInMs,
    revoked = false,
  }: { role?: Role; expired?: boolean; kind?: 'chat'; startsInMs?: number; revoked?: boolean } = {},
): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  const exp = expired ? now - 3600 : now + 86_400 + Math.ceil((startsInMs ?? 0) / 1000);
  const nbf = startsInMs === undefined ? {} : { nbf: now + Math.ceil(startsInMs / 1000) };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: `${FAKE_TENANT}/${room}`, role, iat: now - 7200, ...nbf, exp, jti: revoked ? 'revoked' : 'story', ...(kind ? { kind } : {}) })}.story`;
}

type FakeClaims = { sub?: string; role?: Role; nbf?: number; exp?: number; jti?: string; kind?: string };

/** The claims of a {@link fakeInvite} token, or null. */
function readInvite(token: string): FakeClaims | null {
  try {
    return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as FakeClaims;
  } catch {
    return null;
  }
}

/** Why the fake server refuses an invite (before its room is compared), or null. */
function inviteProblem(claims: FakeClaims | null): Response | null {
  if (!claims?.exp || !claims.role || !claims.sub?.startsWith(`${FAKE_TENANT}/`)) return problem(403, 'invite_invalid', 'invite');
  if (claims.jti === 'revoked') return problem(403, 'invite_revoked', 'invite');
  if (claims.exp * 1000 < Date.now()) return problem(403, 'invite_expired', 'invite');
  return null;
}

/** `POST /v1/tenants/{tenant}/invite`: what a {@link fakeInvite} opens. Booked rooms have a title and two dates, the first an hour from the page load. */
function inviteInfo(init: RequestInit | undefined): Response | Promise<Response> {
  const { invite, room } = JSON.parse(String(init?.body ?? '{}')) as { invite?: string; room?: string };
  const claims = readInvite(invite ?? '');
  // The silent room's invite is never answered.
  if (claims?.sub === `${FAKE_TENANT}/${FAKE_ROOMS.silent}`) return new Promise<Response>(() => {});
  const refused = inviteProblem(claims);
  if (refused) return refused;
  const id = claims!.sub!.slice(FAKE_TENANT.length + 1);
  if (room && room !== id) return problem(403, 'invite_wrong_room', 'invite');
  const date = (days: number) => ({
    start: new Date(BOOKED_START + days * 86_400_000).toISOString(),
    end: new Date(BOOKED_START + days * 86_400_000 + 2 * 3_600_000).toISOString(),
  });
  const info: InviteInfo = {
    room: id,
    kind: claims!.kind === 'chat' ? 'chat' : 'video',
    role: claims!.role!,
    title: BOOKED_TITLES[id] ?? id,
    dates: id in BOOKED_TITLES ? [date(0), date(7)] : [],
    validFrom: claims!.nbf ? new Date(claims!.nbf * 1000).toISOString() : null,
    validUntil: new Date(claims!.exp! * 1000).toISOString(),
    notYetValid: (claims!.nbf ?? 0) * 1000 > Date.now(),
  };
  return json(info);
}

/** The first date of the fake booked rooms: on the hour, an hour or two after the page loaded. */
const BOOKED_START = Math.ceil((Date.now() + 3_600_000) / 3_600_000) * 3_600_000;

const startsAt = new Map<string, number>();

const JITSI: string[] = [FAKE_ROOMS.jitsi, FAKE_ROOMS.jitsiBlocked, FAKE_ROOMS.jitsiGone, FAKE_ROOMS.jitsiBroken, FAKE_ROOMS.jitsiSilent];
/** Meetings that run began 35 minutes before the page loaded. */
const STARTED = new Date(Date.now() - 35 * 60_000).toISOString();

function isLive(room: string): boolean {
  const always: string[] = [FAKE_ROOMS.open, FAKE_ROOMS.code, FAKE_ROOMS.solo, FAKE_ROOMS.stale, FAKE_ROOMS.bbbSilent, ...JITSI];
  return always.includes(room) || (startsAt.get(room) ?? Infinity) <= Date.now();
}

/** What `/status` and `/events` say about a room of the fake tenant. */
export function statusOf(room: string): RoomStatus {
  if (room === FAKE_ROOMS.startsSoon && !startsAt.has(room)) startsAt.set(room, Date.now() + 2000);
  const checkedAt = new Date(Date.now() - (room === FAKE_ROOMS.stale ? 3 * 60_000 : 0)).toISOString();
  if (room === FAKE_ROOMS.unknown) return { state: 'unknown', participants: null, startedAt: null, checkedAt, stale: false };
  if (room === FAKE_ROOMS.chat) {
    return {
      state: 'unknown',
      participants: null,
      startedAt: null,
      checkedAt,
      stale: false,
      chat: { members: 12, lastActivityAt: STARTED },
    };
  }
  const live = isLive(room);
  const participants = !live ? 0 : room === FAKE_ROOMS.solo ? 1 : room === FAKE_ROOMS.stale ? 4 : 3;
  return { state: live ? 'live' : 'idle', participants, startedAt: live ? STARTED : null, checkedAt, stale: room === FAKE_ROOMS.stale };
}

/** The room a request is for, if it is a room of the fake tenant. */
export function roomOf(url: URL): string | undefined {
  return known(url.pathname.split('/')[4]);
}

/** The room id, if it is a room of the fake tenant. */
export function known(room: string | undefined): string | undefined {
  return Object.values(FAKE_ROOMS).includes(room as never) && room !== FAKE_ROOMS.missing ? room : undefined;
}

/** The look of the city's tenant (`stadt-musterstadt`), which `GET /v1/tenants/stadt-musterstadt` gives the stories. */
export const FAKE_CITY_THEME = { primary: '#6b1d5c', onPrimary: '#ffffff', radius: '2px', font: 'Verdana, Arial, sans-serif' } as const;

/**
 * `GET /v1/tenants/{tenant}`: the city's tenant has a theme of its own; the
 * clubs' (`FAKE_TENANT`, `FAKE_KEPT_TENANT`) have the default look and a
 * privacy notice for their BigBlueButton and Jitsi rooms; the other fake
 * tenants are not known here.
 */
function tenantInfo(id: string): Response {
  if (id === FAKE_TENANT || id === FAKE_KEPT_TENANT || id === FAKE_LOGO_TENANT) return json(clubInfo(id));
  if (id !== 'stadt-musterstadt') return problem(404, 'tenant_not_found');
  const info: TenantInfo = {
    id,
    name: 'Stadt Musterstadt',
    logoUrl: null,
    theme: FAKE_CITY_THEME,
    defaultLanguage: 'de',
    privacyPolicyUrl: 'https://www.musterstadt.example/datenschutz',
    imprintUrl: 'https://www.musterstadt.example/impressum',
    privacyNotice: null,
    services: [{ kind: 'video', origin: 'https://konferenz.musterstadt.example' }],
    rooms: [],
    bookings: true,
  };
  return json(info);
}

/** A club's public details: Jitsi rooms on the stand-in's origin (or, for `jitsiGone`, where nothing listens), the others on BigBlueButton. */
function clubInfo(id: string): TenantInfo {
  const services = [FAKE_BBB_ORIGIN, location.origin, 'http://127.0.0.1:9'].map((origin) => ({ kind: 'video' as const, origin }));
  const rooms = Object.values(FAKE_ROOMS)
    .filter((room) => room !== FAKE_ROOMS.missing)
    .map((room) => ({ id: room, name: room, service: room === FAKE_ROOMS.jitsiGone ? 2 : JITSI.includes(room) ? 1 : 0 }));
  return {
    id,
    name: id === FAKE_TENANT ? 'TSV Musterstadt' : id === FAKE_LOGO_TENANT ? 'SV Wappen 1920' : 'SV Beispieldorf',
    logoUrl: id === FAKE_LOGO_TENANT ? `${location.origin}/tenant-logo.svg` : null,
    theme: {},
    defaultLanguage: 'de',
    privacyPolicyUrl: 'https://www.tsv-musterstadt.example/datenschutz',
    imprintUrl: 'https://www.tsv-musterstadt.example/impressum',
    privacyNotice: {
      de: 'Der TSV Musterstadt betreibt die Videokonferenzen selbst. Wir zeichnen nichts auf.',
      en: 'TSV Musterstadt runs the video conferences itself. We record nothing.',
    },
    services,
    rooms,
    bookings: true,
  };
}

/** The tenant a request names, in its path (`/v1/rooms/{tenant}/…`, `/v1/tenants/{tenant}`) or its query. */
export function tenantOf(url: URL): string {
  return url.searchParams.get('tenant') ?? decodeURIComponent(url.pathname.split('/')[3] ?? '');
}

/** A tenant's details and invites, and a room's status and joins. */
export function answerRoom(url: URL, init: RequestInit | undefined): Response | Promise<Response> {
  if (/^\/v1\/tenants\/[^/]+$/.test(url.pathname)) return tenantInfo(decodeURIComponent(url.pathname.split('/')[3]!));
  if (/^\/v1\/tenants\/[^/]+\/invite$/.test(url.pathname)) return inviteInfo(init);
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
    const refused = inviteProblem(claims);
    if (refused) return refused;
    if (claims!.sub !== `${FAKE_TENANT}/${room}`) return problem(403, 'invite_wrong_room', 'invite');
    if ((claims!.nbf ?? 0) * 1000 > Date.now()) return problem(403, 'invite_not_yet_valid', 'invite');
    role = claims!.role!;
  } else {
    if (room === FAKE_ROOMS.code && !body.accessCode) return problem(403, 'access_code_required', 'accessCode');
    if (room === FAKE_ROOMS.code && body.accessCode !== '1234') return problem(403, 'access_code_invalid', 'accessCode');
  }
  if (room === FAKE_ROOMS.chat) {
    // A chat room: only with an invite; without a user name, the team's sign-up link.
    if (!body.invite) return problem(403, 'invite_invalid', 'invite');
    const chat = { inviteUrl: CHAT_SIGNUP };
    if (body.chatCode !== undefined) {
      const code = chatCode(body.chatCode);
      if (code === chatCode(FAKE_EXPIRED_CHAT_CODE)) return problem(403, 'chat_code_expired', 'chatCode');
      if (code !== chatCode(FAKE_CHAT_CODE)) return problem(403, 'chat_code_invalid', 'chatCode');
      return json({ url: 'about:blank#vereinsraum-story-chat', role, chat });
    }
    if (body.chatUsername === undefined) return json({ chat });
    // Any user name: the answer does not tell whether the account exists. The code works for ten minutes.
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    return json({ chat: { confirmation: 'story-confirmation-0123456', expiresAt, messagesUrl: CHAT_MESSAGES } }, 202);
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
      embed: { type: 'jitsi', domain: new URL(origin).host, roomName: `${FAKE_TENANT}_${room}`, jwt: 'story-token' },
    });
  }
  // BigBlueButton in the page: a stand-in client.
  if (body.embed) return json({ url: bbbStandIn(room !== FAKE_ROOMS.bbbSilent), role, embed: { type: 'iframe' } });
  return json({ url: 'about:blank#vereinsraum-story-meeting', role });
}

/** Forget the rooms that started. */
export function resetRooms(): void {
  startsAt.clear();
}
