// `npm run fuzz`: the fuzz suite of test/fuzz for longer than `npm test` runs it.
// FUZZ_SEED (default: a new one, printed), FUZZ_RUNS (batches per target, default
// 20000) and FUZZ_SECONDS (per target, default 0: no time limit) from the
// environment. A failure prints its seed: run again with FUZZ_SEED to repeat it.
import { spawnSync } from 'node:child_process';
import { build, ensureInstalled } from './ensure.mjs';

ensureInstalled();
build();
const env = {
  ...process.env,
  FUZZ_SEED: process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)),
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? '20000',
  FUZZ_SECONDS: process.env.FUZZ_SECONDS ?? '0',
};
console.log(`Fuzzing with FUZZ_SEED=${env.FUZZ_SEED} FUZZ_RUNS=${env.FUZZ_RUNS} FUZZ_SECONDS=${env.FUZZ_SECONDS} ...`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'test/fuzz/http.test.mjs'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
