// In a clone of the repository, `npx vereinsraum …` runs the server's CLI (the
// root package's bin), as the README says.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

test('npx vereinsraum in the clone runs the CLI of @vereinsraum/server', () => {
  const root = new URL('../../', import.meta.url);
  const out = execFileSync(npx, ['--offline', 'vereinsraum', '--help'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /^Usage: vereinsraum <command> \[options\]/);
  assert.match(out, /serve --config FILE/);
});
