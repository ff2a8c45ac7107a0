// Browser tests of the elements: real Chromium, against the real server
// helper and the sandbox started by the stack plugin (test/support/browser-stack.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { stackPlugin } from './test/support/browser-stack.mjs';
import { chunkFailures } from './test/support/chunk-failures.mjs';

const stack = stackPlugin();
const chunks = chunkFailures();

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  middleware: [stack.adminProxy, chunks.middleware],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'packages/elements/tsconfig.json', target: 'es2022' }), chunks.plugin, stack],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs } })],
  reporters: [defaultReporter(), summaryReporter()],
};
