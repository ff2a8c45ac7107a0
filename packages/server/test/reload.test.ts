// What a reload needs of the handler: a status cache shared by the old and the
// new handler, and the old handler's timers stopped.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler, createStatusService } from '../src/handler.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { env, rawConfig } from './stack.ts';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ secret: env.BBB_SECRET });
});
after(() => sandbox.close());

const status = (handler: ReturnType<typeof createHandler>, room: string) => handler(new Request(`http://helper.test/v1/rooms/tsv/${room}/status`));

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

  test("when the signal aborts, the replaced handler's timers stop", async () => {
    const store = new SqliteStore(join(await mkdtemp(join(tmpdir(), 'vereinsraum-reload-')), 'vereinsraum.db'));
    let rounds = 0;
    // Each mail round begins by claiming due mails: count the rounds.
    const counting = new Proxy(store, {
      get: (target, name, receiver) => (name === 'claimMails' ? (...args: Parameters<Store['claimMails']>) => (rounds++, target.claimMails(...args)) : Reflect.get(target, name, receiver)),
    }) as Store;
    const stop = new AbortController();
    createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), { store: counting, mailer: { send: async () => undefined }, mailRetryMs: 20, signal: stop.signal, log: () => undefined });
    for (let waited = 0; rounds < 3; waited += 20) {
      assert.ok(waited < 5000, `mail rounds while the handler is current: ${rounds}`);
      await sleep(20);
    }
    stop.abort();
    await sleep(50);
    const after = rounds;
    await sleep(200);
    assert.equal(rounds, after, 'no more rounds once a new handler took over');
    store.close();
  });
});
