/**
 * The BigBlueButton stand-in's HTTP server: the API under
 * `/bigbluebutton/api` (see `api.ts`), meeting pages under
 * `/sandbox/meetings`, a home page and `/sandbox/stats`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCrossOrigin, listen, methodNotAllowed, redirect, requestOrigin, send, sendHtml, sendJson, splitTarget, TEXT } from '../http.js';
import { API_PREFIX, BbbApi } from './api.js';
import { ALL_ALGORITHMS } from './checksum.js';
import type { ChecksumAlgorithm } from './checksum.js';
import { type Meeting, MeetingStore } from './meetings.js';
import { CSP, csp, homePage, meetingPage, meetingState, notFoundPage } from './pages.js';

/** What the BigBlueButton stand-in is started with (see `SandboxOptions`). */
export interface BbbOptions {
  secret: string;
  algorithms?: ChecksumAlgorithm[] | undefined;
  port?: number | undefined;
  /** The clock of createTime, startTime and endTime (ms since the epoch); default `Date.now`. */
  now?: (() => number) | undefined;
}

/** The running BigBlueButton stand-in. */
export interface RunningBbb {
  readonly url: string;
  readonly apiUrl: string;
  /** API calls received per call name. A snapshot. */
  readonly calls: Record<string, number>;
  /** End callbacks made (`meta_endCallbackUrl` of ended meetings), with how they were answered. A snapshot. */
  readonly endCallbacks: ReadonlyArray<{ url: string; status: number | null }>;
  close(): Promise<void>;
}

/** Checks the options and starts the BigBlueButton stand-in on `host`. */
export async function startBbb(options: BbbOptions, host: string): Promise<RunningBbb> {
  if (typeof options.secret !== 'string' || options.secret === '') {
    throw new TypeError('startSandbox: options.secret must be a non-empty string');
  }
  const algorithms = options.algorithms ?? [...ALL_ALGORITHMS];
  if (algorithms.length === 0 || algorithms.some((a) => !ALL_ALGORITHMS.includes(a))) {
    throw new TypeError(`startSandbox: options.algorithms must be a non-empty subset of ${ALL_ALGORITHMS.join(', ')}`);
  }
  const app = new BbbApp(options.secret, algorithms, options.now ?? Date.now);
  const server = await listen((req, res) => app.handle(req, res), {
    port: options.port ?? 0,
    host,
    label: 'sandbox',
  });
  app.defaultOrigin = server.url;
  return {
    url: server.url,
    apiUrl: server.url + API_PREFIX,
    get calls() {
      return Object.fromEntries(app.api.calls);
    },
    get endCallbacks() {
      return [...app.endCallbacks];
    },
    close: async () => {
      await Promise.allSettled(app.pending);
      await server.close();
    },
  };
}

class BbbApp {
  /** Origin used when a request has no usable Host header. */
  defaultOrigin = '';
  readonly #store: MeetingStore;
  readonly api: BbbApi;
  readonly endCallbacks: Array<{ url: string; status: number | null }> = [];
  /** End callbacks under way. */
  readonly pending = new Set<Promise<void>>();

  constructor(secret: string, algorithms: readonly ChecksumAlgorithm[], now: () => number) {
    this.#store = new MeetingStore(now, (meeting) => this.endCallback(meeting));
    this.api = new BbbApi(secret, algorithms, this.#store, (req) => this.origin(req));
  }

  /**
   * Like BigBlueButton, a GET of the meeting's `meta_endCallbackUrl` once it
   * ended, with `meetingID` (and `recordingmarks`) added to its query.
   */
  private endCallback(meeting: Meeting): void {
    const target = meeting.metadata.get('endcallbackurl');
    if (!target) return;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return;
    }
    url.searchParams.append('recordingmarks', 'false');
    url.searchParams.append('meetingID', meeting.meetingID);
    const record: { url: string; status: number | null } = { url: url.href, status: null };
    this.endCallbacks.push(record);
    const call = fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) }).then(
      async (response) => {
        record.status = response.status;
        await response.body?.cancel();
      },
      () => {},
    );
    this.pending.add(call);
    void call.finally(() => this.pending.delete(call));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, rawQuery } = splitTarget(req.url ?? '/');
    const method = req.method ?? 'GET';

    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      return this.api.serve(req, res, path.slice(API_PREFIX.length), rawQuery);
    }
    if (method === 'GET' && path === '/') {
      return sendHtml(res, 200, homePage(this.#store.list(), parseErrors(rawQuery)), CSP);
    }
    if (path === '/favicon.ico') return send(res, 204, TEXT, '');
    if (method === 'GET' && path === '/sandbox/stats') {
      return sendJson(res, 200, { calls: Object.fromEntries(this.api.calls) });
    }
    const page = /^\/sandbox\/meetings\/([a-z0-9]+)(?:\/(state|leave|end))?$/.exec(path);
    if (page) return this.meetingRoute(req, res, page[1] ?? '', page[2], method);
    return sendHtml(res, 404, notFoundPage(), CSP);
  }

  /** A meeting page, its state for the page's refresh, and its Leave and End buttons. */
  private meetingRoute(req: IncomingMessage, res: ServerResponse, token: string, action: string | undefined, method: string): void {
    const session = this.#store.session(token);
    if (action === undefined && method === 'GET') {
      if (!session) return sendHtml(res, 404, notFoundPage(), CSP);
      this.#store.enter(session);
      return sendHtml(res, 200, meetingPage(session), csp(session.logoutURL));
    }
    if (action === 'state' && method === 'GET') {
      if (!session) return sendJson(res, 404, { error: 'unknown session' });
      // Also what branded the meeting: the create's logo and this join's client settings.
      return sendJson(res, 200, {
        ...meetingState(session),
        logo: session.meeting.logo ?? null,
        userdata: Object.fromEntries(session.userdata),
      });
    }
    if ((action === 'leave' || action === 'end') && method === 'POST') {
      req.resume();
      if (!session) return sendHtml(res, 404, notFoundPage(), CSP);
      if (isCrossOrigin(req, this.origin(req))) return send(res, 403, TEXT, 'Cross-origin request refused');
      if (action === 'end') {
        if (session.role !== 'MODERATOR') return send(res, 403, TEXT, 'Only moderators can end the meeting');
        this.#store.end(session.meeting);
      } else {
        this.#store.leave(session);
        // Leaving goes to the logoutURL, as BigBlueButton's client does; an ended meeting's page links to it.
        if (session.logoutURL) return redirect(res, 303, session.logoutURL);
      }
      return redirect(res, 303, `/sandbox/meetings/${token}`);
    }
    return methodNotAllowed(req, res, action === 'leave' || action === 'end' ? 'POST' : 'GET');
  }

  /** The stand-in's origin as the request's Host header names it; else its own URL. */
  private origin(req: IncomingMessage): string {
    return requestOrigin(req, this.defaultOrigin);
  }
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
