import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeProtectedHeader, decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { INVITE_AUDIENCE } from '@vereinsraum/protocol';
import { HttpError } from '../src/errors.ts';
import { createInvite, INVITE_ISSUER, parseDuration, verifyInvite } from '../src/invites.ts';
import { generateKey, KeySet, type StoredKey } from '../src/keys.ts';
import { MemoryRevocations } from '../src/revocations.ts';
import { MODERATOR_CODE, startStack, type Stack } from './stack.ts';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 86_400;

let stored: StoredKey;
let keys: KeySet;
before(async () => {
  stored = await generateKey('EdDSA');
  keys = await KeySet.fromJson({ keys: [stored] });
});

function check(overrides: Partial<Parameters<typeof verifyInvite>[2]> = {}) {
  return { tenant: 'tsv', room: 'vorstand', now: NOW, revocations: new MemoryRevocations(() => NOW), ...overrides };
}

async function refusedWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError, `expected an HttpError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/** A token with our claims, signed however the test likes. */
function claims(extra: Record<string, unknown> = {}) {
  const iat = Math.floor(NOW / 1000);
  return {
    iss: INVITE_ISSUER,
    aud: INVITE_AUDIENCE,
    sub: 'tsv/vorstand',
    role: 'moderator',
    iat,
    exp: iat + DAY,
    jti: crypto.randomUUID(),
    ...extra,
  };
}

describe('invite tokens', () => {
  test('an invite carries iss, aud, sub, role, exp and jti, signed with EdDSA under the newest kid', async () => {
    const invite = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: 30 * DAY, now: NOW });
    assert.deepEqual(decodeProtectedHeader(invite.token), { alg: 'EdDSA', typ: 'JWT', kid: stored.kid });
    const payload = decodeJwt(invite.token);
    assert.deepEqual(Object.keys(payload), ['iss', 'aud', 'sub', 'role', 'iat', 'exp', 'jti']);
    assert.equal(payload.sub, 'tsv/vorstand');
    assert.equal(payload.exp, NOW / 1000 + 30 * DAY);
    assert.equal(invite.expiresAt, new Date(NOW + 30 * DAY * 1000).toISOString());
    assert.deepEqual(await verifyInvite(keys, invite.token, check()), { role: 'moderator', jti: invite.jti });
  });

  test('refuses alg none', async () => {
    const token = new UnsecuredJWT(claims()).encode();
    await refusedWith(verifyInvite(keys, token, check()), 'invite_invalid');
  });

  test('refuses an HS256 token where EdDSA is expected, even keyed with our public key', async () => {
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(keys.publicJwks().keys[0]));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: stored.kid }).sign(publicKeyBytes);
    await refusedWith(verifyInvite(keys, token, check()), 'invite_invalid');
  });

  test('refuses a token signed by another key under our kid', async () => {
    const other = await KeySet.fromJson({ keys: [{ ...(await generateKey('EdDSA')), kid: stored.kid }] });
    const forged = await createInvite(other, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    await refusedWith(verifyInvite(keys, forged.token, check()), 'invite_invalid');
  });

  test('refuses another audience and another issuer', async () => {
    const { key, kid } = keys.signingKey('EdDSA')!;
    for (const extra of [{ aud: 'jitsi' }, { iss: 'someone-else' }]) {
      const token = await new SignJWT(claims(extra)).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid }).sign(key);
      await refusedWith(verifyInvite(keys, token, check()), 'invite_invalid');
    }
  });

  test('refuses a token for another room or another tenant', async () => {
    const invite = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    await refusedWith(verifyInvite(keys, invite.token, check({ room: 'training' })), 'invite_wrong_room');
    await refusedWith(verifyInvite(keys, invite.token, check({ tenant: 'other' })), 'invite_wrong_room');
  });

  test('refuses an expired and a not yet valid invite, to the second', async () => {
    const invite = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'attendee', expiresInSeconds: 3600, now: NOW });
    assert.equal((await verifyInvite(keys, invite.token, check({ now: NOW + 3599_000 }))).role, 'attendee');
    await refusedWith(verifyInvite(keys, invite.token, check({ now: NOW + 3600_000 })), 'invite_expired');
    const later = await createInvite(keys, {
      tenant: 'tsv',
      room: 'vorstand',
      role: 'attendee',
      expiresInSeconds: DAY,
      notBefore: NOW + 3600_000,
      now: NOW,
    });
    await refusedWith(verifyInvite(keys, later.token, check()), 'invite_not_yet_valid');
    assert.equal((await verifyInvite(keys, later.token, check({ now: NOW + 3600_000 }))).role, 'attendee');
  });

  test('refuses a revoked invite and nothing else', async () => {
    const revocations = new MemoryRevocations(() => NOW);
    const revoked = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    const kept = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    await revocations.revoke(revoked.jti, Date.parse(revoked.expiresAt));
    await refusedWith(verifyInvite(keys, revoked.token, check({ revocations })), 'invite_revoked');
    assert.equal((await verifyInvite(keys, kept.token, check({ revocations }))).role, 'moderator');
  });

  test('refuses garbage, a token without kid and one that is too long', async () => {
    await refusedWith(verifyInvite(keys, 'not-a-token', check()), 'invite_invalid');
    const { key } = keys.signingKey('EdDSA')!;
    const noKid = await new SignJWT(claims()).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(key);
    await refusedWith(verifyInvite(keys, noKid, check()), 'invite_key_unknown');
    await refusedWith(verifyInvite(keys, 'a'.repeat(5000), check()), 'invalid_input');
  });

  test('rotation: new invites use the newest key, old ones verify until their key is removed', async () => {
    const newer = await generateKey('EdDSA');
    const rotated = await KeySet.fromJson({ keys: [stored, newer] });
    const old = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    const fresh = await createInvite(rotated, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: DAY, now: NOW });
    assert.equal(decodeProtectedHeader(fresh.token).kid, newer.kid);
    assert.equal((await verifyInvite(rotated, old.token, check())).role, 'moderator');
    assert.equal((await verifyInvite(rotated, fresh.token, check())).role, 'moderator');

    const pruned = await KeySet.fromJson({ keys: [newer] });
    await refusedWith(verifyInvite(pruned, old.token, check()), 'invite_key_unknown');
    assert.equal((await verifyInvite(pruned, fresh.token, check())).role, 'moderator');
  });

  test('an RSA key of the set never verifies an invite', async () => {
    const rsa = await generateKey('RS256');
    const set = await KeySet.fromJson({ keys: [stored, rsa] });
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: rsa.kid })
      .sign(set.signingKey('RS256')!.key);
    await refusedWith(verifyInvite(set, token, check()), 'invite_invalid');
  });

  test('lifetimes read as minutes, hours or days within bounds', () => {
    assert.equal(parseDuration('90m'), 5400);
    assert.equal(parseDuration('12h'), 43_200);
    assert.equal(parseDuration('30d'), 30 * DAY);
    for (const bad of ['0m', '30', '1y', '401d', '-5d', '', '5 d']) assert.equal(parseDuration(bad), undefined, bad);
  });
});

describe('invites over HTTP', () => {
  const ADMIN = 'admin-token-for-tests-0123456789abcdef';
  let stack: Stack;
  let admin: (path: string, init?: RequestInit) => Promise<Response>;
  before(async () => {
    stack = await startStack({ status: { ttlMs: 0 }, keys: await KeySet.fromJson({ keys: [stored] }), adminToken: ADMIN });
    admin = (path, init = {}) =>
      fetch(`${stack.api}/v1/admin${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
      });
  });
  after(() => stack.close());

  async function invite(room: string, role: string, tenant = 'tsv'): Promise<{ token: string; jti: string; expiresAt: string }> {
    const response = await admin('/invites', { method: 'POST', body: JSON.stringify({ tenant, room, role, expiresIn: '1d' }) });
    assert.equal(response.status, 201);
    return response.json();
  }

  async function problemCode(response: Response, status: number): Promise<string> {
    assert.equal(response.status, status);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    return ((await response.json()) as { code: string }).code;
  }

  test('without a store the admin API signs invites: a JWT, since nothing could look a short one up', async () => {
    const { token, jti } = await invite('vorstand', 'moderator');
    assert.equal(decodeJwt(token).jti, jti);
    assert.equal(decodeProtectedHeader(token).alg, 'EdDSA');
  });

  test('a moderator invite makes the visitor moderator without any code', async () => {
    const { token } = await invite('vorstand', 'moderator');
    const answer = await (await stack.join('vorstand', { displayName: 'Eingeladen', invite: token })).json();
    assert.equal(answer.role, 'moderator');
    assert.equal(new URL(answer.url).searchParams.get('role'), 'MODERATOR');
  });

  test('an attendee invite needs no attendee code, and waits like an attendee', async () => {
    const { token } = await invite('sprechstunde', 'attendee');
    assert.deepEqual(await (await stack.join('sprechstunde', { displayName: 'Gast', invite: token })).json(), { waiting: true });
    const { token: vorstand } = await invite('vorstand', 'attendee');
    await stack.join('vorstand', { displayName: 'Host', accessCode: MODERATOR_CODE });
    const answer = await stack.join('vorstand', { displayName: 'Mitglied', invite: vorstand });
    assert.equal(answer.status, 200, 'no access_code_required with an invite');
  });

  test('an invite for another tenant or room is refused with invite_wrong_room', async () => {
    const { token } = await invite('hall', 'moderator', 'other');
    assert.equal(await problemCode(await stack.join('vorstand', { displayName: 'X', invite: token }), 403), 'invite_wrong_room');
  });

  test('revocation through the admin API takes effect at once', async () => {
    const { token, jti } = await invite('vorstand', 'moderator');
    const revoke = await admin(`/invites/${jti}`, { method: 'DELETE' });
    assert.equal(revoke.status, 204);
    assert.equal(await problemCode(await stack.join('vorstand', { displayName: 'X', invite: token }), 403), 'invite_revoked');
  });

  test('the admin API refuses a missing or wrong token, other origins and bad input', async () => {
    const body = JSON.stringify({ tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresIn: '1d' });
    const none = await fetch(`${stack.api}/v1/admin/invites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(await problemCode(none, 401), 'unauthorized');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.equal(
      await problemCode(await admin('/invites', { method: 'POST', body, headers: { authorization: `Bearer ${ADMIN}x` } }), 401),
      'unauthorized',
    );
    assert.equal(
      await problemCode(await admin('/invites', { method: 'POST', body, headers: { origin: 'https://www.tsv.example' } }), 403),
      'origin_not_allowed',
    );
    for (const [field, value] of [
      ['tenant', 'nope'],
      ['room', 'nope'],
      ['role', 'owner'],
      ['expiresIn', '2y'],
    ] as const) {
      const response = await admin('/invites', { method: 'POST', body: JSON.stringify({ ...JSON.parse(body), [field]: value }) });
      assert.equal(await problemCode(response, 400), 'invalid_input', field);
    }
    assert.equal(await problemCode(await admin('/invites/not-a-uuid', { method: 'DELETE' }), 400), 'invalid_input');
    assert.equal(await problemCode(await admin('/invites', { method: 'GET' }), 405), 'method_not_allowed');
  });

  test('an invite that is not a text, or not one of ours, gets a clear problem', async () => {
    assert.equal(await problemCode(await stack.join('vorstand', { displayName: 'X', invite: 42 }), 400), 'invalid_input');
    assert.equal(await problemCode(await stack.join('vorstand', { displayName: 'X', invite: 'a.b.c' }), 403), 'invite_invalid');
  });

  test('the JWKS lists public keys only', async () => {
    const response = await fetch(`${stack.api}/.well-known/jwks.json`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/jwk-set+json');
    const { keys: published } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    assert.deepEqual(published, [{ kty: 'OKP', crv: 'Ed25519', x: stored.x, kid: stored.kid, alg: 'EdDSA', use: 'sig' }]);
  });
});
