import { unwatchFile, watchFile } from 'node:fs';
import { ConfigError, type ServerConfig } from './config/index.js';
import { loadConfigFile } from './config-file.js';
import { loadKeySetFile } from './files.js';
import type { Handler, Logger, RequestInfo } from './context.js';
import { readsPlainRequests } from './plain-request.js';
import { type ServerHandler, serviceHandler } from './handler.js';
import type { KeySet } from './keys.js';
import type { Metrics } from './metrics.js';
import { SmtpMailer } from './mail/smtp.js';
import { createServices, createStatusService, needsRsa } from './services.js';
import type { StatusService } from './status/service.js';
import type { Store } from './store/types.js';

/** What {@link ReloadingHandler} reads, and what it keeps from start to stop. */
export interface ReloadingHandlerOptions {
  /** The JSON configuration file. */
  configPath: string;
  /** The key set file (`DIR/keys.json`); created at the start when missing. */
  keyFile: string;
  store: Store;
  log: Logger;
  /** How often the key set file is looked at, in ms (default 2000). */
  keyPollMs?: number;
  /** The metrics collector, kept across reloads (`HandlerOptions.metrics`). */
  metrics?: Metrics;
}

/** One configuration's handler (with its own services), and its SMTP connection. */
interface Generation {
  config: ServerConfig;
  handler: ServerHandler;
  mailer?: SmtpMailer;
}

/**
 * The handler of `vereinsraum serve`, made again from the config file and
 * the key set by {@link ReloadingHandler.reload} (on `SIGHUP`, and when the
 * key set file changes, e.g. after `vereinsraum keys generate`). Node only.
 *
 * A new configuration is read and checked completely before it replaces the
 * old one: a file with mistakes is refused, its problems logged, and the old
 * configuration stays. Requests under way finish with the handler they
 * started with; open event streams stay open and keep getting changes (the
 * status cache is shared). The proof-of-work key is the store's, so a booking
 * form opened before the reload still works.
 *
 * Made by {@link ReloadingHandler.create}; between `start()` and `stop()` it
 * watches the key set file and the current configuration's background work
 * runs (the purge, mail retries).
 */
export class ReloadingHandler {
  /** Give this to the adapter: it answers each request with the newest configuration. */
  readonly handler: Handler = readsPlainRequests((request: Request, info?: RequestInfo) => this.current.handler(request, info));

  /** The configuration in use now (the last one that loaded). */
  get config(): ServerConfig {
    return this.current.config;
  }

  private current!: Generation;
  private status?: { service: StatusService; settings: string };
  private running?: Promise<boolean>;
  private again = false;
  private started = false;

  private constructor(private readonly options: ReloadingHandlerOptions) {}

  /**
   * Make the first handler from `config` (read from `options.configPath`)
   * and the key set, which is created when it is missing. Nothing runs in
   * the background until {@link ReloadingHandler.start}.
   *
   * @throws {@link ConfigError} when the key set does not fit the
   * configuration, and an Error when it cannot be read.
   */
  static async create(config: ServerConfig, options: ReloadingHandlerOptions): Promise<ReloadingHandler> {
    const reloading = new ReloadingHandler(options);
    const { keys, created } = await loadKeySetFile(options.keyFile, { create: true, rsa: needsRsa(config) });
    if (created) options.log('info', `created the key set ${options.keyFile}; keep it secret and back it up.`);
    reloading.current = reloading.generation(config, keys);
    return reloading;
  }

  /** Watch the key set file (a change reloads) and start the current configuration's background work. */
  start(): void {
    if (this.started) return;
    this.started = true;
    watchFile(this.options.keyFile, { interval: this.options.keyPollMs ?? 2000, persistent: false }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs) void this.reload('the key set file changed');
    });
    this.current.handler.start();
  }

  /**
   * Read the configuration and the key set again and, when both can be used,
   * answer every new request with them. Calls during a reload make one more
   * after it. Resolves `false` when the old configuration was kept.
   */
  reload(reason = 'reload'): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let ok: boolean;
      try {
        do {
          this.again = false;
          ok = await this.reloadOnce(reason);
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return ok;
    })();
    return this.running;
  }

  /**
   * Before the process ends (SIGTERM): no more reloads; the current
   * handler drains ({@link ServerHandler.drain}): not ready, event streams
   * (also those opened before a reload) end with a retry hint, the outbox is sent.
   */
  async drain(): Promise<void> {
    unwatchFile(this.options.keyFile);
    await this.current.handler.drain();
  }

  /** Stop watching the key set and the background work; close the SMTP connections. */
  stop(): void {
    this.started = false;
    unwatchFile(this.options.keyFile);
    this.current.handler.stop();
    this.current.mailer?.close();
  }

  private async reloadOnce(reason: string): Promise<boolean> {
    const { log } = this.options;
    let next: Generation;
    try {
      const config = await loadConfigFile(this.options.configPath);
      if (JSON.stringify(config.store) !== JSON.stringify(this.current.config.store)) {
        throw new Error('the store section changed: the store is opened once, so restart the server to use another one');
      }
      const { keys } = await loadKeySetFile(this.options.keyFile);
      next = this.generation(config, keys);
    } catch (error) {
      const problems =
        error instanceof ConfigError
          ? error.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ')
          : error instanceof Error
            ? error.message
            : String(error);
      log('error', `${reason}: the configuration was not reloaded, the old one stays: ${problems}`);
      return false;
    }
    const old = this.current;
    this.current = next;
    old.handler.stop();
    if (this.started) next.handler.start();
    old.mailer?.close();
    log(
      'info',
      `${reason}: reloaded ${this.options.configPath} (${next.config.tenants.size} tenant(s), ${next.config.backends.size} back end(s)) and the key set.`,
    );
    return true;
  }

  /** The handler for `config`, sharing the status cache (unless the status settings changed). */
  private generation(config: ServerConfig, keys: KeySet): Generation {
    const { store, log } = this.options;
    const settings = JSON.stringify(config.status ?? {});
    const status = this.status?.settings === settings ? this.status : { service: createStatusService(config, { log, store }), settings };
    const mailer = config.smtp ? new SmtpMailer(config.smtp) : undefined;
    try {
      const handler = serviceHandler(
        createServices(config, {
          keys,
          store,
          log,
          statusService: status.service,
          ...(this.options.metrics ? { metrics: this.options.metrics } : {}),
          ...(mailer ? { mailer } : {}),
        }),
      );
      this.status = status;
      return { config, handler, ...(mailer ? { mailer } : {}) };
    } catch (error) {
      mailer?.close();
      throw error;
    }
  }
}
