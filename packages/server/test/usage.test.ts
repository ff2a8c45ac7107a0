// Usage figures end to end: the server on 127.0.0.1 in front of the sandbox, a SQLite file, and one
// clock for both that the test moves minute by minute. Joins and leaves happen at known minutes, the
// sampler runs after each, and the figures must come out exactly (accuracy); no attendee name may be
// anywhere in the database's files or the logs (privacy); BigBlueButton's end callback needs our MAC
// and counts once (callback); the sampler asks each back end once per round, however many rooms (cost).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { UsageReport } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { serve } from '../src/adapters/node.ts';
import { parseConfig } from '../src/config/index.ts';
import type { Services } from '../src/context.ts';
import { serviceHandler } from '../src/handler.ts';
import { parseMeetingList } from '../src/providers/bbb.ts';
import { createServices } from '../src/services.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ATTENDEE_CODE, env, MODERATOR_CODE, rawConfig, SECRET } from './stack.ts';

const MINUTE = 60_000;
/** 09:00 in Berlin on a Monday. */
const T0 = Date.parse('2026-01-05T08:00:00Z');
const ADMIN_TOKEN = 'usage-admin-token-0123456789abcdef0123456789';
const NAMES = ['Anna Beispielfrau', 'Bernd Geheimname', 'Clara Vertraulich'];
const JITSI_SECRET = 'jitsi-app-secret-for-usage-tests-0123456789';

interface World {
  sandbox: Sandbox;
  services: Services;
  store: SqliteStore;
  api: string;
  logs: string[];
  dir: string;
  /** The shared clock, in minutes after T0. */
  minute: number;
  close(): Promise<void>;
}

async function startWorld(
  options: { rooms?: number; fetch?: typeof fetch; runExclusive?: (name: string, job: () => Promise<void>) => Promise<void> } = {},
): Promise<World> {
  const world = { minute: 0, logs: [] as string[] } as World;
  const now = (): number => T0 + world.minute * MINUTE;
  world.sandbox = await startSandbox({
    secret: SECRET,
    now,
    jitsi: { appId: 'vereinsraum', appSecret: JITSI_SECRET, xmppDomain: 'meet.jitsi', now },
  });
  world.dir = await mkdtemp(join(tmpdir(), 'vereinsraum-usage-'));
  world.store = new SqliteStore(join(world.dir, 'vereinsraum.db'));
  const exclusive = options.runExclusive;
  if (exclusive) {
    // Another instance, as the store's lock would show it: the job runs only when `exclusive` lets it.
    world.store.runExclusive = async <T>(name: string, job: () => Promise<T>): Promise<T | undefined> => {
      let result: T | undefined;
      await exclusive(name, async () => void (result = await job()));
      return result;
    };
  }
  const raw = rawConfig(`${world.sandbox.url}/bigbluebutton/`) as any;
  for (let i = 0; i < (options.rooms ?? 0); i++)
    raw.tenants.other.rooms[`r${i}`] = { name: `Raum ${i}`, backend: 'sandbox', start: 'anyone' };
  const jitsi = world.sandbox.jitsi!;
  raw.backends.meet = {
    type: 'jitsi',
    domain: jitsi.domain,
    protocol: 'http',
    appId: 'vereinsraum',
    appSecretEnv: 'JITSI_SECRET',
    xmppDomain: 'meet.jitsi',
    roomSizeUrl: `${jitsi.url}/room-size`,
  };
  raw.tenants.tsv.rooms.spiel = { name: 'Spieleabend', backend: 'meet', start: 'anyone' };
  raw.tenants.tsv.region = 'nord';
  const config = parseConfig({ ...raw, adminTokenEnv: 'ADMIN_TOKEN' }, { ...env, ADMIN_TOKEN, JITSI_SECRET });
  world.services = createServices(config, {
    now,
    store: world.store,
    log: (level, message) => world.logs.push(`${level} ${message}`),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const server = await serve(serviceHandler(world.services));
  // serve() started the background work; the tests drive the sampler themselves, with their clock.
  world.services.stop();
  await world.services.usage!.sampler.sample();
  world.api = server.url;
  world.close = async () => {
    await server.close();
    await world.sandbox.close();
    await world.store.close();
    await rm(world.dir, { recursive: true, force: true });
  };
  return world;
}

/** Join a room through the server and enter the sandbox meeting as `name`; answers the meeting page's URL. */
async function enter(world: World, room: string, name: string, accessCode?: string, tenant = 'tsv'): Promise<string> {
  const response = await fetch(`${world.api}/v1/rooms/${tenant}/${room}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: name, ...(accessCode ? { accessCode } : {}) }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { url } = (await response.json()) as { url: string };
  const page = await fetch(url);
  assert.equal(page.status, 200);
  await page.text();
  return page.url;
}

async function leave(page: string, action: 'leave' | 'end' = 'leave'): Promise<void> {
  const response = await fetch(`${page}/${action}`, { method: 'POST', redirect: 'manual' });
  assert.equal(response.status, 303);
  await response.body?.cancel();
}

/** One sampler round; answers the upstream calls it made. */
async function sample(world: World): Promise<Record<string, number>> {
  const before = world.sandbox.calls;
  await world.services.usage!.sampler.sample();
  const after = world.sandbox.calls;
  return Object.fromEntries(
    Object.entries(after).flatMap(([call, n]) => (n - (before[call] ?? 0) > 0 ? [[call, n - (before[call] ?? 0)]] : [])),
  );
}

function report(world: World, query: string, accept = 'application/json'): Promise<Response> {
  return fetch(`${world.api}/v1/admin/usage?${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept } });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check(), 'waited in vain');
}

describe('usage figures from a scripted day in the sandbox', () => {
  let world: World;
  let callbackUrl: string;
  before(async () => {
    world = await startWorld();
    const calls: Array<Record<string, number>> = [];
    const at = async (minute: number, events: () => Promise<void> = async () => {}): Promise<void> => {
      while (world.minute < minute) {
        world.minute++;
        if (world.minute < minute) calls.push(await sample(world));
      }
      await events();
      calls.push(await sample(world));
    };
    // Training (anyone may start): Anna from minute 0 to 8; Bernd from 2 to 5 and again from 6 to 8.
    let anna = '';
    let bernd = '';
    await at(0, async () => {
      anna = await enter(world, 'training', NAMES[0]!);
    });
    await at(2, async () => {
      bernd = await enter(world, 'training', NAMES[1]!);
    });
    await at(5, () => leave(bernd));
    await at(6, async () => {
      bernd = await enter(world, 'training', NAMES[1]!);
    });
    await at(8, async () => {
      await leave(anna);
      await leave(bernd);
    });
    // Vorstand (moderator code): Anna as moderator and Clara from minute 10; Anna ends it at minute 14,
    // and BigBlueButton's end callback ends the conference then, before the next sample.
    let chair = '';
    await at(10, async () => {
      chair = await enter(world, 'vorstand', NAMES[0]!, MODERATOR_CODE);
      await enter(world, 'vorstand', NAMES[2]!, ATTENDEE_CODE);
    });
    await at(13);
    world.minute = 14;
    await leave(chair, 'end');
    await until(() => world.sandbox.endCallbacks[0]?.status === 204);
    callbackUrl = world.sandbox.endCallbacks[0]!.url;
    await at(15);
    // Cost: every round was one getMeetings and nothing else, with one or two rooms in use or none.
    assert.equal(calls.length, 15, 'minutes 0 to 15 but 14, when the callback came between two samples');
    for (const round of calls) assert.deepEqual(round, { getMeetings: 1 });
  });
  after(() => world.close());

  test('accuracy: exactly the conferences, participants and minutes of the script', async () => {
    const response = await report(world, 'tenant=tsv&from=2026-01-05&to=2026-01-05&group=room');
    assert.equal(response.status, 200);
    const body = (await response.json()) as UsageReport;
    assert.deepEqual(body.rows, [
      // 8 minutes; Anna 8 + Bernd 3 + 2 = 13 participant minutes; Anna, Bernd and Bernd again: 3 joins in.
      { key: 'tsv/training', conferences: 1, participants: 3, joins: 3, peak: 2, conferenceMinutes: 8, participantMinutes: 13 },
      // Minutes 10 to 14 (the end callback), two people.
      { key: 'tsv/vorstand', conferences: 1, participants: 2, joins: 2, peak: 2, conferenceMinutes: 4, participantMinutes: 8 },
    ]);
    assert.deepEqual(body.totals, {
      conferences: 2,
      participants: 5,
      joins: 5,
      peak: 2,
      conferenceMinutes: 12,
      participantMinutes: 21,
      conferenceHours: 0.2,
      participantHours: 0.4,
    });
    assert.deepEqual(body.scope, { kind: 'tenant', tenant: 'tsv' });
    assert.equal(body.timeZone, 'Europe/Berlin');
    assert.match(body.definitions.participant, /join/);
    // Joins per role are kept too: Anna twice as moderator, Bernd twice and Clara as attendees.
    const { joins } = await world.store.usage({ from: '2026-01-05', to: '2026-01-05' });
    assert.deepEqual(
      joins.map((j) => `${j.room} ${j.role} ${j.joins}`),
      ['training attendee 2', 'training moderator 1', 'vorstand attendee 1', 'vorstand moderator 1'],
    );
  });

  test('the report per day has every day of the period, and as CSV the same figures with the definitions', async () => {
    const json = (await (await report(world, 'from=2026-01-04&to=2026-01-06')).json()) as UsageReport;
    assert.deepEqual(
      json.rows.map((row) => [row.key, row.conferences, row.participants]),
      [
        ['2026-01-04', 0, 0],
        ['2026-01-05', 2, 5],
        ['2026-01-06', 0, 0],
      ],
    );
    assert.deepEqual(json.scope, { kind: 'all' });
    const region = (await (await report(world, 'region=nord&from=2026-01-05&to=2026-01-05')).json()) as UsageReport;
    assert.deepEqual(region.scope, { kind: 'region', region: 'nord', tenants: ['tsv'] });
    assert.equal(region.totals.participants, 5);
    const elsewhere = (await (await report(world, 'region=sued&from=2026-01-05&to=2026-01-05')).json()) as UsageReport;
    assert.deepEqual([elsewhere.scope, elsewhere.totals.conferences], [{ kind: 'region', region: 'sued', tenants: [] }, 0]);
    const csv = await report(world, 'from=2026-01-05&to=2026-01-11&group=week', 'text/csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    const lines = (await csv.text()).split('\r\n');
    assert.deepEqual(lines.slice(0, 3), [
      'week,conferences,participants,joins,peak,conferenceMinutes,participantMinutes',
      '2026-W02,2,5,5,2,12,21',
      'total,2,5,5,2,12,21',
    ]);
    assert.ok(lines.some((line) => line.startsWith('participant,')));
  });

  test('callback: a replayed end callback counts once, and one with a wrong or missing MAC is refused and changes nothing', async () => {
    const figures = async (): Promise<unknown> => (await world.store.usage({ from: '2026-01-05', to: '2026-01-05' })).days;
    const before = await figures();
    const replay = await fetch(callbackUrl);
    assert.equal(replay.status, 204);
    const url = new URL(callbackUrl);
    const wrong = new URL(url);
    wrong.searchParams.set('mac', `${url.searchParams.get('mac')!.slice(0, -2)}AA`);
    const missing = new URL(url);
    missing.searchParams.delete('mac');
    const otherMeeting = new URL(url);
    otherMeeting.searchParams.set('meetingID', 'tsv/training');
    for (const target of [wrong, missing, otherMeeting]) {
      const response = await fetch(target);
      assert.equal(response.status, 403, target.href);
      assert.equal(((await response.json()) as { code: string }).code, 'callback_invalid');
    }
    assert.deepEqual(await figures(), before);
  });

  test('privacy: no attendee name in the database files or the logs, byte for byte', async () => {
    const bytes: Buffer[] = [];
    for (const file of await readdir(world.dir)) bytes.push(await readFile(join(world.dir, file)));
    assert.ok(bytes.length >= 1);
    for (const name of NAMES) {
      for (const encoded of [Buffer.from(name, 'utf8'), Buffer.from(name, 'utf16le'), Buffer.from(encodeURIComponent(name))]) {
        for (const file of bytes) assert.equal(file.indexOf(encoded), -1, `${name} in the database`);
      }
      assert.ok(!world.logs.join('\n').includes(name), `${name} in the logs`);
    }
  });

  test('the admin usage API needs the admin token and checks its parameters', async () => {
    const anonymous = await fetch(`${world.api}/v1/admin/usage`);
    assert.equal(anonymous.status, 401);
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-01-06&to=2026-01-05', 'from'],
      ['from=2025-01-01&to=2026-01-05', 'from'],
      ['group=month', 'group'],
      ['tenant=nobody', 'tenant'],
      ['tenant=tsv&region=nord', 'region'],
      ['region=Nord%20Ost', 'region'],
    ] as const) {
      const response = await report(world, query);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { field: string }).field, field, query);
    }
  });
});

describe('the usage sampler', () => {
  test('cost: one getMeetings per round for 25 rooms in use, however many people are in them', async () => {
    const world = await startWorld({ rooms: 25 });
    try {
      for (let i = 0; i < 25; i++) {
        await enter(world, `r${i}`, `Person ${i}`, undefined, 'other');
        await enter(world, `r${i}`, `Gast ${i}`, undefined, 'other');
      }
      for (let round = 0; round < 3; round++) {
        world.minute++;
        assert.deepEqual(await sample(world), { getMeetings: 1 });
      }
      assert.equal((await world.store.openConferences('sandbox')).length, 25);
      assert.ok((await world.store.openConferences('sandbox')).every((c) => c.peak === 2 && c.participants === 2));
    } finally {
      await world.close();
    }
  });

  test('where getMeetings is switched off (Scalelite answers noMeetings), rooms in use are asked with getMeetingInfo', async () => {
    // Scalelite with GET_MEETINGS_API_DISABLED answers every getMeetings with an empty list.
    const noMeetings = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/getMeetings?')) {
        return new Response(
          '<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey><message>no meetings were found on this server</message></response>',
          { headers: { 'content-type': 'text/xml' } },
        );
      }
      return fetch(input, init);
    };
    const world = await startWorld({ fetch: noMeetings as typeof fetch });
    try {
      await sample(world);
      const page = await enter(world, 'treff', 'Dora Unbekannt');
      world.minute = 1;
      assert.deepEqual(await sample(world), { getMeetingInfo: 1 }, 'the room with a recent join');
      world.minute = 4;
      await sample(world);
      await leave(page);
      world.minute = 5;
      await sample(world);
      const { days } = await world.store.usage({ from: '2026-01-05', to: '2026-01-05' });
      assert.deepEqual(
        days.map((d) => [d.room, d.conferences, d.participants, d.conferenceMs / MINUTE, d.participantMs / MINUTE]),
        [['treff', 1, 1, 4, 4]],
      );
    } finally {
      await world.close();
    }
  });

  test("runs under the store's exclusivity: a round another instance runs now is skipped; serving starts it at once", async () => {
    const asked: string[] = [];
    let ours = false;
    const world = await startWorld({
      runExclusive: async (name, job) => {
        if (name !== 'usage-sampler') return job();
        asked.push(name);
        if (ours) await job();
      },
    });
    try {
      // The Node adapter's serve() started the services when it listened: the first round was asked for at once.
      assert.deepEqual(asked, ['usage-sampler']);
      await enter(world, 'treff', 'Frida Nebenan');
      const before = world.sandbox.calls.getMeetings ?? 0;
      await world.services.sampleUsage();
      assert.equal(world.sandbox.calls.getMeetings ?? 0, before, 'another instance holds the job');
      ours = true;
      await world.services.sampleUsage();
      assert.equal(world.sandbox.calls.getMeetings, before + 1);
      assert.deepEqual(asked, ['usage-sampler', 'usage-sampler', 'usage-sampler']);
    } finally {
      await world.close();
    }
  });

  test('Jitsi: the room-size endpoint for the rooms in use gives conferences, participants and minutes', async () => {
    const world = await startWorld();
    try {
      /** Join through the server, then enter the Jitsi sandbox (its JSON twin of the meeting page); answers the session. */
      const join = async (name: string): Promise<string> => {
        const response = await fetch(`${world.api}/v1/rooms/tsv/spiel/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: name }),
        });
        const body = (await response.json()) as { url: string };
        assert.equal(response.status, 200, JSON.stringify(body));
        const url = new URL(body.url);
        url.pathname = `/_sandbox/join${url.pathname}`;
        return ((await (await fetch(url)).json()) as { session: string }).session;
      };
      const leave = async (session: string): Promise<void> => {
        const response = await fetch(`${world.sandbox.jitsi!.url}/_sandbox/sessions/${session}/leave`, {
          method: 'POST',
          redirect: 'manual',
        });
        await response.body?.cancel();
      };
      const roundCalls: number[] = [];
      const at = async (minute: number, events: () => Promise<void> = async () => {}): Promise<void> => {
        world.minute = minute;
        await events();
        const before = world.sandbox.jitsi!.calls.roomSize;
        await sample(world);
        roundCalls.push(world.sandbox.jitsi!.calls.roomSize - before);
      };
      let anna = '';
      let bernd = '';
      await at(0, async () => void (anna = await join(NAMES[0]!)));
      await at(1);
      await at(2, async () => void (bernd = await join(NAMES[1]!)));
      await at(5, () => leave(bernd));
      await at(8, () => leave(anna));
      await at(9);
      const { days } = await world.store.usage({ from: '2026-01-05', to: '2026-01-05' });
      // Anna 0 to 8, Bernd 2 to 5: 8 minutes, 8 + 3 participant minutes, two participants, at most two at once.
      assert.deepEqual(
        days.map((d) => [d.room, d.conferences, d.participants, d.peak, d.conferenceMs / MINUTE, d.participantMs / MINUTE]),
        [['spiel', 1, 2, 2, 8, 11]],
      );
      // One room-size request per round for the one room in use; none once it is over and no join is recent.
      assert.deepEqual(roundCalls, [1, 1, 1, 1, 1, 1]);
      world.minute = 30;
      const before = world.sandbox.jitsi!.calls.roomSize;
      await sample(world);
      assert.equal(world.sandbox.jitsi!.calls.roomSize, before);
    } finally {
      await world.close();
    }
  });

  test('a back end that fails is skipped for the round: its conferences go on', async () => {
    let down = false;
    const flaky = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (down) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const world = await startWorld({ fetch: flaky as typeof fetch });
    try {
      await enter(world, 'treff', 'Emil Irgendwer');
      await sample(world);
      down = true;
      world.minute = 1;
      await sample(world);
      assert.equal((await world.store.openConferences('sandbox')).length, 1);
      assert.ok(world.logs.some((line) => /usage sampler: backend sandbox: getMeetings: unreachable/.test(line)));
    } finally {
      await world.close();
    }
  });
});

describe('reading a getMeetings answer', () => {
  test('keeps our meetings with counts and join ids only: no name comes out, and other meetings are not read', () => {
    const attendee = (id: string, name: string) =>
      `<attendee><userID>${id}</userID><fullName>${name}</fullName><role>VIEWER</role><isPresenter>false</isPresenter></attendee>`;
    const meeting = (id: string, createTime: number, attendees: string[], ended = false) =>
      `<meeting><meetingName>Name of ${id}</meetingName><meetingID>${id}</meetingID><createTime>${createTime}</createTime>` +
      `<running>true</running><hasBeenForciblyEnded>${ended}</hasBeenForciblyEnded><participantCount>${attendees.length}</participantCount>` +
      `<attendees>${attendees.join('')}</attendees><metadata><meetingID>not-this</meetingID></metadata></meeting>`;
    const xml =
      `<response><returncode>SUCCESS</returncode><meetings>` +
      meeting('tsv/training', 1767600000000, [attendee('join-1', 'Anna Beispielfrau'), attendee('join-2', 'Bernd &amp; Co')]) +
      meeting('greenlight-room-42', 1767600000001, [attendee('gl-7', 'Clara Vertraulich')]) +
      meeting('tsv/vorstand', 1767600000002, [], true) +
      `</meetings></response>`;
    const looked: string[] = [];
    const listed = parseMeetingList(xml, (id) => (looked.push(id), id.startsWith('tsv/')));
    assert.deepEqual(looked, ['tsv/training', 'greenlight-room-42', 'tsv/vorstand']);
    assert.deepEqual(listed, [
      { meetingID: 'tsv/training', createTime: '1767600000000', ended: false, participants: 2, userIds: ['join-1', 'join-2'] },
      { meetingID: 'tsv/vorstand', createTime: '1767600000002', ended: true, participants: 0, userIds: [] },
    ]);
    assert.doesNotMatch(JSON.stringify(listed), /Anna|Bernd|Clara|gl-7/);
    const none =
      '<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey><message>no meetings were found on this server</message></response>';
    assert.equal(
      parseMeetingList(none, () => true),
      null,
    );
  });
});
