// End to end, as a Land would run it: two `vereinsraum serve` instances on one PostgreSQL database behind
// Debian's nginx with the site for several instances of docs/operator.md, the configuration of the docs, the
// sandbox as BigBlueButton. Joins, bookings and live status through nginx; a status change reaches the viewers
// of either instance; one instance killed with SIGKILL amid concurrent bookings loses no acknowledged one;
// PostgreSQL restarting: the instances are not ready, come back by themselves, catch up, lose nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { solveChallenge } from 'altcha-lib/v1';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { query, startPostgres } from '../support/postgres.mjs';
import { cliPath, freePort, operatorConfig, startNginxCluster, startServe } from './city-server.mjs';

const SECRET = 'e2e-bbb-secret-cluster-7d1e';
const PAGE = 'https://www.tsv-musterstadt.de';
const TENANT = 'tsv-musterstadt';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `status` events of an event stream as they come. */
async function statusStream(url) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { origin: PAGE } });
  assert.equal(response.status, 200, url);
  const events = [];
  const waiters = new Set();
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^event: status\ndata: (.*)$/m.exec(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (data) events.push(JSON.parse(data[1]));
        }
        for (const check of waiters) check();
      }
    } catch {
      // closed
    }
  })();
  return {
    next: (want, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => (waiters.delete(check), reject(new Error(`no such event at ${url}: ${JSON.stringify(events)}`))),
          ms,
        );
        const check = () => {
          const found = events.find(want);
          if (found) (waiters.delete(check), clearTimeout(timer), resolve(found));
        };
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}

describe('two instances on PostgreSQL behind nginx', () => {
  let dir;
  let postgres;
  let databaseUrl;
  let sandbox;
  let instances;
  let nginx;
  let url;
  /** The secrets the configuration names (access codes among them). */
  let env;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-e2e-cluster-'));
    postgres = await startPostgres();
    databaseUrl = await postgres.database('e2e');
    sandbox = await startSandbox({ secret: SECRET });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    let config;
    ({ config, env } = await operatorConfig({ bbbUrl: `${sandbox.url}/bigbluebutton/`, bbbSecret: SECRET, pageOrigin: PAGE }));
    config.store = { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 8, connectTimeoutMs: 2000 };
    config.status = { ttlMs: 1000 };
    config.tenants[TENANT].bookings = {
      approval: 'automatic',
      backend: 'bbb',
      joinPage: `${PAGE}/raum`,
      formPage: `${PAGE}/buchen`,
      consentText: { de: 'Ich bin einverstanden, dass der TSV meine Angaben speichert.', en: 'I agree that the TSV stores my details.' },
      privacyPolicyUrl: `${PAGE}/datenschutz`,
      perClientPerHour: 100_000,
      perEmailPerDay: 100_000,
      challengeMaxNumber: 10,
    };
    const processEnv = { ...env, DATABASE_URL: databaseUrl };
    const data = join(dir, 'data');
    const keys = spawn(process.execPath, [cliPath, 'keys', 'generate', '--data', data], { stdio: 'ignore' });
    assert.equal(await new Promise((resolve) => keys.once('exit', resolve)), 0);
    const args = ['--public-origin', url, '--trust-proxy'];
    instances = await Promise.all([0, 1].map(() => startServe({ config, env: processEnv, args, data })));
    nginx = await startNginxCluster({ upstreams: instances.map((i) => i.url), port });
  });
  after(async () => {
    await nginx?.close();
    for (const instance of instances ?? []) await instance.close();
    await sandbox?.close();
    await postgres?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const challenge = async () => await (await fetch(`${url}/v1/bookings/challenge?tenant=${TENANT}`, { headers: { origin: PAGE } })).json();
  const solved = async () => {
    const c = await challenge();
    const { number } = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
    return btoa(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature }));
  };
  const book = (altcha, title) => {
    const start = Date.now() + 3 * 86_400_000;
    return fetch(`${url}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PAGE },
      body: JSON.stringify({
        kind: 'video',
        tenant: TENANT,
        title,
        organisation: 'TSV',
        contactName: 'Erika Musterfrau',
        contactEmail: 'erika@tsv-musterstadt.de',
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        expectedParticipants: 5,
        consent: true,
        altcha,
      }),
    });
  };
  const join_ = (room, body) =>
    fetch(`${url}/v1/rooms/${TENANT}/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PAGE },
      body: JSON.stringify(body),
    });
  const storedIds = async () => new Set((await query(databaseUrl, 'SELECT id FROM bookings')).rows.map((row) => row.id));

  test('joins, bookings and live status through nginx; a change reaches the viewers of either instance', async () => {
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const tenant = await fetch(`${url}/v1/tenants/${TENANT}`, { headers: { origin: PAGE } });
    assert.equal(tenant.status, 200);

    // Bookings through nginx: challenge and answer may reach different instances.
    for (let i = 0; i < 4; i++) {
      const created = await book(await solved(), `Über nginx ${i}`);
      assert.equal(created.status, 201, await created.clone().text());
      assert.equal((await created.json()).status, 'approved');
    }

    const viewers = await Promise.all(
      [...instances.map((i) => i.url), url, url].map((base) => statusStream(`${base}/v1/rooms/${TENANT}/vereinsheim/events`)),
    );
    try {
      await Promise.all(viewers.map((v) => v.next((s) => s.state === 'idle')));
      const joined = await join_('vereinsheim', { displayName: 'Theo' });
      assert.equal(joined.status, 200, await joined.clone().text());
      const { url: meetingUrl, role } = await joined.json();
      assert.equal(role, 'moderator');
      assert.equal((await fetch(meetingUrl)).status, 200);
      await Promise.all(viewers.map((v) => v.next((s) => s.state === 'live' && s.participants === 1)));
      const attendee = await (await join_('vereinsheim', { displayName: 'Ida' })).json();
      assert.equal(attendee.role, 'attendee');
    } finally {
      for (const viewer of viewers) viewer.close();
    }
  });

  test('kill -9 of one instance amid concurrent bookings loses no acknowledged booking; PostgreSQL restarts: not ready, back by itself, nothing lost', async () => {
    const count = 1000;
    const answers = [];
    while (answers.length < count) answers.push(...(await Promise.all(Array.from({ length: 8 }, () => solved()))));
    const acknowledged = [];
    let refused = 0;
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const response = await book(answers[i], `Ansturm ${i}`).catch(() => undefined);
        if (response?.status === 201) acknowledged.push((await response.json()).id);
        else refused++;
      }
    };
    const running = Promise.all(Array.from({ length: 32 }, worker));
    while (acknowledged.length < 200) await sleep(10);
    instances[0].child.kill('SIGKILL');
    await instances[0].exited;
    await running;
    assert.ok(acknowledged.length >= count / 2, `${acknowledged.length} acknowledged, ${refused} refused`);
    const stored = await storedIds();
    assert.deepEqual(
      acknowledged.filter((id) => !stored.has(id)),
      [],
      'every acknowledged booking is stored',
    );

    // The survivor serves alone through nginx; its viewers and nginx's.
    const survivor = instances[1].url;
    const viewers = [
      statusStream(`${survivor}/v1/rooms/${TENANT}/vorstand/events`),
      statusStream(`${url}/v1/rooms/${TENANT}/vorstand/events`),
    ];
    const streams = await Promise.all(viewers);
    try {
      await Promise.all(streams.map((v) => v.next((s) => s.state === 'idle')));
      const before = await book(await solved(), 'Vor dem Neustart');
      assert.equal(before.status, 201);
      const beforeId = (await before.json()).id;

      postgres.stop();
      let downBooking;
      try {
        await sleep(300);
        const ready = await fetch(`${survivor}/readyz`);
        assert.equal(ready.status, 503);
        assert.ok((await ready.json()).reasons.includes('store'));
        downBooking = await book('x', 'Während des Neustarts').catch(() => undefined);
      } finally {
        postgres.start();
      }
      assert.notEqual(downBooking?.status, 201, 'nothing acknowledged while the database was away');
      for (let i = 0; i < 50 && (await fetch(`${survivor}/readyz`)).status !== 200; i++) await sleep(200);
      assert.equal((await fetch(`${survivor}/readyz`)).status, 200, 'ready again without a restart');

      // Caught up: a meeting that starts now reaches the viewers; writes work; nothing acknowledged went missing.
      const moderator = await join_('vorstand', { displayName: 'Vorsitz', accessCode: env.TSV_VORSTAND_MODERATOR });
      assert.equal(moderator.status, 200, await moderator.clone().text());
      assert.equal((await fetch((await moderator.json()).url)).status, 200);
      await Promise.all(streams.map((v) => v.next((s) => s.state === 'live')));
      const afterRestart = await book(await solved(), 'Nach dem Neustart');
      assert.equal(afterRestart.status, 201);
      const all = await storedIds();
      assert.ok(all.has(beforeId) && all.has((await afterRestart.json()).id));
      assert.deepEqual(
        acknowledged.filter((id) => !all.has(id)),
        [],
      );
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
