// The stack the browser tests of the elements run against: the real server
// helper and the sandbox (BigBlueButton, and Jitsi and Mattermost on ports of
// their own), all started on 127.0.0.1 by a web-test-runner plugin
// (`stackPlugin`, used by web-test-runner.config.mjs).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { createHandler, createInvite, generateKeySet, MemoryRevocations, parseConfig } from '../../packages/server/dist/index.js';
import { serve, SqliteStore } from '../../packages/server/dist/node.js';
// Internals the tests reach past the public API for: a moderator's meeting made directly, short invites stored by hand.
import { makeShortInvite } from '../../packages/server/dist/invites.js';
import { fillMailLinks } from '../../packages/server/dist/mail/delivery.js';
import { BbbProvider } from '../../packages/server/dist/providers/bbb.js';
import jsQR from 'jsqr';

const SECRET = 'browser-tests-secret-5b0e6c1d';
const JITSI_APP = 'vereinsraum-test';
const JITSI_SECRET = 'browser-tests-jitsi-secret-8d41a7e2-5c0f9b13';
const env = {
  BBB_SECRET: SECRET,
  JITSI_SECRET,
  JITSI_WRONG: 'not-the-jitsi-secret-of-the-sandbox-3f9c0b6d5e',
  BBB_WRONG: 'not-the-bbb-secret-of-the-sandbox-7a2d40c9',
  MOD: 'leitung-123',
  ATT: 'mitglied-456',
  OPEN_MOD: 'host-789',
  ADMIN_TOKEN: 'browser-tests-admin-token-7c2e91d4a0b35f68',
  REGION_ADMIN_TOKEN: 'browser-tests-region-admin-token-5b8e03f1c6d2',
  MM_TOKEN: 'browser-tests-mattermost-bot-token-4f1a9c',
};
/** The stories' stand-in for Jitsi's iframe API (also served by Storybook). */
const FAKE_EXTERNAL_API = new URL('../../packages/elements/src/stories/static/external_api.js', import.meta.url);
/** A tenant's logo, served beside the page as Storybook serves it. */
const TENANT_LOGO = new URL('../../packages/elements/src/stories/static/tenant-logo.svg', import.meta.url);

/** Starts sandbox + server helper for the tests and gives the tests their addresses and a few commands. */
export function stackPlugin() {
  let sandbox;
  let server;
  let keys;
  let foreignKeys;
  let upstreamDown = false;
  let store;
  let storeDir;
  let bbb;
  // In front of the BigBlueButton, Jitsi and Mattermost sandboxes: what the browser asks of them (see countingProxy).
  let bbbProxy;
  let jitsiProxy;
  let mattermostProxy;
  // Event streams (a room's `/events`, or a tenant's `/events?rooms=…`): per room, how many that carry it were asked
  // for and how many are open now; the same for the connections themselves, with the rooms of each open one; and a
  // switch that makes them fail like a proxy that blocks Server-Sent Events.
  const eventStreams = { requested: {}, open: {}, connections: { requested: 0, open: new Set() } };
  let blockEvents = false;
  const revocations = new MemoryRevocations();
  const moderatorJoin = async (room, code) => {
    const response = await fetch(`${server.url}/v1/rooms/tsv/${room}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Test Host', accessCode: code }),
    });
    return response.json();
  };
  /**
   * The admin API answers only its own origin. The admin element's tests run it
   * as an operator would: the helper behind the page's own origin (a reverse
   * proxy for `/v1/admin/`, and for a tenant's settings, which give the admin
   * element its theme), so the element's endpoint is the page itself.
   */
  const adminProxy = async (ctx, next) => {
    if (!ctx.path.startsWith('/v1/admin/') && !ctx.path.startsWith('/v1/club') && !/^\/v1\/tenants\/[^/]+$/.test(ctx.path)) return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const target = new URL(`${ctx.path}${ctx.querystring ? `?${ctx.querystring}` : ''}`, server.url);
    const headers = Object.fromEntries(
      Object.entries(ctx.request.headers).filter(([name]) => !['host', 'origin', 'referer', 'connection', 'content-length'].includes(name)),
    );
    const answer = await fetch(target, { method: ctx.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    ctx.status = answer.status;
    for (const [name, value] of answer.headers)
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) ctx.set(name, value);
    ctx.body = Buffer.from(await answer.arrayBuffer());
  };
  return {
    name: 'vereinsraum-stack',
    adminProxy,
    async serverStart({ config }) {
      sandbox = await startSandbox({
        secret: SECRET,
        jitsi: { appId: JITSI_APP, appSecret: JITSI_SECRET, xmppDomain: 'meet.jitsi' },
        mattermost: { botToken: env.MM_TOKEN, teams: ['verein'] },
      });
      [bbbProxy, jitsiProxy, mattermostProxy] = await Promise.all([
        countingProxy(sandbox.url),
        countingProxy(sandbox.jitsi.url),
        countingProxy(sandbox.mattermost.url),
      ]);
      [keys, foreignKeys] = await Promise.all([generateKeySet(), generateKeySet()]);
      const pageOrigin = `http://${config.hostname}:${config.port}`;
      const room = (name, extra = {}) => ({ name, backend: 'sandbox', start: 'moderator-code', moderatorCodeEnv: 'OPEN_MOD', ...extra });
      const jitsi = (extra = {}) => ({
        type: 'jitsi',
        domain: new URL(jitsiProxy.url).host,
        protocol: 'http',
        appId: JITSI_APP,
        appSecretEnv: 'JITSI_SECRET',
        xmppDomain: 'meet.jitsi',
        roomSizeUrl: `${sandbox.jitsi.url}/room-size`,
        ...extra,
      });
      const raw = {
        adminTokenEnv: 'ADMIN_TOKEN',
        backends: {
          sandbox: { type: 'bbb', url: `${bbbProxy.url}/bigbluebutton/api`, secretEnv: 'BBB_SECRET' },
          // A wrong secret: BigBlueButton answers checksumError to every call.
          'sandbox-wrong-secret': { type: 'bbb', url: `${bbbProxy.url}/bigbluebutton/api`, secretEnv: 'BBB_WRONG' },
          meet: jitsi(),
          // Tokens the Jitsi sandbox refuses: the meeting never reports "joined".
          'meet-refusing': jitsi({ appSecretEnv: 'JITSI_WRONG' }),
          // Nothing listens there: its external_api.js cannot load.
          'meet-gone': jitsi({ domain: '127.0.0.1:9', roomSizeUrl: undefined }),
          // Chat rooms: booked rooms become private channels of the team `verein`.
          chat: { type: 'mattermost', url: mattermostProxy.url, tokenEnv: 'MM_TOKEN', timeoutMs: 2000 },
        },
        tenants: {
          tsv: {
            name: 'TSV Test',
            allowedOrigins: [pageOrigin],
            // What <verein-join-room> shows before the first request to a conference server.
            privacyPolicyUrl: `${pageOrigin}/privacy`,
            imprintUrl: `${pageOrigin}/imprint`,
            privacyNotice: { de: 'Der TSV Test nutzt eigene Konferenzserver.', en: 'TSV Test runs its own conference servers.' },
            rooms: {
              training: room('Training', { start: 'anyone' }),
              vorstand: room('Vorstand', { moderatorCodeEnv: 'MOD', attendeeCodeEnv: 'ATT' }),
              mitglieder: room('Mitglieder', { start: 'anyone', attendeeCodeEnv: 'ATT' }),
              ...Object.fromEntries(['wait-1', 'wait-2', 'wait-3', 'wait-4', 'wait-5'].map((id) => [id, room(id)])),
              // For the status tests: one room each, so that no test sees another's meeting.
              ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`status-${i + 1}`, room(`Status ${i + 1}`)])),
              treff: { name: 'Treffpunkt', backend: 'meet', start: 'anyone' },
              rat: { name: 'Rat', backend: 'meet', start: 'moderator-code', moderatorCodeEnv: 'MOD', attendeeCodeEnv: 'ATT' },
              zaeh: { name: 'Zäh', backend: 'meet-refusing', start: 'anyone' },
              weg: { name: 'Weg', backend: 'meet-gone', start: 'anyone' },
              falsch: { name: 'Falsch eingerichtet', backend: 'sandbox-wrong-secret', start: 'anyone' },
            },
            // The booking form's tenant: an operator approves; a small proof of work; no limits in the way of the tests.
            bookings: {
              approval: 'manual',
              backend: 'sandbox',
              chat: { backend: 'chat', team: 'verein' },
              joinPage: `${pageOrigin}/join`,
              formPage: `${pageOrigin}/book`,
              consentText: {
                de: 'Ich bin einverstanden, dass der TSV meine Angaben für diese Buchung speichert.',
                en: 'I agree that the TSV stores my details for this booking.',
              },
              privacyPolicyUrl: `${pageOrigin}/privacy`,
              maxHours: 8,
              maxWeeks: 12,
              challengeMaxNumber: 1000,
              perClientPerHour: 10000,
              perEmailPerDay: 10000,
            },
          },
          // A tenant with a look and a language of its own (the branding tests), a room and bookings.
          farbe: {
            name: 'Farbe Test',
            allowedOrigins: [pageOrigin],
            theme: { primary: '#6b1d5c', onPrimary: '#ffffff', radius: '2px', font: 'Verdana, sans-serif' },
            defaultLanguage: 'de',
            privacyPolicyUrl: `${pageOrigin}/privacy`,
            rooms: { treff: room('Treff') },
            bookings: {
              approval: 'manual',
              backend: 'sandbox',
              joinPage: `${pageOrigin}/join`,
              formPage: `${pageOrigin}/book`,
              consentText: {
                de: 'Ich bin einverstanden, dass Farbe Test meine Angaben speichert.',
                en: 'I agree that Farbe Test stores my details.',
              },
              challengeMaxNumber: 1000,
              perClientPerHour: 10000,
              perEmailPerDay: 10000,
            },
          },
          fremd: { name: 'Not this page', allowedOrigins: [], rooms: { halle: room('Halle') } },
          // Open conferences (<verein-open-room>): one tenant with room to spare, one that holds a single conference.
          offen: {
            name: 'Stadt Offen',
            allowedOrigins: [pageOrigin],
            privacyPolicyUrl: `${pageOrigin}/privacy`,
            rooms: { rathaus: room('Rathaus', { start: 'anyone' }) },
            openRooms: { backend: 'sandbox', challengeMaxNumber: 1000, maxPerClientPerDay: 10000, maxOpen: 10000, maxParticipants: 10 },
          },
          knapp: {
            name: 'Stadt Knapp',
            allowedOrigins: [pageOrigin],
            rooms: { rathaus: room('Rathaus', { start: 'anyone' }) },
            openRooms: { backend: 'sandbox', challengeMaxNumber: 1000, maxPerClientPerDay: 10000, maxOpen: 1 },
          },
          // A tenant with a logo (the logo tests).
          wappen: {
            name: 'SV Wappen',
            allowedOrigins: [pageOrigin],
            logoUrl: `${pageOrigin}/tenant-logo.svg`,
            rooms: { treff: room('Treff', { start: 'anyone' }) },
          },
        },
        // Clubs that register themselves (the club page's tests): their API behind the page's own origin, as /v1/admin/.
        clubs: {
          backend: 'sandbox',
          regions: [{ id: 'test', name: 'Teststadt' }],
          formOrigins: [pageOrigin],
          challengeMaxNumber: 1000,
          termsUrl: 'https://www.teststadt.example/nutzung',
          privacyPolicyUrl: 'https://www.teststadt.example/datenschutz',
          perClientPerHour: 1000,
          // A region admin: the clubs of the region only, none of the rest of the admin API.
          regionAdmins: [{ tokenEnv: 'REGION_ADMIN_TOKEN', regions: ['test'] }],
        },
      };
      // The conference server can be made unreachable from a test ('upstream' command).
      const upstream = (...args) => (upstreamDown ? Promise.reject(new TypeError('fetch failed')) : fetch(...args));
      // Bookings live in a SQLite file of its own for each run.
      storeDir = mkdtempSync(join(tmpdir(), 'vereinsraum-wtr-'));
      store = new SqliteStore(join(storeDir, 'bookings.db'));
      const parsed = parseConfig(raw, env);
      bbb = new BbbProvider(parsed.backends.get('sandbox'));
      const handler = createHandler(parsed, {
        // Fresh status on every request; a short circuit-breaker pause, so the 'upstream' hiccup ends quickly.
        status: { ttlMs: 0, breakerCooldownMs: 200 },
        log: () => {},
        fetch: upstream,
        keys,
        revocations,
        store,
      });
      server = await serve(countEventStreams(handler, eventStreams, () => blockEvents));
    },
    serve(context) {
      if (context.path === '/__stack.js') {
        const stack = {
          endpoint: server.url,
          codes: { moderator: env.MOD, attendee: env.ATT },
          jitsi: jitsiProxy.url,
          bbb: bbbProxy.url,
          mattermost: mattermostProxy.url,
          admin: env.ADMIN_TOKEN,
          region: env.REGION_ADMIN_TOKEN,
        };
        return {
          body: Object.entries(stack)
            .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
            .join('\n'),
          type: 'js',
        };
      }
      if (context.path === '/external_api.js') return { body: readFileSync(FAKE_EXTERNAL_API, 'utf8'), type: 'js' };
      if (context.path === '/tenant-logo.svg') return { body: readFileSync(TENANT_LOGO, 'utf8'), type: 'svg' };
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'start-meeting') {
        // A host joins and opens the meeting page, so the meeting runs.
        const { url } = await moderatorJoin(payload.room, env.OPEN_MOD);
        const page = await fetch(url);
        return page.ok;
      }
      if (command === 'end-meeting') {
        // BigBlueButton's `end` call, as an operator's tool would make it.
        await bbb.end({ id: `tsv/${payload.room}`, name: payload.room });
        return true;
      }
      if (command === 'event-streams') {
        const { requested, open, connections } = eventStreams;
        return structuredClone({
          requested,
          open,
          connections: { requested: connections.requested, open: connections.open.size, rooms: [...connections.open] },
        });
      }
      if (command === 'block-events') {
        blockEvents = payload.on;
        return true;
      }
      if (command === 'sandbox-calls') return { ...sandbox.calls };
      if (command === 'jitsi-calls') return { ...sandbox.jitsi.calls };
      if (command === 'jitsi-device-failure') {
        sandbox.jitsi.setDeviceFailure(payload.on);
        return true;
      }
      if (command === 'invite') {
        // An invite as the server helper makes it: short (kept in the store) or signed; `problem` makes it go wrong in one way.
        const { room, role = 'attendee', problem, short = false, startsInMs = 3_600_000 } = payload;
        const now = Date.now();
        const spec = { tenant: 'tsv', room, role, expiresInSeconds: 3600, now };
        if (problem === 'expired') Object.assign(spec, { expiresInSeconds: 60, now: now - 3_600_000 });
        if (problem === 'not-yet-valid')
          Object.assign(spec, { notBefore: now + startsInMs, expiresInSeconds: Math.ceil(startsInMs / 1000) + 3600 });
        const signer = problem === 'foreign-key' ? foreignKeys : keys;
        let invite;
        if (short) {
          const made = await makeShortInvite(signer, spec);
          await store.addInvite(made.record);
          invite = made.invite;
        } else invite = await createInvite(signer, spec);
        if (problem === 'revoked') await revocations.revoke(invite.jti, Date.parse(invite.expiresAt));
        // A valid token with its signature bent: not one this server signed.
        if (problem === 'tampered') return `${invite.token.slice(0, -4)}${invite.token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
        return invite.token;
      }
      if (command === 'club') {
        // An active club with its first room, straight into the store (the registration has its own server tests).
        const now = Date.now();
        const id = `verein-${crypto.randomUUID().slice(0, 8)}`;
        await store.createClub(
          {
            id,
            status: 'pending',
            name: payload.name ?? 'Testverein',
            kind: 'club',
            region: 'test',
            origins: [],
            contactName: 'Erika Test',
            contactEmail: payload.email,
            emailKey: payload.email,
            deputyName: null,
            deputyEmail: null,
            language: 'de',
            backend: 'sandbox',
            logoUrl: null,
            theme: null,
            confirm: null,
            confirmBy: null,
            reason: null,
            createdAt: now,
            confirmedAt: now,
            decidedAt: null,
            updatedAt: now,
          },
          { kind: 'club-confirm', to: payload.email, subject: 'test', text: '', attachments: [] },
          { id: `club-${id}`, expiresAt: now + 60_000 },
        );
        const room = {
          club: id,
          id: 'treffpunkt',
          name: 'Treffpunkt',
          start: 'moderator-code',
          accessCode: null,
          moderatorCode: null,
          waitingRoom: false,
          muteOnEntry: true,
          allModerators: false,
          recording: false,
          createdAt: now,
          updatedAt: now,
        };
        if (payload.status !== 'pending')
          await store.updateClub(id, ['pending'], { status: 'active', decidedAt: now, updatedAt: now }, { mails: [], rooms: [room] });
        return id;
      }
      if (command === 'club-link') {
        // The token of the newest mail's link (`#signin=` or `#confirm=`) to `email`, filled in as the mail is sent.
        const mail = (await store.listMails(500)).find((m) => m.to === payload.email && m.kind === `club-${payload.kind}`);
        if (!mail) return null;
        return new RegExp(`#${payload.kind}=(\\S+)`).exec((await fillMailLinks(keys, mail)).text)?.[1] ?? null;
      }
      if (command === 'close-tabs') {
        // Meetings the tests opened in new tabs would stay in front, and a page in the background gets no animation frames.
        const page = session.browser.getPage(session.id);
        const testOrigin = new URL(page.url()).origin;
        const others = (await page.browser().pages()).filter((p) => p !== page && new URL(p.url()).origin !== testOrigin);
        await Promise.all(others.map((p) => p.close().catch(() => {})));
        await page.bringToFront();
        return others.length;
      }
      if (command === 'forced-colors') {
        // Windows high-contrast mode, as Chromium emulates it for this test page.
        const page = session.browser.getPage(session.id);
        await page.emulateMediaFeatures([{ name: 'forced-colors', value: payload?.on ? 'active' : 'none' }]);
        return true;
      }
      if (command === 'conference-requests') {
        return { bbb: bbbProxy.browserRequests, jitsi: jitsiProxy.browserRequests, mattermost: mattermostProxy.browserRequests };
      }
      if (command === 'refuse-framing') {
        bbbProxy.refuseFraming = payload.on;
        return true;
      }
      if (command === 'jitsi-frame' || command === 'bbb-frame') {
        // Reads, clicks or presses Enter on a control inside a sandbox's meeting page, a cross-origin iframe the test page cannot reach.
        const page = session.browser.getPage(session.id);
        const origin = command === 'bbb-frame' ? bbbProxy.url : jitsiProxy.url;
        const deadline = Date.now() + 5000;
        for (;;) {
          const frame = page.frames().find((f) => f.url().startsWith(`${origin}/`));
          const handle = await frame?.$(payload.selector).catch(() => null);
          if (handle) {
            if (payload.action === 'click') {
              await handle.click();
              return true;
            }
            if (payload.action === 'press') {
              // The keyboard on the focused control: as trusted as a click, and independent of where the frame sits on the page.
              await handle.focus();
              await page.keyboard.press('Enter');
              return true;
            }
            return handle.evaluate((node) => node.textContent);
          }
          if (Date.now() > deadline) return null;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      if (command === 'mattermost') {
        // The Mattermost sandbox: down or up again, a new account, its channels (names, members, posts), or the
        // direct messages an account got (the bot's codes).
        const mm = sandbox.mattermost;
        if (payload.action === 'outage') mm.setOutage(payload.on);
        if (payload.action === 'add-user') mm.addUser(payload.username);
        if (payload.action === 'direct-messages') return mm.directMessages(payload.username);
        return payload.action === 'channels' ? mm.channels() : true;
      }
      if (command === 'storage') {
        // The bookings database refuses writes (SQLite's own SQLITE_READONLY), as a disk remounted read-only would.
        store.db.pragma(`query_only = ${payload.readOnly ? 'ON' : 'OFF'}`);
        return true;
      }
      if (command === 'upstream') {
        upstreamDown = payload.down;
        return true;
      }
      if (command === 'expired-open-room') {
        // An open conference of `offen` that expired an hour ago: its link says so.
        const now = Date.now();
        const id = `o-${Array.from({ length: 6 }, () => 'abend').join('-')}-${10 + Math.floor(now % 90)}`;
        const room = {
          tenant: 'offen',
          id,
          title: 'Abgelaufen',
          backend: 'sandbox',
          createdAt: now - 50 * 3_600_000,
          expiresAt: now - 3_600_000,
        };
        const { record } = await makeShortInvite(keys, { tenant: 'offen', room: id, role: 'moderator', expiresInSeconds: 86_400 });
        await store.createOpenRoom(room, record, { id: `expired-${id}`, expiresAt: now + 3_600_000 }, 10_000, now);
        return id;
      }
      if (command === 'decode-qr') {
        // The QR code as the page drew it (RGBA pixels), decoded here by jsQR.
        const { data, width, height } = payload;
        return jsQR(Uint8ClampedArray.from(Buffer.from(data, 'base64')), width, height)?.data ?? null;
      }
      return undefined;
    },
    async serverStop() {
      await server?.close();
      await Promise.all([bbbProxy?.close(), jitsiProxy?.close(), mattermostProxy?.close()]);
      await sandbox?.close();
      store?.close?.();
      if (storeDir) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/**
 * A plain HTTP proxy on 127.0.0.1 in front of a sandbox (`target`), which the
 * server helper's config and so the browser use as the conference server. It
 * counts the requests of the browser (`browserRequests`: those with Chrome's
 * user agent, not the server helper's), the test of the privacy consent's "no
 * request before agreeing"; with `refuseFraming` its HTML pages refuse to be
 * framed (`frame-ancestors 'none'`), as a conference server may.
 */
async function countingProxy(target) {
  const proxy = { url: '', browserRequests: 0, refuseFraming: false };
  const server = createServer((req, res) => {
    if (/Chrome\//.test(req.headers['user-agent'] ?? '')) proxy.browserRequests += 1;
    const upstream = forward(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (proxy.refuseFraming && /^text\/html/.test(headers['content-type'] ?? '')) {
        headers['content-security-policy'] = [headers['content-security-policy'], "frame-ancestors 'none'"].filter(Boolean).join('; ');
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${server.address().port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

/** The rooms an event stream carries: a room's `/events`, or a tenant's `/events?rooms=a,b`; undefined for anything else. */
function streamedRooms(request) {
  const url = new URL(request.url);
  const room = /^\/v1\/rooms\/[^/]+\/([^/]+)\/events$/.exec(url.pathname)?.[1];
  if (room) return [room];
  if (!/^\/v1\/tenants\/[^/]+\/events$/.test(url.pathname)) return undefined;
  return [...new Set((url.searchParams.get('rooms') ?? '').split(',').filter(Boolean))];
}

/**
 * Wraps the handler: counts the event streams, per room they carry and as
 * connections (asked for, and open until the browser closes them), and while
 * `blocked()` answers them as a proxy that does not pass Server-Sent Events
 * would: 502 with an HTML page.
 */
function countEventStreams(handler, streams, blocked) {
  return async (request, info) => {
    const rooms = request.method === 'GET' ? streamedRooms(request) : undefined;
    if (!rooms) return handler(request, info);
    const count = (table, by) => rooms.forEach((room) => (table[room] = (table[room] ?? 0) + by));
    count(streams.requested, 1);
    streams.connections.requested += 1;
    if (blocked())
      return new Response('<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      });
    const response = await handler(request, info);
    if (!response.body || response.status !== 200) return response;
    count(streams.open, 1);
    // A new array per connection: the set holds each open one, however alike their rooms.
    const connection = [...rooms];
    streams.connections.open.add(connection);
    let ended = false;
    const end = () => {
      if (!ended) {
        count(streams.open, -1);
        streams.connections.open.delete(connection);
      }
      ended = true;
    };
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}
