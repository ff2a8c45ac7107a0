import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { enterMeeting, type Stack, startStack } from './stack.ts';

let stack: Stack;
before(async () => {
  stack = await startStack({ statusTtlMs: 60_000 });
});
after(() => stack.close());

const status = async (room: string) => (await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`)).json();

describe('room status', () => {
  test('idle, then live with the number of participants and no names', async () => {
    const idle = await status('vorstand');
    assert.equal(idle.state, 'idle');
    assert.equal(idle.participants, 0);
    assert.equal(idle.startedAt, null);
    assert.ok(!Number.isNaN(Date.parse(idle.checkedAt)));
  });

  test('many viewers at once cause one call to the conference server', async () => {
    const before = stack.sandbox.calls.getMeetingInfo ?? 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => status('training')));
    assert.equal((stack.sandbox.calls.getMeetingInfo ?? 0) - before, 1);
    assert.ok(answers.every((a) => a.state === 'idle'));
  });
});

describe('room status without a cache', () => {
  let fresh: Stack;
  before(async () => {
    fresh = await startStack({ statusTtlMs: 0 });
  });
  after(() => fresh.close());

  test('reports live with a count once someone is inside', async () => {
    const { url } = await (await fresh.join('training', { displayName: 'Privat Person' })).json();
    await enterMeeting(url);
    const response = await fetch(`${fresh.api}/v1/rooms/tsv/training/status`);
    const text = await response.text();
    const live = JSON.parse(text);
    assert.equal(live.state, 'live');
    assert.equal(live.participants, 1);
    assert.ok(!Number.isNaN(Date.parse(live.startedAt)));
    assert.ok(!text.includes('Privat'), 'names never leave the server');
  });
});

describe('conference server unreachable', () => {
  let down: Stack;
  before(async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    down = await startStack({ bbbUrl: `http://127.0.0.1:${port}/bigbluebutton/` });
  });
  after(() => down.close());

  test('join answers 502 upstream_unavailable and the log names no person', async () => {
    const response = await down.join('training', { displayName: 'Vertraulich Name' });
    assert.equal(response.status, 502);
    assert.equal((await response.json()).code, 'upstream_unavailable');
    assert.equal(down.logs.length, 1);
    assert.match(down.logs[0]!, /^warn room tsv\/training: conference server: getMeetingInfo: unreachable$/);
  });

  test('status answers 502 too', async () => {
    const response = await fetch(`${down.api}/v1/rooms/tsv/training/status`);
    assert.equal(response.status, 502);
  });
});
