// The build of every package prints no warning: a warning in every build is
// one nobody reads, and the next real one hides behind it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rollup } from 'rollup';
import configs from '../../rollup.config.mjs';

for (const config of configs.filter((c) => Array.isArray(c.input))) {
  const name = config.output.dir;
  test(`${name}: the build warns about nothing`, async () => {
    const warnings = [];
    const bundle = await rollup({ ...config, onwarn: (warning) => warnings.push(warning.message) });
    await bundle.generate(config.output); // in memory: dist stays as it is
    await bundle.close();
    assert.deepEqual(warnings, []);
  });
}
