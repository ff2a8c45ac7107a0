import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../src/index.js';
import type { ChecksumAlgorithm, Sandbox } from '../src/index.js';
import { http } from './http.js';
import type { Reply } from './http.js';

// ---- helpers (independent of any client code) -----------------------------

interface Fixture {
  secret: string;
  vectors: { call: string; query: string; checksums: Partial<Record<ChecksumAlgorithm, string>> }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/bbb-checksums.json', import.meta.url), 'utf8')) as Fixture;
const SECRET = 'sandbox-test-secret';

function hash(algorithm: ChecksumAlgorithm, text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** A signed query: URLSearchParams encoding, checksum appended last. */
function signed(call: string, params: Record<string, string>, algorithm: ChecksumAlgorithm = 'sha256', secret = SECRET): string {
  const query = new URLSearchParams(params).toString();
  const checksum = hash(algorithm, call + query + secret);
  return query === '' ? `checksum=${checksum}` : `${query}&checksum=${checksum}`;
}

function api(sb: Sandbox, call: string, params: Record<string, string> = {}, init: { method?: string } = {}): Promise<Reply> {
  return http(`${sb.apiUrl}/${call}?${signed(call, params)}`, init);
}

function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Text of the first XML element with that name. */
function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1] === undefined ? undefined : decode(m[1]);
}

/** Text of the element with that data-testid (no nested elements). */
function testId(html: string, id: string): string | undefined {
  const m = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return m?.[1] === undefined ? undefined : decode(m[1]);
}

function assertFailed(reply: Reply, messageKey: string): void {
  assert.equal(reply.status, 200, reply.body);
  assert.equal(tag(reply.body, 'returncode'), 'FAILED', reply.body);
  assert.equal(tag(reply.body, 'messageKey'), messageKey, reply.body);
}

function assertSuccess(reply: Reply): void {
  assert.equal(reply.status, 200, reply.body);
  assert.equal(tag(reply.body, 'returncode'), 'SUCCESS', reply.body);
}

/** The errors a refused join redirects with (BigBlueButton's `errors=[{key,message}]`). */
function joinErrors(reply: Reply): { key: string; message: string }[] {
  assert.equal(reply.status, 302, reply.body);
  const location = new URL(String(reply.headers.location));
  return JSON.parse(location.searchParams.get('errors') ?? '[]') as { key: string; message: string }[];
}

async function createMeeting(sb: Sandbox, params: Record<string, string>): Promise<string> {
  const reply = await api(sb, 'create', params);
  assertSuccess(reply);
  return reply.body;
}

// ---- checksums --------------------------------------------------------------

describe('checksum', () => {
  let sb: Sandbox;
  let noSha384: Sandbox;
  before(async () => {
    sb = await startSandbox({ secret: fixture.secret });
    noSha384 = await startSandbox({ secret: fixture.secret, algorithms: ['sha1', 'sha256', 'sha512'] });
  });
  after(async () => {
    await sb.close();
    await noSha384.close();
  });

  test('accepts every fixture vector with its exact query', async () => {
    for (const vector of fixture.vectors) {
      for (const [algorithm, checksum] of Object.entries(vector.checksums)) {
        const query = vector.query === '' ? `checksum=${checksum}` : `${vector.query}&checksum=${checksum}`;
        const reply = await http(`${sb.apiUrl}/${vector.call}?${query}`);
        assertSuccess(reply);
        assert.notEqual(tag(reply.body, 'messageKey'), 'checksumError', `${vector.call} ${algorithm}`);
      }
    }
  });

  test('refuses the same query re-encoded with %20 instead of +', async () => {
    const vector = fixture.vectors.find((v) => v.query.includes('+'));
    assert.ok(vector?.checksums.sha1);
    const reply = await http(`${sb.apiUrl}/${vector.call}?${vector.query.replace(/\+/g, '%20')}&checksum=${vector.checksums.sha1}`);
    assertFailed(reply, 'checksumError');
  });

  test('refuses uppercase hex', async () => {
    const vector = fixture.vectors[0];
    assert.ok(vector?.checksums.sha256);
    const reply = await http(`${sb.apiUrl}/${vector.call}?${vector.query}&checksum=${vector.checksums.sha256.toUpperCase()}`);
    assertFailed(reply, 'checksumError');
  });

  test('refuses sha384 when the server does not accept it, accepts the others', async () => {
    const vector = fixture.vectors[0];
    assert.ok(vector?.checksums.sha384 && vector.checksums.sha512);
    assertFailed(await http(`${noSha384.apiUrl}/${vector.call}?${vector.query}&checksum=${vector.checksums.sha384}`), 'checksumError');
    assertSuccess(await http(`${noSha384.apiUrl}/${vector.call}?${vector.query}&checksum=${vector.checksums.sha512}`));
  });

  test('refuses a missing, empty, wrong-secret, odd-length or repeated checksum', async () => {
    const query = 'meetingID=abc123';
    const good = hash('sha256', `isMeetingRunning${query}${fixture.secret}`);
    for (const bad of [
      query,
      `${query}&checksum=`,
      `${query}&checksum=${hash('sha256', `isMeetingRunning${query}wrong-secret`)}`,
      `${query}&checksum=${good.slice(0, 50)}`,
      `${query}&checksum=${good}&checksum=${good}`,
    ]) {
      assertFailed(await http(`${sb.apiUrl}/isMeetingRunning?${bad}`), 'checksumError');
    }
  });

  test('accepts the checksum as first, middle or last parameter', async () => {
    const query = 'meetingID=abc123&foo=bar';
    const checksum = hash('sha1', `isMeetingRunning${query}${fixture.secret}`);
    for (const q of [`checksum=${checksum}&${query}`, `meetingID=abc123&checksum=${checksum}&foo=bar`, `${query}&checksum=${checksum}`]) {
      assertSuccess(await http(`${sb.apiUrl}/isMeetingRunning?${q}`));
    }
  });

  test('does not let the checksum cover another call', async () => {
    const query = 'meetingID=abc123';
    const checksum = hash('sha256', `getMeetingInfo${query}${fixture.secret}`);
    assertFailed(await http(`${sb.apiUrl}/end?${query}&checksum=${checksum}`), 'checksumError');
  });
});

// ---- API --------------------------------------------------------------------

describe('API', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ secret: SECRET });
  });
  after(() => sb.close());

  test('answers the version without a call, as XML', async () => {
    const reply = await http(sb.apiUrl);
    assertSuccess(reply);
    assert.equal(tag(reply.body, 'version'), '2.0');
    assert.equal(reply.headers['content-type'], 'text/xml;charset=utf-8');
  });

  test('getMeetings on an empty server: SUCCESS, <meetings/>, noMeetings', async () => {
    const reply = await api(sb, 'getMeetings');
    assertSuccess(reply);
    assert.match(reply.body, /<meetings\/>/);
    assert.equal(tag(reply.body, 'messageKey'), 'noMeetings');
  });

  test('unknown call is unsupportedRequest', async () => {
    assertFailed(await api(sb, 'fooBar'), 'unsupportedRequest');
    assertFailed(await api(sb, '__proto__'), 'unsupportedRequest');
  });

  test('create: missing meetingID, bad meetingID, missing name', async () => {
    assertFailed(await api(sb, 'create', { name: 'Test' }), 'missingParamMeetingID');
    assertFailed(await api(sb, 'create', { meetingID: 'a,b', name: 'Test' }), 'validationError');
    assertFailed(await api(sb, 'create', { meetingID: 'x' }), 'validationError');
  });

  test('create keeps parameters and is idempotent with duplicateWarning', async () => {
    const params = {
      meetingID: 'idem-1',
      name: 'Verein & Co <b>',
      attendeePW: 'ap',
      moderatorPW: 'mp',
      welcome: 'Hallo Welt',
      logo: 'https://example.org/logo.png',
      meta_Club: 'Schachfreunde',
    };
    const first = await createMeeting(sb, params);
    assert.equal(tag(first, 'meetingID'), 'idem-1');
    assert.equal(tag(first, 'attendeePW'), 'ap');
    assert.equal(tag(first, 'moderatorPW'), 'mp');
    assert.equal(tag(first, 'parentMeetingID'), 'bbb-none');
    assert.equal(tag(first, 'messageKey'), '');
    assert.match(tag(first, 'createTime') ?? '', /^\d{13}$/);

    const again = await createMeeting(sb, params);
    assert.equal(tag(again, 'messageKey'), 'duplicateWarning');
    assert.equal(tag(again, 'createTime'), tag(first, 'createTime'));
    assert.equal(tag(again, 'internalMeetingID'), tag(first, 'internalMeetingID'));

    const withoutPasswords = await createMeeting(sb, { meetingID: 'idem-1', name: 'Other name' });
    assert.equal(tag(withoutPasswords, 'messageKey'), 'duplicateWarning');
    assertFailed(await api(sb, 'create', { ...params, moderatorPW: 'other' }), 'idNotUnique');

    const info = await api(sb, 'getMeetingInfo', { meetingID: 'idem-1' });
    assertSuccess(info);
    assert.equal(tag(info.body, 'meetingName'), 'Verein & Co <b>');
    assert.equal(tag(info.body, 'club'), 'Schachfreunde');
  });

  test('create generates passwords when none are given', async () => {
    const xml = await createMeeting(sb, { meetingID: 'gen-pw', name: 'Generated' });
    assert.ok((tag(xml, 'attendeePW') ?? '').length > 0);
    assert.ok((tag(xml, 'moderatorPW') ?? '').length > 0);
    assert.notEqual(tag(xml, 'attendeePW'), tag(xml, 'moderatorPW'));
  });

  test('create accepts POST', async () => {
    const reply = await api(sb, 'create', { meetingID: 'post-create', name: 'Posted' }, { method: 'POST' });
    assertSuccess(reply);
  });

  test('join is GET only: POST is refused with 405', async () => {
    await createMeeting(sb, { meetingID: 'post-join', name: 'Post join' });
    const reply = await api(sb, 'join', { meetingID: 'post-join', fullName: 'Eve', role: 'VIEWER' }, { method: 'POST' });
    assert.equal(reply.status, 405);
    assert.equal(reply.headers.allow, 'GET');
    assert.equal(tag(reply.body, 'returncode'), 'FAILED');
  });

  test('join redirects to the meeting page, which shows names and roles exactly and escaped', async () => {
    const meetingName = 'Selbsthilfe Köln – Treffen & Austausch';
    const created = await createMeeting(sb, { meetingID: 'names', name: meetingName });
    const createTime = tag(created, 'createTime') ?? '';
    const people: [string, string, 'moderator' | 'attendee'][] = [
      ['Jürgen Müßig-Ölßner', 'MODERATOR', 'moderator'],
      ['Tom & Jerry + Co', 'viewer', 'attendee'],
      ['Emoji 🎉👩‍👩‍👧 Gruppe', 'Viewer', 'attendee'],
      [`<script>alert("x")</script> O'Brien`, 'moderator', 'moderator'],
    ];
    for (const [fullName, role, shown] of people) {
      const reply = await api(sb, 'join', { meetingID: 'names', fullName, role, createTime });
      assert.equal(reply.status, 302, reply.body);
      const location = String(reply.headers.location);
      assert.match(location, new RegExp(`^${sb.url}/sandbox/meetings/[a-z0-9]+$`));
      const page = await http(location);
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      assert.doesNotMatch(String(page.headers['content-security-policy']), /unsafe-inline/);
      assert.equal(testId(page.body, 'meeting-name'), meetingName);
      assert.equal(testId(page.body, 'user-name'), fullName);
      assert.equal(testId(page.body, 'user-role'), shown);
      assert.match(page.body, /Sandbox – kein echter Konferenzserver/);
      assert.match(page.body, /<html lang="en">/);
      assert.doesNotMatch(page.body, /<script>alert/);
    }
    // Everyone is listed inside, escaped.
    const last = await api(sb, 'join', { meetingID: 'names', fullName: 'Late', role: 'VIEWER', redirect: 'false' });
    const page = await http(tag(last.body, 'url') ?? '');
    const list = /data-testid="participants"[^>]*>(.*?)<\/ul>/s.exec(page.body)?.[1] ?? '';
    const items = [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => decode(m[1] ?? ''));
    assert.deepEqual(items, [...people.map(([n, , r]) => `${n} (${r})`), 'Late (attendee)']);
    assert.doesNotMatch(list, /<script/);
  });

  test('join with redirect=false answers XML with tokens and url', async () => {
    await createMeeting(sb, { meetingID: 'xml-join', name: 'XML join' });
    const reply = await api(sb, 'join', { meetingID: 'xml-join', fullName: 'Ada', role: 'MODERATOR', userID: 'ext-42', redirect: 'false' });
    assertSuccess(reply);
    assert.equal(tag(reply.body, 'messageKey'), 'successfullyJoined');
    const token = tag(reply.body, 'session_token') ?? '';
    assert.match(token, /^[a-z0-9]{16}$/);
    assert.ok(tag(reply.body, 'auth_token'));
    assert.match(tag(reply.body, 'user_id') ?? '', /^w_/);
    assert.match(tag(reply.body, 'meeting_id') ?? '', /^[0-9a-f]{40}-\d+$/);
    assert.equal(tag(reply.body, 'url'), `${sb.url}/sandbox/meetings/${token}`);
    const state = JSON.parse((await http(`${sb.url}/sandbox/meetings/${token}/state`)).body) as Record<string, unknown>;
    assert.deepEqual(state['you'], { fullName: 'Ada', role: 'MODERATOR' });
    assert.equal(state['meetingName'], 'XML join');
    await http(`${sb.url}/sandbox/meetings/${token}`);
    const info = await api(sb, 'getMeetingInfo', { meetingID: 'xml-join' });
    assert.equal(tag(info.body, 'userID'), 'ext-42');
  });

  test('join builds the redirect from the Host header', async () => {
    await createMeeting(sb, { meetingID: 'host-join', name: 'Host join' });
    const query = signed('join', { meetingID: 'host-join', fullName: 'Bo', role: 'VIEWER' });
    const reply = await http(`${sb.apiUrl}/join?${query}`, { headers: { Host: 'localhost:1234' } });
    assert.match(String(reply.headers.location), /^http:\/\/localhost:1234\/sandbox\/meetings\/[a-z0-9]+$/);
  });

  test('join refusals redirect with BigBlueButton errors', async () => {
    const created = await createMeeting(sb, { meetingID: 'refusals', name: 'Refusals' });
    const createTime = Number(tag(created, 'createTime'));
    const key = async (params: Record<string, string>): Promise<string | undefined> => joinErrors(await api(sb, 'join', params))[0]?.key;

    assert.equal(
      await key({ meetingID: 'refusals', fullName: 'A', role: 'VIEWER', createTime: String(createTime + 1) }),
      'mismatchCreateTimeParam',
    );
    assert.equal(
      await key({ meetingID: 'refusals', fullName: 'A', role: 'VIEWER', createTime: String(createTime + 1), redirect: 'false' }),
      'mismatchCreateTimeParam',
    );
    assert.equal(await key({ meetingID: 'no-such-meeting', fullName: 'A', role: 'VIEWER' }), 'invalidMeetingIdentifier');
    assert.equal(await key({ meetingID: 'refusals', role: 'VIEWER' }), 'missingParamFullName');
    assert.equal(await key({ meetingID: 'refusals', fullName: '   ', role: 'VIEWER' }), 'missingParamFullName');
    assert.equal(await key({ fullName: 'A', role: 'VIEWER' }), 'missingParamMeetingID');

    // A wrong checksum on join is also sent back by redirect, to logoutURL when given.
    const bad = await http(
      `${sb.apiUrl}/join?meetingID=refusals&fullName=A&role=VIEWER&logoutURL=${encodeURIComponent('https://verein.example/bye?x=1')}&checksum=${'0'.repeat(64)}`,
    );
    assert.equal(joinErrors(bad)[0]?.key, 'checksumError');
    assert.match(String(bad.headers.location), /^https:\/\/verein\.example\/bye\?x=1&errors=/);

    // The default target is the sandbox home page, which shows the error escaped.
    const home = await http(
      String((await api(sb, 'join', { meetingID: 'no-such-meeting', fullName: 'A', role: 'VIEWER' })).headers.location),
    );
    assert.equal(home.status, 200);
    assert.match(home.body, /invalidMeetingIdentifier/);
  });

  test('join role: role param, legacy password, or neither', async () => {
    await createMeeting(sb, { meetingID: 'roles', name: 'Roles', attendeePW: 'ap', moderatorPW: 'mp' });
    const roleOf = async (params: Record<string, string>): Promise<string | undefined> => {
      const reply = await api(sb, 'join', { meetingID: 'roles', fullName: 'R', redirect: 'false', ...params });
      assertSuccess(reply);
      const state = JSON.parse((await http(`${tag(reply.body, 'url') ?? ''}/state`)).body) as { you: { role: string } };
      return state.you.role;
    };
    assert.equal(await roleOf({ password: 'mp' }), 'MODERATOR');
    assert.equal(await roleOf({ password: 'ap' }), 'VIEWER');
    assert.equal(await roleOf({ role: 'moderator', password: 'ap' }), 'MODERATOR');
    assertFailed(await api(sb, 'join', { meetingID: 'roles', fullName: 'R', password: 'nope' }), 'Params required');
    assertFailed(await api(sb, 'join', { meetingID: 'roles', fullName: 'R' }), 'Params required');
    assertFailed(await api(sb, 'join', { meetingID: 'roles', fullName: 'R', role: 'admin' }), 'Params required');
  });

  test('running is false until a participant loads the page, true while inside', async () => {
    await createMeeting(sb, { meetingID: 'running', name: 'Running' });
    const running = async (): Promise<string | undefined> =>
      tag((await api(sb, 'isMeetingRunning', { meetingID: 'running' })).body, 'running');
    assert.equal(await running(), 'false');
    assert.equal(tag((await api(sb, 'isMeetingRunning', { meetingID: 'never-created' })).body, 'running'), 'false');

    const mod = await api(sb, 'join', { meetingID: 'running', fullName: 'Mo', role: 'MODERATOR' });
    const view = await api(sb, 'join', { meetingID: 'running', fullName: 'Vi', role: 'VIEWER' });
    assert.equal(await running(), 'false', 'join alone does not enter');
    let info = (await api(sb, 'getMeetingInfo', { meetingID: 'running' })).body;
    assert.equal(tag(info, 'participantCount'), '0');
    assert.equal(tag(info, 'hasUserJoined'), 'false');

    const modPage = String(mod.headers.location);
    await http(modPage);
    await http(modPage); // a reload does not count twice
    assert.equal(await running(), 'true');
    await http(String(view.headers.location));
    info = (await api(sb, 'getMeetingInfo', { meetingID: 'running' })).body;
    assert.equal(tag(info, 'running'), 'true');
    assert.equal(tag(info, 'participantCount'), '2');
    assert.equal(tag(info, 'moderatorCount'), '1');
    assert.equal(tag(info, 'hasUserJoined'), 'true');
    assert.notEqual(tag(info, 'startTime'), '0');
    assert.deepEqual(
      [...info.matchAll(/<fullName>(.*?)<\/fullName><role>(.*?)<\/role>/g)].map((m) => `${m[1]}:${m[2]}`),
      ['Mo:MODERATOR', 'Vi:VIEWER'],
    );

    const meetings = (await api(sb, 'getMeetings')).body;
    assert.match(meetings, /<meeting><meetingName>Running<\/meetingName>/);

    // Leave: a form POST from the page.
    const leave = await http(`${modPage}/leave`, { method: 'POST' });
    assert.equal(leave.status, 303);
    assert.equal(tag((await api(sb, 'getMeetingInfo', { meetingID: 'running' })).body, 'participantCount'), '1');
    await http(`${String(view.headers.location)}/leave`, { method: 'POST' });
    assert.equal(await running(), 'false');
    assert.match((await http(modPage)).body, /You have left/);
    assert.equal(await running(), 'false', 'reloading after leaving does not re-enter');
  });

  test('end: notFound, sentEndMeetingRequest, then refused joins and a new instance on create', async () => {
    assertFailed(await api(sb, 'end', { meetingID: 'nothing-here' }), 'notFound');
    assertFailed(await api(sb, 'end'), 'missingParamMeetingID');
    assertFailed(await api(sb, 'getMeetingInfo', { meetingID: 'nothing-here' }), 'notFound');

    const created = await createMeeting(sb, { meetingID: 'to-end', name: 'To end' });
    const join = await api(sb, 'join', { meetingID: 'to-end', fullName: 'In', role: 'VIEWER' });
    await http(String(join.headers.location));
    assert.equal(tag((await api(sb, 'isMeetingRunning', { meetingID: 'to-end' })).body, 'running'), 'true');

    const end = await api(sb, 'end', { meetingID: 'to-end' });
    assertSuccess(end);
    assert.equal(tag(end.body, 'messageKey'), 'sentEndMeetingRequest');
    assert.equal(tag((await api(sb, 'isMeetingRunning', { meetingID: 'to-end' })).body, 'running'), 'false');
    const state = JSON.parse((await http(`${String(join.headers.location)}/state`)).body) as { participants: unknown[]; running: boolean };
    assert.deepEqual(state.participants, []);
    assert.equal(state.running, false);
    assert.equal(
      joinErrors(await api(sb, 'join', { meetingID: 'to-end', fullName: 'Late', role: 'VIEWER' }))[0]?.key,
      'meetingForciblyEnded',
    );

    const recreated = await createMeeting(sb, { meetingID: 'to-end', name: 'To end' });
    assert.equal(tag(recreated, 'messageKey'), '');
    assert.notEqual(tag(recreated, 'createTime'), tag(created, 'createTime'));
    assert.equal(
      joinErrors(
        await api(sb, 'join', { meetingID: 'to-end', fullName: 'A', role: 'VIEWER', createTime: tag(created, 'createTime') ?? '' }),
      )[0]?.key,
      'mismatchCreateTimeParam',
    );
    assert.equal(
      (await api(sb, 'join', { meetingID: 'to-end', fullName: 'A', role: 'VIEWER', createTime: tag(recreated, 'createTime') ?? '' }))
        .status,
      302,
    );
  });

  test('moderators can end from the page, attendees cannot', async () => {
    await createMeeting(sb, { meetingID: 'page-end', name: 'Page end' });
    const mod = String((await api(sb, 'join', { meetingID: 'page-end', fullName: 'M', role: 'MODERATOR' })).headers.location);
    const att = String((await api(sb, 'join', { meetingID: 'page-end', fullName: 'A', role: 'VIEWER' })).headers.location);
    assert.match((await http(mod)).body, /End meeting/);
    assert.doesNotMatch((await http(att)).body, /End meeting/);
    assert.equal((await http(`${att}/end`, { method: 'POST' })).status, 403);
    assert.equal((await http(`${mod}/end`, { method: 'POST', headers: { Origin: 'https://evil.example' } })).status, 403);
    assert.equal((await http(`${mod}/end`, { method: 'POST' })).status, 303);
    assertFailed(await api(sb, 'getMeetingInfo', { meetingID: 'page-end' }), 'notFound');
    assert.match((await http(mod)).body, /This meeting has ended/);
  });

  test("leaving goes to the join's logoutURL, else the create's, else stays; only http(s) URLs count; the page's CSP allows that form target", async () => {
    await createMeeting(sb, { meetingID: 'logout', name: 'Logout', logoutURL: 'https://verein.example/meeting-wide' });
    const page = async (params: Record<string, string>) =>
      String((await api(sb, 'join', { meetingID: 'logout', fullName: 'L', role: 'VIEWER', ...params })).headers.location);
    const own = await page({ logoutURL: 'https://www.tsv.example/treffpunkt?x=1' });
    const shown = await http(own);
    assert.equal(testId(shown.body, 'logout-url'), 'https://www.tsv.example/treffpunkt?x=1');
    assert.match(String(shown.headers['content-security-policy']), /form-action 'self' https:\/\/www\.tsv\.example;/);
    const left = await http(`${own}/leave`, { method: 'POST' });
    assert.equal(left.status, 303);
    assert.equal(left.headers.location, 'https://www.tsv.example/treffpunkt?x=1');

    const wide = await page({});
    await http(wide);
    assert.equal((await http(`${wide}/leave`, { method: 'POST' })).headers.location, 'https://verein.example/meeting-wide');
    const script = await page({ logoutURL: 'javascript:alert(1)' });
    await http(script);
    assert.equal(
      (await http(`${script}/leave`, { method: 'POST' })).headers.location,
      'https://verein.example/meeting-wide',
      'not a web URL: ignored',
    );

    await createMeeting(sb, { meetingID: 'no-logout', name: 'No logout' });
    const stays = String((await api(sb, 'join', { meetingID: 'no-logout', fullName: 'S', role: 'MODERATOR' })).headers.location);
    const none = await http(stays);
    assert.match(String(none.headers['content-security-policy']), /form-action 'self';/);
    assert.equal((await http(`${stays}/leave`, { method: 'POST' })).headers.location, new URL(stays).pathname);
    // An ended meeting's page links to the logoutURL (BigBlueButton's "OK" after the meeting ended).
    const ended = await page({ logoutURL: 'https://www.tsv.example/raum' });
    await http(ended);
    await api(sb, 'end', { meetingID: 'logout' });
    assert.match((await http(ended)).body, /<a data-testid="logout" href="https:\/\/www\.tsv\.example\/raum">OK<\/a>/);
  });

  test('pages: unknown token 404, home lists meetings, stats', async () => {
    const missing = await http(`${sb.url}/sandbox/meetings/doesnotexist`);
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<h1>Not found<\/h1>/);
    const home = await http(`${sb.url}/`);
    assert.equal(home.status, 200);
    assert.match(home.body, /Verein &#38; Co &#60;b&#62;/);
    const stats = JSON.parse((await http(`${sb.url}/sandbox/stats`)).body) as { calls: Record<string, number> };
    assert.ok((stats.calls['create'] ?? 0) > 0);
  });
});

describe('calls counter', () => {
  test('counts every API call by name, refused ones included', async () => {
    const sb = await startSandbox({ secret: SECRET });
    try {
      assert.deepEqual(sb.calls, {});
      await api(sb, 'create', { meetingID: 'count', name: 'Count' });
      await api(sb, 'create', { meetingID: 'count', name: 'Count' });
      await http(`${sb.apiUrl}/create?meetingID=count&checksum=bad`);
      await api(sb, 'join', { meetingID: 'count', fullName: 'X', role: 'VIEWER' }, { method: 'POST' });
      await api(sb, 'getMeetingInfo', { meetingID: 'count' });
      await api(sb, 'nope');
      assert.deepEqual(sb.calls, { create: 3, join: 1, getMeetingInfo: 1, nope: 1 });
      const stats = JSON.parse((await http(`${sb.url}/sandbox/stats`)).body) as unknown;
      assert.deepEqual(stats, { calls: { create: 3, join: 1, getMeetingInfo: 1, nope: 1 } });
    } finally {
      await sb.close();
    }
  });

  test('close() ends open connections and startSandbox checks its options', async () => {
    const sb = await startSandbox({ secret: SECRET });
    await http(`${sb.url}/`, { headers: { Connection: 'keep-alive' } });
    await sb.close();
    await assert.rejects(http(`${sb.url}/`));
    await assert.rejects(startSandbox({ secret: '' }), TypeError);
    await assert.rejects(startSandbox({ secret: 'x', algorithms: ['md5' as ChecksumAlgorithm] }), TypeError);
  });
});

describe('end callback and clock', () => {
  let sb: Sandbox;
  let clock = Date.parse('2026-01-05T08:00:00Z');
  const received: string[] = [];
  let receiver: Server;
  let receiverUrl = '';
  before(async () => {
    receiver = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    sb = await startSandbox({ secret: SECRET, now: () => clock });
  });
  after(async () => {
    await sb.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('createTime, startTime and endTime come from the given clock; ending calls meta_endCallbackUrl with meetingID added', async () => {
    const callback = `${receiverUrl}/ended?mac=abc&meeting=tsv%2Ftraining`;
    const created = await api(sb, 'create', { meetingID: 'tsv/training', name: 'Training', meta_endCallbackUrl: callback });
    assert.equal(tag(created.body, 'createTime'), String(clock));
    clock += 60_000;
    const ended = await api(sb, 'end', { meetingID: 'tsv/training' });
    assert.equal(tag(ended.body, 'messageKey'), 'sentEndMeetingRequest');
    for (let i = 0; i < 100 && sb.endCallbacks[0]?.status == null; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(received, ['/ended?mac=abc&meeting=tsv%2Ftraining&recordingmarks=false&meetingID=tsv%2Ftraining']);
    assert.deepEqual(sb.endCallbacks, [{ url: `${receiverUrl}${received[0]}`, status: 204 }]);
    // A meeting without the callback ends without a call.
    await api(sb, 'create', { meetingID: 'tsv/vorstand', name: 'Vorstand' });
    await api(sb, 'end', { meetingID: 'tsv/vorstand' });
    assert.equal(sb.endCallbacks.length, 1);
  });
});
