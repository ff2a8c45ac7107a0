// `vereinsraum serve` as operators run it: a child process with a config file,
// the element bundles at /cdn/, the operators' page, and reloads by SIGHUP.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RoomStatus } from '@vereinsraum/protocol';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { type Cli, eventStream, listening, runCli } from './child.ts';
import { enterMeeting, env, rawConfig } from './stack.ts';

let dir: string;
let sandbox: Sandbox;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vereinsraum-serve-'));
  sandbox = await startSandbox({ secret: env.BBB_SECRET });
});
after(() => sandbox.close());

/** The test config, with `change` applied, written to `name`. */
async function writeConfig(
  name: string,
  change: (raw: ReturnType<typeof rawConfig> & Record<string, unknown>) => void = () => undefined,
): Promise<string> {
  const raw = { ...rawConfig(sandbox.apiUrl), status: { ttlMs: 1000 } };
  change(raw);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(raw));
  return path;
}

async function stop(server: Cli): Promise<void> {
  server.child.kill('SIGTERM');
  assert.equal(await server.exit, 0);
}

const join_ = (url: string, room: string, body: object) =>
  fetch(`${url}/v1/rooms/tsv/${room}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('vereinsraum serve', () => {
  test("serves the installed element bundles at /cdn/, for pages of any origin, and the operators' page at /admin", async () => {
    const config = await writeConfig('cdn.json');
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', join(dir, 'cdn-data')], env);
    const url = await listening(server);
    try {
      const bundle = await fetch(`${url}/cdn/vereinsraum.js`, { headers: { origin: 'https://www.tsv.example' } });
      assert.equal(bundle.status, 200);
      assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
      assert.equal(bundle.headers.get('content-type'), 'text/javascript; charset=utf-8');
      const integrity = (await (await fetch(`${url}/cdn/integrity.json`)).json()) as Record<string, string>;
      const versioned = Object.keys(integrity).find((name) => /^vereinsraum\.[0-9a-f]{10}\.js$/.test(name))!;
      assert.equal(integrity[versioned], integrity['vereinsraum.js']);
      assert.equal((await fetch(`${url}/cdn/${versioned}`)).headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const admin = await fetch(`${url}/admin`, { headers: { 'accept-language': 'en' } });
      assert.equal(admin.status, 200);
      assert.match(await admin.text(), /<verein-booking-admin/);
      // The API is still there, with its own CORS rules.
      assert.equal((await fetch(`${url}/v1/tenants/tsv`, { headers: { origin: 'https://evil.example' } })).status, 403);
    } finally {
      await stop(server);
    }
  });

  test('--cdn DIR serves the bundles of another folder; one without bundles is refused at the start', async () => {
    const config = await writeConfig('cdn-dir.json');
    const own = await mkdtemp(join(tmpdir(), 'vereinsraum-own-cdn-'));
    await writeFile(join(own, 'vereinsraum.js'), 'console.log("our own build");\n');
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', join(dir, 'cdn-dir-data'), '--cdn', own], env);
    const url = await listening(server);
    try {
      assert.equal(await (await fetch(`${url}/cdn/vereinsraum.js`)).text(), 'console.log("our own build");\n');
      assert.equal((await fetch(`${url}/cdn/join-room.js`)).status, 404);
    } finally {
      await stop(server);
    }
    const empty = await mkdtemp(join(tmpdir(), 'vereinsraum-empty-cdn-'));
    const refused = runCli(['serve', '--config', config, '--port', '0', '--data', join(dir, 'cdn-dir-data'), '--cdn', empty], env);
    assert.equal(await refused.exit, 1);
    assert.match(refused.err(), /the bundle folder .* holds no \.js bundle/);
  });

  test('SIGHUP: a new room works, an open event stream goes on, a broken config is refused and the old one kept', async () => {
    const config = await writeConfig('reload.json');
    // DATABASE_URL: for the config that names another store below (never connected to).
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', join(dir, 'reload-data')], {
      ...env,
      DATABASE_URL: 'postgresql://vereinsraum@127.0.0.1:1/vereinsraum',
    });
    const url = await listening(server);
    try {
      const stream = await eventStream<RoomStatus>(`${url}/v1/rooms/tsv/training/events`);
      await stream.next((s) => s.state === 'idle');
      assert.equal((await join_(url, 'neu', { displayName: 'Ida' })).status, 404, 'no such room yet');

      await writeConfig('reload.json', (raw) => {
        raw.tenants.tsv.rooms = {
          ...raw.tenants.tsv.rooms,
          neu: { name: 'Neuer Raum', backend: 'sandbox', start: 'anyone' },
        } as typeof raw.tenants.tsv.rooms;
      });
      server.child.kill('SIGHUP');
      await server.output(/SIGHUP: reloaded .*reload\.json \(2 tenant\(s\), 1 back end\(s\)\) and the key set/);
      const neu = (await (await join_(url, 'neu', { displayName: 'Ida' })).json()) as { url: string; role: string };
      assert.equal(neu.role, 'moderator');
      assert.equal((await enterMeeting(neu.url)).state.meetingName, 'Neuer Raum');

      // The stream opened before the reload hears of a meeting that starts after it.
      const started = (await (await join_(url, 'training', { displayName: 'Theo' })).json()) as { url: string };
      await enterMeeting(started.url);
      assert.equal((await stream.next((s) => s.state === 'live')).participants, 1);

      await writeConfig('reload.json', (raw) => {
        (raw.backends.sandbox as Record<string, unknown>).checksum = 'sha384';
      });
      server.child.kill('SIGHUP');
      await server.output(
        /SIGHUP: the configuration was not reloaded, the old one stays: backends\.sandbox\.checksum: sha384 is not supported/,
      );
      assert.equal((await join_(url, 'neu', { displayName: 'Jan' })).status, 200, 'the room of the last good config still works');

      // The store is opened once: another store section needs a restart.
      await writeConfig('reload.json', (raw) => {
        (raw as Record<string, unknown>).store = { type: 'postgres', urlEnv: 'DATABASE_URL' };
      });
      server.child.kill('SIGHUP');
      await server.output(
        /SIGHUP: the configuration was not reloaded, the old one stays: the store section changed: the store is opened once, so restart the server to use another one/,
      );
      assert.equal((await join_(url, 'neu', { displayName: 'Kim' })).status, 200);
      stream.close();
    } finally {
      await stop(server);
    }
  });

  test('keys generate while the server runs, then invite create: the server reads the new key by itself and takes the invite', async () => {
    const config = await writeConfig('keys.json');
    const data = join(dir, 'keys-data');
    const server = runCli(['serve', '--config', config, '--port', '0', '--data', data], env);
    const url = await listening(server);
    try {
      const generate = runCli(['keys', 'generate', '--data', data]);
      assert.equal(await generate.exit, 0);
      assert.match(generate.out(), /a running server reads it within seconds \(or send it SIGHUP\)/);
      await server.output(/the key set file changed: reloaded/);
      const create = runCli(
        ['invite', 'create', '--config', config, '--data', data, '--room', 'tsv/vorstand', '--role', 'moderator', '--expires', '1d'],
        env,
      );
      assert.equal(await create.exit, 0, create.err());
      const answer = (await (await join_(url, 'vorstand', { displayName: 'Vorsitz', invite: create.out().trim() })).json()) as {
        role?: string;
        code?: string;
      };
      assert.equal(answer.role, 'moderator', answer.code);
    } finally {
      await stop(server);
    }
  });
});
