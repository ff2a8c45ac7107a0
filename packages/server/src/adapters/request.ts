// The Node adapter's side of a request: its options, the checks before the handler sees a request, the Web
// `Request` made from a Node one, its body as a Web stream, and the client's address.
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '@vereinsraum/protocol';
import { HttpError } from '../errors.js';
import type { RequestInfo } from '../context.js';

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

/**
 * The request's URL and method, after the checks {@link toWebRequest} names.
 *
 * @internal
 */
export function checkedTarget(req: IncomingMessage, options: NodeAdapterOptions): { url: URL; method: string } {
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

/** The request's headers as Web `Headers`, in their order. @internal */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

/**
 * The request's body as a Web stream, read as the handler asks for it.
 * Not `Readable.toWeb`: on Node 20, data that arrives after the handler
 * stopped reading (a body over the limit) makes it throw out of the request's
 * `data` listener, which stops the process (nodejs/node#54205). Here a cancel
 * drops the rest of the body, and the connection stays for the answer.
 *
 * @internal
 */
export function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
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
