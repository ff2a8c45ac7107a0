// Clubs that register themselves, over real HTTP on 127.0.0.1 with a SQLite
// file and the BigBlueButton sandbox: registration with double opt-in, the
// operator's decisions (scoped by region), the contact person's sign-in and
// session, the club's rooms, and that no club reaches another's data.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { AdminClub, ClubView, JoinResponse } from '@vereinsraum/protocol';
import type { BookingStack } from './booking-stack.ts';
import { enterMeeting } from './stack.ts';
import { CITY_ORIGIN, clubFlow, NORTH_ADMIN, SOUTH_ADMIN, startClubStack, problem } from './club-stack.ts';

const CLUB_ORIGIN = 'https://www.tsv-musterstadt.example';

describe('clubs: registration, approval, the club page', () => {
  let stack: BookingStack;
  let flow: ReturnType<typeof clubFlow>;
  before(async () => {
    stack = await startClubStack();
    flow = clubFlow(stack);
  });
  after(() => stack.close());

  const admin = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${stack.api}/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });

  test("the form lists the regions, kinds and the operator's terms, for the city's page only", async () => {
    const form = await fetch(`${stack.api}/v1/clubs/form`, { headers: { origin: CITY_ORIGIN } });
    assert.equal(form.status, 200);
    assert.deepEqual(await form.json(), {
      regions: [
        { id: 'nord', name: 'Musterstadt Nord' },
        { id: 'sued', name: 'Musterstadt Süd' },
      ],
      kinds: ['club', 'self-help', 'council', 'initiative'],
      termsUrl: 'https://www.musterstadt.example/nutzung',
      privacyUrl: 'https://www.musterstadt.example/datenschutz',
      confirmHours: 48,
    });
    const elsewhere = await fetch(`${stack.api}/v1/clubs/form`, { headers: { origin: 'https://evil.example' } });
    assert.equal(elsewhere.status, 403);
    assert.equal((await problem(elsewhere)).code, 'origin_not_allowed');
  });

  test('a registration is refused field by field, without its proof of work, with the honeypot filled, and from another site', async () => {
    for (const [overrides, field] of [
      [{ name: 'x' }, 'name'],
      [{ kind: 'company' }, 'kind'],
      [{ website: 'http://www.tsv.example' }, 'website'],
      [{ region: 'west' }, 'region'],
      [{ contactEmail: 'not-an-address' }, 'contactEmail'],
      [{ deputyName: 'Max Stellvertreter' }, 'deputyEmail'],
      [{ consent: false }, 'consent'],
      [{ homepage: 'https://spam.example' }, 'homepage'],
      [{ name: 'Gewinne auf spam.example' }, 'name'],
    ] as const) {
      const answer = await flow.register(await flow.body(overrides));
      assert.equal(answer.status, 400, JSON.stringify(overrides));
      assert.equal((await problem(answer)).field, field);
    }
    const unsolved = await flow.register(await flow.body({ altcha: 'nonsense' }));
    assert.equal((await problem(unsolved)).code, 'challenge_failed');
    const body = await flow.body();
    assert.equal((await flow.register(body)).status, 202);
    const again = await flow.register({ ...body, name: 'Anderer Verein' });
    assert.equal((await problem(again)).code, 'challenge_failed', 'a solved challenge works once');
    const foreign = await flow.register(await flow.body(), 'https://evil.example');
    assert.equal((await problem(foreign)).code, 'origin_not_allowed');
  });

  test('double opt-in: only a confirmed registration reaches the operator; the link works once and not after its time', async () => {
    const body = await flow.body({ name: 'Chor Harmonie Musterstadt' });
    const email = body.contactEmail as string;
    const answer = await flow.register(body);
    assert.equal(answer.status, 202);
    assert.equal(((await answer.json()) as { status: string }).status, 'unconfirmed');
    const listed = async () => ((await (await stack.admin('/clubs')).json()) as { clubs: AdminClub[] }).clubs.map((c) => c.name);
    assert.equal((await listed()).includes('Chor Harmonie Musterstadt'), false, 'unconfirmed: not shown');

    const mail = await flow.mail('club-confirm', email);
    assert.match(mail.subject, /^Bitte bestätigen: Anmeldung von Chor Harmonie Musterstadt$/);
    assert.equal(
      (await stack.store.listMails(200))
        .find((m) => m.kind === 'club-confirm' && m.to === email)!
        .text.includes('{{vereinsraum-link:club-confirm:'),
      true,
      'the outbox holds no secret',
    );
    const token = await flow.confirmToken(email);
    assert.equal((await problem(await flow.confirm(`${token.slice(0, -2)}xx`))).code, 'link_invalid');
    assert.equal((await flow.confirm(token)).status, 200);
    assert.equal((await problem(await flow.confirm(token))).code, 'link_invalid', 'used');
    assert.equal((await listed()).includes('Chor Harmonie Musterstadt'), true);

    const late = await flow.body({ name: 'Zu spät e. V.' });
    await flow.register(late);
    const lateToken = await flow.confirmToken(late.contactEmail as string);
    stack.shift(48 * 3_600_000 + 1000);
    try {
      assert.equal((await problem(await flow.confirm(lateToken))).code, 'link_invalid', 'expired');
      assert.equal((await stack.store.purgeClubs(Date.now() + 48 * 3_600_000 + 2000)) >= 1, true);
      assert.equal(
        (await stack.store.listClubs({ status: 'unconfirmed' })).some((c) => c.name === 'Zu spät e. V.'),
        false,
      );
    } finally {
      stack.shift(-(48 * 3_600_000 + 1000));
    }
  });

  test('approval: the club is a tenant at once, its website may embed it, and the mail has the links and the two lines', async () => {
    const body = await flow.body({ name: 'Sportfreunde Süd', region: 'sued', website: `${CLUB_ORIGIN}/` });
    const email = body.contactEmail as string;
    await flow.register(body);
    await flow.confirm(await flow.confirmToken(email));
    const club = ((await (await stack.admin('/clubs?status=pending')).json()) as { clubs: AdminClub[] }).clubs.find(
      (c) => c.contactEmail === email,
    )!;
    assert.equal(club.id, 'sportfreunde-sued');
    assert.deepEqual(club.origins, [CLUB_ORIGIN]);
    const tenant = () => fetch(`${stack.api}/v1/tenants/${club.id}`, { headers: { origin: CLUB_ORIGIN } });
    assert.equal((await tenant()).status, 404, 'not a tenant before the approval');

    const approved = await stack.admin(`/clubs/${club.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    assert.equal(((await approved.json()) as AdminClub).status, 'active');
    assert.equal((await problem(await stack.admin(`/clubs/${club.id}/approve`, { method: 'POST' }))).code, 'club_conflict');
    const info = await tenant();
    assert.equal(info.status, 200);
    assert.equal(((await info.json()) as { name: string }).name, 'Sportfreunde Süd');
    const other = await fetch(`${stack.api}/v1/tenants/${club.id}`, { headers: { origin: 'https://evil.example' } });
    assert.equal((await problem(other)).code, 'origin_not_allowed');

    const mail = await flow.mail('club-approved', email);
    assert.match(mail.text, new RegExp(`<script type="module" src="${stack.api}/cdn/vereinsraum.js"></script>`));
    assert.match(
      mail.text,
      new RegExp(`<verein-join-room endpoint="${stack.api}" tenant="sportfreunde-sued" room="treffpunkt"></verein-join-room>`),
    );
    assert.match(mail.text, new RegExp(`${stack.api}/club\\n`));
    const [moderator, attendee] = [...mail.text.matchAll(/\/join\/sportfreunde-sued\/treffpunkt#invite=(\S+)/g)].map((m) => m[1]!);
    const join = (extra: Record<string, unknown>) =>
      fetch(`${stack.api}/v1/rooms/sportfreunde-sued/treffpunkt/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: CLUB_ORIGIN },
        body: JSON.stringify({ displayName: 'Gast', ...extra }),
      });
    assert.deepEqual(await (await join({ invite: attendee })).json(), { waiting: true }, 'attendees wait for the host');
    const host = (await (await join({ invite: moderator })).json()) as JoinResponse & { role: string; url: string };
    assert.equal(host.role, 'moderator');
    await enterMeeting(host.url);
    const guest = (await (await join({ invite: attendee })).json()) as { role: string };
    assert.equal(guest.role, 'attendee');
  });

  test('reject with a reason, suspend (the tenant is gone at once) and let in again', async () => {
    const rejected = await flow.body({ name: 'Abgelehnt e. V.' });
    await flow.register(rejected);
    await flow.confirm(await flow.confirmToken(rejected.contactEmail as string));
    const id = 'abgelehnt-e-v';
    const answer = await stack.admin(`/clubs/${id}/reject`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Kein Verein aus Musterstadt' }),
    });
    assert.equal(((await answer.json()) as AdminClub).status, 'rejected');
    assert.match((await flow.mail('club-rejected', rejected.contactEmail as string)).text, /Grund: Kein Verein aus Musterstadt/);

    const { id: active } = await flow.activeClub({ name: 'Gesperrt e. V.' });
    const noReason = await stack.admin(`/clubs/${active}/suspend`, { method: 'POST', body: '{}' });
    assert.equal((await problem(noReason)).field, 'reason');
    await stack.admin(`/clubs/${active}/suspend`, { method: 'POST', body: JSON.stringify({ reason: 'Beschwerden' }) });
    assert.equal((await fetch(`${stack.api}/v1/tenants/${active}`)).status, 404);
    assert.equal((await stack.admin(`/clubs/${active}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await fetch(`${stack.api}/v1/tenants/${active}`)).status, 200);
  });

  test('an operator scoped to a region sees and decides only its region, and nothing else of the admin API', async () => {
    const north = await flow.body({ name: 'Nordverein' });
    const south = await flow.body({ name: 'Südverein', region: 'sued' });
    for (const body of [north, south]) {
      await flow.register(body);
      await flow.confirm(await flow.confirmToken(body.contactEmail as string));
    }
    const list = async (token: string) =>
      ((await (await admin('/clubs?status=pending', token)).json()) as { clubs: AdminClub[] }).clubs.map((c) => c.id);
    assert.equal((await list(NORTH_ADMIN)).includes('nordverein'), true);
    assert.equal((await list(NORTH_ADMIN)).includes('suedverein'), false);
    assert.equal((await list(SOUTH_ADMIN)).includes('nordverein'), false);
    assert.deepEqual(await list(NORTH_ADMIN).then(async (ids) => (await list(SOUTH_ADMIN)).filter((id) => ids.includes(id))), []);
    const filtered = await admin('/clubs?region=sued', NORTH_ADMIN);
    assert.deepEqual(((await filtered.json()) as { clubs: AdminClub[] }).clubs, []);
    for (const [method, path] of [
      ['GET', '/clubs/suedverein'],
      ['POST', '/clubs/suedverein/approve'],
      ['POST', '/clubs/suedverein/reject'],
      ['DELETE', '/clubs/suedverein'],
    ] as const) {
      const refused = await admin(path, NORTH_ADMIN, { method });
      assert.equal((await problem(refused)).code, 'club_not_found', `${method} ${path}`);
    }
    assert.equal((await admin('/clubs/suedverein/approve', SOUTH_ADMIN, { method: 'POST' })).status, 200);
    for (const path of ['/bookings', '/tenants'])
      assert.equal((await admin(path, NORTH_ADMIN)).status, 401, `${path} is the full operator's`);
    assert.equal((await admin('/clubs', 'wrong-token-0123456789abcdef0123456789')).status, 401);
  });

  test('sign-in by e-mail link: single use, 15 minutes; the session cookie is HttpOnly, SameSite=Lax and path-scoped', async () => {
    const { id, email } = await flow.activeClub({ name: 'Anmeldeverein' });
    assert.equal((await flow.requestSignin('unknown@example.org')).status, 202, 'the same answer for an unknown address');
    assert.equal((await flow.requestSignin(email)).status, 202);
    const mail = await flow.mail('club-signin', email);
    assert.match(mail.text, /gilt 15 Minuten und nur einmal/);
    const token = await flow.signinToken(email);
    const answer = await flow.useSignin(token);
    assert.equal(answer.status, 200);
    const cookie = answer.headers.get('set-cookie')!;
    assert.match(cookie, /^vereinsraum_club=[A-Za-z0-9_-]{43}; Path=\/v1\/club\/; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    assert.equal(((await answer.json()) as { club: string }).club, id);
    assert.equal((await problem(await flow.useSignin(token))).code, 'link_invalid', 'used');

    await flow.requestSignin(email);
    const late = await flow.signinToken(email);
    stack.shift(15 * 60_000 + 1000);
    try {
      assert.equal((await problem(await flow.useSignin(late))).code, 'link_invalid', 'expired');
    } finally {
      stack.shift(-(15 * 60_000 + 1000));
    }
    const value = cookie.split(';')[0]!;
    const view = await fetch(`${stack.api}/v1/club/me`, { headers: { cookie: value } });
    assert.equal(view.status, 200);
    assert.equal(((await view.json()) as ClubView).id, id);
    assert.equal((await problem(await fetch(`${stack.api}/v1/club/me`))).code, 'session_required');
    stack.shift(8 * 3_600_000 + 1000);
    try {
      assert.equal(
        (await problem(await fetch(`${stack.api}/v1/club/me`, { headers: { cookie: value } }))).code,
        'session_required',
        'expired',
      );
    } finally {
      stack.shift(-(8 * 3_600_000 + 1000));
    }
  });

  test('every change needs the CSRF token and the own origin; a cross-site request is refused', async () => {
    const { email } = await flow.activeClub({ name: 'Csrf-Verein' });
    const session = await flow.signIn(email);
    const body = JSON.stringify({ id: 'vorstand', name: 'Vorstand' });
    const noToken = await session.call('/rooms', { method: 'POST', body, headers: { 'x-vereinsraum-csrf': '' } });
    assert.equal((await problem(noToken)).code, 'csrf_failed');
    const wrongToken = await session.call('/rooms', { method: 'POST', body, headers: { 'x-vereinsraum-csrf': 'a'.repeat(64) } });
    assert.equal((await problem(wrongToken)).code, 'csrf_failed');
    const crossSite = await session.call('/rooms', { method: 'POST', body, headers: { origin: 'https://evil.example' } });
    assert.equal((await problem(crossSite)).code, 'origin_not_allowed');
    const fetchSite = await session.call('/rooms', { method: 'POST', body, headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal((await problem(fetchSite)).code, 'csrf_failed');
    assert.equal((await session.call('/rooms', { method: 'POST', body })).status, 201);
    const signOut = await session.call('/session/current', { method: 'DELETE' });
    assert.equal(signOut.status, 204);
    assert.equal((await problem(await session.call('/me'))).code, 'session_required');
  });

  test('the club page: rooms with an access code, the room limit, start now, invites and their revocation', async () => {
    const { id, email } = await flow.activeClub({ name: 'Raumverein', website: CLUB_ORIGIN });
    const session = await flow.signIn(email);
    const created = await session.call('/rooms', {
      method: 'POST',
      body: JSON.stringify({ id: 'vorstand', name: 'Vorstand', accessCode: 'geheim-42', waitingRoom: true }),
    });
    assert.equal(created.status, 201);
    const room = await created.json();
    assert.deepEqual(room, {
      id: 'vorstand',
      name: 'Vorstand',
      start: 'moderator-code',
      accessCode: true,
      moderatorCode: false,
      waitingRoom: true,
      muteOnEntry: false,
      allModerators: false,
      recording: false,
      embed: `<script type="module" src="${stack.api}/cdn/vereinsraum.js"></script>\n<verein-join-room endpoint="${stack.api}" tenant="${id}" room="vorstand"></verein-join-room>`,
    });
    const stored = (await stack.store.getClubRoom(id, 'vorstand'))!;
    assert.match(stored.accessCode!, /^pbkdf2-sha256\$100000\$/);
    assert.equal(JSON.stringify(stored).includes('geheim-42'), false, 'the code is kept hashed');
    assert.equal(
      (await problem(await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: 'vorstand', name: 'Noch einer' }) }))).code,
      'club_conflict',
    );

    const join = (extra: Record<string, unknown>) =>
      fetch(`${stack.api}/v1/rooms/${id}/vorstand/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: CLUB_ORIGIN },
        body: JSON.stringify({ displayName: 'Mitglied', ...extra }),
      });
    assert.equal((await problem(await join({}))).code, 'access_code_required');
    assert.equal((await problem(await join({ accessCode: 'falsch-1' }))).code, 'access_code_invalid');
    assert.deepEqual(await (await join({ accessCode: 'geheim-42' })).json(), { waiting: true });

    const start = await session.call('/rooms/vorstand/start', { method: 'POST' });
    assert.equal(start.status, 201);
    const { token, link } = (await start.json()) as { token: string; link: string };
    assert.equal(link, `${stack.api}/join/${id}/vorstand#invite=${token}`);
    const host = (await (await join({ invite: token })).json()) as { role: string; url: string };
    assert.equal(host.role, 'moderator');
    await enterMeeting(host.url);
    assert.equal(((await (await join({ accessCode: 'geheim-42' })).json()) as { role: string }).role, 'attendee');
    const meeting = stack.sandbox.calls.create;
    assert.ok(meeting && meeting > 0);

    const renamed = await session.call('/rooms/vorstand', {
      method: 'POST',
      body: JSON.stringify({ name: 'Vorstandssitzung', accessCode: null, start: 'invite' }),
    });
    assert.deepEqual(
      { ...((await renamed.json()) as object), embed: undefined },
      {
        id: 'vorstand',
        name: 'Vorstandssitzung',
        start: 'invite',
        accessCode: false,
        moderatorCode: false,
        waitingRoom: true,
        muteOnEntry: false,
        allModerators: false,
        recording: false,
        embed: undefined,
      },
    );
    assert.equal((await problem(await join({}))).code, 'invite_invalid', 'invite only now');

    const invite = await session.call('/rooms/vorstand/invites', {
      method: 'POST',
      body: JSON.stringify({ role: 'attendee', expiresIn: '30d' }),
    });
    const { token: memberToken, jti } = (await invite.json()) as { token: string; jti: string };
    assert.equal(((await (await join({ invite: memberToken })).json()) as { role: string }).role, 'attendee');
    assert.equal((await session.call(`/invites/${jti}`, { method: 'DELETE' })).status, 204);
    assert.equal((await problem(await join({ invite: memberToken }))).code, 'invite_revoked');

    const view = (await (await session.call('/me')).json()) as ClubView;
    assert.deepEqual(
      view.rooms.map((r) => r.id),
      ['treffpunkt', 'vorstand'],
    );
    assert.equal(view.maxRooms, 10);
    for (let i = 0; i < 8; i++)
      await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: `raum-${i}`, name: `Raum ${i}` }) });
    const tooMany = await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: 'raum-x', name: 'Raum X' }) });
    assert.match((await problem(tooMany)).detail!, /may have 10 rooms/);
    assert.equal((await session.call('/rooms/raum-0', { method: 'DELETE' })).status, 204);
    assert.equal((await fetch(`${stack.api}/v1/rooms/${id}/raum-0/status`)).status, 404, 'a deleted room is gone at once');
  });

  test("the contact person downloads the club's data: the club, its contact and deputy, its rooms, no code or hash", async () => {
    const { id, email } = await flow.activeClub({ name: 'Datenverein', deputyName: 'Dana Daten', deputyEmail: 'dana@example.org' });
    const session = await flow.signIn(email);
    await session.call('/rooms', { method: 'POST', body: JSON.stringify({ id: 'vorstand', name: 'Vorstand', accessCode: 'geheim-42' }) });
    const answer = await session.call('/export');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-disposition'), `attachment; filename="${id}.json"`);
    const text = await answer.text();
    const data = JSON.parse(text) as { club: AdminClub; rooms: Array<{ id: string; accessCode: boolean }> };
    assert.equal(data.club.contactEmail, email);
    assert.equal(data.club.deputyName, 'Dana Daten');
    assert.deepEqual(
      data.rooms.map((room) => [room.id, room.accessCode]),
      [
        ['treffpunkt', false],
        ['vorstand', true],
      ],
    );
    assert.doesNotMatch(text, /pbkdf2|geheim-42/);
    assert.equal((await problem(await fetch(`${stack.api}/v1/club/export`))).code, 'session_required');
  });

  test("club A's contact person cannot read or change anything of club B", async () => {
    const a = await flow.activeClub({ name: 'Verein A' });
    const b = await flow.activeClub({ name: 'Verein B' });
    const sessionA = await flow.signIn(a.email);
    const sessionB = await flow.signIn(b.email);
    await sessionB.call('/rooms', { method: 'POST', body: JSON.stringify({ id: 'nur-b', name: 'Nur B' }) });
    const invite = (await (
      await sessionB.call('/rooms/nur-b/invites', { method: 'POST', body: JSON.stringify({ role: 'attendee', expiresIn: '1d' }) })
    ).json()) as {
      jti: string;
      token: string;
    };
    assert.equal(((await (await sessionA.call('/me')).json()) as ClubView).id, a.id, 'the session names the club, no path does');
    assert.equal(((await (await sessionA.call('/export')).json()) as { club: AdminClub }).club.id, a.id);
    for (const [method, path, body] of [
      ['POST', '/rooms/nur-b', { name: 'Gekapert' }],
      ['DELETE', '/rooms/nur-b', undefined],
      ['POST', '/rooms/nur-b/start', undefined],
      ['POST', '/rooms/nur-b/invites', { role: 'moderator', expiresIn: '1d' }],
      ['DELETE', `/invites/${invite.jti}`, undefined],
    ] as const) {
      const answer = await sessionA.call(path, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    assert.equal((await stack.store.getClubRoom(b.id, 'nur-b'))!.name, 'Nur B');
    assert.equal(await stack.store.isRevoked(invite.jti, Date.now()), false);
    // A's session cookie with B's CSRF token is refused as well.
    const mixed = await sessionA.call('/rooms', {
      method: 'POST',
      body: JSON.stringify({ id: 'x', name: 'X' }),
      headers: { 'x-vereinsraum-csrf': sessionB.csrf },
    });
    assert.equal((await problem(mixed)).code, 'csrf_failed');
  });

  test('a deleted club leaves no personal data in the SQLite file, byte for byte, and its links stop working', async () => {
    const { id, email } = await flow.activeClub({
      name: 'Löschverein',
      contactName: 'Lotte Löschbar',
      deputyName: 'Dora Deputy',
      deputyEmail: 'dora.deputy@example.org',
    });
    const session = await flow.signIn(email);
    assert.equal(
      (await problem(await stack.admin(`/clubs/${id}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } }))).code,
      'origin_not_allowed',
    );
    assert.equal((await stack.admin(`/clubs/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await problem(await session.call('/me'))).code, 'session_required');
    assert.equal((await fetch(`${stack.api}/v1/tenants/${id}`)).status, 404);
    const bytes = Buffer.concat(
      await Promise.all(['', '-wal'].map((suffix) => readFile(stack.dbPath + suffix).catch(() => Buffer.alloc(0)))),
    );
    for (const trace of [email, 'Lotte Löschbar', 'Dora Deputy', 'dora.deputy@example.org'])
      assert.equal(bytes.includes(Buffer.from(trace)), false, `${trace} is still in the file`);
  });
});
