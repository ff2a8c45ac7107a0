/**
 * The Node-only parts of the server helper: the `node:http` adapter, the
 * stores (SQLite, PostgreSQL, and `openStore` for the one a configuration
 * names), the SMTP mailer, and reading the configuration and key set files. (`@vereinsraum/server/node`, the old name of the files and store
 * part, is an alias of this module, kept for now.)
 *
 * @example
 * ```ts
 * import { createHandler } from '@vereinsraum/server';
 * import { loadConfigFile, loadKeySetFile, openStore, serve } from '@vereinsraum/server/node';
 * const config = await loadConfigFile('vereinsraum.json');
 * const { keys } = await loadKeySetFile('data/keys.json', { create: config.store.type === 'sqlite' });
 * await serve(createHandler(config, { keys, store: await openStore(config.store, 'data') }), { port: 8080 });
 * ```
 *
 * @packageDocumentation
 */
export { type Lifecycle, type RunningServer, serve, toNodeListener } from './adapters/node.js';
export { BadRequestTarget, type NodeAdapterOptions, requestInfo, toWebRequest } from './adapters/request.js';
export { sendBadRequest, sendWebResponse } from './adapters/response.js';
export { loadConfigFile } from './config-file.js';
export { addKeys, FileRevocations, loadKeySetFile, removeKey } from './files.js';
export { SmtpMailer } from './mail/smtp.js';
export { openStore } from './store/open.js';
export { PgStore, type PgStoreOptions } from './store/postgres.js';
export { SqliteStore } from './store/sqlite.js';
export { PromMetrics } from './metrics-prom.js';
