// The server helper's Jitsi tokens, checked by the sandbox's independent
// stand-in of prosody's token plugin, over loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKeySet } from '../src/keys.ts';

const APP_SECRET = 'jitsi-app-secret-for-tests-0123456789abcdef';
const APP_ID = 'vereinsraum-test';
let clock = Date.now();
/** How far the server helper's clock runs ahead of the sandbox's (ms). */
let serverAhead = 0;

let sandbox: Sandbox;
let api: string;
let closeServer: () => Promise<void>;
before(async () => {
  sandbox = await startSandbox({
    secret: 'bbb-unused',
    jitsi: { appId: APP_ID, appSecret: APP_SECRET, xmppDomain: 'meet.jitsi', now: () => clock },
  });
  const jitsi = sandbox.jitsi!;
  const meet = {
    type: 'jitsi',
    domain: jitsi.domain,
    protocol: 'http',
    appId: APP_ID,
    xmppDomain: 'meet.jitsi',
    roomSizeUrl: `${jitsi.url}/room-size`,
  };
  const config = parseConfig(
    {
      backends: {
        hs: { ...meet, appSecretEnv: 'JITSI_SECRET' },
        rs: meet,
        town: { ...meet, tenant: 'buehl', appSecretEnv: 'JITSI_SECRET' },
        blind: {
          type: 'jitsi',
          domain: jitsi.domain,
          protocol: 'http',
          appId: APP_ID,
          xmppDomain: 'meet.jitsi',
          appSecretEnv: 'JITSI_SECRET',
        },
      },
      tenants: {
        tsv: {
          name: 'TSV',
          allowedOrigins: [],
          rooms: {
            treff: { name: 'Treff', backend: 'hs', start: 'anyone' },
            rsa: { name: 'RSA room', backend: 'rs', start: 'anyone' },
            stadt: { name: 'Town room', backend: 'town', start: 'anyone' },
            sprechstunde: { name: 'Sprechstunde', backend: 'hs', start: 'moderator-code', moderatorCodeEnv: 'MOD' },
            blind: { name: 'No room size', backend: 'blind', start: 'moderator-code', moderatorCodeEnv: 'MOD' },
            wartezimmer: { name: 'Wartezimmer', backend: 'hs', start: 'moderator-code', moderatorCodeEnv: 'MOD' },
          },
        },
        // A partner town under its own Jitsi tenant, on a back end without one and on one with another.
        partner: {
          name: 'Partnerstadt',
          allowedOrigins: [],
          jitsiTenant: 'partnerstadt',
          rooms: {
            rat: { name: 'Gemeinderat', backend: 'hs', start: 'anyone' },
            buero: { name: 'Bürgerbüro', backend: 'town', start: 'anyone' },
          },
        },
      },
    },
    { JITSI_SECRET: APP_SECRET, MOD: 'leitung' },
  );
  const server = await serve(
    createHandler(config, { keys: await generateKeySet({ rsa: true }), status: { ttlMs: 0 }, now: () => clock + serverAhead }),
  );
  api = server.url;
  closeServer = () => server.close();
  jitsi.setAsapKeyServer(`${api}/v1/jitsi-keys`);
});
after(async () => {
  await closeServer();
  await sandbox.close();
});

async function join(
  room: string,
  body: Record<string, unknown> = {},
  tenant = 'tsv',
): Promise<{ url?: string; role?: string; waiting?: boolean; embed?: { domain: string; roomName: string; jwt: string } }> {
  const response = await fetch(`${api}/v1/rooms/${tenant}/${room}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Anna Ärztin', ...body }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** Enter a Jitsi meeting page; answers the role the sandbox gave, or the reason it refused. */
async function enter(url: string): Promise<{ status: number; role?: string; reason?: string }> {
  const response = await fetch(url);
  const page = await response.text();
  return {
    status: response.status,
    role: /data-testid="user-role">([^<]+)</.exec(page)?.[1],
    reason: /data-testid="auth-error">([^<]+)</.exec(page)?.[1],
  };
}

async function status(room: string, tenant = 'tsv'): Promise<{ state: string; participants: number | null }> {
  return (await fetch(`${api}/v1/rooms/${tenant}/${room}/status`)).json();
}

describe('Jitsi through the sandbox', () => {
  test('HS256: the first visitor hosts, the next is a participant, status counts both', async () => {
    assert.deepEqual(await status('treff'), { ...(await status('treff')), state: 'idle', participants: 0 });
    const host = await join('treff');
    assert.equal(host.role, 'moderator');
    assert.deepEqual(await enter(host.url!), { status: 200, role: 'moderator', reason: undefined });
    assert.equal((await status('treff')).participants, 1);

    const guest = await join('treff', { displayName: 'Gast' });
    assert.equal(guest.role, 'attendee');
    assert.equal((await enter(guest.url!)).role, 'participant');
    assert.deepEqual(await status('treff'), { ...(await status('treff')), state: 'live', participants: 2 });
  });

  test('RS256: the sandbox fetches the public key from the server helper by sha256(kid), once', async () => {
    const before = sandbox.jitsi!.calls.keyFetches;
    const first = await join('rsa');
    assert.equal((await enter(first.url!)).role, 'moderator');
    const second = await join('rsa', { displayName: 'Zweite' });
    assert.equal((await enter(second.url!)).status, 200);
    assert.equal(sandbox.jitsi!.calls.keyFetches - before, 1, 'the key is fetched once and cached per kid');
  });

  test('a Jitsi tenant: URL under the tenant, sub the tenant, accepted', async () => {
    const answer = await join('stadt');
    assert.match(new URL(answer.url!).pathname, /^\/buehl\/tsv_stadt$/);
    assert.equal((await enter(answer.url!)).role, 'moderator');
  });

  test("a tenant's jitsiTenant: its URL, sub and embed, over the back end's tenant or none; status under it", async () => {
    assert.equal((await status('rat', 'partner')).participants, 0);
    const host = await join('rat', { embed: true }, 'partner');
    assert.equal(new URL(host.url!).pathname, '/partnerstadt/partner_rat');
    assert.equal(decodeJwt(host.embed!.jwt).sub, 'partnerstadt');
    assert.equal(host.embed!.roomName, 'partnerstadt/partner_rat');
    assert.equal((await enter(host.url!)).role, 'moderator', 'the sandbox accepts sub and path by the token rules');
    assert.deepEqual(await status('rat', 'partner'), { ...(await status('rat', 'partner')), state: 'live', participants: 1 });

    const office = await join('buero', {}, 'partner');
    assert.equal(new URL(office.url!).pathname, '/partnerstadt/partner_buero', "not under the back end's tenant buehl");
    assert.equal((await enter(office.url!)).role, 'moderator');
    const elsewhere = new URL(office.url!);
    elsewhere.pathname = '/buehl/partner_buero';
    assert.equal((await enter(elsewhere.href)).status, 403, "the token's sub binds it to its tenant");
  });

  test('embed answers carry what the iframe API needs, for the same room', async () => {
    const answer = await join('treff', { displayName: 'Eingebettet', embed: true });
    assert.deepEqual(answer.embed, {
      type: 'jitsi',
      domain: sandbox.jitsi!.domain,
      roomName: 'tsv_treff',
      jwt: new URL(answer.url!).searchParams.get('jwt'),
    });
    assert.equal((await join('treff', { displayName: 'Ohne' })).embed, undefined, 'only when asked');
  });

  test('the token binds room and lifetime: another room, or one second past exp, is refused', async () => {
    const answer = await join('sprechstunde', { accessCode: 'leitung' });
    const jwt = new URL(answer.url!).searchParams.get('jwt')!;
    const otherRoom = new URL(answer.url!);
    otherRoom.pathname = '/tsv_treff';
    const refused = await enter(otherRoom.href);
    assert.equal(refused.status, 403);
    assert.ok(refused.reason, 'the sandbox names why');

    const issued = clock;
    try {
      clock = issued + 5 * 60_000 - 1000;
      assert.equal((await enter(answer.url!)).status, 200, 'still valid just before exp');
      clock = issued + 5 * 60_000 + 1000;
      assert.equal((await enter(`${sandbox.jitsi!.url}/tsv_sprechstunde?jwt=${jwt}`)).status, 403, 'no leeway after exp');
    } finally {
      clock = issued;
    }
  });

  test("a server clock 5 s ahead of prosody's: the token is valid from 30 s before it was made, and accepted", async () => {
    serverAhead = 5000;
    try {
      const answer = await join('treff', { displayName: 'Uhr vorn' });
      const claims = decodeJwt(answer.embed?.jwt ?? new URL(answer.url!).searchParams.get('jwt')!);
      assert.equal(claims.nbf, claims.iat! - 30);
      assert.equal((await enter(answer.url!)).status, 200, 'prosody allows no leeway, so nbf = iat would be refused');
    } finally {
      serverAhead = 0;
    }
  });

  test('without a room-size endpoint, status is unknown and attendees are let in', async () => {
    assert.deepEqual(await status('blind'), { ...(await status('blind')), state: 'unknown', participants: null });
    const attendee = await join('blind', { displayName: 'Gast' });
    assert.equal(attendee.role, 'attendee');
    assert.equal((await enter(attendee.url!)).role, 'participant');
  });

  test('in a moderator-code room, attendees wait until the host is inside', async () => {
    assert.deepEqual(await join('wartezimmer', { displayName: 'Gast' }), { waiting: true });
    const host = await join('wartezimmer', { accessCode: 'leitung' });
    assert.equal(host.role, 'moderator');
    assert.deepEqual(await join('wartezimmer', { displayName: 'Gast' }), { waiting: true }, 'the host has not entered yet');
    await enter(host.url!);
    assert.equal((await join('wartezimmer', { displayName: 'Gast' })).role, 'attendee');
  });
});
