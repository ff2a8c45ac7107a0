// The Node adapter's entry: the request listener that runs a handler, and `serve`, which listens with it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES } from '@vereinsraum/protocol';
import type { Handler } from '../context.js';
import { PLAIN_REQUESTS } from '../plain-request.js';
import { plainRequest } from './light-request.js';
import { type BadRequestTarget, checkOptions, type NodeAdapterOptions, requestInfo, toWebRequest } from './request.js';
import { sendBadRequest, sendInternalError, sendWebResponse } from './response.js';

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
