// Open conferences (issue 18) over real HTTP on 127.0.0.1, in front of the
// sandbox's BigBlueButton and Jitsi (prosody's token rules), on a real SQLite
// file: the proof of work, the limits, the host's invite, guests who wait,
// the expiry, and the names.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type BookingChallenge, isOpenRoomId, type OpenRoomCreated, type TenantInfo } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import { createHandler } from '../src/handler.ts';
import { generateKeySet } from '../src/keys.ts';
import { nameEntropyBits, newOpenRoomId, wordList } from '../src/open-rooms/names.ts';
import { bbbUrl } from '../src/providers/bbb.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { solve } from './booking-stack.ts';
import { enterMeeting } from './stack.ts';

const SECRET = 'open-rooms-bbb-secret-0123456789abcdef';
const APP_SECRET = 'jitsi-app-secret-for-tests-0123456789abcdef';
const APP_ID = 'vereinsraum-test';
const PAGE = 'https://www.buehl.example/konferenz';
const HOUR = 3_600_000;

let sandbox: Sandbox;
let api: string;
let dir: string;
let store: SqliteStore;
let offset = 0;
let closeServer: () => Promise<void>;
let bbbBackend: { url: string; secret: string; checksum: 'sha256' };

before(async () => {
  sandbox = await startSandbox({ secret: SECRET, jitsi: { appId: APP_ID, appSecret: APP_SECRET, xmppDomain: 'meet.jitsi' } });
  const jitsi = sandbox.jitsi!;
  const open = {
    backend: 'bbb',
    maxPerClientPerDay: 100,
    maxParticipants: 12,
    maxMinutes: 90,
    idleHours: 24,
    maxOpen: 50,
    challengeMaxNumber: 1000,
  };
  const config = parseConfig(
    {
      backends: {
        bbb: { type: 'bbb', url: `${sandbox.url}/bigbluebutton/`, secretEnv: 'BBB_SECRET' },
        meet: {
          type: 'jitsi',
          domain: jitsi.domain,
          protocol: 'http',
          appId: APP_ID,
          xmppDomain: 'meet.jitsi',
          appSecretEnv: 'JITSI_SECRET',
          roomSizeUrl: `${jitsi.url}/room-size`,
        },
      },
      tenants: {
        buehl: {
          name: 'Stadt Bühl',
          allowedOrigins: ['https://www.buehl.example'],
          rooms: { rat: { name: 'Rat', backend: 'bbb', start: 'anyone' } },
          openRooms: open,
        },
        twin: {
          name: 'Twin town',
          defaultLanguage: 'en',
          allowedOrigins: [],
          rooms: { hall: { name: 'Hall', backend: 'bbb', start: 'anyone' } },
          openRooms: { ...open, backend: 'meet' },
        },
        small: {
          name: 'Klein',
          allowedOrigins: [],
          rooms: { a: { name: 'Raum A', backend: 'bbb', start: 'anyone' } },
          openRooms: { ...open, maxOpen: 1, maxPerClientPerDay: 100 },
        },
        limited: {
          name: 'Knapp',
          allowedOrigins: [],
          rooms: { a: { name: 'Raum A', backend: 'bbb', start: 'anyone' } },
          openRooms: { ...open, maxPerClientPerDay: 3 },
        },
        off: {
          name: 'Aus',
          allowedOrigins: [],
          rooms: { a: { name: 'Raum A', backend: 'bbb', start: 'anyone' } },
          openRooms: { ...open, enabled: false },
        },
        none: { name: 'Ohne', allowedOrigins: [], rooms: { a: { name: 'Raum A', backend: 'bbb', start: 'anyone' } } },
      },
    },
    { BBB_SECRET: SECRET, JITSI_SECRET: APP_SECRET },
  );
  bbbBackend = { url: `${sandbox.url}/bigbluebutton/api`, secret: SECRET, checksum: 'sha256' };
  dir = await mkdtemp(join(tmpdir(), 'vereinsraum-open-'));
  store = new SqliteStore(join(dir, 'vereinsraum.db'));
  const server = await serve(
    createHandler(config, { store, keys: await generateKeySet(), status: { ttlMs: 0 }, now: () => Date.now() + offset, log: () => {} }),
  );
  api = server.url;
  closeServer = () => server.close();
});

after(async () => {
  await closeServer?.();
  await store.close();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** A request as a page of `origin` (or no page) sends it, from the client `client` (the adapter's `X-Forwarded-For` is not trusted, so clients differ by tenant here). */
function post(path: string, body: unknown, origin?: string): Promise<Response> {
  return fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

async function altcha(tenant: string): Promise<string> {
  const response = await fetch(`${api}/v1/tenants/${tenant}/open-rooms/challenge`);
  assert.equal(response.status, 200, await response.clone().text());
  return solve((await response.json()) as BookingChallenge);
}

async function openRoom(tenant: string, body: Record<string, unknown> = {}): Promise<OpenRoomCreated> {
  const response = await post(`/v1/tenants/${tenant}/open-rooms`, { altcha: await altcha(tenant), ...body });
  assert.equal(response.status, 201, await response.clone().text());
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return (await response.json()) as OpenRoomCreated;
}

async function problem(response: Response, status: number, code: string, field?: string): Promise<void> {
  const body = (await response.json()) as { code: string; field?: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.code, code);
  if (field !== undefined) assert.equal(body.field, field);
}

async function joinRoom(tenant: string, room: string, body: Record<string, unknown>): Promise<Response> {
  return post(`/v1/rooms/${tenant}/${room}/join`, { displayName: 'Gast', ...body });
}

/** Ask the sandbox's BigBlueButton about a meeting, as any API client would. */
async function meetingInfo(meetingID: string): Promise<string> {
  return (await fetch(await bbbUrl(bbbBackend, 'getMeetingInfo', { meetingID }))).text();
}

describe('open conferences: the Bühl flow', () => {
  test('opening: a worded id, the host token, links to the page, the title; the tenant says where they run', async () => {
    const created = await openRoom('buehl', { title: 'Omas Geburtstag', page: PAGE });
    assert.ok(isOpenRoomId(created.room), created.room);
    assert.equal(created.name, created.room.slice(2).replaceAll('-', ' '));
    assert.ok(
      created.room
        .split('-')
        .slice(1, 7)
        .every((word) => wordList('de').includes(word)),
      'German words for a German tenant',
    );
    assert.equal(created.title, 'Omas Geburtstag');
    assert.match(created.hostToken, /^[\w-]+\.[\w-]+$/);
    assert.equal(created.guestUrl, `${PAGE}#open=${created.room}`);
    assert.equal(created.hostUrl, `${PAGE}#open=${created.room}&host=${encodeURIComponent(created.hostToken)}`);
    const expires = Date.parse(created.expiresAt) - Date.now();
    assert.ok(Math.abs(expires - (90 * 60_000 + 24 * HOUR)) < 60_000, `expires after maxMinutes + idleHours (${expires} ms)`);

    const info = (await (await fetch(`${api}/v1/tenants/buehl`)).json()) as TenantInfo;
    assert.deepEqual(info.openRooms, { service: 0, maxParticipants: 12, maxMinutes: 90 });
    assert.equal(((await (await fetch(`${api}/v1/tenants/none`)).json()) as TenantInfo).openRooms, undefined);

    const english = await openRoom('twin');
    assert.ok(
      english.room
        .split('-')
        .slice(1, 7)
        .every((word) => wordList('en').includes(word)),
      'English words otherwise',
    );
    assert.equal(english.hostUrl, undefined, 'no page, no links');
  });

  test('guests wait for the host; the host enters with the token; BigBlueButton gets the limits; then guests come in', async () => {
    const created = await openRoom('buehl', { title: 'Chor' });
    const info = await (await fetch(`${api}/v1/tenants/buehl/open-rooms/${created.room}`)).json();
    assert.deepEqual(info, { room: created.room, name: created.name, title: 'Chor', expiresAt: created.expiresAt });

    assert.deepEqual(await (await joinRoom('buehl', created.room, {})).json(), { waiting: true });
    assert.equal(sandbox.calls.create ?? 0, 0, 'a guest creates no meeting');

    const host = await joinRoom('buehl', created.room, { displayName: 'Oma', invite: created.hostToken });
    const hostAnswer = (await host.json()) as { url: string; role: string };
    assert.equal(hostAnswer.role, 'moderator');
    const meeting = await meetingInfo(`buehl/${created.room}`);
    assert.match(meeting, /<maxUsers>12<\/maxUsers>/);
    assert.match(meeting, /<duration>90<\/duration>/);
    assert.match(meeting, /<meetingName>Chor<\/meetingName>/);
    assert.equal((await enterMeeting(hostAnswer.url)).state.you.role, 'MODERATOR');

    const guest = (await (await joinRoom('buehl', created.room, {})).json()) as { url: string; role: string };
    assert.equal(guest.role, 'attendee');
    assert.equal((await (await fetch(`${api}/v1/rooms/buehl/${created.room}/status`)).json()).state, 'live');

    // The invite shows what it opens, as for any room: the join page of a kept host link.
    const invite = await (await post('/v1/tenants/buehl/invite', { invite: created.hostToken })).json();
    assert.equal(invite.room, created.room);
    assert.equal(invite.role, 'moderator');
    assert.equal(invite.title, 'Chor');
  });

  test('Jitsi: the host gets a moderator token, guests participant tokens, by prosody rules', async () => {
    const created = await openRoom('twin');
    assert.deepEqual(await (await joinRoom('twin', created.room, {})).json(), { waiting: true }, 'nobody in yet: wait');
    const host = (await (await joinRoom('twin', created.room, { invite: created.hostToken })).json()) as { url: string; role: string };
    assert.equal(host.role, 'moderator');
    const page = await (await fetch(host.url)).text();
    assert.match(page, /data-testid="user-role">moderator</);
    const guest = (await (await joinRoom('twin', created.room, {})).json()) as { url: string; role: string };
    assert.equal(guest.role, 'attendee');
    assert.match(await (await fetch(guest.url)).text(), /data-testid="user-role">participant</);
  });

  test('expiry: idle time after the last host; the link then says 410, host joins move it on', async () => {
    const created = await openRoom('buehl');
    offset += 20 * HOUR;
    const host = await joinRoom('buehl', created.room, { invite: created.hostToken });
    assert.equal(host.status, 200, 'a host within the idle time');
    offset += 20 * HOUR;
    assert.equal((await fetch(`${api}/v1/tenants/buehl/open-rooms/${created.room}`)).status, 200, 'the host join moved the expiry on');
    offset += 6 * HOUR;
    await problem(await fetch(`${api}/v1/tenants/buehl/open-rooms/${created.room}`), 410, 'open_room_expired');
    await problem(await joinRoom('buehl', created.room, {}), 410, 'open_room_expired');
    await problem(await joinRoom('buehl', created.room, { invite: created.hostToken }), 410, 'open_room_expired');
    await problem(await fetch(`${api}/v1/rooms/buehl/${created.room}/status`), 410, 'open_room_expired');
    offset = 0;
  });

  test('refusals: unknown rooms, other tenants, disabled tenants, titles, pages, reused and missing proofs of work', async () => {
    const unknown = newOpenRoomId('de');
    await problem(await fetch(`${api}/v1/tenants/buehl/open-rooms/${unknown}`), 404, 'room_not_found');
    await problem(await joinRoom('buehl', unknown, {}), 404, 'room_not_found');
    const created = await openRoom('buehl');
    await problem(await joinRoom('twin', created.room, {}), 404, 'room_not_found', undefined);
    await problem(await fetch(`${api}/v1/tenants/off/open-rooms/challenge`), 403, 'open_rooms_disabled');
    await problem(await post('/v1/tenants/none/open-rooms', { altcha: 'x' }), 403, 'open_rooms_disabled');
    await problem(
      await post('/v1/tenants/buehl/open-rooms', { altcha: await altcha('buehl'), title: 'Gewinn auf spam.example' }),
      400,
      'invalid_input',
      'title',
    );
    await problem(
      await post('/v1/tenants/buehl/open-rooms', { altcha: await altcha('buehl'), page: 'https://evil.example/' }),
      400,
      'invalid_input',
      'page',
    );
    await problem(await post('/v1/tenants/buehl/open-rooms', {}), 403, 'challenge_failed', 'altcha');
    await problem(await post('/v1/tenants/buehl/open-rooms', { altcha: await altcha('twin') }), 403, 'challenge_failed', 'altcha');
    const proof = await altcha('small');
    assert.equal((await post('/v1/tenants/small/open-rooms', { altcha: proof })).status, 201);
    await problem(await post('/v1/tenants/small/open-rooms', { altcha: proof }), 503, 'open_rooms_full');
    await problem(
      await post('/v1/tenants/buehl/open-rooms', { altcha: await altcha('buehl') }, 'https://evil.example'),
      403,
      'origin_not_allowed',
    );
  });

  test('limits: a client opens maxPerClientPerDay, then 429; a tenant holds maxOpen at once, then 503 until one expires', async () => {
    for (let i = 0; i < 3; i++) await openRoom('limited');
    const refused = await post('/v1/tenants/limited/open-rooms', { altcha: await altcha('limited') });
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    await problem(refused, 429, 'rate_limited');
    offset += 24 * HOUR + 60_000;
    await openRoom('limited');

    // small's one room of the test above has expired by now (after maxMinutes and idleHours): there is room for one again, and only one.
    offset += 2 * HOUR;
    await openRoom('small');
    const full = await post('/v1/tenants/small/open-rooms', { altcha: await altcha('small') });
    assert.equal(full.headers.get('retry-after'), '600');
    await problem(full, 503, 'open_rooms_full');
    offset = 0;
  });
});

describe('open conference names', () => {
  test('each list gives at least 64 bits per name, computed from the list', () => {
    for (const language of ['de', 'en'] as const) {
      const words = wordList(language);
      assert.equal(new Set(words).size, words.length, `${language}: no word twice`);
      assert.ok(
        words.every((word) => /^[a-z]{3,8}$/.test(word)),
        `${language}: 3 to 8 letters a-z`,
      );
      const bits = nameEntropyBits(language);
      assert.ok(bits >= 64, `${language}: ${bits.toFixed(1)} bits`);
    }
  });

  test('one million names, no duplicate, every one an open room id', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) {
      const id = newOpenRoomId(i % 2 === 0 ? 'de' : 'en');
      assert.ok(!seen.has(id), `duplicate ${id}`);
      seen.add(id);
    }
    assert.equal(seen.size, 1_000_000);
    for (const id of [...seen].slice(0, 1000)) assert.ok(isOpenRoomId(id), id);
  });

  test('words are drawn uniformly: every word of the list turns up, none far more often than the others', () => {
    const words = wordList('de');
    const counts = new Map<string, number>();
    const draws = 200_000;
    for (let i = 0; i < draws / 6; i++)
      for (const word of newOpenRoomId('de').split('-').slice(1, 7)) counts.set(word, (counts.get(word) ?? 0) + 1);
    assert.equal(counts.size, words.length);
    const expected = draws / words.length;
    for (const [word, count] of counts)
      assert.ok(Math.abs(count - expected) < expected * 0.6, `${word}: ${count} against ${expected.toFixed(0)}`);
  });

  test('never Math.random', async () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random was called');
    };
    try {
      newOpenRoomId('de');
      newOpenRoomId('en');
    } finally {
      Math.random = original;
    }
  });
});

describe('open conference settings', () => {
  const base = (openRooms: unknown, rooms: Record<string, unknown> = { rat: { name: 'Rat', backend: 'bbb', start: 'anyone' } }) => ({
    backends: {
      bbb: { type: 'bbb', url: 'https://bbb.example/bigbluebutton/', secretEnv: 'S' },
      chat: { type: 'mattermost', url: 'https://chat.example', tokenEnv: 'T' },
    },
    tenants: { buehl: { name: 'Stadt Bühl', allowedOrigins: [], rooms, openRooms } },
  });
  const env = { S: SECRET, T: 'bot-token-0123456789' };

  test('defaults: on, 5 per client and day, 25 participants, 240 minutes, 24 idle hours, 200 open at once', () => {
    const config = parseConfig(base({ backend: 'bbb' }), env);
    assert.deepEqual(config.tenants.get('buehl')!.openRooms, {
      enabled: true,
      backend: 'bbb',
      maxPerClientPerDay: 5,
      maxParticipants: 25,
      maxMinutes: 240,
      idleHours: 24,
      maxOpen: 200,
      challengeMaxNumber: 100_000,
    });
  });

  test('a video back end, known fields, and room ids starting with o- kept free', () => {
    assert.throws(() => parseConfig(base({ backend: 'chat' }), env), /tenants\.buehl\.openRooms\.backend: must name a video back end/);
    assert.throws(() => parseConfig(base({ backend: 'nope' }), env), /tenants\.buehl\.openRooms\.backend: must name one of the backends/);
    assert.throws(() => parseConfig(base({ backend: 'bbb', maxOpen: 0 }), env), /tenants\.buehl\.openRooms\.maxOpen/);
    assert.throws(() => parseConfig(base({ backend: 'bbb', idleHour: 3 }), env), /tenants\.buehl\.openRooms/);
    assert.throws(
      () => parseConfig(base({ backend: 'bbb' }, { 'o-rat': { name: 'Rat', backend: 'bbb', start: 'anyone' } }), env),
      /tenants\.buehl\.rooms\.o-rat: room ids starting with "o-" are kept for open conferences/,
    );
    // Without openRooms, such an id stays what it was.
    parseConfig({ ...base(undefined, { 'o-rat': { name: 'Rat', backend: 'bbb', start: 'anyone' } }) }, env);
  });
});
