import { join } from 'node:path';
import type { StoreConfig } from '../config/index.js';
import { PgStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

/**
 * Open the store a configuration names (its `store` section): SQLite in
 * `dataDir/vereinsraum.db` (the default), or the PostgreSQL database of
 * `store.urlEnv`. Either is migrated before it is returned. `vereinsraum
 * serve` and every CLI command open their store through this function.
 *
 * @throws Error when the schema is newer than this code's, and
 * `StoreUnavailableError` when PostgreSQL cannot be reached.
 * @example
 * ```ts
 * import { loadConfigFile, openStore } from '@vereinsraum/server/node';
 * const config = await loadConfigFile('vereinsraum.json');
 * const store = await openStore(config.store, 'data');
 * ```
 */
export async function openStore(config: StoreConfig, dataDir: string): Promise<Store> {
  return config.type === 'postgres' ? PgStore.open(config) : new SqliteStore(join(dataDir, 'vereinsraum.db'));
}
