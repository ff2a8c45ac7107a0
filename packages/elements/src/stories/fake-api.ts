// A stand-in for the server helper, for Storybook and the story tests: the
// stories show every state without a server. Requests to FAKE_ENDPOINT never
// leave the page: `fetch` and `EventSource` are answered here.
import { chatCode } from '@vereinsraum/protocol';
import type {
  AdminBooking,
  BookingChallenge,
  BookingCreated,
  BookingForm,
  BookingRequest,
  BookingStatus,
  InviteInfo,
  JoinRequest,
  Problem,
  Role,
  RoomStatus,
} from '@vereinsraum/protocol';

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
  { role = 'attendee', expired = false, kind, startsInMs, revoked = false }: { role?: Role; expired?: boolean; kind?: 'chat'; startsInMs?: number; revoked?: boolean } = {},
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
  const date = (days: number) => ({ start: new Date(BOOKED_START + days * 86_400_000).toISOString(), end: new Date(BOOKED_START + days * 86_400_000 + 2 * 3_600_000).toISOString() });
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

function problem(status: number, code: Problem['code'], field?: string): Response {
  return new Response(JSON.stringify({ type: `urn:vereinsraum:problem:${code}`, title: code, status, code, ...(field ? { field } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const JITSI: string[] = [FAKE_ROOMS.jitsi, FAKE_ROOMS.jitsiBlocked, FAKE_ROOMS.jitsiGone, FAKE_ROOMS.jitsiBroken, FAKE_ROOMS.jitsiSilent];
/** Meetings that run began 35 minutes before the page loaded. */
const STARTED = new Date(Date.now() - 35 * 60_000).toISOString();

function isLive(room: string): boolean {
  const always: string[] = [FAKE_ROOMS.open, FAKE_ROOMS.code, FAKE_ROOMS.solo, FAKE_ROOMS.stale, FAKE_ROOMS.bbbSilent, ...JITSI];
  return always.includes(room) || (startsAt.get(room) ?? Infinity) <= Date.now();
}

/** What `/status` and `/events` say about a room of the fake tenant. */
function statusOf(room: string): RoomStatus {
  if (room === FAKE_ROOMS.startsSoon && !startsAt.has(room)) startsAt.set(room, Date.now() + 2000);
  const checkedAt = new Date(Date.now() - (room === FAKE_ROOMS.stale ? 3 * 60_000 : 0)).toISOString();
  if (room === FAKE_ROOMS.unknown) return { state: 'unknown', participants: null, startedAt: null, checkedAt, stale: false };
  if (room === FAKE_ROOMS.chat) {
    return { state: 'unknown', participants: null, startedAt: null, checkedAt, stale: false, chat: { members: 12, lastActivityAt: STARTED } };
  }
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
  const info: import('@vereinsraum/protocol').TenantInfo = {
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
function clubInfo(id: string): import('@vereinsraum/protocol').TenantInfo {
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
function tenantOf(url: URL): string {
  return url.searchParams.get('tenant') ?? decodeURIComponent(url.pathname.split('/')[3] ?? '');
}

function answer(url: URL, init: RequestInit | undefined): Response | Promise<Response> {
  if (tenantOf(url) === FAKE_FOREIGN_TENANT) return problem(403, 'origin_not_allowed');
  if (url.pathname.startsWith('/v1/bookings') || url.pathname.startsWith('/v1/admin/')) return answerBooking(url, init);
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

/** Forget rooms that started, bookings made and agreements kept, so a story can be shown again from the start. */
export function resetFakeApi(): void {
  startsAt.clear();
  seedBookings();
  for (const key of Object.keys(localStorage)) if (key.startsWith('vereinsraum.consent')) localStorage.removeItem(key);
}

// ---- bookings

/** Tenants of the booking stories and how they behave. */
export const FAKE_BOOKING_TENANTS = {
  /** An operator approves every booking: the result is `pending`. */
  manual: FAKE_TENANT,
  /** Bookings are approved at once: the result has the links. */
  automatic: 'stadt-musterstadt',
  /** The spam-protection challenge and every booking take forever: the form stays "solving" / "submitting". */
  slow: 'tsv-langsam',
  /** Takes no bookings. */
  disabled: 'tsv-ohne-buchung',
} as const;

/** The admin token the fake server accepts. */
export const FAKE_ADMIN_TOKEN = 'story-admin-token';

/** Contact e-mail addresses the fake server refuses (`invalid_input`, field `contactEmail`). */
export const FAKE_REFUSED_EMAIL = 'abgelehnt@example.invalid';

/** Bookings the fake server knows from the start, by status; open them with {@link fakeManageToken}. */
export const FAKE_BOOKINGS = { pending: 'b1pending', approved: 'b2approved', cancelled: 'b3cancelled', rejected: 'b4rejected' } as const;

/** A pending chat booking whose approval fails: the chat server does not answer (`chat_unavailable`). */
export const FAKE_CHAT_BOOKING = 'b6chat';

/** More bookings the operator's list shows: of the city's tenant, one whose dates are over, one cancelled by the operator. */
const FAKE_ADMIN_BOOKINGS = { city: 'b7city', over: 'b8over', withdrawn: 'b9withdrawn' } as const;

/** The tenants the fake admin token may see (`GET /v1/admin/tenants`). */
const ADMIN_TENANTS = [
  { id: FAKE_BOOKING_TENANTS.automatic, name: 'Stadt Musterstadt', kinds: ['video'] },
  { id: FAKE_TENANT, name: 'TSV Musterstadt', kinds: ['video', 'chat'] },
] as const;

/** A manage token for a fake booking, shaped like the server's (a JWT whose `sub` is the booking id), unsigned. */
export function fakeManageToken(id: string): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: id, aud: 'vereinsraum:manage' })}.story`;
}

const bookings = new Map<string, AdminBooking>();
let nextId = 1;

function day(offsetDays: number, time: string): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function links(id: string) {
  return {
    moderator: `https://www.tsv-musterstadt.example/raum#invite=moderator-${id}&room=b-${id}`,
    attendee: `https://www.tsv-musterstadt.example/raum#invite=attendee-${id}&room=b-${id}`,
  };
}

function makeBooking(id: string, status: BookingStatus, tenant: string, fields: Partial<AdminBooking> = {}): AdminBooking {
  return {
    id,
    kind: 'video',
    tenant,
    status,
    title: 'Jahreshauptversammlung',
    organisation: 'Förderverein Grundschule',
    dates: [{ start: day(7, '19:00'), end: day(7, '21:00') }],
    room: status === 'approved' ? `${tenant}/b-${id}` : null,
    links: status === 'approved' ? links(id) : null,
    manageUrl: `https://www.tsv-musterstadt.example/buchen#manage=${fakeManageToken(id)}`,
    contactName: 'Erika Musterfrau',
    contactEmail: 'erika@example.org',
    expectedParticipants: 25,
    language: 'de',
    createdAt: new Date().toISOString(),
    trusted: false,
    audit: [],
    ...fields,
  };
}

function seedBookings(): void {
  bookings.clear();
  for (const [status, id] of Object.entries(FAKE_BOOKINGS)) bookings.set(id, makeBooking(id, status as BookingStatus, FAKE_TENANT));
  bookings.set('b5pending', makeBooking('b5pending', 'pending', FAKE_TENANT, {
    title: 'Elternabend Klasse 3b',
    organisation: 'Grundschule am Park',
    contactName: 'Max Mustermann',
    contactEmail: 'max@example.org',
    expectedParticipants: 40,
    dates: [0, 1, 2].map((week) => ({ start: day(3 + 7 * week, '18:30'), end: day(3 + 7 * week, '20:00') })),
  }));
  bookings.set(FAKE_CHAT_BOOKING, makeBooking(FAKE_CHAT_BOOKING, 'pending', FAKE_TENANT, {
    kind: 'chat',
    title: 'Austausch Trainerinnen',
    organisation: 'TSV Musterstadt',
    dates: [{ start: day(5, '20:00'), end: day(5, '21:00') }],
  }));
  // What the operator's list shows besides: who decided, and why.
  const audit = (action: AdminBooking['audit'][number]['action'], actor: string, reason: string | null = null) => ({ action, actor, at: new Date().toISOString(), reason });
  bookings.get(FAKE_BOOKINGS.rejected)!.audit = [audit('created', 'booker'), audit('rejected', 'admin-api', 'Der Raum ist an diesem Abend schon belegt.')];
  bookings.get(FAKE_BOOKINGS.cancelled)!.audit = [audit('created', 'booker'), audit('approved', 'admin-api'), audit('cancelled', 'booker')];
  bookings.set(FAKE_ADMIN_BOOKINGS.city, makeBooking(FAKE_ADMIN_BOOKINGS.city, 'approved', FAKE_BOOKING_TENANTS.automatic, {
    title: 'Bürgersprechstunde Ehrenamt',
    organisation: 'Freiwilligenagentur Musterstadt',
    contactName: 'Dr. Maximiliane Langname-Beispielhausen',
    contactEmail: 'maximiliane.langname-beispielhausen@freiwilligenagentur-musterstadt.example',
    expectedParticipants: 12,
    dates: Array.from({ length: 10 }, (_, week) => ({ start: day(2 + 7 * week, '17:00'), end: day(2 + 7 * week, '18:30') })),
  }));
  bookings.set(FAKE_ADMIN_BOOKINGS.over, makeBooking(FAKE_ADMIN_BOOKINGS.over, 'approved', FAKE_TENANT, {
    title: 'Mitgliederversammlung',
    dates: [{ start: day(-3, '19:00'), end: day(-3, '21:00') }],
  }));
  bookings.set(FAKE_ADMIN_BOOKINGS.withdrawn, makeBooking(FAKE_ADMIN_BOOKINGS.withdrawn, 'cancelled', FAKE_BOOKING_TENANTS.automatic, {
    title: 'Lesekreis',
    organisation: 'Stadtbibliothek',
    audit: [audit('created', 'booker'), audit('approved', 'automatic'), audit('cancelled', 'admin-api', 'Die Bibliothek ist an diesem Tag geschlossen.')],
  }));
}
seedBookings();

/** A real ALTCHA challenge (SHA-256, a small number): the element's solver finds it in a moment. */
async function challenge(): Promise<BookingChallenge> {
  const salt = `${Math.random().toString(16).slice(2)}?expires=${Math.floor(Date.now() / 1000) + 600}`;
  const number = Math.floor(Math.random() * 2000);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + number));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { algorithm: 'SHA-256', challenge: hex, maxnumber: 5000, salt, signature: 'story-signature' };
}

const forever = () => new Promise<Response>(() => {});

function bookingForm(tenant: string): BookingForm {
  return {
    tenant,
    name: tenant === FAKE_BOOKING_TENANTS.automatic ? 'Stadt Musterstadt' : 'TSV Musterstadt',
    consentText: {
      de: 'Ich bin einverstanden, dass meine Angaben zur Bearbeitung dieser Buchung gespeichert und 90 Tage nach dem letzten Termin gelöscht werden.',
      en: 'I agree that my details are stored to handle this booking and deleted 90 days after the last date.',
    },
    privacyUrl: 'https://www.tsv-musterstadt.example/datenschutz',
    approval: tenant === FAKE_BOOKING_TENANTS.automatic ? 'automatic' : 'manual',
    maxDurationMinutes: 480,
    maxWeeks: 12,
    retentionDays: 90,
    language: 'de',
    // The club has a Mattermost team: it also takes chat bookings.
    kinds: tenant === FAKE_BOOKING_TENANTS.manual ? ['video', 'chat'] : ['video'],
  };
}

/**
 * The admin API: the tenants, the list with its filters (by first date, as
 * the server sorts it), approve and reject of open requests, cancel (with a
 * reason) of open and approved ones whose dates are not over.
 */
function answerAdmin(url: URL, init: RequestInit | undefined, authorized: boolean): Response {
  if (!authorized) return problem(401, 'unauthorized');
  const [, , , what, id, decision] = url.pathname.split('/');
  if (what === 'tenants') return json({ tenants: ADMIN_TENANTS });
  if (!id) {
    const query = url.searchParams;
    const shown = [...bookings.values()].filter((b) => (['status', 'tenant', 'kind'] as const).every((name) => !query.get(name) || b[name] === query.get(name)));
    return json({ bookings: shown.sort((a, b) => Date.parse(a.dates[0]!.start) - Date.parse(b.dates[0]!.start)) });
  }
  const booking = bookings.get(id);
  if (!booking) return problem(404, 'booking_not_found');
  const reason = (JSON.parse(String(init?.body ?? '{}')) as { reason?: string }).reason ?? null;
  if (decision === 'cancel' && !reason?.trim()) return problem(400, 'invalid_input', 'reason');
  const from = decision === 'cancel' ? ['pending', 'approved'] : ['pending'];
  if (!from.includes(booking.status) || Date.parse(booking.dates.at(-1)!.end) < Date.now()) return problem(409, 'booking_conflict');
  if (id === FAKE_CHAT_BOOKING && decision === 'approve') return problem(502, 'chat_unavailable');
  const status: BookingStatus = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'cancelled';
  Object.assign(booking, { status, ...(status === 'approved' ? { links: links(id), room: `${booking.tenant}/b-${id}` } : { links: null, room: null }) });
  booking.audit = [...booking.audit, { action: status, actor: 'admin-api', at: new Date().toISOString(), reason }];
  return json(booking);
}

async function answerBooking(url: URL, init: RequestInit | undefined): Promise<Response> {
  const method = init?.method ?? 'GET';
  const auth = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
  const parts = url.pathname.split('/').slice(1);
  const tenant = url.searchParams.get('tenant') ?? '';
  if (parts[1] === 'admin') return answerAdmin(url, init, auth === FAKE_ADMIN_TOKEN);
  const [, , id, rest] = parts;
  if (id === 'form') {
    if (tenant === FAKE_BOOKING_TENANTS.disabled) return problem(403, 'bookings_disabled');
    return json(bookingForm(tenant));
  }
  if (id === 'challenge') return tenant === FAKE_BOOKING_TENANTS.slow ? forever() : json(await challenge());
  if (!id && method === 'POST') {
    const body = JSON.parse(String(init?.body ?? '{}')) as BookingRequest;
    if (body.tenant === FAKE_BOOKING_TENANTS.slow) return forever();
    if (!body.altcha) return problem(400, 'challenge_failed');
    if (body.contactEmail === FAKE_REFUSED_EMAIL) return problem(400, 'invalid_input', 'contactEmail');
    const newId = `b${100 + nextId++}story`;
    const weeks = body.weeks ?? 1;
    const length = Date.parse(body.end) - Date.parse(body.start);
    const dates = Array.from({ length: weeks }, (_, week) => {
      const start = Date.parse(body.start) + week * 7 * 86_400_000;
      return { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
    });
    const status = body.tenant === FAKE_BOOKING_TENANTS.automatic ? 'approved' : 'pending';
    const booking = makeBooking(newId, status, body.tenant, {
      kind: body.kind,
      title: body.title,
      organisation: body.organisation,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      expectedParticipants: body.expectedParticipants,
      dates,
    });
    bookings.set(newId, booking);
    const created: BookingCreated = { ...booking, manageToken: fakeManageToken(newId) };
    return new Response(JSON.stringify(created), { status: 201, headers: { 'content-type': 'application/json' } });
  }
  const booking = id ? bookings.get(id) : undefined;
  if (!booking || auth !== fakeManageToken(id!)) return problem(404, 'booking_not_found');
  if (rest === 'calendar.ics') {
    return new Response(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vereinsraum//Story//DE\r\nEND:VCALENDAR\r\n`, {
      headers: { 'content-type': 'text/calendar' },
    });
  }
  if (method === 'DELETE') {
    if (booking.status !== 'pending' && booking.status !== 'approved') return problem(409, 'booking_conflict');
    Object.assign(booking, { status: 'cancelled', links: null });
  }
  return json(booking);
}
