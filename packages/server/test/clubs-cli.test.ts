// `vereinsraum clubs …` and `vereinsraum serve` as child processes on one
// SQLite file: the operator's commands reach a running server through the
// database, and an approval, room changes and deletions acknowledged by the
// server survive a SIGKILL.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AdminClub, BookingChallenge } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { loadKeySetFile } from '../src/files.ts';
import { fillMailLinks } from '../src/mail/delivery.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { ADMIN, bookingConfig, solve } from './booking-stack.ts';
import { runCli } from './child.ts';
import { CITY_ORIGIN, clubsSection, NORTH_ADMIN, SOUTH_ADMIN } from './club-stack.ts';
import { env, SECRET } from './stack.ts';

const ENV = { ...env, ADMIN_TOKEN: ADMIN, NORTH_ADMIN, SOUTH_ADMIN };

describe('CLI and durability: clubs', () => {
  let dir: string;
  let sandbox: Sandbox;
  let config: string;
  let data: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-clubs-cli-'));
    sandbox = await startSandbox({ secret: SECRET });
    config = join(dir, 'config.json');
    data = join(dir, 'data');
    await writeFile(
      config,
      JSON.stringify({ ...bookingConfig(sandbox.apiUrl), publicOrigin: 'https://vereinsraum.musterstadt.example', clubs: clubsSection() }),
    );
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function serve() {
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', data, '--public-origin', 'http://127.0.0.1'], ENV);
    const url = (await server.output(/listening on (http:\/\/\S+)/, 60_000))[1]!;
    return { server, url };
  }

  /** Register and confirm a club through the running server; its id. */
  async function pendingClub(url: string, name: string, region = 'nord'): Promise<string> {
    const challenge = (await (await fetch(`${url}/v1/clubs/challenge`)).json()) as BookingChallenge;
    const email = `kontakt.${crypto.randomUUID().slice(0, 8)}@example.org`;
    const answer = await fetch(`${url}/v1/clubs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: CITY_ORIGIN },
      body: JSON.stringify({
        name,
        kind: 'club',
        website: 'https://www.verein.example',
        region,
        contactName: 'Erika Musterfrau',
        contactEmail: email,
        consent: true,
        altcha: await solve(challenge),
      }),
    });
    assert.equal(answer.status, 202, await answer.clone().text());
    // The confirmation link's token, as the mail would carry it (read from the database, filled with the key set).
    const store = new SqliteStore(join(data, 'vereinsraum.db'));
    try {
      const { keys } = await loadKeySetFile(join(data, 'keys.json'));
      const mail = (await store.listMails(50)).find((m) => m.to === email)!;
      const token = /#confirm=(\S+)/.exec((await fillMailLinks(keys, mail)).text)![1]!;
      const confirmed = await fetch(`${url}/v1/clubs/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      assert.equal(confirmed.status, 200);
    } finally {
      await store.close();
    }
    const again = new SqliteStore(join(data, 'vereinsraum.db'));
    try {
      return (await again.listClubs({ emailKey: email }))[0]!.id;
    } finally {
      await again.close();
    }
  }

  test('clubs list, approve, reject, suspend and delete reach a running server through the database', { timeout: 120_000 }, async () => {
    const { server, url } = await serve();
    try {
      const north = await pendingClub(url, 'Nordlicht e. V.');
      const south = await pendingClub(url, 'Südwind e. V.', 'sued');
      const list = runCli(['clubs', 'list', '--config', config, '--data', data, '--status', 'pending', '--json'], ENV);
      assert.equal(await list.exit, 0, list.err());
      assert.deepEqual((JSON.parse(list.out()) as AdminClub[]).map((c) => c.id).sort(), [north, south].sort());
      const byRegion = runCli(['clubs', 'list', '--config', config, '--data', data, '--region', 'sued'], ENV);
      assert.equal(await byRegion.exit, 0);
      assert.match(byRegion.out(), /^suedwind-e-v\tpending\tsued\tclub\t"Südwind e. V."/);
      assert.equal(byRegion.out().includes(north), false);

      const approve = runCli(['clubs', 'approve', '--config', config, '--data', data, '--id', north], ENV);
      assert.equal(await approve.exit, 0, approve.err());
      assert.match(approve.out(), /^approved nordlicht-e-v/);
      // The running server knows the club at once: no restart, no reload.
      assert.equal((await fetch(`${url}/v1/tenants/${north}`)).status, 200);
      assert.equal((await fetch(`${url}/v1/rooms/${north}/treffpunkt/status`)).status, 200);

      // Another website the club asked for on its page (written as the page's route writes it).
      const refuseNone = runCli(
        ['clubs', 'refuse-origin', '--config', config, '--data', data, '--id', north, '--origin', 'https://x.example'],
        ENV,
      );
      assert.equal(await refuseNone.exit, 1);
      assert.match(refuseNone.err(), /club_conflict: Club 'nordlicht-e-v' has asked for no other website/);
      const db = new SqliteStore(join(data, 'vereinsraum.db'));
      await db.updateClub(
        north,
        ['active'],
        { originRequest: { origin: 'https://jugend.verein.example', at: Date.now() }, updatedAt: Date.now() },
        { mails: [] },
      );
      await db.close();
      assert.equal((await fetch(`${url}/v1/tenants/${north}`, { headers: { origin: 'https://jugend.verein.example' } })).status, 403);
      const allow = runCli(
        ['clubs', 'allow-origin', '--config', config, '--data', data, '--id', north, '--origin', 'https://jugend.verein.example'],
        ENV,
      );
      assert.equal(await allow.exit, 0, allow.err());
      assert.match(
        allow.out(),
        /^allowed: nordlicht-e-v may embed its rooms on https:\/\/www\.verein\.example https:\/\/jugend\.verein\.example/,
      );
      assert.equal((await fetch(`${url}/v1/tenants/${north}`, { headers: { origin: 'https://jugend.verein.example' } })).status, 200);

      const twice = runCli(['clubs', 'approve', '--config', config, '--data', data, '--id', north], ENV);
      assert.equal(await twice.exit, 1);
      assert.match(twice.err(), /club_conflict: Club 'nordlicht-e-v' is active/);
      const noReason = runCli(['clubs', 'suspend', '--config', config, '--data', data, '--id', north], ENV);
      assert.equal(await noReason.exit, 2);
      const suspend = runCli(['clubs', 'suspend', '--config', config, '--data', data, '--id', north, '--reason', 'Beschwerden'], ENV);
      assert.equal(await suspend.exit, 0, suspend.err());
      assert.equal((await fetch(`${url}/v1/tenants/${north}`)).status, 404, 'suspended: gone at once');
      const reject = runCli(['clubs', 'reject', '--config', config, '--data', data, '--id', south, '--reason', 'Kein Verein'], ENV);
      assert.equal(await reject.exit, 0, reject.err());
      const del = runCli(['clubs', 'delete', '--config', config, '--data', data, '--id', north], ENV);
      assert.equal(await del.exit, 0, del.err());
      const missing = runCli(['clubs', 'delete', '--config', config, '--data', data, '--id', north], ENV);
      assert.equal(await missing.exit, 1);
      assert.match(missing.err(), /club_not_found/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit;
    }
  });

  /** Sign the contact person of `id` in on the running server: a request to the club page's API. */
  async function signIn(url: string, id: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
    const store = new SqliteStore(join(data, 'vereinsraum.db'));
    const email = (await store.getClub(id))!.contactEmail;
    await store.close();
    const asked = await fetch(`${url}/v1/club/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    assert.equal(asked.status, 202);
    const again = new SqliteStore(join(data, 'vereinsraum.db'));
    const { keys } = await loadKeySetFile(join(data, 'keys.json'));
    const mail = (await again.listMails(200)).find((m) => m.kind === 'club-signin' && m.to === email)!;
    await again.close();
    const token = /#signin=(\S+)/.exec((await fillMailLinks(keys, mail)).text)![1]!;
    const session = await fetch(`${url}/v1/club/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf } = (await session.json()) as { csrf: string };
    return (path, init = {}) =>
      fetch(`${url}/v1/club${path}`, {
        ...init,
        headers: { cookie, 'x-vereinsraum-csrf': csrf, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      });
  }

  test('an approval, room changes and deletions acknowledged by the server survive a SIGKILL', { timeout: 120_000 }, async () => {
    const first = await serve();
    const id = await pendingClub(first.url, 'Standfest e. V.');
    const gone = await pendingClub(first.url, 'Abschied e. V.');
    for (const club of [id, gone]) {
      const approved = await fetch(`${first.url}/v1/admin/clubs/${club}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      assert.equal(approved.status, 200);
    }
    const call = await signIn(first.url, id);
    const post = (path: string, body: unknown) => call(path, { method: 'POST', body: JSON.stringify(body) });
    assert.equal((await post('/rooms', { id: 'vorstand', name: 'Vorstand', accessCode: 'geheim-42', waitingRoom: true })).status, 201);
    assert.equal((await post('/rooms', { id: 'kurz', name: 'Nur kurz' })).status, 201);
    assert.equal((await post('/rooms/treffpunkt', { name: 'Vereinsheim', start: 'anyone', recording: true })).status, 200);
    assert.equal((await call('/rooms/kurz', { method: 'DELETE' })).status, 204);
    const goneCall = await signIn(first.url, gone);
    assert.equal((await goneCall('/me', { method: 'DELETE' })).status, 204);
    // Every answer above came back: now the process dies without a chance to flush anything.
    first.server.child.kill('SIGKILL');
    await first.server.exit;

    const again = await serve();
    try {
      const club = await fetch(`${again.url}/v1/admin/clubs/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      assert.equal(((await club.json()) as AdminClub).status, 'active');
      assert.equal((await fetch(`${again.url}/v1/rooms/${id}/treffpunkt/status`)).status, 200);
      const store = new SqliteStore(join(data, 'vereinsraum.db'));
      try {
        const rooms = await store.listClubRooms(id);
        assert.deepEqual(
          rooms.map((room) => [room.id, room.name, room.start, room.accessCode !== null, room.waitingRoom, room.recording]),
          [
            ['treffpunkt', 'Vereinsheim', 'anyone', false, false, true],
            ['vorstand', 'Vorstand', 'moderator-code', true, true, false],
          ],
        );
        assert.equal(await store.getClub(gone), undefined, 'the deleted club stays deleted');
      } finally {
        await store.close();
      }
      assert.equal((await fetch(`${again.url}/v1/tenants/${gone}`)).status, 404);
    } finally {
      again.server.child.kill('SIGTERM');
      await again.server.exit;
    }
  });
});
