// GET /metrics: Prometheus text behind its own token, counting joins, back end calls and answers, with no
// tenant or room in any label.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { PromMetrics } from '../src/metrics-prom.ts';
import { env, rawConfig, SECRET } from './stack.ts';

const TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';

describe('GET /metrics', () => {
  let sandbox: Sandbox;
  let api: string;
  let close: () => Promise<void>;
  before(async () => {
    sandbox = await startSandbox({ secret: SECRET });
    const config = parseConfig(
      { ...rawConfig(`${sandbox.url}/bigbluebutton/`), metricsTokenEnv: 'METRICS_TOKEN' },
      { ...env, METRICS_TOKEN: TOKEN },
    );
    const server = await serve(createHandler(config, { metrics: new PromMetrics({ processMetrics: false }), log: () => {} }));
    api = server.url;
    close = server.close;
  });
  after(async () => {
    await close();
    await sandbox.close();
  });

  test('needs its token, and counts joins, back end calls with their durations, and refusals by code, without tenants', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`]) {
      const refused = await fetch(`${api}/metrics`, authorization ? { headers: { authorization } } : {});
      assert.equal(refused.status, 401);
    }
    const join = (room: string): Promise<Response> =>
      fetch(`${api}/v1/rooms/tsv/${room}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"displayName":"Ida Zählerin"}',
      });
    assert.equal((await join('training')).status, 200);
    assert.equal((await join('training')).status, 200);
    assert.equal((await join('nowhere')).status, 404);
    const response = await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/plain/);
    const text = await response.text();
    assert.match(text, /^vereinsraum_joins_total\{backend="sandbox",role="moderator"\} 1$/m);
    assert.match(text, /^vereinsraum_joins_total\{backend="sandbox",role="attendee"\} 1$/m);
    assert.match(text, /^vereinsraum_upstream_calls_total\{backend="sandbox",call="create",outcome="ok"\} 1$/m);
    assert.match(text, /^vereinsraum_upstream_duration_seconds_count\{backend="sandbox",call="getMeetingInfo"\} [1-9]/m);
    assert.match(text, /^vereinsraum_problems_total\{status="404",code="room_not_found"\} 1$/m);
    assert.match(text, /^vereinsraum_problems_total\{status="401",code="unauthorized"\} 3$/m);
    assert.match(text, /^vereinsraum_http_request_duration_seconds_count\{method="POST",status="200"\} 2$/m);
    assert.match(text, /^vereinsraum_event_listeners 0$/m);
    assert.ok(!/tsv|training|Ida/.test(text), 'no tenant, room or name');
  });

  test('is off (404) when the config names no metrics token', async () => {
    const config = parseConfig(rawConfig(`${sandbox.url}/bigbluebutton/`), env);
    const handler = createHandler(config, { metrics: new PromMetrics({ processMetrics: false }) });
    const response = await handler(new Request('http://127.0.0.1/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }));
    assert.equal(response.status, 404);
  });
});
