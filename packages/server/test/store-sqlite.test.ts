// The store on SQLite: the conformance suite, and what only a file has (its
// mode, the bytes left after a purge, the schema version in the file's header).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../src/store/migrations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { record, storeConformance } from './store/conformance.ts';
import { ENGINES } from './store/engines.ts';

const DAY = 86_400_000;

storeConformance(ENGINES.find((engine) => engine.name === 'sqlite')!);

describe('the SQLite store on disk', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-store-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the database and its -wal and -shm files are readable by their owner only, also in a folder others may read', async () => {
    // `keys generate` makes the data folder with the usual 0755 before the database exists.
    const data = join(dir, 'data');
    await mkdir(data, { mode: 0o755 });
    const store = new SqliteStore(join(data, 'vereinsraum.db'));
    try {
      await store.revoke('jti', Date.now() + 60_000);
      for (const file of ['vereinsraum.db', 'vereinsraum.db-wal', 'vereinsraum.db-shm']) {
        const mode = (await stat(join(data, file))).mode & 0o777;
        assert.equal(mode & 0o077, 0, `${file} has mode ${mode.toString(8)}`);
      }
    } finally {
      await store.close();
    }
  });

  test('purge leaves no trace of the deleted bookings, their audit rows and mails in the database file or its log', async () => {
    const path = join(dir, 'purge.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const email = 'marta.markierung@example.org';
    try {
      const old = record('old0purge0me', {
        contactName: 'Marta Markierung',
        contactEmail: email,
        emailKey: email,
        lastEnd: now - 100 * DAY,
        createdAt: now - 101 * DAY,
      });
      const mail = { kind: 'received', to: email, subject: 'Buchung eingegangen', text: 'Hallo Marta Markierung', attachments: [] };
      await store.createBooking(
        old,
        { audit: [{ action: 'created', actor: 'booker', at: old.createdAt, reason: null }], mails: [mail] },
        { id: 'challenge-1', expiresAt: now },
      );
      await store.updateBooking(
        old.id,
        ['pending'],
        { status: 'rejected', updatedAt: now },
        { audit: [{ action: 'rejected', actor: 'admin-api', at: now, reason: 'Grund für Marta Markierung' }], mails: [] },
      );
      // A booking that stays, so the pages are not simply dropped.
      await store.createBooking(
        record('keep0me0here', { contactName: 'Bernd Bleibt', contactEmail: 'bleibt@example.org', lastEnd: now + DAY }),
        { audit: [], mails: [] },
        { id: 'challenge-2', expiresAt: now },
      );

      assert.equal((await store.purge(new Map([['tsv', now - 90 * DAY]]), now - 90 * DAY, now)).bookings, 1);
      const bytes = Buffer.concat(await Promise.all(['', '-wal'].map((suffix) => readFile(path + suffix).catch(() => Buffer.alloc(0)))));
      for (const trace of ['marta.markierung', 'Marta Markierung'])
        assert.equal(bytes.includes(trace), false, `${trace} is still in the file`);
      assert.equal(bytes.includes('bleibt@example.org'), true, 'what is kept stays');
    } finally {
      await store.close();
    }
  });

  test('a file whose schema is newer than this code is refused, and left as it is', async () => {
    const path = join(dir, 'newer.db');
    await (await new SqliteStore(path)).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(
      () => new SqliteStore(path),
      new RegExp(`has schema version ${SCHEMA_VERSION + 1}, newer than this server's ${SCHEMA_VERSION}`),
    );
    const after = new Database(path);
    assert.equal(after.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1);
    after.close();
  });
});
