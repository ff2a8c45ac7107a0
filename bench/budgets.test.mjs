// Bundle sizes are deterministic, so their budgets are checked on every run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url);
const { about, ...budgets } = JSON.parse(readFileSync(new URL('bench/budgets.json', root), 'utf8'));

for (const [file, budget] of Object.entries(budgets)) {
  test(`${file} stays within ${budget} bytes gzipped`, () => {
    const size = gzipSync(readFileSync(new URL(file, root)), { level: 9 }).length;
    assert.ok(size <= budget, `${file} is ${size} bytes gzipped, over its budget of ${budget}`);
  });
}

test('the CDN bundle carries lit inside and imports nothing', () => {
  const code = readFileSync(new URL('packages/elements/dist/cdn/vereinsraum.js', root), 'utf8');
  assert.doesNotMatch(code, /\bimport\s*[^(]*?\bfrom\s*["']/);
  assert.doesNotMatch(code, /\bimport\(/);
});
