/**
 * The sandbox's HTTP server: BigBlueButton API under `/bigbluebutton/api`,
 * meeting pages under `/sandbox/meetings`, and a home page. With the `jitsi`
 * option, a Jitsi Meet stand-in on a second port (see `jitsi/server.ts`);
 * with `mattermost`, a Mattermost stand-in on a port of its own (see
 * `mattermost/server.ts`).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_ALGORITHMS, isChecksumValid } from './checksum.js';
import type { ChecksumAlgorithm } from './checksum.js';
import { startJitsi } from './jitsi/server.js';
import type { JitsiSandbox, JitsiSandboxOptions, RunningJitsi } from './jitsi/server.js';
import { startMattermost } from './mattermost/server.js';
import type { MattermostSandbox, MattermostSandboxOptions, RunningMattermost } from './mattermost/server.js';
import { isRunning, MeetingStore } from './meetings.js';
import type { Meeting, Role } from './meetings.js';
import { CSP, csp, homePage, meetingPage, meetingState, notFoundPage } from './pages.js';
import { createXml, errorXml, joinXml, meetingInfoXml, meetingsXml, successXml } from './xml.js';

export type { ChecksumAlgorithm } from './checksum.js';
export type { JitsiSandbox, JitsiSandboxOptions } from './jitsi/server.js';
export type { MattermostSandbox, MattermostSandboxChannel, MattermostSandboxOptions } from './mattermost/server.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; default 0 (a random free port). */
  port?: number;
  /** Host to listen on; default `127.0.0.1`. */
  host?: string;
  /** The shared secret clients use for checksums. */
  secret: string;
  /** Accepted checksum algorithms; default all four, like BigBlueButton's `supportedChecksumAlgorithms`. */
  algorithms?: ChecksumAlgorithm[];
  /** Also run a Jitsi Meet stand-in with token authentication, on its own port. */
  jitsi?: JitsiSandboxOptions;
  /** Also run a Mattermost stand-in (the API v4 calls of chat rooms, sign-up and channel pages), on its own port. */
  mattermost?: MattermostSandboxOptions;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:8090`. */
  readonly url: string;
  /** API endpoint: {@link Sandbox.url} + `/bigbluebutton/api`. */
  readonly apiUrl: string;
  /** API calls received per call name (create, join, ...), including refused ones. A snapshot. */
  readonly calls: Record<string, number>;
  /** The Jitsi Meet stand-in, when {@link SandboxOptions.jitsi} was given. */
  readonly jitsi?: JitsiSandbox;
  /** The Mattermost stand-in, when {@link SandboxOptions.mattermost} was given. */
  readonly mattermost?: MattermostSandbox;
  /** Closes the server(s) and all open connections. */
  close(): Promise<void>;
}

/** An API failure: BigBlueButton's messageKey and message. */
type Failure = readonly [messageKey: string, message: string];

/** Parameters after the checksum passed: first value of each name, like BigBlueButton. */
type Params = ReadonlyMap<string, string>;

const API_PREFIX = '/bigbluebutton/api';
const MAX_BODY_BYTES = 1 << 20;
/** Methods per call, as in BigBlueButton's UrlMappings (join is GET only since 2.7.8 / 3.0). */
const METHODS: Record<string, readonly string[]> = {
  create: ['GET', 'POST'],
  join: ['GET'],
  isMeetingRunning: ['GET', 'POST'],
  end: ['GET', 'POST'],
  getMeetingInfo: ['GET', 'POST'],
  getMeetings: ['GET', 'POST'],
};

// Keys and messages as BigBlueButton's bbb-web sends them.
const CHECKSUM_ERROR: Failure = ['checksumError', 'You did not pass the checksum security check'];
const MISSING_MEETING_ID: Failure = ['missingParamMeetingID', 'You must provide a meeting ID'];
const NOT_FOUND: Failure = ['notFound', 'A meeting with that ID does not exist'];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001F\u007F]/g;

/**
 * Starts a sandbox BigBlueButton server, and with `jitsi` also a Jitsi Meet
 * stand-in on its own port.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ secret: 'test-secret' });
 * // ... point the client at sandbox.apiUrl ...
 * await sandbox.close();
 * ```
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({
 *   secret: 'test-secret',
 *   jitsi: { appId: 'vereinsraum', appSecret: 'a-long-shared-secret' },
 * });
 * // tokens: sub 'meet.jitsi', aud 'jitsi', iss 'vereinsraum', typ 'JWT'
 * // embed: new JitsiMeetExternalAPI(sandbox.jitsi.domain, { roomName, jwt, parentNode })
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new TypeError('startSandbox: options.secret must be a non-empty string');
  }
  const algorithms = options.algorithms ?? [...ALL_ALGORITHMS];
  if (algorithms.length === 0 || algorithms.some((a) => !ALL_ALGORITHMS.includes(a))) {
    throw new TypeError(`startSandbox: options.algorithms must be a non-empty subset of ${ALL_ALGORITHMS.join(', ')}`);
  }
  const host = options.host ?? '127.0.0.1';
  const store = new MeetingStore();
  const calls = new Map<string, number>();
  const app = new SandboxApp(options.secret, algorithms, store, calls);
  // The Jitsi and Mattermost sides first: they check their options before anything listens.
  const jitsi: RunningJitsi | undefined = options.jitsi === undefined ? undefined : await startJitsi(options.jitsi, host);
  let mattermost: RunningMattermost | undefined;
  try {
    mattermost = options.mattermost === undefined ? undefined : await startMattermost(options.mattermost, host);
  } catch (error) {
    await jitsi?.close();
    throw error;
  }

  const server = createServer((req, res) => {
    app.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain;charset=utf-8', 'Internal sandbox error');
      else res.destroy();
      console.error('[sandbox]', error);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await Promise.all([jitsi?.close(), mattermost?.close()]);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  app.defaultOrigin = url;

  return {
    url,
    apiUrl: url + API_PREFIX,
    get calls() {
      return Object.fromEntries(calls);
    },
    ...(jitsi === undefined ? {} : { jitsi: jitsi.sandbox }),
    ...(mattermost === undefined ? {} : { mattermost: mattermost.sandbox }),
    close: async () => {
      const closing = new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await Promise.all([closing, jitsi?.close(), mattermost?.close()]);
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function sendXml(res: ServerResponse, xml: string, status = 200, headers: Record<string, string> = {}): void {
  send(res, status, 'text/xml;charset=utf-8', xml, headers);
}

function sendHtml(res: ServerResponse, status: number, html: string, policy = CSP): void {
  send(res, status, 'text/html;charset=utf-8', html, {
    'Content-Security-Policy': policy,
    'Referrer-Policy': 'no-referrer',
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json;charset=utf-8', JSON.stringify(value));
}

function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  send(res, status, 'text/plain;charset=utf-8', `Redirecting to ${location}`, { Location: location });
}

/** Reads and discards a request body (at most MAX_BODY_BYTES); returns its size. */
async function drainBody(req: IncomingMessage): Promise<number> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
  }
  return size;
}

class SandboxApp {
  /** Origin used when a request has no usable Host header. */
  defaultOrigin = '';

  constructor(
    private readonly secret: string,
    private readonly algorithms: readonly ChecksumAlgorithm[],
    private readonly store: MeetingStore,
    private readonly calls: Map<string, number>,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const rawQuery = q === -1 ? '' : target.slice(q + 1);
    const method = req.method ?? 'GET';

    if (path === API_PREFIX || path === `${API_PREFIX}/`) {
      if (method !== 'GET') {
        req.resume();
        return sendXml(res, errorXml('unsupportedRequest', 'This request is not supported.'), 405, { Allow: 'GET' });
      }
      return sendXml(res, successXml([['version', '2.0']]));
    }
    if (path.startsWith(`${API_PREFIX}/`)) {
      return this.api(req, res, path.slice(API_PREFIX.length + 1), rawQuery, method);
    }
    if (method === 'GET' && path === '/') {
      return sendHtml(res, 200, homePage(this.store.list(), parseErrors(rawQuery)));
    }
    if (path === '/favicon.ico') return send(res, 204, 'text/plain;charset=utf-8', '');
    if (method === 'GET' && path === '/sandbox/stats') {
      return sendJson(res, 200, { calls: Object.fromEntries(this.calls) });
    }
    const page = /^\/sandbox\/meetings\/([a-z0-9]+)(?:\/(state|leave|end))?$/.exec(path);
    if (page) return this.meetingRoute(req, res, page[1] ?? '', page[2], method);
    return sendHtml(res, 404, notFoundPage());
  }

  // ---- BigBlueButton API -------------------------------------------------

  private async api(req: IncomingMessage, res: ServerResponse, call: string, rawQuery: string, method: string): Promise<void> {
    this.calls.set(call, (this.calls.get(call) ?? 0) + 1);
    const allowed = Object.hasOwn(METHODS, call) ? METHODS[call] : undefined;
    if (allowed === undefined) {
      req.resume();
      return sendXml(res, errorXml('unsupportedRequest', 'This request is not supported.'));
    }
    if (!allowed.includes(method)) {
      // BigBlueButton's URL mappings answer a method they do not map with 405.
      req.resume();
      return sendXml(res, errorXml('unsupportedRequest', `${call} does not accept ${method} requests.`), 405, {
        Allow: allowed.join(', '),
      });
    }
    let bodySize = 0;
    try {
      bodySize = await drainBody(req);
    } catch {
      return sendXml(res, errorXml('requestTooLarge', 'The request body is too large for the sandbox.'), 413);
    }

    if (!isChecksumValid(call, rawQuery, this.secret, this.algorithms)) {
      if (call === 'join') return this.joinError(req, res, new URLSearchParams(rawQuery), CHECKSUM_ERROR);
      return sendXml(res, errorXml(...CHECKSUM_ERROR));
    }
    if (bodySize > 0 && !contentTypeAllowed(call, req.headers['content-type'])) {
      return sendXml(res, errorXml('unsupportedContentType', 'POST request Content-Type is missing or unsupported'));
    }
    const search = new URLSearchParams(rawQuery);
    // The first value of a repeated name wins (BigBlueButton reads params.get(name)[0]).
    const params: Params = new Map([...search].reverse());

    switch (call) {
      case 'create':
        return sendXml(res, this.create(params));
      case 'join':
        return this.join(req, res, params, search);
      case 'isMeetingRunning':
        return sendXml(res, this.isMeetingRunning(params));
      case 'getMeetingInfo':
        return sendXml(res, this.getMeetingInfo(params));
      case 'getMeetings':
        return sendXml(res, meetingsXml(this.store.list()));
      case 'end':
        return sendXml(res, this.end(params));
      default:
        return sendXml(res, errorXml('unsupportedRequest', 'This request is not supported.'));
    }
  }

  private create(params: Params): string {
    const meetingID = params.get('meetingID') ?? '';
    const idProblem = checkMeetingID(meetingID);
    if (idProblem) return errorXml(...idProblem);
    const name = (params.get('name') ?? '').replace(CONTROL_CHARS, '');
    if (name.trim() === '') return errorXml('validationError', 'You must provide a meeting name');
    if (name.length < 2 || name.length > 256) {
      return errorXml('validationError', 'Meeting name must be between 2 and 256 characters');
    }
    const attendeePW = params.get('attendeePW');
    const moderatorPW = params.get('moderatorPW');
    for (const key of ['voiceBridge', 'duration', 'maxParticipants'] as const) {
      const value = params.get(key);
      if (value !== undefined && value !== '' && !/^-?\d+$/.test(value)) {
        return errorXml('validationError', `${key} must be an integral value`);
      }
    }

    const existing = this.store.get(meetingID);
    if (existing) {
      // Same passwords, or none given: the same meeting, with a warning.
      if ((existing.attendeePW === attendeePW && existing.moderatorPW === moderatorPW) || (!attendeePW && !moderatorPW)) {
        return createXml(existing, 'duplicateWarning', 'This conference was already in existence and may currently be in progress.');
      }
      return errorXml('idNotUnique', 'A meeting already exists with that meeting ID.  Please use a different meeting ID.');
    }

    const metadata = new Map<string, string>();
    for (const [key, value] of params) {
      if (/^meta_[a-zA-Z][a-zA-Z0-9-]*$/.test(key)) metadata.set(key.slice(5).toLowerCase(), value);
    }
    const int = (key: string): number | undefined => {
      const value = params.get(key);
      return value ? Number.parseInt(value, 10) : undefined;
    };
    const meeting = this.store.create({
      meetingID,
      name,
      attendeePW,
      moderatorPW,
      voiceBridge: params.get('voiceBridge'),
      dialNumber: params.get('dialNumber'),
      duration: int('duration'),
      maxUsers: int('maxParticipants'),
      welcome: params.get('welcome'),
      logo: params.get('logo'),
      logoutURL: webUrl(params.get('logoutURL')),
      metadata,
    });
    return createXml(meeting);
  }

  private join(req: IncomingMessage, res: ServerResponse, params: Params, search: URLSearchParams): void {
    const meetingID = params.get('meetingID') ?? '';
    const fullName = (params.get('fullName') ?? '').replace(CONTROL_CHARS, '');
    const createTime = params.get('createTime');

    const failure = ((): Failure | Meeting => {
      const idProblem = checkMeetingID(meetingID);
      if (idProblem) return idProblem;
      if (fullName.trim() === '') return ['missingParamFullName', 'You must provide your name'];
      if (createTime !== undefined && !/^-?\d+$/.test(createTime)) {
        return ['validationError', 'createTime must be an integral value'];
      }
      const meeting = this.store.get(meetingID);
      if (!meeting) {
        return this.store.getEnded(meetingID)
          ? ['meetingForciblyEnded', 'You can not join a meeting that has already been forcibly ended']
          : ['invalidMeetingIdentifier', 'A meeting with that ID does not exist'];
      }
      if (createTime !== undefined && createTime !== String(meeting.createTime)) {
        return ['mismatchCreateTimeParam', 'The createTime parameter submitted mismatches with the current meeting.'];
      }
      return meeting;
    })();
    if (!('internalMeetingID' in failure)) return this.joinError(req, res, search, failure);
    const meeting = failure;

    // Role: a valid `role` wins; otherwise the legacy password must match one of the meeting's.
    let role: Role;
    const roleParam = (params.get('role') ?? '').toLowerCase();
    const password = params.get('password') ?? '';
    if (roleParam === 'moderator' || roleParam === 'viewer') {
      role = roleParam === 'moderator' ? 'MODERATOR' : 'VIEWER';
    } else if (password !== '') {
      if (password === meeting.moderatorPW) role = 'MODERATOR';
      else if (password === meeting.attendeePW) role = 'VIEWER';
      // BigBlueButton answers these two in XML (never redirects), with this very messageKey.
      else return sendXml(res, errorXml('Params required', 'You must enter a valid password'));
    } else {
      return sendXml(
        res,
        errorXml('Params required', 'You must either send the valid role of the user, or the password, should the meeting has one.'),
      );
    }

    const userdata = new Map<string, string>();
    for (const [key, value] of params) if (key.startsWith('userdata-')) userdata.set(key.slice('userdata-'.length), value);
    const session = this.store.join(meeting, fullName, role, params.get('userID'), userdata, webUrl(params.get('logoutURL')));
    const url = `${this.origin(req)}/sandbox/meetings/${session.sessionToken}`;
    // Like Boolean.parseBoolean in bbb-web: absent or empty redirects, anything but "true" does not.
    const redirectParam = params.get('redirect') ?? '';
    if (redirectParam !== '' && redirectParam.toLowerCase() !== 'true') return sendXml(res, joinXml(session, url));
    return redirect(res, 302, url);
  }

  /**
   * A refused join. BigBlueButton does not answer these in XML: it redirects
   * (whatever `redirect` says) to the `logoutURL` (or its default) with
   * `errors=[{"key":...,"message":...}]` added to the query. The sandbox's
   * default is its home page, which shows the errors.
   */
  private joinError(req: IncomingMessage, res: ServerResponse, search: URLSearchParams, [key, message]: Failure): void {
    const logoutURL = webUrl(search.get('logoutURL') ?? undefined);
    const target = new URL(logoutURL ?? `${this.origin(req)}/`);
    const errors = `errors=${encodeURIComponent(JSON.stringify([{ key, message }]))}`;
    target.search = target.search ? `${target.search}&${errors}` : `?${errors}`;
    return redirect(res, 302, target.href);
  }

  private isMeetingRunning(params: Params): string {
    const meetingID = params.get('meetingID') ?? '';
    const idProblem = checkMeetingID(meetingID);
    if (idProblem) return errorXml(...idProblem);
    const meeting = this.store.get(meetingID);
    return successXml([['running', meeting !== undefined && isRunning(meeting)]]);
  }

  private getMeetingInfo(params: Params): string {
    const meetingID = params.get('meetingID') ?? '';
    const idProblem = checkMeetingID(meetingID);
    if (idProblem) return errorXml(...idProblem);
    const meeting = this.store.get(meetingID);
    return meeting ? meetingInfoXml(meeting) : errorXml(...NOT_FOUND);
  }

  private end(params: Params): string {
    const meetingID = params.get('meetingID') ?? '';
    const idProblem = checkMeetingID(meetingID);
    if (idProblem) return errorXml(...idProblem);
    const meeting = this.store.get(meetingID);
    if (!meeting) return errorXml(...NOT_FOUND);
    this.store.end(meeting);
    return successXml([
      ['messageKey', 'sentEndMeetingRequest'],
      [
        'message',
        'A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.',
      ],
    ]);
  }

  // ---- Meeting pages -----------------------------------------------------

  private meetingRoute(
    req: IncomingMessage,
    res: ServerResponse,
    token: string,
    action: string | undefined,
    method: string,
  ): void {
    const session = this.store.session(token);
    if (action === undefined && method === 'GET') {
      if (!session) return sendHtml(res, 404, notFoundPage());
      this.store.enter(session);
      return sendHtml(res, 200, meetingPage(session), csp(session.logoutURL));
    }
    if (action === 'state' && method === 'GET') {
      if (!session) return sendJson(res, 404, { error: 'unknown session' });
      // Also what branded the meeting: the create's logo and this join's client settings.
      return sendJson(res, 200, { ...meetingState(session), logo: session.meeting.logo ?? null, userdata: Object.fromEntries(session.userdata) });
    }
    if ((action === 'leave' || action === 'end') && method === 'POST') {
      req.resume();
      if (!session) return sendHtml(res, 404, notFoundPage());
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== 'null' && origin !== this.origin(req)) {
        return send(res, 403, 'text/plain;charset=utf-8', 'Cross-origin request refused');
      }
      if (action === 'end') {
        if (session.role !== 'MODERATOR') return send(res, 403, 'text/plain;charset=utf-8', 'Only moderators can end the meeting');
        this.store.end(session.meeting);
      } else {
        this.store.leave(session);
        // Leaving goes to the logoutURL, as BigBlueButton's client does; an ended meeting's page links to it.
        if (session.logoutURL) return redirect(res, 303, session.logoutURL);
      }
      return redirect(res, 303, `/sandbox/meetings/${token}`);
    }
    req.resume();
    return send(res, 405, 'text/plain;charset=utf-8', 'Method not allowed');
  }

  /** `http://` + the request's Host header, if it looks like a host; else the sandbox's own URL. */
  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    return host && /^[A-Za-z0-9.-]+(?::\d+)?$|^\[[0-9A-Fa-f:.]+\](?::\d+)?$/.test(host)
      ? `http://${host}`
      : this.defaultOrigin;
  }
}

/** A `logoutURL` BigBlueButton would follow: an absolute http(s) URL; anything else is ignored, like BigBlueButton. */
function webUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** BigBlueButton's meetingID rules: present, 2 to 256 characters, no comma. */
function checkMeetingID(meetingID: string): Failure | undefined {
  if (meetingID === '') return MISSING_MEETING_ID;
  if (meetingID.length < 2 || meetingID.length > 256) {
    return ['validationError', 'Meeting ID must be between 2 and 256 characters'];
  }
  if (meetingID.includes(',')) return ['validationError', "Meeting ID cannot contain ','"];
  return undefined;
}

/** Content types BigBlueButton accepts for a POST body (create also takes XML documents). */
function contentTypeAllowed(call: string, header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const allowed = ['application/x-www-form-urlencoded', 'multipart/form-data'];
  if (call === 'create') allowed.push('application/xml', 'text/xml');
  return allowed.includes(type);
}

/** Reads `errors=[{"key","message"}]` as added by a refused join's redirect. */
function parseErrors(rawQuery: string): { key: string; message: string }[] {
  const raw = new URLSearchParams(rawQuery).get('errors');
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((e): e is { key: unknown; message: unknown } => typeof e === 'object' && e !== null)
      .map((e) => ({ key: String(e.key), message: String(e.message) }))
      .slice(0, 10);
  } catch {
    return [];
  }
}
