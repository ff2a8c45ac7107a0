#!/usr/bin/env node
// `npx vereinsraum …` in a clone of this repository: the server package's CLI,
// built first when the clone has not been built yet. (Installed from npm, the
// `vereinsraum` command is @vereinsraum/server's own bin.)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './ensure.mjs';

const cli = new URL('../packages/server/dist/cli.js', import.meta.url);
const bundles = new URL('../packages/elements/dist/cdn/vereinsraum.js', import.meta.url);
if (!existsSync(fileURLToPath(cli)) || !existsSync(fileURLToPath(bundles))) {
  console.error('vereinsraum: building the packages first (once, about a minute) ...');
  // The build's output goes to stderr: stdout is the command's.
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { stdio: ['ignore', process.stderr, 'inherit'] });
}
await import(cli.href);
