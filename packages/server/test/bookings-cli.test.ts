import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AdminBooking, BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ADMIN, bookingConfig, HOUR, solve } from './booking-stack.ts';
import { env, SECRET } from './stack.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env, ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exit, out: () => out, err: () => err };
}

describe('CLI: bookings', () => {
  let dir: string;
  let sandbox: Sandbox;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-bookings-cli-'));
    sandbox = await startSandbox({ secret: SECRET });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('list, approve, reject, cancel, trust and purge reach a running server through the database', async () => {
    const config = join(dir, 'config.json');
    const data = join(dir, 'data');
    await writeFile(config, JSON.stringify(bookingConfig(sandbox.apiUrl)));
    const server = run(['serve', '--config', config, '--port', '0', '--data', data]);
    const url = await new Promise<string>((resolve, reject) => {
      server.child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(server.out());
        if (match) resolve(match[1]!);
      });
      void server.exit.then(() => reject(new Error(server.err())));
    });
    const book = async (title: string): Promise<BookingCreated> => {
      const challenge = (await (await fetch(`${url}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
      const start = Date.now() + 2 * HOUR;
      const response = await fetch(`${url}/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'video',
          tenant: 'tsv',
          title,
          organisation: 'Verein',
          contactName: 'Erika',
          contactEmail: 'erika@example.org',
          start: new Date(start).toISOString(),
          end: new Date(start + HOUR).toISOString(),
          expectedParticipants: 5,
          consent: true,
          altcha: await solve(challenge),
        }),
      });
      assert.equal(response.status, 201);
      return response.json() as Promise<BookingCreated>;
    };
    const done = async (args: string[]) => {
      const r = run([...args, '--config', config, '--data', data]);
      assert.equal(await r.exit, 0, r.err());
      return r.out();
    };
    try {
      const mode = (await stat(join(data, 'vereinsraum.db'))).mode & 0o777;
      assert.equal(mode & 0o077, 0, `the database has mode ${mode.toString(8)}: only its owner may read it`);
      const folder = (await stat(data)).mode & 0o777;
      assert.equal(folder & 0o077, 0, `the data folder has mode ${folder.toString(8)}: only its owner may list it`);
      const a = await book('Erstes Treffen');
      const b = await book('Zweites Treffen');
      const list = JSON.parse(await done(['bookings', 'list', '--status', 'pending', '--json'])) as AdminBooking[];
      assert.deepEqual(list.map((x) => x.id).sort(), [a.id, b.id].sort());
      assert.match(await done(['bookings', 'list']), new RegExp(`${a.id}\\tpending\\ttsv\\t`));

      assert.match(await done(['bookings', 'approve', '--id', a.id]), new RegExp(`approved ${a.id}: room tsv/b-${a.id}`));
      const view = await (await fetch(`${url}/v1/bookings/${a.id}`, { headers: { authorization: `Bearer ${a.manageToken}` } })).json();
      assert.equal(view.status, 'approved', 'the running server sees the approval');
      const status = await fetch(`${url}/v1/rooms/tsv/b-${a.id}/status`);
      assert.equal(status.status, 200, 'and serves the booked room');

      await done(['bookings', 'reject', '--id', b.id, '--reason', 'Belegt']);
      const rejected = (await (
        await fetch(`${url}/v1/admin/bookings/${b.id}`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json()) as AdminBooking;
      assert.equal(rejected.status, 'rejected');
      assert.match(rejected.audit.at(-1)!.actor, /^cli/);
      assert.equal(rejected.audit.at(-1)!.reason, 'Belegt');

      const again = run(['bookings', 'approve', '--id', b.id, '--config', config, '--data', data]);
      assert.equal(await again.exit, 1);
      assert.match(again.err(), /booking_conflict/);

      // The operator cancels the approved one: the running server no longer serves its room.
      const noReason = run(['bookings', 'cancel', '--id', a.id, '--config', config, '--data', data]);
      assert.equal(await noReason.exit, 2);
      assert.match(noReason.err(), /--reason is required/);
      assert.match(
        await done(['bookings', 'cancel', '--id', a.id, '--reason', 'Der Saal wird renoviert.']),
        new RegExp(`^cancelled ${a.id}$`, 'm'),
      );
      const cancelled = (await (
        await fetch(`${url}/v1/admin/bookings/${a.id}`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json()) as AdminBooking;
      assert.equal(cancelled.status, 'cancelled');
      assert.match(cancelled.audit.at(-1)!.actor, /^cli/);
      assert.equal(cancelled.audit.at(-1)!.reason, 'Der Saal wird renoviert.');
      assert.equal((await fetch(`${url}/v1/rooms/tsv/b-${a.id}/status`)).status, 404, 'the booked room is gone');
      const twice = run(['bookings', 'cancel', '--id', a.id, '--reason', 'Noch einmal', '--config', config, '--data', data]);
      assert.equal(await twice.exit, 1);
      assert.match(twice.err(), /booking_conflict/);

      await done(['bookings', 'trust', '--tenant', 'tsv', '--email', 'Erika@example.org']);
      assert.equal((await book('Drittes Treffen')).status, 'approved', 'trusted through the CLI');
      assert.match(await done(['bookings', 'purge']), /^purged 0 booking\(s\)/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
  });
});
