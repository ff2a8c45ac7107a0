// Requests of every shape, generated with fast-check: every method token,
// good, bad and absolute targets, bad Host headers, bad escapes, conflicting
// Content-Length and Transfer-Encoding, oversized headers and bodies, invalid
// UTF-8, deep JSON and prototype keys in the bodies of every POST route.
import { METHODS } from 'node:http';
import fc from 'fast-check';
import { rawRequest } from './raw.mjs';

/**
 * @typedef {object} FuzzRequest
 * @property {string} method
 * @property {string} target
 * @property {string | undefined} host the Host header, or undefined for none
 * @property {Array<[string, string]>} headers more headers, in order
 * @property {Buffer | undefined} body
 * @property {string} framing how the body is framed: `length`, `chunked`, `both`, `two-lengths`, `short`, `bad-length`, `bad-chunk`, `none`
 * @property {string} path the path part of a plain target, for the oracle
 */

const BAD_ESCAPES = ['%E0%A4%A', '%', '%zz', '%00', '%C0%AF', '%2e%2e%2f', '%ff%fe', '%%', '%u0041'];
const FORBIDDEN = ['TRACE', 'TRACK', 'CONNECT'];

/** A method token: the usual ones most often, every one Node's parser knows, fetch's forbidden ones, and junk. */
const method = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD') },
  { weight: 3, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN, 'get', 'Post', 'PRI', 'FOO', 'BREW', 'M-SEARCH') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}$/) },
);

/** Text that may go into a path segment, escaped or raw. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,20}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((s) => encodeURIComponent(s)) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_ESCAPES, '..', '.', '', '%2F', 'b-unknown', 'A'.repeat(300)) },
);

/** The paths a target's routes know, with its ids. */
function knownPaths(target) {
  const paths = [
    '/',
    '/admin',
    '/admin/outbox',
    '/stadt',
    '/stadt/',
    '/buchen.html',
    '/cdn/vereinsraum.js',
    '/.well-known/jwks.json',
    '/v1/bookings',
  ];
  for (const [tenant, rooms] of Object.entries(target.rooms)) {
    paths.push(
      `/v1/tenants/${tenant}`,
      `/v1/tenants/${tenant}/events?rooms=${rooms.join(',')}`,
      `/v1/bookings/form?tenant=${tenant}`,
      `/v1/bookings/challenge?tenant=${tenant}`,
    );
    for (const room of rooms)
      paths.push(`/v1/rooms/${tenant}/${room}/join`, `/v1/rooms/${tenant}/${room}/status`, `/v1/rooms/${tenant}/${room}/events`);
  }
  const id = target.booking?.id ?? 'b-none';
  paths.push(
    `/v1/bookings/${id}`,
    `/v1/bookings/${id}/calendar.ics`,
    '/v1/admin/bookings',
    '/v1/admin/bookings?status=pending',
    `/v1/admin/bookings/${id}`,
  );
  paths.push(
    `/v1/admin/bookings/${id}/approve`,
    `/v1/admin/bookings/${id}/reject`,
    '/v1/admin/contacts',
    '/v1/admin/invites',
    '/v1/admin/invites/0b6c1a5e-8c4f-4c1e-9d2a-3f4b5c6d7e8f',
  );
  paths.push('/v1/jitsi-keys/0000000000000000000000000000000000000000000000000000000000000000.pem');
  return paths;
}

/** A path: a known one, one with fuzzed segments, or one with a bad escape or junk query. */
function path(target) {
  const known = fc.constantFrom(...knownPaths(target));
  return fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`) },
    { weight: 2, arbitrary: fc.tuple(known, fc.constantFrom(...BAD_ESCAPES)).map(([p, bad]) => `${p.split('?')[0]}${bad}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(known, fc.string({ unit: 'binary', maxLength: 40 }))
        .map(([p, q]) => `${p.split('?')[0]}?${encodeURIComponent(q)}&rooms=${encodeURIComponent(q)}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('/' + 'a'.repeat(9000), `/v1/rooms/${'x'.repeat(100)}/${'y'.repeat(100)}/join`) },
  );
}

/** A request target: mostly a plain path, else the shapes that must not pass for a path. */
function target(t) {
  return fc.oneof(
    { weight: 10, arbitrary: path(t) },
    { weight: 1, arbitrary: path(t).map((p) => `//evil.example${p}`) },
    { weight: 1, arbitrary: path(t).map((p) => `http://evil.example${p}`) },
    { weight: 1, arbitrary: path(t).map((p) => `http://127.0.0.1:${t.port}${p}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('*', '//[', '//', 'evil.example:443', '/\\evil.example', '/%2F%2Fevil.example', 'https:', '?x'),
    },
  );
}

/** A Host header (undefined: none). Loopback mostly, so that requests get past the adapter. */
function host(t) {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(`127.0.0.1:${t.port}`, `localhost:${t.port}`, '127.0.0.1', `[::1]:${t.port}`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'evil.example',
        'evil_host',
        'localhost:99999',
        '',
        'a b',
        'x@y',
        '127.0.0.1.evil.example',
        '[::1',
        'localhost.',
        '0.0.0.0',
        undefined,
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((s) => !/[\r\n]/.test(s)) },
  );
}

/** JSON text with the prototype keys an attacker would try, around some fields of the route. */
function prototypeJson(fields) {
  return fc.constantFrom(
    `{"__proto__":{"polluted":"yes","isAdmin":true},${fields.slice(1)}`,
    `{"constructor":{"prototype":{"polluted":"yes"}},${fields.slice(1)}`,
    `${fields.slice(0, -1)},"__proto__":{"toString":"x","valueOf":1}}`,
    `{"tenant":{"__proto__":{"polluted":"yes"}},"room":"__proto__","role":"constructor"}`,
    `{"__proto__":null}`,
  );
}

/** Nested arrays or objects, `depth` deep: what a recursive reader would choke on. */
const deepJson = fc
  .tuple(fc.integer({ min: 10, max: 5000 }), fc.boolean())
  .map(([depth, objects]) => (objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`));

/** A value for a field: any JSON, or any text. */
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 80 }));

/** Bodies of each POST route, valid in shape, with fields from fast-check; by route. */
function routeBodies(t) {
  const [tenant, rooms] = Object.entries(t.rooms)[0];
  return {
    join: fc.record(
      { displayName: value, accessCode: fc.option(value), invite: fc.option(value), chatUsername: fc.option(value) },
      { requiredKeys: ['displayName'] },
    ),
    booking: fc.record(
      {
        kind: fc.constantFrom('video', 'chat', '__proto__'),
        tenant: fc.constantFrom(tenant, '__proto__', 'constructor'),
        title: value,
        organisation: value,
        contactName: value,
        contactEmail: fc.oneof(fc.emailAddress(), value),
        start: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          value,
        ),
        end: value,
        expectedParticipants: value,
        consent: value,
        website: value,
        altcha: value,
      },
      { requiredKeys: ['tenant'] },
    ),
    invite: fc.record({
      tenant: fc.constantFrom(tenant, 'hasOwnProperty'),
      room: fc.constantFrom(...rooms, 'toString'),
      role: value,
      expiresIn: value,
    }),
    contact: fc.record({ tenant: fc.oneof(fc.constant(tenant), value), email: value, trusted: value }),
    decision: fc.record({ reason: value }),
  };
}

/** A body for a route: its JSON (some with prototype keys), any JSON, deep JSON, invalid UTF-8, oversized, junk or none. */
function body(shape) {
  const json = shape.map((o) => JSON.stringify(o));
  return fc.oneof(
    { weight: 8, arbitrary: json.map((s) => Buffer.from(s)) },
    { weight: 3, arbitrary: json.chain((s) => prototypeJson(s)).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: deepJson.map((s) => Buffer.from(s)) },
    {
      weight: 1,
      arbitrary: json.map((s) =>
        Buffer.concat([
          Buffer.from(s.slice(0, -1)),
          Buffer.from(',"displayName":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
          Buffer.from('"}'),
        ]),
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 8193, max: 200_000 }).map((n) => Buffer.from(`{"displayName":"${'x'.repeat(n)}"}`)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Headers besides Host and the framing ones. */
function headers(t) {
  const origin = fc.option(fc.constantFrom(...t.origins, 'https://www.tsv.example.evil', ''), { nil: undefined });
  const contentType = fc.option(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      '',
    ),
    { nil: undefined },
  );
  const authorization = fc.option(
    fc.constantFrom(
      `Bearer ${t.adminToken}`,
      `Bearer ${t.booking?.manageToken ?? 'x'}`,
      'Bearer ',
      'Bearer a.b.c',
      `Basic ${btoa('admin:admin')}`,
      'Bearer '.repeat(50),
    ),
    { nil: undefined },
  );
  const extra = fc.option(
    fc.constantFrom(
      ['X-Forwarded-For', '1.2.3.4, <script>'],
      ['X-Pad', 'a'.repeat(20_000)],
      ['X-Small', 'b'],
      ['Expect', '100-continue'],
      ['Accept', 'text/event-stream'],
      ['If-None-Match', 'W/"x", *'],
      ['Range', 'bytes=0-1,2-3'],
      ['Cookie', 'a=b'],
      ['Connection', 'keep-alive, Upgrade'],
      ['Upgrade', 'websocket'],
    ),
    { nil: undefined },
  );
  return fc.record({ origin, contentType, authorization, extra });
}

/** A request from its parts; `Connection: close` always, so one request per connection. */
function assemble({ method: m, target: tg, host: h, headers: hs, body: b, framing: f }) {
  const list = [];
  if (h !== undefined) list.push(['Host', h]);
  if (hs.origin !== undefined) list.push(['Origin', hs.origin]);
  if (hs.contentType !== undefined) list.push(['Content-Type', hs.contentType]);
  if (hs.authorization !== undefined) list.push(['Authorization', hs.authorization]);
  if (hs.extra !== undefined) list.push(hs.extra);
  list.push(['Connection', 'close']);
  const plain = tg.startsWith('/') && !tg.startsWith('//');
  return {
    method: m,
    target: tg,
    host: h,
    headers: list,
    body: b,
    framing: b === undefined ? 'none' : f,
    path: plain ? tg.split('?')[0] : '',
  };
}

/** Requests a client of the API would send, each to its route, with fuzzed bodies: they reach the routes' own checks. */
function routed(t) {
  const bodies = routeBodies(t);
  const id = t.booking?.id ?? 'b-none';
  const admin = `Bearer ${t.adminToken}`;
  const manage = `Bearer ${t.booking?.manageToken ?? 'x'}`;
  const routes = [
    ...Object.entries(t.rooms).flatMap(([tenant, rooms]) =>
      rooms.map((room) => ['POST', `/v1/rooms/${tenant}/${room}/join`, bodies.join, undefined]),
    ),
    ['POST', '/v1/bookings', bodies.booking, undefined],
    ['POST', '/v1/admin/invites', bodies.invite, admin],
    ['POST', '/v1/admin/contacts', bodies.contact, admin],
    ['POST', `/v1/admin/bookings/${id}/reject`, bodies.decision, admin],
    ['POST', `/v1/admin/bookings/${id}/approve`, bodies.decision, admin],
    ['DELETE', `/v1/bookings/${id}`, undefined, manage],
    ['GET', `/v1/bookings/${id}`, undefined, manage],
    ['GET', `/v1/bookings/${id}/calendar.ics`, undefined, manage],
    ['GET', `/v1/admin/bookings/${id}`, undefined, admin],
  ];
  return fc.constantFrom(...routes).chain(([m, p, shape, authorization]) =>
    fc.record({
      method: fc.constant(m),
      target: fc.constant(p),
      host: fc.constant(`127.0.0.1:${t.port}`),
      headers: fc.record({
        origin: fc.option(fc.constantFrom(...t.origins), { nil: undefined }),
        contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        authorization: fc.constantFrom(authorization, undefined, 'Bearer x'),
        extra: fc.constant(undefined),
      }),
      body: shape ? body(shape) : fc.constant(undefined),
      framing: fc.constantFrom('length', 'length', 'length', 'chunked'),
    }),
  );
}

/** Requests of any shape: every method, target, Host, header and framing. */
function anyShape(t) {
  const bodies = Object.values(routeBodies(t));
  const framing = fc.oneof(
    { weight: 6, arbitrary: fc.constant('length') },
    { weight: 2, arbitrary: fc.constant('chunked') },
    { weight: 1, arbitrary: fc.constantFrom('both', 'two-lengths', 'short', 'bad-length', 'bad-chunk', 'none') },
  );
  return fc.record({ method, target: target(t), host: host(t), headers: headers(t), body: body(fc.oneof(...bodies)), framing });
}

/**
 * One request for target `t`: as the API's clients send them, or of any shape.
 * @returns {fc.Arbitrary<FuzzRequest>}
 */
export function fuzzRequest(t) {
  return fc.oneof({ weight: 1, arbitrary: routed(t) }, { weight: 1, arbitrary: anyShape(t) }).map(assemble);
}

/** The bytes of a request, framed as it says. */
export function toBytes(request) {
  const { method: m, target: tg, headers: hs, body: b, framing } = request;
  if (b === undefined) return rawRequest({ method: m, target: tg, headers: hs });
  const all = [...hs];
  let payload = b;
  if (framing === 'length') all.push(['Content-Length', String(b.length)]);
  if (framing === 'short') all.push(['Content-Length', String(b.length + 100)]);
  if (framing === 'bad-length') all.push(['Content-Length', `-${b.length}`]);
  if (framing === 'two-lengths') all.push(['Content-Length', String(b.length)], ['Content-Length', String(b.length + 1)]);
  if (framing === 'chunked' || framing === 'both' || framing === 'bad-chunk') {
    all.push(['Transfer-Encoding', 'chunked']);
    if (framing === 'both') all.push(['Content-Length', String(b.length)]);
    const size = framing === 'bad-chunk' ? 'zz' : b.length.toString(16);
    payload = Buffer.concat([Buffer.from(`${size}\r\n`), b, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return rawRequest({ method: m, target: tg, headers: all, body: payload, contentLength: false });
}

/** A short, printable form of a request for failure messages. */
export function describe(request) {
  const head = `${request.method} ${request.target.slice(0, 120)} Host=${JSON.stringify(request.host)?.slice(0, 60)} framing=${request.framing}`;
  const headers = request.headers
    .filter(([name]) => !['Host', 'Connection'].includes(name))
    .map(([name, value]) => `${name}: ${value.slice(0, 60)}`);
  const body =
    request.body === undefined
      ? 'no body'
      : `${request.body.length} bytes: ${JSON.stringify(request.body.subarray(0, 160).toString('latin1'))}`;
  return [head, ...headers, body].join('\n  ');
}
