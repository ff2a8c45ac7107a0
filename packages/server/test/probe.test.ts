// `vereinsraum check --probe`: every back end and the mail server asked once,
// right and wrong secrets told apart, against the sandbox and a real SMTP server.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { parseConfig } from '../src/config/index.ts';
import { probeConfig } from '../src/probe.ts';
import { runCli } from './child.ts';
import { bookingConfig } from './booking-stack.ts';
import { env } from './stack.ts';

const BOT_TOKEN = 'probe-test-bot-token-5d0c8a1e';
const JITSI_SECRET = 'probe-test-jitsi-secret-2b7f9e04';
const SMTP_PASSWORD = 'probe-test-smtp-password-81c3';
const RIGHT = { ...env, MM_TOKEN: BOT_TOKEN, JITSI_SECRET, SMTP_PASSWORD, ADMIN_TOKEN: 'probe-test-admin-token-0123456789abcdef0123' };

let sandbox: Sandbox;
let smtp: SMTPServer;
let smtpPort: number;
let closed: number;
before(async () => {
  sandbox = await startSandbox({
    secret: env.BBB_SECRET,
    jitsi: { appId: 'vereinsraum', appSecret: JITSI_SECRET, xmppDomain: 'meet.jitsi' },
    mattermost: { botToken: BOT_TOKEN, teams: ['verein'] },
  });
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === 'vereinsraum' && auth.password === SMTP_PASSWORD
        ? callback(null, { user: auth.username })
        : callback(new Error('Invalid username or password')),
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
  // A port where nothing listens.
  closed = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
});
after(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Every back end the probe knows, and SMTP, each as the sandbox (or the test's SMTP server) expects. */
function raw(change: (raw: Record<string, any>) => void = () => undefined) {
  const config = bookingConfig(sandbox.apiUrl, { chat: { backend: 'chat', team: 'verein' } }) as Record<string, any>;
  config.backends.meet = {
    type: 'jitsi',
    domain: sandbox.jitsi!.domain,
    protocol: 'http',
    appId: 'vereinsraum',
    appSecretEnv: 'JITSI_SECRET',
    roomSizeUrl: `${sandbox.jitsi!.url}/room-size`,
  };
  config.backends.chat = { type: 'mattermost', url: sandbox.mattermost!.url, tokenEnv: 'MM_TOKEN' };
  config.smtp = {
    host: '127.0.0.1',
    port: smtpPort,
    user: 'vereinsraum',
    passwordEnv: 'SMTP_PASSWORD',
    from: 'Vereinsraum <vereinsraum@musterstadt.example>',
  };
  change(config);
  return config;
}

const probe = async (config: Record<string, unknown>, environment: Record<string, string> = RIGHT) =>
  Object.fromEntries((await probeConfig(parseConfig(config, environment))).map((r) => [r.target, r]));

describe('check --probe', () => {
  test('with the right secrets every back end and the mail server pass, in words', async () => {
    const results = await probe(raw());
    assert.deepEqual(Object.keys(results).sort(), ['backends.chat', 'backends.meet', 'backends.sandbox', 'smtp']);
    for (const result of Object.values(results)) assert.ok(result.ok, `${result.target}: ${result.message}`);
    assert.match(
      results['backends.sandbox']!.message,
      /^BigBlueButton at .* accepts the secret \(getMeetings: 0 meeting\(s\) running\)\.$/,
    );
    assert.match(results['backends.meet']!.message, /the room-size endpoint .* answers/);
    assert.match(results['backends.chat']!.message, /accepts the bot's token; the bot is in the team\(s\) verein\.$/);
    assert.match(results.smtp!.message, /greets, answers EHLO and accepts the login\.$/);
  });

  test('a wrong BigBlueButton secret is named as a wrong secret, not as "try again"', async () => {
    const results = await probe(raw(), { ...RIGHT, BBB_SECRET: 'not-the-secret-of-this-bigbluebutton' });
    const bbb = results['backends.sandbox']!;
    assert.equal(bbb.ok, false);
    assert.match(bbb.message, /refused the checksum: the secret is wrong\. Put what `bbb-conf --secret` prints/);
    assert.ok(!bbb.message.includes('not-the-secret'), 'the secret is never shown');
  });

  test('a wrong Mattermost token, a team the bot is not in, a wrong SMTP password', async () => {
    const results = await probe(raw(), { ...RIGHT, MM_TOKEN: 'not-the-bot-token', SMTP_PASSWORD: 'not-the-password' });
    assert.equal(results['backends.chat']!.ok, false);
    assert.match(results['backends.chat']!.message, /refused the bot's token: put a valid access token into MM_TOKEN\.$/);
    assert.equal(results.smtp!.ok, false);
    assert.match(results.smtp!.message, /refused the login: check "user" and the password/);
    assert.ok(results['backends.sandbox']!.ok && results['backends.meet']!.ok, 'the others are still fine');

    const team = await probe(raw((c) => (c.tenants.tsv.bookings.chat.team = 'fremd')));
    assert.equal(team['backends.chat']!.ok, false);
    assert.match(
      team['backends.chat']!.message,
      /accepts the bot's token, but the team fremd does not exist, or the bot is not a member of it\.$/,
    );
  });

  test('servers that do not answer: named with the address to check', async () => {
    const results = await probe(
      raw((c) => {
        c.backends.sandbox.url = `http://127.0.0.1:${closed}/bigbluebutton/`;
        c.backends.meet.roomSizeUrl = `http://127.0.0.1:${closed}/room-size`;
        c.backends.chat.url = `http://127.0.0.1:${closed}`;
        c.smtp.port = closed;
      }),
    );
    for (const result of Object.values(results)) assert.equal(result.ok, false, result.target);
    assert.match(
      results['backends.sandbox']!.message,
      /^BigBlueButton at http:\/\/127\.0\.0\.1:\d+\/bigbluebutton\/api is not reachable \(ECONNREFUSED\)$/,
    );
    assert.match(results['backends.meet']!.message, /room-size: unreachable at .*: is roomSizeUrl right/);
    assert.match(results['backends.chat']!.message, /unreachable/);
    assert.match(results.smtp!.message, /is not reachable \(connect ECONNREFUSED [\d.:]+\): check host and port\.$/);
  });

  test('a BigBlueButton address that is not the API: its HTTP status and what to check', async () => {
    const results = await probe(raw((c) => (c.backends.sandbox.url = `${sandbox.url}/somewhere-else/`)));
    assert.match(results['backends.sandbox']!.message, /answered HTTP 404: is "url" the address that `bbb-conf --secret` prints/);
  });

  test('the command: one line per back end, exit code 1 when one fails, 0 when all pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-probe-'));
    const file = join(dir, 'vereinsraum.json');
    await writeFile(file, JSON.stringify(raw()));
    const good = runCli(['check', '--config', file, '--probe'], RIGHT);
    assert.equal(await good.exit, 0, good.err());
    assert.deepEqual(
      good
        .out()
        .trim()
        .split('\n')
        .map((line) => line.split(':')[0]),
      ['vereinsraum.json is valid', 'ok   backends.sandbox', 'ok   backends.meet', 'ok   backends.chat', 'ok   smtp'].map((l) =>
        l.replace(/^vereinsraum\.json/, file),
      ),
    );
    const bad = runCli(['check', '--config', file, '--probe'], { ...RIGHT, BBB_SECRET: 'wrong-secret-for-the-probe' });
    assert.equal(await bad.exit, 1);
    assert.match(bad.err(), /^FAIL backends\.sandbox: BigBlueButton at .* refused the checksum: the secret is wrong/m);
    // Without --probe nothing is contacted.
    const before = sandbox.calls.getMeetings ?? 0;
    const offline = runCli(['check', '--config', file], { ...RIGHT, BBB_SECRET: 'wrong-secret-for-the-probe' });
    assert.equal(await offline.exit, 0);
    assert.equal(sandbox.calls.getMeetings ?? 0, before);
  });
});
