import type { RoomStatus } from '@vereinsraum/protocol';
import type { RoomContext } from './context.js';

/** Comment lines that keep proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before it reconnects (`retry:`). */
export const RETRY_MS = 5000;

/**
 * `GET /v1/rooms/{tenant}/{room}/events`: Server-Sent Events. A `status`
 * event with the current status at once, then one on every change, and a
 * heartbeat comment every 15 s. The room is polled only while someone listens.
 */
/** One encoding per status value, shared by all its listeners (the service hands every listener the same object). */
const encoded = new WeakMap<RoomStatus, Uint8Array>();
const encoder = new TextEncoder();

function statusEvent(status: RoomStatus): Uint8Array {
  let bytes = encoded.get(status);
  if (!bytes) {
    bytes = encoder.encode(`event: status\ndata: ${JSON.stringify(status)}\n\n`);
    encoded.set(status, bytes);
  }
  return bytes;
}

export async function eventsRoute(request: Request, { subscribe }: RoomContext): Promise<Response> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let stop = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => stop(),
  });
  const send = (chunk: string | Uint8Array): void => {
    try {
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    } catch {
      stop(); // the stream was closed under us
    }
  };
  send(`retry: ${RETRY_MS}\n\n`);
  // Throws 503 before any answer when the server has as many listeners as it allows.
  const unsubscribe = subscribe((status: RoomStatus) => send(statusEvent(status)));
  const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref?.();
  stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.signal.addEventListener('abort', () => stop(), { once: true });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx buffers responses by default; an event stream must not wait in a buffer.
      'x-accel-buffering': 'no',
    },
  });
}
