// Per-client limits kept in the store (StoreLimiter) and singleton jobs (Jobs), on both engines: what two
// instances sharing a store count together, how the keyed hash's daily secret rotates, and that a job
// runs on one instance at a time.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { StoreLimiter } from '../src/attempts.ts';
import { Jobs } from '../src/jobs.ts';
import type { Store } from '../src/store/types.ts';
import { ENGINES } from './store/engines.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

for (const engine of ENGINES) {
  describe(`limits and jobs on ${engine.name}`, () => {
    const stores: Store[] = [];
    const dirs: string[] = [];
    after(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    });
    const two = async (): Promise<{ stores: [Store, Store]; contents(): Promise<string> }> => {
      const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-limits-'));
      dirs.push(dir);
      const place = await engine.place(dir);
      const pair = [await place.open(), await place.open()] as [Store, Store];
      stores.push(...pair);
      return { stores: pair, contents: () => place.contents() };
    };

    test('two limiters on one store count together; the address is kept only as a keyed hash; the window and the day secret move on', async () => {
      const { stores: pair, contents } = await two();
      let now = Date.parse('2026-03-01T23:50:00Z');
      const [a, b] = pair.map((store) => new StoreLimiter(store, 'codes', 3, 15 * MINUTE, () => now)) as [StoreLimiter, StoreLimiter];
      const key = 'tsv/vorstand|203.0.113.7';
      await a.fail(key);
      await b.fail(key);
      assert.equal(await a.retryAfter(key), 0, 'two of three');
      now += 5 * MINUTE; // past midnight: a new day's secret, yesterday's hits still count
      await a.fail(key);
      assert.equal(await b.retryAfter(key), 600, 'until the oldest leaves the window');
      assert.equal(await b.retryAfter(key, 4), 0, 'a higher limit of the caller');
      assert.equal(await a.retryAfter('tsv/vorstand|203.0.113.8'), 0, 'another client is not affected');
      assert.equal(await new StoreLimiter(pair[0], 'bookings', 3, 15 * MINUTE, () => now).retryAfter(key), 0, 'nor another scope');
      const kept = await contents();
      assert.ok(!kept.includes('203.0.113.7'), 'no address in the store');
      now += 10 * MINUTE + 1;
      assert.equal(await b.retryAfter(key), 0, 'the first hit left the window');
      // Two days on, the purge deletes the old secrets and hits: nothing ties a hash to an address any more.
      now += 3 * DAY;
      await pair[0].purge(new Map(), 0, now);
      assert.equal(await a.retryAfter(key), 0);
      const fresh = new Uint8Array(32).fill(9);
      const first = `limits:${Math.floor(Date.parse('2026-03-01T12:00:00Z') / DAY)}`;
      assert.deepEqual(await pair[1].sharedSecret(first, fresh, null), fresh, "the first day's secret is gone");
    });

    test('a job runs on one instance at a time (PostgreSQL), and never twice at once in one process', async () => {
      const { stores: pair } = await two();
      const logs: string[] = [];
      const [a, b] = pair.map((store) => new Jobs(store, (level, message) => logs.push(`${level} ${message}`))) as [Jobs, Jobs];
      let release!: () => void;
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const runs: string[] = [];
      const first = a.run('purge', async () => {
        runs.push('a');
        started();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await running;
      assert.equal(await a.run('purge', async () => runs.push('a again')), false, 'not twice in one process');
      const other = await b.run('purge', async () => runs.push('b'));
      release();
      assert.equal(await first, true);
      assert.equal(other, engine.name === 'sqlite', 'PostgreSQL: skipped while the other instance runs it');
      assert.equal(await b.run('purge', async () => runs.push('b later')), true);
      assert.deepEqual(runs, engine.name === 'sqlite' ? ['a', 'b', 'b later'] : ['a', 'b later']);
      assert.equal(
        await b.run('mail', async () => {
          throw new Error('SMTP down');
        }),
        false,
      );
      assert.deepEqual(logs, ['error mail: SMTP down'], 'a failure is logged, not thrown');
    });
  });
}
