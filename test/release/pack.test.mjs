// What `npm pack` puts into each published package: only the built code, its
// types, the manifest, README and LICENSE; exports that point at shipped files,
// each with types; ESM only; a Node engine range; side effects declared.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const root = new URL('../../', import.meta.url);
const PUBLISHED = ['protocol', 'server', 'elements'];
const EXTRA = { server: ['config.schema.json'], elements: ['custom-elements.json', 'vscode.html-custom-data.json'] };

/** The files `npm pack` would put into the package's tarball. */
function packed(name) {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspace', `packages/${name}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out)[0]
    .files.map((file) => file.path)
    .sort();
}

const manifest = (name) => JSON.parse(readFileSync(new URL(`packages/${name}/package.json`, root), 'utf8'));

/** Every file an `exports` entry points at (wildcards as a prefix). */
function exportTargets(exports) {
  const targets = [];
  const walk = (value, condition) => {
    if (typeof value === 'string') targets.push({ condition, target: value.replace(/^\.\//, '') });
    else for (const [key, inner] of Object.entries(value)) walk(inner, key);
  };
  walk(exports, 'default');
  return targets;
}

for (const name of PUBLISHED) {
  describe(`@vereinsraum/${name} as published`, () => {
    const files = packed(name);
    const pkg = manifest(name);

    test('holds only dist, the manifest, README, LICENSE and package.json', () => {
      const allowed = new Set(['package.json', 'README.md', 'LICENSE', ...(EXTRA[name] ?? [])]);
      const strays = files.filter((file) => !file.startsWith('dist/') && !allowed.has(file));
      assert.deepEqual(strays, []);
      for (const file of allowed) assert.ok(files.includes(file), `${file} is missing`);
      assert.deepEqual(
        files.filter((file) => /\.(test|stories)\.|test-helpers|\/stories\/|^dist\/test\/|\.tsbuildinfo$|\.ts$(?<!\.d\.ts)/.test(file)),
        [],
        'no tests, stories, test helpers or TypeScript sources',
      );
    });

    test('has the same LICENSE as the repository', () => {
      assert.equal(readFileSync(new URL(`packages/${name}/LICENSE`, root), 'utf8'), readFileSync(new URL('LICENSE', root), 'utf8'));
    });

    test('is ESM only, with a Node engine range, a license and side effects declared', () => {
      assert.equal(pkg.type, 'module');
      assert.match(pkg.engines?.node ?? '', /^>=\d+/);
      assert.equal(pkg.license, 'MIT');
      assert.ok(pkg.sideEffects === false || Array.isArray(pkg.sideEffects), 'sideEffects is false or a list');
      const conditions = exportTargets(pkg.exports).map(({ condition }) => condition);
      assert.ok(!conditions.includes('require'), 'no CommonJS entry');
    });

    test('exports point at shipped files, and every JavaScript entry has its types', () => {
      for (const [entry, value] of Object.entries(pkg.exports)) {
        for (const { target } of exportTargets({ [entry]: value })) {
          if (target.includes('*')) {
            const prefix = target.slice(0, target.indexOf('*'));
            assert.ok(
              files.some((file) => file.startsWith(prefix)),
              `${entry}: nothing under ${prefix}`,
            );
          } else assert.ok(files.includes(target), `${entry}: ${target} is not in the package`);
        }
        if (typeof value === 'object') {
          assert.ok(value.types, `${entry} has no types`);
          assert.ok(files.includes(value.types.replace(/^\.\//, '')), `${entry}: ${value.types} is not in the package`);
        }
      }
    });

    if (name === 'elements') {
      test('side effects cover exactly the modules that register elements', () => {
        const defines = files.filter((file) => /^dist\/(.*\/)?define\.js$/.test(file) || /^dist\/cdn\/[^/]+\.js$/.test(file));
        const patterns = pkg.sideEffects.map(
          (glob) => new RegExp(`^${glob.replace(/^\.\//, '').replace(/\./g, '\\.').replace(/\*/g, '[^/]+')}$`),
        );
        for (const file of defines)
          assert.ok(
            patterns.some((pattern) => pattern.test(file)),
            `${file} registers elements but is not in sideEffects`,
          );
        const others = files.filter((file) => file.endsWith('.js') && !defines.includes(file));
        for (const file of others) assert.ok(!patterns.some((pattern) => pattern.test(file)), `${file} is marked as having side effects`);
      });

      test('integrity.json holds the sha384 of every CDN bundle, lazy chunk and single file', () => {
        const integrity = JSON.parse(readFileSync(new URL('packages/elements/dist/cdn/integrity.json', root), 'utf8'));
        const bundles = files
          .filter((file) => /^dist\/cdn\/(chunks\/|single\/)?[^/]+\.js$/.test(file))
          .map((file) => file.slice('dist/cdn/'.length));
        assert.ok(bundles.some((bundle) => bundle.startsWith('chunks/')) && bundles.some((bundle) => bundle.startsWith('single/')));
        assert.deepEqual(Object.keys(integrity).sort(), bundles.sort());
        for (const bundle of bundles) {
          const bytes = readFileSync(new URL(`packages/elements/dist/cdn/${bundle}`, root));
          assert.equal(integrity[bundle], `sha384-${createHash('sha384').update(bytes).digest('base64')}`, bundle);
        }
      });

      test('the manifest names the published modules', () => {
        const cem = JSON.parse(readFileSync(new URL('packages/elements/custom-elements.json', root), 'utf8'));
        const tags = cem.modules.flatMap((module) =>
          (module.declarations ?? []).filter((d) => d.customElement).map((d) => [d.tagName, module.path]),
        );
        assert.deepEqual(tags.map(([tag]) => tag).sort(), [
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
        ]);
        for (const [, path] of tags) assert.ok(files.includes(path), `${path} is not in the package`);
        const vscode = JSON.parse(readFileSync(new URL('packages/elements/vscode.html-custom-data.json', root), 'utf8'));
        assert.deepEqual(vscode.tags.map((tag) => tag.name).sort(), tags.map(([tag]) => tag).sort());
        const target = vscode.tags.find((tag) => tag.name === 'verein-join-room').attributes.find((a) => a.name === 'target');
        assert.deepEqual(
          target.values.map((v) => v.name),
          ['_blank', '_self', 'embed'],
        );
      });
    }
  });
}
