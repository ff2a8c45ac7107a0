// The Mattermost stand-in: Mattermost's answers and errors for the calls
// Vereinsraum makes, over real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../src/index.ts';

const BOT = 'bot-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';

let sandbox: Sandbox;
let base: string;

before(async () => {
  sandbox = await startSandbox({
    secret: 'bbb-secret',
    mattermost: { botToken: BOT, adminToken: ADMIN, teams: ['verein', 'andere'], users: ['erika'] },
  });
  base = `${sandbox.mattermost!.url}/api/v4`;
  sandbox.mattermost!.setBotTeamRole('andere', 'none');
});
after(() => sandbox.close());

function call(method: string, path: string, { token = BOT, body }: { token?: string | null; body?: unknown } = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      ...(token === null ? {} : { authorization: `BEARER ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  // Client4 reads a body as JSON only with exactly this content type.
  assert.equal(response.headers.get('content-type'), 'application/json');
  return JSON.parse(text) as T;
}

/** An error answer: Mattermost's fields in Mattermost's order. */
async function refused(response: Response, status: number, id: string): Promise<Record<string, unknown>> {
  const body = await ok(response, status);
  assert.deepEqual(Object.keys(body), ['id', 'message', 'detailed_error', 'request_id', 'status_code']);
  assert.equal(body.id, id);
  assert.equal(body.status_code, status);
  assert.match(body.request_id as string, /^[a-z0-9]{26}$/);
  assert.equal(typeof body.message, 'string');
  return body;
}

async function team(name = 'verein'): Promise<{ id: string; invite_id: string }> {
  return ok(await call('GET', `/teams/name/${name}`));
}

describe('Mattermost sandbox: access tokens and permissions', () => {
  test('401 without a token and with a wrong one; the details stay empty outside developer mode', async () => {
    const none = await refused(await call('GET', '/users/me', { token: null }), 401, 'api.context.session_expired.app_error');
    assert.equal(none.message, 'Invalid or expired session, please login again.');
    assert.equal(none.detailed_error, '');
    const wrong = await refused(
      await call('GET', '/users/me', { token: 'not-a-token-of-this-server' }),
      401,
      'api.context.session_expired.app_error',
    );
    assert.equal(wrong.detailed_error, '');
    const me = await ok(await call('GET', '/users/me'));
    assert.equal(me.username, 'vereinsraum');
    assert.equal(me.is_bot, true);
  });

  test('in developer mode, a refused token comes back in detailed_error, as Mattermost does it', async () => {
    const dev = await startSandbox({ secret: 's', mattermost: { botToken: BOT, developerMode: true } });
    try {
      const response = await fetch(`${dev.mattermost!.url}/api/v4/users/me`, {
        headers: { authorization: 'Bearer wrong-token-0123456789' },
      });
      assert.equal((await refused(response, 401, 'api.context.session_expired.app_error')).detailed_error, 'token=wrong-token-0123456789');
    } finally {
      await dev.close();
    }
  });

  test('botUsername names the bot of botToken, and leaves "vereinsraum" free for a new bot', async () => {
    const other = await startSandbox({ secret: 's', mattermost: { botToken: BOT, adminToken: ADMIN, botUsername: 'stadt-bot' } });
    try {
      const api = `${other.mattermost!.url}/api/v4`;
      const as = (token: string, init: RequestInit = {}) => ({
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      assert.equal((await ok(await fetch(`${api}/users/me`, as(BOT)))).username, 'stadt-bot');
      await ok(
        await fetch(
          `${api}/bots`,
          as(ADMIN, { method: 'POST', body: JSON.stringify({ username: 'vereinsraum', display_name: 'Vereinsraum' }) }),
        ),
        201,
      );
      assert.ok(other.mattermost!.team('verein')!.members.includes('stadt-bot'));
    } finally {
      await other.close();
    }
    await assert.rejects(
      startSandbox({ secret: 's', mattermost: { botToken: BOT, botUsername: 'Kein Name' } }),
      /"Kein Name" is not a valid team or user name/,
    );
  });

  test('403 for a team the bot is not in, 404 for what does not exist', async () => {
    const forbidden = await refused(await call('GET', '/teams/name/andere'), 403, 'api.context.permissions.app_error');
    assert.equal(forbidden.message, 'You do not have the appropriate permissions.');
    await refused(await call('GET', '/teams/name/nirgends'), 404, 'app.team.get_by_name.missing.app_error');
    await refused(await call('GET', '/users/username/niemand'), 404, 'app.user.get_by_username.app_error');
    await refused(await call('GET', '/channels/aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'app.channel.get.existing.app_error');
    await refused(await call('GET', '/nothing/here'), 404, 'api.context.404.app_error');
    const { id } = await team();
    await refused(await call('GET', `/teams/${id}/channels/name/keiner`), 404, 'app.channel.get_by_name.missing.app_error');
  });
});

describe('Mattermost sandbox: channels, members, posts', () => {
  test("a private channel, its members and a post; a taken name is refused with Mattermost's 400", async () => {
    const { id: teamId, invite_id } = await team();
    assert.match(invite_id, /^[a-z0-9]{26}$/);
    const channel = await ok<{ id: string; type: string; creator_id: string; name: string }>(
      await call('POST', '/channels', {
        body: { team_id: teamId, name: 'treff-1', display_name: 'Treff', type: 'P', purpose: 'Gebucht', header: '' },
      }),
      201,
    );
    assert.equal(channel.type, 'P');
    const taken = await refused(
      await call('POST', '/channels', { body: { team_id: teamId, name: 'treff-1', display_name: 'Treff', type: 'P' } }),
      400,
      'store.sql_channel.save_channel.exists.app_error',
    );
    assert.equal(taken.message, 'A channel with that name already exists on the same team.');
    await refused(
      await call('POST', '/channels', { body: { team_id: teamId, name: 'Treff Eins', display_name: 'Treff', type: 'P' } }),
      400,
      'model.channel.is_valid.1_or_more.app_error',
    );
    await refused(
      await call('POST', '/channels', { body: { team_id: teamId, name: 'lang', display_name: 'x'.repeat(65), type: 'P' } }),
      400,
      'model.channel.is_valid.display_name.app_error',
    );
    assert.equal((await ok(await call('GET', `/teams/${teamId}/channels/name/treff-1?include_deleted=false`))).id, channel.id);

    const erika = await ok<{ id: string }>(await call('GET', '/users/username/erika'));
    // Not in the team yet: the channel refuses her.
    await refused(
      await call('POST', `/channels/${channel.id}/members`, { body: { user_id: erika.id, channel_id: channel.id, post_root_id: '' } }),
      400,
      'api.channel.add_user.to.channel.failed.app_error',
    );
    await ok(await call('POST', `/teams/${teamId}/members`, { body: { team_id: teamId, user_id: erika.id } }), 201);
    await ok(
      await call('POST', `/channels/${channel.id}/members`, { body: { user_id: erika.id, channel_id: channel.id, post_root_id: '' } }),
      201,
    );
    await ok(await call('PUT', `/channels/${channel.id}/members/${erika.id}/roles`, { body: { roles: 'channel_user channel_admin' } }));
    await ok(await call('POST', '/posts', { body: { channel_id: channel.id, message: 'Hallo' } }), 201);
    const stats = await ok(await call('GET', `/channels/${channel.id}/stats?exclude_files_count=true`));
    assert.deepEqual(stats, { channel_id: channel.id, member_count: 2, guest_count: 0, pinnedpost_count: 0, files_count: -1 });
    const read = await ok<{ last_post_at: number }>(await call('GET', `/channels/${channel.id}`));
    assert.ok(read.last_post_at > 0);

    const [seen] = sandbox.mattermost!.channels().filter((c) => c.name === 'treff-1');
    assert.deepEqual(seen!.members, ['vereinsraum', 'erika']);
    assert.deepEqual(seen!.admins, ['vereinsraum', 'erika']);
    assert.deepEqual(
      seen!.posts.map((p) => [p.user, p.type, p.message]),
      [
        ['vereinsraum', 'system_add_to_channel', '@erika added to the channel by @vereinsraum.'],
        ['vereinsraum', '', 'Hallo'],
      ],
    );

    // A channel the bot is not in is closed to it.
    const other = await ok<{ id: string }>(
      await call('POST', '/channels', { token: ADMIN, body: { team_id: teamId, name: 'admins', display_name: 'Admins', type: 'P' } }),
      201,
    );
    await refused(await call('GET', `/channels/${other.id}/stats`), 403, 'api.context.permissions.app_error');
    await refused(await call('POST', '/posts', { body: { channel_id: other.id, message: 'x' } }), 403, 'api.context.permissions.app_error');
  });

  test('only a team admin renews the invite id; the old invite link stops working', async () => {
    const before = await team();
    sandbox.mattermost!.setBotTeamRole('verein', 'member');
    await refused(await call('POST', `/teams/${before.id}/regenerate_invite_id`), 403, 'api.context.permissions.app_error');
    sandbox.mattermost!.setBotTeamRole('verein', 'admin');
    const after = await ok<{ invite_id: string }>(await call('POST', `/teams/${before.id}/regenerate_invite_id`));
    assert.notEqual(after.invite_id, before.invite_id);
    const old = await fetch(`${sandbox.mattermost!.url}/signup_user_complete/?id=${before.invite_id}`);
    assert.equal(old.status, 404);
    assert.match(await old.text(), /invite-invalid/);
  });

  test("a direct channel of the bot and an account, and a post into it; checked in Mattermost's order", async () => {
    const bot = await ok<{ id: string }>(await call('GET', '/users/me'));
    const erika = await ok<{ id: string }>(await call('GET', '/users/username/erika'));
    await refused(
      await call('POST', '/channels/direct', { body: { user_ids: [bot.id, erika.id] } }),
      400,
      'api.context.invalid_body_param.app_error',
    );
    const wrongCount = await refused(
      await call('POST', '/channels/direct', { body: [bot.id] }),
      400,
      'api.context.invalid_body_param.app_error',
    );
    assert.equal(wrongCount.message, 'Invalid or missing user_ids in request body.');
    const badId = await refused(
      await call('POST', '/channels/direct', { body: [bot.id, 'erika'] }),
      400,
      'api.context.invalid_body_param.app_error',
    );
    assert.equal(badId.message, 'Invalid or missing user_id in request body.');
    // Only one of the two (or a system admin) may open it.
    const other = sandbox.mattermost!.addUser('dritte');
    await refused(await call('POST', '/channels/direct', { body: [erika.id, other] }), 403, 'api.context.permissions.app_error');
    await refused(
      await call('POST', '/channels/direct', { body: [bot.id, 'abcdefghijklmnopqrstuvwxyz'] }),
      400,
      'api.channel.create_direct_channel.invalid_user.app_error',
    );

    const direct = await ok<{ id: string; type: string; name: string; team_id: string; display_name: string }>(
      await call('POST', '/channels/direct', { body: [bot.id, erika.id] }),
      201,
    );
    assert.equal(direct.type, 'D');
    assert.equal(direct.team_id, '');
    assert.equal(direct.display_name, '');
    assert.equal(direct.name, [bot.id, erika.id].sort().join('__'));
    // Asked again (either order): the same channel, as GetOrCreateDirectChannel answers.
    assert.equal((await ok<{ id: string }>(await call('POST', '/channels/direct', { body: [erika.id, bot.id] }), 201)).id, direct.id);
    await ok(await call('POST', '/posts', { body: { channel_id: direct.id, message: 'Ihr Code: **K7QM-3XPA**' } }), 201);
    await refused(
      await call('POST', `/channels/${direct.id}/members`, { body: { user_id: other, channel_id: direct.id } }),
      400,
      'api.channel.add_user_to_channel.type.app_error',
    );

    assert.deepEqual(sandbox.mattermost!.directMessages('erika'), [{ from: 'vereinsraum', message: 'Ihr Code: **K7QM-3XPA**' }]);
    assert.deepEqual(sandbox.mattermost!.directMessages('vereinsraum'), [], 'only what others wrote');
    assert.ok(!sandbox.mattermost!.channels().some((c) => c.id === direct.id), 'not among the channels of the teams');
    // Mattermost's address of the messages with the bot; with no sign-in, all of the bot's conversations.
    const page = await fetch(`${sandbox.mattermost!.url}/verein/messages/@vereinsraum`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    const html = await page.text();
    assert.match(html, /<h2 id="dm-[a-z0-9]{26}">@erika<\/h2>/);
    assert.ok(html.includes('Ihr Code: <strong>K7QM-3XPA</strong>'), html);
    assert.equal((await fetch(`${sandbox.mattermost!.url}/verein/messages/@niemand`)).status, 404);
  });

  test('held answers wait until released', async () => {
    const release = sandbox.mattermost!.holdAnswers('GET /api/v4/users/me');
    let answered = false;
    const asked = call('GET', '/users/me').then((response) => ((answered = true), response));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(answered, false);
    release();
    assert.equal((await ok(await asked)).username, 'vereinsraum');
  });

  test('bots and their access tokens, for a system admin only; the new token works', async () => {
    await refused(
      await call('POST', '/bots', { body: { username: 'neu-bot', display_name: 'Neu', description: 'x' } }),
      403,
      'api.context.permissions.app_error',
    );
    const bot = await ok<{ user_id: string; username: string }>(
      await call('POST', '/bots', { token: ADMIN, body: { username: 'neu-bot', display_name: 'Neu', description: 'x' } }),
      201,
    );
    await refused(
      await call('POST', '/bots', { token: ADMIN, body: { username: 'neu-bot' } }),
      400,
      'app.user.save.username_exists.app_error',
    );
    const { token } = await ok<{ token: string }>(
      await call('POST', `/users/${bot.user_id}/tokens`, { token: ADMIN, body: { description: 'helper' } }),
    );
    assert.equal((await ok(await call('GET', '/users/me', { token }))).username, 'neu-bot');
  });
});

describe('Mattermost sandbox: pages, outages, counts', () => {
  test('signing up through the invite link makes an account in the team', async () => {
    const { invite_id } = await team();
    const page = await fetch(`${sandbox.mattermost!.url}/signup_user_complete/?id=${invite_id}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(page.headers.get('content-security-policy')!, /frame-ancestors 'self'/);
    const post = (username: string) =>
      fetch(`${sandbox.mattermost!.url}/signup_user_complete/?id=${invite_id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=${username}`,
      });
    assert.equal((await post('neue.person')).status, 200);
    assert.equal((await post('neue.person')).status, 400);
    assert.equal((await post('mit%20leerzeichen')).status, 400);
    assert.ok(sandbox.mattermost!.team('verein')!.members.includes('neue.person'));
  });

  test('an outage closes connections without an answer; a lost answer still does the work', async () => {
    sandbox.mattermost!.setOutage(true);
    await assert.rejects(call('GET', '/users/me'), TypeError);
    sandbox.mattermost!.setOutage(false);
    const { id } = await team();
    sandbox.mattermost!.loseAnswers('POST /api/v4/channels');
    await assert.rejects(
      call('POST', '/channels', { body: { team_id: id, name: 'verloren', display_name: 'Verloren', type: 'P' } }),
      TypeError,
    );
    assert.ok(sandbox.mattermost!.channels().some((c) => c.name === 'verloren'));
    assert.ok((sandbox.mattermost!.calls['POST /api/v4/channels'] ?? 0) >= 2);
  });
});
