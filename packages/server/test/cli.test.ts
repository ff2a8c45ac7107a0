import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { env, rawConfig, SECRET } from './stack.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exit, out: () => stdout, err: () => stderr };
}

async function listening(server: ReturnType<typeof run>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    server.child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(server.out());
      if (match) resolve(match[1]!);
    });
    server.exit.then(() => reject(new Error(`exited: ${server.err()}`)));
  });
}

describe('CLI', () => {
  let dir: string;
  let sandbox: Sandbox;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-cli-'));
    sandbox = await startSandbox({ secret: SECRET });
  });
  after(() => sandbox.close());

  test('a bad config names the field and exits non-zero', async () => {
    const raw = rawConfig(sandbox.apiUrl);
    (raw.backends.sandbox as Record<string, unknown>).checksum = 'sha384';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(raw));
    const { exit, err } = run(['check', '--config', join(dir, 'bad.json')], env);
    assert.equal(await exit, 1);
    assert.match(err(), /backends\.sandbox\.checksum: sha384 is not supported/);
  });

  test('a missing secret names the environment variable', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify(rawConfig(sandbox.apiUrl)));
    const { exit, err } = run(['check', '--config', join(dir, 'good.json')], { ...env, BBB_SECRET: '' });
    assert.equal(await exit, 1);
    assert.match(err(), /backends\.sandbox\.secretEnv: environment variable BBB_SECRET is not set/);
  });

  test('check warns about tenant colours that are hard to read, and still passes', async () => {
    const raw = rawConfig(sandbox.apiUrl);
    Object.assign(raw.tenants.tsv, { theme: { primary: '#ffd500', onPrimary: '#1a1a1a' } });
    Object.assign(raw.tenants.other, { theme: { primary: '#0b5cad' } });
    await writeFile(join(dir, 'yellow.json'), JSON.stringify({ ...raw, publicOrigin: 'https://vereinsraum.example-stadt.de' }));
    const { exit, out, err } = run(['check', '--config', join(dir, 'yellow.json')], env);
    assert.equal(await exit, 0);
    assert.match(out(), /yellow\.json is valid: 2 tenant\(s\)/);
    assert.deepEqual(err().trim().split('\n'), [
      'vereinsraum warn: tenant tsv: links and text in theme.primary #ffd500 on white (#ffffff) have a contrast of 1.42:1, below the 4.5:1 that WCAG AA asks for text. Choose a darker primary.',
    ]);
  });

  test('check and serve warn when the public origin is missing; serve then answers loopback and listed hosts only', async () => {
    await writeFile(join(dir, 'no-origin.json'), JSON.stringify(rawConfig(sandbox.apiUrl)));
    const check = run(['check', '--config', join(dir, 'no-origin.json')], env);
    assert.equal(await check.exit, 0);
    assert.match(check.err(), /^vereinsraum warn: no publicOrigin: .* answers only loopback hosts .* --allowed-host/m);

    const server = run(
      [
        'serve',
        '--config',
        join(dir, 'no-origin.json'),
        '--port',
        '0',
        '--data',
        join(dir, 'origin-data'),
        '--allowed-host',
        'rooms.local',
      ],
      env,
    );
    const url = await listening(server);
    assert.match(server.err(), /vereinsraum warn: no publicOrigin/);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(url);
        get({ host: '127.0.0.1', port, path: '/v1/rooms/tsv/training/status', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', reject);
      });
    assert.equal(await status('rooms.local'), 200);
    assert.equal(await status('localhost:8080'), 200);
    assert.equal(await status('evil.example'), 421);
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);

    const typo = run(
      [
        'serve',
        '--config',
        join(dir, 'no-origin.json'),
        '--port',
        '0',
        '--data',
        join(dir, 'origin-data'),
        '--allowed-host',
        'rooms local',
      ],
      env,
    );
    assert.equal(await typo.exit, 1);
    assert.match(typo.err(), /allowed host "rooms local" is not a host name/);

    await writeFile(
      join(dir, 'origin.json'),
      JSON.stringify({ ...rawConfig(sandbox.apiUrl), publicOrigin: 'https://vereinsraum.example-stadt.de' }),
    );
    const quiet = run(['check', '--config', join(dir, 'origin.json')], env);
    assert.equal(await quiet.exit, 0);
    assert.equal(quiet.err(), '');
  });

  test('a wrong command or option: the one-line error and where the usage is, not the whole usage', async () => {
    const pointer = "Run 'vereinsraum --help' for the commands and their options.";
    for (const [args, error] of [
      [['serv'], "unknown command 'serv'"],
      [['serve'], '--config FILE is required'],
      [['keys'], "'keys' needs a subcommand: keys generate|list|remove"],
      [['keys', 'rotate'], "unknown command 'keys rotate': keys generate|list|remove"],
      [['check', '--conifg', 'x.json'], "Unknown option '--conifg'"],
    ] as const) {
      const call = run([...args]);
      assert.equal(await call.exit, 2, args.join(' '));
      assert.equal(call.out(), '');
      const lines = call.err().trim().split('\n');
      assert.equal(lines.length, 2, call.err());
      assert.ok(lines[0]!.startsWith(`vereinsraum: ${error}`), lines[0]);
      assert.equal(lines[1], pointer);
    }
    const help = run(['serve', '--help']);
    assert.equal(await help.exit, 0);
    assert.match(help.out(), /^Usage: vereinsraum <command> \[options\]/);
  });

  test('serve answers over HTTP and stops on SIGTERM', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify(rawConfig(sandbox.apiUrl)));
    const server = run(['serve', '--config', join(dir, 'good.json'), '--port', '0', '--data', join(dir, 'data')], env);
    const url = await listening(server);
    const status = await (await fetch(`${url}/v1/rooms/tsv/training/status`)).json();
    assert.equal(status.state, 'idle');
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);
  });

  test('keys and invites: generate, create a link, join with it, revoke it, remove the key', async () => {
    const data = join(dir, 'invites-data');
    const config = join(dir, 'good.json');
    await writeFile(config, JSON.stringify(rawConfig(sandbox.apiUrl)));
    const done = async (r: ReturnType<typeof run>) => {
      const code = await r.exit;
      assert.equal(code, 0, r.err());
      return r.out();
    };

    assert.match(await done(run(['keys', 'generate', '--data', data])), /added \S+-eddsa-\S+ \(EdDSA\)/);
    assert.equal((await stat(join(data, 'keys.json'))).mode & 0o777, 0o600, 'the key set is readable by its owner only');
    const firstKid = (await done(run(['keys', 'list', '--data', data]))).split('\t')[0]!;

    const created = run(
      [
        'invite',
        'create',
        '--config',
        config,
        '--data',
        data,
        '--room',
        'tsv/vorstand',
        '--role',
        'moderator',
        '--expires',
        '30d',
        '--page',
        'https://www.tsv.example/vorstand',
      ],
      env,
    );
    const link = (await done(created)).trim();
    // A short link: an id and a secret, kept in the database as a hash.
    assert.match(link, /^https:\/\/www\.tsv\.example\/vorstand#invite=[\w-]{11}\.[\w-]{22}$/);
    assert.equal(link.length, 74, 'read out in one breath, unlike the 600 characters of a signed one');
    const token = link.split('#invite=')[1]!;
    const id = /revoke with: vereinsraum invite revoke --id ([\w-]{11})$/m.exec(created.err())?.[1];
    assert.equal(id, token.split('.')[0]);

    const server = run(['serve', '--config', config, '--port', '0', '--data', data], env);
    const url = await listening(server);
    const enter = (invite: string) =>
      fetch(`${url}/v1/rooms/tsv/vorstand/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Eingeladen', invite }),
      });
    assert.equal((await (await enter(token)).json()).role, 'moderator');

    await done(run(['invite', 'revoke', '--data', data, '--id', id!]));
    assert.equal((await (await enter(token)).json()).code, 'invite_revoked', 'the running server sees the revocation');
    server.child.kill('SIGTERM');
    await server.exit;

    // Rotate: a new key makes new invites, the old one is removed; invites it made stop working.
    const before = (
      await done(
        run(
          ['invite', 'create', '--config', config, '--data', data, '--room', 'tsv/vorstand', '--role', 'attendee', '--expires', '1d'],
          env,
        ),
      )
    ).trim();
    await done(run(['keys', 'generate', '--data', data]));
    const second = (
      await done(
        run(
          ['invite', 'create', '--config', config, '--data', data, '--room', 'tsv/vorstand', '--role', 'attendee', '--expires', '1d'],
          env,
        ),
      )
    ).trim();
    await done(run(['keys', 'remove', '--data', data, '--kid', firstKid]));
    const restarted = run(['serve', '--config', config, '--port', '0', '--data', data], env);
    const url2 = await listening(restarted);
    const enter2 = (invite: string) =>
      fetch(`${url2}/v1/rooms/tsv/vorstand/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'A', invite }),
      });
    assert.deepEqual(await (await enter2(second)).json(), { waiting: true }, 'an invite of the newest key still works');
    assert.equal((await (await enter2(before)).json()).code, 'invite_key_unknown', 'an invite of the removed key does not');
    restarted.child.kill('SIGTERM');
    await restarted.exit;

    const bad = run(
      ['invite', 'create', '--config', config, '--data', data, '--room', 'nope', '--role', 'moderator', '--expires', '1d'],
      env,
    );
    assert.equal(await bad.exit, 2);
    assert.match(bad.err(), /--room nope is not a room of the configuration \(rooms: tsv\/training/);
  });
});
