// Browser tests of the elements: real Chromium, against the real server
// helper and the BigBlueButton sandbox, both started here on 127.0.0.1.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startSandbox } from './packages/sandbox/dist/index.js';
import { serve } from './packages/server/dist/adapters/node.js';
import { createHandler, parseConfig } from './packages/server/dist/index.js';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

const SECRET = 'browser-tests-secret-5b0e6c1d';
const env = { BBB_SECRET: SECRET, MOD: 'leitung-123', ATT: 'mitglied-456', OPEN_MOD: 'host-789' };

/** Starts sandbox + server helper for the tests and gives the tests their addresses and a few commands. */
function stackPlugin() {
  let sandbox;
  let server;
  let upstreamDown = false;
  const moderatorJoin = async (room, code) => {
    const response = await fetch(`${server.url}/v1/rooms/tsv/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Test Host', accessCode: code }),
    });
    return response.json();
  };
  return {
    name: 'vereinsraum-stack',
    async serverStart({ config }) {
      sandbox = await startSandbox({ secret: SECRET });
      const pageOrigin = `http://${config.hostname}:${config.port}`;
      const room = (name, extra = {}) => ({ name, backend: 'sandbox', start: 'moderator-code', moderatorCodeEnv: 'OPEN_MOD', ...extra });
      const raw = {
        backends: { sandbox: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'BBB_SECRET' } },
        tenants: {
          tsv: {
            name: 'TSV Test',
            allowedOrigins: [pageOrigin],
            rooms: {
              training: room('Training', { start: 'anyone' }),
              vorstand: room('Vorstand', { moderatorCodeEnv: 'MOD', attendeeCodeEnv: 'ATT' }),
              ...Object.fromEntries(['wait-1', 'wait-2', 'wait-3', 'wait-4', 'wait-5'].map((id) => [id, room(id)])),
            },
          },
          fremd: { name: 'Not this page', allowedOrigins: [], rooms: { halle: room('Halle') } },
        },
      };
      // The conference server can be made unreachable from a test ('upstream' command).
      const upstream = (...args) => (upstreamDown ? Promise.reject(new TypeError('fetch failed')) : fetch(...args));
      server = await serve(createHandler(parseConfig(raw, env), { statusTtlMs: 0, log: () => {}, fetch: upstream }));
    },
    serve(context) {
      if (context.path === '/__stack.js') {
        return { body: `export const endpoint = ${JSON.stringify(server.url)};\nexport const codes = ${JSON.stringify({ moderator: env.MOD, attendee: env.ATT })};`, type: 'js' };
      }
    },
    async executeCommand({ command, payload }) {
      if (command === 'start-meeting') {
        // A host joins and opens the meeting page, so the meeting runs.
        const { url } = await moderatorJoin(payload.room, env.OPEN_MOD);
        const page = await fetch(url);
        return page.ok;
      }
      if (command === 'sandbox-calls') return { ...sandbox.calls };
      if (command === 'upstream') {
        upstreamDown = payload.down;
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await server?.close();
      await sandbox?.close();
    },
  };
}

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'packages/elements/tsconfig.json', target: 'es2022' }), stackPlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs } })],
  reporters: [defaultReporter(), summaryReporter()],
};
