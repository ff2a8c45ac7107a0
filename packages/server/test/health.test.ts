// `/livez`, `/readyz` and draining before the end: over real HTTP, with a SQLite store, and
// `vereinsraum serve` ending on SIGTERM with an event stream open.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKeySet } from '../src/keys.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { listening, runCli } from './child.ts';
import { env, rawConfig, SECRET } from './stack.ts';

/** An event stream's raw text as it comes, and when it ended. */
async function rawStream(url: string): Promise<{ text(): string; ended: Promise<void> }> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  let text = '';
  const ended = (async () => {
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) text += chunk;
  })();
  return { text: () => text, ended };
}

describe('health and draining', () => {
  let dir: string;
  let sandbox: Sandbox;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-health-'));
    sandbox = await startSandbox({ secret: SECRET });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('live and ready; draining: not ready, event streams end with a short retry hint, requests still answered', async () => {
    const store = new SqliteStore(join(dir, 'vereinsraum.db'));
    const handler = createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), {
      keys: await generateKeySet(),
      store,
      status: { ttlMs: 1000 },
      log: () => {},
    });
    const server = await serve(handler);
    try {
      assert.deepEqual(await (await fetch(`${server.url}/livez`)).json(), { live: true });
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await ready.json(), { ready: true });
      assert.equal((await fetch(`${server.url}/readyz`, { method: 'POST' })).status, 405);

      const streams = await Promise.all(
        ['/v1/rooms/tsv/training/events', '/v1/tenants/tsv/events?rooms=training,treff'].map((path) => rawStream(`${server.url}${path}`)),
      );
      for (let i = 0; i < 100 && !streams.every((s) => s.text().includes('event: status')); i++)
        await new Promise((r) => setTimeout(r, 20));
      await handler.drain();
      await Promise.all(streams.map((s) => s.ended));
      for (const stream of streams) {
        assert.match(stream.text(), /^retry: 5000\n\n/);
        assert.match(stream.text(), /retry: 1000\n\n$/, 'reconnect soon, to another instance');
      }
      const draining = await fetch(`${server.url}/readyz`);
      assert.equal(draining.status, 503);
      assert.equal(draining.headers.get('retry-after'), '5');
      assert.deepEqual(await draining.json(), { ready: false, reasons: ['draining'] });
      assert.equal((await fetch(`${server.url}/v1/rooms/tsv/training/status`)).status, 200, 'still answering');
      assert.equal((await fetch(`${server.url}/livez`)).status, 200);
    } finally {
      await server.close();
      await store.close();
    }
  });

  test('the store closed under a running server: not ready, and why', async () => {
    const store = new SqliteStore(join(dir, 'closed.db'));
    const server = await serve(
      createHandler(parseConfig(rawConfig(sandbox.apiUrl), env), { keys: await generateKeySet(), store, log: () => {} }),
    );
    try {
      await store.close();
      const answer = await fetch(`${server.url}/readyz`);
      assert.equal(answer.status, 503);
      assert.deepEqual(await answer.json(), { ready: false, reasons: ['store'] });
    } finally {
      await server.close();
    }
  });

  test('vereinsraum serve on SIGTERM: open event streams end with a retry hint, then it exits', async () => {
    const config = join(dir, 'serve.json');
    await writeFile(config, JSON.stringify({ ...rawConfig(sandbox.apiUrl), status: { ttlMs: 1000 } }));
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', join(dir, 'serve-data')], env);
    const url = await listening(server);
    const stream = await rawStream(`${url}/v1/rooms/tsv/training/events`);
    for (let i = 0; i < 100 && !stream.text().includes('event: status'); i++) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGTERM');
    await stream.ended;
    assert.match(stream.text(), /retry: 1000\n\n$/);
    assert.equal(await server.exit, 0, server.err());
    assert.match(server.out(), /SIGTERM: draining, then ending/);
  });
});
