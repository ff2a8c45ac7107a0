// Tenants of one city on one server helper: their public configuration, their
// branding in meetings, and that no tenant reaches another's rooms. Real HTTP
// on 127.0.0.1, the BigBlueButton sandbox (which checks every checksum) and a
// real SQLite file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AdminBooking, BookingChallenge, BookingCreated, TenantInfo } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve, type RunningServer } from '../src/adapters/node.ts';
import { parseConfig, type ServerConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKeySet } from '../src/keys.ts';
import { tenantInfo } from '../src/routes/tenant.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { solve } from './booking-stack.ts';
import { enterMeeting, SECRET } from './stack.ts';

const STADT_ORIGIN = 'https://www.musterstadt.example';
const TSV_ORIGIN = 'https://www.tsv-musterstadt.example';
const ADMIN = 'admin-token-for-tenant-tests-0123456789abcdef';
/** Every secret the configuration holds: none may reach a browser. */
const SECRETS = {
  BBB_SECRET: SECRET,
  JITSI_SECRET: 'jitsi-app-secret-for-tenant-tests-0123456789',
  STADT_MOD: 'rathaus-leitung-4711',
  STADT_ATT: 'rathaus-gaeste-0815',
  TSV_MOD: 'tsv-vorstand-1897',
  ADMIN_TOKEN: ADMIN,
  SMTP_PASSWORD: 'smtp-passwort-geheim-42',
};

function cityConfig(bbbUrl: string) {
  return {
    backends: {
      bbb: { type: 'bbb', url: bbbUrl, secretEnv: 'BBB_SECRET', timeoutMs: 2000 },
      // The same server as a second back end (as if behind Scalelite), signing with sha1: one service origin.
      scalelite: { type: 'bbb', url: `${bbbUrl}api`, secretEnv: 'BBB_SECRET', checksum: 'sha1', timeoutMs: 2000 },
      meet: { type: 'jitsi', domain: 'meet.musterstadt.example', appId: 'vereinsraum', appSecretEnv: 'JITSI_SECRET' },
    },
    adminTokenEnv: 'ADMIN_TOKEN',
    smtp: {
      host: 'smtp.musterstadt.example',
      user: 'vereinsraum',
      passwordEnv: 'SMTP_PASSWORD',
      from: 'Vereinsraum <vereinsraum@musterstadt.example>',
    },
    tenants: {
      stadt: {
        name: 'Stadt Musterstadt',
        allowedOrigins: [STADT_ORIGIN],
        logoUrl: `${STADT_ORIGIN}/logo.svg`,
        theme: { primary: '#0B5CAD', onPrimary: '#ffffff', radius: '0.25rem', font: '"Atkinson Hyperlegible", Arial, sans-serif' },
        defaultLanguage: 'de',
        privacyPolicyUrl: `${STADT_ORIGIN}/datenschutz`,
        imprintUrl: `${STADT_ORIGIN}/impressum`,
        privacyNotice: { de: 'Die Stadt betreibt den Videodienst selbst.', en: 'The town runs the video service itself.' },
        bbbStyleUrl: `${STADT_ORIGIN}/bbb.css`,
        rooms: {
          rathaus: {
            name: 'Rathaus',
            backend: 'bbb',
            start: 'moderator-code',
            moderatorCodeEnv: 'STADT_MOD',
            attendeeCodeEnv: 'STADT_ATT',
          },
          sprechstunde: { name: 'Bürgersprechstunde', backend: 'scalelite', start: 'anyone' },
        },
        bookings: {
          approval: 'manual',
          backend: 'bbb',
          joinPage: `${STADT_ORIGIN}/raum`,
          formPage: `${STADT_ORIGIN}/buchen`,
          consentText: { de: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.', en: 'I agree that my details are stored.' },
          challengeMaxNumber: 1000,
        },
      },
      tsv: {
        name: 'TSV Musterstadt 1897 e. V.',
        allowedOrigins: [TSV_ORIGIN],
        theme: { primary: '#777777' },
        defaultLanguage: 'en',
        jitsiTenant: 'tsv-musterstadt',
        rooms: {
          training: { name: 'Training', backend: 'bbb', start: 'anyone' },
          sprechstunde: { name: 'Sprechstunde des Vorstands', backend: 'bbb', start: 'anyone' },
          vorstand: { name: 'Vorstand', backend: 'bbb', start: 'moderator-code', moderatorCodeEnv: 'TSV_MOD' },
          treff: { name: 'Treffpunkt', backend: 'meet', start: 'anyone' },
        },
      },
      // A tenant configured before branding existed.
      partner: {
        name: 'Partnerstadt Bühl',
        allowedOrigins: [],
        rooms: { rat: { name: 'Gemeinderat', backend: 'meet', start: 'anyone' } },
        bookings: {
          backend: 'bbb',
          joinPage: 'https://www.buehl.example/raum',
          formPage: 'https://www.buehl.example/buchen',
          consentText: { de: 'Ich bin mit der Speicherung einverstanden.', en: 'I agree that my details are stored.' },
          privacyPolicyUrl: 'https://www.buehl.example/datenschutz',
        },
      },
    },
  };
}

async function problem(response: Response, status: number, code: string): Promise<void> {
  const body = (await response.json()) as { code: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.code, code);
}

let sandbox: Sandbox;
let server: RunningServer;
let store: SqliteStore;
let dir: string;
let config: ServerConfig;
const logs: string[] = [];

before(async () => {
  sandbox = await startSandbox({ secret: SECRET });
  dir = await mkdtemp(join(tmpdir(), 'vereinsraum-tenants-'));
  store = new SqliteStore(join(dir, 'vereinsraum.db'));
  config = parseConfig(cityConfig(`${sandbox.url}/bigbluebutton/`), SECRETS);
  const handler = createHandler(config, {
    keys: await generateKeySet(),
    store,
    status: { ttlMs: 0 },
    challengeKey: 'tenant-test-challenge-key',
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  server = await serve(handler);
});
after(async () => {
  await server.close();
  store.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${server.url}${path}`, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const admin = (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${server.url}/v1/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
  });

describe('GET /v1/tenants/{tenant}', () => {
  test('the public part of a branded tenant, readable by its own pages and cacheable', async () => {
    const response = await get('/v1/tenants/stadt', { origin: STADT_ORIGIN });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('access-control-allow-origin'), STADT_ORIGIN);
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
    assert.deepEqual((await response.json()) as TenantInfo, {
      id: 'stadt',
      name: 'Stadt Musterstadt',
      logoUrl: `${STADT_ORIGIN}/logo.svg`,
      theme: { primary: '#0b5cad', onPrimary: '#ffffff', radius: '0.25rem', font: '"Atkinson Hyperlegible", Arial, sans-serif' },
      defaultLanguage: 'de',
      privacyPolicyUrl: `${STADT_ORIGIN}/datenschutz`,
      imprintUrl: `${STADT_ORIGIN}/impressum`,
      privacyNotice: { de: 'Die Stadt betreibt den Videodienst selbst.', en: 'The town runs the video service itself.' },
      // Two back ends and the booked rooms, all on one server: one service.
      services: [{ kind: 'video', origin: sandbox.url }],
      rooms: [
        { id: 'rathaus', name: 'Rathaus', service: 0 },
        { id: 'sprechstunde', name: 'Bürgersprechstunde', service: 0 },
      ],
      booked: { video: 0 },
      bookings: true,
    } satisfies TenantInfo);
  });

  test('one service per conference origin; Jitsi as scheme and host', async () => {
    const tsv = (await (await get('/v1/tenants/tsv', { origin: TSV_ORIGIN })).json()) as TenantInfo;
    assert.deepEqual(tsv.services, [
      { kind: 'video', origin: sandbox.url },
      { kind: 'video', origin: 'https://meet.musterstadt.example' },
    ]);
    assert.deepEqual(
      tsv.rooms.map((room) => [room.id, tsv.services[room.service]?.origin]),
      [
        ['training', sandbox.url],
        ['sprechstunde', sandbox.url],
        ['vorstand', sandbox.url],
        ['treff', 'https://meet.musterstadt.example'],
      ],
    );
    assert.deepEqual(tsv.theme, { primary: '#777777' });
    assert.equal(tsv.defaultLanguage, 'en');
    assert.equal(tsv.bookings, false);
    assert.deepEqual(tsv.booked, {});
  });

  test('a tenant from before branding gets the defaults; its booked rooms count among the services', async () => {
    assert.deepEqual((await (await get('/v1/tenants/partner')).json()) as TenantInfo, {
      id: 'partner',
      name: 'Partnerstadt Bühl',
      logoUrl: null,
      theme: {},
      defaultLanguage: 'de',
      privacyPolicyUrl: 'https://www.buehl.example/datenschutz',
      imprintUrl: null,
      privacyNotice: null,
      services: [
        { kind: 'video', origin: 'https://meet.musterstadt.example' },
        { kind: 'video', origin: sandbox.url },
      ],
      rooms: [{ id: 'rat', name: 'Gemeinderat', service: 0 }],
      // Booked rooms run on BigBlueButton: their notice names it, not the Jitsi server of the listed room.
      booked: { video: 1 },
      bookings: true,
    } satisfies TenantInfo);
  });

  test('without a store there are no booked rooms: bookings false, their back end left out', async () => {
    const handler = createHandler(config, { log: () => undefined });
    const info = (await (await handler(new Request('http://helper.example/v1/tenants/partner'))).json()) as TenantInfo;
    assert.equal(info.bookings, false);
    assert.deepEqual(info.booked, {});
    assert.deepEqual(info.services, [{ kind: 'video', origin: 'https://meet.musterstadt.example' }]);
  });

  test('booked rooms name their own services: a booked video room the bookings back end, a booked chat room the chat server', () => {
    const raw = cityConfig('https://bbb.musterstadt.example/bigbluebutton/');
    const chatEnv = { ...SECRETS, MM_TOKEN: 'mattermost-bot-token-0123456789' };
    Object.assign(raw.backends, { chat: { type: 'mattermost', url: 'https://chat.musterstadt.example', tokenEnv: 'MM_TOKEN' } });
    Object.assign(raw.tenants.partner.bookings, { chat: { backend: 'chat', team: 'buehl' } });
    const parsed = parseConfig(raw, chatEnv);
    const info = tenantInfo(parsed.tenants.get('partner')!, parsed, true);
    assert.deepEqual(info.services, [
      { kind: 'video', origin: 'https://meet.musterstadt.example' },
      { kind: 'video', origin: 'https://bbb.musterstadt.example' },
      { kind: 'chat', origin: 'https://chat.musterstadt.example' },
    ]);
    assert.deepEqual(info.booked, { video: 1, chat: 2 });
  });

  test('no secret, code, token or password ever appears, nor the API URLs or origin lists', async () => {
    for (const tenant of ['stadt', 'tsv', 'partner']) {
      const text = await (await get(`/v1/tenants/${tenant}`)).text();
      for (const [name, secret] of Object.entries(SECRETS)) assert.ok(!text.includes(secret), `${name} in the answer for ${tenant}`);
      assert.ok(!text.includes('/bigbluebutton'), 'services are origins, not API URLs');
      assert.deepEqual(Object.keys(JSON.parse(text)).sort(), [
        'booked',
        'bookings',
        'defaultLanguage',
        'id',
        'imprintUrl',
        'logoUrl',
        'name',
        'privacyNotice',
        'privacyPolicyUrl',
        'rooms',
        'services',
        'theme',
      ]);
      for (const key of ['allowedOrigins', 'Env', 'secret', 'code', 'jitsiTenant', 'bbbStyleUrl', 'smtp', 'joinPage', 'leavePage']) {
        assert.ok(!text.toLowerCase().includes(key.toLowerCase()), `${key} in the answer for ${tenant}`);
      }
    }
  });

  test('ETag: 304 while nothing changed, also for the weak form of the tag', async () => {
    const etag = (await get('/v1/tenants/stadt')).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/v1/tenants/stadt', { 'if-none-match': ifNoneMatch, origin: STADT_ORIGIN });
      assert.equal(again.status, 304, ifNoneMatch);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('cache-control'), 'public, max-age=60');
      assert.equal(again.headers.get('access-control-allow-origin'), STADT_ORIGIN);
      assert.equal(await again.text(), '');
    }
    assert.equal((await get('/v1/tenants/stadt', { 'if-none-match': '"0123"' })).status, 200);
    assert.notEqual((await get('/v1/tenants/tsv')).headers.get('etag'), etag, 'each tenant its own tag');
  });

  test('unknown and invalid ids are tenant_not_found; only GET', async () => {
    for (const id of ['nope', 'TSV', 'tsv%2Fx', 'a'.repeat(65), '-tsv'])
      await problem(await get(`/v1/tenants/${id}`), 404, 'tenant_not_found');
    const wrong = await post('/v1/tenants/tsv', {});
    assert.equal(wrong.headers.get('allow'), 'GET');
    await problem(wrong, 405, 'method_not_allowed');
  });

  test("other origins, another tenant's included, are refused with a readable problem", async () => {
    for (const origin of [TSV_ORIGIN, 'https://evil.example', 'null']) {
      const response = await get('/v1/tenants/stadt', { origin });
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      await problem(response, 403, 'origin_not_allowed');
    }
    assert.equal((await get('/v1/tenants/stadt', { origin: server.url })).status, 200, "the helper's own origin");
  });
});

describe("the meeting carries the tenant's branding", () => {
  /** The checksum of a join or create URL, recomputed here over exactly the query that was sent. */
  function assertSigned(url: string, call: string, algorithm: 'sha1' | 'sha256'): void {
    const query = new URL(url).search.slice(1);
    const at = query.lastIndexOf('&checksum=');
    assert.equal(
      query.slice(at + '&checksum='.length),
      createHash(algorithm)
        .update(`${call}${query.slice(0, at)}${SECRET}`)
        .digest('hex'),
    );
  }

  test('BigBlueButton: logo on create, the style sheet on join, both signed (sha1 and sha256)', async () => {
    const host = await (
      await post('/v1/rooms/stadt/rathaus/join', { displayName: 'Bürgermeisterin', accessCode: SECRETS.STADT_MOD })
    ).json();
    assert.equal(host.role, 'moderator');
    assert.equal(new URL(host.url).searchParams.get('userdata-bbb_custom_style_url'), `${STADT_ORIGIN}/bbb.css`);
    assertSigned(host.url, 'join', 'sha256');
    const { state } = await enterMeeting(host.url);
    assert.equal(state.logo, `${STADT_ORIGIN}/logo.svg`, 'the sandbox got the logo with create and accepted its checksum');
    assert.deepEqual(state.userdata, { bbb_custom_style_url: `${STADT_ORIGIN}/bbb.css` });

    const guest = await (await post('/v1/rooms/stadt/sprechstunde/join', { displayName: 'Gast & Co', embed: true })).json();
    assertSigned(guest.url, 'join', 'sha1');
    assert.deepEqual((await enterMeeting(guest.url)).state.userdata, { bbb_custom_style_url: `${STADT_ORIGIN}/bbb.css` });
  });

  test('a tenant without branding sends neither', async () => {
    const { url } = await (await post('/v1/rooms/tsv/training/join', { displayName: 'Trainerin' })).json();
    assert.equal(new URL(url).searchParams.has('userdata-bbb_custom_style_url'), false);
    const { state } = await enterMeeting(url);
    assert.equal(state.logo, null);
    assert.deepEqual(state.userdata, {});
  });

  test('BigBlueButton is embedded as an iframe, only when asked', async () => {
    const embedded = await (await post('/v1/rooms/tsv/training/join', { displayName: 'Eingebettet', embed: true })).json();
    assert.deepEqual(embedded.embed, { type: 'iframe' });
    assert.equal((await enterMeeting(embedded.url)).state.you.fullName, 'Eingebettet');
    const plain = await (await post('/v1/rooms/tsv/training/join', { displayName: 'Neuer Tab' })).json();
    assert.equal(plain.embed, undefined);
    assert.ok(!('embed' in plain));
  });

  test('the contrast warning names the tenant with the failing colours, and nothing about visitors', () => {
    const warnings = logs.filter((line) => line.startsWith('warn tenant '));
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.ok(warnings.every((line) => line.startsWith('warn tenant tsv: ') && line.includes('#777777') && line.includes('4.48:1')));
    assert.ok(!logs.some((line) => /Bürgermeisterin|Trainerin|Eingebettet/.test(line)));
  });
});

describe('tenant isolation: a room of one tenant is out of reach of another', () => {
  let bookedRoom: string;
  let booking: { id: string; manageToken: string; moderator: string; attendee: string };

  before(async () => {
    const challenge = (await (await get('/v1/bookings/challenge?tenant=stadt')).json()) as BookingChallenge;
    const start = Date.now() + 10 * 60_000;
    const created = await post(
      '/v1/bookings',
      {
        kind: 'video',
        tenant: 'stadt',
        title: 'Seniorenbeirat',
        organisation: 'Seniorenbeirat Musterstadt',
        contactName: 'Erika Musterfrau',
        contactEmail: 'erika@example.org',
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        expectedParticipants: 12,
        consent: true,
        website: '',
        altcha: await solve(challenge),
      },
      { origin: STADT_ORIGIN },
    );
    assert.equal(created.status, 201);
    const { id, manageToken } = (await created.json()) as BookingCreated;
    const approved = (await (await admin(`/bookings/${id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const invite = (link: string): string => new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!;
    booking = { id, manageToken, moderator: invite(approved.links!.moderator), attendee: invite(approved.links!.attendee) };
    bookedRoom = approved.room!.split('/')[1]!;
  });

  test('the booked room works through its own tenant (so the refusals below are about the tenant)', async () => {
    const host = await post(
      `/v1/rooms/stadt/${bookedRoom}/join`,
      { displayName: 'Vorsitz', invite: booking.moderator },
      { origin: STADT_ORIGIN },
    );
    assert.equal(host.status, 200);
    assert.equal((await get(`/v1/rooms/stadt/${bookedRoom}/status`, { origin: STADT_ORIGIN })).status, 200);
  });

  test("through another tenant's id: room_not_found for join, status, events and the tenant stream", async () => {
    for (const [tenant, room] of [
      ['tsv', 'rathaus'],
      ['tsv', bookedRoom],
      ['partner', bookedRoom], // partner takes bookings too: the booked room is looked up for its own tenant only
      ['partner', 'rathaus'],
    ] as const) {
      await problem(
        await post(`/v1/rooms/${tenant}/${room}/join`, { displayName: 'Fremd', invite: booking.moderator }),
        404,
        'room_not_found',
      );
      await problem(
        await post(`/v1/rooms/${tenant}/${room}/join`, { displayName: 'Fremd', accessCode: SECRETS.STADT_MOD }),
        404,
        'room_not_found',
      );
      await problem(await get(`/v1/rooms/${tenant}/${room}/status`), 404, 'room_not_found');
      await problem(await get(`/v1/rooms/${tenant}/${room}/events`), 404, 'room_not_found');
      await problem(await get(`/v1/tenants/${tenant}/events?rooms=${room}`), 404, 'room_not_found');
    }
    const training = await get('/v1/tenants/tsv/events?rooms=training,rathaus');
    await problem(training, 404, 'room_not_found');
  });

  test("from another tenant's allowed origin: origin_not_allowed, and nothing happens", async () => {
    const creates = sandbox.calls.create ?? 0;
    const joins = sandbox.calls.join ?? 0;
    for (const room of ['rathaus', 'sprechstunde', bookedRoom]) {
      const join = await post(
        `/v1/rooms/stadt/${room}/join`,
        { displayName: 'Fremd', accessCode: SECRETS.STADT_MOD, invite: booking.moderator },
        { origin: TSV_ORIGIN },
      );
      await problem(join, 403, 'origin_not_allowed');
      await problem(await get(`/v1/rooms/stadt/${room}/status`, { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
      await problem(await get(`/v1/rooms/stadt/${room}/events`, { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
      await problem(await get(`/v1/tenants/stadt/events?rooms=${room}`, { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    }
    await problem(await get('/v1/tenants/stadt', { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    assert.equal(sandbox.calls.create ?? 0, creates);
    assert.equal(sandbox.calls.join ?? 0, joins);
  });

  test("bookings: not through another tenant's id or origin", async () => {
    await problem(await get('/v1/bookings/form?tenant=stadt', { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    await problem(await get('/v1/bookings/challenge?tenant=stadt', { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    await problem(await post('/v1/bookings', { tenant: 'stadt' }, { origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    await problem(await post('/v1/bookings', { tenant: 'tsv' }, { origin: TSV_ORIGIN }), 403, 'bookings_disabled');
    const manage = { authorization: `Bearer ${booking.manageToken}` };
    await problem(await get(`/v1/bookings/${booking.id}`, { ...manage, origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    await problem(await get(`/v1/bookings/${booking.id}/calendar.ics`, { ...manage, origin: TSV_ORIGIN }), 403, 'origin_not_allowed');
    const cancel = await fetch(`${server.url}/v1/bookings/${booking.id}`, { method: 'DELETE', headers: { ...manage, origin: TSV_ORIGIN } });
    await problem(cancel, 403, 'origin_not_allowed');
    assert.equal((await get(`/v1/bookings/${booking.id}`, { ...manage, origin: STADT_ORIGIN })).status, 200, 'still there, still approved');
  });

  test("one tenant's invite does not open another's room, even of the same name", async () => {
    const invite = async (tenant: string, room: string): Promise<string> => {
      const response = await admin('/invites', {
        method: 'POST',
        body: JSON.stringify({ tenant, room, role: 'moderator', expiresIn: '1h' }),
      });
      assert.equal(response.status, 201);
      return ((await response.json()) as { token: string }).token;
    };
    const tsvInvite = await invite('tsv', 'sprechstunde');
    const stadtInvite = await invite('stadt', 'sprechstunde');
    await problem(await post('/v1/rooms/stadt/sprechstunde/join', { displayName: 'Fremd', invite: tsvInvite }), 403, 'invite_wrong_room');
    await problem(await post('/v1/rooms/stadt/rathaus/join', { displayName: 'Fremd', invite: tsvInvite }), 403, 'invite_wrong_room');
    await problem(await post(`/v1/rooms/stadt/${bookedRoom}/join`, { displayName: 'Fremd', invite: tsvInvite }), 403, 'invite_wrong_room');
    await problem(await post('/v1/rooms/tsv/sprechstunde/join', { displayName: 'Fremd', invite: stadtInvite }), 403, 'invite_wrong_room');
    await problem(
      await post('/v1/rooms/tsv/sprechstunde/join', { displayName: 'Fremd', invite: booking.attendee }),
      403,
      'invite_wrong_room',
    );
  });

  test('rooms of the same name are different meetings', async () => {
    const stadt = await (await post('/v1/rooms/stadt/sprechstunde/join', { displayName: 'Stadt' })).json();
    await enterMeeting(stadt.url);
    assert.equal(new URL(stadt.url).searchParams.get('meetingID'), 'stadt/sprechstunde');
    assert.equal(((await (await get('/v1/rooms/stadt/sprechstunde/status')).json()) as { state: string }).state, 'live');
    assert.equal(((await (await get('/v1/rooms/tsv/sprechstunde/status')).json()) as { state: string }).state, 'idle');
  });
});
