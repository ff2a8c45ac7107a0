import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ErrorCode, MAX_BODY_BYTES } from '@vereinsraum/protocol';
import { HttpError, problemParts } from '../errors.js';
import type { Handler, RequestInfo } from '../context.js';
import { bodyText, type EventSink, eventSink, PLAIN_REQUESTS, readBody, withBody } from '../plain-request.js';

/** Options of the Node adapter. */
export interface NodeAdapterOptions {
  /**
   * The public origin of the server (`https://rooms.example.org`), used to
   * build request URLs behind a reverse proxy. Without it, the origin is
   * `http://` plus the request's Host header, and only Host headers that are
   * loopback (`localhost`, `127.x.x.x`, `[::1]`) or in `allowedHosts` are
   * answered: any other gets `421 host_not_allowed`, so that a page of another
   * name that resolves to this server (DNS rebinding) does not count as the
   * server's own origin.
   */
  publicOrigin?: string;
  /**
   * Without `publicOrigin`: more Host headers to answer besides loopback
   * ones, as host names or addresses (`rooms.local`, `192.168.1.20`, any port)
   * or with a port (`rooms.local:8080`, only that port). IPv6 addresses in
   * brackets (`[fd00::1]`). Ignored with `publicOrigin`.
   */
  allowedHosts?: string[];
  /**
   * Behind a reverse proxy: take the client's address from the last entry of
   * `X-Forwarded-For` (the one your proxy added) instead of the socket.
   */
  trustProxy?: boolean;
}

/**
 * A request the adapter does not hand to the handler: a target that is not a
 * plain path, a Host header that is not a host (`400 bad_request`) or not one
 * this server answers for (`421 host_not_allowed`), or a method a Web
 * `Request` cannot carry (`405 method_not_allowed`). Answered as problem+json
 * by {@link sendBadRequest}.
 */
export class BadRequestTarget extends HttpError {
  constructor(detail: string, status = 400, code: ErrorCode = 'bad_request', headers?: Record<string, string>) {
    super(status, code, detail, undefined, headers);
    this.name = 'BadRequestTarget';
  }
}

/** Every method the handler answers somewhere; what a refused method's `Allow` names. */
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';
/** Methods a Web `Request` refuses (fetch's forbidden methods). Node's parser lets `TRACE` through. */
const FORBIDDEN_METHODS = /^(?:CONNECT|TRACE|TRACK)$/i;
/** A Host header: a host name or IPv4 address, or an IPv6 address in brackets, with an optional port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** Loopback hosts, answered without a public origin: `localhost`, 127.0.0.0/8, `[::1]`, with any port. */
const LOOPBACK = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::\d{1,5})?$/i;

/** Whether the server answers for `host` (a syntactically valid Host header) when it has no public origin. */
function hostAllowed(host: string, allowed: readonly string[] = []): boolean {
  if (LOOPBACK.test(host)) return true;
  const lower = host.toLowerCase();
  const name = lower.replace(/:\d+$/, '');
  return allowed.some((entry) => {
    const wanted = entry.toLowerCase();
    return wanted === lower || wanted === name;
  });
}

/**
 * Check the options once, when a listener is made.
 *
 * @throws TypeError for an `allowedHosts` entry that is not a host, so that a typo does not silently refuse every visitor.
 * @internal
 */
export function checkOptions(options: NodeAdapterOptions): void {
  for (const host of options.allowedHosts ?? []) {
    if (!HOST.test(host))
      throw new TypeError(`allowed host "${host}" is not a host name or address (e.g. rooms.local, rooms.local:8080, [fd00::1])`);
  }
}

/**
 * Turn a Node request into a Web `Request`. `body` replaces the stream when a
 * framework has already read it (Express' `express.json()`).
 *
 * @throws {@link BadRequestTarget} for a request the handler must not see: a
 * target that is not a plain path (`//evil.example/…` would otherwise become
 * that host's URL), a bad or foreign Host header, a method a `Request` cannot
 * have. Nothing else escapes: any other failure becomes a `BadRequestTarget` too.
 */
export function toWebRequest(req: IncomingMessage, options: NodeAdapterOptions = {}, body?: string | Uint8Array): Request {
  try {
    return webRequest(req, options, body);
  } catch (error) {
    if (error instanceof BadRequestTarget) throw error;
    throw new BadRequestTarget('the request cannot be read');
  }
}

function webRequest(req: IncomingMessage, options: NodeAdapterOptions, body: string | Uint8Array | undefined): Request {
  const { url, method } = checkedTarget(req, options);
  const controller = new AbortController();
  req.once('close', () => !req.complete && controller.abort());
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers: headersOf(req),
    signal: controller.signal,
    ...(hasBody ? { body: body ?? bodyStream(req), duplex: 'half' } : {}),
  } as RequestInit);
}

/** The request's URL and method, after the checks {@link toWebRequest} names. */
function checkedTarget(req: IncomingMessage, options: NodeAdapterOptions): { url: URL; method: string } {
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) throw new BadRequestTarget('the request target must be a path');
  const host = req.headers.host ?? 'localhost';
  if (!options.publicOrigin) {
    if (!HOST.test(host)) throw new BadRequestTarget('the Host header is not a valid host');
    if (!hostAllowed(host, options.allowedHosts)) {
      throw new BadRequestTarget(
        'This server does not answer for this Host. Its operator sets the public origin, or lists the host.',
        421,
        'host_not_allowed',
      );
    }
  }
  const method = req.method ?? 'GET';
  if (FORBIDDEN_METHODS.test(method)) {
    throw new BadRequestTarget(`Use ${ALLOWED_METHODS}.`, 405, 'method_not_allowed', { allow: ALLOWED_METHODS });
  }
  try {
    return { url: new URL(`${options.publicOrigin ?? `http://${host}`}${target}`), method };
  } catch {
    throw new BadRequestTarget('the request target is not a valid path');
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

/**
 * What a handler marked with {@link PLAIN_REQUESTS} gets instead of a Web
 * `Request`: the same checks, the same `method`, `url`, `headers`, `body` and
 * `signal`, each made when it is first read (a join reads its body, a status
 * request none; only an event stream reads its signal). Anything else a
 * `Request` has is answered by a real one, made then. About a sixth of an
 * attendee join's time was making the `Request` (its URL, headers, body
 * stream and two abort signals).
 */
class PlainRequest {
  readonly method: string;
  readonly url: string;
  readonly #req: IncomingMessage;
  readonly #bytes: Uint8Array | undefined;
  #headers: Headers | undefined;
  #signal: AbortSignal | undefined;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #request: Request | undefined;

  constructor(req: IncomingMessage, options: NodeAdapterOptions, bytes: Uint8Array | undefined) {
    const { url, method } = checkedTarget(req, options);
    this.method = method;
    this.url = url.href;
    this.#req = req;
    this.#bytes = bytes;
    if (bytes) withBody(this, bytes);
  }

  get headers(): Headers {
    return (this.#headers ??= headersOf(this.#req));
  }

  get signal(): AbortSignal {
    if (!this.#signal) {
      const controller = new AbortController();
      const req = this.#req;
      if (req.closed) {
        if (!req.complete) controller.abort();
      } else req.once('close', () => !req.complete && controller.abort());
      this.#signal = controller.signal;
    }
    return this.#signal;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) {
      if (this.method === 'GET' || this.method === 'HEAD') this.#body = null;
      else if (!this.#bytes) this.#body = bodyStream(this.#req);
      else {
        // Unless `readJsonObject` has taken it already (then it is used: none left).
        const bytes = readBody(this);
        this.#body = bytes
          ? new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(bytes);
                controller.close();
              },
            })
          : null;
      }
    }
    return this.#body;
  }

  /** A real `Request` with the same parts, for whatever else is asked. */
  static real(request: PlainRequest): Request {
    const body = request.body;
    return (request.#request ??= new Request(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(body ? { body, duplex: 'half' } : {}),
    } as RequestInit));
  }

  static {
    Object.setPrototypeOf(PlainRequest.prototype, Request.prototype);
    const own = new Set(['constructor', 'method', 'url', 'headers', 'signal', 'body']);
    for (const name of Object.getOwnPropertyNames(Request.prototype)) {
      if (own.has(name)) continue;
      const { value, get } = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
      Object.defineProperty(
        PlainRequest.prototype,
        name,
        typeof value === 'function'
          ? {
              value(this: PlainRequest, ...args: unknown[]) {
                return (value as (...a: unknown[]) => unknown).apply(PlainRequest.real(this), args);
              },
            }
          : {
              get(this: PlainRequest) {
                return get?.call(PlainRequest.real(this));
              },
            },
      );
    }
  }
}

/** A {@link PlainRequest}, typed as the `Request` it stands in for; its errors as {@link toWebRequest}'s. */
function plainRequest(req: IncomingMessage, options: NodeAdapterOptions, body: Uint8Array | undefined): Request {
  try {
    return new PlainRequest(req, options, body) as unknown as Request;
  } catch (error) {
    if (error instanceof BadRequestTarget) throw error;
    throw new BadRequestTarget('the request cannot be read');
  }
}

/**
 * The request's body as a Web stream, read as the handler asks for it.
 * Not `Readable.toWeb`: on Node 20, data that arrives after the handler
 * stopped reading (a body over the limit) makes it throw out of the request's
 * `data` listener, which stops the process (nodejs/node#54205). Here a cancel
 * drops the rest of the body, and the connection stays for the answer.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer): void => {
    if (!open) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const finish = (end: (c: ReadableStreamDefaultController<Uint8Array>) => void): void => {
    if (!open) return;
    open = false;
    req.off('data', onData);
    end(controller);
  };
  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      req.on('data', onData);
      req.once('end', () => finish((c) => c.close()));
      req.once('error', (error) => finish((c) => c.error(error)));
      // Closed before its end: the client went away in the middle of the body.
      req.once('close', () => finish((c) => c.error(new Error('the request ended before its body'))));
    },
    pull() {
      req.resume();
    },
    cancel() {
      finish(() => undefined);
      req.resume(); // read the rest and drop it
    },
  });
}

/** What the handler may know about the connection: the client's address. */
export function requestInfo(req: IncomingMessage, options: NodeAdapterOptions = {}): RequestInfo {
  const forwarded = options.trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .pop()
        ?.trim()
    : undefined;
  const clientAddress = forwarded || req.socket.remoteAddress;
  return clientAddress ? { clientAddress } : {};
}

/** Answer a request the adapter could not convert, as problem+json, and close the connection (its body is not read). */
export function sendBadRequest(res: ServerResponse, error: BadRequestTarget): void {
  sendProblem(res, error, { connection: 'close' });
}

/** Write an {@link HttpError} as problem+json; `extra` headers added. */
function sendProblem(res: ServerResponse, error: HttpError, extra: Record<string, string> = {}): void {
  const { body, headers } = problemParts(error);
  res.writeHead(error.status, { ...headers, ...extra, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/**
 * The last resort when the handler or the writing of its answer failed: a
 * `500 internal_error` if nothing was sent yet, else the end of the answer.
 * The process keeps running.
 */
function sendInternalError(res: ServerResponse): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendProblem(res, new HttpError(500, 'internal_error', 'Something went wrong on the server. Try again later.'));
}

/** Write a Web `Response` to a Node response, streaming its body. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // A JSON answer's text is known: written at once with its length, its body stream never read.
  const text = bodyText(response);
  if (text !== undefined) headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  if (text !== undefined || !response.body) {
    res.end(text);
    return;
  }
  const events = eventSink(response);
  if (events && attachEvents(res, events)) return;
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) {
        // Wait for the client to take more, or to go away.
        await new Promise<void>((resolve) => {
          const go = (): void => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.on('drain', go);
          res.on('close', go);
        });
      }
    }
  } finally {
    res.end();
  }
}

/**
 * An event stream: its events are written to `res` as they come, without a
 * Web stream (what an open stream keeps is this function's closures and the
 * stream's own state). `false` when a reader of the body has them already.
 */
function attachEvents(res: ServerResponse, events: EventSink): boolean {
  const stop = events(
    (chunk) => void res.write(chunk),
    () => res.end(),
  );
  if (!stop) return false;
  if (res.destroyed) stop();
  else res.once('close', stop);
  return true;
}

/**
 * A `node:http` request listener that runs the handler. The server is yours:
 * start the handler's background work when it listens, and stop it when it
 * closes (or use {@link serve}, which does both).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener } from '@vereinsraum/server/node';
 * const server = createServer(toNodeListener(handler)).listen(8080, () => handler.start());
 * server.on('close', () => handler.stop());
 * ```
 */
export function toNodeListener(handler: Handler, options: NodeAdapterOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  checkOptions(options);
  const plain = (handler as Partial<Record<typeof PLAIN_REQUESTS, boolean>>)[PLAIN_REQUESTS] === true;
  const run = (req: IncomingMessage, res: ServerResponse, body?: Uint8Array): void => {
    let request: Request;
    try {
      request = plain ? plainRequest(req, options, body) : toWebRequest(req, options, body);
    } catch (error) {
      return sendBadRequest(res, error as BadRequestTarget);
    }
    // Nothing the handler throws, synchronously or not, may escape the listener: it would stop the process.
    Promise.resolve()
      .then(() => handler(request, requestInfo(req, options)))
      .then((response) => sendWebResponse(res, response))
      .catch(() => sendInternalError(res));
  };
  return (req, res) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (!(declared > 0 && declared <= MAX_BODY_BYTES) || req.method === 'GET' || req.method === 'HEAD') return run(req, res);
    // A small body of a declared length (a join, a booking) is read first: one buffer instead of a Web stream per request.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => run(req, res, Buffer.concat(chunks)));
    // Gone before the end of its body: nobody waits for an answer.
    req.once('error', () => req.destroy());
  };
}

/** Background work a handler may have (`createHandler`'s: the purge of old bookings, mail retries). */
export interface Lifecycle {
  start(): void;
  stop(): void;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port` it listens on. */
  url: string;
  server: Server;
  /**
   * Stop listening and stop the handler's background work. Open connections
   * are closed at once; with `graceMs`, requests under way get that long to
   * finish first (idle keep-alive connections are closed at once).
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listen on `port` (0 for any free one) and `host` (default `127.0.0.1`).
 * A handler with background work (`createHandler`'s) is started once the
 * server listens, and stopped by `close()`.
 *
 * @example
 * ```ts
 * const { url, close } = await serve(createHandler(config, { store }), { port: 8080 });
 * ```
 */
export async function serve(
  handler: Handler & Partial<Lifecycle>,
  options: NodeAdapterOptions & { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createServer(toNodeListener(handler, options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  handler.start?.();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: (graceMs = 0) =>
      new Promise<void>((resolve, reject) => {
        handler.stop?.();
        let timer: ReturnType<typeof setTimeout> | undefined;
        server.close((error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        });
        if (graceMs <= 0) return void server.closeAllConnections();
        server.closeIdleConnections();
        timer = setTimeout(() => server.closeAllConnections(), graceMs);
      }),
  };
}
