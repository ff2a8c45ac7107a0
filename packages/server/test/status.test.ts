import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RoomStatus } from '@vereinsraum/protocol';
import { enterMeeting, MODERATOR_CODE, type Stack, startStack } from './stack.ts';

const status = async (stack: Stack, room: string): Promise<RoomStatus> => (await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`)).json();

/** A Server-Sent Events client over plain node:http: its events as they come. */
function listen(
  url: string,
  localAddress?: string,
): Promise<{
  events: RoomStatus[];
  retry: number | undefined;
  response: IncomingMessage;
  next(test: (s: RoomStatus) => boolean): Promise<RoomStatus>;
  close(): void;
}> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, ...(localAddress ? { localAddress } : {}) }, (response) => {
      const events: RoomStatus[] = [];
      const waiters: Array<[(s: RoomStatus) => boolean, (s: RoomStatus) => void]> = [];
      let buffer = '';
      const client = {
        events,
        retry: undefined as number | undefined,
        response,
        next: (want: (s: RoomStatus) => boolean) =>
          new Promise<RoomStatus>((done) => {
            const seen = events.find(want);
            if (seen) done(seen);
            else waiters.push([want, done]);
          }),
        close: () => request.destroy(),
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const retry = /^retry: (\d+)$/m.exec(block);
          if (retry) client.retry = Number(retry[1]);
          const data = /^event: status\ndata: (.*)$/m.exec(block);
          if (!data) continue;
          const event = JSON.parse(data[1]!) as RoomStatus;
          events.push(event);
          for (const waiter of waiters.filter(([want]) => want(event))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter[1](event);
          }
        }
      });
      response.on('error', () => undefined);
      resolve(client);
    });
    request.on('error', reject);
  });
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('room status', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ status: { ttlMs: 60_000 } });
  });
  after(() => stack.close());

  test('idle, with a time and nothing stale', async () => {
    const idle = await status(stack, 'vorstand');
    assert.deepEqual({ ...idle, checkedAt: 'x' }, { state: 'idle', participants: 0, startedAt: null, checkedAt: 'x', stale: false });
    assert.ok(!Number.isNaN(Date.parse(idle.checkedAt)));
  });

  test('many viewers at once cause one call to the conference server', async () => {
    const before = stack.sandbox.calls.getMeetingInfo ?? 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => status(stack, 'training')));
    assert.equal((stack.sandbox.calls.getMeetingInfo ?? 0) - before, 1);
    assert.ok(answers.every((a) => a.state === 'idle'));
  });

  test('a weak ETag answers 304 while nothing changed, with cache headers', async () => {
    const first = await fetch(`${stack.api}/v1/rooms/tsv/training/status`);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^W\/".+"$/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    const again = await fetch(`${stack.api}/v1/rooms/tsv/training/status`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(await again.text(), '');
    const other = await fetch(`${stack.api}/v1/rooms/tsv/training/status`, { headers: { 'if-none-match': 'W/"live-3-x-f"' } });
    assert.equal(other.status, 200);
  });
});

describe('live status and event streams', () => {
  let stack: Stack;
  before(async () => {
    // The 500 listeners below all come from 127.0.0.1: one client, as far as the stream limit per client knows.
    stack = await startStack({ status: { ttlMs: 1000 }, maxStreamsPerClient: 1000 });
  });
  after(() => stack.close());

  test('reports live with a count once someone is inside, never a name', async () => {
    const { url } = await (await stack.join('training', { displayName: 'Privat Person' })).json();
    await enterMeeting(url);
    await sleep(1000);
    const response = await fetch(`${stack.api}/v1/rooms/tsv/training/status`);
    const text = await response.text();
    const live = JSON.parse(text) as RoomStatus;
    assert.equal(live.state, 'live');
    assert.equal(live.participants, 1);
    assert.ok(!Number.isNaN(Date.parse(live.startedAt!)));
    assert.ok(!text.includes('Privat'), 'names never leave the server');
  });

  test('500 listeners on one room: one upstream call per TTL, every change reaches all, polling stops with the last', async () => {
    const before = stack.sandbox.calls.getMeetingInfo ?? 0;
    const started = Date.now();
    const clients = await Promise.all(Array.from({ length: 500 }, () => listen(`${stack.api}/v1/rooms/tsv/vorstand/events`)));
    const first = clients[0]!;
    assert.equal(first.response.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(first.response.headers['cache-control'], 'no-store, no-transform');
    await Promise.all(clients.map((c) => c.next((s) => s.state === 'idle')));
    assert.equal(first.retry, 5000, 'a retry hint for reconnecting browsers');

    // The chair starts the meeting and enters: every listener hears "live, 1" within about a TTL.
    const { url } = await (await stack.join('vorstand', { displayName: 'Chair', accessCode: MODERATOR_CODE })).json();
    await enterMeeting(url);
    await Promise.all(clients.map((c) => c.next((s) => s.state === 'live' && s.participants === 1)));
    const seconds = (Date.now() - started) / 1000;
    const calls = (stack.sandbox.calls.getMeetingInfo ?? 0) - before;
    assert.ok(calls >= 2 && calls <= Math.ceil(seconds) + 1, `${calls} upstream calls in ${seconds.toFixed(1)} s for 500 listeners`);
    assert.ok(
      clients.every((c) => c.events.filter((e) => e.state === 'idle').length === 1),
      'unchanged checks send nothing',
    );

    for (const client of clients) client.close();
    await sleep(300);
    const after = stack.sandbox.calls.getMeetingInfo ?? 0;
    await sleep(2500);
    assert.equal(stack.sandbox.calls.getMeetingInfo ?? 0, after, 'nobody listens, nobody asks');
  });

  test('a server busy with listeners says so with 503 and Retry-After', async () => {
    const small = await startStack({ maxListeners: 2 });
    try {
      const open = await Promise.all([1, 2].map(() => listen(`${small.api}/v1/rooms/tsv/training/events`)));
      await Promise.all(open.map((c) => c.next(() => true)));
      const refused = await fetch(`${small.api}/v1/rooms/tsv/training/events`);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '30');
      assert.equal(((await refused.json()) as { code: string }).code, 'server_busy');
      for (const client of open) client.close();
    } finally {
      await small.close();
    }
  });

  test('one client cannot take every stream: over its share it gets 429 with Retry-After, others keep theirs', async () => {
    // Every 127.x.x.x address is this machine: each local address below is another client to the server.
    const small = await startStack({ maxStreamsPerClient: 3, maxListeners: 5 });
    const events = `${small.api}/v1/rooms/tsv/training/events`;
    const tenantEvents = `${small.api}/v1/tenants/tsv/events?rooms=training,treff`;
    const refusal = (url: string, localAddress: string) =>
      new Promise<IncomingMessage & { body: string }>((resolve, reject) => {
        get(url, { agent: false, localAddress }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(Object.assign(response, { body })));
        }).on('error', reject);
      });
    try {
      const greedy = await Promise.all([events, events, tenantEvents].map((url) => listen(url, '127.0.0.2')));
      await Promise.all(greedy.map((c) => c.next(() => true)));
      for (const url of [events, tenantEvents]) {
        const refused = await refusal(url, '127.0.0.2');
        assert.equal(refused.statusCode, 429);
        assert.equal(refused.headers['retry-after'], '30');
        assert.equal(refused.headers['content-type'], 'application/problem+json');
        assert.equal(JSON.parse(refused.body).code, 'too_many_streams');
      }
      const other = await listen(events, '127.0.0.3');
      assert.equal((await other.next(() => true)).state, 'idle', 'another client still gets its stream');
      // A stream that ends gives its slot back.
      greedy[0]!.close();
      await sleep(100);
      const again = await listen(events, '127.0.0.2');
      assert.equal(again.response.statusCode, 200);
      // The global cap still holds: 5 room subscriptions (the tenant stream has two).
      const refused = await refusal(events, '127.0.0.4');
      assert.equal(refused.statusCode, 503);
      for (const client of [...greedy, other, again]) client.close();
    } finally {
      await small.close();
    }
  });
});

describe('a conference server that fails', () => {
  let stack: Stack;
  let down = false;
  let delayMs = 0;
  let upstreamCalls = 0;
  before(async () => {
    stack = await startStack({
      status: { ttlMs: 0, graceMs: 1500, timeoutMs: 400, breakerThreshold: 3, breakerCooldownMs: 800 },
      fetch: async (input, init) => {
        upstreamCalls++;
        if (delayMs) await sleep(delayMs, undefined, { signal: init?.signal ?? undefined });
        if (down) throw new TypeError('fetch failed');
        return fetch(input, init);
      },
    });
  });
  after(() => stack.close());

  test('down: the last value, marked stale, then unknown after the grace period, then recovery', async () => {
    const { url } = await (await stack.join('training', { displayName: 'Host' })).json();
    await enterMeeting(url);
    const live = await status(stack, 'training');
    assert.deepEqual([live.state, live.participants, live.stale], ['live', 1, false]);

    down = true;
    const stale = await status(stack, 'training');
    assert.deepEqual(
      [stale.state, stale.participants, stale.stale, stale.checkedAt],
      ['live', 1, true, live.checkedAt],
      'the last value, with its age',
    );
    assert.ok(
      stack.logs.every((line) => !line.includes('Host')),
      'no names in the log',
    );

    await sleep(1600);
    const unknown = await status(stack, 'training');
    assert.deepEqual([unknown.state, unknown.participants, unknown.stale], ['unknown', null, true]);

    down = false;
    await sleep(900); // the breaker lets the next request through after its cooldown
    const back = await status(stack, 'training');
    assert.deepEqual([back.state, back.participants, back.stale], ['live', 1, false]);
  });

  test('the circuit breaker: after 3 failures a dead server is not asked until the cooldown is over', async () => {
    down = true;
    const before = upstreamCalls;
    for (let i = 0; i < 20; i++) await status(stack, 'treff');
    assert.equal(upstreamCalls - before, 3, 'three tries, then the breaker opens');
    assert.match(stack.logs.at(-1)!, /^warn backend sandbox: getMeetingInfo: unreachable; not asked for room status for \d+ s$/);
    down = false;
    await sleep(900);
    assert.equal((await status(stack, 'treff')).state, 'idle');
  });

  test('slow: concurrent viewers share one request, and a timeout gives unknown instead of a pile-up', async () => {
    delayMs = 200;
    const before = upstreamCalls;
    const answers = await Promise.all(Array.from({ length: 100 }, () => status(stack, 'vorstand')));
    assert.equal(upstreamCalls - before, 1);
    assert.ok(answers.every((a) => a.state === 'idle' && !a.stale));

    delayMs = 5000; // longer than timeoutMs (400)
    const slow = await Promise.all(Array.from({ length: 100 }, () => status(stack, 'sprechstunde')));
    assert.equal(upstreamCalls - before, 2);
    assert.ok(
      slow.every((a) => a.state === 'unknown' && a.stale),
      'nothing known about this room yet',
    );
    delayMs = 0;
  });

  test('join still says 502 when the conference server is unreachable', async () => {
    const port = await freePort();
    const dead = await startStack({ bbbUrl: `http://127.0.0.1:${port}/bigbluebutton/` });
    try {
      const response = await dead.join('training', { displayName: 'Vertraulich Name' });
      assert.equal(response.status, 502);
      assert.equal(((await response.json()) as { code: string }).code, 'upstream_unavailable');
      assert.deepEqual(dead.logs, ['warn room tsv/training: conference server: getMeetingInfo: unreachable']);
      const unknown = await status(dead, 'training');
      assert.equal(unknown.state, 'unknown', 'status has no value to fall back on');
    } finally {
      await dead.close();
    }
  });
});

describe('one event stream for several rooms', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ status: { ttlMs: 500 } });
  });
  after(() => stack.close());

  /** Events of a multi-room stream: status plus `room`. */
  async function events(rooms: string, init: RequestInit = {}) {
    return fetch(`${stack.api}/v1/tenants/tsv/events?rooms=${rooms}`, init);
  }

  test('names each room in its events, and hears changes of each', async () => {
    const response = await events('training,vorstand');
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const seen: Array<RoomStatus & { room: string }> = [];
    let buffer = '';
    const until = async (want: (e: RoomStatus & { room: string }) => boolean) => {
      while (!seen.some(want)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
        for (let end; (end = buffer.indexOf('\n\n')) >= 0; buffer = buffer.slice(end + 2)) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
          if (data) seen.push(JSON.parse(data[1]!));
        }
      }
    };
    await until((e) => e.room === 'training');
    await until((e) => e.room === 'vorstand');
    const { url } = await (await stack.join('vorstand', { displayName: 'Chair', accessCode: MODERATOR_CODE })).json();
    await enterMeeting(url);
    await until((e) => e.room === 'vorstand' && e.state === 'live');
    assert.ok(seen.filter((e) => e.room === 'training').every((e) => e.state === 'idle'));
    await reader.cancel();
  });

  test('refuses an unknown room, no rooms, too many rooms, other methods and foreign origins', async () => {
    const code = async (response: Response) => ((await response.json()) as { code: string }).code;
    assert.equal(await code(await events('training,yoga')), 'room_not_found');
    assert.equal(await code(await events('')), 'invalid_input');
    assert.equal(await code(await events(Array.from({ length: 21 }, (_, i) => `r${i}`).join(','))), 'invalid_input');
    assert.equal((await events('training', { method: 'POST' })).status, 405);
    assert.equal(await code(await events('training', { headers: { origin: 'https://evil.example' } })), 'origin_not_allowed');
    assert.equal((await fetch(`${stack.api}/v1/tenants/nope/events?rooms=training`)).status, 404);
  });
});

describe('who counts as one client for the stream limit', () => {
  test('an IPv4 address, also IPv4-mapped; an IPv6 address by its /64 network', async () => {
    const { clientKey } = await import('../src/streams.ts');
    assert.equal(clientKey('192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.notEqual(clientKey('2001:db8:1:3::1'), clientKey('2001:db8:1:2::1'));
  });
});
