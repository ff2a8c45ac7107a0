#!/usr/bin/env node
/**
 * Runs the sandbox from the command line:
 *
 *   SANDBOX_SECRET=... node dist/cli.js [--port 8090] [--host 127.0.0.1] [--algorithms sha256,sha512]
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';
import type { ChecksumAlgorithm } from './index.js';

const USAGE = 'Usage: SANDBOX_SECRET=<secret> node dist/cli.js [--port 8090] [--host 127.0.0.1] [--algorithms sha1,sha256,sha384,sha512]';

function fail(message: string): never {
  console.error(`sandbox: ${message}\n${USAGE}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { port?: string | undefined; host?: string | undefined; algorithms?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        algorithms: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const secret = process.env['SANDBOX_SECRET'];
  if (!secret) fail('the environment variable SANDBOX_SECRET is not set; it must hold the shared secret clients use.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}"`);
  const algorithms = values.algorithms?.split(',').map((a) => a.trim()) as ChecksumAlgorithm[] | undefined;

  let sandbox;
  try {
    sandbox = await startSandbox({ secret, port, host: values.host ?? '127.0.0.1', algorithms });
  } catch (error) {
    fail((error as Error).message);
  }
  console.log(`BigBlueButton sandbox (not a real conference server) at ${sandbox.url}`);
  console.log(`API: ${sandbox.apiUrl}`);
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
