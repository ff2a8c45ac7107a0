// The clubs' lifecycle over real HTTP on 127.0.0.1 with a SQLite file, the
// BigBlueButton sandbox and an injected clock: the yearly reconfirmation (mail,
// reminder, suspension; the link confirms once), and clubs whose rooms are
// unused (warning, suspension unless someone joins). The tests run the
// singleton job's rounds themselves, as `start()` runs them every hour.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSandbox } from '../../sandbox/src/index.ts';
import type { Services } from '../src/context.ts';
import { parseConfig } from '../src/config/index.ts';
import { serviceHandler } from '../src/handler.ts';
import { serve } from '../src/adapters/node.ts';
import { generateKeySet } from '../src/keys.ts';
import { createServices } from '../src/services.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ADMIN, bookingConfig, type BookingStack } from './booking-stack.ts';
import { clubFlow, clubsSection, NORTH_ADMIN, SOUTH_ADMIN } from './club-stack.ts';
import { env, SECRET } from './stack.ts';

const DAY = 86_400_000;
const CLUB_ORIGIN = 'https://www.tsv-musterstadt.example';

interface World {
  stack: BookingStack;
  services: Services;
  /** Move the clock by `days`. */
  pass(days: number): void;
  /** One round of the lifecycle job, as `start()` runs it. */
  round(): Promise<{ mailed: number; suspended: number }>;
  close(): Promise<void>;
}

async function startWorld(lifecycle: Record<string, number>): Promise<World> {
  const sandbox = await startSandbox({ secret: SECRET });
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-lifecycle-'));
  const store = new SqliteStore(join(dir, 'vereinsraum.db'));
  const keys = await generateKeySet();
  let offset = 0;
  const raw = bookingConfig(
    `${sandbox.url}/bigbluebutton/`,
    {},
    { clubs: clubsSection(lifecycle), publicOrigin: 'https://vereinsraum.example' },
  );
  const config = parseConfig(raw, { ...env, ADMIN_TOKEN: ADMIN, NORTH_ADMIN, SOUTH_ADMIN });
  const services = createServices(config, {
    keys,
    store,
    now: () => Date.now() + offset,
    challengeKey: 'test-challenge-key',
    log: () => undefined,
  });
  const server = await serve(serviceHandler(services));
  // serve() started the background work; the tests run the rounds themselves, with their clock.
  services.stop();
  const stack = {
    api: server.url,
    store,
    keys,
    admin: (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/v1/admin${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
      }),
  } as unknown as BookingStack;
  return {
    stack,
    services,
    pass: (days) => void (offset += days * DAY),
    async round() {
      let result = { mailed: -1, suspended: -1 };
      const ran = await services.jobs.run('club-lifecycle', async () => {
        result = await services.clubs!.lifecycle.run('https://vereinsraum.example');
      });
      assert.equal(ran, true);
      return result;
    },
    async close() {
      await server.close();
      await store.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('clubs: the yearly reconfirmation', () => {
  let world: World;
  let flow: ReturnType<typeof clubFlow>;
  before(async () => {
    world = await startWorld({ reconfirmDays: 365, idleDays: 0, graceDays: 30 });
    flow = clubFlow(world.stack);
  });
  after(() => world.close());

  const mails = async (kind: string, to: string) => (await world.stack.store.listMails(500)).filter((m) => m.kind === kind && m.to === to);
  const tenant = async (id: string) => (await fetch(`${world.stack.api}/v1/tenants/${id}`)).status;

  test('a mail after a year, a reminder after the grace period, then suspension; the link confirms once, for another year', async () => {
    const silent = await flow.activeClub({ name: 'Stiller Verein' });
    const answering = await flow.activeClub({ name: 'Antwortverein' });

    world.pass(364);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    world.pass(1);
    assert.deepEqual(await world.round(), { mailed: 2, suspended: 0 });
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 }, 'a round repeated at once does nothing more');
    const [asked] = await mails('club-reconfirm', answering.email);
    assert.ok(asked, 'the reconfirmation mail is in the outbox');
    assert.match(asked.subject, /^Nutzt Antwortverein Vereinsraum noch\?$/);
    assert.equal((await mails('club-reconfirm', silent.email)).length, 1);

    const registrationToken = await flow.confirmToken(answering.email);
    assert.equal((await flow.confirm(registrationToken)).status, 404, "the registration's link does not answer a reconfirmation");
    const token = /#confirm=(\S+)/.exec((await flow.mail('club-reconfirm', answering.email)).text)![1]!;
    const confirmed = await flow.confirm(token);
    assert.deepEqual(await confirmed.json(), { status: 'active' });
    assert.equal((await flow.confirm(token)).status, 404, 'the link works once');
    assert.equal((await world.stack.store.getClub(answering.id))!.notice, null);

    world.pass(30);
    assert.deepEqual(await world.round(), { mailed: 1, suspended: 0 });
    assert.equal((await mails('club-reconfirm-warning', silent.email)).length, 1);
    assert.equal((await mails('club-reconfirm-warning', answering.email)).length, 0);
    world.pass(29);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    world.pass(1);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 1 });
    const suspended = (await world.stack.store.getClub(silent.id))!;
    assert.equal(suspended.status, 'suspended');
    assert.match(suspended.reason!, /jährliche Bestätigung/);
    assert.equal((await mails('club-suspended', silent.email)).length, 1);
    assert.equal(await tenant(silent.id), 404, 'its rooms stop at once');
    assert.equal(await tenant(answering.id), 200);
    assert.equal((await flow.confirm(await flow.confirmToken(silent.email))).status, 404, 'a suspended club cannot confirm itself back in');

    // The operator lets it in again: a new year starts, no leftover notice.
    assert.equal((await world.stack.admin(`/clubs/${silent.id}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await world.stack.store.getClub(silent.id))!.notice, null);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    // The club that answered is asked again a year after its answer (60 days have passed since).
    world.pass(304);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    world.pass(1);
    assert.deepEqual(await world.round(), { mailed: 1, suspended: 0 });
    assert.equal((await mails('club-reconfirm', answering.email)).length, 2);
  });
});

describe('clubs: unused rooms', () => {
  let world: World;
  let flow: ReturnType<typeof clubFlow>;
  before(async () => {
    world = await startWorld({ reconfirmDays: 0, idleDays: 100, graceDays: 30 });
    flow = clubFlow(world.stack);
  });
  after(() => world.close());

  /** A room anyone may start, made now, and one join into it now (the session is made now, with the clock). */
  async function use(club: { id: string; email: string }, room: string): Promise<void> {
    const session = await flow.signIn(club.email);
    const made = await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: room, name: 'Offen', start: 'anyone' }) });
    assert.ok(made.status === 201 || made.status === 409);
    const joined = await fetch(`${world.stack.api}/v1/rooms/${club.id}/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: CLUB_ORIGIN },
      body: JSON.stringify({ displayName: 'Mitglied' }),
    });
    assert.equal(joined.status, 200);
  }

  test('a warning after the idle time, suspension after the grace period; a join in between clears the warning', async () => {
    const quiet = await flow.activeClub({ name: 'Ruhiger Verein', website: CLUB_ORIGIN });
    const busy = await flow.activeClub({ name: 'Reger Verein', website: CLUB_ORIGIN });
    world.pass(60);
    await use(busy, 'halle');
    world.pass(40);
    assert.deepEqual(await world.round(), { mailed: 1, suspended: 0 }, 'only the club without a join for 100 days');
    const listMails = async (kind: string, to: string) =>
      (await world.stack.store.listMails(500)).filter((m) => m.kind === kind && m.to === to);
    assert.equal((await listMails('club-idle-warning', quiet.email)).length, 1);
    assert.equal((await world.stack.store.getClub(quiet.id))!.notice?.kind, 'idle-warned');

    world.pass(10);
    await use(quiet, 'treff');
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    assert.equal((await world.stack.store.getClub(quiet.id))!.notice, null, 'the join answered the warning');

    // The busy club's last join was on day 60: warned on day 160, suspended on day 190.
    world.pass(49);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 0 });
    world.pass(1);
    assert.deepEqual(await world.round(), { mailed: 1, suspended: 0 });
    world.pass(30);
    assert.deepEqual(await world.round(), { mailed: 0, suspended: 1 });
    assert.equal((await world.stack.store.getClub(busy.id))!.status, 'suspended');
    assert.match((await world.stack.store.getClub(busy.id))!.reason!, /lange nicht genutzt/);
    assert.equal((await world.stack.store.getClub(quiet.id))!.status, 'active', 'its join on day 110 counts until day 210');
  });
});
