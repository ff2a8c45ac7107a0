/**
 * The Jitsi side of the sandbox: its own HTTP server (a Jitsi deployment has
 * its own origin), meeting pages behind token authentication, Prosody's
 * `/room-size` and a stand-in `/external_api.js`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCrossOrigin, listen, methodNotAllowed, redirect, requestOrigin, send, sendHtml, sendJson, splitTarget, TEXT } from '../http.js';
import { EXTERNAL_API_JS } from './external-api.js';
import {
  JITSI_CSP,
  jitsiBadRequestPage,
  jitsiHomePage,
  jitsiMeetingPage,
  jitsiNotFoundPage,
  jitsiRefusedPage,
  refusalError,
} from './pages.js';
import { JitsiRoomStore } from './rooms.js';
import type { JitsiOccupant } from './rooms.js';
import { JitsiTokenVerifier, normaliseKeyServer } from './token.js';
import type { JitsiRefusal, JitsiTarget } from './token.js';

/** Options of the Jitsi sandbox ({@link SandboxOptions.jitsi}). */
export interface JitsiSandboxOptions {
  /** Prosody's `app_id`: the accepted issuer unless {@link acceptedIssuers} is given. */
  appId: string;
  /** Prosody's `app_secret`: enables HS256/384/512 tokens. */
  appSecret?: string;
  /**
   * Prosody's `asap_key_server`: enables RS256/384/512 tokens, whose public key
   * (SPKI PEM) is fetched from `${asapKeyServer}/${sha256hex(kid)}.pem`. Can
   * also be set later with {@link JitsiSandbox.setAsapKeyServer}.
   */
  asapKeyServer?: string;
  /** The XMPP domain `sub` must name for `https://host/room`; default `meet.jitsi`. */
  xmppDomain?: string;
  /** Prosody's `asap_accepted_issuers`; default `[appId]`. `*` accepts any. */
  acceptedIssuers?: string[];
  /** Prosody's `asap_accepted_audiences`; default `['*']` (any `aud`, but one must be present). */
  acceptedAudiences?: string[];
  /** Port of the Jitsi server (its own, like a real deployment); default 0 (a random free port). */
  port?: number;
  /** Clock in milliseconds, for `exp` and `nbf`; default `Date.now`. */
  now?: () => number;
}

/** The running Jitsi sandbox ({@link Sandbox.jitsi}). */
export interface JitsiSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8091`. */
  readonly url: string;
  /** `host:port`: what `new JitsiMeetExternalAPI(domain, ...)` gets. */
  readonly domain: string;
  /** Sets (or changes) the key server for RS256/384/512; empties the key cache. Throws a TypeError for a non-http(s) URL. */
  setAsapKeyServer(url: string): void;
  /** While on, meeting pages loaded afterwards report camera and microphone errors to the iframe API. */
  setDeviceFailure(on: boolean): void;
  /** A snapshot: accepted joins, refused joins, `/room-size` requests and key server requests. */
  readonly calls: Record<'joins' | 'refused' | 'roomSize' | 'keyFetches', number>;
}

/** A started Jitsi sandbox and how to stop it. */
export interface RunningJitsi {
  readonly sandbox: JitsiSandbox;
  close(): Promise<void>;
}

type Counter = 'joins' | 'refused' | 'roomSize' | 'keyFetches';

const MAX_TOKEN_LENGTH = 8 * 1024;
/** A room after decoding, NFKC and lowercasing (Jitsi lowercases room names). */
const ROOM = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,127}$/u;
/** A tenant: one DNS label, lowercase (it becomes part of an XMPP domain). */
const TENANT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001F\u007F]/g;

class BadRequest extends Error {}

/** Checks {@link JitsiSandboxOptions}; throws a TypeError naming the bad option. */
function checkOptions(options: JitsiSandboxOptions): void {
  const fail = (message: string): never => {
    throw new TypeError(`startSandbox: options.jitsi.${message}`);
  };
  if (typeof options !== 'object' || options === null) throw new TypeError('startSandbox: options.jitsi must be an object');
  if (typeof options.appId !== 'string' || options.appId === '') fail('appId must be a non-empty string');
  if (options.appSecret !== undefined && (typeof options.appSecret !== 'string' || options.appSecret === '')) {
    fail('appSecret must be a non-empty string');
  }
  if (options.xmppDomain !== undefined && (typeof options.xmppDomain !== 'string' || !DOMAIN.test(options.xmppDomain.toLowerCase()))) {
    fail('xmppDomain must be a domain name');
  }
  for (const key of ['acceptedIssuers', 'acceptedAudiences'] as const) {
    const list = options[key];
    if (list !== undefined && (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v === ''))) {
      fail(`${key} must be a non-empty array of non-empty strings`);
    }
  }
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)) {
    fail('port must be a port number');
  }
  if (options.now !== undefined && typeof options.now !== 'function') fail('now must be a function');
}

/** Starts the Jitsi sandbox on `host`. */
export async function startJitsi(options: JitsiSandboxOptions, host: string): Promise<RunningJitsi> {
  checkOptions(options);
  const calls = new Map<Counter, number>([
    ['joins', 0],
    ['refused', 0],
    ['roomSize', 0],
    ['keyFetches', 0],
  ]);
  const count = (name: Counter): void => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
  };
  const xmppDomain = (options.xmppDomain ?? 'meet.jitsi').toLowerCase();
  let asapKeyServer: string | undefined;
  try {
    asapKeyServer = options.asapKeyServer === undefined ? undefined : normaliseKeyServer(options.asapKeyServer);
  } catch (error) {
    throw new TypeError(`startSandbox: options.jitsi.${(error as Error).message}`);
  }
  const verifier = new JitsiTokenVerifier({
    appSecret: options.appSecret,
    asapKeyServer,
    xmppDomain,
    acceptedIssuers: [...(options.acceptedIssuers ?? [options.appId])],
    acceptedAudiences: [...(options.acceptedAudiences ?? ['*'])],
    now: options.now ?? Date.now,
    onKeyFetch: () => count('keyFetches'),
  });
  const app = new JitsiApp(verifier, new JitsiRoomStore(), xmppDomain, count, calls);
  const server = await listen((req, res) => app.handle(req, res), {
    port: options.port ?? 0,
    host,
    label: 'sandbox/jitsi',
  });
  app.defaultOrigin = server.url;

  return {
    sandbox: {
      url: server.url,
      domain: server.authority,
      setAsapKeyServer(url: string) {
        verifier.asapKeyServer = url;
      },
      setDeviceFailure(on: boolean) {
        app.deviceFailure = on === true;
      },
      get calls() {
        return Object.fromEntries(calls) as Record<Counter, number>;
      },
    },
    close: server.close,
  };
}

function page(res: ServerResponse, status: number, html: string): void {
  sendHtml(res, status, html, JITSI_CSP);
}

/** Percent-decodes one path segment; a malformed escape is a bad request. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest('Malformed percent-encoding in the path.');
  }
}

/** The room (and tenant) a path names, like Jitsi Meet derives them, or undefined when it names none. */
function parseTarget(segments: readonly string[]): JitsiTarget | undefined {
  if (segments.length < 1 || segments.length > 2) return undefined;
  const decoded = segments.map((s) => decodeSegment(s).normalize('NFKC').toLowerCase());
  const room = decoded[decoded.length - 1] ?? '';
  const tenant = decoded.length === 2 ? decoded[0] : undefined;
  if (!ROOM.test(room)) return undefined;
  if (tenant !== undefined && !TENANT.test(tenant)) return undefined;
  return { room, tenant };
}

/** The one `jwt` of a query (undefined when there is none); given twice is a bad request. */
function tokenFrom(search: URLSearchParams): string | undefined {
  const all = search.getAll('jwt');
  if (all.length > 1) throw new BadRequest('The jwt parameter is given more than once.');
  const token = all[0];
  if (token !== undefined && token.length > MAX_TOKEN_LENGTH) throw new BadRequest('The jwt parameter is too long.');
  return token;
}

/** A query parameter that may appear at most once. */
function single(search: URLSearchParams, name: string): string | undefined {
  const all = search.getAll(name);
  if (all.length > 1) throw new BadRequest(`The ${name} parameter is given more than once.`);
  return all[0];
}

function occupantState(o: JitsiOccupant): { id: string; displayName: string; role: string } {
  return { id: o.id, displayName: o.displayName, role: o.role };
}

class JitsiApp {
  deviceFailure = false;
  /** Origin used when a request has no usable Host header. */
  defaultOrigin = '';

  constructor(
    private readonly verifier: JitsiTokenVerifier,
    private readonly store: JitsiRoomStore,
    private readonly xmppDomain: string,
    private readonly count: (name: Counter) => void,
    private readonly calls: ReadonlyMap<Counter, number>,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      if (!res.headersSent) page(res, 400, jitsiBadRequestPage(error.message));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    if (!target.startsWith('/')) throw new BadRequest('The request target must be a path.');
    const { path, rawQuery } = splitTarget(target);
    const method = req.method ?? 'GET';
    const search = new URLSearchParams(rawQuery);

    if (path === '/external_api.js') {
      if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
      return send(res, 200, 'text/javascript;charset=utf-8', EXTERNAL_API_JS, {
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    }
    if (path === '/room-size') {
      if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
      return this.roomSize(res, rawQuery, search);
    }
    if (path === '/favicon.ico') return send(res, 204, TEXT, '');
    if (path === '/') {
      if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
      return page(res, 200, jitsiHomePage(this.store.list(), this.xmppDomain));
    }
    if (path === '/_sandbox/stats') {
      if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
      return sendJson(res, 200, {
        calls: Object.fromEntries(this.calls),
        rooms: this.store.list().map((r) => ({ room: r.name, tenant: r.tenant ?? null, participants: r.occupants.length })),
      });
    }
    const session = /^\/_sandbox\/sessions\/([a-z0-9]{24})(?:\/(state|leave))?$/.exec(path);
    if (session) return this.sessionRoute(req, res, session[1] ?? '', session[2], method);

    const segments = path.split('/').slice(1);
    if (segments[0] === '_sandbox' && segments[1] === 'join') {
      const room = parseTarget(segments.slice(2));
      if (!room) return sendJson(res, 404, { error: 'not_found' });
      if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
      return this.joinJson(res, room, tokenFrom(search));
    }
    const room = segments[0]?.startsWith('_') ? undefined : parseTarget(segments);
    if (!room) return page(res, 404, jitsiNotFoundPage());
    if (method !== 'GET') return methodNotAllowed(req, res, 'GET');
    return this.joinPage(res, room, tokenFrom(search));
  }

  /** Verifies and, when accepted, joins. Counts either way. */
  private async join(room: JitsiTarget, token: string | undefined): Promise<JitsiOccupant | JitsiRefusal> {
    const result = await this.verifier.verify(token, room);
    if (!result.accepted) {
      this.count('refused');
      return result.refusal;
    }
    this.count('joins');
    const name = (result.user.name ?? '').replace(CONTROL_CHARS, '').trim();
    return this.store.join(room.room, room.tenant, name, result.user.moderator ? 'moderator' : 'participant');
  }

  private async joinPage(res: ServerResponse, room: JitsiTarget, token: string | undefined): Promise<void> {
    const outcome = await this.join(room, token);
    if ('reason' in outcome) return page(res, 403, jitsiRefusedPage(room.room, outcome));
    return page(res, 200, jitsiMeetingPage(outcome, this.deviceFailure));
  }

  /** The JSON twin of a join: same checks, same counting, same occupancy. */
  private async joinJson(res: ServerResponse, room: JitsiTarget, token: string | undefined): Promise<void> {
    const outcome = await this.join(room, token);
    if ('reason' in outcome) return sendJson(res, 403, { ...outcome, error: refusalError(outcome) });
    return sendJson(res, 200, {
      session: outcome.sessionToken,
      roomName: outcome.room.name,
      tenant: outcome.room.tenant ?? null,
      ...occupantState(outcome),
    });
  }

  /**
   * Prosody's mod_muc_size: `{"participants":N}` where N counts the room's
   * occupants, focus included, minus one when there are more than one. The
   * sandbox's rooms have a focus while someone is inside, so N is the number
   * of people inside. The room is looked up exactly (lowercase names), and
   * `domain` must be the XMPP domain; otherwise 404, like an unknown room.
   */
  private roomSize(res: ServerResponse, rawQuery: string, search: URLSearchParams): void {
    this.count('roomSize');
    if (rawQuery === '') return send(res, 400, TEXT, 'room and domain are required');
    const room = single(search, 'room');
    const domain = single(search, 'domain');
    const subdomain = single(search, 'subdomain');
    if (!room || !domain) return send(res, 400, TEXT, 'room and domain are required');
    const found = domain === this.xmppDomain ? this.store.get(room, subdomain || undefined) : undefined;
    if (!found) return send(res, 404, TEXT, '');
    const occupants = found.occupants.length + 1; // + focus
    const participants = occupants > 1 ? occupants - 1 : occupants;
    return send(res, 200, 'application/json;charset=utf-8', `{"participants":${participants}}`);
  }

  private sessionRoute(req: IncomingMessage, res: ServerResponse, token: string, action: string | undefined, method: string): void {
    const occupant = this.store.session(token);
    if (action === undefined && method === 'GET') {
      if (!occupant) return page(res, 404, jitsiNotFoundPage());
      return page(res, 200, jitsiMeetingPage(occupant, this.deviceFailure));
    }
    if (action === 'state' && method === 'GET') {
      if (!occupant) return sendJson(res, 404, { error: 'unknown_session' });
      return sendJson(res, 200, {
        roomName: occupant.room.name,
        tenant: occupant.room.tenant ?? null,
        you: occupantState(occupant),
        left: occupant.left,
        participants: occupant.left ? [] : occupant.room.occupants.map(occupantState),
      });
    }
    if (action === 'leave' && method === 'POST') {
      req.resume();
      if (!occupant) return page(res, 404, jitsiNotFoundPage());
      if (isCrossOrigin(req, requestOrigin(req, this.defaultOrigin))) return send(res, 403, TEXT, 'Cross-origin request refused');
      this.store.leave(occupant);
      return redirect(res, 303, `/_sandbox/sessions/${token}`);
    }
    return methodNotAllowed(req, res, action === 'leave' ? 'POST' : 'GET');
  }
}
