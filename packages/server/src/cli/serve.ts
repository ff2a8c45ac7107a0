import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../adapters/node.js';
import type { Logger } from '../context.js';
import { themeContrastWarnings } from '../contrast.js';
import { PromMetrics } from '../metrics-prom.js';
import { readsPlainRequests } from '../plain-request.js';
import { probeConfig } from '../probe.js';
import { ReloadingHandler } from '../reload.js';
import { loadSite } from '../site.js';
import type { Store } from '../store/types.js';
import { type Command, configPath, dataDir, keyFile, openStore, readConfig, requireSharedKeys, UsageError, type Values } from './args.js';

/** What `check` and `serve` say when the server's own origin is not configured. */
const NO_PUBLIC_ORIGIN =
  "no publicOrigin: the server takes its origin from each request's Host header, so it answers only loopback hosts " +
  '(localhost, 127.x.x.x, [::1]) and those given by --allowed-host. Set publicOrigin in the config (or serve --public-origin) ' +
  'to the address visitors use, e.g. https://vereinsraum.example-stadt.de.';

/** How long requests under way may take to finish after SIGTERM, in ms. */
const DRAIN_GRACE_MS = 10_000;

/** Move revocations from the old `revocations.json` into the store, once. */
async function importFileRevocations(values: Values, store: Store): Promise<void> {
  const file = join(dataDir(values), 'revocations.json');
  if (!existsSync(file)) return;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { revoked?: Record<string, string> };
  for (const [jti, until] of Object.entries(json.revoked ?? {})) await store.revoke(jti, Date.parse(until));
  renameSync(file, `${file}.imported`);
  console.log(`vereinsraum: moved the revoked invites of ${file} into the database.`);
}

const runServe: Command = async (values) => {
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  // Checked before anything is made on disk.
  const config = await readConfig(values);
  const publicOrigin = typeof values['public-origin'] === 'string' ? values['public-origin'].replace(/\/+$/, '') : config.publicOrigin;
  const allowedHosts = Array.isArray(values['allowed-host']) ? values['allowed-host'] : [];
  const site = await loadSite(typeof values.cdn === 'string' ? values.cdn : undefined);
  // Instances that share a PostgreSQL store must share the key set: none makes its own.
  requireSharedKeys(values, config);
  const store = await openStore(values, config);
  await importFileRevocations(values, store);
  if (!publicOrigin) console.warn(`vereinsraum warn: ${NO_PUBLIC_ORIGIN}`);
  const log: Logger = (level, message) =>
    (level === 'info' ? console.log : level === 'warn' ? console.warn : console.error)(`vereinsraum ${level}: ${message}`);
  let reloading: ReloadingHandler;
  try {
    reloading = await ReloadingHandler.create(config, {
      configPath: configPath(values),
      keyFile: keyFile(values),
      store,
      log,
      // One collector for the process: it outlives reloads, and a reload may turn /metrics on.
      metrics: new PromMetrics(),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // Until now a SIGHUP would have ended the process; from now on it reloads.
  process.on('SIGHUP', () => void reloading.reload('SIGHUP'));
  const running = await serve(
    // Both parts read only a request's method, URL, headers, body and signal: the adapter's lighter requests do.
    readsPlainRequests(
      (request, info) => site.answer(request, { clubs: reloading.config.clubs !== undefined }) ?? reloading.handler(request, info),
    ),
    {
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      trustProxy: values['trust-proxy'] === true,
      allowedHosts,
      ...(publicOrigin ? { publicOrigin } : {}),
    },
  );
  reloading.start();
  console.log(`vereinsraum: serving the bundles of ${site.cdnDir} at /cdn/`);
  console.log(`vereinsraum: listening on ${running.url}`);
  // SIGTERM (a rolling restart, systemd's stop): not ready for the load balancer, event streams end with a
  // retry hint (browsers reconnect, to another instance), the outbox is sent, requests under way finish.
  const stop = (signal: string): void => {
    console.log(`vereinsraum: ${signal}: draining, then ending`);
    void reloading
      .drain()
      .catch(() => {})
      .then(() => running.close(DRAIN_GRACE_MS))
      .then(async () => {
        reloading.stop();
        await store.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1;
};

/** `serve` and `check`. */
export const SERVE_COMMANDS: Record<string, Command> = {
  serve: runServe,
  check: async (values) => {
    const config = await readConfig(values);
    for (const warning of themeContrastWarnings(config)) console.warn(`vereinsraum warn: ${warning}`);
    if (!config.publicOrigin) console.warn(`vereinsraum warn: ${NO_PUBLIC_ORIGIN}`);
    console.log(`${String(values.config)} is valid: ${config.tenants.size} tenant(s), ${config.backends.size} backend(s).`);
    if (!values.probe) return 0;
    const results = await probeConfig(config);
    for (const { target, ok, message } of results) (ok ? console.log : console.error)(`${ok ? 'ok  ' : 'FAIL'} ${target}: ${message}`);
    return results.every((result) => result.ok) ? 0 : 1;
  },
};
