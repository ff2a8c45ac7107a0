// Storage faults: a full disk, a database that turned read-only, a writer that holds
// the lock. Each answers 503 storage_unavailable with Retry-After, loses
// nothing that was acknowledged, and works again without a restart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve, type RunningServer } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKeySet } from '../src/keys.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { StoreUnavailableError } from '../src/store/types.ts';
import { ADMIN, bookingConfig, HOUR, solve } from './booking-stack.ts';
import { env, SECRET } from './stack.ts';

/** A small file system of its own when this process may mount one (root, outside most containers); else undefined. */
function mountTmpfs(dir: string, size: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

/** Write zeros into `file` until the file system has no space left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 512, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The store's own connection, for the faults SQLite can make itself (`max_page_count`, `query_only`). */
const connectionOf = (store: SqliteStore): Database.Database => (store as unknown as { db: Database.Database }).db;

interface Setup {
  dir: string;
  dbPath: string;
  store: SqliteStore;
  server: RunningServer;
  logs: string[];
  /** A booking body with a fresh, solved challenge. */
  body(i: number): Promise<Record<string, unknown>>;
  book(body: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

async function setUp(sandbox: Sandbox, dir: string, onClose: () => void = () => {}): Promise<Setup> {
  const dbPath = join(dir, 'vereinsraum.db');
  const store = new SqliteStore(dbPath);
  const logs: string[] = [];
  const config = parseConfig(bookingConfig(sandbox.apiUrl, { perClientPerHour: 10_000, perEmailPerDay: 10_000, challengeMaxNumber: 20 }), {
    ...env,
    ADMIN_TOKEN: ADMIN,
  });
  const handler = createHandler(config, {
    keys: await generateKeySet(),
    store,
    log: (level, message) => logs.push(`${level} ${message}`),
    challengeKey: 'storage-test',
  });
  const server = await serve(handler);
  return {
    dir,
    dbPath,
    store,
    server,
    logs,
    async body(i) {
      const challenge = (await (await fetch(`${server.url}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
      const start = Date.now() + 2 * HOUR + i * 60_000;
      return {
        kind: 'video',
        tenant: 'tsv',
        title: `Treffen ${i} ${'·'.repeat(100)}`,
        organisation: 'Verein',
        contactName: `Person ${i}`,
        contactEmail: `p${i}@example.org`,
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
        expectedParticipants: 5,
        consent: true,
        altcha: await solve(challenge),
      };
    },
    book: (body) =>
      fetch(`${server.url}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    async close() {
      await server.close();
      store.close();
      onClose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A refusal for a store that cannot work now. */
async function assertUnavailable(response: Response): Promise<void> {
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(response.headers.get('retry-after'), '10');
  assert.equal(((await response.json()) as { code: string }).code, 'storage_unavailable');
}

/** Every acknowledged booking is stored as it was sent, and nothing else. */
async function assertKept(setup: Setup, created: BookingCreated[]): Promise<void> {
  const stored = await setup.store.listBookings({});
  assert.deepEqual(stored.map((b) => b.id).sort(), created.map((b) => b.id).sort());
  for (const booking of created) assert.equal((await setup.store.getBooking(booking.id))?.title, booking.title);
}

describe('storage faults', () => {
  let sandbox: Sandbox;
  let base: string;
  before(async () => {
    sandbox = await startSandbox({ secret: SECRET });
    base = await mkdtemp(join(tmpdir(), 'vereinsraum-storage-'));
  });
  after(async () => {
    await sandbox.close();
    await rm(base, { recursive: true, force: true });
  });

  test('a full disk: 503 storage_unavailable, nothing acknowledged lost, the same request works once there is space', async (t: TestContext) => {
    const dir = join(base, 'full');
    await mkdir(dir);
    // A real full disk where a small tmpfs can be mounted; else SQLite's own SQLITE_FULL, from a page limit.
    const tmpfs = mountTmpfs(dir, '4m');
    t.diagnostic(tmpfs ? 'medium: a full tmpfs' : 'medium: PRAGMA max_page_count (mounting a tmpfs is not permitted here)');
    const setup = await setUp(sandbox, dir, () => tmpfs && spawnSync('umount', [dir]));
    try {
      const created: BookingCreated[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await setup.book(await setup.body(i));
        assert.equal(response.status, 201);
        created.push((await response.json()) as BookingCreated);
      }
      const filler = join(dir, 'filler');
      const db = connectionOf(setup.store);
      const pages = db.pragma('page_count', { simple: true }) as number;
      if (tmpfs) fillDisk(filler);
      else db.pragma(`max_page_count = ${pages}`);

      // Book until the disk refuses (a page may have room for a few more rows).
      let refused: Record<string, unknown> | undefined;
      for (let i = 3; i < 500 && !refused; i++) {
        const body = await setup.body(i);
        const response = await setup.book(body);
        if (response.status === 201) created.push((await response.json()) as BookingCreated);
        else {
          await assertUnavailable(response);
          refused = body;
        }
      }
      assert.ok(refused, 'the disk filled up');
      assert.ok(
        setup.logs.some((line) => /^error storage: SQLITE_FULL/.test(line)),
        setup.logs.join('\n'),
      );
      assert.ok(!setup.logs.some((line) => line.includes('unexpected')), 'no internal error');
      // Reading still works, so the bookers see their bookings.
      const view = await fetch(`${setup.server.url}/v1/bookings/${created[0]!.id}`, {
        headers: { authorization: `Bearer ${created[0]!.manageToken}` },
      });
      assert.equal(view.status, 200);
      await assertKept(setup, created);

      // Space again, without a restart: the very same request (its challenge was rolled back with it) is accepted.
      if (tmpfs) await rm(filler);
      else db.pragma('max_page_count = 1073741823');
      const retried = await setup.book(refused);
      assert.equal(retried.status, 201);
      created.push((await retried.json()) as BookingCreated);
      await assertKept(setup, created);
    } finally {
      await setup.close();
    }
  });

  test('a database that turned read-only: 503, and it works again once it is writable', async () => {
    // A real read-only file cannot be made under an open connection here: root ignores file modes, and a
    // file system with the database open for writing cannot be remounted read-only. So SQLite makes its
    // own SQLITE_READONLY, on the store's connection, as a file system remounted read-only would.
    const dir = join(base, 'read-only');
    await mkdir(dir);
    const setup = await setUp(sandbox, dir);
    try {
      const first = await setup.book(await setup.body(0));
      assert.equal(first.status, 201);
      const created = [(await first.json()) as BookingCreated];
      connectionOf(setup.store).pragma('query_only = ON');
      const body = await setup.body(1);
      await assertUnavailable(await setup.book(body));
      assert.ok(
        setup.logs.some((line) => /^error storage: SQLITE_READONLY/.test(line)),
        setup.logs.join('\n'),
      );
      connectionOf(setup.store).pragma('query_only = OFF');
      const again = await setup.book(body);
      assert.equal(again.status, 201);
      created.push((await again.json()) as BookingCreated);
      await assertKept(setup, created);
    } finally {
      await setup.close();
    }
  });

  test('a writer that holds the database longer than the busy timeout: 503, then the next request works', { timeout: 30_000 }, async () => {
    const dir = join(base, 'busy');
    await mkdir(dir);
    const setup = await setUp(sandbox, dir);
    // Another process's write transaction (the CLI, say), held past the store's 5 s busy timeout.
    const other = new Database(setup.dbPath);
    try {
      const body = await setup.body(0);
      other.exec('BEGIN IMMEDIATE');
      await assertUnavailable(await setup.book(body));
      other.exec('COMMIT');
      assert.equal((await setup.book(body)).status, 201);
    } finally {
      other.close();
      await setup.close();
    }
  });

  test('the store turns only "not now" errors into StoreUnavailableError; a bug stays a bug', async () => {
    const store = new SqliteStore(':memory:');
    try {
      connectionOf(store).pragma('query_only = ON');
      await assert.rejects(store.setTrusted('tsv', 'a@example.org', true, 'test', 0), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.match(error.reason, /^SQLITE_READONLY/);
        return true;
      });
      connectionOf(store).pragma('query_only = OFF');
      await assert.rejects(store.revoke('jti', null as unknown as number), (error: unknown) => {
        assert.ok(error instanceof Database.SqliteError && !(error instanceof StoreUnavailableError));
        assert.equal(error.code, 'SQLITE_CONSTRAINT_NOTNULL');
        return true;
      });
    } finally {
      store.close();
    }
  });
});
