// `npm test`: install and build if needed, then run every test suite and end
// with one line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireChromium } from './chromium.mjs';
import { build, ensureInstalled, run } from './ensure.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const files = (dir, pattern) =>
  readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name));

ensureInstalled();
build();
requireChromium();

console.log('\nType-checking ...');
for (const name of ['protocol', 'server', 'sandbox', 'elements']) run(npx, ['tsc', '-p', `packages/${name}`, '--noEmit']);

console.log('\nLinting and checking the format (eslint, prettier) ...');
run(npx, ['eslint', '.']);
run(npx, ['prettier', '--check', '--log-level', 'warn', '.']);

const out = mkdtempSync(join(tmpdir(), 'vereinsraum-test-'));
const totals = { passed: 0, failed: 0 };

console.log('\nServer, sandbox, end-to-end and budget tests (node:test) ...');
const nodeTap = join(out, 'node.tap');
const nodeFiles = [
  ...files('packages/server/test', /\.test\.ts$/),
  ...files('packages/sandbox/test', /\.test\.ts$/),
  ...files('packages/elements/test', /\.test\.ts$/),
  ...files('test/e2e', /\.test\.mjs$/),
  ...files('test/fuzz', /\.test\.mjs$/),
  ...files('test/examples', /\.test\.mjs$/),
  ...files('test/release', /\.test\.mjs$/),
  ...files('test/docs', /\.test\.mjs$/),
  ...files('packages/wordpress/test', /\.test\.mjs$/),
  ...files('bench', /\.test\.mjs$/),
];
const node = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${nodeTap}`,
    ...nodeFiles,
  ],
  { stdio: 'inherit' },
);
const tap = readFileSync(nodeTap, 'utf8');
const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
totals.passed += count('pass');
totals.failed += count('fail') + count('cancelled') + (node.status !== 0 && count('fail') === 0 ? 1 : 0);

console.log('\nElement tests (web-test-runner, Chromium) ...');
const browserSummary = join(out, 'browser.json');
const browser = spawnSync(npx, ['wtr'], { stdio: 'inherit', env: { ...process.env, WTR_SUMMARY_FILE: browserSummary } });
let browserTotals = { passed: 0, failed: 1 };
try {
  browserTotals = JSON.parse(readFileSync(browserSummary, 'utf8'));
} catch {
  console.error('The browser tests did not report a summary.');
}
totals.passed += browserTotals.passed;
totals.failed += browserTotals.failed + (browser.status !== 0 && browserTotals.failed === 0 ? 1 : 0);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
