import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { startSandbox } from '../src/index.js';
import type { JitsiSandbox, Sandbox } from '../src/index.js';
import { http } from './http.js';
import type { Reply } from './http.js';

// ---- helpers (independent of any client code) -----------------------------

interface Fixture {
  hs256: {
    secret: string;
    app_id: string;
    xmpp_domain: string;
    header: Record<string, unknown>;
    payload: Record<string, unknown>;
    token: string;
  };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/jitsi-tokens.json', import.meta.url), 'utf8')) as Fixture;
const { hs256: golden } = fixture;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Signs a JWT by hand: HS* with a secret, RS* with a private key, `none` unsigned. */
function sign(header: Record<string, unknown>, payload: Record<string, unknown>, key: string | KeyObject = golden.secret): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const alg = String(header['alg']);
  const bits = alg.slice(2);
  let signature = '';
  if (alg.startsWith('HS'))
    signature = createHmac(`sha${bits}`, key as string)
      .update(input)
      .digest('base64url');
  else if (alg.startsWith('RS'))
    signature = createSign(`sha${bits}`)
      .update(input)
      .sign(key as KeyObject, 'base64url');
  else if (alg.startsWith('ES')) signature = Buffer.alloc(64, 1).toString('base64url');
  return `${input}.${signature}`;
}

/** Text of the element with that data-testid (no nested elements). */
function testId(html: string, id: string): string | undefined {
  const m = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return m?.[1]
    ?.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const NOW_S = 1_750_000_000; // 2025-06-15, inside the golden token's nbf..exp
let clock = NOW_S * 1000;

/** Claims that pass with the fixture's configuration, for `room`. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: golden.app_id,
    aud: 'jitsi',
    sub: golden.xmpp_domain,
    room: 'clubroom',
    iat: NOW_S - 10,
    nbf: NOW_S - 10,
    exp: NOW_S + 300,
    context: { user: { id: 'u-1', name: 'Berta', moderator: false } },
    ...overrides,
  };
}

const HS = { alg: 'HS256', typ: 'JWT' };

interface JoinJson {
  session?: string;
  roomName?: string;
  tenant?: string | null;
  id?: string;
  displayName?: string;
  role?: string;
  stage?: string;
  reason?: string;
  detail?: string;
  error?: { name: string; message: string; type: string; isFatal: boolean };
}

async function joinJson(j: JitsiSandbox, path: string, token?: string): Promise<{ status: number; json: JoinJson }> {
  const reply = await http(`${j.url}/_sandbox/join/${path}${token === undefined ? '' : `?jwt=${encodeURIComponent(token)}`}`);
  return { status: reply.status, json: JSON.parse(reply.body) as JoinJson };
}

async function leave(j: JitsiSandbox, session: string): Promise<Reply> {
  return http(`${j.url}/_sandbox/sessions/${session}/leave`, { method: 'POST' });
}

async function roomSize(j: JitsiSandbox, query: string): Promise<Reply> {
  return http(`${j.url}/room-size${query}`);
}

/** Starts a sandbox with the fixture's Jitsi settings and the test clock. */
function fixtureSandbox(extra: Record<string, unknown> = {}): Promise<Sandbox> {
  return startSandbox({
    secret: 'bbb-secret',
    jitsi: { appId: golden.app_id, appSecret: golden.secret, xmppDomain: golden.xmpp_domain, now: () => clock, ...extra },
  });
}

// ---- the golden token -----------------------------------------------------

describe('golden token', () => {
  let sb: Sandbox;
  let j: JitsiSandbox;
  before(async () => {
    sb = await fixtureSandbox();
    j = sb.jitsi as JitsiSandbox;
  });
  after(() => sb.close());
  beforeEach(() => {
    clock = NOW_S * 1000;
  });

  test('this test signer reproduces the fixture byte for byte', () => {
    assert.equal(sign(golden.header, golden.payload), golden.token);
  });

  test('is accepted for its room: moderator Anna on the meeting page', async () => {
    const reply = await http(`${j.url}/clubroom?jwt=${golden.token}`);
    assert.equal(reply.status, 200, reply.body);
    assert.match(String(reply.headers['content-type']), /^text\/html/);
    assert.equal(testId(reply.body, 'room-name'), 'clubroom');
    assert.equal(testId(reply.body, 'user-name'), 'Anna');
    assert.equal(testId(reply.body, 'user-role'), 'moderator');
    assert.match(reply.body, /data-testid="participants"[^>]*><li>Anna \(moderator\)<\/li>/);
    assert.match(reply.body, /data-testid="leave"/);
    const session = /data-session="([a-z0-9]+)"/.exec(reply.body)?.[1] ?? '';
    assert.equal((await leave(j, session)).status, 303);
  });

  test('is accepted with the real clock too (nbf 2025, exp 2100)', async () => {
    const real = await startSandbox({ secret: 'x', jitsi: { appId: golden.app_id, appSecret: golden.secret, xmppDomain: 'localhost' } });
    try {
      const { status, json } = await joinJson(real.jitsi as JitsiSandbox, 'clubroom', golden.token);
      assert.equal(status, 200, JSON.stringify(json));
      assert.equal(json.role, 'moderator');
    } finally {
      await real.close();
    }
  });

  test('room is matched case-insensitively: /ClubRoom joins room clubroom', async () => {
    const { status, json } = await joinJson(j, 'ClubRoom', golden.token);
    assert.equal(status, 200, JSON.stringify(json));
    assert.equal(json.roomName, 'clubroom');
    await leave(j, json.session ?? '');
  });

  test('is refused one second before its nbf and at its exp (no leeway)', async () => {
    clock = (Number(golden.payload['nbf']) - 1) * 1000;
    assert.equal((await joinJson(j, 'clubroom', golden.token)).json.reason, 'Not acceptable by nbf');
    clock = Number(golden.payload['exp']) * 1000;
    const { json } = await joinJson(j, 'clubroom', golden.token);
    assert.match(json.reason ?? '', /^Not acceptable by exp \(0 sec since expired, valid for:\d+ sec\)$/);
  });
});

// ---- refusals, claim by claim ---------------------------------------------

describe('refusals', () => {
  let sb: Sandbox;
  let j: JitsiSandbox;
  before(async () => {
    sb = await fixtureSandbox({ acceptedAudiences: ['jitsi'] });
    j = sb.jitsi as JitsiSandbox;
  });
  after(() => sb.close());
  beforeEach(() => {
    clock = NOW_S * 1000;
  });

  /** Asserts a refusal on both the page and the JSON twin. */
  async function refused(token: string | undefined, reason: string | RegExp, path = 'clubroom', stage = 'connection'): Promise<JoinJson> {
    const page = await http(`${j.url}/${path}${token === undefined ? '' : `?jwt=${encodeURIComponent(token)}`}`);
    assert.equal(page.status, 403, page.body);
    const shown = testId(page.body, 'auth-error') ?? '';
    if (typeof reason === 'string') assert.equal(shown, reason);
    else assert.match(shown, reason);
    const { status, json } = await joinJson(j, path, token);
    assert.equal(status, 403);
    assert.equal(json.stage, stage);
    assert.equal(json.reason, shown);
    return json;
  }

  test('a valid token passes (the baseline for the refusals below)', async () => {
    const { status, json } = await joinJson(j, 'clubroom', sign(HS, claims()));
    assert.equal(status, 200, JSON.stringify(json));
    assert.equal(json.displayName, 'Berta');
    assert.equal(json.role, 'participant');
    await leave(j, json.session ?? '');
  });

  test('no token, or an empty one: token required', async () => {
    await refused(undefined, 'token required');
    await refused('', 'token required');
  });

  test('malformed tokens', async () => {
    await refused('abc', 'Invalid token');
    await refused('a..b', 'Invalid token');
    await refused(`${b64(HS)}.${b64(claims())}.sig.extra`, 'Invalid token');
    await refused(`not*base64.${b64(claims())}.sig`, 'Invalid header');
    await refused(`${b64([1, 2])}.${b64(claims())}.sig`, 'Invalid header');
    await refused(`${b64(HS)}.${Buffer.from('{nope').toString('base64url')}.sig`, 'Invalid body');
  });

  test('typ missing or not JWT: Invalid typ', async () => {
    await refused(sign({ alg: 'HS256' }, claims()), 'Invalid typ');
    await refused(sign({ alg: 'HS256', typ: 'jwt' }, claims()), 'Invalid typ');
    await refused(sign({ alg: 'HS256', typ: 'at+jwt' }, claims()), 'Invalid typ');
  });

  test('alg none, ES256, EdDSA, PS256, lowercase: Invalid or incorrect alg', async () => {
    for (const alg of ['none', '', 'ES256', 'EdDSA', 'PS256', 'hs256', 42]) {
      const json = await refused(`${b64({ alg, typ: 'JWT' })}.${b64(claims())}.c2ln`, 'Invalid or incorrect alg');
      assert.ok(json.detail, String(alg));
    }
    await refused(`${b64({ typ: 'JWT' })}.${b64(claims())}.c2ln`, 'Invalid or incorrect alg');
  });

  test('an unsigned token (alg none, empty signature) has two segments only: Invalid token', async () => {
    await refused(sign({ alg: 'none', typ: 'JWT' }, claims()), 'Invalid token');
  });

  test('RS256 on a server without key server: Invalid or incorrect alg', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const json = await refused(sign({ alg: 'RS256', typ: 'JWT', kid: 'k' }, claims(), privateKey), 'Invalid or incorrect alg');
    assert.match(json.detail ?? '', /asap_key_server/);
  });

  test('wrong secret, tampered body, HS384 signature under HS256: Invalid signature', async () => {
    await refused(sign(HS, claims(), 'another-secret'), 'Invalid signature');
    const [h, , s] = sign(HS, claims()).split('.');
    await refused(`${h}.${b64(claims({ context: { user: { moderator: true } } }))}.${s}`, 'Invalid signature');
    const hs384 = sign({ alg: 'HS384', typ: 'JWT' }, claims()).split('.')[2];
    await refused(`${h}.${b64(claims())}.${hs384}`, 'Invalid signature');
  });

  test('HS384 and HS512 pass', async () => {
    for (const alg of ['HS384', 'HS512']) {
      const { status, json } = await joinJson(j, 'clubroom', sign({ alg, typ: 'JWT' }, claims()));
      assert.equal(status, 200, `${alg}: ${JSON.stringify(json)}`);
      await leave(j, json.session ?? '');
    }
  });

  test('iss missing or not accepted', async () => {
    await refused(sign(HS, claims({ iss: undefined })), "'iss' claim is missing");
    const json = await refused(sign(HS, claims({ iss: 'someone-else' })), "invalid 'iss' claim");
    assert.match(json.detail ?? '', /someone-else/);
  });

  test('aud missing or not accepted (this server accepts only "jitsi")', async () => {
    await refused(sign(HS, claims({ aud: undefined })), "'aud' claim is missing");
    await refused(sign(HS, claims({ aud: 'other' })), "invalid 'aud' claim");
    await refused(sign(HS, claims({ aud: ['jitsi'] })), "invalid 'aud' claim");
  });

  test('room missing; room of another room', async () => {
    await refused(sign(HS, claims({ room: undefined })), "'room' claim is missing");
    const json = await refused(sign(HS, claims({ room: 'otherroom' })), 'Room and token mismatched', 'clubroom', 'conference');
    assert.match(json.detail ?? '', /room "otherroom"/);
    assert.deepEqual(json.error, {
      name: 'conference.connectionError.notAllowed',
      message: 'Room and token mismatched',
      type: 'CONFERENCE',
      isFatal: false,
    });
  });

  test('sub missing, another domain, or a tenant on a plain room', async () => {
    await refused(sign(HS, claims({ sub: undefined })), 'Room and token mismatched', 'clubroom', 'conference');
    const json = await refused(sign(HS, claims({ sub: 'meet.jitsi' })), 'Room and token mismatched', 'clubroom', 'conference');
    assert.match(json.detail ?? '', /sub "meet.jitsi"/);
    await refused(sign(HS, claims({ sub: 'verein' })), 'Room and token mismatched', 'clubroom', 'conference');
  });

  test('tenant rooms: sub must be the tenant (lowercase compare), not the domain', async () => {
    await refused(sign(HS, claims({ sub: golden.xmpp_domain })), 'Room and token mismatched', 'verein/clubroom', 'conference');
    await refused(sign(HS, claims({ sub: 'anderer' })), 'Room and token mismatched', 'verein/clubroom', 'conference');
    const { status, json } = await joinJson(j, 'Verein/clubroom', sign(HS, claims({ sub: 'VEREIN' })));
    assert.equal(status, 200, JSON.stringify(json));
    assert.equal(json.tenant, 'verein');
    await leave(j, json.session ?? '');
  });

  test("'*' for sub and room matches any", async () => {
    for (const path of ['clubroom', 'anyroom', 'verein/anyroom']) {
      const { status, json } = await joinJson(j, path, sign(HS, claims({ sub: '*', room: '*' })));
      assert.equal(status, 200, `${path}: ${JSON.stringify(json)}`);
      await leave(j, json.session ?? '');
    }
  });

  test('exp just passed, or exactly now: refused with no leeway; one second left passes', async () => {
    await refused(sign(HS, claims({ exp: NOW_S - 1, iat: NOW_S - 301 })), 'Not acceptable by exp (1 sec since expired, valid for:300 sec)');
    await refused(sign(HS, claims({ exp: NOW_S, iat: undefined })), 'Not acceptable by exp (0 sec since expired)');
    clock = NOW_S * 1000 + 999; // still the same second
    await refused(sign(HS, claims({ exp: NOW_S })), /^Not acceptable by exp/);
    clock = NOW_S * 1000;
    const { status, json } = await joinJson(j, 'clubroom', sign(HS, claims({ exp: NOW_S + 1 })));
    assert.equal(status, 200);
    await leave(j, json.session ?? '');
  });

  test('nbf in the future (by one second): refused; nbf now passes', async () => {
    await refused(sign(HS, claims({ nbf: NOW_S + 1 })), 'Not acceptable by nbf');
    const { status, json } = await joinJson(j, 'clubroom', sign(HS, claims({ nbf: NOW_S })));
    assert.equal(status, 200);
    await leave(j, json.session ?? '');
  });

  test('exp or nbf not a number', async () => {
    await refused(sign(HS, claims({ exp: String(NOW_S + 300) })), 'exp must be number');
    await refused(sign(HS, claims({ exp: null })), 'exp must be number');
    await refused(sign(HS, claims({ nbf: String(NOW_S) })), 'nbf must be number');
  });

  test('moderator is true or "true", nothing else', async () => {
    for (const [value, role] of [
      [true, 'moderator'],
      ['true', 'moderator'],
      ['yes', 'participant'],
      [1, 'participant'],
      [undefined, 'participant'],
    ] as const) {
      const { json } = await joinJson(j, 'clubroom', sign(HS, claims({ context: { user: { name: 'M', moderator: value } } })));
      assert.equal(json.role, role, String(value));
      await leave(j, json.session ?? '');
    }
  });

  test('the refused page is escaped, 403, and tells the iframe API', async () => {
    const page = await http(`${j.url}/clubroom?jwt=${encodeURIComponent(sign({ alg: 'HS256' }, claims()))}`);
    assert.equal(page.status, 403);
    assert.match(page.body, /data-state="refused"/);
    assert.match(page.body, /data-error-name="connection.passwordRequired"/);
    assert.match(page.body, /data-error-message="Invalid typ"/);
    assert.match(page.body, /data-error-type="CONNECTION"/);
    const json = await joinJson(j, 'clubroom', sign({ alg: 'HS256' }, claims()));
    assert.deepEqual(json.json.error, { name: 'connection.passwordRequired', message: 'Invalid typ', type: 'CONNECTION', isFatal: false });
  });

  test('counts joins and refusals', async () => {
    const before = j.calls;
    await joinJson(j, 'clubroom', sign({ alg: 'none', typ: 'JWT' }, claims()));
    await http(`${j.url}/clubroom`);
    const { json } = await joinJson(j, 'clubroom', sign(HS, claims()));
    await leave(j, json.session ?? '');
    const now = j.calls;
    assert.equal(now.refused - before.refused, 2);
    assert.equal(now.joins - before.joins, 1);
  });
});

// ---- RS256 with a key server ----------------------------------------------

describe('RS256 and the key server', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keys = new Map<string, string>(); // file name -> PEM
  const requests: string[] = [];
  let keyServer: Server;
  let keyUrl = '';
  let sb: Sandbox;
  let j: JitsiSandbox;
  const hashOf = (kid: string): string => createHash('sha256').update(kid).digest('hex');
  const RS = (kid?: string, alg = 'RS256'): Record<string, unknown> => (kid === undefined ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid });

  before(async () => {
    keys.set(`${hashOf('vereinsraum-2025')}.pem`, pem);
    keys.set(`${hashOf('ec-key')}.pem`, ec.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    keyServer = createServer((req, res) => {
      requests.push(req.url ?? '');
      const file = /^\/keys\/([0-9a-f]{64}\.pem)$/.exec(req.url ?? '')?.[1];
      const body = file === undefined ? undefined : keys.get(file);
      if (body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/x-pem-file' }).end(body);
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    keyUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/keys`;
    // No key server yet: the server helper starts after the sandbox.
    sb = await startSandbox({ secret: 'bbb', jitsi: { appId: 'vereinsraum', xmppDomain: 'meet.jitsi', now: () => clock } });
    j = sb.jitsi as JitsiSandbox;
  });
  after(async () => {
    await sb.close();
    keyServer.closeAllConnections();
    await new Promise<void>((resolve) => keyServer.close(() => resolve()));
  });
  beforeEach(() => {
    clock = NOW_S * 1000;
  });

  const rsClaims = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
    claims({ iss: 'vereinsraum', sub: 'meet.jitsi', ...overrides });

  test('before setAsapKeyServer, RS256 is refused; HS256 too (no app secret)', async () => {
    assert.equal(
      (await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025'), rsClaims(), privateKey))).json.reason,
      'Invalid or incorrect alg',
    );
    assert.equal((await joinJson(j, 'clubroom', sign(HS, rsClaims()))).json.reason, 'Invalid or incorrect alg');
    assert.throws(() => j.setAsapKeyServer('ftp://example.org/keys'), TypeError);
    assert.throws(() => j.setAsapKeyServer('not a url'), TypeError);
  });

  test('key fetched from sha256(kid).pem and cached: 2 joins -> 1 fetch', async () => {
    j.setAsapKeyServer(`${keyUrl}/`);
    requests.length = 0;
    const fetchesBefore = j.calls.keyFetches;
    const token = sign(RS('vereinsraum-2025'), rsClaims(), privateKey);
    const first = await joinJson(j, 'clubroom', token);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const second = await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025'), rsClaims({ context: { user: { name: 'Z' } } }), privateKey));
    assert.equal(second.status, 200, JSON.stringify(second.json));
    assert.deepEqual(requests, [`/keys/${hashOf('vereinsraum-2025')}.pem`]);
    assert.equal(j.calls.keyFetches - fetchesBefore, 1);
    await leave(j, first.json.session ?? '');
    await leave(j, second.json.session ?? '');
  });

  test('RS384 and RS512 pass with the same key', async () => {
    for (const alg of ['RS384', 'RS512']) {
      const { status, json } = await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025', alg), rsClaims(), privateKey));
      assert.equal(status, 200, `${alg}: ${JSON.stringify(json)}`);
      await leave(j, json.session ?? '');
    }
  });

  test("RS256 without kid: 'kid' claim is missing", async () => {
    const before = j.calls.keyFetches;
    assert.equal((await joinJson(j, 'clubroom', sign(RS(), rsClaims(), privateKey))).json.reason, "'kid' claim is missing");
    assert.equal((await joinJson(j, 'clubroom', sign(RS(''), rsClaims(), privateKey))).json.reason, "'kid' claim is missing");
    assert.equal(j.calls.keyFetches, before);
  });

  test('unknown kid: could not obtain public key; not cached, asked again', async () => {
    requests.length = 0;
    const token = sign(RS('unknown'), rsClaims(), privateKey);
    const { json } = await joinJson(j, 'clubroom', token);
    assert.equal(json.reason, 'could not obtain public key');
    assert.match(json.detail ?? '', new RegExp(`${hashOf('unknown')}\\.pem`));
    await joinJson(j, 'clubroom', token);
    assert.equal(requests.length, 2);
  });

  test('signed by another key, or the kid names an EC key: Invalid signature', async () => {
    assert.equal(
      (await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025'), rsClaims(), other.privateKey))).json.reason,
      'Invalid signature',
    );
    assert.equal((await joinJson(j, 'clubroom', sign(RS('ec-key'), rsClaims(), privateKey))).json.reason, 'Invalid signature');
  });

  test('the claims rules hold for RS256 as well', async () => {
    assert.equal(
      (await joinJson(j, 'clubroom', sign({ alg: 'RS256', kid: 'vereinsraum-2025' }, rsClaims(), privateKey))).json.reason,
      'Invalid typ',
    );
    assert.equal(
      (await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025'), rsClaims({ iss: 'x' }), privateKey))).json.reason,
      "invalid 'iss' claim",
    );
    assert.equal(
      (await joinJson(j, 'otherroom', sign(RS('vereinsraum-2025'), rsClaims(), privateKey))).json.reason,
      'Room and token mismatched',
    );
  });

  test('key server down: could not obtain public key (a new kid, so not cached)', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    j.setAsapKeyServer(`http://127.0.0.1:${port}/keys`);
    const before = j.calls.keyFetches;
    const { status, json } = await joinJson(j, 'clubroom', sign(RS('vereinsraum-2025'), rsClaims(), privateKey));
    assert.equal(status, 403);
    assert.equal(json.reason, 'could not obtain public key');
    assert.equal(j.calls.keyFetches - before, 1);
    j.setAsapKeyServer(keyUrl);
  });

  test('changing the key server empties the cache', async () => {
    j.setAsapKeyServer(keyUrl);
    requests.length = 0;
    const token = sign(RS('vereinsraum-2025'), rsClaims(), privateKey);
    const a = await joinJson(j, 'clubroom', token);
    j.setAsapKeyServer(keyUrl);
    const b = await joinJson(j, 'clubroom', token);
    assert.equal(requests.length, 2);
    await leave(j, a.json.session ?? '');
    await leave(j, b.json.session ?? '');
  });
});

// ---- rooms, pages and room-size ----------------------------------------------

describe('rooms and /room-size', () => {
  let sb: Sandbox;
  let j: JitsiSandbox;
  before(async () => {
    sb = await startSandbox({
      secret: 'bbb',
      jitsi: { appId: 'vereinsraum', appSecret: 'shared-secret-for-room-tests', now: () => clock },
    });
    j = sb.jitsi as JitsiSandbox;
  });
  after(() => sb.close());

  const token = (room: string, name: string, extra: Record<string, unknown> = {}): string =>
    sign(
      HS,
      claims({ iss: 'vereinsraum', sub: 'meet.jitsi', room, context: { user: { name } }, ...extra }),
      'shared-secret-for-room-tests',
    );
  const size = async (query: string): Promise<{ status: number; body: string }> => {
    const reply = await roomSize(j, query);
    return { status: reply.status, body: reply.body };
  };

  test('404 before anyone joins; then the number of people inside; 404 again when empty', async () => {
    clock = NOW_S * 1000;
    assert.equal((await size('?room=vorstand&domain=meet.jitsi')).status, 404);
    const a = await joinJson(j, 'vorstand', token('vorstand', 'A'));
    const reply = await roomSize(j, '?room=vorstand&domain=meet.jitsi');
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(reply.body), { participants: 1 });
    const b = await joinJson(j, 'Vorstand', token('vorstand', 'B'));
    assert.deepEqual(JSON.parse((await size('?room=vorstand&domain=meet.jitsi')).body), { participants: 2 });
    // exact lookup, like Prosody's: the room's name is lowercase
    assert.equal((await size('?room=Vorstand&domain=meet.jitsi')).status, 404);
    assert.equal((await size('?room=vorstand&domain=other.example')).status, 404);
    assert.equal((await size('?room=vorstand&domain=conference.meet.jitsi')).status, 404);
    assert.equal((await leave(j, a.json.session ?? '')).status, 303);
    assert.deepEqual(JSON.parse((await size('?room=vorstand&domain=meet.jitsi')).body), { participants: 1 });
    await leave(j, b.json.session ?? '');
    assert.equal((await size('?room=vorstand&domain=meet.jitsi')).status, 404);
  });

  test('tenant rooms are separate and asked for with subdomain=', async () => {
    const t = await joinJson(j, 'verein/halle', token('halle', 'T', { sub: 'verein' }));
    assert.equal(t.status, 200, JSON.stringify(t.json));
    assert.deepEqual(JSON.parse((await size('?room=halle&domain=meet.jitsi&subdomain=verein')).body), { participants: 1 });
    assert.equal((await size('?room=halle&domain=meet.jitsi')).status, 404);
    assert.equal((await size('?room=halle&domain=meet.jitsi&subdomain=')).status, 404);
    await leave(j, t.json.session ?? '');
  });

  test('bad queries: 400', async () => {
    assert.equal((await size('')).status, 400);
    assert.equal((await size('?')).status, 400);
    assert.equal((await size('?room=x')).status, 400);
    assert.equal((await size('?domain=meet.jitsi')).status, 400);
    assert.equal((await size('?room=a&room=b&domain=meet.jitsi')).status, 400);
    assert.equal((await http(`${j.url}/room-size?room=a&domain=meet.jitsi`, { method: 'POST' })).status, 405);
  });

  test('counts /room-size requests', async () => {
    const before = j.calls.roomSize;
    await size('?room=a&domain=meet.jitsi');
    await size('');
    assert.equal(j.calls.roomSize - before, 2);
  });

  test('the meeting page: names escaped, participants listed, state JSON, leave', async () => {
    const first = await http(
      `${j.url}/treff?jwt=${token('treff', 'Anna <b>&</b>', { context: { user: { name: 'Anna <b>&</b>', moderator: 'true' } } })}`,
    );
    assert.equal(first.status, 200);
    assert.equal(testId(first.body, 'user-name'), 'Anna <b>&</b>');
    assert.equal(testId(first.body, 'user-role'), 'moderator');
    assert.doesNotMatch(first.body, /<b>&<\/b>/);
    const second = await http(`${j.url}/treff?jwt=${token('treff', 'Bernd')}`);
    assert.equal(testId(second.body, 'user-role'), 'participant');
    assert.match(second.body, /<li>Anna &#60;b&#62;&#38;&#60;\/b&#62; \(moderator\)<\/li><li>Bernd \(participant\)<\/li>/);
    const session = /data-session="([a-z0-9]+)"/.exec(second.body)?.[1] ?? '';
    const state = JSON.parse((await http(`${j.url}/_sandbox/sessions/${session}/state`)).body) as {
      roomName: string;
      you: { displayName: string; role: string; id: string };
      participants: { displayName: string }[];
      left: boolean;
    };
    assert.equal(state.roomName, 'treff');
    assert.equal(state.you.displayName, 'Bernd');
    assert.match(state.you.id, /^[0-9a-f]{8}$/);
    assert.deepEqual(
      state.participants.map((p) => p.displayName),
      ['Anna <b>&</b>', 'Bernd'],
    );
    // a foreign origin cannot make someone leave
    assert.equal(
      (await http(`${j.url}/_sandbox/sessions/${session}/leave`, { method: 'POST', headers: { Origin: 'http://evil.example' } })).status,
      403,
    );
    const left = await http(`${j.url}/_sandbox/sessions/${session}/leave`, { method: 'POST', headers: { Origin: 'null' } });
    assert.equal(left.status, 303);
    assert.equal(left.headers.location, `/_sandbox/sessions/${session}`);
    const after = await http(`${j.url}${left.headers.location}`);
    assert.match(after.body, /You have left the meeting/);
    assert.doesNotMatch(after.body, /data-testid="leave"/);
    assert.equal(JSON.parse((await http(`${j.url}/_sandbox/sessions/${session}/state`)).body).left, true);
    assert.deepEqual(JSON.parse((await size('?room=treff&domain=meet.jitsi')).body), { participants: 1 });
    const stats = JSON.parse((await http(`${j.url}/_sandbox/stats`)).body) as { rooms: unknown[] };
    assert.deepEqual(stats.rooms, [{ room: 'treff', tenant: null, participants: 1 }]);
  });

  test('device failure: pages loaded while it is on report camera and mic errors', async () => {
    j.setDeviceFailure(true);
    const on = await http(`${j.url}/geraete?jwt=${token('geraete', 'D')}`);
    assert.match(on.body, /data-device-failure="true"/);
    assert.match(on.body, /data-testid="device-error"/);
    j.setDeviceFailure(false);
    const off = await http(`${j.url}/geraete?jwt=${token('geraete', 'E')}`);
    assert.match(off.body, /data-device-failure="false"/);
    assert.doesNotMatch(off.body, /data-testid="device-error"/);
  });

  test('pages are frameable but otherwise locked down; the inline script is allowed by hash', async () => {
    const page = await http(`${j.url}/frame?jwt=${token('frame', 'F')}`);
    const csp = String(page.headers['content-security-policy']);
    assert.doesNotMatch(csp, /frame-ancestors/);
    assert.equal(page.headers['x-frame-options'], undefined);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.match(String(page.headers['cache-control']), /no-store/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.body)?.[1] ?? '';
    const digest = createHash('sha256').update(script).digest('base64');
    assert.ok(csp.includes(`'sha256-${digest}'`), 'script hash in CSP');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.body)?.[1] ?? '';
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'style hash in CSP');
  });
});

// ---- strict input handling ------------------------------------------------------

describe('input handling', () => {
  let sb: Sandbox;
  let j: JitsiSandbox;
  before(async () => {
    sb = await fixtureSandbox();
    j = sb.jitsi as JitsiSandbox;
  });
  after(() => sb.close());

  test('unknown paths 404, bad queries 400, wrong methods 405, no crash', async () => {
    clock = NOW_S * 1000;
    assert.equal((await http(`${j.url}/a/b/c`)).status, 404);
    assert.equal((await http(`${j.url}/clubroom/`)).status, 404);
    assert.equal((await http(`${j.url}//clubroom`)).status, 404);
    assert.equal((await http(`${j.url}/_private`)).status, 404);
    assert.equal((await http(`${j.url}/bad%20room`)).status, 404);
    assert.equal((await http(`${j.url}/ten.ant/room`)).status, 404);
    assert.equal((await http(`${j.url}/_sandbox/sessions/unknownunknownunknown123`)).status, 404);
    assert.equal((await http(`${j.url}/_sandbox/sessions/unknownunknownunknown123/state`)).status, 404);
    assert.equal((await http(`${j.url}/_sandbox/join/a/b/c`)).status, 404);
    assert.equal((await http(`${j.url}/bad%E0%A4%A`)).status, 400);
    assert.equal((await http(`${j.url}/clubroom?jwt=a&jwt=b`)).status, 400);
    assert.equal((await http(`${j.url}/clubroom?jwt=${'a'.repeat(9000)}`)).status, 400);
    assert.equal((await http(`${j.url}/clubroom?jwt=${golden.token}`, { method: 'POST', body: 'x' })).status, 405);
    assert.equal((await http(`${j.url}/external_api.js`, { method: 'DELETE' })).status, 405);
    assert.equal((await http(`${j.url}/_sandbox/sessions/unknownunknownunknown123/leave`)).status, 405);
    for (const junk of [
      '/%00',
      '/..%2F..%2Fetc',
      '/%C0%AE',
      '/\u00e4',
      '/clubroom?jwt=%',
      '/clubroom?%%%=1',
      '/room-size?room=%&domain=%',
    ]) {
      const reply = await http(`${j.url}${encodeURI(junk).replace(/%25/g, '%')}`);
      assert.ok([200, 400, 403, 404].includes(reply.status), `${junk}: ${reply.status}`);
    }
    // Still alive and answering.
    assert.equal((await http(`${j.url}/`)).status, 200);
  });

  test('home page lists rooms', async () => {
    const { json } = await joinJson(j, 'clubroom', golden.token);
    const home = await http(`${j.url}/`);
    assert.match(home.body, /<code>clubroom<\/code>: 1 inside/);
    await leave(j, json.session ?? '');
  });

  test('startSandbox checks the Jitsi options', async () => {
    const bad: Record<string, unknown>[] = [
      { appId: '' },
      { appId: 'a', appSecret: '' },
      { appId: 'a', xmppDomain: 'not a domain' },
      { appId: 'a', acceptedIssuers: [] },
      { appId: 'a', acceptedAudiences: [''] },
      { appId: 'a', port: 70000 },
      { appId: 'a', asapKeyServer: 'file:///etc/keys' },
      { appId: 'a', now: 5 },
    ];
    for (const jitsi of bad) {
      await assert.rejects(startSandbox({ secret: 'x', jitsi: jitsi as never }), TypeError, JSON.stringify(jitsi));
    }
  });

  test('close() closes the Jitsi server too; BigBlueButton alone has no jitsi', async () => {
    const s = await fixtureSandbox();
    const url = (s.jitsi as JitsiSandbox).url;
    assert.notEqual(url, s.url);
    await http(`${url}/`, { headers: { Connection: 'keep-alive' } });
    await s.close();
    await assert.rejects(http(`${url}/`));
    const bbb = await startSandbox({ secret: 'x' });
    assert.equal(bbb.jitsi, undefined);
    await bbb.close();
  });
});

// ---- the iframe API stand-in ------------------------------------------------------

describe('/external_api.js', () => {
  let sb: Sandbox;
  let j: JitsiSandbox;
  before(async () => {
    sb = await fixtureSandbox();
    j = sb.jitsi as JitsiSandbox;
  });
  after(() => sb.close());

  test('is served as JavaScript', async () => {
    const reply = await http(`${j.url}/external_api.js`);
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/javascript/);
    assert.match(reply.body, /window\.JitsiMeetExternalAPI = JitsiMeetExternalAPI/);
  });

  test('builds the iframe like the real API, from the script origin (fake DOM)', async () => {
    const code = (await http(`${j.url}/external_api.js`)).body;
    const appended: Record<string, unknown>[] = [];
    const listeners = new Map<string, ((e: unknown) => void)[]>();
    const parentNode = {
      appendChild(el: Record<string, unknown>) {
        appended.push(el);
        return el;
      },
    };
    const makeIframe = (): Record<string, unknown> => {
      const attributes: Record<string, string> = {};
      const frameListeners: Record<string, () => void> = {};
      return {
        style: {} as Record<string, string>,
        attributes,
        frameListeners,
        contentWindow: { postMessage() {} },
        setAttribute(name: string, value: string) {
          attributes[name] = value;
        },
        addEventListener(name: string, fn: () => void) {
          frameListeners[name] = fn;
        },
      };
    };
    const window: Record<string, unknown> = {
      addEventListener(name: string, fn: (e: unknown) => void) {
        listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      },
      removeEventListener() {},
    };
    const document = {
      currentScript: { src: `${j.url}/external_api.js` },
      createElement: (tag: string) => (tag === 'iframe' ? makeIframe() : {}),
      body: parentNode,
    };
    runInNewContext(code, { window, document, location: { href: 'https://verein.example/' }, URL, console });
    const API = window['JitsiMeetExternalAPI'] as new (
      domain: string,
      options: Record<string, unknown>,
    ) => {
      getIFrame(): Record<string, unknown>;
      addListener(e: string, fn: (d: unknown) => void): unknown;
      addEventListener(e: string, fn: (d: unknown) => void): unknown;
      removeListener(e: string, fn: (d: unknown) => void): unknown;
      executeCommand(name: string): void;
      dispose(): void;
    };
    const api = new API(j.domain, {
      roomName: 'Verein/Club Room',
      jwt: 'a.b.c',
      parentNode,
      width: 640,
      height: '80vh',
      lang: 'de',
      configOverwrite: { prejoinPageEnabled: false },
    });
    const frame = api.getIFrame();
    assert.equal(appended[0], frame);
    assert.equal(
      frame['src'],
      `${j.url}/Verein/Club%20Room?jwt=a.b.c#jitsi_meet_external_api_id=0&lang=de&config.prejoinPageEnabled=false`,
    );
    assert.equal(frame['allow'], 'camera; microphone; display-capture; autoplay; clipboard-write; fullscreen');
    assert.equal(frame['title'], undefined, 'like the real API: the embedding page titles the frame');
    assert.equal((frame['attributes'] as Record<string, string>)['allowfullscreen'], 'true');
    assert.equal(frame['name'], 'jitsiConferenceFrame0');
    assert.deepEqual(frame['style'], { border: '0', width: '640px', height: '80vh' });

    // Events from the frame's window and origin only, mapped to the real names.
    const got: unknown[] = [];
    const onJoined = (d: unknown): void => {
      got.push(d);
    };
    api.addListener('videoConferenceJoined', onJoined);
    api.addEventListener('errorOccurred', (d) => got.push(d));
    const deliver = (source: unknown, origin: string, data: unknown): void => {
      for (const fn of listeners.get('message') ?? []) fn({ source, origin, data });
    };
    const joined = { name: 'video-conference-joined', roomName: 'club room', id: 'abcd1234', displayName: 'A' };
    deliver(frame['contentWindow'], j.url, { jitsiSandbox: 1, scope: 'jitsi_meet_external_api_0', type: 'event', data: joined });
    deliver(frame['contentWindow'], 'https://evil.example', {
      jitsiSandbox: 1,
      scope: 'jitsi_meet_external_api_0',
      type: 'event',
      data: joined,
    });
    deliver({}, j.url, { jitsiSandbox: 1, scope: 'jitsi_meet_external_api_0', type: 'event', data: joined });
    deliver(frame['contentWindow'], j.url, { jitsiSandbox: 1, scope: 'jitsi_meet_external_api_9', type: 'event', data: joined });
    assert.deepEqual(JSON.parse(JSON.stringify(got)), [{ roomName: 'club room', id: 'abcd1234', displayName: 'A' }]);
    api.removeListener('videoConferenceJoined', onJoined);
    deliver(frame['contentWindow'], j.url, { jitsiSandbox: 1, scope: 'jitsi_meet_external_api_0', type: 'event', data: joined });
    assert.equal(got.length, 1);

    // hangup goes to the frame, addressed to the sandbox origin
    const posted: unknown[] = [];
    (frame['contentWindow'] as { postMessage: (m: unknown, o: string) => void }).postMessage = (m, o) => posted.push([m, o]);
    api.executeCommand('hangup');
    assert.deepEqual(JSON.parse(JSON.stringify(posted)), [
      [{ type: 'command', name: 'video-hangup', jitsiSandbox: 1, scope: 'jitsi_meet_external_api_0' }, j.url],
    ]);
  });
});
