// Server-Sent Events at scale: 10,000 viewers of `GET /v1/rooms/{tenant}/{room}/events`
// across 50 rooms, next to a bare node:http SSE server measured in the same run,
// and the cost of polling 50 rooms with getMeetingInfo each against one getMeetings.
// Run by bench/run.mjs (`node bench/run.mjs --only sse` runs it alone); see
// docs/performance.md.
//
// Three kinds of process, so that no two of them share an event loop:
//   this one         the sandbox (our BigBlueButton) and the coordination
//   sse-server.mjs   one child per subject (bare baseline, server helper), with --expose-gc
//   sse-clients.mjs  one child holding all viewer connections
// Nothing here asserts on timing; it only checks that every viewer got every event.
import { fork } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

const VIEWERS = 10_000; // needs a limit of open files above it in each process (`npm run bench:sse` raises it)
const ROOMS = 50;
const ATTENDEES = 10; // people inside each meeting before anything is measured
const TTL_MS = 5000; // status.ttlMs: the default
const ROUNDS = 3; // each subject: open VIEWERS viewers, measure, close; subjects interleaved
const BROADCASTS_PER_ROUND = 4; // baseline: events written to all viewers per round
const ONE_ROOM_CHANGES = 2; // changes per round with all viewers in one room (each waits for the next poll)
const ONE_ROOM = 0; // the room that has all viewers in the one-room subject
const WINDOW_MS = 60_000; // upstream calls are counted over this window (last 50-room round), single-room changes made in it
const OPEN_CONCURRENCY = 100; // viewers connecting at the same time
const WARMUP_VIEWERS = 1000; // opened and closed once per subject before anything is measured
const UPSTREAM_ROUNDS = 7; // getMeetingInfo vs getMeetings: one discarded pass, then this many
const SECRET = 'bench-secret-0123456789';

const now = () => Number(process.hrtime.bigint() / 1000n) / 1000;

/** A child process spoken to over IPC: `ask(type, payload)` resolves with its answer. */
function startChild(file, args) {
  const child = fork(new URL(file, import.meta.url), args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const name = `${file} ${args.join(' ')}`.trim();
  const pending = new Map();
  let nextId = 1;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise((resolve, reject) => pending.set(0, { resolve, reject }));
  child.on('message', (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${name}: ${message.error}`));
    else waiter.resolve(message);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    ready,
    ask(type, payload = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, type, ...payload });
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.disconnect();
        const timer = setTimeout(() => child.kill(), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export async function sseBenchmark() {
  const { startSandbox } = await import('../packages/sandbox/dist/index.js');
  const { parseConfig } = await import('../packages/server/dist/index.js');
  const { bbbUrl } = await import('../packages/server/dist/providers/bbb.js');

  const loadBefore = os.loadavg()[0];
  const roomIds = Array.from({ length: ROOMS }, (_, i) => `room-${String(i).padStart(2, '0')}`);
  const meetingIds = roomIds.map((room) => `bench/${room}`);
  const stoppers = [];
  try {
    const sandbox = await startSandbox({ secret: SECRET });
    stoppers.push(() => sandbox.close());
    const env = { S: SECRET };
    const rawConfig = {
      backends: { sandbox: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'S' } },
      tenants: {
        bench: {
          name: 'Bench',
          allowedOrigins: [],
          rooms: Object.fromEntries(roomIds.map((room) => [room, { name: `Room ${room}`, backend: 'sandbox', start: 'anyone' }])),
        },
      },
      status: { ttlMs: TTL_MS },
    };
    const backend = parseConfig(rawConfig, env).backends.get('sandbox');
    const calls = (name) => sandbox.calls[name] ?? 0;

    // ---- the sandbox's meetings, straight through its API (not through the helper) ----
    let person = 0;
    const join = async (meetingID, role) => {
      const url = await bbbUrl(backend, 'join', { fullName: `Vorname Nachname ${++person}`, meetingID, role });
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      const location = response.headers.get('location') ?? '';
      if (response.status !== 302 || !location.includes('/sandbox/meetings/'))
        throw new Error(`join ${meetingID}: HTTP ${response.status} to ${location}`);
      return location; // the participant is counted once this page is loaded
    };
    const enter = async (location) => {
      const response = await fetch(location);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`meeting page: HTTP ${response.status}`);
    };
    const fill = async (ids) => {
      for (let i = 0; i < ids.length; i += 10) {
        await Promise.all(
          ids.slice(i, i + 10).map(async (meetingID) => {
            const created = await (await fetch(await bbbUrl(backend, 'create', { name: meetingID, meetingID, record: 'false' }))).text();
            if (!created.includes('<returncode>SUCCESS</returncode>')) throw new Error(`create ${meetingID}: ${created.slice(0, 200)}`);
            for (let n = 0; n < ATTENDEES; n++) await enter(await join(meetingID, n === 0 ? 'MODERATOR' : 'VIEWER'));
          }),
        );
      }
    };
    await fill(meetingIds);
    const participants = meetingIds.map(() => ATTENDEES);

    const helper = startChild('./sse-server.mjs', ['helper']);
    stoppers.push(() => helper.stop());
    const baseline = startChild('./sse-server.mjs', ['baseline']);
    stoppers.push(() => baseline.stop());
    const clients = startChild('./sse-clients.mjs', []);
    stoppers.push(() => clients.stop());
    await Promise.all([helper.ready, baseline.ready, clients.ready]);
    const helperPort = (await helper.ask('start', { config: rawConfig, env })).port;
    const baselinePort = (await baseline.ask('start')).port;

    // ---- 50 × getMeetingInfo against 1 × getMeetings, before any viewer connects ----
    const upstream = await upstreamComparison({ helper, calls, meetingIds, fill, backend, bbbUrl });

    // ---- viewers ----
    // `rooms`: which meeting each of the subject's paths shows (viewers are spread round-robin over the paths).
    const subjects = {
      baseline: { server: baseline, port: baselinePort, paths: ['/events'] },
      helper: {
        server: helper,
        port: helperPort,
        paths: roomIds.map((room) => `/v1/rooms/bench/${room}/events`),
        rooms: roomIds.map((_, i) => i),
      },
      oneRoom: { server: helper, port: helperPort, paths: [`/v1/rooms/bench/${roomIds[ONE_ROOM]}/events`], rooms: [ONE_ROOM] },
    };
    const open = async (subject, count) => {
      const opened = await clients.ask('open', { port: subject.port, paths: subject.paths, count, concurrency: OPEN_CONCURRENCY });
      const failed = Object.entries(opened.failures);
      if (failed.length > 0 || opened.open !== count) {
        throw new Error(`${opened.open} of ${count} viewers connected: ${failed.map(([why, n]) => `${n}× ${why}`).join(', ')}`);
      }
      return opened;
    };
    const close = async (subject) => {
      await clients.ask('close');
      await subject.server.ask('closed');
    };
    const waitFor = (targets) => clients.ask('wait', { targets, timeoutMs: 3 * TTL_MS + 10_000 });

    /**
     * One person enters each of these meetings at once. Per meeting: when the last viewer had the news,
     * counted from the request that let the person in (endToEnd) and from the changed upstream answer
     * coming into the helper (delivered), and how long the helper took to issue all writes (publish).
     */
    const change = async (subject, indexes) => {
      const locations = await Promise.all(indexes.map((m) => join(meetingIds[m], 'VIEWER')));
      await helper.ask('changes'); // forget earlier ones
      const targets = Object.fromEntries(indexes.map((m) => [subject.rooms.indexOf(m), ++participants[m]]));
      const waiting = waitFor(targets);
      const changeAt = now();
      await Promise.all(locations.map(enter));
      const { rooms } = await waiting;
      const { changes } = await helper.ask('changes');
      return indexes.map((m) => {
        const heard = rooms[subject.rooms.indexOf(m)];
        const noted = changes[meetingIds[m]];
        if (noted?.publishedAt === undefined) throw new Error(`helper: no changed answer noted for ${meetingIds[m]}`);
        return {
          viewers: heard.count,
          endToEnd: heard.last - changeAt,
          delivered: heard.last - noted.answerAt,
          publish: noted.publishedAt - noted.answerAt,
          bytesPerViewer: noted.bytes / heard.count,
          answer: noted.answerAt - changeAt,
        };
      });
    };

    // A change made right after a poll would always wait a whole TTL: start each at a random point of the cycle.
    const randomPhase = () => sleep(Math.random() * TTL_MS);

    let seq = 0; // the baseline's "participants", one up per broadcast
    for (const subject of [subjects.baseline, subjects.helper]) {
      await open(subject, WARMUP_VIEWERS);
      if (subject === subjects.baseline) {
        const waiting = waitFor({ 0: ++seq });
        await baseline.ask('broadcast', { participants: seq });
        await waiting;
      }
      await close(subject);
    }

    const keys = Object.keys(subjects);
    const memory = Object.fromEntries(keys.map((key) => [key, []]));
    const connectMs = Object.fromEntries(keys.map((key) => [key, []]));
    const broadcasts = [];
    const oneRoomChanges = [];
    const roomChanges = [];
    const allChanges = [];
    let window;
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round, so that no subject always comes first.
      for (const key of keys.map((_, i) => keys[(i + round) % keys.length])) {
        const subject = subjects[key];
        const before = await subject.server.ask('memory');
        const opened = await open(subject, VIEWERS);
        await sleep(200);
        const after = await subject.server.ask('memory');
        if (after.sockets !== VIEWERS) throw new Error(`${key}: ${after.sockets} sockets open, expected ${VIEWERS}`);
        connectMs[key].push(opened.ms);
        memory[key].push(perViewer(before, after, VIEWERS));

        if (key === 'baseline') {
          for (let b = 0; b < BROADCASTS_PER_ROUND; b++) {
            const waiting = waitFor({ 0: ++seq });
            const sent = await baseline.ask('broadcast', { participants: seq });
            const { rooms } = await waiting;
            if (sent.listeners !== VIEWERS || rooms[0].count !== VIEWERS)
              throw new Error(`baseline: ${rooms[0].count} of ${sent.listeners} viewers`);
            broadcasts.push({
              viewers: VIEWERS,
              delivered: rooms[0].last - sent.start,
              publish: sent.publishedAt - sent.start,
              loop: sent.loopEnd - sent.start,
              bytesPerViewer: sent.bytes / VIEWERS,
            });
            await sleep(100);
          }
        } else if (key === 'oneRoom') {
          // Only how long the helper takes to tell all viewers: no need for a random phase here.
          for (let c = 0; c < ONE_ROOM_CHANGES; c++) oneRoomChanges.push(...(await change(subject, [ONE_ROOM])));
        } else {
          const lastRound = round === ROUNDS - 1;
          if (lastRound) {
            // Every room was asked when its first viewer came and is asked again every TTL (plus the answer's
            // round trip) from then: a window starting now would end just before a wave of polls.
            await sleep(TTL_MS / 2);
            window = { start: now(), calls: calls('getMeetingInfo') };
          }
          await randomPhase();
          const each = await change(subject, subject.rooms);
          const answers = each.map((x) => x.answer);
          allChanges.push({
            viewers: each.reduce((sum, x) => sum + x.viewers, 0),
            endToEnd: Math.max(...each.map((x) => x.endToEnd)),
            delivered: median(each.map((x) => x.delivered)),
            answersSpread: Math.max(...answers) - Math.min(...answers),
          });
          if (lastRound) {
            // The rest of the window goes to single-room changes (people join at the sandbox directly, so
            // they cause no getMeetingInfo), then to waiting.
            for (let c = 0; now() + 2 * TTL_MS + 2000 < window.start + WINDOW_MS; c++) {
              await randomPhase();
              roomChanges.push(...(await change(subject, [(c * 17 + 1) % ROOMS])));
            }
            await sleep(window.start + WINDOW_MS - now());
            const end = now();
            window = {
              ms: end - window.start,
              calls: calls('getMeetingInfo') - window.calls,
              ...(await helper.ask('pollIntervals', { from: window.start, to: end })),
            };
          }
        }
        await close(subject);
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');

    return {
      load: { before: loadBefore, after: os.loadavg()[0] },
      settings: {
        viewers: VIEWERS,
        rooms: ROOMS,
        attendees: ATTENDEES,
        ttlMs: TTL_MS,
        rounds: ROUNDS,
        windowMs: WINDOW_MS,
        upstreamRounds: UPSTREAM_ROUNDS,
      },
      memory: Object.fromEntries(Object.entries(memory).map(([key, runs]) => [key, { runs, median: medianOf(runs) }])),
      connectMs,
      delivery: { broadcasts, oneRoomChanges, roomChanges, allChanges },
      window: {
        ...window,
        perMinute: (window.calls * 60_000) / window.ms,
        perMinuteFromInterval: (window.rooms * 60_000) / window.meanInterval,
        theoryPerMinute: (ROOMS * 60_000) / TTL_MS,
      },
      upstream,
    };
  } finally {
    for (const stop of stoppers.reverse()) await stop();
  }
}

/** Memory growth per viewer, in bytes. */
function perViewer(before, after, viewers) {
  const per = (key) => (after[key] - before[key]) / viewers;
  return { heapUsed: per('heapUsed'), external: per('external'), rss: per('rss'), sockets: after.sockets };
}

function medianOf(runs) {
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((run) => run[key]))]));
}

/**
 * One poll of all 50 rooms, run in the helper's process: 50 getMeetingInfo at
 * once through BbbProvider.status (what the server does), or one getMeetings
 * picked apart for our rooms. Time and CPU on the helper's side, CPU of the
 * sandbox (this process) meanwhile, and the HTTP bytes of each way.
 */
async function upstreamComparison({ helper, calls, meetingIds, fill, backend, bbbUrl }) {
  const expected = { running: meetingIds.length, participants: meetingIds.length * ATTENDEES };
  const measure = async (mode) => {
    const before = calls(mode);
    const cpu = process.cpuUsage();
    const result = await helper.ask('upstream', { mode, meetingIds });
    const used = process.cpuUsage(cpu);
    const made = calls(mode) - before;
    if (made !== (mode === 'getMeetingInfo' ? meetingIds.length : 1)) throw new Error(`${mode}: the sandbox counted ${made} calls`);
    if (result.running !== expected.running || result.participants !== expected.participants) {
      throw new Error(
        `${mode}: saw ${result.running} running rooms with ${result.participants} people, expected ${JSON.stringify(expected)}`,
      );
    }
    return { wallMs: result.wallMs, helperCpuMs: result.cpuMs, sandboxCpuMs: (used.user + used.system) / 1000 };
  };
  const scenario = async () => {
    const runs = { getMeetingInfo: [], getMeetings: [] };
    for (let round = -1; round < UPSTREAM_ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? ['getMeetingInfo', 'getMeetings'] : ['getMeetings', 'getMeetingInfo']) {
        const result = await measure(mode);
        if (round >= 0) runs[mode].push(result);
      }
    }
    const wire = {};
    for (const mode of ['getMeetingInfo', 'getMeetings']) wire[mode] = await helper.ask('wire', { mode, meetingIds });
    return Object.fromEntries(Object.keys(runs).map((mode) => [mode, { ...medianOf(runs[mode]), runs: runs[mode], wire: wire[mode] }]));
  };

  const ours = await scenario();
  // The same poll while the back end also hosts as many meetings that are not ours.
  const others = meetingIds.map((_, i) => `other/meeting-${String(i).padStart(2, '0')}`);
  await fill(others);
  const shared = await scenario();
  for (const meetingID of others) await (await fetch(await bbbUrl(backend, 'end', { meetingID }))).arrayBuffer();
  return { ours, shared, otherMeetings: others.length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---- printing ------------------------------------------------------------------

export function printSse(result, table) {
  const { settings: s, load, memory, connectMs, delivery, window, upstream } = result;
  const b = (n) => Math.round(n).toLocaleString('en-US');
  const ms = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
  const range = (values) => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;

  console.log(
    `\n## Server-Sent Events: ${b(s.viewers)} viewers, ${s.rooms} rooms (${s.attendees}+ people in each meeting; status.ttlMs ${b(s.ttlMs)}; median of ${s.rounds} rounds, subjects interleaved)\n`,
  );
  console.log(
    `Load average (1 min) at the start and the end: ${load.before.toFixed(1)} and ${load.after.toFixed(1)} (this part itself keeps up to two processes busy).\n`,
  );
  console.log(`### Memory per open event stream (server process, growth with ${b(s.viewers)} streams open, after forced GC; bytes)\n`);
  const mem = (key, label) => {
    const m = memory[key].median;
    const runs = memory[key].runs;
    return [
      label,
      b(m.heapUsed),
      `${(m.heapUsed / memory.baseline.median.heapUsed).toFixed(2)}×`,
      `${b(Math.min(...runs.map((r) => r.heapUsed)))}–${b(Math.max(...runs.map((r) => r.heapUsed)))}`,
      b(m.external),
      b(m.rss),
      `${b(Math.min(...runs.map((r) => r.rss)))}–${b(Math.max(...runs.map((r) => r.rss)))}`,
      `${(median(connectMs[key]) / 1000).toFixed(1)} s`,
    ];
  };
  table(
    ['Server', 'heap used', 'vs baseline', 'heap min–max', 'external', 'RSS', 'RSS min–max', `connecting ${b(s.viewers)}`],
    [
      mem('baseline', 'bare node:http SSE (baseline)'),
      mem('helper', `server helper, ${s.rooms} rooms`),
      mem('oneRoom', 'server helper, all in one room'),
    ],
    [false, true, true, true, true, true, true, true],
  );

  console.log('\n### Delivering a change (ms)\n');
  const { broadcasts, oneRoomChanges, roomChanges, allChanges } = delivery;
  const stats = (runs, key) => {
    const values = runs.map((x) => x[key]);
    return { median: median(values), range: range(values) };
  };
  const base = { publish: stats(broadcasts, 'publish').median, delivered: stats(broadcasts, 'delivered').median };
  // Ratios only where as many viewers get the event as from the baseline.
  const row = (label, runs, viewers = runs[0].viewers, withPublish = true) => {
    const publish = stats(runs, 'publish');
    const delivered = stats(runs, 'delivered');
    const comparable = viewers === s.viewers;
    return [
      label,
      typeof viewers === 'number' ? b(viewers) : viewers,
      runs.length,
      withPublish ? ms(publish.median) : '-',
      withPublish ? publish.range : '-',
      withPublish && comparable ? `${(publish.median / base.publish).toFixed(2)}×` : '-',
      ms(delivered.median),
      delivered.range,
      comparable ? `${(delivered.median / base.delivered).toFixed(2)}×` : '-',
    ];
  };
  table(
    ['Who sends the event', 'viewers', 'n', 'all writes issued', 'min–max', 'vs baseline', 'last viewer has it', 'min–max', 'vs baseline'],
    [
      row('bare node:http SSE (baseline): one event to all', broadcasts),
      row('helper, all viewers in one room: the room changes', oneRoomChanges),
      row(`helper, ${s.rooms} rooms: one room changes`, roomChanges),
      row(`helper, ${s.rooms} rooms: every room changes (median of rooms)`, allChanges, `${b(s.viewers / s.rooms)} per room`, false),
    ],
    [false, true, true, true, true, true, true, true, true],
  );
  const perViewerBytes = [...broadcasts, ...oneRoomChanges, ...roomChanges].map((x) => x.bytesPerViewer);
  console.log(`
Counted from the moment the server has the news: for the baseline the start of its write loop, for the helper
the changed getMeetingInfo answer coming in. "All writes issued": the server's own work, up to the next turn of
its event loop, which includes the socket writes that res.write defers to process.nextTick (the baseline's
loop alone: ${ms(stats(broadcasts, 'loop').median)} ms). Bytes handed to the sockets meanwhile: ${b(Math.min(...perViewerBytes))}–${b(Math.max(...perViewerBytes))} per viewer,
one event each. "Last viewer has it": until the viewers' process has parsed the event on every connection; it
works through them on one thread, which bounds this figure for the baseline.
`);
  table(
    ['End to end: person enters → last viewer has it', 'viewers', 'n', 'median', 'min–max'],
    [
      [
        `helper, ${s.rooms} rooms: one room changes`,
        b(roomChanges[0].viewers),
        roomChanges.length,
        ms(stats(roomChanges, 'endToEnd').median),
        stats(roomChanges, 'endToEnd').range,
      ],
      [
        `helper, ${s.rooms} rooms: every room changes (last of all)`,
        b(allChanges[0].viewers),
        allChanges.length,
        ms(stats(allChanges, 'endToEnd').median),
        stats(allChanges, 'endToEnd').range,
      ],
    ],
    [false, true, true, true, true],
  );
  console.log(
    `\nEnd to end includes the wait for the room's next poll, 0 to ${b(s.ttlMs)} ms (status.ttlMs); each change is made at a random point of the cycle. The ${s.rooms} rooms are polled on timers of their own; when all changed at once, their changed answers came in over ${range(allChanges.map((x) => x.answersSpread))} ms.`,
  );

  console.log(`\n### Upstream calls with ${b(s.viewers)} viewers on ${s.rooms} rooms\n`);
  table(
    [
      'Window',
      'getMeetingInfo calls (sandbox)',
      'per minute',
      'time between two polls of a room: mean (min–max)',
      'per minute from that mean',
      `theory: ${s.rooms} rooms × 60 s / ${s.ttlMs / 1000} s`,
    ],
    [
      [
        `${(window.ms / 1000).toFixed(1)} s`,
        b(window.calls),
        b(window.perMinute),
        `${b(window.meanInterval)} ms (${b(window.minInterval)}–${b(window.maxInterval)})`,
        b(window.perMinuteFromInterval),
        b(window.theoryPerMinute),
      ],
    ],
    [false, true, true, true, true, true],
  );
  console.log(
    `\nThe helper's own count of its polls in the window: ${b(window.polls)} over ${window.rooms} rooms. A room is asked again ${b(s.ttlMs)} ms after its last answer came in, so the interval is the TTL plus one round trip (and any delay of the helper's event loop). The rooms poll close together in time, so a window holds 11 or 12 polls of each: the count moves in steps of about ${s.rooms}; the rate from the mean interval does not.`,
  );

  console.log(
    `\n### Polling ${s.rooms} rooms: ${s.rooms} × getMeetingInfo or 1 × getMeetings (median of ${s.upstreamRounds}; ${s.attendees} people per meeting)\n`,
  );
  const upRow = (label, u) => [
    label,
    u.wire.calls,
    b(u.wire.sent + u.wire.received),
    b(u.wire.body),
    ms(u.wallMs),
    ms(u.helperCpuMs),
    ms(u.sandboxCpuMs),
  ];
  table(
    ['Poll', 'calls', 'HTTP bytes (req+resp)', 'XML bytes', 'wall ms', 'helper CPU ms', 'sandbox CPU ms'],
    [
      upRow(`${s.rooms} × getMeetingInfo, only our meetings on the back end`, upstream.ours.getMeetingInfo),
      upRow('1 × getMeetings, only our meetings on the back end', upstream.ours.getMeetings),
      upRow(`${s.rooms} × getMeetingInfo, ${upstream.otherMeetings} other meetings on it too`, upstream.shared.getMeetingInfo),
      upRow(`1 × getMeetings, ${upstream.otherMeetings} other meetings on it too`, upstream.shared.getMeetings),
    ],
    [false, true, true, true, true, true, true],
  );
  console.log(
    `\nOne poll per ${s.ttlMs / 1000} s is ${60_000 / s.ttlMs} polls a minute. Bytes are HTTP/1.1 on 127.0.0.1 (no TLS, no TCP overhead); CPU is user+system of each process.`,
  );
}
