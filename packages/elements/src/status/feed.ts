// One live status feed per room and page, shared by every element that shows
// or waits for that room: one event stream, however many badges and buttons.
import type { RoomStatus } from '@vereinsraum/protocol';
import { fetchRoomStatus, type RoomAddress, roomUrl, type VereinApiError } from '../api/client.js';

/** What a listener hears: the room's status, or why there is none (`error.code`, e.g. `room_not_found`). */
export interface StatusReport {
  status?: RoomStatus;
  error?: VereinApiError;
}

/** Called with every report of a room's status. */
export type StatusReportListener = (report: StatusReport) => void;

/** Refusals that asking again will not change: the feed reports them and stops. */
export const FINAL_CODES: readonly string[] = ['room_not_found', 'tenant_not_found', 'origin_not_allowed'];

/** Event-stream attempts in a row that deliver nothing, after which `/status` is polled until one works. */
const POLL_AFTER = 2;
/** The longest pause between two attempts to open an event stream, in ms. */
const MAX_BACKOFF = 60_000;
/** The server sends the status at once; a stream silent for this long is held up on the way (a buffering proxy). */
const FIRST_EVENT_TIMEOUT = 10_000;
/**
 * Event streams one page keeps open. Over HTTP/1.1 a browser opens at most 6
 * connections to one server, and a page with a stream for each of many rooms
 * would have none left for joining; rooms over this number are polled.
 */
const MAX_STREAMS = 4;

interface Feed {
  url: string;
  address: RoomAddress;
  /** Each listener with the polling interval it asked for. */
  listeners: Map<StatusReportListener, number>;
  last?: StatusReport;
  source?: EventSource;
  /** The current connection of `source` delivered a status. */
  delivered?: boolean;
  /** Attempts in a row that delivered nothing. */
  failures: number;
  polling?: boolean;
  /** The next attempt at an event stream, or the wait for its first event. */
  retry?: ReturnType<typeof setTimeout>;
  poll?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
}

const feeds = new Map<string, Feed>();

/**
 * Watch a room's live status. Every listener for the same server, tenant and
 * room on the page shares one Server-Sent Events connection (`…/events`),
 * opened for the first listener and closed when the last one leaves; a
 * listener that comes later hears the last report at once (in a microtask).
 *
 * When the event stream fails, it is opened again with an exponential
 * backoff (up to a minute); when it fails twice in a row before delivering
 * anything (a proxy that blocks event streams, a busy server), `/status` is
 * polled every `pollInterval` ms (the shortest any listener asked for) while
 * the stream is tried now and then. A refusal that will not change
 * ({@link FINAL_CODES}) is reported and ends all asking.
 *
 * @returns a function that stops listening.
 *
 * @example
 * ```ts
 * const stop = watchRoomStatus({ endpoint: 'https://vereinsraum.example', tenant: 'tsv', room: 'training' }, ({ status }) => {
 *   if (status?.state === 'live') console.log(`${status.participants} people in the room`);
 * });
 * ```
 */
export function watchRoomStatus(address: RoomAddress, listener: StatusReportListener, pollInterval = 5000): () => void {
  const url = roomUrl(address, 'events');
  const feed = feeds.get(url) ?? start(url, address);
  const { last } = feed;
  if (last) queueMicrotask(() => feed.listeners.has(listener) && feed.last === last && listener(last));
  feed.listeners.set(listener, pollInterval);
  return () => {
    if (feed.listeners.delete(listener) && !feed.listeners.size) {
      stop(feed);
      feeds.delete(url);
    }
  };
}

function start(url: string, address: RoomAddress): Feed {
  const feed: Feed = { url, address, listeners: new Map(), failures: 0 };
  feeds.set(url, feed);
  connect(feed);
  return feed;
}

function connect(feed: Feed): void {
  stop(feed);
  if ([...feeds.values()].filter((other) => other.source).length >= MAX_STREAMS) return fail(feed);
  const source = (feed.source = new EventSource(feed.url));
  feed.delivered = false;
  feed.retry = setTimeout(() => fail(feed), FIRST_EVENT_TIMEOUT);
  source.addEventListener('status', (event) => {
    // The stream works: no polling beside it.
    stop(feed, source);
    feed.delivered = true;
    feed.failures = 0;
    publish(feed, { status: JSON.parse((event as MessageEvent<string>).data) as RoomStatus });
  });
  source.onerror = () => {
    // After a dropped connection the browser reconnects by itself (CONNECTING); anything else is ours to handle.
    if (feed.delivered && source.readyState === EventSource.CONNECTING) feed.delivered = false;
    else fail(feed);
  };
}

/** The event stream failed before delivering: ask `/status` now, poll from the second time, try the stream again later. */
function fail(feed: Feed): void {
  stop(feed);
  const failures = ++feed.failures;
  feed.polling = failures >= POLL_AFTER;
  void poll(feed);
  // Jitter, so that the pages of many visitors do not all come back at the same moment.
  feed.retry = setTimeout(() => connect(feed), Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF) * (1 + Math.random() / 4));
}

async function poll(feed: Feed): Promise<void> {
  const abort = (feed.abort = new AbortController());
  let report: StatusReport;
  try {
    report = { status: await fetchRoomStatus(feed.address, abort.signal) };
  } catch (error) {
    report = { error: error as VereinApiError };
  }
  if (abort.signal.aborted) return;
  publish(feed, report);
  if (FINAL_CODES.includes(report.error?.code as string)) stop(feed);
  // The shortest interval any listener asked for; a missing or broken one (0, NaN) is the default.
  else if (feed.polling) feed.poll = setTimeout(() => void poll(feed), Math.max(Math.min(...feed.listeners.values()) || 5000, 100));
}

/** Stop asking: timers, a poll under way, and the event stream unless it is `keep`. */
function stop(feed: Feed, keep?: EventSource): void {
  clearTimeout(feed.retry);
  clearTimeout(feed.poll);
  feed.abort?.abort();
  feed.polling = false;
  if (feed.source !== keep) {
    feed.source?.close();
    feed.source = undefined;
  }
}

function publish(feed: Feed, report: StatusReport): void {
  feed.last = report;
  for (const listener of [...feed.listeners.keys()]) listener(report);
}
