// Child process of bench/sse.mjs: the Server-Sent Events viewers. It holds
// thousands of node:http connections and notes, per connection, when each
// `status` event arrived, so the parent can ask "when had every listener of
// these rooms seen participants >= n?". It runs in its own process so that
// viewers and server never share an event loop.
//
// Times are process.hrtime (CLOCK_MONOTONIC, the same clock in every process
// of this machine), in milliseconds.
//
// IPC: the parent sends { id, type, ... }, this answers { id, ... } or { id, error }.
//   open  { port, paths, count, concurrency }  connect `count` viewers, round-robin over `paths`;
//                                              answers when each has its first event
//   wait  { targets: { [pathIndex]: n }, timeoutMs }
//                                              answers once every viewer of those paths got an event
//                                              with `participants >= n`: first and last arrival per path
//   close {}                                   disconnects everyone
import http from 'node:http';

const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;

/** @type {Array<{ room: number, events: Array<[number, number]>, req: http.ClientRequest, closed: Promise<void> }>} */
let viewers = [];
/** The wait under way, if any. */
let waiting;

function connect(port, path, room) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error) => {
      if (settled) return;
      settled = true;
      resolve(error ? { error } : { viewer });
    };
    let closed;
    const viewer = { room, events: [], req: undefined, closed: new Promise((done) => (closed = done)) };
    viewer.req = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        viewer.req.destroy();
        settle(`HTTP ${res.statusCode}`);
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const at = now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: status\ndata: (.*)$/m.exec(block);
          if (!data) continue; // retry hint, heartbeat comment
          const value = JSON.parse(data[1]).participants;
          viewer.events.push([value, at]);
          heard(viewer, value, at);
          settle();
        }
      });
      res.on('error', () => undefined);
    });
    viewer.req.on('error', (error) => settle(error.message));
    viewer.req.on('close', () => {
      closed();
      settle('closed before the first event');
    });
  });
}

function heard(viewer, value, at) {
  if (!waiting?.pending.has(viewer) || value < waiting.targets[viewer.room]) return;
  waiting.pending.delete(viewer);
  waiting.record(viewer.room, at);
  if (waiting.pending.size === 0) waiting.finish();
}

const handlers = {
  async open({ port, paths, count, concurrency }) {
    const start = now();
    const failures = {};
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const i = next++;
        const result = await connect(port, paths[i % paths.length], i % paths.length);
        if (result.error) failures[result.error] = (failures[result.error] ?? 0) + 1;
        else viewers.push(result.viewer);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { ms: now() - start, open: viewers.length, failures };
  },

  wait({ targets, timeoutMs }) {
    return new Promise((resolve, reject) => {
      const rooms = {};
      const pending = new Set();
      const record = (room, at) => {
        const r = (rooms[room] ??= { first: at, last: at, count: 0 });
        r.first = Math.min(r.first, at);
        r.last = Math.max(r.last, at);
        r.count++;
      };
      const timer = setTimeout(() => {
        waiting = undefined;
        reject(new Error(`${pending.size} viewers still waiting after ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiting = undefined;
        resolve({ rooms });
      };
      for (const viewer of viewers) {
        const target = targets[viewer.room];
        if (target === undefined) continue;
        const hit = viewer.events.find(([value]) => value >= target);
        if (hit) record(viewer.room, hit[1]);
        else pending.add(viewer);
      }
      waiting = { targets, pending, record, finish };
      if (pending.size === 0) finish();
    });
  },

  async close() {
    const closing = viewers.map((viewer) => viewer.closed);
    for (const viewer of viewers) viewer.req.destroy();
    await Promise.all(closing);
    viewers = [];
    return {};
  },
};

process.on('message', async (message) => {
  try {
    process.send({ id: message.id, ...(await handlers[message.type](message)) });
  } catch (error) {
    process.send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ id: 0, ready: true });
