// The demo: the server helper, the sandbox (BigBlueButton and Jitsi Meet
// stand-ins) and the examples. Used by `npm start` and by the end-to-end tests.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../packages/sandbox/dist/index.js';
import { sendWebResponse, toWebRequest } from '../packages/server/dist/adapters/node.js';
import { createHandler, createInvite, generateKeySet, parseConfig } from '../packages/server/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Static folders of the demo, by URL prefix. */
const STATIC = [
  ['/cdn/', 'packages/elements/dist/cdn/'],
  ['/', 'examples/club-homepage/'],
];

// Demo secrets only: a real deployment reads its own from the environment.
const DEMO_SECRET = 'demo-secret-not-for-production';
const DEMO_JITSI_SECRET = 'demo-jitsi-app-secret-not-for-production';
export const DEMO_CODES = { moderator: 'vorstand-2026' };

export async function startDemo({ port = 8080, host = '127.0.0.1' } = {}) {
  const sandbox = await startSandbox({ secret: DEMO_SECRET, host, jitsi: { appId: 'vereinsraum-demo', appSecret: DEMO_JITSI_SECRET } });
  const jitsi = sandbox.jitsi;
  const config = parseConfig(
    {
      backends: {
        sandbox: { type: 'bbb', url: sandbox.apiUrl, secretEnv: 'DEMO_BBB_SECRET' },
        jitsi: {
          type: 'jitsi',
          domain: jitsi.domain,
          protocol: 'http',
          appId: 'vereinsraum-demo',
          appSecretEnv: 'DEMO_JITSI_SECRET',
          xmppDomain: 'meet.jitsi',
          roomSizeUrl: `${jitsi.url}/room-size`,
        },
      },
      tenants: {
        'tsv-musterstadt': {
          name: 'TSV Musterstadt 1890 e. V.',
          allowedOrigins: [],
          rooms: {
            vereinsheim: { name: 'Digitales Vereinsheim', backend: 'sandbox', start: 'anyone' },
            vorstand: { name: 'Vorstandssitzung', backend: 'sandbox', start: 'moderator-code', moderatorCodeEnv: 'DEMO_VORSTAND_CODE' },
            spieleabend: { name: 'Spieleabend', backend: 'jitsi', start: 'anyone' },
          },
        },
      },
    },
    { DEMO_BBB_SECRET: DEMO_SECRET, DEMO_JITSI_SECRET, DEMO_VORSTAND_CODE: DEMO_CODES.moderator },
  );
  // Keys in memory: the demo's invites end with the process.
  const keys = await generateKeySet();
  const handler = createHandler(config, { keys });
  const invite = await createInvite(keys, { tenant: 'tsv-musterstadt', room: 'vorstand', role: 'moderator', expiresInSeconds: 86_400 });

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    if (path.startsWith('/v1/') || path.startsWith('/.well-known/')) return sendWebResponse(res, await handler(toWebRequest(req)));
    for (const [prefix, folder] of STATIC) {
      if (!path.startsWith(prefix)) continue;
      const relative = normalize(decodeURIComponent(path.slice(prefix.length)) || 'index.html');
      if (relative.startsWith('..')) break;
      try {
        const body = await readFile(join(root, folder, relative.endsWith('/') ? `${relative}index.html` : relative));
        res.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
        return res.end(body);
      } catch {
        // try the next folder
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${server.address().port}`;
  return {
    url,
    sandbox,
    codes: DEMO_CODES,
    /** A moderator invite for the board room: the club homepage with `#invite=`. */
    inviteLink: `${url}/#invite=${invite.token}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
    },
  };
}
