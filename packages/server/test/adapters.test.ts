import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { vereinsraum } from '../src/adapters/express.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { env, rawConfig, SECRET } from './stack.ts';

describe('Express adapter', () => {
  let sandbox: Sandbox;
  let base: string;
  let close: () => void;

  before(async () => {
    sandbox = await startSandbox({ secret: SECRET });
    const handler = createHandler(parseConfig(rawConfig(sandbox.apiUrl), env));
    const app = express();
    app.use(express.json()); // a body parser before us must not break the join
    app.use('/vereinsraum', vereinsraum(handler));
    app.get('/vereinsraum/hello', (_req, res) => void res.send('the app still answers'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(async () => {
    close();
    await sandbox.close();
  });

  test('joins through the mounted handler', async () => {
    const response = await fetch(`${base}/vereinsraum/v1/rooms/tsv/training/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Über Express' }),
    });
    assert.equal(response.status, 200);
    const { url } = await response.json();
    assert.equal(new URL(url).searchParams.get('fullName'), 'Über Express');
  });

  test('refusals keep their problem+json', async () => {
    const response = await fetch(`${base}/vereinsraum/v1/rooms/tsv/nope/status`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, 'room_not_found');
  });

  test('paths the handler does not know go on to the app', async () => {
    const response = await fetch(`${base}/vereinsraum/hello`);
    assert.equal(await response.text(), 'the app still answers');
  });
});
