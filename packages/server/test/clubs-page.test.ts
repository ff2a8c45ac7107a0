// The contact person's club page beyond its rooms, over real HTTP on 127.0.0.1
// with a SQLite file and the BigBlueButton sandbox: the club's own usage
// figures (never another club's), the links that work, deleting the club.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminClub, ClubInvite, ClubView, UsageReport } from '@vereinsraum/protocol';
import type { BookingStack } from './booking-stack.ts';
import { clubFlow, NORTH_ADMIN, SOUTH_ADMIN, startClubStack, problem } from './club-stack.ts';

const CLUB_ORIGIN = 'https://www.tsv-musterstadt.example';

describe("clubs: the club page's figures and settings", () => {
  let stack: BookingStack;
  let flow: ReturnType<typeof clubFlow>;
  before(async () => {
    stack = await startClubStack();
    flow = clubFlow(stack);
  });
  after(() => stack.close());

  /** A room anyone may start, and `n` joins into it from the club's website. */
  async function joins(session: Awaited<ReturnType<typeof flow.signIn>>, club: string, room: string, n: number): Promise<void> {
    const created = await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: room, name: 'Offen', start: 'anyone' }) });
    assert.equal(created.status, 201);
    for (let i = 0; i < n; i++) {
      const answer = await fetch(`${stack.api}/v1/rooms/${club}/${room}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: CLUB_ORIGIN },
        body: JSON.stringify({ displayName: `Mitglied ${i}` }),
      });
      assert.equal(answer.status, 200, await answer.clone().text());
    }
  }

  test("the club's own usage figures, as JSON and CSV; never another club's, whatever the query says", async () => {
    const a = await flow.activeClub({ name: 'Zahlenverein A', website: CLUB_ORIGIN });
    const b = await flow.activeClub({ name: 'Zahlenverein B', website: CLUB_ORIGIN });
    const sessionA = await flow.signIn(a.email);
    const sessionB = await flow.signIn(b.email);
    await joins(sessionA, a.id, 'halle', 2);
    await joins(sessionB, b.id, 'halle', 3);

    const report = async (session: typeof sessionA, query = ''): Promise<UsageReport> => {
      const answer = await session.call(`/usage${query}`);
      assert.equal(answer.status, 200);
      return (await answer.json()) as UsageReport;
    };
    const own = await report(sessionA);
    assert.deepEqual(own.scope, { kind: 'tenant', tenant: a.id });
    assert.equal(own.totals.joins, 2);
    assert.equal(own.days, 14);
    assert.equal((await report(sessionB)).totals.joins, 3);
    // Another tenant or a region in the query changes nothing: the session's club is the only scope.
    for (const query of [`?tenant=${b.id}`, '?region=nord', `?group=room&tenant=${b.id}`]) {
      const other = await report(sessionA, query);
      assert.deepEqual(other.scope, { kind: 'tenant', tenant: a.id }, query);
      assert.equal(other.totals.joins, 2, query);
      assert.ok(
        other.rows.every((row) => !row.key.startsWith(`${b.id}/`)),
        query,
      );
    }
    assert.deepEqual(
      (await report(sessionA, '?group=room')).rows.map((row) => [row.key, row.joins]),
      [[`${a.id}/halle`, 2]],
    );
    // The operator sees the same figures for the club.
    const operator = (await (await stack.admin(`/usage?tenant=${a.id}`)).json()) as UsageReport;
    assert.deepEqual(operator.totals, own.totals);

    const csv = await sessionA.call('/usage?group=room', { headers: { accept: 'text/csv' } });
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    const text = await csv.text();
    assert.match(text, new RegExp(`^${a.id}/halle,0,0,2,`, 'm'));
    assert.doesNotMatch(text, new RegExp(b.id));

    assert.equal((await problem(await sessionA.call('/usage?from=2026-13-01'))).code, 'invalid_input');
    assert.equal((await problem(await fetch(`${stack.api}/v1/club/usage`))).code, 'session_required');
    const foreign = await fetch(`${stack.api}/v1/club/usage`, { headers: { cookie: sessionA.cookie, origin: 'https://evil.example' } });
    assert.equal((await problem(foreign)).code, 'origin_not_allowed');
    // A suspended club's contact sees nothing any more.
    assert.equal(
      (
        await stack.admin(`/clubs/${b.id}/suspend`, {
          method: 'POST',
          body: JSON.stringify({ reason: 'Prüfung' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
      200,
    );
    assert.equal((await problem(await sessionB.call('/usage'))).code, 'session_required');
  });

  test("the links that work: the approval's two and those made since; revoked ones go; never another club's", async () => {
    const a = await flow.activeClub({ name: 'Linkverein A' });
    const b = await flow.activeClub({ name: 'Linkverein B' });
    const sessionA = await flow.signIn(a.email);
    const sessionB = await flow.signIn(b.email);
    const listed = async (session: typeof sessionA) =>
      ((await (await session.call('/invites')).json()) as { invites: ClubInvite[] }).invites;
    const approval = await listed(sessionA);
    assert.deepEqual(approval.map((i) => [i.room, i.role]).sort(), [
      ['treffpunkt', 'attendee'],
      ['treffpunkt', 'moderator'],
    ]);
    assert.ok(approval.every((i) => Date.parse(i.expiresAt) > Date.now() && /^[\w-]{11}$/.test(i.id)));
    for (const invite of approval)
      assert.deepEqual(Object.keys(invite), ['id', 'room', 'role', 'createdAt', 'expiresAt'], 'no token, no secret');
    const deputy = await sessionA.call('/rooms/treffpunkt/invites', {
      method: 'POST',
      body: JSON.stringify({ role: 'moderator', expiresIn: '30d' }),
    });
    const { jti } = (await deputy.json()) as { jti: string };
    assert.equal((await listed(sessionA))[0]!.id, jti, 'newest first');
    assert.equal((await listed(sessionA)).length, 3);
    assert.equal((await sessionA.call(`/invites/${jti}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual((await listed(sessionA)).map((i) => i.id).sort(), approval.map((i) => i.id).sort());
    const ofB = await listed(sessionB);
    assert.equal(ofB.length, 2);
    assert.ok(ofB.every((i) => !approval.some((mine) => mine.id === i.id)));
    assert.equal((await problem(await sessionA.call(`/invites/${ofB[0]!.id}`, { method: 'DELETE' }))).code, 'invite_invalid');
    assert.equal((await listed(sessionB)).length, 2);
  });

  test('the contact person deletes the club: only with the CSRF token; then the session, the tenant and the links are gone', async () => {
    const club = await flow.activeClub({ name: 'Abschiedsverein' });
    const session = await flow.signIn(club.email);
    const [link] = ((await (await session.call('/invites')).json()) as { invites: ClubInvite[] }).invites;
    const forged = await fetch(`${stack.api}/v1/club/me`, { method: 'DELETE', headers: { cookie: session.cookie, origin: stack.api } });
    assert.equal((await problem(forged)).code, 'csrf_failed');
    assert.equal((await fetch(`${stack.api}/v1/tenants/${club.id}`)).status, 200);
    const deleted = await session.call('/me', { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.match(deleted.headers.get('set-cookie')!, /Max-Age=0/);
    assert.equal((await problem(await session.call('/me'))).code, 'session_required');
    assert.equal((await fetch(`${stack.api}/v1/tenants/${club.id}`)).status, 404);
    assert.equal(await stack.store.getInvite(link!.id), undefined);
    assert.equal(await stack.store.getClub(club.id), undefined);
  });

  test('another website: the club asks on its page, the operator (or a region admin of its region) allows or refuses it', async () => {
    const club = await flow.activeClub({ name: 'Websiteverein', website: CLUB_ORIGIN });
    const session = await flow.signIn(club.email);
    const ask = (origin: unknown) => session.call('/origins', { method: 'POST', body: JSON.stringify({ origin }) });
    assert.equal((await problem(await ask('http://jugend.example'))).field, 'origin');
    assert.equal((await problem(await ask(`${CLUB_ORIGIN}/andere-seite`))).code, 'club_conflict', 'allowed already');
    const asked = await ask('https://jugend.tsv-musterstadt.example/start');
    assert.equal(asked.status, 202);
    assert.deepEqual(await asked.json(), { originRequest: 'https://jugend.tsv-musterstadt.example' });
    assert.equal(((await (await session.call('/me')).json()) as ClubView).originRequest, 'https://jugend.tsv-musterstadt.example');
    const seen = (await (await stack.admin(`/clubs/${club.id}`)).json()) as AdminClub;
    assert.equal(seen.originRequest, 'https://jugend.tsv-musterstadt.example');
    // Not allowed before the operator decides: a page there may not embed the club's rooms.
    const embedFrom = (origin: string) => fetch(`${stack.api}/v1/tenants/${club.id}`, { headers: { origin } });
    assert.equal((await embedFrom('https://jugend.tsv-musterstadt.example')).status, 403);

    const decide = (token: string, origin: string) =>
      fetch(`${stack.api}/v1/admin/clubs/${club.id}/allow-origin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ origin }),
      });
    const south = await decide(SOUTH_ADMIN, 'https://jugend.tsv-musterstadt.example');
    assert.equal((await problem(south)).code, 'club_not_found', 'a region admin of another region');
    // The decision names the website the operator saw: a request swapped meanwhile is not allowed unseen.
    const swapped = await problem(await decide(NORTH_ADMIN, 'https://gesehen.example'));
    assert.equal(swapped.code, 'club_conflict');
    assert.equal(
      ((await (await stack.admin(`/clubs/${club.id}`)).json()) as AdminClub).originRequest,
      'https://jugend.tsv-musterstadt.example',
    );
    assert.equal((await embedFrom('https://gesehen.example')).status, 403);
    const allowed = await decide(NORTH_ADMIN, 'https://jugend.tsv-musterstadt.example');
    assert.equal(allowed.status, 200);
    assert.deepEqual(((await allowed.json()) as AdminClub).origins, [CLUB_ORIGIN, 'https://jugend.tsv-musterstadt.example']);
    assert.equal((await embedFrom('https://jugend.tsv-musterstadt.example')).status, 200, 'allowed at once');
    assert.match((await flow.mail('club-origin-allowed', club.email)).text, /https:\/\/jugend\.tsv-musterstadt\.example/);
    assert.equal(
      (await problem(await decide(NORTH_ADMIN, 'https://jugend.tsv-musterstadt.example'))).code,
      'club_conflict',
      'nothing asked for',
    );

    assert.equal((await ask('https://fremd.example')).status, 202);
    const refused = await stack.admin(`/clubs/${club.id}/refuse-origin`, {
      method: 'POST',
      body: JSON.stringify({ origin: 'https://fremd.example', reason: 'Nicht die Website des Vereins' }),
    });
    assert.equal(((await refused.json()) as AdminClub).originRequest, null);
    assert.match((await flow.mail('club-origin-refused', club.email)).text, /Nicht die Website des Vereins/);
    assert.equal((await embedFrom('https://fremd.example')).status, 403);
  });

  test("the club's logo and colours: checked like the config's, the contrast too; the tenant shows them at once", async () => {
    const club = await flow.activeClub({ name: 'Farbverein' });
    const session = await flow.signIn(club.email);
    const brand = (body: unknown) => session.call('/branding', { method: 'POST', body: JSON.stringify(body) });
    assert.equal((await problem(await brand({ primary: 'red' }))).field, 'primary');
    assert.equal((await problem(await brand({ logoUrl: 'http://verein.example/logo.svg' }))).field, 'logoUrl');
    // 400 characters as typed, 2,418 once the parser has percent-encoded them: too long to store.
    assert.equal((await problem(await brand({ logoUrl: `https://verein.example/${'ä'.repeat(400)}` }))).field, 'logoUrl');
    const pale = await problem(await brand({ primary: '#ffd700' }));
    assert.deepEqual([pale.code, pale.field], ['contrast_too_low', 'onPrimary'], 'white on gold');
    const light = await problem(await brand({ primary: '#ffd700', onPrimary: '#000000' }));
    assert.deepEqual([light.code, light.field], ['contrast_too_low', 'primary'], 'gold links on white');
    const saved = await brand({ logoUrl: 'https://www.farbverein.example/logo.svg', primary: '#1B5E20' });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { logoUrl: 'https://www.farbverein.example/logo.svg', theme: { primary: '#1b5e20' } });
    const info = (await (await fetch(`${stack.api}/v1/tenants/${club.id}`)).json()) as { logoUrl?: string; theme?: Record<string, string> };
    assert.equal(info.logoUrl, 'https://www.farbverein.example/logo.svg');
    assert.equal(info.theme?.primary, '#1b5e20');
    const view = (await (await session.call('/me')).json()) as ClubView;
    assert.deepEqual([view.logoUrl, view.theme], ['https://www.farbverein.example/logo.svg', { primary: '#1b5e20' }]);
    assert.equal((await problem(await brand({ onPrimary: '#2e7d32' }))).code, 'contrast_too_low', 'a change is checked with what stays');
    assert.deepEqual(await (await brand({ logoUrl: null, primary: null })).json(), { logoUrl: null, theme: null });
  });
});
