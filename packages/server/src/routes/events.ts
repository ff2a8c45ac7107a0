import type { RoomStatus } from '@vereinsraum/protocol';
import type { RoomContext } from '../context.js';
import { withEvents } from '../plain-request.js';

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

/** Every open stream, for the heartbeat: one timer for all of them (instead of one per stream). */
const open = new Set<EventStream>();
let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/**
 * One open event stream. A class and not closures: with 10,000 viewers on an
 * instance, every object an open stream keeps counts (see docs/performance.md).
 */
class EventStream {
  /** Events wait here until a Web reader asks for them or the adapter's sink takes them. */
  private pending: Uint8Array[] | undefined = [];
  controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private sink: ((chunk: Uint8Array) => void) | undefined;
  private end: (() => void) | undefined;
  private stopped = false;
  private readonly unsubscribes: Array<() => void> = [];
  private release: (() => void) | undefined;

  /** `request`: its signal is read only if a Web reader comes (the adapter's sink ends the stream itself). */
  constructor(private request: Request | undefined) {}

  /** Take the client's slot, subscribe every room: a refusal throws, with nothing left open. */
  open(rooms: StreamedRoom[], claim: ((close: () => void) => () => void) | undefined): void {
    this.release = claim?.(this.drain);
    this.send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
    try {
      for (const { room, subscribe } of rooms)
        this.unsubscribes.push(subscribe(room === undefined ? this.status : (status) => this.send(statusEvent(status, room))));
    } catch (error) {
      this.stop();
      throw error;
    }
    open.add(this);
    heartbeatTimer ??= setInterval(() => {
      for (const stream of open) stream.send(HEARTBEAT);
    }, HEARTBEAT_MS);
    heartbeatTimer.unref?.();
  }

  send(chunk: Uint8Array): void {
    if (this.pending) this.pending.push(chunk);
    else if (this.sink) this.sink(chunk);
    else {
      try {
        this.controller!.enqueue(chunk);
      } catch {
        this.stop(); // the stream was closed under us
      }
    }
  }

  /** A room's new status, on a stream for one room. */
  private readonly status = (status: RoomStatus): void => this.send(statusEvent(status, undefined));

  /** A Web reader reads the body: the events go into it from now on. */
  toWeb(): void {
    if (!this.pending) return;
    for (const chunk of this.pending) this.controller!.enqueue(chunk);
    this.pending = undefined;
    this.request?.signal.addEventListener('abort', this.stop, { once: true });
    this.request = undefined;
  }

  /** The adapter writes the events to its socket; `undefined` when a reader has them already. */
  attach(write: (chunk: Uint8Array) => void, close: () => void): (() => void) | undefined {
    if (!this.pending) return undefined;
    this.sink = write;
    this.end = close;
    this.request = undefined;
    this.controller = undefined;
    for (const chunk of this.pending) write(chunk);
    this.pending = undefined;
    return this.stop;
  }

  /** When the server drains: a retry hint, then the end of the stream; the browser's EventSource reconnects. */
  readonly drain = (): void => {
    this.send(encoder.encode(`retry: ${DRAIN_RETRY_MS}\n\n`));
    this.stop();
    if (this.end) return this.end();
    this.toWeb();
    try {
      this.controller?.close();
    } catch {
      // closed already
    }
  };

  /** The end of the stream, however it came; again does nothing. */
  readonly stop = (): void => {
    if (this.stopped) return;
    this.stopped = true;
    open.delete(this);
    if (open.size === 0) {
      clearInterval(heartbeatTimer);
      heartbeatTimer = undefined;
    }
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.release?.();
  };
}

/**
 * An event stream for one or more rooms. `claim` takes the client's stream
 * slot first (and returns its release); then every room is subscribed before
 * the answer, so a refusal (`429 too_many_streams`, `503 server_busy`) comes
 * as a problem, not as a broken stream.
 *
 * The answer's body is a Web stream; the Node adapter instead writes the
 * events to its socket directly ({@link withEvents}), so that an open stream
 * keeps no Web stream, reader, `Request` or `Response`.
 */
export function eventStream(request: Request, rooms: StreamedRoom[], claim?: (close: () => void) => () => void): Response {
  const stream = new EventStream(request);
  stream.open(rooms, claim);
  // High water mark 0: `pull` comes only when a reader asks.
  const body = new ReadableStream<Uint8Array>(
    { start: (c) => void (stream.controller = c), pull: () => stream.toWeb(), cancel: stream.stop },
    { highWaterMark: 0 },
  );
  const response = new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx buffers responses by default; an event stream must not wait in a buffer.
      'x-accel-buffering': 'no',
    },
  });
  return withEvents(response, (write, close) => stream.attach(write, close));
}
