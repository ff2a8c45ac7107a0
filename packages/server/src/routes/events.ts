import type { RoomStatus } from '@vereinsraum/protocol';
import type { RoomContext } from '../context.js';

/** Comment lines that keep proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before it reconnects (`retry:`). */
export const RETRY_MS = 5000;
/** How long a browser waits before it reconnects to a server that is shutting down: soon, to another instance. */
export const DRAIN_RETRY_MS = 1000;

/** One encoding per status value and stream kind, shared by all listeners (the service hands every listener the same object). */
const encoded = new WeakMap<RoomStatus, Map<string, Uint8Array>>();
const encoder = new TextEncoder();

/** The `status` event; on a stream for several rooms its data also names the room. */
function statusEvent(status: RoomStatus, room: string | undefined): Uint8Array {
  let forStatus = encoded.get(status);
  if (!forStatus) encoded.set(status, (forStatus = new Map()));
  let bytes = forStatus.get(room ?? '');
  if (!bytes) {
    bytes = encoder.encode(`event: status\ndata: ${JSON.stringify(room === undefined ? status : { room, ...status })}\n\n`);
    forStatus.set(room ?? '', bytes);
  }
  return bytes;
}

/** One room of an event stream: its id on a stream for several rooms, and how to listen to it. */
export interface StreamedRoom {
  room?: string;
  subscribe(listener: (status: RoomStatus) => void): () => void;
}

/**
 * `GET /v1/rooms/{tenant}/{room}/events`: Server-Sent Events. A `status`
 * event with the current status at once, then one on every change, and a
 * heartbeat comment every 15 s. The room is polled only while someone listens.
 */
export function eventsRoute(request: Request, { subscribe, openStream }: RoomContext): Promise<Response> {
  return Promise.resolve(eventStream(request, [{ subscribe }], openStream));
}

/**
 * An event stream for one or more rooms. `claim` takes the client's stream
 * slot first (and returns its release); then every room is subscribed before
 * the answer, so a refusal (`429 too_many_streams`, `503 server_busy`) comes
 * as a problem, not as a broken stream.
 */
export function eventStream(request: Request, rooms: StreamedRoom[], claim?: (close: () => void) => () => void): Response {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // When the server drains: a retry hint, then the end of the stream; the browser's EventSource reconnects.
  const drain = (): void => {
    send(`retry: ${DRAIN_RETRY_MS}\n\n`);
    stop();
    try {
      controller.close();
    } catch {
      // closed already
    }
  };
  const release = claim?.(drain);
  const unsubscribes: Array<() => void> = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    release?.();
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: stop,
  });
  const send = (chunk: string | Uint8Array): void => {
    try {
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    } catch {
      stop(); // the stream was closed under us
    }
  };
  send(`retry: ${RETRY_MS}\n\n`);
  try {
    for (const { room, subscribe } of rooms) unsubscribes.push(subscribe((status) => send(statusEvent(status, room))));
  } catch (error) {
    stop();
    throw error;
  }
  heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref?.();
  request.signal.addEventListener('abort', stop, { once: true });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx buffers responses by default; an event stream must not wait in a buffer.
      'x-accel-buffering': 'no',
    },
  });
}
