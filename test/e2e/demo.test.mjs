// The `npm start` demo at its edges: requests that once stopped it, the outbox
// behind the admin token, and where it listens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ADMIN_TOKEN, startDemo } from '../../scripts/demo.mjs';
import { rawRequest, sendRaw } from '../fuzz/raw.mjs';

let demo;
let port;
before(async () => {
  demo = await startDemo({ port: 0 });
  port = Number(new URL(demo.url).port);
});
after(() => demo?.close());

const get = (target, host = '127.0.0.1', method = 'GET') =>
  rawRequest({
    method,
    target,
    headers: [
      ['Host', host],
      ['Connection', 'close'],
    ],
  });

/** The demo still serves its homepage and the API. */
async function alive() {
  assert.equal((await fetch(`${demo.url}/`)).status, 200);
  assert.equal((await fetch(`${demo.url}/v1/rooms/tsv-musterstadt/vereinsheim/status`)).status, 200);
}

describe('the demo at its edges', () => {
  test('listens on loopback unless told otherwise', () => {
    assert.equal(new URL(demo.url).hostname, '127.0.0.1');
    assert.equal(demo.server.address().address, '127.0.0.1');
  });

  test('serves the bundles as vereinsraum serve does: module scripts of other origins may load them', async () => {
    const bundle = await fetch(`${demo.url}/cdn/vereinsraum.js`, { headers: { origin: 'https://www.tsv-musterstadt.de' } });
    assert.equal(bundle.status, 200);
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
    assert.match(bundle.headers.get('content-type'), /^text\/javascript/);
    const integrity = await (await fetch(`${demo.url}/cdn/integrity.json`)).json();
    assert.match(integrity['vereinsraum.js'], /^sha384-/);
    assert.equal((await fetch(`${demo.url}/cdn/nothing-here.js`)).status, 404);
  });

  test('malformed requests get 4xx, the API ones as problem+json, and the demo keeps running', async () => {
    const cases = [
      // [what, request, status, problem code (for the adapter's and the API's answers)]
      ['bad Host', get('/', 'evil_host'), 400, 'bad_request'],
      ['port out of range', get('/v1/tenants/tsv-musterstadt', 'localhost:99999'), 400, 'bad_request'],
      ['foreign Host', get('/v1/tenants/tsv-musterstadt', 'evil.example'), 421, 'host_not_allowed'],
      ['// target', get('//evil.example/v1/tenants/tsv-musterstadt'), 400, 'bad_request'],
      ['absolute-form target', get('http://evil.example/v1/tenants/tsv-musterstadt'), 400, 'bad_request'],
      ['//[ target', get('//['), 400, 'bad_request'],
      ['TRACE on a page', get('/', '127.0.0.1', 'TRACE'), 405, 'method_not_allowed'],
      ['TRACE on the API', get('/v1/tenants/tsv-musterstadt', '127.0.0.1', 'TRACE'), 405, 'method_not_allowed'],
      ['broken percent escape', get('/%E0%A4%A'), 400, undefined],
      ['broken escape in a folder', get('/stadt/%E0%A4%A'), 400, undefined],
      ['escape out of the folder', get('/%2e%2e/%2e%2e/package.json'), 404, undefined],
    ];
    for (const [what, request, status, code] of cases) {
      const answer = await sendRaw(port, request);
      assert.equal(answer.status, status, `${what}: ${answer.statusLine}`);
      if (code) {
        assert.equal(answer.headers['content-type'], 'application/problem+json', what);
        assert.equal(JSON.parse(answer.body).code, code, what);
      }
    }
    await alive();
  });

  test('the outbox needs the admin token: a form for people, Bearer for scripts', async () => {
    const outbox = `${demo.url}/admin/outbox`;
    const signIn = await fetch(outbox);
    assert.equal(signIn.status, 401);
    const form = await signIn.text();
    assert.match(form, /<form method="post" action="\/admin\/outbox">/);
    assert.match(form, /<label for="token">/);
    assert.doesNotMatch(form, /<article>/);

    const post = (token) =>
      fetch(outbox, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }),
      });
    const wrong = await post('not-the-token');
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /role="alert"/);
    assert.equal((await fetch(outbox, { headers: { authorization: 'Bearer not-the-token' } })).status, 401);

    for (const answer of [
      await post(DEMO_ADMIN_TOKEN),
      await fetch(outbox, { headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` } }),
    ]) {
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.match(await answer.text(), /<h1>Postausgang \/ Outbox<\/h1>[\s\S]*(<article>|Noch keine E-Mails)/);
    }
    assert.equal((await fetch(outbox, { method: 'DELETE' })).status, 405);
  });

  test("the usage report has last week's club evenings, replayed through the sandbox at start", async () => {
    const response = await fetch(`${demo.url}/v1/admin/usage?tenant=tsv-musterstadt&group=room`, {
      headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` },
    });
    assert.equal(response.status, 200);
    const report = await response.json();
    // Six evenings of 2 to 5 guests, 50 to 100 minutes each, one guest leaving after 30 minutes.
    assert.deepEqual(report.rows, [
      {
        key: 'tsv-musterstadt/vereinsheim',
        conferences: 6,
        participants: 21,
        joins: 21,
        peak: 5,
        conferenceMinutes: 450,
        participantMinutes: 1300,
      },
    ]);
    // Every evening ended by BigBlueButton's end callback, which the server accepted.
    assert.deepEqual(
      demo.sandbox.endCallbacks.map((callback) => callback.status),
      [204, 204, 204, 204, 204, 204],
    );
  });
});
