import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { vereinsraum } from '../src/adapters/express.ts';
import { parseConfig } from '../src/config/index.ts';
import { toNodeListener } from '../src/adapters/node.ts';
import { MAX_UNREAD_EVENT_BYTES } from '../src/adapters/response.ts';
import type { Handler } from '../src/context.ts';
import { createHandler } from '../src/handler.ts';
import { json, readJsonObject } from '../src/http.ts';
import { readsPlainRequests, withEvents } from '../src/plain-request.ts';
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

describe('Node adapter: the lighter request of marked handlers', () => {
  /** Serve `handler` on a port of its own for one request. */
  async function once(handler: Handler, init: RequestInit & { path?: string } = {}): Promise<Response> {
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}${init.path ?? '/x?y=1'}`, init);
      await response.clone().arrayBuffer();
      return response;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  test('has what a Request has: URL, method, headers, a body read whole or as it comes, anything else from a real Request', async () => {
    const seen: unknown[] = [];
    const handler = readsPlainRequests(async (request: Request) => {
      seen.push(request instanceof Request, request.method, request.url, request.headers.get('x-test'), request.signal.aborted);
      seen.push(await request.json(), request.bodyUsed);
      return json({ ok: true });
    });
    const body = JSON.stringify({ displayName: 'Ärger' });
    const response = await once(handler, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test': 'yes' }, body });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(JSON.stringify({ ok: true }))));
    assert.deepEqual(await response.json(), { ok: true });
    assert.deepEqual(seen, [true, 'POST', `${new URL(response.url).origin}/x?y=1`, 'yes', false, { displayName: 'Ärger' }, true]);
  });

  test('readJsonObject takes a body read whole once; a body without a length comes as a stream', async () => {
    const texts: unknown[] = [];
    const handler = readsPlainRequests(async (request: Request) => {
      texts.push(await readJsonObject(request));
      return json({});
    });
    await once(handler, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"b":'));
        controller.enqueue(new TextEncoder().encode('2}'));
        controller.close();
      },
    });
    await once(handler, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    assert.deepEqual(texts, [{ a: 1 }, { b: 2 }]);
  });

  test("the handler's JSON answers: made without a body for the adapter's stand-ins (written from their text), whole for any other caller", async () => {
    const handler = createHandler(parseConfig(rawConfig('http://127.0.0.1:9/bigbluebutton/api'), env));
    const got: Array<Response | undefined> = [];
    const record = async (request: Request): Promise<Response> => {
      const response = await handler(request);
      got.push(response);
      return response;
    };
    for (const path of ['/v1/tenants/tsv', '/v1/tenants/nope']) {
      const light = await once(
        readsPlainRequests((request: Request) => record(request)),
        { path },
      );
      const whole = await once(record, { path });
      const direct = await handler(new Request(`http://127.0.0.1${path}`));
      const [fromLight, fromWhole] = got.splice(0);
      assert.equal(fromLight?.body, null, `${path}: no body stream made for the adapter`);
      assert.notEqual(fromWhole?.body, null, `${path}: a real Request gets the whole answer`);
      const expected = await direct.json();
      assert.equal(typeof expected, 'object');
      for (const response of [light, whole]) {
        assert.equal(response.status, direct.status);
        assert.equal(response.headers.get('content-type'), direct.headers.get('content-type'));
        assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(JSON.stringify(expected))));
        assert.deepEqual(await response.json(), expected, `${path}: the same JSON over HTTP`);
      }
    }
  });

  test('a handler without the mark gets a real Request, one that can be handed on', async () => {
    let copied: Request | undefined;
    await once(async (request) => {
      copied = new Request(request, { headers: { 'x-copy': '1' } });
      return new Response('ok');
    });
    assert.equal(copied?.headers.get('x-copy'), '1');
  });
});

describe('Node adapter: event streams and clients that stop reading', () => {
  /**
   * Serve an event stream whose events come as fast as the server can write
   * them (`size` bytes each, `count` of them or until the stream is stopped).
   */
  async function streaming(size: number, count = Infinity) {
    const chunk = new Uint8Array(size).fill(0x61);
    const state = { written: 0, stopped: false, ended: false };
    const handler = readsPlainRequests(async () =>
      withEvents(new Response(new ReadableStream(), { headers: { 'content-type': 'text/event-stream' } }), (write, close) => {
        const next = (): void => {
          if (state.stopped) return;
          if (state.written >= count * size) {
            state.ended = true;
            return close();
          }
          write(chunk);
          state.written += size;
          setImmediate(next);
        };
        setImmediate(next);
        return () => void (state.stopped = true);
      }),
    );
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      state,
      port,
      close: () => {
        server.closeAllConnections();
        server.close();
      },
    };
  }

  test(`a client that stops reading is closed once ${MAX_UNREAD_EVENT_BYTES} bytes of events wait for it beyond the socket's buffers`, async () => {
    const { state, port, close } = await streaming(16 * 1024);
    const socket = connect(port, '127.0.0.1');
    try {
      socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      socket.pause(); // reads nothing: the kernel's buffers fill, then Node's
      const deadline = Date.now() + 20_000;
      while (!state.stopped && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(state.stopped, true, `stream closed (after ${state.written} bytes)`);
      assert.ok(state.written < 256 * 1024 * 1024, 'closed before the memory a stopped reader holds grows without bound');
    } finally {
      socket.destroy();
      close();
    }
  });

  test('a client that reads gets every event, however many', async () => {
    const size = 1024;
    const count = 4096;
    const { state, port, close } = await streaming(size, count);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/events`);
      let received = 0;
      for await (const part of response.body!) received += part.byteLength;
      assert.equal(received, size * count, 'all of it, the stream not cut');
      assert.equal(state.ended, true);
    } finally {
      close();
    }
  });
});
