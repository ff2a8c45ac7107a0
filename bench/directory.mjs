// The tenant directory's lookups with 10 and with 20,000 clubs in the store
// (SQLite, a file in a temp folder), in the same run: a club and one of its
// rooms by id, as every request to a club's room asks them. The claim it
// checks: a lookup costs the same for ten clubs as for twenty thousand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const LOOKUPS = 20_000; // per measurement
const ROUNDS = 5; // small and large interleaved

/** A store with `count` active clubs, each with one room. */
async function storeWith(SqliteStore, count, dir) {
  const store = new SqliteStore(join(dir, `clubs-${count}.db`));
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const id = `verein-${i}`;
    await store.createClub(
      {
        id,
        status: 'pending',
        name: `Verein ${i}`,
        kind: 'club',
        region: 'bench',
        origins: [],
        contactName: 'Bench',
        contactEmail: `c${i}@example.org`,
        emailKey: `c${i}@example.org`,
        deputyName: null,
        deputyEmail: null,
        language: 'de',
        backend: 'bbb',
        logoUrl: null,
        theme: null,
        confirm: null,
        confirmBy: null,
        reason: null,
        createdAt: now,
        confirmedAt: now,
        decidedAt: null,
        updatedAt: now,
      },
      { kind: 'club-confirm', to: `c${i}@example.org`, subject: '', text: '', attachments: [] },
      { id: `bench-${i}`, expiresAt: now + 60_000 },
    );
    const room = {
      club: id,
      id: 'treffpunkt',
      name: 'Treffpunkt',
      start: 'anyone',
      accessCode: null,
      moderatorCode: null,
      waitingRoom: false,
      muteOnEntry: false,
      allModerators: false,
      recording: false,
      createdAt: now,
      updatedAt: now,
    };
    await store.updateClub(id, ['pending'], { status: 'active', updatedAt: now }, { mails: [], rooms: [room] });
  }
  return store;
}

/** Mean microseconds per lookup of a random club and its room through the directory. */
async function measure(directory, count) {
  const start = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const tenant = await directory.tenant(`verein-${Math.floor(Math.random() * count)}`);
    if (!tenant || !(await directory.room(tenant, 'treffpunkt'))) throw new Error('a club or its room was not found');
  }
  return ((performance.now() - start) * 1000) / LOOKUPS;
}

/** The lookups with 10 and 20,000 clubs, interleaved over a few rounds. */
export async function directoryBenchmark(root) {
  const { SqliteStore } = await import(`${root}packages/server/dist/node.js`);
  const { ClubDirectory } = await import(`${root}packages/server/dist/clubs/directory.js`);
  const { ConfigDirectory } = await import(`${root}packages/server/dist/directory.js`);
  const dir = mkdtempSync(join(tmpdir(), 'vereinsraum-bench-directory-'));
  const config = { tenants: new Map(), backends: new Map() };
  try {
    const sizes = [10, 20_000];
    const stores = await Promise.all(sizes.map((count) => storeWith(SqliteStore, count, dir)));
    const directories = stores.map((store) => new ClubDirectory(new ConfigDirectory(config, store), store));
    const results = Object.fromEntries(sizes.map((count) => [count, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, count] of sizes.entries()) results[count].push(await measure(directories[i], count));
    await Promise.all(stores.map((store) => store.close()));
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    return sizes.map((count) => ({ clubs: count, microsecondsPerLookup: median(results[count]) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printDirectory(results, table) {
  console.log('\n## Tenant directory: a club and its room by id (SQLite)\n');
  table(
    ['clubs in the store', 'µs per lookup (median of rounds)'],
    results.map((r) => [r.clubs.toLocaleString('en'), r.microsecondsPerLookup.toFixed(1)]),
    [true, true],
  );
}
