// Bundle sizes are deterministic, so their budgets are checked on every run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { firstLoad } from './first-load.mjs';

const root = new URL('..', import.meta.url);
const { about, ...budgets } = JSON.parse(readFileSync(new URL('bench/budgets.json', root), 'utf8'));

for (const [file, budget] of Object.entries(budgets)) {
  test(`${file} stays within ${budget} bytes gzipped before the first click`, () => {
    const { files, total } = firstLoad(fileURLToPath(new URL(file, root)));
    assert.ok(total <= budget, `${file} loads ${total} bytes gzipped (${[...files.keys()].join(', ')}), over its budget of ${budget}`);
  });
}

test('the first load of the join button is one file; the flow and the texts come later', () => {
  const { files } = firstLoad(fileURLToPath(new URL('packages/elements/dist/cdn/join-room.js', root)));
  assert.equal(files.size, 1);
  const code = [...files.keys()].map((name) => readFileSync(new URL(`packages/elements/dist/cdn/${name}`, root), 'utf8')).join('\n');
  // The label of the button is there; the name form's texts are not, in neither language.
  assert.match(code, /Beitreten/);
  assert.doesNotMatch(code, /Ihr Name|Your name/);
  assert.match(code, /import\(/);
});

test("a German page loads no English texts: each language's catalogue is a chunk of its own", () => {
  const dir = new URL('packages/elements/dist/cdn/chunks/', root);
  const listed = Object.keys(JSON.parse(readFileSync(new URL('packages/elements/dist/cdn/integrity.json', root), 'utf8')));
  const catalogue = (pattern) => listed.filter((name) => pattern.test(name));
  const german = catalogue(/^chunks\/join-room\.de-/);
  assert.ok(german.length > 0);
  for (const name of german) {
    const code = readFileSync(new URL(name.slice('chunks/'.length), dir), 'utf8');
    assert.match(code, /Ihr Name/);
    assert.doesNotMatch(code, /Your name|Please enter your name/);
  }
  for (const name of catalogue(/^chunks\/room-status\.de-/)) {
    assert.doesNotMatch(readFileSync(new URL(name.slice('chunks/'.length), dir), 'utf8'), /Ihr Name|Jetzt beitreten/);
  }
});

test('the single-file bundle carries lit inside and imports nothing', () => {
  const code = readFileSync(new URL('packages/elements/dist/cdn/single/vereinsraum.js', root), 'utf8');
  assert.doesNotMatch(code, /\bimport\s*[^(]*?\bfrom\s*["']/);
  assert.doesNotMatch(code, /\bimport\(/);
});
