import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Handler, RequestInfo } from '../handler.js';

/** Options of the Node adapter. */
export interface NodeAdapterOptions {
  /**
   * The public origin of the server (`https://rooms.example.org`), used to
   * build request URLs behind a reverse proxy. Default: `http://` plus the
   * request's Host header.
   */
  publicOrigin?: string;
  /**
   * Behind a reverse proxy: take the client's address from the last entry of
   * `X-Forwarded-For` (the one your proxy added) instead of the socket.
   */
  trustProxy?: boolean;
}

/** The request is not one the adapter can turn into a `Request` (bad Host, absolute-form or `//` target). */
export class BadRequestTarget extends Error {}

/**
 * Turn a Node request into a Web `Request`. `body` replaces the stream when a
 * framework has already read it (Express' `express.json()`).
 *
 * @throws {@link BadRequestTarget} for a target that is not a plain path: a
 * target like `//evil.example/…` would otherwise become that host's URL.
 */
export function toWebRequest(req: IncomingMessage, options: NodeAdapterOptions = {}, body?: string): Request {
  const target = req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) throw new BadRequestTarget('the request target must be a path');
  const host = req.headers.host ?? 'localhost';
  if (!options.publicOrigin && !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) {
    throw new BadRequestTarget('the Host header is not a valid host');
  }
  let url: URL;
  try {
    url = new URL(`${options.publicOrigin ?? `http://${host}`}${target}`);
  } catch {
    throw new BadRequestTarget('the request target is not a valid path');
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const controller = new AbortController();
  req.once('close', () => !req.complete && controller.abort());
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: body ?? (Readable.toWeb(req) as ReadableStream<Uint8Array>), duplex: 'half' } : {}),
  } as RequestInit);
}

/** What the handler may know about the connection: the client's address. */
export function requestInfo(req: IncomingMessage, options: NodeAdapterOptions = {}): RequestInfo {
  const forwarded = options.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : undefined;
  const clientAddress = forwarded || req.socket.remoteAddress;
  return clientAddress ? { clientAddress } : {};
}

/** Answer a request the adapter could not convert. */
export function sendBadRequest(res: ServerResponse, error: BadRequestTarget): void {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`Bad request: ${error.message}.\n`);
}

/** Write a Web `Response` to a Node response, streaming its body. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
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
 * A `node:http` request listener that runs the handler.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener } from '@vereinsraum/server/node';
 * createServer(toNodeListener(handler)).listen(8080);
 * ```
 */
export function toNodeListener(handler: Handler, options: NodeAdapterOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let request: Request;
    try {
      request = toWebRequest(req, options);
    } catch (error) {
      if (error instanceof BadRequestTarget) return sendBadRequest(res, error);
      throw error;
    }
    handler(request, requestInfo(req, options))
      .then((response) => sendWebResponse(res, response))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      });
  };
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port` it listens on. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listen on `port` (0 for any free one) and `host` (default `127.0.0.1`).
 *
 * @example
 * ```ts
 * const { url, close } = await serve(handler, { port: 8080 });
 * ```
 */
export async function serve(handler: Handler, options: NodeAdapterOptions & { port?: number; host?: string } = {}): Promise<RunningServer> {
  const server = createServer(toNodeListener(handler, options));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
