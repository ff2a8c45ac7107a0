import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../config-file.js';
import type { ServerConfig } from '../config/index.js';
import type { Logger } from '../context.js';
import { loadKeySetFile } from '../files.js';
import type { KeySet } from '../keys.js';
import { needsRsa } from '../services.js';
import { openStore as openConfiguredStore } from '../store/open.js';
import type { Store } from '../store/types.js';

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
  region: { type: 'string' },
  id: { type: 'string' },
  reason: { type: 'string' },
  origin: { type: 'string' },
  email: { type: 'string' },
  untrust: { type: 'boolean' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  team: { type: 'string' },
  username: { type: 'string' },
  'admin-token-env': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  group: { type: 'string' },
  csv: { type: 'boolean' },
} as const;

/** The parsed options of a command. */
export type Values = Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>> &
  Record<string, string | boolean | string[] | undefined>;

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

/** The store of the configuration (without one: the data folder's SQLite file), migrated. */
export function openStore(values: Values, config?: ServerConfig): Promise<Store> {
  return openConfiguredStore(config?.store ?? { type: 'sqlite' }, dataDir(values));
}

/**
 * Whether the key set must exist already: servers that share a PostgreSQL
 * store must all sign and verify with the same keys, so none may make its own.
 * Throws the operator's instructions when it is missing.
 */
export function requireSharedKeys(values: Values, config: ServerConfig): boolean {
  if (config.store.type !== 'postgres') return false;
  const file = keyFile(values);
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist, and with a PostgreSQL store the key set is not made here: every instance must use the same one. ` +
        `Make it once with \`vereinsraum keys generate --data ${dataDir(values)}\` (add --rsa for Jitsi RS256) and give every instance a copy of that keys.json.`,
    );
  }
  return true;
}

/** The data folder's key set; made when missing, unless the store is shared ({@link requireSharedKeys}). */
export async function readKeys(values: Values, config: ServerConfig): Promise<KeySet> {
  const shared = requireSharedKeys(values, config);
  return (await loadKeySetFile(keyFile(values), { create: !shared, rsa: needsRsa(config) })).keys;
}

/** Who decides, for the audit trail: the operating-system user running the CLI. */
export function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
