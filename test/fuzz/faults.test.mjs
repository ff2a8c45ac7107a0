// Faults around `vereinsraum serve` (its own process): the conference server
// stops while a meeting runs, then comes back. The status goes stale, then
// unknown, then is right again, without a restart. (A full disk:
// packages/server/test/storage.test.ts; SIGKILL amid bookings:
// packages/server/test/bookings-durability.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { SECRET, spawnServe } from './targets.mjs';

/** Ask `/status` every 200 ms until `want` holds; answers that status and the ones seen before it. */
async function statusUntil(url, want, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const seen = [];
  for (;;) {
    const response = await fetch(`${url}/v1/rooms/tsv/training/status`);
    assert.equal(response.status, 200, 'a status is answered throughout, never an error');
    const status = await response.json();
    seen.push(status);
    if (want(status)) return { status, seen };
    if (Date.now() > deadline) throw new Error(`no status that is ${what} within ${timeoutMs} ms; last: ${JSON.stringify(status)}`);
    await sleep(200);
  }
}

describe('a conference server that stops and comes back', () => {
  let sandbox;
  let server;
  before(async () => {
    sandbox = await startSandbox({ secret: SECRET });
    server = await spawnServe(
      {
        backends: { bbb: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'FAULT_BBB_SECRET', timeoutMs: 500 } },
        tenants: {
          tsv: { name: 'TSV Fault', allowedOrigins: [], rooms: { training: { name: 'Training', backend: 'bbb', start: 'anyone' } } },
        },
        status: { ttlMs: 1000, graceMs: 2000, timeoutMs: 500 },
      },
      { FAULT_BBB_SECRET: SECRET },
    );
  });
  after(async () => {
    await server?.stop();
    await sandbox?.close();
  });

  test(
    'live, then stale while it is down, then unknown after the grace period, then right again once it is back',
    { timeout: 90_000 },
    async () => {
      const join = await fetch(`${server.url}/v1/rooms/tsv/training/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Trainerin' }),
      });
      assert.equal(join.status, 200);
      assert.equal((await fetch((await join.json()).url)).status, 200, 'she is in the meeting');
      await statusUntil(server.url, (s) => s.state === 'live' && s.participants === 1 && !s.stale, 'live');

      const port = Number(new URL(sandbox.url).port);
      await sandbox.close();
      const stale = await statusUntil(server.url, (s) => s.stale === true, 'stale');
      assert.equal(stale.status.state, 'live', 'the last known state, marked stale');
      assert.equal(stale.status.participants, 1);
      const unknown = await statusUntil(server.url, (s) => s.state === 'unknown', 'unknown');
      assert.ok(
        unknown.seen.every((s) => s.state === 'live' || s.state === 'unknown'),
        'never a guess in between',
      );

      // The conference server comes back (empty: its meetings did not survive), on the same address.
      sandbox = await startSandbox({ secret: SECRET, port });
      const back = await statusUntil(server.url, (s) => s.state === 'idle' && !s.stale, 'idle again', 60_000);
      assert.equal(back.status.participants, 0);
      assert.equal(server.child.exitCode, null, 'the same process, no restart');
      assert.doesNotMatch(server.log(), /unexpected/);
    },
  );
});
