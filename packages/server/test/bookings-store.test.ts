import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { BookingRecord } from '../src/store/types.ts';

const DAY = 86_400_000;

function record(id: string, contactName: string, email: string, lastEnd: number): BookingRecord {
  return {
    id,
    tenant: 'tsv',
    kind: 'video',
    status: 'pending',
    title: 'Geheimes Treffen',
    organisation: 'Selbsthilfegruppe',
    contactName,
    contactEmail: email,
    emailKey: email,
    expectedParticipants: 5,
    language: 'de',
    dates: [{ start: new Date(lastEnd - 3_600_000).toISOString(), end: new Date(lastEnd).toISOString() }],
    firstStart: lastEnd - 3_600_000,
    lastEnd,
    room: null,
    invites: null,
    createdAt: lastEnd - DAY,
    updatedAt: lastEnd - DAY,
  };
}

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

  test('purge leaves no trace of the deleted bookings, their audit rows and mails in the database file or its log', async () => {
    const path = join(dir, 'purge.db');
    const store = new SqliteStore(path);
    const now = Date.now();
    const email = 'marta.markierung@example.org';
    try {
      const old = record('old0purge0me', 'Marta Markierung', email, now - 100 * DAY);
      const mail = { kind: 'received', to: email, subject: 'Buchung eingegangen', text: 'Hallo Marta Markierung', attachments: [] };
      await store.createBooking(old, { audit: [{ action: 'created', actor: 'booker', at: old.createdAt, reason: null }], mails: [mail] }, { id: 'challenge-1', expiresAt: now });
      await store.updateBooking(old.id, ['pending'], { status: 'rejected', updatedAt: now }, { audit: [{ action: 'rejected', actor: 'admin-api', at: now, reason: 'Grund für Marta Markierung' }], mails: [] });
      // A booking that stays, so the pages are not simply dropped.
      await store.createBooking(record('keep0me0here', 'Bernd Bleibt', 'bleibt@example.org', now + DAY), { audit: [], mails: [] }, { id: 'challenge-2', expiresAt: now });

      assert.equal((await store.purge(new Map([['tsv', now - 90 * DAY]]), now - 90 * DAY, now)).bookings, 1);
      const bytes = Buffer.concat(await Promise.all(['', '-wal'].map((suffix) => readFile(path + suffix).catch(() => Buffer.alloc(0)))));
      for (const trace of ['marta.markierung', 'Marta Markierung']) assert.equal(bytes.includes(trace), false, `${trace} is still in the file`);
      assert.equal(bytes.includes('bleibt@example.org'), true, 'what is kept stays');
    } finally {
      store.close();
    }
  });
});
