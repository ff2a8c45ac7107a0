// Writing answers to a Node response: a Web `Response` (a JSON text at once, an event stream straight to the
// socket, any other body streamed), and the adapter's own problem+json refusals.
import type { ServerResponse } from 'node:http';
import { HttpError, problemParts } from '../errors.js';
import { bodyText, type EventSink, eventSink } from '../plain-request.js';
import type { BadRequestTarget } from './request.js';

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
 *
 * @internal
 */
export function sendInternalError(res: ServerResponse): void {
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
 * How many bytes of events may wait for a client that does not read them
 * (beyond what the socket's buffers hold) before its stream is closed: events
 * are a few hundred bytes, so a client that reads never comes near it, and one
 * that stopped reading no longer collects memory. A browser that reads again
 * reconnects (`EventSource`).
 *
 * @internal
 */
export const MAX_UNREAD_EVENT_BYTES = 64 * 1024;

/**
 * An event stream: its events are written to `res` as they come, without a
 * Web stream (what an open stream keeps is this function's closures and the
 * stream's own state). `false` when a reader of the body has them already.
 */
function attachEvents(res: ServerResponse, events: EventSink): boolean {
  const stop = events(
    (chunk) => {
      if (!res.write(chunk) && res.writableLength > MAX_UNREAD_EVENT_BYTES) res.destroy();
    },
    () => res.end(),
  );
  if (!stop) return false;
  if (res.destroyed) stop();
  else res.once('close', stop);
  return true;
}
