// `vereinsraum usage`: the figures in the store of the data folder, as a sentence and a table, or CSV.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../src/store/sqlite.ts';
import { env, rawConfig } from './stack.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const HOUR = 3_600_000;

async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out, err };
}

describe('CLI: usage', () => {
  let dir: string;
  let config: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vereinsraum-usage-cli-'));
    config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify(rawConfig('http://127.0.0.1:9/bigbluebutton/')));
    const store = new SqliteStore(join(dir, 'data', 'vereinsraum.db'));
    const conference = (id: string, room: string, startedAt: number, participants: number, hours: number, conferenceHours: number) => ({
      id,
      backend: 'sandbox',
      tenant: 'tsv',
      room,
      instance: String(startedAt),
      startedAt,
      endedAt: startedAt + conferenceHours * HOUR,
      lastSampleAt: startedAt + conferenceHours * HOUR,
      lastCount: 0,
      peak: participants,
      participants,
      participantMs: hours * HOUR,
      conferenceMs: conferenceHours * HOUR,
    });
    await store.endConference(conference('a', 'training', Date.parse('2026-01-02T18:00:00Z'), 1200, 700, 10), '2026-01-02');
    await store.endConference(conference('b', 'vorstand', Date.parse('2026-01-09T18:00:00Z'), 1000, 600, 8), '2026-01-09');
    await store.endConference(conference('c', 'training', Date.parse('2026-01-09T20:00:00Z'), 640, 396, 6), '2026-01-09');
    await store.endConference(conference('d', 'training', Date.parse('2026-01-15T20:00:00Z'), 9, 9, 1), '2026-01-15');
    await store.countJoin({ day: '2026-01-09', tenant: 'tsv', room: 'training', role: 'attendee', backend: 'sandbox' }, 0);
    await store.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('prints the totals in one sentence and a table per day', async () => {
    const { code, out, err } = await run([
      'usage',
      '--config',
      config,
      '--data',
      join(dir, 'data'),
      '--tenant',
      'tsv',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-14',
    ]);
    assert.equal(code, 0, err);
    const lines = out.split('\n');
    assert.equal(
      lines[0],
      'Tenant tsv: 2,840 participants in 3 conferences, 1,696 participant hours (24 conference hours), in 14 days (2026-01-01 to 2026-01-14).',
    );
    assert.equal(lines[2], 'day         conferences  participants  joins   peak  conf. min  part. min');
    assert.equal(lines[11], '2026-01-09            2         1,640      1  1,000        840     59,760');
    assert.equal(lines[17], 'total                 3         2,840      1  1,200      1,440    101,760');
    assert.equal(lines.filter((line) => /^2026-01-\d\d /.test(line)).length, 14);
    assert.match(out, /^A participant is one join/m);
  });

  test('--csv and --group room; a wrong period is a usage error', async () => {
    const { code, out } = await run([
      'usage',
      '--config',
      config,
      '--data',
      join(dir, 'data'),
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--group',
      'room',
      '--csv',
    ]);
    assert.equal(code, 0);
    assert.deepEqual(out.split('\r\n').slice(0, 4), [
      'room,conferences,participants,joins,peak,conferenceMinutes,participantMinutes',
      'tsv/training,3,1849,1,1200,1020,66300',
      'tsv/vorstand,1,1000,0,1000,480,36000',
      'total,4,2849,1,1200,1500,102300',
    ]);
    const wrong = await run(['usage', '--config', config, '--data', join(dir, 'data'), '--from', '2026-01-15', '--to', '2026-01-01']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--from: from must be a day written YYYY-MM-DD, not after to/);
  });
});
