// docs/api is typedoc's reference of the published packages, and current:
// regenerated from the sources, it is the same, file for file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'vereinsraum-api-docs-'));
after(() => rmSync(out, { recursive: true, force: true }));

/** Every file under `dir`, relative to it. */
const files = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();

test('docs/api is generated from the current sources (run `npm run docs:api`)', () => {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const run = spawnSync(npx, ['typedoc', '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout.slice(-2000) + run.stderr.slice(-2000));
  const committed = join(root, 'docs/api');
  const expected = files(out);
  assert.deepEqual(files(committed), expected);
  for (const file of expected) assert.equal(readFileSync(join(committed, file), 'utf8'), readFileSync(join(out, file), 'utf8'), file);
  // The three published packages are there, and every element class.
  for (const name of ['protocol', 'server', 'elements'])
    assert.ok(
      expected.some((file) => file.startsWith(`@vereinsraum/${name}/`)),
      name,
    );
  for (const element of ['VereinConfig', 'VereinJoinRoom', 'VereinRoomStatus', 'VereinRoomBooking', 'VereinBookingAdmin']) {
    assert.ok(expected.includes(`@vereinsraum/elements/classes/${element}.md`), element);
  }
});
