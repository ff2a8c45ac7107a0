/**
 * The starter: runs the BigBlueButton stand-in, and on request the Jitsi Meet
 * and Mattermost stand-ins, each on a port of its own (as real deployments
 * have their own hosts), behind one handle.
 */
import { startBbb } from './bbb/server.js';
import type { ChecksumAlgorithm } from './bbb/checksum.js';
import { startJitsi } from './jitsi/server.js';
import type { JitsiSandbox, JitsiSandboxOptions } from './jitsi/server.js';
import { startMattermost } from './mattermost/server.js';
import type { MattermostSandbox, MattermostSandboxOptions } from './mattermost/handle.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; default 0 (a random free port). */
  port?: number;
  /** Host to listen on; default `127.0.0.1`. */
  host?: string;
  /** The shared secret clients use for checksums. */
  secret: string;
  /** Accepted checksum algorithms; default all four, like BigBlueButton's `supportedChecksumAlgorithms`. */
  algorithms?: ChecksumAlgorithm[];
  /** The BigBlueButton stand-in's clock (createTime, startTime, endTime), ms since the epoch; default `Date.now`. */
  now?: () => number;
  /** Also run a Jitsi Meet stand-in with token authentication, on its own port. */
  jitsi?: JitsiSandboxOptions;
  /** Also run a Mattermost stand-in (the API v4 calls of chat rooms, sign-up and channel pages), on its own port. */
  mattermost?: MattermostSandboxOptions;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:8090`. */
  readonly url: string;
  /** API endpoint: {@link Sandbox.url} + `/bigbluebutton/api`. */
  readonly apiUrl: string;
  /** API calls received per call name (create, join, ...), including refused ones. A snapshot. */
  readonly calls: Record<string, number>;
  /** End callbacks the BigBlueButton stand-in made (`meta_endCallbackUrl`), with the HTTP status of the answer. A snapshot. */
  readonly endCallbacks: ReadonlyArray<{ url: string; status: number | null }>;
  /** The Jitsi Meet stand-in, when {@link SandboxOptions.jitsi} was given. */
  readonly jitsi?: JitsiSandbox;
  /** The Mattermost stand-in, when {@link SandboxOptions.mattermost} was given. */
  readonly mattermost?: MattermostSandbox;
  /** Closes the server(s) and all open connections. */
  close(): Promise<void>;
}

/**
 * Starts a sandbox BigBlueButton server, and with `jitsi` also a Jitsi Meet
 * stand-in on its own port.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ secret: 'test-secret' });
 * // ... point the client at sandbox.apiUrl ...
 * await sandbox.close();
 * ```
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({
 *   secret: 'test-secret',
 *   jitsi: { appId: 'vereinsraum', appSecret: 'a-long-shared-secret' },
 * });
 * // tokens: sub 'meet.jitsi', aud 'jitsi', iss 'vereinsraum', typ 'JWT'
 * // embed: new JitsiMeetExternalAPI(sandbox.jitsi.domain, { roomName, jwt, parentNode })
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  // Each stand-in checks its options before it listens; those already started close when a later one fails.
  const started: Array<{ close(): Promise<void> }> = [];
  const start = async <T extends { close(): Promise<void> }>(running: Promise<T>): Promise<T> => {
    try {
      const value = await running;
      started.push(value);
      return value;
    } catch (error) {
      await Promise.all(started.map((s) => s.close()));
      throw error;
    }
  };
  const bbb = await start(startBbb(options, host));
  const jitsi = options.jitsi === undefined ? undefined : await start(startJitsi(options.jitsi, host));
  const mattermost = options.mattermost === undefined ? undefined : await start(startMattermost(options.mattermost, host));

  return {
    url: bbb.url,
    apiUrl: bbb.apiUrl,
    get calls() {
      return bbb.calls;
    },
    get endCallbacks() {
      return bbb.endCallbacks;
    },
    ...(jitsi === undefined ? {} : { jitsi: jitsi.sandbox }),
    ...(mattermost === undefined ? {} : { mattermost: mattermost.sandbox }),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
