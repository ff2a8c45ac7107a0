import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { JOIN_REUSE_MS } from '../src/status/service.ts';
import { ATTENDEE_CODE, enterMeeting, env, MODERATOR_CODE, PAGE_ORIGIN, rawConfig, SECRET, type Stack, startStack } from './stack.ts';

let stack: Stack;
before(async () => {
  stack = await startStack({ status: { ttlMs: 0 } });
});
after(() => stack.close());

async function problem(response: Response, status: number, code: string, field?: string): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(body.type, `urn:vereinsraum:problem:${code}`);
  if (field) assert.equal(body.field, field);
}

describe('join through BigBlueButton (sandbox over loopback)', () => {
  test('a moderator creates the meeting and lands in it as moderator', async () => {
    const response = await stack.join('vorstand', { displayName: 'Erika Vorsitzende', accessCode: MODERATOR_CODE });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const text = await response.text();
    assert.ok(!text.includes(SECRET), 'the secret never leaves the server');
    const { url, role } = JSON.parse(text);
    assert.equal(role, 'moderator');
    const join = new URL(url);
    assert.equal(`${join.origin}${join.pathname}`, `${stack.sandbox.apiUrl}/join`);
    assert.equal(join.searchParams.get('role'), 'MODERATOR');
    assert.match(join.searchParams.get('createTime') ?? '', /^\d{13}$/);
    assert.match(join.searchParams.get('userID') ?? '', /^[0-9a-f-]{36}$/);
    assert.match(join.searchParams.get('checksum') ?? '', /^[0-9a-f]{64}$/);
    assert.equal(stack.sandbox.calls.create, 1);

    const { state } = await enterMeeting(url);
    assert.equal(state.meetingName, 'Vorstand');
    assert.deepEqual(state.you, { fullName: 'Erika Vorsitzende', role: 'MODERATOR' });
  });

  test('create is idempotent: a second moderator joins the same meeting instance', async () => {
    const first = new URL((await (await stack.join('vorstand', { displayName: 'A', accessCode: MODERATOR_CODE })).json()).url);
    const second = new URL((await (await stack.join('vorstand', { displayName: 'B', accessCode: MODERATOR_CODE })).json()).url);
    assert.equal(first.searchParams.get('createTime'), second.searchParams.get('createTime'));
  });

  test('an attendee waits until the meeting runs, then joins as attendee', async () => {
    const waiting = await stack.join('sprechstunde', { displayName: 'Gast Eins' });
    assert.equal(waiting.status, 200);
    assert.deepEqual(await waiting.json(), { waiting: true });

    const host = await (await stack.join('sprechstunde', { displayName: 'Hanna Host', accessCode: 'open-mod' })).json();
    // Created but nobody inside yet: still waiting.
    assert.deepEqual(await (await stack.join('sprechstunde', { displayName: 'Gast Eins' })).json(), { waiting: true });
    await enterMeeting(host.url);

    const ready = await (await stack.join('sprechstunde', { displayName: 'Gast Eins' })).json();
    assert.equal(ready.role, 'attendee');
    assert.equal(new URL(ready.url).searchParams.get('role'), 'VIEWER');
    const { state } = await enterMeeting(ready.url);
    assert.deepEqual(state.you, { fullName: 'Gast Eins', role: 'VIEWER' });
    assert.deepEqual(state.participants.map((p: { fullName: string }) => p.fullName).sort(), ['Gast Eins', 'Hanna Host']);
  });

  test('in an "anyone" room the first visitor starts the meeting as moderator, the next one is attendee', async () => {
    const first = await (await stack.join('training', { displayName: 'Trainerin' })).json();
    assert.equal(first.role, 'moderator');
    await enterMeeting(first.url);
    const second = await (await stack.join('training', { displayName: 'Spieler' })).json();
    assert.equal(second.role, 'attendee');
  });

  test('in an "anyone" room, visitors who come before the host has arrived join as attendees', async () => {
    const host = await (await stack.join('treff', { displayName: 'Gastgeberin' })).json();
    assert.equal(host.role, 'moderator');
    const early = await (await stack.join('treff', { displayName: 'Früh dran' })).json();
    assert.equal(early.role, 'attendee');
    assert.equal(new URL(early.url).searchParams.get('createTime'), new URL(host.url).searchParams.get('createTime'));
  });

  test('access codes: missing, wrong, attendee code', async () => {
    await problem(await stack.join('vorstand', { displayName: 'Max' }), 403, 'access_code_required', 'accessCode');
    await problem(await stack.join('vorstand', { displayName: 'Max', accessCode: 'falsch' }), 403, 'access_code_invalid', 'accessCode');
    await problem(await stack.join('vorstand', { displayName: 'Max', accessCode: 'x'.repeat(65) }), 400, 'invalid_input', 'accessCode');
    const ok = await stack.join('vorstand', { displayName: 'Max', accessCode: ` ${ATTENDEE_CODE} ` });
    assert.equal(ok.status, 200);
  });

  test('unknown tenant, room and route are 404 with their own codes', async () => {
    await problem(await stack.join('yoga', { displayName: 'Max' }), 404, 'room_not_found');
    await problem(await fetch(`${stack.api}/v1/rooms/nope/training/join`, { method: 'POST' }), 404, 'tenant_not_found');
    await problem(await fetch(`${stack.api}/v1/rooms/tsv/training/dance`), 404, 'not_found');
    await problem(await fetch(`${stack.api}/v1/rooms/TSV/Training/status`), 404, 'tenant_not_found');
    const wrongMethod = await fetch(`${stack.api}/v1/rooms/tsv/training/join`);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    await problem(wrongMethod, 405, 'method_not_allowed');
  });

  test('bodies: too large, malformed, wrong type, not an object', async () => {
    const big = JSON.stringify({ displayName: 'x', padding: 'y'.repeat(9000) });
    await problem(await stack.join('training', big), 413, 'body_too_large');
    // Without a Content-Length (chunked), the limit still holds while reading.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    await problem(await stack.join('training', stream, { body: stream, duplex: 'half' } as RequestInit), 413, 'body_too_large');
    await problem(await stack.join('training', '{"displayName": '), 400, 'invalid_json');
    await problem(await stack.join('training', '[]'), 400, 'invalid_json');
    await problem(
      await stack.join('training', 'displayName=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
  });

  test('display names: missing, too long, control characters', async () => {
    for (const displayName of [undefined, '', '   ', 'x'.repeat(65), 'a\u0000b', 'Bob\u202Eevil', 42]) {
      await problem(await stack.join('training', { displayName }), 400, 'invalid_input', 'displayName');
    }
    const longest = await stack.join('training', { displayName: '🏓'.repeat(64) });
    assert.equal(longest.status, 200);
  });

  for (const name of ['Jürgen Müller-Lüdenscheidt', 'Tom & Jerry', 'A+B=C', 'Ballsport 🏓🎉', '<script>alert(1)</script>', '100% "echt"']) {
    test(`the name ${JSON.stringify(name)} arrives exactly`, async () => {
      const { url } = await (await stack.join('training', { displayName: `  ${name} ` })).json();
      const { page, state } = await enterMeeting(url);
      assert.equal(state.you.fullName, name);
      if (name.includes('<')) assert.ok(!page.includes(name), 'the sandbox page escapes it');
    });
  }

  test('a wrong secret is a configuration error: logged as one and answered upstream_misconfigured, not "try again"', async () => {
    const logs: string[] = [];
    const config = parseConfig(rawConfig(`${stack.sandbox.url}/bigbluebutton/`), {
      ...env,
      BBB_SECRET: 'not-the-secret-of-this-bigbluebutton',
    });
    const handler = createHandler(config, { log: (level, message) => logs.push(`${level} ${message}`), status: { ttlMs: 0 } });
    const join = (room: string, body: object) =>
      handler(
        new Request(`http://helper.test/v1/rooms/tsv/${room}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    await problem(await join('training', { displayName: 'Erika' }), 502, 'upstream_misconfigured');
    await problem(await join('vorstand', { displayName: 'Erika', accessCode: MODERATOR_CODE }), 502, 'upstream_misconfigured');
    const refusal = "refused the request: %s: checksumError: the secret (or checksum algorithm) in the configuration is not the server's";
    assert.deepEqual(logs, [
      `error room tsv/training: configuration error: backend sandbox ${refusal.replace('%s', 'getMeetingInfo')}`,
      `error room tsv/vorstand: configuration error: backend sandbox ${refusal.replace('%s', 'create')}`,
    ]);
  });

  test('a join URL is bound to its meeting instance (createTime)', async () => {
    const { url } = await (await stack.join('vorstand', { displayName: 'Alt', accessCode: MODERATOR_CODE })).json();
    // End the meeting behind our back and start a new instance.
    const { BbbProvider } = await import('../src/providers/bbb.ts');
    const provider = new BbbProvider({ type: 'bbb', url: stack.sandbox.apiUrl, secret: SECRET, checksum: 'sha256', timeoutMs: 2000 });
    await provider.end({ id: 'tsv/vorstand', name: 'Vorstand' });
    await stack.join('vorstand', { displayName: 'Neu', accessCode: MODERATOR_CODE });
    const stale = await fetch(url, { redirect: 'manual' });
    // Like BigBlueButton, the sandbox sends a browser with a refused join back with the error.
    assert.equal(stale.status, 302);
    assert.match(decodeURIComponent(stale.headers.get('location') ?? ''), /"key":"mismatchCreateTime/);
  });
});

describe('origins (CORS)', () => {
  test('an allowed origin may read answers', async () => {
    const response = await stack.join(
      'training',
      { displayName: 'Max' },
      { headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN } },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('vary'), 'Origin');
  });

  test('another origin is refused with a readable problem, and nothing happens', async () => {
    const creates = stack.sandbox.calls.create ?? 0;
    const response = await stack.join(
      'vorstand',
      { displayName: 'Max', accessCode: MODERATOR_CODE },
      { headers: { 'content-type': 'application/json', origin: 'https://evil.example' } },
    );
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://evil.example');
    await problem(response, 403, 'origin_not_allowed');
    assert.equal(stack.sandbox.calls.create ?? 0, creates);
  });

  test("one tenant's origin cannot use another tenant's rooms", async () => {
    const response = await fetch(`${stack.api}/v1/rooms/other/hall/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN },
      body: JSON.stringify({ displayName: 'Max' }),
    });
    await problem(response, 403, 'origin_not_allowed');
  });

  test("the server helper's own origin is always allowed", async () => {
    const response = await stack.join(
      'training',
      { displayName: 'Max' },
      { headers: { 'content-type': 'application/json', origin: stack.api } },
    );
    assert.equal(response.status, 200);
  });

  test('preflight names methods and the content-type header', async () => {
    const response = await fetch(`${stack.api}/v1/rooms/tsv/training/join`, {
      method: 'OPTIONS',
      headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, DELETE');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type, authorization');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });
});

describe('where BigBlueButton sends a visitor who leaves (logoutURL)', () => {
  let sandbox: Sandbox;
  let api: string;
  let closeServer: () => Promise<void>;
  before(async () => {
    sandbox = await startSandbox({ secret: SECRET });
    const raw = rawConfig(`${sandbox.url}/bigbluebutton/`);
    (raw.tenants.tsv as Record<string, unknown>).leavePage = 'https://www.tsv.example/nach-dem-treffen';
    const server = await serve(createHandler(parseConfig(raw, env), { status: { ttlMs: 0 }, log: () => undefined }));
    api = server.url;
    closeServer = () => server.close();
  });
  after(async () => {
    await closeServer();
    await sandbox.close();
  });

  const join = (body: Record<string, unknown>, tenant = 'tsv', room = 'training') =>
    fetch(`${api}/v1/rooms/${tenant}/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: tenant === 'tsv' ? PAGE_ORIGIN : api },
      body: JSON.stringify({ displayName: 'Erika', ...body }),
    });
  const logoutOf = async (response: Response): Promise<string | null> => {
    assert.equal(response.status, 200);
    return new URL(((await response.json()) as { url: string }).url).searchParams.get('logoutURL');
  };
  /** Enter the meeting page of a join URL and press "Leave" there: where the sandbox sends the visitor, as BigBlueButton does. */
  const leave = async (url: string): Promise<string | null> => {
    const page = await fetch(url);
    assert.equal(page.status, 200);
    const left = await fetch(`${page.url}/leave`, { method: 'POST', redirect: 'manual' });
    assert.equal(left.status, 303);
    return left.headers.get('location');
  };

  test('the page the visitor came from, without its fragment; leaving the meeting goes back there', async () => {
    const response = await join({ returnUrl: 'https://www.tsv.example/verein/treffpunkt?tag=1#invite=eyJ.geheim.x' });
    const { url } = (await response.json()) as { url: string };
    assert.equal(new URL(url).searchParams.get('logoutURL'), 'https://www.tsv.example/verein/treffpunkt?tag=1');
    assert.equal(await leave(url), 'https://www.tsv.example/verein/treffpunkt?tag=1', 'the sandbox accepted the checksum over it');
  });

  test("the server's own origin is a page too", async () => {
    assert.equal(await logoutOf(await join({ returnUrl: `${api}/demo/` })), `${api}/demo/`);
  });

  test("without returnUrl the tenant's leavePage, and a tenant without one sends none", async () => {
    assert.equal(await logoutOf(await join({})), 'https://www.tsv.example/nach-dem-treffen');
    assert.equal(await logoutOf(await join({}, 'other', 'hall')), null);
  });

  test("an embedded meeting leaves to the server's own page, which tells the element", async () => {
    const response = await join({ embed: true, returnUrl: 'https://www.tsv.example/verein' });
    const { url } = (await response.json()) as { url: string };
    assert.equal(new URL(url).searchParams.get('logoutURL'), `${api}/v1/left`);
    assert.equal(await leave(url), `${api}/v1/left`);
  });

  test('any other returnUrl is refused before anything happens: no open redirect through logoutURL', async () => {
    const creates = sandbox.calls.create ?? 0;
    for (const returnUrl of [
      'https://evil.example/phish',
      'https://www.tsv.example.evil.example/',
      'http://www.tsv.example/',
      'https://user:pw@www.tsv.example/',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      '/relative/page',
      `https://www.tsv.example/${'x'.repeat(2000)}`,
      42,
    ]) {
      await problem(await join({ returnUrl }), 400, 'invalid_input', 'returnUrl');
    }
    assert.equal(sandbox.calls.create ?? 0, creates);
  });

  test('logoutURL is covered by the checksum: a join URL with another one is refused by the conference server', async () => {
    const { url } = (await (await join({ returnUrl: 'https://www.tsv.example/verein' })).json()) as { url: string };
    const bent = new URL(url);
    bent.searchParams.set('logoutURL', 'https://evil.example/');
    const refused = await fetch(bent, { redirect: 'manual' });
    assert.equal(refused.status, 302);
    assert.match(decodeURIComponent(refused.headers.get('location') ?? ''), /"key":"checksumError"/);
  });

  test('GET /v1/left: a page that tells its parent, with a CSP that allows exactly its own script', async () => {
    const response = await fetch(`${api}/v1/left`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('x-frame-options'), null, 'the element frames it');
    const page = await response.text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    assert.match(script, /parent\.postMessage\(\{"vereinsraum":"left"\}, '\*'\)/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(csp.includes(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`), csp);
    assert.match(page, /Sie haben das Meeting verlassen/);
    assert.equal((await fetch(`${api}/v1/left`, { method: 'HEAD' })).status, 200);
    await problem(await fetch(`${api}/v1/left`, { method: 'POST' }), 405, 'method_not_allowed');
    await problem(await fetch(`${api}/v1/leftover`), 404, 'not_found');
  });
});

describe('many attendees joining at once', () => {
  let busy: Stack;
  // The server's clock: the reuse window does not depend on how fast this machine is.
  let clock = Date.now();
  before(async () => {
    busy = await startStack({ now: () => clock });
  });
  after(() => busy.close());

  test('cost the conference server one getMeetingInfo, however many they are', async () => {
    const host = await (await busy.join('sprechstunde', { displayName: 'Hanna Host', accessCode: 'open-mod' })).json();
    await enterMeeting(host.url);
    const asked = () => busy.sandbox.calls.getMeetingInfo ?? 0;
    const before = asked();
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => (await busy.join('sprechstunde', { displayName: `Gast ${i}` })).json()),
    );
    assert.ok(answers.every((answer) => answer.role === 'attendee' && typeof answer.url === 'string'));
    assert.equal(asked() - before, 1);
    // Each still gets a join URL of its own, bound to the running meeting instance.
    const urls = answers.map((answer) => new URL(answer.url));
    assert.equal(new Set(urls.map((url) => url.searchParams.get('userID'))).size, 60);
    assert.equal(new Set(urls.map((url) => url.searchParams.get('createTime'))).size, 1);
    // A join a moment later asks nothing more; once the answer is older than the reuse window, it is asked again.
    await (await busy.join('sprechstunde', { displayName: 'Gast spät' })).json();
    assert.equal(asked() - before, 1);
    clock += JOIN_REUSE_MS;
    await (await busy.join('sprechstunde', { displayName: 'Gast noch später' })).json();
    assert.equal(asked() - before, 2);
  });

  test('a meeting that has not started is asked again for each join that is not at the same moment', async () => {
    const asked = () => busy.sandbox.calls.getMeetingInfo ?? 0;
    const before = asked();
    assert.deepEqual(await (await busy.join('vorstand', { displayName: 'Gast', accessCode: ATTENDEE_CODE })).json(), { waiting: true });
    assert.deepEqual(await (await busy.join('vorstand', { displayName: 'Gast', accessCode: ATTENDEE_CODE })).json(), { waiting: true });
    assert.equal(asked() - before, 2);
  });
});
