// Test helper: the server helper with bookings, a real store (a SQLite file in
// a temp dir, or a database of the test file's own PostgreSQL cluster) and the
// BigBlueButton sandbox, on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import type { BookingChallenge } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/src/index.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import type { HandlerOptions } from '../src/services.ts';
import { serve, type RunningServer } from '../src/adapters/node.ts';
import { generateKeySet, type KeySet } from '../src/keys.ts';
import type { Store } from '../src/store/types.ts';
import { type Engine, ENGINES } from './store/engines.ts';
import { env, PAGE_ORIGIN, rawConfig, SECRET } from './stack.ts';

export const ADMIN = 'admin-token-for-booking-tests-0123456789';
export const HOUR = 3_600_000;

/** The test config: tenant `tsv` with a bookings section (manual approval, small proof of work). */
export function bookingConfig(bbbUrl: string, bookings: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const raw = rawConfig(bbbUrl) as ReturnType<typeof rawConfig> & Record<string, unknown>;
  (raw.tenants.tsv as Record<string, unknown>).bookings = {
    approval: 'manual',
    backend: 'sandbox',
    joinPage: 'https://www.tsv.example/raum',
    formPage: 'https://www.tsv.example/buchen',
    consentText: { de: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.', en: 'I agree that my details are stored.' },
    privacyPolicyUrl: 'https://www.tsv.example/datenschutz',
    challengeMaxNumber: 1000,
    ...bookings,
  };
  return { ...raw, adminTokenEnv: 'ADMIN_TOKEN', ...extra };
}

export interface BookingStack {
  sandbox: Sandbox;
  api: string;
  dir: string;
  /** The SQLite file (with the `sqlite` engine). */
  dbPath: string;
  logs: string[];
  keys: KeySet;
  store: Store;
  /** Move the handler's clock (ms). */
  shift(ms: number): void;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** A fresh, solved proof-of-work payload. */
  altcha(tenant?: string): Promise<string>;
  /** A valid booking body, starting `startInMs` from now. */
  body(overrides?: Record<string, unknown>, startInMs?: number): Promise<Record<string, unknown>>;
  /** Stop the helper and open it again on the same database file and keys. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function solve(challenge: BookingChallenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('no solution');
  return btoa(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  );
}

export async function startBookingStack(
  options: {
    bookings?: Record<string, unknown>;
    extra?: Record<string, unknown>;
    handler?: HandlerOptions;
    envExtra?: Record<string, string>;
    /** More sandbox parts (Jitsi, Mattermost). */
    sandbox?: Omit<SandboxOptions, 'secret'>;
    /** Change the raw config once the sandbox runs (its addresses are known then). */
    configure?: (raw: ReturnType<typeof bookingConfig>, sandbox: Sandbox) => void;
    /** Where bookings are kept (default: SQLite). */
    engine?: Engine['name'];
  } = {},
): Promise<BookingStack> {
  const sandbox = await startSandbox({ secret: SECRET, ...options.sandbox });
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-bookings-'));
  const dbPath = join(dir, 'vereinsraum.db');
  const logs: string[] = [];
  const keys = await generateKeySet();
  const raw = bookingConfig(`${sandbox.url}/bigbluebutton/`, options.bookings, options.extra);
  options.configure?.(raw, sandbox);
  const config = parseConfig(raw, { ...env, ADMIN_TOKEN: ADMIN, ...options.envExtra });
  let offset = 0;
  const engine = ENGINES.find((e) => e.name === (options.engine ?? 'sqlite'))!;
  const place = await engine.place(dir);
  let store = await place.open();
  let server: RunningServer;
  const open = async (): Promise<void> => {
    const handler = createHandler(config, {
      keys,
      store,
      now: () => Date.now() + offset,
      log: (level, message) => logs.push(`${level} ${message}`),
      challengeKey: 'test-challenge-key',
      ...options.handler,
    });
    server = await serve(handler);
  };
  await open();
  const stack: BookingStack = {
    sandbox,
    get api() {
      return server.url;
    },
    dir,
    dbPath,
    logs,
    keys,
    get store() {
      return store;
    },
    shift: (ms) => void (offset += ms),
    post: (body, headers = {}) =>
      fetch(`${server.url}/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    admin: (path, init = {}) =>
      fetch(`${server.url}/v1/admin${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
      }),
    async altcha(tenant = 'tsv') {
      const challenge = (await (await fetch(`${server.url}/v1/bookings/challenge?tenant=${tenant}`)).json()) as BookingChallenge;
      return solve(challenge);
    },
    async body(overrides = {}, startInMs = 2 * HOUR) {
      const start = Date.now() + offset + startInMs;
      return {
        kind: 'video',
        tenant: 'tsv',
        title: 'Jahreshauptversammlung',
        organisation: 'TSV Musterstadt',
        contactName: 'Erika Musterfrau',
        contactEmail: `erika.${crypto.randomUUID().slice(0, 8)}@example.org`,
        start: new Date(start).toISOString(),
        end: new Date(start + 2 * HOUR).toISOString(),
        expectedParticipants: 30,
        consent: true,
        website: '',
        altcha: await stack.altcha(),
        ...overrides,
      };
    },
    async restart() {
      await server.close();
      await store.close();
      store = await place.open();
      await open();
    },
    async close() {
      await server.close();
      await store.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

export { PAGE_ORIGIN };
