import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { env, rawConfig, SECRET } from './stack.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exit, out: () => stdout, err: () => stderr };
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

  test('unknown commands and missing options explain the usage', async () => {
    const unknown = run(['serv']);
    assert.equal(await unknown.exit, 2);
    assert.match(unknown.err(), /unknown command 'serv'[\s\S]*Usage: vereinsraum/);
    const noConfig = run(['serve']);
    assert.equal(await noConfig.exit, 2);
    assert.match(noConfig.err(), /--config FILE is required/);
  });

  test('serve answers over HTTP and stops on SIGTERM', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify(rawConfig(sandbox.apiUrl)));
    const server = run(['serve', '--config', join(dir, 'good.json'), '--port', '0'], env);
    const url = await new Promise<string>((resolve, reject) => {
      server.child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(server.out());
        if (match) resolve(match[1]!);
      });
      server.exit.then(() => reject(new Error(`exited: ${server.err()}`)));
    });
    const status = await (await fetch(`${url}/v1/rooms/tsv/training/status`)).json();
    assert.equal(status.state, 'idle');
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);
  });
});
