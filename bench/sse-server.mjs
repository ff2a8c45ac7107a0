// Child process of bench/sse.mjs: one Server-Sent Events server, started with
// --expose-gc so its memory can be read after a forced collection.
//
//   baseline  a bare node:http SSE server: keeps every response in a Set and,
//             when told, writes one event to all of them
//   helper    the server helper (createHandler + the Node adapter's serve) in
//             front of the sandbox; its `fetch` is wrapped to note when an
//             upstream getMeetingInfo answer first carries a changed
//             participant count (the moment the helper has the news)
//
// Times are process.hrtime (CLOCK_MONOTONIC, shared by all processes of this
// machine), in milliseconds.
//
// IPC: the parent sends { id, type, ... }, this answers { id, ... } or { id, error }.
//   start     { config, env }       (helper) or {} (baseline): listen on a free port
//   memory    {}                    forced GC, then process.memoryUsage() and open sockets
//   closed    {}                    answers once no socket is open
//   broadcast { participants }      (baseline) write one event to all: when the loop started and ended, when
//                                   all writes were issued (next turn of the event loop), bytes written
//   changes   {}                    (helper) meetingID -> { answerAt, publishedAt, bytes } of the first changed
//                                   answer since the last `changes`: when it came in, when all writes were
//                                   issued, and how many bytes went to the viewers' sockets meanwhile
//   pollIntervals { from, to }      (helper) its status polls in that time: count, time between two of a room
//   upstream  { mode, meetingIds }  (helper) one poll of all rooms: getMeetingInfo each, or one getMeetings
//   wire      { mode, meetingIds }  (helper) HTTP bytes of that poll, over fresh node:http connections
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const role = process.argv[2];
const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;

if (typeof globalThis.gc !== 'function') throw new Error('start this with node --expose-gc');

let server;
const sockets = new Set();
let openSockets = 0;

function track(httpServer) {
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    openSockets++;
    socket.once('close', () => {
      sockets.delete(socket);
      openSockets--;
    });
  });
}

/** Bytes handed to all viewers' sockets so far (sent or still queued). */
function bytesWritten() {
  let bytes = 0;
  for (const socket of sockets) bytes += socket.bytesWritten;
  return bytes;
}

async function memory() {
  // Several passes, with turns of the event loop between them, so that
  // finalizers run and what they free is collected too.
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, sockets: openSockets };
}

async function closed() {
  while (openSockets > 0) await sleep(20);
  return {};
}

// ---- baseline ----------------------------------------------------------------

/** A status as the helper sends it, so both send events of the same size. */
function statusJson(participants) {
  return JSON.stringify({
    state: 'live',
    participants,
    startedAt: '2026-11-23T10:00:00.000Z',
    checkedAt: new Date().toISOString(),
    stale: false,
  });
}

function baseline() {
  const listeners = new Set();
  let current = statusJson(0);
  return {
    async start() {
      server = http.createServer((req, res) => {
        if (req.url !== '/events') {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform' });
        res.write(`retry: 5000\n\nevent: status\ndata: ${current}\n\n`);
        listeners.add(res);
        res.once('close', () => listeners.delete(res));
      });
      track(server);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { port: server.address().port };
    },
    async broadcast({ participants }) {
      current = statusJson(participants);
      const chunk = `event: status\ndata: ${current}\n\n`;
      const before = bytesWritten();
      const start = now();
      for (const res of listeners) res.write(chunk);
      const loopEnd = now();
      // res.write corks the socket; the system calls follow in process.nextTick. Like for the helper,
      // "all writes issued" is the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      return { start, loopEnd, publishedAt: now(), bytes: bytesWritten() - before, listeners: listeners.size };
    },
  };
}

// ---- server helper -------------------------------------------------------------

async function helper() {
  const { createHandler, parseConfig } = await import('../packages/server/dist/index.js');
  const { BbbProvider, bbbUrl, parseBbbAnswer } = await import('../packages/server/dist/providers/bbb.js');
  const { serve } = await import('../packages/server/dist/node.js');
  let config;
  const lastCount = new Map();
  const changedAt = new Map();
  /** [meetingID, time] of every status poll the helper made. */
  let polls = [];

  /** The helper's fetch: notes when a getMeetingInfo answer first carries a new participant count. */
  async function watchingFetch(input, init) {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    if (!url.pathname.endsWith('/getMeetingInfo')) return response;
    const text = await response.text();
    const at = now();
    const id = url.searchParams.get('meetingID');
    polls.push([id, at]);
    const count = /<participantCount>(\d+)<\/participantCount>/.exec(text)?.[1];
    if (lastCount.has(id) && lastCount.get(id) !== count && !changedAt.has(id)) {
      // The status service publishes to every listener in this turn of the event loop (promise jobs
      // only), so the next turn sees every write issued: the bytes queued on the sockets tell.
      // As for the baseline, the bytes already written are counted before the clock starts (a pass over
      // every socket), so that the pass is not in the time measured.
      const before = bytesWritten();
      const change = { answerAt: now() };
      changedAt.set(id, change);
      setImmediate(() => Object.assign(change, { publishedAt: now(), bytes: bytesWritten() - before }));
    }
    lastCount.set(id, count);
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  /** What a getMeetings-based poller would do: one call, then pick our rooms out of every meeting on the server. */
  async function viaGetMeetings(backend, meetingIds) {
    const url = await bbbUrl(backend, 'getMeetings', {});
    const response = await fetch(url, { signal: AbortSignal.timeout(backend.timeoutMs), redirect: 'error' });
    const text = await response.text();
    const wanted = new Set(meetingIds);
    const found = new Map();
    for (const [, inner] of text.matchAll(/<meeting>([\s\S]*?)<\/meeting>/g)) {
      const fields = parseBbbAnswer(`<response>${inner}</response>`);
      const id = fields.get('meetingID') ?? '';
      if (!wanted.has(id)) continue;
      const running = fields.get('running') === 'true';
      const startTime = Number(fields.get('startTime'));
      found.set(id, {
        running,
        participants: Number(fields.get('participantCount')) || 0,
        createTime: fields.get('createTime') || null,
        startedAt: running && startTime > 0 ? new Date(startTime).toISOString() : null,
      });
    }
    return meetingIds.map((id) => found.get(id) ?? { running: false, participants: 0, createTime: null, startedAt: null });
  }

  /** Application-level bytes (request and response, headers included) of one GET on its own connection. */
  function wireBytes(url) {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { agent: false }, (res) => {
        let body = 0;
        res.on('data', (chunk) => (body += chunk.length));
        res.on('end', () => {
          const socket = req.socket;
          const report = () => resolve({ sent: socket.bytesWritten, received: socket.bytesRead, body });
          if (socket.destroyed) report();
          else socket.once('close', report);
        });
      });
      req.on('error', reject);
    });
  }

  return {
    async start(message) {
      config = parseConfig(message.config, message.env);
      // Every viewer of the bench comes from 127.0.0.1: lift the limit of streams per client, and the server's
      // (10,000 by default: the bench's viewers, plus those of the round before that may still be closing).
      const running = await serve(createHandler(config, { fetch: watchingFetch, maxStreamsPerClient: Infinity, maxListeners: Infinity }), {
        port: 0,
      });
      server = running.server;
      track(server);
      return { port: Number(new URL(running.url).port) };
    },
    /** The helper's polls between `from` and `to`: how many, and the time between two polls of the same room. */
    pollIntervals({ from, to }) {
      const byRoom = new Map();
      for (const [id, at] of polls) if (at >= from && at <= to) byRoom.set(id, [...(byRoom.get(id) ?? []), at]);
      polls = [];
      const intervals = [];
      for (const times of byRoom.values()) for (let i = 1; i < times.length; i++) intervals.push(times[i] - times[i - 1]);
      intervals.sort((a, b) => a - b);
      return {
        polls: [...byRoom.values()].reduce((sum, times) => sum + times.length, 0),
        rooms: byRoom.size,
        meanInterval: intervals.reduce((sum, x) => sum + x, 0) / intervals.length,
        minInterval: intervals[0],
        maxInterval: intervals.at(-1),
      };
    },
    changes() {
      const changes = Object.fromEntries(changedAt);
      changedAt.clear();
      return { changes };
    },
    async upstream({ mode, meetingIds }) {
      const backend = config.backends.get('sandbox');
      const provider = new BbbProvider(backend);
      const cpu = process.cpuUsage();
      const start = now();
      const statuses =
        mode === 'getMeetingInfo'
          ? await Promise.all(meetingIds.map((id) => provider.status({ id, name: id })))
          : await viaGetMeetings(backend, meetingIds);
      const wallMs = now() - start;
      const used = process.cpuUsage(cpu);
      return {
        wallMs,
        cpuMs: (used.user + used.system) / 1000,
        running: statuses.filter((s) => s.running).length,
        participants: statuses.reduce((sum, s) => sum + s.participants, 0),
      };
    },
    async wire({ mode, meetingIds }) {
      const backend = config.backends.get('sandbox');
      const urls =
        mode === 'getMeetingInfo'
          ? await Promise.all(meetingIds.map((id) => bbbUrl(backend, 'getMeetingInfo', { meetingID: id })))
          : [await bbbUrl(backend, 'getMeetings', {})];
      const total = { calls: urls.length, sent: 0, received: 0, body: 0 };
      for (const url of urls) {
        const bytes = await wireBytes(url);
        total.sent += bytes.sent;
        total.received += bytes.received;
        total.body += bytes.body;
      }
      return total;
    },
  };
}

// ---- IPC -----------------------------------------------------------------------

const subject = role === 'baseline' ? baseline() : role === 'helper' ? await helper() : undefined;
if (!subject) throw new Error(`unknown role ${role}: baseline or helper`);
const handlers = { ...subject, memory, closed };

process.on('message', async (message) => {
  try {
    const handle = handlers[message.type];
    if (!handle) throw new Error(`${role}: no ${message.type}`);
    process.send({ id: message.id, ...(await handle(message)) });
  } catch (error) {
    process.send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ id: 0, ready: true });
