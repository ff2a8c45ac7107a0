// Several instances: join, status and booking throughput of `vereinsraum serve` on SQLite (the baseline of
// this part), on PostgreSQL, and as two instances on PostgreSQL behind nginx with the site of docs/operator.md;
// and the conference server's requests per watched room and TTL with 1, 2 and 3 instances (must stay 1).
// Run by bench/run.mjs (`node bench/run.mjs --only cluster` runs it alone); see docs/performance.md.
//
// Every server is a process of its own (`vereinsraum serve` from the built package), PostgreSQL a throwaway
// cluster of this run (test/support/postgres.mjs), nginx Debian's. This process holds the sandbox and the
// load loops. Nothing here asserts on timing; it checks that every request succeeded.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { solveChallenge } from 'altcha-lib/v1';
import { cliPath, freePort, operatorConfig, startNginxCluster, startServe } from '../test/e2e/city-server.mjs';
import { startPostgres } from '../test/support/postgres.mjs';

const SECRET = 'bench-secret-cluster-0123456789';
const PAGE = 'https://www.tsv-musterstadt.de';
const TENANT = 'tsv-musterstadt';
const CONCURRENCY = 16; // request loops at once
const DURATION_MS = 1500; // per join and status measurement
const BOOKINGS = 150; // per booking measurement: this many, CONCURRENCY at a time
const ROUNDS = 3; // one discarded pass, then this many, subjects interleaved
const TTL_MS = 1000; // status.ttlMs of every instance
const UPSTREAM_WINDOW_MS = 6000; // upstream requests are counted over this window
const WATCHED_ROOMS = ['vereinsheim', 'vorstand'];

/** Requests in a loop for `ms`, `CONCURRENCY` at a time: requests per second, or the failures. */
async function throughput(agent, target, ms) {
  const deadline = performance.now() + ms;
  const start = performance.now();
  let ok = 0;
  const failures = new Map();
  const loop = async () => {
    while (performance.now() < deadline) {
      const status = await request(agent, target).catch((error) => error.message);
      if (status >= 200 && status < 300) ok++;
      else failures.set(String(status), (failures.get(String(status)) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  if (failures.size > 0) throw new Error(`${target.path}: failed: ${[...failures].map(([k, n]) => `${n}× ${k}`).join(', ')}`);
  return ok / ((performance.now() - start) / 1000);
}

function request(agent, { url, path, method = 'GET', body }) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: hostname,
        port,
        path,
        method,
        headers: {
          origin: PAGE,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` solved proof-of-work answers from the server at `url` (not timed). */
async function answers(url, count) {
  const out = [];
  while (out.length < count) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, count - out.length) }, async () => {
        const c = await (await fetch(`${url}/v1/bookings/challenge?tenant=${TENANT}`, { headers: { origin: PAGE } })).json();
        const { number } = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
        return btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature }));
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** Bookings per second: `BOOKINGS` solved bookings sent `CONCURRENCY` at a time. */
async function bookingRate(agent, url, altchas) {
  const start = Date.now() + 7 * 86_400_000;
  let next = 0;
  let failed = 0;
  const began = performance.now();
  const loop = async () => {
    while (next < altchas.length) {
      const altcha = altchas[next++];
      const body = JSON.stringify({
        kind: 'video',
        tenant: TENANT,
        title: 'Bench',
        organisation: 'TSV',
        contactName: 'Bench Person',
        contactEmail: 'bench@tsv-musterstadt.de',
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        expectedParticipants: 5,
        consent: true,
        altcha,
      });
      const status = await request(agent, { url, path: '/v1/bookings', method: 'POST', body }).catch(() => 0);
      if (status !== 201) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  if (failed > 0) throw new Error(`${url}: ${failed} bookings failed`);
  return altchas.length / ((performance.now() - began) / 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function generateKeys(data) {
  const child = spawn(process.execPath, [cliPath, 'keys', 'generate', '--data', data], { stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error('keys generate failed');
}

export async function clusterBenchmark() {
  const { startSandbox } = await import('../packages/sandbox/dist/index.js');
  const dir = await mkdtemp(join(os.tmpdir(), 'vereinsraum-bench-cluster-'));
  const closers = [];
  const close = async () => {
    for (const item of closers.reverse()) await item();
  };
  try {
    const postgres = await startPostgres();
    closers.push(() => postgres.close());
    const sandbox = await startSandbox({ secret: SECRET });
    closers.push(() => sandbox.close());
    const { config, env } = await operatorConfig({ bbbUrl: `${sandbox.url}/bigbluebutton/`, bbbSecret: SECRET, pageOrigin: PAGE });
    config.status = { ttlMs: TTL_MS };
    config.tenants[TENANT].bookings = {
      backend: 'bbb',
      joinPage: `${PAGE}/raum`,
      formPage: `${PAGE}/buchen`,
      consentText: { de: 'Ich bin einverstanden.', en: 'I agree with this.' },
      privacyPolicyUrl: `${PAGE}/datenschutz`,
      perClientPerHour: 100_000,
      perEmailPerDay: 100_000,
      challengeMaxNumber: 10,
    };
    const pgConfig = () => ({ ...config, store: { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 10 } });
    const start = async (cfg, extraEnv = {}, data) => {
      const instance = await startServe({ config: cfg, env: { ...env, ...extraEnv }, data });
      closers.push(() => instance.close());
      return instance;
    };

    // Throughput: one instance on SQLite, one on PostgreSQL, two on PostgreSQL behind nginx.
    const sqlite = await start(config);
    const oneDb = await postgres.database('one');
    const oneData = join(dir, 'one');
    await generateKeys(oneData);
    const one = await start(pgConfig(), { DATABASE_URL: oneDb }, oneData);
    const twoDb = await postgres.database('two');
    const twoData = join(dir, 'two');
    await generateKeys(twoData);
    const pair = [await start(pgConfig(), { DATABASE_URL: twoDb }, twoData), await start(pgConfig(), { DATABASE_URL: twoDb }, twoData)];
    const nginx = await startNginxCluster({ upstreams: pair.map((i) => i.url), port: await freePort() });
    closers.push(() => nginx.close());
    const subjects = [
      { key: 'sqlite', label: 'one instance, SQLite (baseline)', url: sqlite.url },
      { key: 'postgres', label: 'one instance, PostgreSQL', url: one.url },
      { key: 'nginx', label: 'two instances, PostgreSQL, behind nginx', url: nginx.url },
    ];
    // A running meeting, so that joins are attendee joins.
    const first = await (
      await fetch(`${sqlite.url}/v1/rooms/${TENANT}/vereinsheim/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PAGE },
        body: JSON.stringify({ displayName: 'Bench Host' }),
      })
    ).json();
    await (await fetch(first.url)).arrayBuffer();

    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const joinBody = JSON.stringify({ displayName: 'Bench Person' });
    const kinds = {
      join: (url) => throughput(agent, { url, path: `/v1/rooms/${TENANT}/vereinsheim/join`, method: 'POST', body: joinBody }, DURATION_MS),
      status: (url) => throughput(agent, { url, path: `/v1/rooms/${TENANT}/vereinsheim/status` }, DURATION_MS),
      booking: async (url) => bookingRate(agent, url, await answers(url, BOOKINGS)),
    };
    const runs = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, Object.fromEntries(subjects.map((s) => [s.key, []]))]));
    for (let round = -1; round < ROUNDS; round++) {
      const order = subjects.map((_, i) => subjects[(i + round + subjects.length) % subjects.length]);
      for (const [kind, run] of Object.entries(kinds)) {
        for (const subject of order) {
          const rate = await run(subject.url);
          if (round >= 0) runs[kind][subject.key].push(rate);
          process.stderr.write('.');
        }
      }
    }
    agent.destroy();
    const rows = Object.fromEntries(
      Object.entries(runs).map(([kind, bySubject]) => [
        kind,
        subjects.map((s) => ({
          key: s.key,
          label: s.label,
          median: median(bySubject[s.key]),
          ratio: median(bySubject[s.key]) / median(bySubject.sqlite),
          runs: bySubject[s.key],
        })),
      ]),
    );

    // Upstream requests per watched room and TTL, with 1, 2 and 3 instances on one database, each with viewers of every room.
    const upstream = [];
    const watchDb = await postgres.database('watch');
    const watchData = join(dir, 'watch');
    await generateKeys(watchData);
    const watching = [];
    for (const count of [1, 2, 3]) {
      while (watching.length < count) watching.push(await start(pgConfig(), { DATABASE_URL: watchDb }, watchData));
      const streams = [];
      for (const instance of watching) {
        for (const room of WATCHED_ROOMS) {
          const controller = new AbortController();
          const response = await fetch(`${instance.url}/v1/rooms/${TENANT}/${room}/events`, {
            signal: controller.signal,
            headers: { origin: PAGE },
          });
          void response.body.pipeTo(new WritableStream()).catch(() => {});
          streams.push(controller);
        }
      }
      await sleep(2 * TTL_MS);
      const before = sandbox.calls.getMeetingInfo ?? 0;
      await sleep(UPSTREAM_WINDOW_MS);
      const calls = (sandbox.calls.getMeetingInfo ?? 0) - before;
      for (const stream of streams) stream.abort();
      upstream.push({ instances: count, calls, perRoomPerTtl: calls / WATCHED_ROOMS.length / (UPSTREAM_WINDOW_MS / TTL_MS) });
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    return {
      settings: {
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        bookings: BOOKINGS,
        rounds: ROUNDS,
        ttlMs: TTL_MS,
        windowMs: UPSTREAM_WINDOW_MS,
        rooms: WATCHED_ROOMS.length,
      },
      rows,
      upstream,
    };
  } finally {
    await close();
    await rm(dir, { recursive: true, force: true });
  }
}

export function printCluster(result, table) {
  const { settings: s, rows, upstream } = result;
  const n = (value) => Math.round(value).toLocaleString('en-US');
  console.log(
    `\n## Several instances (requests/s; ${s.concurrency} concurrent keep-alive loops, ${s.durationMs} ms per join and status measurement, ${s.bookings} bookings per booking measurement; one discarded pass, then median of ${s.rounds} interleaved rounds)\n`,
  );
  for (const [kind, label] of [
    ['join', 'POST …/join (attendee, running meeting)'],
    ['status', 'GET …/status'],
    ['booking', 'POST /v1/bookings (proof of work solved beforehand)'],
  ]) {
    console.log(`### ${label}\n`);
    table(
      ['Setup', 'median req/s', 'vs SQLite', 'min–max req/s'],
      rows[kind].map((r) => [r.label, n(r.median), `${r.ratio.toFixed(2)}×`, `${n(Math.min(...r.runs))}–${n(Math.max(...r.runs))}`]),
      [false, true, true, true],
    );
    console.log('');
  }
  console.log(
    `### Conference server requests per watched room and TTL (${s.rooms} rooms watched on every instance, status.ttlMs ${s.ttlMs}, counted over ${s.windowMs} ms)\n`,
  );
  table(
    ['Instances', 'getMeetingInfo calls', 'per room per TTL'],
    upstream.map((u) => [String(u.instances), String(u.calls), u.perRoomPerTtl.toFixed(2)]),
    [true, true, true],
  );
}
