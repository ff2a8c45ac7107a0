/**
 * What the three stand-ins share as HTTP servers: answers with the sandbox's
 * headers, request bodies read with a limit, listening and closing, and the
 * shell of their pages, whose one inline style and script a
 * Content-Security-Policy allows by hash.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; a rejection becomes the stand-in's 500 answer. */
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The content type of plain text answers. */
export const TEXT = 'text/plain;charset=utf-8';

/** Answers with the whole body at once; `headers` are added to (or replace) the defaults. */
export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** A JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json;charset=utf-8', JSON.stringify(value), { 'Referrer-Policy': 'no-referrer' });
}

/** A page under its Content-Security-Policy, sending no referrer on. */
export function sendHtml(res: ServerResponse, status: number, html: string, policy: string, headers: Record<string, string> = {}): void {
  send(res, status, 'text/html;charset=utf-8', html, { 'Content-Security-Policy': policy, 'Referrer-Policy': 'no-referrer', ...headers });
}

/** A redirect with a short text body. */
export function redirect(res: ServerResponse, status: 302 | 303, location: string): void {
  send(res, status, TEXT, `Redirecting to ${location}`, { Location: location });
}

/** 405 with the methods that are allowed; the request body is discarded. */
export function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  req.resume();
  send(res, 405, TEXT, 'Method not allowed', { Allow: allow });
}

/** Thrown by {@link readBody} when a body is larger than its limit. */
export class BodyTooLarge extends RangeError {}

/** Reads a request body of at most `limit` bytes; throws {@link BodyTooLarge} past it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request target split into its path and its raw query (the bytes after `?`, not decoded). */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, rawQuery: '' } : { path: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

/** `http://` + the request's Host header if it looks like a host; else `fallback`. */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.-]+(?::\d+)?$|^\[[0-9A-Fa-f:.]+\](?::\d+)?$/.test(host) ? `http://${host}` : fallback;
}

/** A browser sent the request from another page's origin (an `Origin` that is neither `origin` nor `null`). */
export function isCrossOrigin(req: IncomingMessage, origin: string): boolean {
  const from = req.headers.origin;
  return from !== undefined && from !== 'null' && from !== origin;
}

/** A listening stand-in. */
export interface Listening {
  /** `http://` + {@link authority}. */
  readonly url: string;
  /** `host:port`, an IPv6 host in brackets. */
  readonly authority: string;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Where and how a stand-in listens. */
export interface ListenOptions {
  /** 0 for a random free port. */
  port: number;
  host: string;
  /** Prefix of its error log lines, e.g. `sandbox/jitsi`. */
  label: string;
  /** Its answer when a handler fails before answering; default a plain 500. */
  internalError?(res: ServerResponse): void;
}

function internalServerError(res: ServerResponse): void {
  send(res, 500, TEXT, 'Internal sandbox error');
}

/** Serves `handle` on `host:port` once the port is bound. */
export async function listen(
  handle: Handler,
  { port, host, label, internalError = internalServerError }: ListenOptions,
): Promise<Listening> {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) internalError(res);
      else res.destroy();
      console.error(`[${label}]`, error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const authority = `${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${authority}`,
    authority,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---- Pages ----------------------------------------------------------------

// Characters XML 1.0 does not allow at all; they are dropped.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML or HTML content and attribute values. */
export function escapeText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A Content-Security-Policy source that allows exactly this inline style or script. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The start of every stand-in's style: the page, its column and the banner that says it is a sandbox. */
export const BASE_STYLE = `
body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
.banner{background:#fff3b0;color:#1a1a1a;border-bottom:3px solid #8a6d00;padding:.75rem 1rem;font-weight:700;margin:0}
`;

/** What a page is made of. `style` and `script` must be the texts whose hashes the page's policy names. */
export interface PageParts {
  title: string;
  style: string;
  /** The banner's German and English text (what this stand-in is not). */
  banner: readonly [de: string, en: string];
  /** HTML of the `<main>` element's content. */
  body: string;
  /** Attributes of `<main>`, as HTML (escaped by the caller). */
  main?: string;
  script?: string | undefined;
}

/** A whole page: English with German beside it, the sandbox banner on top, no referrer sent on. */
export function page({ title, style, banner: [de, en], body, main = '', script }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeText(title)}</title>
<style>${style}</style>
</head>
<body>
<p class="banner" role="note"><span lang="de">${de}</span> / ${en}</p>
<main${main}>
${body}
</main>
${script === undefined ? '' : `<script>${script}</script>\n`}</body>
</html>
`;
}
