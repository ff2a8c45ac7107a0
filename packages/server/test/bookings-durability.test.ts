import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ADMIN, bookingConfig, HOUR, solve } from './booking-stack.ts';
import { env, SECRET } from './stack.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TOTAL = 1000;

function serve(config: string, data: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--config', config, '--port', '0', '--data', data], {
    env: { ...process.env, ...env, ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    void exit.then(() => reject(new Error(`exited: ${err}`)));
  });
  return { child, exit, url, err: () => err };
}

describe('durability', () => {
  let dir: string;
  let sandbox: Sandbox;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-durability-'));
    sandbox = await startSandbox({ secret: SECRET });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test(`${TOTAL} concurrent bookings, SIGKILL in the middle: every 201 is there after the restart`, { timeout: 240_000 }, async () => {
    const config = join(dir, 'config.json');
    const data = join(dir, 'data');
    await writeFile(
      config,
      JSON.stringify(bookingConfig(sandbox.apiUrl, { perClientPerHour: 100_000, perEmailPerDay: 100_000, challengeMaxNumber: 20 })),
    );
    const first = serve(config, data);
    const url = await first.url;

    // Solve the challenges first, so that the bookings themselves arrive together.
    const bodies = [];
    for (let i = 0; i < TOTAL; i++) {
      const challenge = (await (await fetch(`${url}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
      const start = Date.now() + 2 * HOUR + i * 60_000;
      bodies.push({
        kind: 'video',
        tenant: 'tsv',
        title: `Treffen ${i}`,
        organisation: 'Verein',
        contactName: `Person ${i}`,
        contactEmail: `p${i}@example.org`,
        start: new Date(start).toISOString(),
        end: new Date(start + HOUR).toISOString(),
        expectedParticipants: 5,
        consent: true,
        altcha: await solve(challenge),
      });
    }

    const created: BookingCreated[] = [];
    let killed = false;
    const killAt = TOTAL / 3;
    const results = await Promise.allSettled(
      bodies.map(async (body) => {
        const response = await fetch(`${url}/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`HTTP ${response.status}`);
        const booking = (await response.json()) as BookingCreated;
        created.push(booking);
        if (created.length >= killAt && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
        return booking;
      }),
    );
    assert.equal(await first.exit, 'SIGKILL');
    const failed = results.filter((r) => r.status === 'rejected').length;
    assert.ok(created.length >= killAt, `${created.length} created`);
    assert.ok(failed > 0, 'the kill came before the end');
    const statuses = new Set(results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason?.message ?? r.reason).slice(0, 40)] : [])));
    assert.ok(![...statuses].some((s) => s.startsWith('HTTP ')), `only connection errors, no refusals: ${[...statuses].join(', ')}`);

    const second = serve(config, data);
    const url2 = await second.url;
    try {
      const store = new SqliteStore(join(data, 'vereinsraum.db'));
      try {
        const missing = [];
        for (const booking of created) {
          const stored = await store.getBooking(booking.id);
          if (!stored || stored.title !== booking.title || stored.status !== 'pending') missing.push(booking.id);
        }
        assert.deepEqual(missing, [], 'every booking that got a 201 is stored');
      } finally {
        store.close();
      }
      // And the restarted server serves them, to their bookers.
      for (const booking of created.slice(0, 20)) {
        const response = await fetch(`${url2}/v1/bookings/${booking.id}`, { headers: { authorization: `Bearer ${booking.manageToken}` } });
        assert.equal(response.status, 200);
        assert.equal((await response.json()).title, booking.title);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  });
});
