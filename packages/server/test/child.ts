// Test helper: the `vereinsraum` CLI as a child process (from the sources, through tsx).
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const instance = fileURLToPath(new URL('./instance.ts', import.meta.url));

export interface Cli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  exit: Promise<number | null>;
  out(): string;
  err(): string;
  /** Resolves with the first match of `pattern` in stdout and stderr together, once it is there. */
  output(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
}

/** Run `vereinsraum ARGS` with the environment plus `extraEnv`. */
export function runCli(args: string[], extraEnv: Record<string, string> = {}): Cli {
  return runScript(cli, args, extraEnv);
}

/** Run one server instance (`instance.ts`: a config file, a key set file, handler options) with the environment plus `extraEnv`. */
export function runInstance(
  configPath: string,
  keyFile: string,
  options: Record<string, unknown>,
  extraEnv: Record<string, string> = {},
): Cli {
  return runScript(instance, [configPath, keyFile, JSON.stringify(options)], extraEnv);
}

function runScript(script: string, args: string[], extraEnv: Record<string, string>): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const changed = (): void => waiters.forEach((check) => check());
  child.stdout.on('data', (chunk) => ((stdout += chunk), changed()));
  child.stderr.on('data', (chunk) => ((stderr += chunk), changed()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const output = (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(`${stdout}${stderr}`);
        if (match) finish(() => resolve(match));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${stdout}${stderr}`))),
        timeoutMs,
      );
      const finish = (then: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      void exit.then(() => finish(() => reject(new Error(`exited before ${pattern}:\n${stdout}${stderr}`))));
      check();
    });
  return { child, exit, out: () => stdout, err: () => stderr, output };
}

/** The address a `vereinsraum serve` child listens on. */
export async function listening(server: Cli): Promise<string> {
  return (await server.output(/listening on (http:\/\/\S+)/))[1]!;
}

/** A Server-Sent Events client: the `status` events' data as they come. */
export async function eventStream<T = Record<string, unknown>>(
  url: string,
): Promise<{ next(test: (event: T) => boolean): Promise<T>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (response.headers.get('content-type') !== 'text/event-stream; charset=utf-8')
    throw new Error(`not an event stream: HTTP ${response.status}`);
  const events: T[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^event: status\ndata: (.*)$/m.exec(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (data) events.push(JSON.parse(data[1]!) as T);
        }
        waiters.forEach((check) => check());
      }
    } catch {
      // closed
    }
  })();
  return {
    next: (test) =>
      new Promise<T>((resolve) => {
        const check = (): void => {
          const found = events.find(test);
          if (found) {
            waiters.delete(check);
            resolve(found);
          }
        };
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}
