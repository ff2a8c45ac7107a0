// Run by bench/run.mjs (`node bench/run.mjs --only button`); see docs/performance.md.
//
// Time until a join button is visible and clickable on an emulated slow phone:
// Chromium with its CPU slowed down 4× and a slow mobile network (400 ms round
// trip, 400 kbit/s each way) through the DevTools protocol, a cold cache each
// load, the files sent gzipped by a local server. Three pages, measured in
// interleaved rounds, median of 5:
//
//   ours      vereinsraum.js and one <verein-join-room>: ready when its button is in
//             the page, not hidden, with a size (it takes a click from then on)
//   Whereby   @whereby.com/browser-sdk's dist/cdn/v3-embed.js and one <whereby-embed>:
//             ready when the element is defined and has rendered (its join button
//             is inside the room's iframe, from Whereby's servers: a lower bound)
//   Jitsi     external_api.js bundled with esbuild from @jitsi/react-native-sdk's
//             modules/API/external/index.js, and the page's own join button, enabled
//             once JitsiMeetExternalAPI exists (a lower bound, like the bundle itself)
//
// The two anchors are fetched by npm into a scratch folder outside the
// repository at bench time (never a dependency, never committed): both
// packages unpacked with `npm pack` (the Jitsi SDK's full install needs
// lib-jitsi-meet from outside the registry), and the four small packages
// Jitsi's external API imports installed by name. Where that fails, the row
// says why.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';

const ROUNDS = 5;
const CPU_SLOWDOWN = 4;
const NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const ANCHORS = { whereby: '@whereby.com/browser-sdk@3.30', jitsi: '@jitsi/react-native-sdk@13.2' };
const SCRATCH = join(os.tmpdir(), 'vereinsraum-bench-anchors');

/** `npm` in the scratch folder; throws with npm's last line of complaint. */
function npm(args) {
  try {
    return execFileSync('npm', args, { cwd: SCRATCH, stdio: 'pipe', timeout: 600_000 }).toString();
  } catch (error) {
    throw new Error(
      `npm ${args.join(' ')}: ${String(error.stderr ?? error.message)
        .trim()
        .split('\n')
        .at(-1)}`,
    );
  }
}

/** The package `spec` unpacked (its own files only: `npm pack`, no dependencies) into `SCRATCH/dir/package`. */
function unpack(spec, dir) {
  const target = join(SCRATCH, dir);
  if (existsSync(join(target, 'package/package.json'))) return join(target, 'package');
  const tarball = npm(['pack', '--silent', spec]).trim().split('\n').at(-1);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', join(SCRATCH, tarball), '-C', target]);
  return join(target, 'package');
}

/**
 * Jitsi's external API bundled with esbuild from the SDK's source. The SDK's
 * own install pulls lib-jitsi-meet from outside the registry, so it is only
 * unpacked; the few packages the external API imports are installed by name
 * (at the SDK's versions) when esbuild misses them.
 */
async function bundleJitsi(sdk) {
  const { build } = await import('esbuild');
  const options = {
    entryPoints: [join(sdk, 'modules/API/external/index.js')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'JitsiMeetExternalAPI',
    footer: { js: 'JitsiMeetExternalAPI=JitsiMeetExternalAPI.default||JitsiMeetExternalAPI;' },
    resolveExtensions: ['.web.ts', '.web.js', '.ts', '.js'],
    nodePaths: [join(SCRATCH, 'node_modules')],
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return Buffer.from((await build(options)).outputFiles[0].contents);
    } catch (error) {
      const missing = [
        ...new Set((error.errors ?? []).map((e) => /Could not resolve "((?:@[^/"]+\/)?[^/"]+)/.exec(e.text)?.[1]).filter(Boolean)),
      ];
      if (attempt > 0 || missing.length === 0) throw error;
      const { dependencies = {} } = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
      const specs = missing.map((name) =>
        dependencies[name] && !/[:/]/.test(dependencies[name]) ? `${name}@${dependencies[name]}` : name,
      );
      npm(['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', ...specs]);
    }
  }
}

/** The anchors' files, fetched (once) into the scratch folder; `{ error }` for each that could not be. */
async function anchors() {
  mkdirSync(SCRATCH, { recursive: true });
  if (!existsSync(join(SCRATCH, 'package.json'))) writeFileSync(join(SCRATCH, 'package.json'), '{ "private": true }\n');
  const result = {};
  try {
    const file = join(unpack(ANCHORS.whereby, 'whereby'), 'dist/cdn/v3-embed.js');
    result.whereby = existsSync(file) ? { code: readFileSync(file) } : { error: `${ANCHORS.whereby} has no dist/cdn/v3-embed.js` };
  } catch (error) {
    result.whereby = { error: error.message };
  }
  try {
    result.jitsi = { code: await bundleJitsi(unpack(ANCHORS.jitsi, 'jitsi')) };
  } catch (error) {
    result.jitsi = { error: `could not build external_api.js: ${String(error.message).split('\n')[0]}` };
  }
  return result;
}

/** The three pages; each sets `window.__ready` (ms since navigation) the first frame its button can be clicked. */
function pages(port) {
  const watch = (check) => `<script>
  (function poll() {
    try { if (${check}) { window.__ready = performance.now(); return; } } catch (e) {}
    requestAnimationFrame(poll);
  })();
</script>`;
  return {
    ours: `<!doctype html><html lang="de"><meta name="viewport" content="width=device-width">
<script type="module" src="/ours/vereinsraum.js"></script>
<p>Vereinsabend</p>
<verein-join-room endpoint="http://127.0.0.1:${port}/api" tenant="tsv" room="training"></verein-join-room>
${watch(`(function () { var b = document.querySelector('verein-join-room').shadowRoot.querySelector('button[part="button"]'); return b && !b.hidden && b.getBoundingClientRect().height > 0; })()`)}`,
    whereby: `<!doctype html><html lang="de"><meta name="viewport" content="width=device-width">
<script type="module" src="/whereby/v3-embed.js"></script>
<p>Vereinsabend</p>
<whereby-embed room="https://example.whereby.com/vereinsabend"></whereby-embed>
${watch(`customElements.get('whereby-embed') && (function () { var e = document.querySelector('whereby-embed'); return !!(e.shadowRoot || e.firstElementChild); })()`)}`,
    jitsi: `<!doctype html><html lang="de"><meta name="viewport" content="width=device-width">
<script src="/jitsi/external_api.js" defer></script>
<p>Vereinsabend</p>
<button id="join" disabled>Beitreten</button>
<script>addEventListener('DOMContentLoaded', function () { document.getElementById('join').disabled = typeof JitsiMeetExternalAPI !== 'function'; });</script>
${watch(`!document.getElementById('join').disabled`)}`,
  };
}

/** A server for the pages and their scripts (gzipped, as any server sends them), and a tenant endpoint that knows no tenant. */
async function startServer(root, anchorFiles) {
  const cdn = join(root, 'packages/elements/dist/cdn');
  let html = {};
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    let body;
    let type = 'text/javascript; charset=utf-8';
    if (path.startsWith('/page/')) {
      body = html[path.slice('/page/'.length)];
      type = 'text/html; charset=utf-8';
    } else if (path.startsWith('/ours/') && /^[\w./-]+$/.test(path) && !path.includes('..')) {
      const file = join(cdn, path.slice('/ours/'.length));
      body = existsSync(file) ? readFileSync(file) : undefined;
    } else if (path === '/whereby/v3-embed.js') body = anchorFiles.whereby?.code;
    else if (path === '/jitsi/external_api.js') body = anchorFiles.jitsi?.code;
    else if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      res.end('{"code":"tenant_not_found","status":404}');
      return;
    }
    if (body === undefined) {
      res.writeHead(404);
      res.end();
      return;
    }
    const gzipped = gzipSync(body, { level: 9 });
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': gzipped.length, 'cache-control': 'no-store' });
    res.end(gzipped);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  html = pages(port);
  return { port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** One cold load of `page` on the emulated slow phone: ms until its button can be clicked, and the bytes that came by then. */
async function load(browser, url) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__ready !== undefined, { timeout: 60_000, polling: 100 });
    const ready = await page.evaluate(() => window.__ready);
    return { ms: ready, bytes };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function buttonBenchmark(root) {
  const { default: puppeteer } = await import('puppeteer-core');
  const anchorFiles = await anchors();
  const server = await startServer(root, anchorFiles);
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  const subjects = [
    { key: 'ours', label: 'Vereinsraum: vereinsraum.js, <verein-join-room>' },
    { key: 'whereby', label: 'Whereby: v3-embed.js, <whereby-embed> (lower bound)' },
    { key: 'jitsi', label: "Jitsi: external_api.js, the page's button (lower bound)" },
  ].map((subject) => ({ ...subject, error: subject.key === 'ours' ? undefined : anchorFiles[subject.key].error, runs: [], bytes: [] }));
  try {
    // One discarded pass, then interleaved rounds in a rotating order.
    for (let round = -1; round < ROUNDS; round++) {
      const ready = subjects.filter((subject) => !subject.error);
      for (let i = 0; i < ready.length; i++) {
        const subject = ready[(i + round + ready.length) % ready.length];
        const result = await load(browser, `http://127.0.0.1:${server.port}/page/${subject.key}`);
        if (round >= 0) {
          subject.runs.push(result.ms);
          subject.bytes.push(result.bytes);
        }
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');
  } finally {
    await browser.close();
    await server.close();
  }
  const ours = median(subjects[0].runs);
  return {
    settings: { rounds: ROUNDS, cpuSlowdown: CPU_SLOWDOWN, network: NETWORK },
    rows: subjects.map(({ key, label, error, runs, bytes }) =>
      error
        ? { key, label, error }
        : {
            key,
            label,
            median: median(runs),
            ratio: median(runs) / ours,
            min: Math.min(...runs),
            max: Math.max(...runs),
            bytes: median(bytes),
          },
    ),
  };
}

export function printButton({ settings, rows }, table) {
  const n = settings.network;
  console.log(
    `## Join button visible and clickable on a slow phone (CPU ${settings.cpuSlowdown}× slower, ${n.latency} ms round trip, ${(n.downloadThroughput * 8) / 1000} kbit/s; cold cache; median of ${settings.rounds})\n`,
  );
  table(
    ['Page', 'median ms', 'vs ours', 'min–max ms', 'bytes on the wire by then'],
    rows.map((r) =>
      r.error
        ? [r.label, '-', '-', '-', `not measured: ${r.error}`]
        : [r.label, Math.round(r.median), `${r.ratio.toFixed(2)}×`, `${Math.round(r.min)}–${Math.round(r.max)}`, Math.round(r.bytes)],
    ),
    [false, true, true, true, true],
  );
  console.log('');
}
