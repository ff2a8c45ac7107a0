// What a reload needs of the handler: a status cache shared by the old and the
// new handler, and background work (timers) that runs only between start() and
// stop(), never from the moment a handler is made.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { createStatusService } from '../src/services.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { env, rawConfig } from './stack.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ secret: env.BBB_SECRET });
});
after(() => sandbox.close());

const status = (handler: ReturnType<typeof createHandler>, room: string) =>
  handler(new Request(`http://helper.test/v1/rooms/tsv/${room}/status`));

describe('handlers that replace each other', () => {
  test('share one status cache: the conference server is asked once per room and TTL, whichever handler asks', async () => {
    const config = parseConfig(rawConfig(sandbox.apiUrl), env);
    const statusService = createStatusService(config, { status: { ttlMs: 60_000 }, log: () => undefined });
    const old = createHandler(config, { statusService, log: () => undefined });
    const next = createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), { statusService, log: () => undefined });
    const calls = () => sandbox.calls.getMeetingInfo ?? 0;
    const start = calls();
    assert.equal((await (await status(old, 'treff')).json()).state, 'idle');
    assert.equal((await (await status(next, 'treff')).json()).state, 'idle');
    assert.equal(calls() - start, 1, 'the new handler answers from the cache the old one filled');

    // Without sharing, each handler asks on its own.
    const alone = createHandler(config, { status: { ttlMs: 60_000 }, log: () => undefined });
    await status(alone, 'treff');
    assert.equal(calls() - start, 2);
  });

  /** A store that counts mail rounds: each begins by claiming due mails. */
  async function countingStore(): Promise<{ store: Store; rounds: () => number; close: () => void }> {
    const sqlite = new SqliteStore(join(await mkdtemp(join(tmpdir(), 'vereinsraum-reload-')), 'vereinsraum.db'));
    let rounds = 0;
    const store = new Proxy(sqlite, {
      get: (target, name, receiver) =>
        name === 'claimMails'
          ? (...args: Parameters<Store['claimMails']>) => (rounds++, target.claimMails(...args))
          : Reflect.get(target, name, receiver),
    }) as Store;
    return { store, rounds: () => rounds, close: () => sqlite.close() };
  }

  test('a handler that is made but not started runs nothing in the background', async () => {
    const { store, rounds, close } = await countingStore();
    let purges = 0;
    const counted = new Proxy(store, {
      get: (target, name, receiver) =>
        name === 'purge' ? (...args: Parameters<Store['purge']>) => (purges++, target.purge(...args)) : Reflect.get(target, name, receiver),
    }) as Store;
    createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), {
      store: counted,
      mailer: { send: async () => undefined },
      mailRetryMs: 20,
      log: () => undefined,
    });
    await sleep(200);
    assert.equal(rounds(), 0, 'no mail round before start()');
    assert.equal(purges, 0, 'no purge before start()');
    close();
  });

  test("between start() and stop() the handler's timers run; after stop() they do not", async () => {
    const { store, rounds, close } = await countingStore();
    const handler = createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), {
      store,
      mailer: { send: async () => undefined },
      mailRetryMs: 20,
      log: () => undefined,
    });
    handler.start();
    handler.start(); // a second start changes nothing
    for (let waited = 0; rounds() < 3; waited += 20) {
      assert.ok(waited < 5000, `mail rounds while the handler runs: ${rounds()}`);
      await sleep(20);
    }
    handler.stop();
    await sleep(50);
    const after = rounds();
    await sleep(200);
    assert.equal(rounds(), after, 'no more rounds once the handler is stopped');
    close();
  });
});
