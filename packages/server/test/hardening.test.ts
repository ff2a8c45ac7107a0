// Refusals at the edges: request targets, Host headers, guessing codes, clients that hang up.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseConfig } from '../src/config.ts';
import { createHandler } from '../src/handler.ts';
import { env, MODERATOR_CODE, rawConfig, type Stack, startStack } from './stack.ts';

/** Send raw bytes over a socket and read the status line of the answer. */
function raw(base: string, bytes: string, { hangUp = false } = {}): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (hangUp) setTimeout(() => socket.destroy(), 50);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('hardening', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ codeAttempts: 3 });
  });
  after(() => stack.close());

  test('a target starting with // cannot pose as another origin', async () => {
    const body = JSON.stringify({ displayName: 'Evil', accessCode: MODERATOR_CODE });
    const status = await raw(
      stack.api,
      `POST //evil.example/v1/rooms/tsv/vorstand/join HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    assert.equal(status, 'HTTP/1.1 400 Bad Request');
    assert.equal(stack.sandbox.calls.create ?? 0, 0);
  });

  test('a bad Host header gets 400 and the server keeps running', async () => {
    for (const host of ['a b', 'evil.example/v1/rooms/tsv/vorstand/join?', 'x@y']) {
      const status = await raw(stack.api, `GET /v1/rooms/tsv/training/status HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.equal(status, 'HTTP/1.1 400 Bad Request', host);
    }
    assert.equal((await fetch(`${stack.api}/v1/rooms/tsv/training/status`)).status, 200);
  });

  test('a client that hangs up in the middle of its body is no error for the operator', async () => {
    await raw(
      stack.api,
      'POST /v1/rooms/tsv/training/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"displayName":',
      { hangUp: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(stack.logs, []);
  });

  test('wrong access codes are limited per client and room, with Retry-After', async () => {
    const attempt = (accessCode: string) => stack.join('vorstand', { displayName: 'Rater', accessCode });
    for (let i = 0; i < 3; i++) assert.equal((await attempt(`falsch-${i}`)).status, 403);
    const limited = await attempt(MODERATOR_CODE);
    assert.equal(limited.status, 429, 'even the right code is refused once the limit is reached');
    assert.equal((await limited.json()).code, 'too_many_attempts');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    // Joining without a code, or another room, is not limited.
    assert.equal((await stack.join('training', { displayName: 'Rater' })).status, 200);
  });
});

describe('attempt limits per client (handler called directly)', () => {
  test('one client reaching the limit does not lock out another', async () => {
    let time = 1_000_000;
    const handler = createHandler(parseConfig(rawConfig('http://127.0.0.1:9/bigbluebutton/'), env), {
      codeAttempts: 2,
      codeAttemptWindowMs: 60_000,
      now: () => time,
      log: () => {},
    });
    const join = (clientAddress: string, accessCode: string) =>
      handler(
        new Request('http://helper.test/v1/rooms/tsv/vorstand/join', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'X', accessCode }),
        }),
        { clientAddress },
      );
    assert.equal((await join('10.0.0.1', 'a')).status, 403);
    assert.equal((await join('10.0.0.1', 'b')).status, 403);
    const limited = await join('10.0.0.1', 'c');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.equal((await join('10.0.0.2', 'd')).status, 403, 'another client may still try');
    time += 60_001;
    assert.equal((await join('10.0.0.1', 'e')).status, 403, 'after the window the client may try again');
  });
});
