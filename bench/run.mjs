// `npm run bench`: bundle sizes next to lit alone, the cost of German and English
// with our typed catalogue or with @lit/localize (bench/localize.mjs), join throughput next to a
// bare node:http server, token signing next to raw node:crypto HMAC, and 10,000
// Server-Sent Events viewers next to a bare node:http SSE server (bench/sse.mjs),
// SQLite against PostgreSQL against two instances behind nginx (bench/cluster.mjs), tenant lookups
// with 10 and 20,000 clubs in the store (bench/directory.mjs),
// each baseline measured in the same run. See docs/performance.md.
//
//   node bench/run.mjs                       print every table
//   node bench/run.mjs --only sse            only some parts: bundles, localize, join, signing, sse, cluster, directory (comma-separated)
//   node bench/run.mjs --json                also write bench/results/latest.json
//
// Timing figures are only ever compared with a baseline from the same run on
// the same machine; nothing here asserts on them. Bundle budgets are checked
// by bench/budgets.test.mjs in the tests.
//
// The load generator runs in a worker thread of this process (so it gets its
// own event loop and, on a multi-core machine, its own core); the servers
// (baseline, server helper, sandbox) share the main thread.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { clusterBenchmark, printCluster } from './cluster.mjs';
import { buttonBenchmark, printButton } from './button.mjs';
import { firstLoad } from './first-load.mjs';
import { directoryBenchmark, printDirectory } from './directory.mjs';
import { localizeBenchmark, printLocalize } from './localize.mjs';
import { printSse, sseBenchmark } from './sse.mjs';

const CONCURRENCY = 32; // concurrent request loops in the load generator
const WARMUP_MS = 300; // per measurement, not counted
const DURATION_MS = 2000; // per measurement
const ROUNDS = 5; // each measurement is repeated, baseline and subjects interleaved
const REQUEST_TIMEOUT_MS = 5000; // a single request slower than this fails the run
const MAX_REQUESTS_PER_LOOP = 1_000_000; // hard bound besides the deadline

const SIGN_MS = 1000; // per token-signing measurement
const SIGN_BATCH = 64; // tokens signed concurrently (WebCrypto works off the main thread)

const JOIN_BODY = JSON.stringify({ displayName: 'Bench Person' });
const BASELINE_BODY = JSON.stringify({ url: 'http://127.0.0.1/join?fullName=Bench+Person', role: 'attendee' });

if (isMainThread) {
  await main();
} else {
  loadGenerator();
}

// ---------------------------------------------------------------------------
// Load generator (worker thread)
// ---------------------------------------------------------------------------

function loadGenerator() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  /** One request; resolves with its status code once the body has been read. */
  function request(target) {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: target.port,
          path: target.path,
          method: target.method,
          headers:
            target.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(target.body) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(target.body);
    });
  }

  /** CONCURRENCY loops, each sending requests one after another until `ms` have passed. */
  async function phase(target, ms) {
    const start = performance.now();
    const deadline = start + ms;
    let ok = 0;
    const failures = new Map();
    const latencies = [];
    const loop = async () => {
      for (let i = 0; i < MAX_REQUESTS_PER_LOOP && performance.now() < deadline; i++) {
        let outcome;
        const sent = performance.now();
        try {
          const status = await request(target);
          latencies.push(performance.now() - sent);
          outcome = status >= 200 && status < 300 ? 'ok' : `HTTP ${status}`;
        } catch (error) {
          outcome = error instanceof Error ? error.message : String(error);
        }
        if (outcome === 'ok') ok++;
        else failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, loop));
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return { ok, failures: Object.fromEntries(failures), seconds: (performance.now() - start) / 1000, p50: at(0.5), p99: at(0.99) };
  }

  parentPort.on('message', async (message) => {
    if (message.type === 'stop') {
      agent.destroy();
      parentPort.close();
      return;
    }
    const warmup = await phase(message.target, WARMUP_MS);
    const measured = await phase(message.target, DURATION_MS);
    const failures = { ...warmup.failures };
    for (const [key, n] of Object.entries(measured.failures)) failures[key] = (failures[key] ?? 0) + n;
    parentPort.postMessage({
      ok: measured.ok,
      warmupOk: warmup.ok,
      seconds: measured.seconds,
      failures,
      p50: measured.p50,
      p99: measured.p99,
    });
  });
}

// ---------------------------------------------------------------------------
// Main thread
// ---------------------------------------------------------------------------

async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const writeJson = process.argv.includes('--json');
  const PARTS = ['bundles', 'button', 'localize', 'join', 'signing', 'sse', 'cluster', 'directory'];
  const onlyAt = process.argv.indexOf('--only');
  const parts = onlyAt === -1 ? PARTS : (process.argv[onlyAt + 1] ?? '').split(',');
  if (parts.length === 0 || parts.some((part) => !PARTS.includes(part))) {
    console.error(`--only takes a comma-separated list of: ${PARTS.join(', ')}`);
    process.exitCode = 1;
    return;
  }
  const needed = [
    'packages/server/dist/index.js',
    'packages/sandbox/dist/index.js',
    ...(parts.includes('bundles') || parts.includes('button') ? ['packages/elements/dist/cdn'] : []),
    ...(parts.includes('localize') ? ['packages/elements/dist/i18n/index.js'] : []),
  ];
  const missing = needed.filter((path) => !existsSync(root + path));
  if (missing.length > 0) {
    console.error(`Missing build output (${missing.join(', ')}). Run \`npm run build\` first (or \`npm run bench\`, which builds).`);
    process.exitCode = 1;
    return;
  }

  const machine = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
  console.log('# Vereinsraum benchmarks\n');
  console.log(
    `${machine.date} · Node ${machine.node} · ${machine.platform} · ${machine.cpus} CPU(s): ${machine.cpuModel} · ${machine.memoryGiB} GiB RAM\n`,
  );

  const results = { machine };
  if (parts.includes('bundles')) {
    results.bundles = await bundleSizes(root);
    printBundles(results.bundles);
  }
  if (parts.includes('button')) {
    results.button = await buttonBenchmark(root);
    printButton(results.button, table);
  }
  if (parts.includes('localize')) {
    results.localize = await localizeBenchmark(root);
    printLocalize(results.localize, table);
  }
  if (parts.includes('join')) {
    results.throughput = await joinThroughput();
    printThroughput(results.throughput, machine);
  }
  if (parts.includes('signing')) {
    results.signing = await tokenSigning();
    printSigning(results.signing);
  }
  if (parts.includes('sse')) {
    results.sse = await sseBenchmark();
    printSse(results.sse, table);
  }
  if (parts.includes('directory')) {
    results.directory = await directoryBenchmark(root);
    printDirectory(results.directory, table);
  }

  if (parts.includes('cluster')) {
    results.cluster = await clusterBenchmark();
    printCluster(results.cluster, table);
  }

  if (writeJson) {
    const dir = `${root}bench/results`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote bench/results/latest.json`);
  }
}

// ---- Bundle sizes ----------------------------------------------------------

function sizes(code) {
  const bytes = Buffer.from(code);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** lit on its own, bundled and minified as rollup.config.mjs builds the CDN bundles, in memory. */
async function litAlone() {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const entry = '\0bench:lit-alone';
  const virtualEntry = {
    name: 'bench-lit-alone',
    resolveId: (id) => (id === entry ? entry : null),
    load: (id) => (id === entry ? "import 'lit'; export * from 'lit';" : null),
  };
  const bundle = await rollup({
    input: entry,
    plugins: [virtualEntry, nodeResolve({ browser: true }), terser({ module: true, format: { comments: false } })],
  });
  try {
    // sourcemap: true as in the CDN builds, so the code ends with the same kind of sourceMappingURL comment.
    const { output } = await bundle.generate({ format: 'es', sourcemap: true, file: 'lit.js' });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

async function bundleSizes(root) {
  const dir = `${root}packages/elements/dist/cdn/`;
  const { about: _about, ...budgets } = JSON.parse(readFileSync(`${root}bench/budgets.json`, 'utf8'));
  const lit = sizes(await litAlone());
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'vereinsraum.js' ? -1 : b === 'vereinsraum.js' ? 1 : a.localeCompare(b)));
  const rows = files.map((name) => {
    // The first load: the entry and the chunks it imports statically, minified bytes summed, gzip per file.
    const { files: loaded, total } = firstLoad(dir + name);
    const size = { min: [...loaded.keys()].reduce((sum, file) => sum + readFileSync(dir + file).length, 0), gzip: total };
    return {
      bundle: name,
      ...size,
      oursMin: size.min - lit.min,
      oursGzip: size.gzip - lit.gzip,
      budgetGzip: budgets[`packages/elements/dist/cdn/${name}`] ?? null,
    };
  });
  return { lit, rows };
}

function printBundles({ lit, rows }) {
  console.log('## Bundle sizes (bytes; gzip level 9; deterministic, one measurement each)\n');
  table(
    ['Bundle', 'min', 'min+gz', 'ours on top of lit: min', 'ours on top of lit: min+gz', 'gz budget'],
    [
      ...rows.map((r) => [r.bundle, r.min, r.gzip, r.oursMin, r.oursGzip, r.budgetGzip ?? '-']),
      ['lit alone (`export * from "lit"`)', lit.min, lit.gzip, '-', '-', '-'],
    ],
    [false, true, true, true, true, true],
  );
  console.log(
    '\n"lit alone" is all of lit\'s main entry, built with the plugins of rollup.config.mjs. "Ours on top of lit" = bundle minus that: our code plus @lit/context, lit/decorators and @vereinsraum/protocol, less whatever parts of lit a bundle does not use (tree-shaken).\n',
  );
}

// ---- Join throughput -------------------------------------------------------

async function joinThroughput() {
  const { startSandbox } = await import('../packages/sandbox/dist/index.js');
  const { createHandler, parseConfig } = await import('../packages/server/dist/index.js');
  const { bbbUrl } = await import('../packages/server/dist/providers/bbb.js');
  const { serve } = await import('../packages/server/dist/node.js');

  const secret = 'bench-secret-0123456789';
  const closers = [];
  const worker = new Worker(new URL(import.meta.url));
  const workerExit = new Promise((resolve) => worker.once('exit', resolve));
  worker.on('error', (error) => console.error('load generator failed:', error));
  try {
    const sandbox = await startSandbox({ secret });
    closers.push(() => sandbox.close());
    const config = parseConfig(
      {
        backends: { sandbox: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'S' } },
        tenants: { bench: { name: 'Bench', allowedOrigins: [], rooms: { hall: { name: 'Hall', backend: 'sandbox', start: 'anyone' } } } },
      },
      { S: secret },
    );
    const helper = await serve(createHandler(config), { port: 0 });
    closers.push(() => helper.close());
    const baseline = await startBaseline();
    closers.push(() => baseline.close());

    // Make the meeting running: the first join creates it (as moderator), loading its URL puts a participant inside.
    const first = await postJoin(helper.url);
    if (first.role !== 'moderator' || typeof first.url !== 'string')
      throw new Error(`first join: unexpected answer ${JSON.stringify(first)}`);
    const page = await fetch(first.url, { redirect: 'follow' });
    await page.arrayBuffer();
    if (!page.ok) throw new Error(`meeting page: HTTP ${page.status}`);
    const second = await postJoin(helper.url);
    if (second.role !== 'attendee') throw new Error(`second join: expected an attendee join, got ${JSON.stringify(second)}`);

    const port = (url) => Number(new URL(url).port);
    const direct = new URL(await bbbUrl(config.backends.get('sandbox'), 'getMeetingInfo', { meetingID: 'bench/hall' }));
    // The same handler with the upstream round-trip replaced by the sandbox's real answer, kept in memory:
    // join minus this row is what the getMeetingInfo call to the sandbox costs.
    const meetingInfo = await (await fetch(direct)).text();
    if (!meetingInfo.includes('<running>true</running>')) throw new Error(`meeting is not running: ${meetingInfo.slice(0, 200)}`);
    const stubbed = await serve(
      createHandler(config, { fetch: async () => new Response(meetingInfo, { headers: { 'content-type': 'text/xml;charset=utf-8' } }) }),
      { port: 0 },
    );
    closers.push(() => stubbed.close());
    const subjects = [
      {
        key: 'baseline',
        label: 'bare node:http (baseline)',
        target: { port: port(baseline.url), path: '/', method: 'POST', body: JOIN_BODY },
      },
      {
        key: 'join',
        label: 'POST …/join (attendee)',
        target: { port: port(helper.url), path: '/v1/rooms/bench/hall/join', method: 'POST', body: JOIN_BODY },
      },
      {
        key: 'joinStubbed',
        label: 'POST …/join, upstream stubbed',
        target: { port: port(stubbed.url), path: '/v1/rooms/bench/hall/join', method: 'POST', body: JOIN_BODY },
      },
      {
        key: 'status',
        label: 'GET …/status (cached)',
        target: { port: port(helper.url), path: '/v1/rooms/bench/hall/status', method: 'GET' },
      },
      {
        key: 'upstream',
        label: 'sandbox getMeetingInfo, direct',
        target: { port: port(sandbox.url), path: direct.pathname + direct.search, method: 'GET' },
      },
    ];

    const runs = Object.fromEntries(subjects.map((s) => [s.key, []]));
    const busy = Object.fromEntries(subjects.map((s) => [s.key, { server: [], client: [], serverUs: [] }]));
    const latency = Object.fromEntries(subjects.map((s) => [s.key, { p50: [], p99: [] }]));
    let joinRequests = 0;
    let joinUpstreamCalls = 0;
    // Round -1 is a discarded pass over every subject, so JIT and connection warm-up do not land in round 0.
    for (let round = -1; round < ROUNDS; round++) {
      // Rotate the order each round so no subject always runs first (or right after another).
      const order = subjects.map((_, i) => subjects[(i + round + subjects.length) % subjects.length]);
      for (const subject of order) {
        const before = sandbox.calls.getMeetingInfo ?? 0;
        const result = await measure(worker, subject.target);
        const failed = Object.entries(result.failures);
        if (failed.length > 0) {
          throw new Error(`${subject.label}: failed requests: ${failed.map(([k, n]) => `${n}× ${k}`).join(', ')}`);
        }
        if (round >= 0) {
          runs[subject.key].push(result.ok / result.seconds);
          busy[subject.key].server.push(result.serverBusy);
          busy[subject.key].client.push(result.clientBusy);
          // The servers' thread's busy time per answer: what a request costs the server, whichever side limits the loop.
          busy[subject.key].serverUs.push((result.serverActiveMs * 1000) / (result.warmupOk + result.ok));
          latency[subject.key].p50.push(result.p50);
          latency[subject.key].p99.push(result.p99);
        }
        if (subject.key === 'join') {
          joinUpstreamCalls += (sandbox.calls.getMeetingInfo ?? 0) - before;
          joinRequests += result.warmupOk + result.ok;
        }
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');
    // Joins share the status service's answer that the meeting runs (one request per room per reuse window).
    if (joinUpstreamCalls >= joinRequests) {
      throw new Error(`expected joins to share getMeetingInfo, the sandbox counted ${joinUpstreamCalls} for ${joinRequests} joins`);
    }

    const baselineMedian = median(runs.baseline);
    return {
      settings: { concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS, rounds: ROUNDS },
      upstreamCallsPerJoin: joinUpstreamCalls / joinRequests,
      rows: subjects.map((s) => {
        const values = runs[s.key];
        return {
          key: s.key,
          label: s.label,
          median: median(values),
          ratio: median(values) / baselineMedian,
          min: Math.min(...values),
          max: Math.max(...values),
          runs: values,
          serverBusy: median(busy[s.key].server),
          serverUs: median(busy[s.key].serverUs),
          p50: median(latency[s.key].p50),
          p99: median(latency[s.key].p99),
          clientBusy: median(busy[s.key].client),
        };
      }),
    };
  } finally {
    worker.postMessage({ type: 'stop' });
    await Promise.race([workerExit, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await worker.terminate();
    for (const close of closers.reverse()) await close();
  }
}

/** The baseline: reads the request body, answers a small fixed JSON body. */
async function startBaseline() {
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BASELINE_BODY) });
      res.end(BASELINE_BODY);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function postJoin(base) {
  const response = await fetch(`${base}/v1/rooms/bench/hall/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JOIN_BODY,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`join: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

function measure(worker, target) {
  return new Promise((resolve, reject) => {
    // Event-loop utilization of both threads over the run (warm-up included): which side was saturated.
    const serverStart = performance.eventLoopUtilization();
    const clientStart = worker.performance.eventLoopUtilization();
    const onMessage = (result) => {
      worker.off('error', onError);
      const { utilization: serverBusy, active: serverActiveMs } = performance.eventLoopUtilization(serverStart);
      const clientBusy = worker.performance.eventLoopUtilization(clientStart).utilization;
      resolve({ ...result, serverBusy, serverActiveMs, clientBusy });
    };
    const onError = (error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ type: 'run', target });
  });
}

// ---- Token signing ---------------------------------------------------------

/**
 * Tokens per second on the main thread, no HTTP: the server helper's signing
 * paths against raw node:crypto HMAC-SHA256 over the same kind of input.
 */
async function tokenSigning() {
  const jose = await import('jose');
  const server = { ...(await import('../packages/server/dist/index.js')), ...(await import('../packages/server/dist/providers/jitsi.js')) };
  const fixture = JSON.parse(readFileSync(new URL('../packages/server/test/fixtures/jitsi-tokens.json', import.meta.url), 'utf8')).hs256;
  const claims = fixture.payload;
  const signingInput = fixture.token.split('.').slice(0, 2).join('.');
  const secretBytes = new TextEncoder().encode(fixture.secret);
  const hmacKey = await server.importJitsiSecret(fixture.secret);
  const keys = await server.generateKeySet({ rsa: true });
  const rsa = keys.signingKey('RS256');
  const jitsi = new server.JitsiProvider(
    {
      type: 'jitsi',
      domain: 'meet.example.org',
      protocol: 'https',
      appId: fixture.app_id,
      xmppDomain: 'meet.jitsi',
      tokenMinutes: 5,
      timeoutMs: 1000,
      appSecret: fixture.secret,
    },
    async () => keys,
  );
  const meeting = { id: 'bench/hall', name: 'Hall' };
  const join = { displayName: 'Bench Person', role: 'attendee', userId: 'u-1', createTime: null };
  if ((await server.signJitsiToken(claims, { alg: 'HS256', key: hmacKey })) !== fixture.token)
    throw new Error('HS256 signing does not match the golden token');

  const subjects = [
    {
      key: 'baseline',
      label: 'raw node:crypto HMAC-SHA256 of header.payload (baseline)',
      sync: () => createHmac('sha256', secretBytes).update(signingInput).digest('base64url'),
    },
    {
      key: 'hs256',
      label: 'signJitsiToken HS256, key imported once',
      run: () => server.signJitsiToken(claims, { alg: 'HS256', key: hmacKey }),
    },
    { key: 'jitsiJoin', label: 'JitsiProvider.join (claims, HS256 token, URL)', run: () => jitsi.join(meeting, join) },
    {
      key: 'hs256PerCall',
      label: 'jose SignJWT HS256, secret bytes given per call',
      run: () => new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretBytes),
    },
    { key: 'rs256', label: 'signJitsiToken RS256 (2048-bit key)', run: () => server.signJitsiToken(claims, { alg: 'RS256', ...rsa }) },
    {
      key: 'invite',
      label: 'createInvite EdDSA',
      run: () => server.createInvite(keys, { tenant: 'bench', room: 'hall', role: 'attendee', expiresInSeconds: 86_400 }),
    },
  ];

  async function opsPerSecond(subject) {
    const start = performance.now();
    let ops = 0;
    while (performance.now() - start < SIGN_MS) {
      if (subject.sync) {
        for (let i = 0; i < SIGN_BATCH; i++) subject.sync();
      } else {
        await Promise.all(Array.from({ length: SIGN_BATCH }, subject.run));
      }
      ops += SIGN_BATCH;
    }
    return ops / ((performance.now() - start) / 1000);
  }

  const runs = Object.fromEntries(subjects.map((s) => [s.key, []]));
  for (let round = -1; round < ROUNDS; round++) {
    const order = subjects.map((_, i) => subjects[(i + round + subjects.length) % subjects.length]);
    for (const subject of order) {
      const value = await opsPerSecond(subject);
      if (round >= 0) runs[subject.key].push(value);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const baselineMedian = median(runs.baseline);
  return {
    settings: { durationMs: SIGN_MS, batch: SIGN_BATCH, rounds: ROUNDS },
    rows: subjects.map((s) => ({
      key: s.key,
      label: s.label,
      median: median(runs[s.key]),
      ratio: median(runs[s.key]) / baselineMedian,
      runs: runs[s.key],
    })),
  };
}

function printSigning({ settings, rows }) {
  console.log(
    `\n## Token signing (tokens/s on one thread; batches of ${settings.batch}, ${settings.durationMs} ms each; one discarded pass, then median of ${settings.rounds} interleaved rounds)\n`,
  );
  table(
    ['Path', 'median tokens/s', 'vs baseline', 'µs/token (1/median)'],
    rows.map((r) => [r.label, round(r.median), `${r.ratio.toFixed(3)}×`, (1e6 / r.median).toFixed(1)]),
    [false, true, true, true],
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printThroughput({ settings, rows, upstreamCallsPerJoin }, machine) {
  const s = settings;
  console.log(
    `## Throughput (requests/s; ${s.concurrency} concurrent keep-alive loops, ${s.warmupMs} ms warm-up + ${s.durationMs} ms each; one discarded pass, then median of ${s.rounds} interleaved rounds)\n`,
  );
  table(
    ['Endpoint', 'median req/s', 'vs baseline', 'min–max req/s', 'latency p50 / p99 (ms)', 'busy: servers / client', 'servers µs/req'],
    rows.map((r) => [
      r.label,
      round(r.median),
      `${r.ratio.toFixed(2)}×`,
      `${round(r.min)}–${round(r.max)}`,
      `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`,
      `${percent(r.serverBusy)} / ${percent(r.clientBusy)}`,
      r.serverUs.toFixed(0),
    ]),
    [false, true, true, true, true, true, true],
  );
  console.log(`
Upstream calls per join: ${upstreamCallsPerJoin.toFixed(4)} getMeetingInfo (counted by the sandbox; joins share the answer that the meeting runs).
Latency: per request, from the load generator's send to the end of the answer; median over the rounds of each round's p50 and p99.
The load generator runs in a worker thread; baseline, server helper and sandbox share the main thread.
"busy" is each thread's event-loop utilization (median): near 100 % marks the side that limits the figure.
"servers µs/req" is the servers' thread's busy time per answer (median over the rounds): what one request costs the server side, whichever side limits the loop.
${machine.cpus <= 2 ? `This machine has ${machine.cpus} CPU(s): client and servers share them, so these are figures of the whole loop (client + server + sandbox), not of the server alone. Compare ratios, not absolute numbers.` : 'Client and servers still share one machine; compare ratios, not absolute numbers.'}`);
}

function round(n) {
  return Math.round(n).toLocaleString('en-US');
}

function percent(fraction) {
  return `${Math.round(fraction * 100)} %`;
}

function table(header, rows, rightAligned) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(cells[0]));
  console.log(`|${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}
