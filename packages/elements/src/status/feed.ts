// One live status feed per server and tenant on a page, shared by every
// element that shows or waits for one of its rooms: one event stream for all
// the rooms watched, however many badges and buttons.
import type { RoomStatus, RoomStatusEvent } from '@vereinsraum/protocol';
import { fetchRoomStatus, type RoomAddress, tenantEventsUrl, type VereinApiError } from '../api/client.js';

/** What a listener hears: the room's status, or why there is none (`error.code`, e.g. `room_not_found`). */
export interface StatusReport {
  status?: RoomStatus;
  error?: VereinApiError;
}

/** Called with every report of a room's status. */
export type StatusReportListener = (report: StatusReport) => void;

/** Refusals that asking again will not change: the feed reports them and stops asking about the room. */
export const FINAL_CODES: readonly string[] = ['room_not_found', 'tenant_not_found', 'origin_not_allowed'];

/** Event-stream attempts in a row that deliver nothing, after which `/status` is polled until one works. */
const POLL_AFTER = 2;
/** The longest pause between two attempts to open an event stream, in ms. */
const MAX_BACKOFF = 60_000;
/** The server sends the statuses at once; a stream silent for this long is held up on the way (a buffering proxy). */
const FIRST_EVENT_TIMEOUT = 10_000;
/** Rooms one event stream may carry (the server's limit); rooms beyond are polled. */
const MAX_STREAM_ROOMS = 20;
/**
 * How long a change of the watched rooms waits before the stream is opened
 * again, in ms: the elements of a page register one after another, and
 * should open one stream, not one per element.
 */
const SETTLE = 50;
/** Polling interval when a listener asked for none that works. */
const DEFAULT_POLL = 5000;

interface Room {
  address: RoomAddress;
  /** Each listener with the polling interval it asked for. */
  listeners: Map<StatusReportListener, number>;
  last?: StatusReport;
  /** Refused for good ({@link FINAL_CODES}): nothing more is asked about the room. */
  final?: boolean;
  /** The next poll of `/status`, and the one under way. */
  poll?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
}

/** Everything one page watches on one server and tenant. */
interface Channel {
  /** `…/v1/tenants/{tenant}/events` without rooms: the key. */
  key: string;
  address: Pick<RoomAddress, 'endpoint' | 'tenant'>;
  rooms: Map<string, Room>;
  /** The rooms of the event stream (open, or to be tried next), sorted. */
  streamed: string[];
  source?: EventSource;
  /** The current connection of `source` delivered a status. */
  delivered?: boolean;
  /** Attempts in a row that delivered nothing. */
  failures: number;
  /** The streamed rooms are polled too: the stream failed {@link POLL_AFTER} times in a row. */
  polling?: boolean;
  /** The next attempt at an event stream, or the wait for its first event. */
  retry?: ReturnType<typeof setTimeout>;
  /** The pending look at which rooms have listeners. */
  settle?: ReturnType<typeof setTimeout>;
}

const channels = new Map<string, Channel>();

/**
 * Watch a room's live status. All listeners for rooms of the same server and
 * tenant on the page share one Server-Sent Events connection
 * (`…/v1/tenants/{tenant}/events?rooms=…`, up to 20 rooms; rooms beyond are
 * polled). When rooms come or go, the stream is opened again for the new set
 * of rooms a moment later (listeners keep the last report meanwhile); it is
 * closed when no room has a listener left. A listener that comes later hears
 * the last report of its room at once (in a microtask).
 *
 * When the event stream fails, `/status` of each room is asked once right
 * away and the stream is opened again with an exponential backoff (up to a
 * minute); when it fails twice in a row before delivering anything (a proxy
 * that blocks event streams, a busy server), `/status` is polled every
 * `pollInterval` ms (per room, the shortest any of its listeners asked for)
 * while the stream is tried now and then. A refusal that will not change
 * ({@link FINAL_CODES}) is reported to the room's listeners and ends all
 * asking about that room; the stream goes on for the others.
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
export function watchRoomStatus(address: RoomAddress, listener: StatusReportListener, pollInterval = DEFAULT_POLL): () => void {
  const key = tenantEventsUrl(address);
  let channel = channels.get(key);
  if (!channel) {
    channel = { key, address, rooms: new Map(), streamed: [], failures: 0 };
    channels.set(key, channel);
  }
  let room = channel.rooms.get(address.room);
  if (!room) {
    room = { address, listeners: new Map() };
    channel.rooms.set(address.room, room);
    settle(channel);
  }
  const watched = room;
  const { last } = watched;
  if (last) queueMicrotask(() => watched.listeners.has(listener) && watched.last === last && listener(last));
  watched.listeners.set(listener, pollInterval);
  const feed = channel;
  return () => {
    // The room stays until the change settles: an element moved in the page keeps its stream and last report.
    if (watched.listeners.delete(listener) && !watched.listeners.size) settle(feed);
  };
}

/** Look at the rooms again in a moment, once for all the changes until then. */
function settle(channel: Channel): void {
  channel.settle ??= setTimeout(() => {
    channel.settle = undefined;
    update(channel);
  }, SETTLE);
}

/** Forget rooms without listeners; open the stream again if its rooms changed; poll the rooms it cannot carry. */
function update(channel: Channel): void {
  for (const [id, room] of channel.rooms) {
    if (!room.listeners.size) {
      quiet(room);
      channel.rooms.delete(id);
    }
  }
  if (!channel.rooms.size) {
    close(channel);
    channels.delete(channel.key);
    return;
  }
  // An id with a comma would be two ids on the stream: it is asked of `/status` alone (which refuses it).
  const streamed = [...channel.rooms]
    .filter(([id, room]) => !room.final && !id.includes(','))
    .map(([id]) => id)
    .sort()
    .slice(0, MAX_STREAM_ROOMS);
  const changed = streamed.join() !== channel.streamed.join();
  channel.streamed = streamed;
  if (changed) connect(channel);
  for (const [id, room] of channel.rooms) if (polled(channel, id, room) && !room.poll && !room.abort) void poll(channel, id, room);
}

/** Whether the room's status is asked of `/status` again and again: it is not on the stream, or the stream does not work. */
function polled(channel: Channel, id: string, room: Room): boolean {
  return !room.final && !!room.listeners.size && (!!channel.polling || !channel.streamed.includes(id));
}

/** Open the event stream for the streamed rooms (closing the one before); none when no room is left for it. */
function connect(channel: Channel): void {
  close(channel);
  if (!channel.streamed.length) return;
  const source = (channel.source = new EventSource(tenantEventsUrl(channel.address, channel.streamed)));
  channel.delivered = false;
  channel.retry = setTimeout(() => fail(channel), FIRST_EVENT_TIMEOUT);
  source.addEventListener('status', (event) => {
    if (channel.source !== source) return;
    if (!channel.delivered) {
      // The stream works: no polling beside it, and no answer of an older poll after its news.
      clearTimeout(channel.retry);
      channel.delivered = true;
      channel.failures = 0;
      channel.polling = false;
      for (const id of channel.streamed) quiet(channel.rooms.get(id));
    }
    const { room: id, ...status } = JSON.parse((event as MessageEvent<string>).data) as RoomStatusEvent;
    const room = channel.rooms.get(id);
    if (room && !room.final) publish(room, { status });
  });
  source.onerror = () => {
    if (channel.source !== source) return;
    // After a dropped connection the browser reconnects by itself (CONNECTING); anything else is ours to handle.
    if (channel.delivered && source.readyState === EventSource.CONNECTING) channel.delivered = false;
    else fail(channel);
  };
}

/**
 * The event stream failed before delivering: ask each room's `/status` now
 * (its status without delay, and which room, if any, the server refuses for
 * good), poll from the second time, try the stream again later.
 */
function fail(channel: Channel): void {
  close(channel);
  const failures = ++channel.failures;
  channel.polling = failures >= POLL_AFTER;
  for (const id of channel.streamed) {
    const room = channel.rooms.get(id);
    if (room && !room.final) void poll(channel, id, room);
  }
  // Jitter, so that the pages of many visitors do not all come back at the same moment.
  channel.retry = setTimeout(() => connect(channel), Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF) * (1 + Math.random() / 4));
}

async function poll(channel: Channel, id: string, room: Room): Promise<void> {
  quiet(room);
  const abort = (room.abort = new AbortController());
  let report: StatusReport;
  try {
    report = { status: await fetchRoomStatus(room.address, abort.signal) };
  } catch (error) {
    report = { error: error as VereinApiError };
  }
  if (abort.signal.aborted) return;
  room.abort = undefined;
  publish(room, report);
  if (FINAL_CODES.includes(report.error?.code as string)) {
    // Out of the stream; the others go on without it.
    room.final = true;
    settle(channel);
  } else if (polled(channel, id, room)) {
    // The shortest interval any listener asked for; a missing or broken one (0, NaN) is the default.
    room.poll = setTimeout(() => void poll(channel, id, room), Math.max(Math.min(...room.listeners.values()) || DEFAULT_POLL, 100));
  }
}

/** Close the event stream, and forget the next attempt at one. */
function close(channel: Channel): void {
  clearTimeout(channel.retry);
  channel.source?.close();
  channel.source = undefined;
}

/** Stop asking `/status` about the room: the next poll, and the one under way. */
function quiet(room: Room | undefined): void {
  if (!room) return;
  clearTimeout(room.poll);
  room.poll = undefined;
  room.abort?.abort();
  room.abort = undefined;
}

function publish(room: Room, report: StatusReport): void {
  room.last = report;
  for (const listener of [...room.listeners.keys()]) listener(report);
}
