// The route table: what is checked before the method (tenant, origin, admin
// token), 404 and 405 from one place, patterns, and the tenant directory the
// routes ask. No network: the conference server is never reached.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../src/config/index.ts';
import type { RouteContext, Services } from '../src/context.ts';
import { ConfigDirectory } from '../src/directory.ts';
import { createHandler } from '../src/handler.ts';
import { line, Router } from '../src/router.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { env, PAGE_ORIGIN, rawConfig } from './stack.ts';

const config = parseConfig(
  { ...rawConfig('http://127.0.0.1:1/bigbluebutton/api'), adminTokenEnv: 'ADMIN_TOKEN' },
  { ...env, ADMIN_TOKEN: 'admin-token-for-router-tests-0123456789' },
);
const handler = createHandler(config, { log: () => undefined });

async function problem(path: string, init: RequestInit = {}): Promise<{ status: number; code: string; allow: string | null }> {
  const response = await handler(new Request(`http://helper.test${path}`, init));
  const body = (await response.json()) as { code: string };
  return { status: response.status, code: body.code, allow: response.headers.get('allow') };
}

describe("the handler's route table", () => {
  test('a tenant path checks the tenant and the origin before the method', async () => {
    assert.deepEqual(await problem('/v1/rooms/nope/training/join'), { status: 404, code: 'tenant_not_found', allow: null });
    assert.deepEqual(await problem('/v1/rooms//training/status'), { status: 404, code: 'tenant_not_found', allow: null });
    assert.deepEqual(await problem('/v1/tenants/'), { status: 404, code: 'tenant_not_found', allow: null });
    assert.deepEqual(await problem('/v1/rooms/tsv/training/join', { headers: { origin: 'https://evil.example' } }), {
      status: 403,
      code: 'origin_not_allowed',
      allow: null,
    });
    assert.deepEqual(await problem('/v1/tenants/tsv', { method: 'DELETE', headers: { origin: 'https://evil.example' } }), {
      status: 403,
      code: 'origin_not_allowed',
      allow: null,
    });
  });

  test('a room is looked up after the method: an unknown room with the wrong method is 405', async () => {
    assert.deepEqual(await problem('/v1/rooms/tsv/nope/join', { headers: { origin: PAGE_ORIGIN } }), {
      status: 405,
      code: 'method_not_allowed',
      allow: 'POST',
    });
    assert.deepEqual(await problem('/v1/rooms/tsv/nope/status', { headers: { origin: PAGE_ORIGIN } }), {
      status: 404,
      code: 'room_not_found',
      allow: null,
    });
  });

  test('the admin API: its own origin for every path under it, then 404, then the token, then the method', async () => {
    assert.deepEqual(await problem('/v1/admin/nothing', { headers: { origin: PAGE_ORIGIN } }), {
      status: 403,
      code: 'origin_not_allowed',
      allow: null,
    });
    assert.deepEqual(await problem('/v1/admin/nothing'), { status: 404, code: 'not_found', allow: null });
    assert.deepEqual(await problem('/v1/admin/invites'), { status: 401, code: 'unauthorized', allow: null });
    const authorized = { headers: { authorization: 'Bearer admin-token-for-router-tests-0123456789' } };
    assert.deepEqual(await problem('/v1/admin/invites', authorized), { status: 405, code: 'method_not_allowed', allow: 'POST' });
    assert.deepEqual(await problem('/v1/admin/bookings', authorized), { status: 403, code: 'bookings_disabled', allow: null });
  });

  test('fixed paths win over patterns; Allow names every method of the path, HEAD where a route takes it', async () => {
    assert.deepEqual(await problem('/v1/bookings/form', { method: 'DELETE' }), { status: 405, code: 'method_not_allowed', allow: 'GET' });
    assert.deepEqual(await problem('/v1/bookings/abc', { method: 'PUT' }), {
      status: 405,
      code: 'method_not_allowed',
      allow: 'GET, DELETE',
    });
    assert.deepEqual(await problem('/v1/left', { method: 'POST' }), { status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' });
    assert.equal((await handler(new Request('http://helper.test/v1/left', { method: 'HEAD' }))).status, 200);
    assert.deepEqual(await problem('/v1/jitsi-keys/not-a-hash.pem', { method: 'POST' }), { status: 404, code: 'not_found', allow: null });
    assert.deepEqual(await problem(`/v1/jitsi-keys/${'a'.repeat(64)}.pem`, { method: 'POST' }), {
      status: 405,
      code: 'method_not_allowed',
      allow: 'GET, HEAD',
    });
  });

  test('a method named like an object property is a wrong method, not a route', async () => {
    assert.deepEqual(await problem('/v1/left', { method: 'constructor' }), { status: 405, code: 'method_not_allowed', allow: 'GET, HEAD' });
  });
});

describe('Router', () => {
  const context = { services: {} as Services, url: new URL('http://helper.test/'), client: 'unknown' };
  const route = async (router: Router, path: string, method = 'GET') => {
    const url = new URL(path, 'http://helper.test');
    return router.route(new Request(url, { method }), { ...context, url });
  };
  const echo = async (_request: Request, { params }: RouteContext) => Response.json(params);

  test('parameters: one segment each, constrained by a pattern, not decoded', async () => {
    const router = new Router([
      line({ path: '/keys/:hash{[0-9a-f]{4}}.pem', methods: { GET: echo } }),
      line({ path: '/rooms/:tenant/:room', methods: { GET: echo } }),
    ]);
    assert.deepEqual(await (await route(router, '/keys/00ff.pem')).json(), { hash: '00ff' });
    assert.deepEqual(await (await route(router, '/rooms/tsv%2Fx/hall')).json(), { tenant: 'tsv%2Fx', room: 'hall' });
    await assert.rejects(route(router, '/keys/00fg.pem'), { status: 404, code: 'not_found' });
    await assert.rejects(route(router, '/rooms/tsv/hall/more'), { status: 404, code: 'not_found' });
    await assert.rejects(route(router, '/rooms//hall'), { status: 404, code: 'not_found' });
  });

  test("a line's scope runs before its method is looked at, and what it resolves reaches the route", async () => {
    const seen: string[] = [];
    const router = new Router([
      line({
        path: '/a/:x',
        scope: async (_request, c) => (seen.push(`scope ${c.params.x}`), { ...c, extra: 'resolved' }),
        methods: { POST: async (_request, scope) => Response.json({ extra: scope.extra }) },
      }),
    ]);
    await assert.rejects(route(router, '/a/1'), { status: 405, headers: { allow: 'POST' } });
    assert.deepEqual(seen, ['scope 1']);
    assert.deepEqual(await (await route(router, '/a/2', 'POST')).json(), { extra: 'resolved' });
  });
});

describe('ConfigDirectory', () => {
  test('tenants and rooms by id; an invalid id names nothing; booked rooms only from the store', async () => {
    const store = new SqliteStore(':memory:');
    const directory = new ConfigDirectory(config, store);
    const tsv = (await directory.tenant('tsv'))!;
    assert.equal(tsv.name, 'TSV Musterstadt');
    assert.equal(await directory.tenant('TSV'), undefined);
    assert.equal(await directory.tenant('nope'), undefined);
    assert.equal((await directory.room(tsv, 'training'))?.name, 'Training');
    assert.equal(await directory.room(tsv, 'b-unknown'), undefined);
    assert.equal(await directory.room(tsv, 'Training'), undefined);
    assert.deepEqual(
      (await directory.publicRooms(tsv)).map((room) => room.id),
      ['training', 'treff', 'vorstand', 'sprechstunde'],
    );
    assert.deepEqual(await directory.bookingTenants(), [], 'no tenant of this config takes bookings');
    store.close();
  });
});
