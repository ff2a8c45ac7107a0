#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from './config.js';
import { loadConfigFile } from './config-file.js';
import { createHandler } from './handler.js';
import { serve } from './adapters/node.js';

const USAGE = `Usage: vereinsraum <command> [options]

Commands:
  serve --config FILE [--port N] [--host H] [--public-origin URL] [--trust-proxy]
        Run the server helper. Port from --port, else $PORT, else 8080.
        Host defaults to 127.0.0.1 (put a reverse proxy with TLS in front).
        Behind a proxy: --public-origin is the address visitors use, and
        --trust-proxy takes the client's address from X-Forwarded-For.
  check --config FILE
        Validate a configuration file and its environment variables.

Secrets (BigBlueButton secret, access codes) come from the environment
variables that the config file names.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'serve' && command !== 'check') {
    console.error(`vereinsraum: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  let values: { config?: string; port?: string; host?: string; 'public-origin'?: string; 'trust-proxy'?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'public-origin': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`vereinsraum: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.config) {
    console.error('vereinsraum: --config FILE is required');
    return 2;
  }
  let config;
  try {
    config = await loadConfigFile(values.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`vereinsraum: the configuration ${values.config} cannot be used:\n${error.issues.map((i) => `  - ${i.path || '(file)'}: ${i.message}`).join('\n')}`);
    return 1;
  }
  if (command === 'check') {
    console.log(`${values.config} is valid: ${config.tenants.size} tenant(s), ${config.backends.size} backend(s).`);
    return 0;
  }
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`vereinsraum: --port must be a number from 0 to 65535`);
    return 2;
  }
  const running = await serve(createHandler(config), {
    port,
    host: values.host ?? '127.0.0.1',
    trustProxy: values['trust-proxy'] ?? false,
    ...(values['public-origin'] ? { publicOrigin: values['public-origin'].replace(/\/+$/, '') } : {}),
  });
  console.log(`vereinsraum: listening on ${running.url}`);
  const stop = (): void => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => code >= 0 && process.exit(code),
  (error: unknown) => {
    console.error(`vereinsraum: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
