import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SqliteStore } from '../src/store/sqlite.ts';

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
      store.close();
    }
  });
});
