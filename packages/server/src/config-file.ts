import { readFile } from 'node:fs/promises';
import { ConfigError, type Env, parseConfig, type ServerConfig } from './config/index.js';

/**
 * Read and validate a JSON configuration file (Node only).
 *
 * @throws `ConfigError` (from `@vereinsraum/server`) naming the file when it cannot be read or parsed,
 * and every field that breaks a rule otherwise.
 * @example
 * ```ts
 * import { loadConfigFile } from '@vereinsraum/server/node';
 * const config = await loadConfigFile('vereinsraum.json');
 * ```
 */
export async function loadConfigFile(path: string, env: Env = process.env): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ path: '', message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([{ path: '', message: `${path} is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseConfig(raw, env);
}
