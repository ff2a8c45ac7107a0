// Smoke test of examples/express: the club's own routes still work, the
// elements' bundle comes from the app's origin, and a join through the
// mounted helper leads into the sandbox meeting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox } from '@vereinsraum/sandbox';
import { createApp } from '../../examples/express/app.mjs';

const SECRET = 'express-smoke-secret';
let sandbox;
let server;
let base;

before(async () => {
  sandbox = await startSandbox({ secret: SECRET });
  server = createApp({ url: sandbox.apiUrl, secret: SECRET }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sandbox.close();
});

test("the app's own routes and page are served", async () => {
  const news = await fetch(`${base}/api/news`);
  assert.equal(news.status, 200);
  assert.ok(Array.isArray(await news.json()));
  const page = await (await fetch(`${base}/`)).text();
  assert.match(page, /<verein-join-room room="training">/);
  assert.match(page, /src="\/assets\/vereinsraum\/vereinsraum\.js"/);
});

test('the bundle comes from the same origin', async () => {
  const bundle = await fetch(`${base}/assets/vereinsraum/vereinsraum.js`);
  assert.equal(bundle.status, 200);
  assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  assert.match(await bundle.text(), /verein-join-room/);
});

test('a join through /vereinsraum opens the sandbox meeting', async () => {
  const status = await fetch(`${base}/vereinsraum/v1/rooms/sv-beispiel/training/status`, { headers: { origin: base } });
  assert.equal(status.status, 200);
  assert.equal((await status.json()).state, 'idle');
  const join = await fetch(`${base}/vereinsraum/v1/rooms/sv-beispiel/training/join`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Erika Beispiel' }),
  });
  assert.equal(join.status, 200);
  const answer = await join.json();
  assert.equal(answer.role, 'moderator');
  assert.ok(answer.url.startsWith(sandbox.apiUrl), answer.url);
  const meeting = await fetch(answer.url);
  assert.equal(meeting.status, 200, 'the sandbox accepts the checksum');
});

test('unknown paths under the mount go on to the app (404 from Express)', async () => {
  const response = await fetch(`${base}/vereinsraum/nothing-here`);
  assert.equal(response.status, 404);
});
