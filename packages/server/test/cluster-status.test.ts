// Live status across instances: two `vereinsraum serve` processes on one PostgreSQL database ask
// BigBlueButton about a watched room once per TTL between them (counted in the sandbox), and a change
// reaches the viewers of both; when the instance that polls dies, the other takes over; when PostgreSQL
// restarts, the listening connections come back by themselves and catch up.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RoomStatus } from '@vereinsraum/protocol';
import { sharedPostgres } from '../../../test/support/postgres.mjs';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { type Cli, eventStream, listening, runCli } from './child.ts';
import { env, rawConfig, SECRET } from './stack.ts';

const TTL = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live status across two instances on one PostgreSQL database', () => {
  let dir: string;
  let sandbox: Sandbox;
  let config: string;
  let data: string;
  let processEnv: Record<string, string>;
  const servers: Cli[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-cluster-status-'));
    sandbox = await startSandbox({ secret: SECRET });
    processEnv = { ...env, DATABASE_URL: await (await sharedPostgres()).database('status') };
    config = join(dir, 'vereinsraum.json');
    await writeFile(
      config,
      JSON.stringify({
        ...rawConfig(`${sandbox.url}/bigbluebutton/`),
        store: { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 3, connectTimeoutMs: 1000 },
        status: { ttlMs: TTL },
      }),
    );
    data = join(dir, 'data');
    const keys = runCli(['keys', 'generate', '--data', data], processEnv);
    assert.equal(await keys.exit, 0, keys.err());
  });
  after(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exit));
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = (): Cli => {
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', data], processEnv);
    servers.push(server);
    return server;
  };
  const calls = (): number => sandbox.calls.getMeetingInfo ?? 0;
  /** getMeetingInfo calls during `ms`. */
  const countFor = async (ms: number): Promise<number> => {
    const before = calls();
    await sleep(ms);
    return calls() - before;
  };

  test('one upstream request per room per TTL in the cluster; a change reaches the viewers of both; the poller dies, the other takes over; PostgreSQL restarts', async () => {
    const [a, b] = [start(), start()];
    const [urlA, urlB] = await Promise.all([listening(a), listening(b)]);
    const viewers = await Promise.all(
      [urlA, urlB, urlA, urlB].map((url) => eventStream<RoomStatus>(`${url}/v1/rooms/tsv/training/events`)),
    );
    try {
      await Promise.all(viewers.map((viewer) => viewer.next((s) => s.state === 'idle')));
      // Each instance alone would ask every TTL; together they still ask once per TTL.
      const window = 6000;
      const counted = await countFor(window);
      assert.ok(counted <= window / TTL + 1, `${counted} requests in ${window} ms with a TTL of ${TTL} ms`);
      assert.ok(counted >= window / TTL / 2, `the room is still watched (${counted})`);

      // A meeting starts (joined through A): the viewers of both instances hear it.
      const joined = (await (
        await fetch(`${urlA}/v1/rooms/tsv/training/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'Theo' }),
        })
      ).json()) as { url: string };
      const meeting = await fetch(joined.url);
      assert.equal(meeting.status, 200);
      await Promise.all(viewers.map((viewer) => viewer.next((s) => s.state === 'live' && s.participants === 1)));

      // A dies without a word (its claim, if it holds one, lapses): B alone goes on asking, once per TTL.
      a.child.kill('SIGKILL');
      await a.exit;
      await sleep(TTL);
      const alone = await countFor(4000);
      assert.ok(alone >= 2 && alone <= 4000 / TTL + 1, `B took over: ${alone} requests`);

      // PostgreSQL restarts: B is not ready meanwhile, listens again by itself, and reads what it missed.
      const cluster = await sharedPostgres();
      cluster.stop();
      try {
        await sleep(500);
        assert.equal((await fetch(`${urlB}/readyz`)).status, 503, 'not ready without its database');
        assert.equal((await fetch(`${urlB}/livez`)).status, 200, 'but alive');
      } finally {
        cluster.start();
      }
      const c = start();
      const urlC = await listening(c);
      const late = await eventStream<RoomStatus>(`${urlC}/v1/rooms/tsv/training/events`);
      try {
        await late.next((s) => s.state === 'live');
        for (let i = 0; i < 50 && (await fetch(`${urlB}/readyz`)).status !== 200; i++) await sleep(200);
        assert.equal((await fetch(`${urlB}/readyz`)).status, 200, 'ready again, without a restart');
        // The meeting ends: polled by whichever instance claims it, heard by the viewers of both.
        const end = await fetch(`${meeting.url}/end`, { method: 'POST', redirect: 'manual' });
        assert.equal(end.status, 303);
        const ended = (s: RoomStatus) => s.state === 'idle';
        await Promise.race([
          Promise.all([late.next(ended), viewers[1]!.next(ended), viewers[3]!.next(ended)]),
          sleep(15_000).then(() => {
            throw new Error('the end of the meeting did not reach every viewer');
          }),
        ]);
      } finally {
        late.close();
      }
    } finally {
      for (const viewer of viewers) viewer.close();
    }
  });
});
