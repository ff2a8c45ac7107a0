// `npm run storybook:build` makes a static site with a docs page (from the
// Custom Elements Manifest) for every element and every story of the elements.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'vereinsraum-storybook-'));
after(() => rmSync(out, { recursive: true, force: true }));

const ELEMENTS = [
  'verein-booking-admin',
  'verein-club-admin',
  'verein-club-registration',
  'verein-club-review',
  'verein-config',
  'verein-join-room',
  'verein-open-room',
  'verein-room-booking',
  'verein-room-status',
  'verein-usage-report',
];

test('the static Storybook has a docs page per element and every story', () => {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['storybook', 'build', '-o', out, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  assert.equal(build.status, 0, build.stderr.slice(-2000));
  const { entries } = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
  const docs = Object.values(entries)
    .filter((entry) => entry.type === 'docs')
    .map((entry) => entry.title.replace('Elements/', ''));
  assert.deepEqual(docs.sort(), ELEMENTS);

  // Every exported story of every stories file is in the index.
  const storyIds = new Set(
    Object.values(entries)
      .filter((entry) => entry.type === 'story')
      .map((entry) => entry.id),
  );
  for (const element of ELEMENTS) {
    const name = element.replace('verein-', '');
    const dir = join(root, 'packages/elements/src/components', name);
    const file = readdirSync(dir).find((f) => f.endsWith('.stories.ts'));
    const source = readFileSync(join(dir, file), 'utf8');
    const exported = [...source.matchAll(/^export const (\w+)/gm)].map(([, story]) => story);
    assert.ok(exported.length > 0, `${file} has stories`);
    for (const story of exported) {
      const id = `elements-${element}--${story
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
        .toLowerCase()}`;
      assert.ok(storyIds.has(id), `${id} is missing from the Storybook`);
    }
  }
});
