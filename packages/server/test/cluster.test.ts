// Two `vereinsraum serve` processes on one PostgreSQL database, as a city runs them behind a load balancer:
// what used to live in one process's memory (the proof-of-work key, the per-client limits, the
// serialisation of chat approvals, the mail sender) now holds across both.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AdminBooking, BookingChallenge, BookingCreated } from '@vereinsraum/protocol';
import { query, sharedPostgres } from '../../../test/support/postgres.mjs';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { ADMIN, bookingConfig, HOUR, solve } from './booking-stack.ts';
import { type Cli, listening, runCli, runInstance } from './child.ts';
import { startSmtp, waitFor } from './smtp.ts';
import { env, PAGE_ORIGIN, SECRET } from './stack.ts';

const BOT_TOKEN = 'bot-token-for-cluster-tests-0123';

describe('two instances on one PostgreSQL database', () => {
  let dir: string;
  let sandbox: Sandbox;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let databaseUrl: string;
  const servers: Cli[] = [];
  let urls: string[];
  let config: string;
  let processEnv: Record<string, string>;
  let data: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-cluster-'));
    sandbox = await startSandbox({ secret: SECRET, mattermost: { botToken: BOT_TOKEN, teams: ['verein'] } });
    smtp = await startSmtp();
    databaseUrl = await (await sharedPostgres()).database('cluster');
    const raw = bookingConfig(
      sandbox.apiUrl,
      { perClientPerHour: 1000, perEmailPerDay: 1000, chat: { backend: 'chat', team: 'verein' } },
      {
        store: { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 4 },
        smtp: { host: '127.0.0.1', port: smtp.port, from: 'Vereinsraum <vereinsraum@example.org>' },
      },
    );
    (raw.backends as Record<string, unknown>).chat = {
      type: 'mattermost',
      url: sandbox.mattermost!.url,
      tokenEnv: 'MM_TOKEN',
      timeoutMs: 5000,
    };
    config = join(dir, 'vereinsraum.json');
    await writeFile(config, JSON.stringify(raw));
    processEnv = { ...env, ADMIN_TOKEN: ADMIN, MM_TOKEN: BOT_TOKEN, DATABASE_URL: databaseUrl };
    data = join(dir, 'data');
    const keys = runCli(['keys', 'generate', '--data', data], processEnv);
    assert.equal(await keys.exit, 0, keys.err());
    for (let i = 0; i < 2; i++) servers.push(runCli(['serve', '--config', config, '--port', '0', '--data', data], processEnv));
    urls = await Promise.all(servers.map(listening));
  });
  after(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exit));
    await smtp.close();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const challenge = async (url: string): Promise<BookingChallenge> =>
    (await (await fetch(`${url}/v1/bookings/challenge?tenant=tsv`)).json()) as BookingChallenge;
  const bookingBody = (altcha: string, overrides: Record<string, unknown> = {}) => {
    const start = Date.now() + 2 * 86_400_000;
    return JSON.stringify({
      kind: 'video',
      tenant: 'tsv',
      title: 'Jahreshauptversammlung',
      organisation: 'TSV',
      contactName: 'Erika Musterfrau',
      contactEmail: 'erika@verein.example',
      start: new Date(start).toISOString(),
      end: new Date(start + HOUR).toISOString(),
      expectedParticipants: 5,
      consent: true,
      altcha,
      ...overrides,
    });
  };
  const post = (url: string, body: string): Promise<Response> =>
    fetch(`${url}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN }, body });
  const book = async (url: string, overrides: Record<string, unknown> = {}): Promise<BookingCreated> => {
    const response = await post(url, bookingBody(await solve(await challenge(url)), overrides));
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as BookingCreated;
  };
  const admin = (url: string, path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${url}/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });

  test('a challenge fetched from one instance is accepted by the other; one solved challenge posted to both is accepted once', async () => {
    const [a, b] = urls as [string, string];
    const across = await post(b, bookingBody(await solve(await challenge(a)), { title: 'Quer' }));
    assert.equal(across.status, 201, await across.clone().text());

    const altcha = await solve(await challenge(b));
    const answers = await Promise.all([
      post(a, bookingBody(altcha, { title: 'Doppelt' })),
      post(b, bookingBody(altcha, { title: 'Doppelt' })),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 403]);
    const refused = answers.find((r) => r.status === 403)!;
    assert.equal(((await refused.json()) as { code: string }).code, 'challenge_failed');
    const stored = await query(databaseUrl, "SELECT count(*)::int AS n FROM bookings WHERE title = 'Doppelt'");
    assert.equal(stored.rows[0].n, 1);
  });

  test('ten wrong access codes spread over both instances, and the eleventh is refused by either', async () => {
    const join = (url: string, accessCode: string): Promise<Response> =>
      fetch(`${url}/v1/rooms/tsv/vorstand/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN },
        body: JSON.stringify({ displayName: 'Rater', accessCode }),
      });
    for (let i = 0; i < 10; i++) {
      const response = await join(urls[i % 2]!, `falsch-${i}`);
      assert.equal(response.status, 403, `try ${i + 1}`);
      assert.equal(((await response.json()) as { code: string }).code, 'access_code_invalid');
    }
    for (const url of urls) {
      const refused = await join(url, 'vorstand-mitglied');
      assert.equal(refused.status, 429, 'even the right code, once the client used up its tries');
      assert.equal(((await refused.json()) as { code: string }).code, 'too_many_attempts');
      assert.ok(Number(refused.headers.get('retry-after')) > 800);
    }
    // What the store keeps of it: keyed hashes, never the address.
    const kept = (await query(databaseUrl, 'SELECT key FROM client_hits')).rows.map((row: { key: string }) => row.key);
    assert.ok(kept.length >= 10);
    assert.ok(
      kept.every((key: string) => !key.includes('127.0.0.1') && /^[A-Za-z0-9+/]{43}$/.test(key)),
      kept.join(' '),
    );
  });

  test('the same chat booking approved on both at once: one approval, one set of invites, one mail, one channel', async () => {
    const [a, b] = urls as [string, string];
    const booking = await book(a, { kind: 'chat', title: 'Übungsabend Jugend', contactEmail: 'jugend@verein.example' });
    const answers = await Promise.all([a, b].map((url) => admin(url, `/bookings/${booking.id}/approve`, { method: 'POST' })));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409], await Promise.all(answers.map((r) => r.clone().text())).then((t) => t.join('\n')));
    const approved = (await answers.find((r) => r.status === 200)!.json()) as AdminBooking;
    assert.equal(approved.status, 'approved');

    const audit = (await query(databaseUrl, 'SELECT action FROM audit WHERE booking_id = $1 ORDER BY id', [booking.id])).rows;
    assert.deepEqual(
      audit.map((row: { action: string }) => row.action),
      ['created', 'approved'],
    );
    const invites = await query(databaseUrl, 'SELECT count(*)::int AS n FROM invites WHERE booking_id = $1', [booking.id]);
    assert.equal(invites.rows[0].n, 2, 'one moderator and one attendee invite');
    const channels = sandbox.mattermost!.channels().filter((channel) => channel.name.endsWith(booking.id));
    assert.equal(channels.length, 1, 'one channel');
    await waitFor(
      () => smtp.received.find((r) => r.to.includes('jugend@verein.example') && /^Buchung bestätigt/.test(r.mail.subject ?? '')),
      'the approval mail',
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(
      smtp.received.filter((r) => r.to.includes('jugend@verein.example') && /^Buchung bestätigt/.test(r.mail.subject ?? '')).length,
      1,
      'one approval mail',
    );
    const lease = await query(databaseUrl, 'SELECT lease_holder FROM bookings WHERE id = $1', [booking.id]);
    assert.equal(lease.rows[0].lease_holder, null, 'the lease was given back');
  });

  test('both instances sending the outbox at once send no mail twice', async () => {
    const [a, b] = urls as [string, string];
    const made = await Promise.all(
      Array.from({ length: 16 }, (_, i) => book(i % 2 ? a : b, { title: `Sitzung ${i}`, contactEmail: `sitzung${i}@verein.example` })),
    );
    const subjectOf = (i: number) => `Buchung eingegangen: Sitzung ${i}`;
    await waitFor(
      () => (made.every((_, i) => smtp.received.some((r) => r.mail.subject === subjectOf(i))) ? true : undefined),
      'every mail',
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let i = 0; i < made.length; i++) {
      assert.equal(smtp.received.filter((r) => r.mail.subject === subjectOf(i)).length, 1, subjectOf(i));
    }
    const unsent = await query(databaseUrl, 'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    assert.equal(unsent.rows[0].n, 0);
  });

  test('an approver killed in the middle of a chat approval: its lease lapses, and the other instance finishes it with the same channel', async () => {
    const leaseMs = 1500;
    const instances = [0, 1].map(() => runInstance(config, join(data, 'keys.json'), { approvalLeaseMs: leaseMs }, processEnv));
    try {
      const [a, b] = await Promise.all(instances.map(listening));
      const booking = await book(a!, { kind: 'chat', title: 'Abgebrochen', contactEmail: 'abbruch@verein.example' });
      const mm = sandbox.mattermost!;
      const posts = (): number => mm.calls['POST /api/v4/posts'] ?? 0;
      const before = posts();
      // The welcome message waits: the channel is made and recorded, the approval is half-way.
      const release = mm.holdAnswers('POST /api/v4/posts');
      const dying = admin(a!, `/bookings/${booking.id}/approve`, { method: 'POST' }).catch(() => undefined);
      await waitFor(() => (posts() > before ? true : undefined), 'the welcome message on its way', 10_000);
      const recorded = (await query(databaseUrl, 'SELECT chat, lease_holder FROM bookings WHERE id = $1', [booking.id])).rows[0];
      assert.ok(recorded.lease_holder, 'A holds the lease');
      const channelId = (JSON.parse(recorded.chat) as { channelId: string }).channelId;
      instances[0]!.child.kill('SIGKILL');
      await instances[0]!.exit;
      await dying;
      release();

      const started = Date.now();
      const answer = await admin(b!, `/bookings/${booking.id}/approve`, { method: 'POST' });
      assert.equal(answer.status, 200, await answer.clone().text());
      const approved = (await answer.json()) as AdminBooking;
      assert.equal(approved.status, 'approved');
      assert.ok(Date.now() - started < leaseMs + 5000, 'not much longer than the lease');
      const after = (await query(databaseUrl, 'SELECT chat, lease_holder FROM bookings WHERE id = $1', [booking.id])).rows[0];
      assert.equal((JSON.parse(after.chat) as { channelId: string }).channelId, channelId, 'the same channel');
      assert.equal(after.lease_holder, null);
      assert.equal(mm.channels().filter((channel) => channel.name.endsWith(booking.id)).length, 1, 'one channel');
    } finally {
      for (const instance of instances) instance.child.kill('SIGTERM');
      await Promise.all(instances.map((instance) => instance.exit));
    }
  });
});
