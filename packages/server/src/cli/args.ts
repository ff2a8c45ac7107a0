import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../config-file.js';
import type { ServerConfig } from '../config/index.js';
import type { Logger } from '../context.js';
import { SqliteStore } from '../store/sqlite.js';

/** Every option of every command, for `parseArgs`. */
export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'public-origin': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'allowed-host': { type: 'string', multiple: true },
  cdn: { type: 'string' },
  probe: { type: 'boolean' },
  rsa: { type: 'boolean' },
  kid: { type: 'string' },
  room: { type: 'string' },
  role: { type: 'string' },
  expires: { type: 'string' },
  page: { type: 'string' },
  jti: { type: 'string' },
  status: { type: 'string' },
  tenant: { type: 'string' },
  id: { type: 'string' },
  reason: { type: 'string' },
  email: { type: 'string' },
  untrust: { type: 'boolean' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  team: { type: 'string' },
  username: { type: 'string' },
  'admin-token-env': { type: 'string' },
} as const;

/** The parsed options of a command. */
export type Values = Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>> & Record<string, string | boolean | string[] | undefined>;

/** A command: runs, answers the exit code (or -1 when it keeps running, as `serve`). */
export type Command = (values: Values) => Promise<number>;

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {}

/** What the one-shot commands tell the operator: warnings and errors on stderr; `info` lines would only repeat what the command prints. */
export const cliLog: Logger = (level, message) => {
  if (level !== 'info') console.error(`vereinsraum: ${message}`);
};

export function required(values: Values, name: keyof typeof OPTIONS): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function configPath(values: Values): string {
  if (typeof values.config !== 'string' || values.config === '') throw new UsageError('--config FILE is required');
  return values.config;
}

export async function readConfig(values: Values): Promise<ServerConfig> {
  return loadConfigFile(configPath(values));
}

export function dataDir(values: Values): string {
  return typeof values.data === 'string' ? values.data : 'data';
}

export function keyFile(values: Values): string {
  return join(dataDir(values), 'keys.json');
}

export function openStore(values: Values): SqliteStore {
  return new SqliteStore(join(dataDir(values), 'vereinsraum.db'));
}

/** Who decides, for the audit trail: the operating-system user running the CLI. */
export function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
