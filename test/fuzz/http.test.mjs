// The fuzz suite: requests of every shape over raw sockets, against
// `vereinsraum serve` (its own process) and the `npm start` demo. Asserts after
// every request: an answer (or Node's own refusal), no 5xx but the documented
// 502/503, every error the server sends as problem+json, the adapter's
// refusals where the request's shape calls for one; after every batch: the
// server is alive and answers a plain request.
//
// In `npm test` the seed is fixed and each target gets FUZZ_SECONDS (default 25);
// `npm run fuzz` runs longer, with FUZZ_SEED, FUZZ_RUNS and FUZZ_SECONDS from the environment.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sendRaw } from './raw.mjs';
import { describe as show, fuzzRequest, toBytes } from './requests.mjs';
import { startDemoTarget, startServe } from './targets.mjs';

const SEED = Number(process.env.FUZZ_SEED ?? 1_361_305);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);
const BATCH = 12;

/** The 5xx answers the API documents; anything else is a bug. */
const DOCUMENTED_5XX = new Map([
  [502, ['upstream_unavailable', 'chat_unavailable']],
  [503, ['server_busy', 'storage_unavailable']],
]);

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const LOOPBACK = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::(\d{1,5}))?$/i;

/**
 * The refusal the adapter owes a request by its target, Host and method
 * alone, in the adapter's order; undefined when the request may reach the
 * handler. Written from the rules, not from the adapter's code.
 */
function adapterRefusal(request) {
  if (!request.target.startsWith('/') || request.target.startsWith('//')) return [400, 'bad_request'];
  // A header value loses its leading and trailing spaces and tabs on the way in (RFC 9110, 5.5).
  const host = (request.host ?? 'localhost').replace(/^[ \t]+|[ \t]+$/g, '');
  if (!HOST.test(host)) return [400, 'bad_request'];
  const loopback = LOOPBACK.exec(host);
  if (!loopback) return [421, 'host_not_allowed'];
  if (/^(?:TRACE|TRACK|CONNECT)$/i.test(request.method)) return [405, 'method_not_allowed'];
  if (loopback[1] !== undefined && Number(loopback[1]) > 65535) return [400, 'bad_request'];
  return undefined;
}

/** Node's parser refused the request before any of our code ran: a bare status line, closed. */
const nodeRefused = (answer) =>
  answer.status !== undefined && answer.status >= 400 && answer.headers['content-type'] === undefined && answer.body === '';

/** Shapes after which the server may close without an answer: a tunnel Node drops, a body that never ends. */
const mayDrop = (request) => /^CONNECT$/i.test(request.method) || ['short', 'bad-chunk'].includes(request.framing);

/** Check one answer; returns what kind of answer it was, for the statistics. */
function check(target, request, answer) {
  const context = `${target.name}: ${answer.statusLine || '(no answer)'} for\n  ${show(request)}\n  answered: ${answer.body.slice(0, 300)}`;
  if (answer.status === undefined) {
    assert.ok(mayDrop(request), `no answer: ${context}`);
    return 'dropped';
  }
  if (nodeRefused(answer)) return `node ${answer.status}`;
  const expected = adapterRefusal(request);
  // HEAD answers carry the headers of the answer without its body.
  const isProblem = answer.headers['content-type'] === 'application/problem+json';
  const problem = isProblem
    ? request.method === 'HEAD'
      ? { code: undefined, status: answer.status, head: true }
      : JSON.parse(answer.body)
    : undefined;
  if (expected) {
    assert.equal(answer.status, expected[0], context);
    if (!problem?.head) assert.equal(problem?.code, expected[1], context);
    return `adapter ${answer.status}`;
  }
  if (answer.status >= 500) {
    assert.ok(
      DOCUMENTED_5XX.has(answer.status) && (problem?.head || DOCUMENTED_5XX.get(answer.status).includes(problem?.code)),
      `undocumented ${answer.status}: ${context}`,
    );
  }
  if (answer.status >= 400) {
    const ownPage = target.ownPages(request.path) && /^text\/(plain|html)\b/.test(answer.headers['content-type'] ?? '');
    if (!ownPage && !problem?.head) {
      assert.ok(problem, `an error that is not problem+json: ${context}`);
      assert.equal(problem.status, answer.status, context);
      assert.match(problem.code, /^[a-z_]+$/, context);
      assert.equal(problem.type, `urn:vereinsraum:problem:${problem.code}`, context);
    }
  }
  if (request.method === 'HEAD') assert.equal(answer.body, '', `a body for HEAD: ${context}`);
  return `handler ${answer.status}`;
}

/** Run the property against a target: batches of requests sent at once, the server checked after each. */
async function fuzz(t, target) {
  const seen = new Map();
  const property = fc.asyncProperty(fc.array(fuzzRequest(target), { minLength: 1, maxLength: BATCH }), async (batch) => {
    const answers = await Promise.all(batch.map((request) => sendRaw(target.port, toBytes(request), { timeoutMs: 3000 })));
    batch.forEach((request, i) => {
      const kind = check(target, request, answers[i]);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    });
    await target.alive();
  });
  const started = Date.now();
  await fc.assert(property, {
    seed: SEED,
    numRuns: RUNS,
    endOnFailure: true,
    ...(SECONDS > 0 ? { plugins: [fc.interruptAfterTimeLimit(SECONDS * 1000)] } : {}),
  });
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`${target.name}: seed ${SEED}, ${total} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  t.diagnostic(
    [...seen]
      .sort()
      .map(([kind, n]) => `${kind}: ${n}`)
      .join(', '),
  );
  assert.ok(total > 0, 'requests were sent');
  // Most requests must reach the handler, or the suite tests little but the adapter.
  const handled = [...seen].filter(([kind]) => kind.startsWith('handler')).reduce((a, [, n]) => a + n, 0);
  assert.ok(handled > total / 3, `${handled} of ${total} requests reached the handler`);
  assert.doesNotMatch(target.log(), /unexpected|demo:/, 'no internal error in the log');
}

const timeout = (SECONDS > 0 ? SECONDS * 1000 : 3_600_000) + 120_000;

describe('fuzz: vereinsraum serve', () => {
  let target;
  before(async () => {
    target = await startServe();
  });
  after(() => target?.close());

  test('no request shape stops it, gets a 5xx or an error that is not problem+json', { timeout }, (t) => fuzz(t, target));
});

describe('fuzz: the npm start demo', () => {
  let target;
  before(async () => {
    target = await startDemoTarget();
  });
  after(() => target?.close());

  test('no request shape stops it, gets a 5xx or an API error that is not problem+json', { timeout }, async (t) => {
    await fuzz(t, target);
    // The demo runs in this process: prototype keys in the bodies changed no prototype here.
    assert.deepEqual(Object.keys(Object.prototype), []);
    assert.equal({}.polluted, undefined);
  });
});
