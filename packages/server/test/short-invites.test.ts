// Short invite and manage links: `<id>.<secret>`, the secret's hash in a real
// SQLite file, checked by the real handler over HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { base64url } from 'jose';
import type { AdminBooking, BookingCreated, BookingView, InviteInfo } from '@vereinsraum/protocol';
import { parseConfig } from '../src/config/index.ts';
import { HttpError } from '../src/errors.ts';
import { createHandler } from '../src/handler.ts';
import { fillMailLinks } from '../src/mail/delivery.ts';
import { createInvite, inspectInvite, makeShortInvite, shortInviteToken, verifyInvite } from '../src/invites.ts';
import { generateKey, KeySet } from '../src/keys.ts';
import { secretMatches } from '../src/links.ts';
import { MemoryRevocations, StoreRevocations } from '../src/revocations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ADMIN, bookingConfig, HOUR, PAGE_ORIGIN, type BookingStack, startBookingStack } from './booking-stack.ts';
import { env } from './stack.ts';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY = 86_400;
const SHORT = /^[\w-]{11}\.[\w-]{22}$/;

async function refusedWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError, `expected an HttpError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

async function problem(response: Response, status: number, code: string): Promise<void> {
  const body = (await response.json()) as { code: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.code, code);
}

/** Every byte of the database, its write-ahead log included. */
async function databaseBytes(path: string): Promise<Buffer> {
  const parts = await Promise.all(['', '-wal'].map((suffix) => readFile(`${path}${suffix}`).catch(() => Buffer.alloc(0))));
  return Buffer.concat(parts);
}

/** The token with one character of its secret changed. */
function tampered(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

describe('short invites', () => {
  let dir: string;
  let store: SqliteStore;
  let keys: KeySet;
  const spec = { tenant: 'tsv', room: 'vorstand', role: 'moderator' as const, expiresInSeconds: DAY, now: NOW };
  const check = (overrides: Partial<Parameters<typeof verifyInvite>[2]> = {}) => ({
    tenant: 'tsv',
    room: 'vorstand',
    now: NOW,
    revocations: new MemoryRevocations(() => NOW),
    invites: store,
    ...overrides,
  });
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-short-'));
    store = new SqliteStore(join(dir, 'vereinsraum.db'));
    keys = await KeySet.fromJson({ keys: [await generateKey('EdDSA')] });
  });
  after(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function stored(overrides: Partial<Parameters<typeof makeShortInvite>[1]> = {}) {
    const made = await makeShortInvite(keys, { ...spec, ...overrides });
    await store.addInvite(made.record);
    return made;
  }

  test('a short invite is <id>.<secret>, 34 characters, and verifies against its stored hash', async () => {
    const { invite, record } = await stored();
    assert.match(invite.token, SHORT);
    assert.equal(invite.token.length, 34);
    assert.equal(invite.jti, record.id);
    assert.equal(invite.expiresAt, new Date(NOW + DAY * 1000).toISOString());
    assert.deepEqual(await verifyInvite(keys, invite.token, check()), { role: 'moderator', jti: record.id });
    // The server can show it again from its id and kid (a booking's links), and only with that key.
    assert.equal(await shortInviteToken(keys, record), invite.token);
    assert.equal(await shortInviteToken(keys, { ...record, kid: 'gone' }), undefined);
  });

  test('each refusal has its own code: wrong secret, unknown id, revoked, expired, not yet valid, other room, other tenant', async () => {
    const { invite, record } = await stored({ notBefore: NOW + HOUR });
    const ok = check({ now: NOW + HOUR });
    assert.equal((await verifyInvite(keys, invite.token, ok)).role, 'moderator');
    await refusedWith(verifyInvite(keys, tampered(invite.token), ok), 'invite_invalid');
    const unknown = `${base64url.encode(new Uint8Array(8))}.${invite.token.split('.')[1]}`;
    await refusedWith(verifyInvite(keys, unknown, ok), 'invite_invalid');
    await refusedWith(verifyInvite(keys, invite.token, check({ now: NOW + HOUR - 1 })), 'invite_not_yet_valid');
    assert.equal(
      (await verifyInvite(keys, invite.token, check({ now: NOW + DAY * 1000 - 1 }))).role,
      'moderator',
      'valid until the last millisecond',
    );
    await refusedWith(verifyInvite(keys, invite.token, check({ now: NOW + DAY * 1000 })), 'invite_expired');
    await refusedWith(verifyInvite(keys, invite.token, { ...ok, room: 'training' }), 'invite_wrong_room');
    await refusedWith(verifyInvite(keys, invite.token, { ...ok, tenant: 'other' }), 'invite_wrong_room');
    const revocations = new MemoryRevocations(() => NOW + HOUR);
    await revocations.revoke(record.id, record.expiresAt);
    await refusedWith(verifyInvite(keys, invite.token, { ...ok, revocations }), 'invite_revoked');
    // Without a store nothing short can be looked up.
    await refusedWith(verifyInvite(keys, invite.token, { ...ok, invites: undefined }), 'invite_invalid');
    // Removing the key ends the links made with it, as it ends signed ones.
    const rotated = await KeySet.fromJson({ keys: [await generateKey('EdDSA')] });
    await refusedWith(verifyInvite(rotated, invite.token, ok), 'invite_key_unknown');
  });

  test('a tampered or unknown link is refused before anything else is told', async () => {
    const { invite, record } = await stored({ expiresInSeconds: 60 });
    const revocations = new MemoryRevocations(() => NOW);
    await revocations.revoke(record.id, record.expiresAt);
    // Revoked and expired, but a wrong secret says neither.
    await refusedWith(inspectInvite(keys, tampered(invite.token), { now: NOW + HOUR, revocations, invites: store }), 'invite_invalid');
    await refusedWith(inspectInvite(keys, invite.token, { now: NOW + HOUR, revocations, invites: store }), 'invite_expired');
  });

  test('the secret compare: same hash only, an unknown id never matches', async () => {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('secret')));
    assert.equal(await secretMatches('secret', hash), true);
    assert.equal(await secretMatches('secreT', hash), false);
    assert.equal(await secretMatches('secret', undefined), false);
    assert.equal(await secretMatches('', new Uint8Array(32)), false);
    assert.equal(await secretMatches('secret', hash.slice(0, 31)), false);
  });

  test('the secret is never stored: the SQLite file holds its hash, not the secret in any form', async () => {
    const { invite, record } = await stored();
    const secret = invite.token.split('.')[1]!;
    const bytes = await databaseBytes(store.path);
    // The search works: the id and the hash are there.
    assert.ok(bytes.includes(Buffer.from(record.id)), 'the id is stored');
    assert.ok(bytes.includes(Buffer.from(record.secretHash)), 'the hash is stored');
    for (const form of [Buffer.from(secret), Buffer.from(base64url.decode(secret)), Buffer.from(invite.token)]) {
      assert.ok(!bytes.includes(form), 'the secret is not in the file');
    }
  });
});

describe('short links over HTTP', () => {
  let stack: BookingStack;
  const info = (token: unknown, headers: Record<string, string> = {}, tenant = 'tsv') =>
    fetch(`${stack.api}/v1/tenants/${tenant}/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ invite: token }),
    });
  const join = (room: string, invite: string) =>
    fetch(`${stack.api}/v1/rooms/tsv/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Eingeladen', invite }),
    });
  async function adminInvite(room: string, role: string, tenant = 'tsv'): Promise<{ token: string; jti: string; expiresAt: string }> {
    const response = await stack.admin('/invites', { method: 'POST', body: JSON.stringify({ tenant, room, role, expiresIn: '1d' }) });
    assert.equal(response.status, 201);
    return response.json();
  }
  before(async () => {
    stack = await startBookingStack({ bookings: { perClientPerHour: 1000 } });
  });
  after(() => stack.close());

  test('the admin API makes short invites; they join, and DELETE by id revokes them', async () => {
    const { token, jti, expiresAt } = await adminInvite('vorstand', 'moderator');
    assert.match(token, SHORT);
    assert.equal(jti, token.split('.')[0]);
    assert.ok(Date.parse(expiresAt) > Date.now());
    const answer = await (await join('vorstand', token)).json();
    assert.equal(answer.role, 'moderator');
    assert.equal((await stack.admin(`/invites/${jti}`, { method: 'DELETE' })).status, 204);
    await problem(await join('vorstand', token), 403, 'invite_revoked');
    await problem(await join('vorstand', tampered((await adminInvite('vorstand', 'attendee')).token)), 403, 'invite_invalid');
    await problem(await stack.admin('/invites/not-an-id!', { method: 'DELETE' }), 400, 'invalid_input');
  });

  test('signed invites sent before short links still work, on a server with a store', async () => {
    const signed = await createInvite(stack.keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: 3600 });
    assert.ok(signed.token.length > 300);
    assert.equal((await (await join('vorstand', signed.token)).json()).role, 'moderator');
    const facts = (await (await info(signed.token)).json()) as InviteInfo;
    assert.deepEqual(
      { ...facts, validUntil: undefined },
      {
        room: 'vorstand',
        kind: 'video',
        role: 'moderator',
        title: 'Vorstand',
        dates: [],
        validFrom: null,
        validUntil: undefined,
        notYetValid: false,
      },
    );
    assert.equal((await stack.admin(`/invites/${signed.jti}`, { method: 'DELETE' })).status, 204);
    await problem(await join('vorstand', signed.token), 403, 'invite_revoked');
    await problem(await info(signed.token), 403, 'invite_revoked');
  });

  test('a booking: short links in the mail (under 80 characters), the manage link too; the join page learns title, dates and role', async () => {
    const created = (await (await stack.post(await stack.body({ title: 'Kassenprüfung', weeks: 2 }, 3 * HOUR))).json()) as BookingCreated;
    assert.match(created.manageToken, /^[a-z0-9]{12}\.[\w-]{22}$/);
    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const stored = (await stack.store.listMails(50)).find((m) => m.kind === 'approved' && m.bookingId === created.id)!;
    // The outbox keeps placeholders; the tokens are filled in as the mail is sent.
    assert.ok(!stored.text.includes(created.manageToken.split('.')[1]!), 'no secret in the outbox');
    const mail = await fillMailLinks(stack.keys, stored);
    const links = mail.text.split('\n').filter((line) => /^https:\/\//.test(line));
    assert.deepEqual(links, [approved.links!.moderator, approved.links!.attendee, created.manageUrl]);
    for (const link of links) assert.ok(link.length <= 80, `${link} has ${link.length} characters`);
    assert.equal(approved.links!.moderator, `https://www.tsv.example/raum#invite=${new URL(approved.links!.moderator).hash.slice(8)}`);

    // The booker's view shows the same links again, from the stored ids and the key.
    const view = (await (
      await fetch(`${stack.api}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${created.manageToken}` } })
    ).json()) as BookingView;
    assert.deepEqual(view.links, approved.links);

    const token = new URL(approved.links!.moderator).hash.slice('#invite='.length);
    const response = await info(token, { origin: PAGE_ORIGIN });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    const facts = (await response.json()) as InviteInfo;
    assert.deepEqual(facts, {
      room: `b-${created.id}`,
      kind: 'video',
      role: 'moderator',
      title: 'Kassenprüfung',
      dates: created.dates,
      validFrom: new Date(Math.floor((Date.parse(created.dates[0]!.start) - 30 * 60_000) / 1000) * 1000).toISOString(),
      validUntil: new Date(Math.floor(Date.parse(created.dates[1]!.end) / 1000) * 1000).toISOString(),
      notYetValid: true,
    });
    // Not valid yet: the join says so; from the start on it works.
    await problem(await join(`b-${created.id}`, token), 403, 'invite_not_yet_valid');
    stack.shift(3 * HOUR - 30 * 60_000);
    try {
      assert.equal(((await (await info(token)).json()) as InviteInfo).notYetValid, false);
      assert.equal((await (await join(`b-${created.id}`, token)).json()).role, 'moderator');
    } finally {
      stack.shift(-(3 * HOUR - 30 * 60_000));
    }

    // Cancelled: the links are revoked, and the join page hears so.
    assert.equal(
      (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${created.manageToken}` },
        })
      ).status,
      200,
    );
    await problem(await info(token), 403, 'invite_revoked');
  });

  test('the invite route: origin checked first, POST only, refusals with the join codes', async () => {
    const { token } = await adminInvite('vorstand', 'attendee');
    await problem(await info(token, { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    await problem(await fetch(`${stack.api}/v1/tenants/tsv/invite`), 405, 'method_not_allowed');
    await problem(await info(42), 400, 'invalid_input');
    await problem(await info(token, {}, 'nope'), 404, 'tenant_not_found');
    const other = await adminInvite('hall', 'moderator', 'other');
    await problem(await info(other.token), 403, 'invite_wrong_room');
    // Asked for a room, an invite for another one is refused.
    const forRoom = (room: unknown) =>
      fetch(`${stack.api}/v1/tenants/tsv/invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invite: token, room }),
      });
    await problem(await forRoom('training'), 403, 'invite_wrong_room');
    assert.equal((await forRoom('vorstand')).status, 200);
    await problem(await forRoom(7), 400, 'invalid_input');
    const facts = (await (await info(token)).json()) as InviteInfo;
    assert.deepEqual(
      [facts.room, facts.role, facts.title, facts.validFrom, facts.notYetValid],
      ['vorstand', 'attendee', 'Vorstand', null, false],
    );
    stack.shift(DAY * 1000);
    try {
      await problem(await info(token), 403, 'invite_expired');
    } finally {
      stack.shift(-DAY * 1000);
    }
  });

  test('the secrets of an approval, the admin API and the manage link are not in the database file', async () => {
    const created = (await (await stack.post(await stack.body())).json()) as BookingCreated;
    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const { token } = await adminInvite('training', 'moderator');
    const tokens = [
      token,
      created.manageToken,
      ...[approved.links!.moderator, approved.links!.attendee].map((link) => new URL(link).hash.slice('#invite='.length)),
    ];
    const bytes = await databaseBytes(stack.dbPath);
    assert.ok(bytes.includes(Buffer.from(created.id)), 'the booking is in the file');
    for (const secret of tokens.map((t) => t.split('.')[1]!)) {
      assert.ok(!bytes.includes(Buffer.from(secret)) && !bytes.includes(Buffer.from(base64url.decode(secret))), 'no secret in the file');
    }
  });
});

describe('the invite route without a network', () => {
  test('forged invites are limited per client and tenant; other clients are not', async () => {
    const config = parseConfig(bookingConfig('http://127.0.0.1:1/bigbluebutton/'), { ...env, ADMIN_TOKEN: ADMIN });
    const store = new SqliteStore(':memory:');
    const handler = createHandler(config, {
      store,
      codeAttempts: 3,
      revocations: new StoreRevocations(store),
      challengeKey: 'k',
      log: () => {},
    });
    const ask = (client: string, invite: string) =>
      handler(
        new Request('http://localhost/v1/tenants/tsv/invite', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ invite }),
        }),
        { clientAddress: client },
      );
    const forged = `${base64url.encode(new Uint8Array(8))}.${base64url.encode(new Uint8Array(16))}`;
    for (let i = 0; i < 3; i++) await problem(await ask('192.0.2.1', forged), 403, 'invite_invalid');
    const limited = await ask('192.0.2.1', forged);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await problem(limited, 429, 'too_many_attempts');
    await problem(await ask('192.0.2.2', forged), 403, 'invite_invalid');
    store.close();
  });
});

describe('link ids', () => {
  test('an id never begins with "-", so `vereinsraum invite revoke --id ID` reads it as the value', async () => {
    const { newLinkId } = await import('../src/links.ts');
    // A base64url character is "-" once in 64: 20,000 ids would hold about 300 of them.
    const ids = Array.from({ length: 20_000 }, newLinkId);
    assert.deepEqual(
      ids.filter((id) => id.startsWith('-')),
      [],
    );
    assert.ok(ids.every((id) => /^[A-Za-z0-9_][A-Za-z0-9_-]{10}$/.test(id)));
    assert.equal(new Set(ids).size, ids.length);
  });
});
