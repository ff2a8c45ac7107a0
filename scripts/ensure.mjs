// Installs dependencies when they are missing or older than the lockfile, then
// builds. Uses only Node's built-ins, so it runs on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

export function ensureInstalled() {
  const marker = `${root}/node_modules/.package-lock.json`;
  const lock = `${root}/package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci) ...');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

export function build() {
  console.log('Building ...');
  run(npm, ['run', 'build', '--silent']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled();
  build();
}
