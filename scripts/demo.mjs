// The demo: the server helper, the sandbox (BigBlueButton, Jitsi Meet and
// Mattermost stand-ins) and the examples (the club homepage at `/`, the city
// portal with three tenants at `/stadt/`). Used by `npm start` and by the
// end-to-end tests.
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../packages/sandbox/dist/index.js';
import { createHandler, fillMailLinks, generateKeySet, issueInvite, parseConfig } from '../packages/server/dist/index.js';
import { SqliteStore, toNodeListener } from '../packages/server/dist/node.js';
import { loadSite } from '../packages/server/dist/site.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Static folders of the demo, by URL prefix. */
const STATIC = [
  ['/stadt/', 'examples/city-portal/'],
  ['/', 'examples/club-homepage/'],
];

// Demo secrets only: a real deployment reads its own from the environment.
const DEMO_SECRET = 'demo-secret-not-for-production';
const DEMO_JITSI_SECRET = 'demo-jitsi-app-secret-not-for-production';
const DEMO_MATTERMOST_TOKEN = 'demo-mattermost-bot-token-not-for-production';
export const DEMO_CODES = { moderator: 'vorstand-2026' };
/** The demo's admin token (for `/v1/admin/…` and the booking admin element). */
export const DEMO_ADMIN_TOKEN = 'demo-admin-token-not-for-production-0123456789';

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const PAGE_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.75rem}input,button{font:inherit;min-height:44px;padding:0 .75rem}label{display:block;margin:.5rem 0 .25rem}';

/** A page of the demo's own: HTML, never cached. */
const htmlPage = (body, status = 200, headers = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/** A plain-text answer of the demo's own pages. */
const textPage = (text, status, headers = {}) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** Whether `given` is the demo's admin token, compared in constant time. */
function isAdminToken(given) {
  const digest = (text) => createHash('sha256').update(String(text)).digest();
  return timingSafeEqual(digest(given), digest(DEMO_ADMIN_TOKEN));
}

/**
 * The admin token of a request to the outbox: `Authorization: Bearer …`
 * (scripts, tests) or the `token` field of the page's own form (people).
 */
async function outboxToken(request) {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
  if (bearer) return bearer[1];
  if (request.method !== 'POST' || !/^application\/x-www-form-urlencoded\b/.test(request.headers.get('content-type') ?? ''))
    return undefined;
  if (!(Number(request.headers.get('content-length')) <= 1024)) return undefined;
  return new URLSearchParams(await request.text()).get('token') ?? undefined;
}

/** The outbox's sign-in: a form that posts the admin token back to the outbox. */
function outboxSignIn(wrong) {
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postausgang / Outbox (Demo)</title><style>${PAGE_STYLE}</style>
</head><body>
<h1>Postausgang / Outbox</h1>
<p>Die E-Mails enthalten Einladungs- und Verwaltungslinks: Der Postausgang braucht den Admin-Token der Demo, den <code>npm start</code> anzeigt. / The mails hold invite and manage links: the outbox needs the demo's admin token, which <code>npm start</code> shows.</p>
${wrong ? '<p role="alert"><strong>Der Token stimmt nicht. / The token is not right.</strong></p>' : ''}
<form method="post" action="/admin/outbox">
  <label for="token">Admin-Token</label>
  <input id="token" name="token" type="password" autocomplete="off" required${wrong ? ' aria-invalid="true" autofocus' : ''}>
  <button type="submit">Anzeigen / Show</button>
</form>
</body></html>`;
}

/** The outbox as a page: every mail the demo would have sent (it has no SMTP server), its links filled in as sending would. */
async function outboxPage(store, keys) {
  const mails = await Promise.all((await store.listMails(200)).map((mail) => fillMailLinks(keys, mail)));
  const items = mails
    .map(
      (m) => `<article>
  <h2>${escapeHtml(m.subject)}</h2>
  <p>An / To: <code>${escapeHtml(m.to)}</code> · ${escapeHtml(new Date(m.createdAt).toLocaleString('de-DE'))} · ${escapeHtml(m.kind)}${m.attachments.length ? ` · ${m.attachments.map((a) => escapeHtml(a.filename)).join(', ')}` : ''}</p>
  <pre>${escapeHtml(m.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postausgang / Outbox (Demo)</title>
<style>${PAGE_STYLE}</style>
</head><body>
<h1>Postausgang / Outbox</h1>
<p>Die Demo verschickt keine E-Mails: Hier steht, was die Buchenden bekommen würden. / The demo sends no e-mail: this is what bookers would receive.</p>
${items || '<p>Noch keine E-Mails. / No e-mails yet.</p>'}
</body></html>`;
}

/** The city portal's tenant colours: each passes 4.5:1 against white, as text on white and under white text. */
export const CITY_PORTAL_THEMES = {
  'stadt-musterstadt': { primary: '#004f9f', onPrimary: '#ffffff', radius: '0.25rem', font: 'system-ui, sans-serif' },
  beispielhausen: { primary: '#8b1e3f', onPrimary: '#ffffff', radius: '1.5rem', font: 'Georgia, "Times New Roman", serif' },
  'open-circle': { primary: '#00664f', onPrimary: '#ffffff', radius: '0.5rem', font: 'Verdana, Arial, sans-serif' },
};

/**
 * The city portal's tenants (examples/city-portal): the city's own club
 * service, a partner town on the Jitsi sandbox in a Jitsi tenant of its own,
 * and an English-speaking self-help group. Logos, style sheet and legal pages
 * are files of the example, served by the demo itself.
 */
function cityPortalTenants(url) {
  const portal = `${url}/stadt`;
  return {
    'stadt-musterstadt': {
      name: 'Vereinsservice der Stadt Musterstadt',
      allowedOrigins: [],
      logoUrl: `${portal}/logos/musterstadt.svg`,
      theme: CITY_PORTAL_THEMES['stadt-musterstadt'],
      privacyPolicyUrl: `${portal}/datenschutz.html#stadt`,
      imprintUrl: `${portal}/impressum.html#stadt`,
      privacyNotice: {
        de: 'Die Stadt Musterstadt betreibt den Konferenz-Server selbst, im eigenen Rechenzentrum. Nichts wird aufgezeichnet. Nach der Besprechung werden Namen und Chat gelöscht.',
        en: 'The City of Musterstadt runs the conference server itself, in its own data centre. Nothing is recorded. Names and chat are deleted after the meeting.',
      },
      bbbStyleUrl: `${portal}/bbb-style.css`,
      rooms: {
        buergersaal: { name: 'Digitaler Bürgersaal', backend: 'sandbox', start: 'anyone' },
        sprechstunde: { name: 'Sprechstunde Ehrenamt', backend: 'sandbox', start: 'anyone' },
      },
    },
    beispielhausen: {
      name: 'Gemeinde Beispielhausen',
      allowedOrigins: [],
      logoUrl: `${portal}/logos/beispielhausen.svg`,
      theme: CITY_PORTAL_THEMES.beispielhausen,
      privacyPolicyUrl: `${portal}/datenschutz.html#beispielhausen`,
      imprintUrl: `${portal}/impressum.html#beispielhausen`,
      privacyNotice: {
        de: 'Die Räume der Gemeinde Beispielhausen laufen auf dem Jitsi-Server der Stadt Musterstadt. Die Stadt arbeitet dafür im Auftrag der Gemeinde. Nichts wird aufgezeichnet.',
        en: 'The rooms of Beispielhausen run on the Jitsi server of the City of Musterstadt, which works on behalf of the town. Nothing is recorded.',
      },
      jitsiTenant: 'beispielhausen',
      rooms: {
        dorfplatz: { name: 'Digitaler Dorfplatz', backend: 'jitsi', start: 'anyone' },
      },
    },
    'open-circle': {
      name: 'Open Circle',
      allowedOrigins: [],
      logoUrl: `${portal}/logos/open-circle.svg`,
      theme: CITY_PORTAL_THEMES['open-circle'],
      defaultLanguage: 'en',
      privacyPolicyUrl: `${portal}/datenschutz.html#open-circle`,
      imprintUrl: `${portal}/impressum.html#open-circle`,
      privacyNotice: {
        de: 'Die Gruppe sieht nur den Namen, den Sie eingeben. Sie dürfen auch einen Vornamen oder einen Spitznamen nehmen. Nichts wird aufgezeichnet.',
        en: 'The group sees only the name you type in. A first name or a nickname is fine. Nothing is recorded.',
      },
      rooms: {
        treffen: { name: 'Open Circle: monthly meeting', backend: 'sandbox', start: 'anyone' },
      },
    },
  };
}

/**
 * Last week's club evenings, replayed through the sandbox with the clock set
 * back, so that the usage report at /admin has figures at once: real joins
 * through the server helper, real meetings in the sandbox, the real sampler
 * and BigBlueButton's end callback; only the clock is moved. The guests are
 * called "Gast 1" and so on (no name is kept in any case).
 */
async function replayLastWeek({ handler, url, sandbox, setClock }) {
  const MINUTE = 60_000;
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  for (let day = 6; day >= 1; day--) {
    const start = midnight.getTime() - day * 86_400_000 + 19 * 60 * MINUTE;
    setClock(start);
    const pages = [];
    for (let i = 0; i < 2 + (day % 4); i++) {
      const joined = await handler(
        new Request(`${url}/v1/rooms/tsv-musterstadt/vereinsheim/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: `Gast ${i + 1}` }),
        }),
      );
      const page = await fetch((await joined.json()).url);
      await page.text();
      pages.push(page.url);
    }
    await handler.sampleUsage();
    // An evening of 40 to 100 minutes, sampled every 10; one guest leaves half way.
    const minutes = 40 + day * 10;
    for (let minute = 10; minute <= minutes; minute += 10) {
      setClock(start + minute * MINUTE);
      if (minute === 30) await fetch(`${pages.pop()}/leave`, { method: 'POST', redirect: 'manual' });
      await handler.sampleUsage();
    }
    // The host (the first to join) ends the meeting; BigBlueButton's end callback ends the conference at once.
    const callbacks = sandbox.endCallbacks.length;
    await fetch(`${pages[0]}/end`, { method: 'POST', redirect: 'manual' });
    for (let wait = 0; wait < 100 && sandbox.endCallbacks[callbacks]?.status == null; wait++) await new Promise((r) => setTimeout(r, 20));
  }
  setClock(undefined);
}

/**
 * Start the demo on `host` (loopback unless told otherwise) and `port`.
 * Without a public origin the server answers only loopback Host values and
 * `allowedHosts` (and the host it listens on, when that is a named address).
 */
export async function startDemo({ port = 8080, host = '127.0.0.1', allowedHosts = [] } = {}) {
  // The clock of the server helper and the sandbox: the real one, set back only while last week is replayed.
  let clock;
  const now = () => clock ?? Date.now();
  const sandbox = await startSandbox({
    secret: DEMO_SECRET,
    host,
    now,
    jitsi: { appId: 'vereinsraum-demo', appSecret: DEMO_JITSI_SECRET },
    // The club's team on the chat server; the server helper acts as its bot (an admin of the team).
    mattermost: { botToken: DEMO_MATTERMOST_TOKEN, teams: ['tsv-musterstadt'] },
  });
  const jitsi = sandbox.jitsi;
  // Listen first: the booking links need the demo's own address. Until the handler exists, say so.
  let listener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
    res.end('The demo is starting.\n');
  };
  const server = createServer((req, res) => listener(req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${server.address().port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'vereinsraum-demo-'));
  const store = new SqliteStore(join(dataDir, 'vereinsraum.db'));
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
        chat: { type: 'mattermost', url: sandbox.mattermost.url, tokenEnv: 'DEMO_MATTERMOST_TOKEN' },
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
          bookings: {
            approval: 'manual',
            backend: 'sandbox',
            // Chat rooms too: each approved chat booking is a private channel of the club's team.
            chat: { backend: 'chat', team: 'tsv-musterstadt' },
            joinPage: `${url}/raum.html`,
            formPage: `${url}/buchen.html`,
            consentText: {
              de: 'Ich bin einverstanden, dass die Stadt meine Angaben speichert, um die Buchung zu bearbeiten. Sie werden 90 Tage nach dem letzten Termin gelöscht.',
              en: 'I agree that the city stores my details to handle the booking. They are deleted 90 days after the last date.',
            },
            privacyPolicyUrl: `${url}/datenschutz.html`,
            challengeMaxNumber: 50_000,
          },
          privacyPolicyUrl: `${url}/datenschutz.html`,
        },
        ...cityPortalTenants(url),
      },
      adminTokenEnv: 'DEMO_ADMIN_TOKEN',
    },
    { DEMO_BBB_SECRET: DEMO_SECRET, DEMO_JITSI_SECRET, DEMO_MATTERMOST_TOKEN, DEMO_VORSTAND_CODE: DEMO_CODES.moderator, DEMO_ADMIN_TOKEN },
  );
  // Keys in memory: the demo's invites end with the process.
  const keys = await generateKeySet();
  const handler = createHandler(config, { keys, store, now });
  const site = await loadSite(join(root, 'packages/elements/dist/cdn'));
  const invite = await issueInvite(keys, store, {
    tenant: 'tsv-musterstadt',
    room: 'vorstand',
    role: 'moderator',
    expiresInSeconds: 86_400,
  });

  /** The demo's own pages, then the server helper: one Web handler, served by the same adapter as `vereinsraum serve`. */
  async function pages(request, info) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/v1/') || path.startsWith('/.well-known/')) return handler(request, info);
    // The bundles as \`vereinsraum serve\` serves them: CORS \`*\`, versioned names, integrity.json.
    if (path.startsWith('/cdn/')) return (await site.answer(request)) ?? textPage('Not found', 404);
    if (path === '/admin/outbox') {
      if (request.method !== 'GET' && request.method !== 'POST') return textPage('Use GET or POST.', 405, { allow: 'GET, POST' });
      const token = await outboxToken(request);
      if (token === undefined || !isAdminToken(token)) {
        return htmlPage(outboxSignIn(token !== undefined), 401, { 'www-authenticate': 'Bearer realm="vereinsraum-demo"' });
      }
      return htmlPage(await outboxPage(store, keys));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return textPage('Use GET.', 405, { allow: 'GET, HEAD' });
    if (path === '/admin')
      return new Response(await readFile(join(root, 'examples/club-homepage/admin.html')), {
        headers: { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' },
      });
    if (path === '/stadt') return new Response(null, { status: 301, headers: { location: '/stadt/' } });
    let decoded;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return textPage('Bad request: the path has a broken percent escape.', 400);
    }
    for (const [prefix, folder] of STATIC) {
      if (!decoded.startsWith(prefix)) continue;
      const relative = normalize(decoded.slice(prefix.length) || 'index.html');
      if (relative.startsWith('..')) break;
      try {
        const body = await readFile(join(root, folder, relative.endsWith('/') ? `${relative}index.html` : relative));
        return new Response(body, {
          headers: { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-cache' },
        });
      } catch {
        // try the next folder
      }
    }
    return textPage('Not found', 404);
  }

  // The last resort: whatever a page throws becomes a 500, and the demo keeps running.
  const demoHandler = async (request, info) => {
    try {
      return await pages(request, info);
    } catch (error) {
      console.error(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return textPage('Something went wrong in the demo.', 500);
    }
  };
  const named = !['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host);
  listener = toNodeListener(demoHandler, { allowedHosts: [...allowedHosts, ...(named ? [host.includes(':') ? `[${host}]` : host] : [])] });
  await replayLastWeek({ handler, url, sandbox, setClock: (at) => (clock = at) });
  // The server listens already: the handler's background work (the purge of old bookings, the usage sampler) starts now.
  handler.start();
  return {
    url,
    /** The demo's `node:http` server. */
    server,
    sandbox,
    codes: DEMO_CODES,
    adminToken: DEMO_ADMIN_TOKEN,
    /** The bookings database (the outbox page reads its mails). */
    store,
    /** A moderator invite for the board room: the club homepage with `#invite=`. */
    inviteLink: `${url}/#invite=${invite.token}`,
    /** The city portal: three tenants on one page. */
    portalUrl: `${url}/stadt/`,
    async close() {
      handler.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await sandbox.close();
      store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
