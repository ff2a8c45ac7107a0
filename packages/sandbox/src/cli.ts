#!/usr/bin/env node
/**
 * Runs the sandbox from the command line:
 *
 *   SANDBOX_SECRET=... node dist/cli.js [--port 8090] [--host 127.0.0.1] [--algorithms sha256,sha512]
 *
 * With SANDBOX_JITSI_APP_ID set, a Jitsi Meet stand-in runs as well, on its own port (--jitsi-port).
 * With SANDBOX_MATTERMOST_BOT_TOKEN set, a Mattermost stand-in runs as well, on its own port (--mattermost-port).
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';
import type { ChecksumAlgorithm, JitsiSandboxOptions, MattermostSandboxOptions } from './index.js';

const USAGE = `Usage: SANDBOX_SECRET=<secret> node dist/cli.js [--port 8090] [--host 127.0.0.1] [--algorithms sha1,sha256,sha384,sha512] [--jitsi-port 8091] [--mattermost-port 8092]

Environment:
  SANDBOX_SECRET                     BigBlueButton shared secret (required)
  SANDBOX_JITSI_APP_ID               Jitsi app_id; setting it starts the Jitsi Meet stand-in
  SANDBOX_JITSI_SECRET               Jitsi app_secret: accept HS256/384/512 tokens
  SANDBOX_JITSI_ASAP_KEY_SERVER      Jitsi asap_key_server: accept RS256/384/512 tokens,
                                     key fetched from <url>/<sha256 hex of kid>.pem
  SANDBOX_JITSI_XMPP_DOMAIN          XMPP domain that 'sub' must name (default meet.jitsi)
  SANDBOX_JITSI_ACCEPTED_ISSUERS     comma-separated accepted 'iss' (default: the app id)
  SANDBOX_JITSI_ACCEPTED_AUDIENCES   comma-separated accepted 'aud' (default: *, any)
  SANDBOX_MATTERMOST_BOT_TOKEN       access token of the bot; setting it starts the Mattermost stand-in
  SANDBOX_MATTERMOST_ADMIN_TOKEN     a system admin's access token (may create bots)
  SANDBOX_MATTERMOST_TEAMS           comma-separated team names (default: verein)
  SANDBOX_MATTERMOST_USERS           comma-separated user names of accounts that exist from the start`;

function fail(message: string): never {
  console.error(`sandbox: ${message}\n${USAGE}`);
  process.exit(1);
}

/** A comma-separated list from the environment, or undefined when unset or empty. */
function list(name: string): string[] | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function portOf(value: string | undefined, flag: string): number {
  const port = value === undefined ? 0 : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${flag} must be a port number, got "${value}"`);
  return port;
}

/** Jitsi options from the environment, or undefined when SANDBOX_JITSI_APP_ID is not set. */
function jitsiOptions(port: number): JitsiSandboxOptions | undefined {
  const appId = process.env['SANDBOX_JITSI_APP_ID'];
  if (!appId) return undefined;
  const appSecret = process.env['SANDBOX_JITSI_SECRET'] || undefined;
  const asapKeyServer = process.env['SANDBOX_JITSI_ASAP_KEY_SERVER'] || undefined;
  if (!appSecret && !asapKeyServer) {
    fail('SANDBOX_JITSI_APP_ID is set, but neither SANDBOX_JITSI_SECRET nor SANDBOX_JITSI_ASAP_KEY_SERVER: no token could pass.');
  }
  return {
    appId,
    appSecret,
    asapKeyServer,
    xmppDomain: process.env['SANDBOX_JITSI_XMPP_DOMAIN'] || undefined,
    acceptedIssuers: list('SANDBOX_JITSI_ACCEPTED_ISSUERS'),
    acceptedAudiences: list('SANDBOX_JITSI_ACCEPTED_AUDIENCES'),
    port,
  };
}

/** Mattermost options from the environment, or undefined when SANDBOX_MATTERMOST_BOT_TOKEN is not set. */
function mattermostOptions(port: number): MattermostSandboxOptions | undefined {
  const botToken = process.env['SANDBOX_MATTERMOST_BOT_TOKEN'];
  if (!botToken) return undefined;
  return {
    botToken,
    adminToken: process.env['SANDBOX_MATTERMOST_ADMIN_TOKEN'] || undefined,
    teams: list('SANDBOX_MATTERMOST_TEAMS'),
    users: list('SANDBOX_MATTERMOST_USERS'),
    port,
  };
}

async function main(): Promise<void> {
  let values: {
    port?: string | undefined;
    host?: string | undefined;
    algorithms?: string | undefined;
    'jitsi-port'?: string | undefined;
    'mattermost-port'?: string | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        algorithms: { type: 'string' },
        'jitsi-port': { type: 'string' },
        'mattermost-port': { type: 'string' },
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
  const port = portOf(values.port, '--port');
  const jitsiPort = portOf(values['jitsi-port'], '--jitsi-port');
  const algorithms = values.algorithms?.split(',').map((a) => a.trim()) as ChecksumAlgorithm[] | undefined;
  const jitsi = jitsiOptions(jitsiPort);
  const mattermost = mattermostOptions(portOf(values['mattermost-port'], '--mattermost-port'));

  let sandbox;
  try {
    sandbox = await startSandbox({ secret, port, host: values.host ?? '127.0.0.1', algorithms, jitsi, mattermost });
  } catch (error) {
    fail((error as Error).message);
  }
  console.log(`BigBlueButton sandbox (not a real conference server) at ${sandbox.url}`);
  console.log(`API: ${sandbox.apiUrl}`);
  if (sandbox.jitsi) {
    console.log(`Jitsi Meet sandbox (not a real conference server) at ${sandbox.jitsi.url}`);
    console.log(`iframe API: ${sandbox.jitsi.url}/external_api.js (domain ${sandbox.jitsi.domain})`);
  }
  if (sandbox.mattermost) console.log(`Mattermost sandbox (not a real Mattermost) at ${sandbox.mattermost.url}`);
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
