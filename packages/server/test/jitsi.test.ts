import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { parseConfig, type JitsiBackend } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKey, KeySet, sha256Hex } from '../src/keys.ts';
import { importJitsiSecret, JitsiProvider, signJitsiToken, type JitsiClaims } from '../src/providers/jitsi.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/jitsi-tokens.json', import.meta.url), 'utf8')) as {
  hs256: { secret: string; app_id: string; xmpp_domain: string; header: object; payload: JitsiClaims; token: string };
};
const SECRET = fixture.hs256.secret;
const NOW = Date.UTC(2026, 10, 23, 18, 0, 0);

function backend(extra: Partial<JitsiBackend> = {}): JitsiBackend {
  return {
    type: 'jitsi',
    domain: 'meet.example.org',
    protocol: 'https',
    appId: 'vereinsraum',
    xmppDomain: 'meet.jitsi',
    tokenMinutes: 5,
    timeoutMs: 1000,
    appSecret: SECRET,
    ...extra,
  };
}

const noKeys = (): Promise<KeySet> => Promise.reject(new Error('not needed'));
const meeting = { id: 'tsv-musterstadt/training', name: 'Training' };
const visitor = { displayName: 'Jürgen & <Co> 🏓', role: 'moderator' as const, userId: 'u-1', createTime: null };

describe('Jitsi tokens', () => {
  test('reproduce the golden token byte for byte', async () => {
    const token = await signJitsiToken(fixture.hs256.payload, { alg: 'HS256', key: await importJitsiSecret(SECRET) });
    assert.equal(token, fixture.hs256.token);
    assert.deepEqual(decodeProtectedHeader(token), fixture.hs256.header);
  });

  test('a join carries the claims in the golden order, exp in minutes, and the same room in URL and token', async () => {
    const target = await new JitsiProvider(backend(), noKeys, fetch, () => NOW).join(meeting, visitor);
    const url = new URL(target.url);
    assert.equal(`${url.origin}${url.pathname}`, 'https://meet.example.org/tsv-musterstadt_training');
    const jwt = url.searchParams.get('jwt')!;
    assert.deepEqual(target.embed, { type: 'jitsi', domain: 'meet.example.org', roomName: 'tsv-musterstadt_training', jwt });
    assert.deepEqual(decodeProtectedHeader(jwt), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(jwt);
    assert.deepEqual(Object.keys(claims), ['iss', 'aud', 'sub', 'room', 'iat', 'nbf', 'exp', 'context']);
    assert.deepEqual(claims, {
      iss: 'vereinsraum',
      aud: 'jitsi',
      sub: 'meet.jitsi',
      room: 'tsv-musterstadt_training',
      iat: NOW / 1000,
      nbf: NOW / 1000 - 30,
      exp: NOW / 1000 + 300,
      context: { user: { id: 'u-1', name: 'Jürgen & <Co> 🏓', moderator: true } },
    });
  });

  test('with a Jitsi tenant, sub is the tenant and the room sits under it', async () => {
    const target = await new JitsiProvider(backend({ tenant: 'buehl' }), noKeys, fetch, () => NOW).join(meeting, {
      ...visitor,
      role: 'attendee',
    });
    assert.equal(new URL(target.url).pathname, '/buehl/tsv-musterstadt_training');
    assert.equal(target.embed?.roomName, 'buehl/tsv-musterstadt_training');
    const claims = decodeJwt(target.embed!.jwt) as unknown as JitsiClaims;
    assert.equal(claims.sub, 'buehl');
    assert.equal(claims.room, 'tsv-musterstadt_training');
    assert.equal(claims.context.user.moderator, false);
  });

  test('RS256: the newest RSA key signs, its kid is in the header, the server publishes it at sha256(kid).pem', async () => {
    const old = await generateKey('RS256');
    const newest = await generateKey('RS256');
    const keys = await KeySet.fromJson({ keys: [await generateKey('EdDSA'), old, newest] });
    const { appSecret: _, ...rs256 } = backend();
    const target = await new JitsiProvider(
      rs256,
      async () => keys,
      fetch,
      () => NOW,
    ).join(meeting, visitor);
    const jwt = target.embed!.jwt;
    assert.deepEqual(decodeProtectedHeader(jwt), { alg: 'RS256', typ: 'JWT', kid: newest.kid });

    const config = {
      backends: { bbb: { type: 'bbb', url: 'https://bbb.example.org/', secretEnv: 'S' } },
      tenants: { t: { name: 'Tenant', allowedOrigins: [], rooms: { r: { name: 'Room', backend: 'bbb', start: 'anyone' } } } },
    };
    const handler = createHandler(parseConfig(config, { S: 'secret' }), { keys });
    const hash = await sha256Hex(newest.kid);
    assert.match(hash, /^[0-9a-f]{64}$/);
    const response = await handler(new Request(`http://localhost/v1/jitsi-keys/${hash}.pem`));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-pem-file');
    const pem = await response.text();
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
    // Check the signature with node:crypto, independently of jose.
    const [header, payload, signature] = jwt.split('.');
    assert.ok(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(pem), Buffer.from(signature!, 'base64url')));

    assert.equal(
      (await handler(new Request(`http://localhost/v1/jitsi-keys/${await sha256Hex(old.kid)}.pem`))).status,
      200,
      'older keys stay published',
    );
    assert.equal((await handler(new Request(`http://localhost/v1/jitsi-keys/${'0'.repeat(64)}.pem`))).status, 404);
    assert.equal((await handler(new Request(`http://localhost/v1/jitsi-keys/${newest.kid}.pem`))).status, 404, 'by hash only');
  });

  test('a handler given keys without an RSA key refuses an RS256 Jitsi back end at once', async () => {
    const config = parseConfig(
      {
        backends: { meet: { type: 'jitsi', domain: 'meet.example.org', appId: 'vereinsraum' } },
        tenants: { t: { name: 'Tenant', allowedOrigins: [], rooms: { r: { name: 'Room', backend: 'meet', start: 'anyone' } } } },
      },
      {},
    );
    const keys = await KeySet.fromJson({ keys: [await generateKey('EdDSA')] });
    assert.throws(() => createHandler(config, { keys }), /keys generate --rsa/);
  });
});

describe('Jitsi config', () => {
  const tenants = { t: { name: 'Tenant', allowedOrigins: [], rooms: { r: { name: 'Room', backend: 'meet', start: 'anyone' } } } };

  test('reads domain, tenant, secret and defaults', () => {
    const config = parseConfig(
      {
        backends: { meet: { type: 'jitsi', domain: 'Meet.Example.org:8443', appId: 'app', tenant: 'Buehl', appSecretEnv: 'JITSI_SECRET' } },
        tenants,
      },
      { JITSI_SECRET: SECRET },
    );
    assert.deepEqual(config.backends.get('meet'), {
      type: 'jitsi',
      domain: 'meet.example.org:8443',
      protocol: 'https',
      appId: 'app',
      xmppDomain: 'meet.example.org',
      tokenMinutes: 5,
      timeoutMs: 5000,
      tenant: 'buehl',
      appSecret: SECRET,
    });
  });

  test('names every bad field', () => {
    const bad = {
      type: 'jitsi',
      domain: 'https://meet.example.org/',
      protocol: 'ftp',
      appId: 'a b',
      appSecretEnv: 'SHORT',
      tokenMinutes: 600,
      roomSizeUrl: 'nope',
    };
    assert.throws(
      () => parseConfig({ backends: { meet: bad }, tenants }, { SHORT: 'short' }),
      (error: Error & { issues?: Array<{ path: string }> }) => {
        assert.deepEqual(error.issues?.map((i) => i.path).sort(), [
          'backends.meet.appId',
          'backends.meet.appSecretEnv',
          'backends.meet.domain',
          'backends.meet.protocol',
          'backends.meet.roomSizeUrl',
          'backends.meet.tokenMinutes',
        ]);
        return true;
      },
    );
  });
});
