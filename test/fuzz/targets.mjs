// What the fuzz suite talks to: `vereinsraum serve` as its own process (the
// built CLI, a config in a temporary folder, the sandbox as the conference
// server) and the `npm start` demo (in this process). Each target names the
// ids its routes know, so that requests reach past "not found".
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveChallenge } from 'altcha-lib/v1';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { DEMO_ADMIN_TOKEN, startDemo } from '../../scripts/demo.mjs';

const CLI = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));
export const SECRET = 'fuzz-bbb-secret-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdefghijklmnop';
export const PAGE_ORIGIN = 'https://www.tsv.example';

/**
 * @typedef {object} Target
 * @property {string} name
 * @property {string} url
 * @property {number} port
 * @property {string} adminToken
 * @property {Record<string, string[]>} rooms room ids by tenant id
 * @property {string[]} origins origins a page may have (allowed and not)
 * @property {{ id: string, manageToken: string } | undefined} booking a pending booking of the first tenant
 * @property {(path: string) => boolean} ownPages paths the target answers itself, outside the handler (the demo's pages)
 * @property {() => Promise<void>} alive throws when the server is gone or does not answer a plain request
 * @property {() => string} log what the server wrote to stderr (for `vereinsraum serve`)
 * @property {() => Promise<void>} close
 */

/** Book a room through the API, as the form does: a solved challenge, then the request. */
async function book(url, tenant, extra = {}) {
  const challenge = await (await fetch(`${url}/v1/bookings/challenge?tenant=${tenant}`)).json();
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('the challenge has no solution');
  const { algorithm, salt, signature } = challenge;
  const altcha = btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number: solution.number, salt, signature }));
  const start = Date.now() + 3 * 3_600_000;
  const response = await fetch(`${url}/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'video',
      tenant,
      title: 'Fuzz',
      organisation: 'Verein',
      contactName: 'Erika Musterfrau',
      contactEmail: 'erika@example.org',
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      expectedParticipants: 5,
      consent: true,
      altcha,
      ...extra,
    }),
  });
  if (response.status !== 201) throw new Error(`booking for the fuzz suite: HTTP ${response.status} ${await response.text()}`);
  const created = await response.json();
  return { id: created.id, manageToken: created.manageToken };
}

/**
 * Run `vereinsraum serve` from the built CLI with `config`, on a free port,
 * its data in a temporary folder. Answers its address, its stderr so far, and
 * how to stop it.
 */
export async function spawnServe(config, env) {
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-fuzz-'));
  const configFile = join(dir, 'config.json');
  await writeFile(configFile, JSON.stringify(config));
  const child = spawn(process.execPath, [CLI, 'serve', '--config', configFile, '--data', join(dir, 'data'), '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`vereinsraum serve exited: ${err}`)));
  });
  return {
    url,
    child,
    log: () => err,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `vereinsraum serve` with bookings and the admin API, in front of the sandbox. */
export async function startServe() {
  const sandbox = await startSandbox({ secret: SECRET });
  const config = {
    backends: { sandbox: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'FUZZ_BBB_SECRET', timeoutMs: 2000 } },
    tenants: {
      tsv: {
        name: 'TSV Fuzz',
        allowedOrigins: [PAGE_ORIGIN],
        rooms: {
          training: { name: 'Training', backend: 'sandbox', start: 'anyone' },
          vorstand: { name: 'Vorstand', backend: 'sandbox', start: 'moderator-code', moderatorCodeEnv: 'FUZZ_MOD' },
        },
        bookings: {
          approval: 'manual',
          backend: 'sandbox',
          joinPage: `${PAGE_ORIGIN}/raum`,
          formPage: `${PAGE_ORIGIN}/buchen`,
          consentText: { de: 'Ich bin einverstanden, dass meine Angaben gespeichert werden.', en: 'I agree that my details are stored.' },
          privacyPolicyUrl: `${PAGE_ORIGIN}/datenschutz`,
          challengeMaxNumber: 20,
          perClientPerHour: 100_000,
          perEmailPerDay: 100_000,
        },
      },
      other: { name: 'Other', allowedOrigins: [], rooms: { hall: { name: 'Hall', backend: 'sandbox', start: 'anyone' } } },
    },
    adminTokenEnv: 'FUZZ_ADMIN_TOKEN',
    status: { ttlMs: 1000 },
  };
  const server = await spawnServe(config, { FUZZ_BBB_SECRET: SECRET, FUZZ_MOD: 'vorstand-fuzz', FUZZ_ADMIN_TOKEN: ADMIN_TOKEN });
  const { url, child } = server;
  return {
    name: 'vereinsraum serve',
    url,
    port: Number(new URL(url).port),
    adminToken: ADMIN_TOKEN,
    rooms: { tsv: ['training', 'vorstand'], other: ['hall'] },
    origins: [PAGE_ORIGIN, url, 'http://evil.example', 'null'],
    booking: await book(url, 'tsv'),
    ownPages: () => false,
    async alive() {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`vereinsraum serve stopped (${child.exitCode ?? child.signalCode}): ${server.log()}`);
      const response = await fetch(`${url}/v1/tenants/tsv`);
      if (response.status !== 200) throw new Error(`vereinsraum serve answers a plain request with ${response.status}`);
    },
    log: server.log,
    async close() {
      await server.stop();
      await sandbox.close();
    },
  };
}

/** The `npm start` demo, in this process. */
export async function startDemoTarget() {
  const demo = await startDemo({ port: 0 });
  const errors = [];
  const consoleError = console.error;
  // The demo's last resort logs what went wrong; the suite fails on any of it.
  console.error = (...args) => errors.push(args.join(' '));
  return {
    name: 'npm start demo',
    url: demo.url,
    port: Number(new URL(demo.url).port),
    adminToken: DEMO_ADMIN_TOKEN,
    rooms: {
      'tsv-musterstadt': ['vereinsheim', 'vorstand', 'spieleabend'],
      'stadt-musterstadt': ['buergersaal', 'sprechstunde'],
      beispielhausen: ['dorfplatz'],
      'open-circle': ['treffen'],
    },
    origins: [demo.url, 'http://evil.example', 'null'],
    booking: await book(demo.url, 'tsv-musterstadt'),
    ownPages: (path) => !path.startsWith('/v1/') && !path.startsWith('/.well-known/'),
    async alive() {
      const response = await fetch(`${demo.url}/v1/tenants/tsv-musterstadt`);
      if (response.status !== 200) throw new Error(`the demo answers a plain request with ${response.status}`);
    },
    log: () => errors.join('\n'),
    async close() {
      console.error = consoleError;
      await demo.close();
    },
  };
}
