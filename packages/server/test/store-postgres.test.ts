// The store on PostgreSQL: the conformance suite on a throwaway cluster, and
// what only a server has: migrations by several instances at once, a schema
// newer than the code, and a server that stops and comes back.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { BookingCreated } from '@vereinsraum/protocol';
import { query, sharedPostgres } from '../../../test/support/postgres.mjs';
import { ConfigError, parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/migrations.ts';
import { PgStore } from '../src/store/postgres.ts';
import { StoreUnavailableError } from '../src/store/types.ts';
import { bookingConfig, startBookingStack } from './booking-stack.ts';
import { env } from './stack.ts';
import { record, storeConformance } from './store/conformance.ts';
import { ENGINES } from './store/engines.ts';

storeConformance(ENGINES.find((engine) => engine.name === 'postgres')!);

const versions = async (url: string): Promise<number[]> =>
  (await query(url, 'SELECT version FROM vereinsraum_schema ORDER BY version')).rows.map((row: { version: number }) => row.version);

describe('PostgreSQL: the composition root', () => {
  test('a handler for a PostgreSQL store is not made without the shared key set', () => {
    const config = parseConfig(
      { ...bookingConfig('http://127.0.0.1:1/bigbluebutton/'), store: { type: 'postgres', urlEnv: 'DATABASE_URL' } },
      { ...env, ADMIN_TOKEN: 'admin-token-for-booking-tests-0123456789', DATABASE_URL: 'postgresql://vereinsraum@127.0.0.1:1/vereinsraum' },
    );
    assert.throws(
      () => createHandler(config, {}),
      (error: unknown) =>
        error instanceof ConfigError && /^store: with a PostgreSQL store every instance must use the same key set/.test(error.message),
    );
  });
});

describe('PostgreSQL: migrations', () => {
  test('four instances starting at once against an empty database migrate it exactly once', async () => {
    const url = await (await sharedPostgres()).database('migrate');
    const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open({ url, poolSize: 2 })));
    try {
      assert.deepEqual(
        await versions(url),
        MIGRATIONS.map((_, i) => i + 1),
      );
      assert.equal(PgStore.version, SCHEMA_VERSION);
      await stores[0]!.revoke('jti', Date.now() + 60_000);
      assert.equal(await stores[3]!.isRevoked('jti', Date.now()), true, 'they share one schema');
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('an instance refuses a schema newer than its code, and changes nothing', async () => {
    const url = await (await sharedPostgres()).database('newer');
    await (await PgStore.open({ url })).close();
    await query(url, "INSERT INTO vereinsraum_schema (version, what) VALUES ($1, 'from a newer release')", [SCHEMA_VERSION + 1]);
    await assert.rejects(
      PgStore.open({ url }),
      new RegExp(`database newer_\\d+_\\d+ has schema version ${SCHEMA_VERSION + 1}, newer than this server's ${SCHEMA_VERSION}`),
    );
    assert.deepEqual(await versions(url), [...MIGRATIONS.map((_, i) => i + 1), SCHEMA_VERSION + 1]);
  });
});

describe('PostgreSQL: a server that stops and comes back', () => {
  test('the store reports "not now" while it is down, and works again once it is back, with no new store', async () => {
    const cluster = await sharedPostgres();
    const store = await PgStore.open({ url: await cluster.database('down'), connectTimeoutMs: 2000 });
    after(() => store.close());
    await store.revoke('before', Date.now() + 60_000);
    cluster.stop();
    try {
      await assert.rejects(store.isRevoked('before', Date.now()), (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError, String(error));
        assert.match(error.reason, /ECONNREFUSED|57P01|Connection terminated/);
        return true;
      });
      await assert.rejects(store.revoke('during', Date.now() + 60_000), StoreUnavailableError);
    } finally {
      cluster.start();
    }
    assert.equal(await store.isRevoked('before', Date.now()), true);
    await store.revoke('after', Date.now() + 60_000);
    assert.equal(await store.isRevoked('during', Date.now()), false, 'the refused write was not made');
  });

  test('over HTTP: 503 storage_unavailable with Retry-After, nothing acknowledged is lost, and the same request works once it is back', async () => {
    const stack = await startBookingStack({ engine: 'postgres', bookings: { perClientPerHour: 1000 } });
    const cluster = await sharedPostgres();
    try {
      const first = (await (await stack.post(await stack.body())).json()) as BookingCreated;
      assert.ok(first.id);
      const body = await stack.body();
      cluster.stop();
      let refused: Response;
      try {
        refused = await stack.post(body);
        const view = await fetch(`${stack.api}/v1/bookings/${first.id}`, { headers: { authorization: `Bearer ${first.manageToken}` } });
        assert.equal(view.status, 503, 'reading fails too: nothing else holds the bookings');
      } finally {
        cluster.start();
      }
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '10');
      assert.equal(((await refused.json()) as { code: string }).code, 'storage_unavailable');
      assert.ok(
        stack.logs.some((line) => /^error storage: /.test(line)),
        stack.logs.join('\n'),
      );
      assert.ok(!stack.logs.some((line) => line.includes('unexpected')), 'no internal error');

      // Back, without a restart: the very same request (its challenge was not used) is accepted.
      const again = await stack.post(body);
      assert.equal(again.status, 201);
      const second = (await again.json()) as BookingCreated;
      assert.deepEqual((await stack.store.listBookings({})).map((b) => b.id).sort(), [first.id, second.id].sort());
    } finally {
      await stack.close();
    }
  });
});

describe('PostgreSQL: deleted personal data', () => {
  test("a purge deletes the rows at once; the bytes leave the tables' files with the VACUUM FULL that docs/security.md gives operators", async () => {
    const cluster = await sharedPostgres();
    const url = await cluster.database('purge');
    const store = await PgStore.open({ url });
    after(() => store.close());
    const now = Date.now();
    const tables = ['bookings', 'audit', 'outbox'];
    /** Every byte of those tables' files, after a checkpoint wrote the pages out. */
    const files = async (): Promise<Buffer> => {
      await query(url, 'CHECKPOINT');
      const paths = await Promise.all(
        tables.map(async (table) => (await query(url, 'SELECT pg_relation_filepath($1) AS path', [table])).rows[0].path as string),
      );
      return Buffer.concat(await Promise.all(paths.map((path) => readFile(join(cluster.data, path)))));
    };
    for (let i = 0; i < 40; i++) {
      const gone = i % 2 === 0;
      const name = gone ? `Marta Markierung ${i}` : `Bernd Bleibt ${i}`;
      const booking = record(`p${String(i).padStart(11, '0')}`, {
        contactName: name,
        lastEnd: gone ? now - 100 * 86_400_000 : now + 86_400_000,
      });
      const change = {
        audit: [{ action: 'created' as const, actor: 'booker', at: now, reason: `für ${name}` }],
        mails: [{ kind: 'received', to: 'x@example.org', subject: 'Buchung', text: `Hallo ${name}`, attachments: [] }],
      };
      await store.createBooking(booking, change, { id: `c${i}`, expiresAt: now + 60_000 });
    }
    assert.equal((await store.purge(new Map(), now - 90 * 86_400_000, now)).bookings, 20);
    assert.equal((await store.listBookings({})).filter((b) => b.contactName.startsWith('Marta')).length, 0, 'gone for every query at once');
    // The purge vacuums: the space is free for new rows, but until they come the old bytes are still there.
    assert.ok((await files()).includes('Marta Markierung'), 'this is why operators run VACUUM FULL');
    await query(url, `VACUUM FULL ${tables.join(', ')}`);
    const rewritten = await files();
    assert.ok(!rewritten.includes('Marta Markierung'), 'no trace in the rewritten files');
    assert.ok(rewritten.includes('Bernd Bleibt'), 'what is kept stays');
  });
});
