// Refusals at the edges: request targets, Host headers, guessing codes, clients that hang up.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { vereinsraum } from '../src/adapters/express.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { env, MODERATOR_CODE, PAGE_ORIGIN, rawConfig, type Stack, startStack } from './stack.ts';

/** An answer read off the socket: status line, headers (lower-case names) and body. */
interface RawAnswer {
  status: string;
  headers: Record<string, string>;
  body: string;
}

/** Send raw bytes over a socket and read the whole answer (the request must ask for `Connection: close`). */
function rawAnswer(base: string, bytes: string, { hangUp = false } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (hangUp) setTimeout(() => socket.destroy(), 50);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => {
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const [status = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = body.replace(/(?:^|\r\n)[0-9a-f]+\r\n/g, '');
      resolve({ status, headers, body });
    });
    socket.on('error', reject);
  });
}

/** Send raw bytes over a socket and read the status line of the answer. */
async function raw(base: string, bytes: string, options: { hangUp?: boolean } = {}): Promise<string> {
  return (await rawAnswer(base, bytes, options)).status;
}

/** A refusal written by the adapter itself: problem+json with `code`. */
function assertProblem(answer: RawAnswer, status: string, code: string): void {
  assert.equal(answer.status, status);
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  assert.equal(JSON.parse(answer.body).code, code);
}

const get = (path: string, host: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;

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

  test('a bad Host header gets 400 as problem+json and the server keeps running', async () => {
    for (const host of ['a b', 'evil.example/v1/rooms/tsv/vorstand/join?', 'x@y', 'evil_host']) {
      assertProblem(await rawAnswer(stack.api, get('/v1/rooms/tsv/training/status', host)), 'HTTP/1.1 400 Bad Request', 'bad_request');
    }
    assert.equal((await fetch(`${stack.api}/v1/rooms/tsv/training/status`)).status, 200);
  });

  test('TRACE, TRACK and CONNECT get 405 with Allow, and the server keeps running', async () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT']) {
      const answer = await rawAnswer(
        stack.api,
        `${method} /v1/rooms/tsv/training/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      // Node's own parser refuses TRACK with a bare 400 and takes CONNECT as a tunnel it drops: both before our code.
      if (method === 'TRACE') {
        assertProblem(answer, 'HTTP/1.1 405 Method Not Allowed', 'method_not_allowed');
        assert.equal(answer.headers.allow, 'GET, POST, DELETE, OPTIONS');
      } else {
        assert.ok(answer.status === '' || answer.status === 'HTTP/1.1 400 Bad Request', `${method}: ${answer.status}`);
      }
    }
    assert.equal((await fetch(`${stack.api}/v1/rooms/tsv/training/status`)).status, 200);
  });

  test("a Host that is not loopback gets 421: a rebinding name cannot pose as the server's own origin", async () => {
    const body = JSON.stringify({ displayName: 'Evil', accessCode: 'x' });
    const answer = await rawAnswer(
      stack.api,
      `POST /v1/rooms/other/hall/join HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    assertProblem(answer, 'HTTP/1.1 421 Misdirected Request', 'host_not_allowed');
    assert.equal(stack.sandbox.calls.create ?? 0, 0);
    for (const host of ['localhost', 'LOCALHOST:8080', '127.0.0.1', '127.1.2.3:80', '[::1]:8080']) {
      assert.equal(await raw(stack.api, get('/v1/rooms/tsv/training/status', host)), 'HTTP/1.1 200 OK', host);
    }
    for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example', '128.0.0.1', '[::2]', '0.0.0.0']) {
      assertProblem(
        await rawAnswer(stack.api, get('/v1/rooms/tsv/training/status', host)),
        'HTTP/1.1 421 Misdirected Request',
        'host_not_allowed',
      );
    }
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

describe('Host allowlist and public origin', () => {
  const handler = createHandler(parseConfig(rawConfig('http://127.0.0.1:9/bigbluebutton/'), env), { log: () => {} });

  test('listed hosts are answered, with any port or the listed one only', async () => {
    const server = await serve(handler, { allowedHosts: ['rooms.local', '192.168.1.20:8080', '[fd00::1]'] });
    try {
      for (const host of ['rooms.local', 'ROOMS.local:8443', '192.168.1.20:8080', '[fd00::1]:80']) {
        assert.equal(await raw(server.url, get('/v1/tenants/tsv', host)), 'HTTP/1.1 200 OK', host);
      }
      for (const host of ['evil.rooms.local', '192.168.1.20', '192.168.1.20:80', 'fd00::1']) {
        const answer = await rawAnswer(server.url, get('/v1/tenants/tsv', host));
        assert.match(answer.status, /^HTTP\/1\.1 4(21|00) /, host);
      }
    } finally {
      await server.close();
    }
  });

  test("with a public origin the Host header does not matter, and only that origin is the server's own", async () => {
    const server = await serve(handler, { publicOrigin: 'https://rooms.example.org' });
    try {
      const own = await rawAnswer(server.url, get('/v1/rooms/other/hall/status', 'evil.example', 'Origin: https://rooms.example.org\r\n'));
      assert.equal(own.status, 'HTTP/1.1 200 OK');
      const rebound = await rawAnswer(server.url, get('/v1/rooms/other/hall/status', 'evil.example', 'Origin: http://evil.example\r\n'));
      assertProblem(rebound, 'HTTP/1.1 403 Forbidden', 'origin_not_allowed');
    } finally {
      await server.close();
    }
  });
});

describe('request bodies the handler stops reading', () => {
  test('the rest of the body is dropped, the refusal answered, and nothing throws out of the listener', async () => {
    // As readJsonObject does with a body over its limit: read a little (after an await), then cancel.
    const server = await serve(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const reader = request.body!.getReader();
      await reader.read();
      await reader.cancel();
      return new Response('too large', { status: 413 });
    });
    try {
      const body = `{"displayName":"${'x'.repeat(130_000)}"}`;
      for (const framing of [
        `Content-Length: ${body.length}\r\n\r\n${body}`,
        `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      ]) {
        for (let i = 0; i < 10; i++) {
          const status = await raw(
            server.url,
            `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${framing}`,
          );
          assert.equal(status, 'HTTP/1.1 413 Payload Too Large');
        }
      }
      // An uncaught exception would have ended this process by now; give late data a moment to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await server.close();
    }
  });
});

describe('Express adapter at the edges', () => {
  test('TRACE, a // target and a foreign Host get problem+json, and the app keeps running', async () => {
    const app = express();
    app.use(
      '/vereinsraum',
      vereinsraum(createHandler(parseConfig(rawConfig('http://127.0.0.1:9/bigbluebutton/'), env), { log: () => {} })),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const trace = await rawAnswer(base, `TRACE /vereinsraum/v1/tenants/tsv HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assertProblem(trace, 'HTTP/1.1 405 Method Not Allowed', 'method_not_allowed');
      assertProblem(
        await rawAnswer(base, get('/vereinsraum//evil.example/v1/tenants/tsv', '127.0.0.1')),
        'HTTP/1.1 400 Bad Request',
        'bad_request',
      );
      assertProblem(
        await rawAnswer(base, get('/vereinsraum/v1/tenants/tsv', 'evil.example')),
        'HTTP/1.1 421 Misdirected Request',
        'host_not_allowed',
      );
      const ok = await fetch(`${base}/vereinsraum/v1/tenants/tsv`, { headers: { origin: PAGE_ORIGIN } });
      assert.equal(ok.status, 200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
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
