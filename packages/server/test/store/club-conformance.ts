// The store contract for clubs (store/clubs.ts), run on both engines from
// `storeConformance`: clubs, their rooms, sign-in links and sessions, what
// holds between two connections, and that deleting a club leaves nothing of it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClubRecord, ClubRoomRecord } from '../../src/store/clubs.ts';
import type { OutboxMail, Store } from '../../src/store/types.ts';
import type { Engine, Place } from './engines.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;

export function club(id: string, overrides: Partial<ClubRecord> = {}): ClubRecord {
  return {
    id,
    status: 'unconfirmed',
    name: 'TSV Musterstadt 1890 e. V.',
    kind: 'club',
    region: 'musterstadt',
    origins: ['https://www.tsv-musterstadt.example'],
    contactName: 'Erika Musterfrau',
    contactEmail: 'Erika.Muster@example.org',
    emailKey: 'erika.muster@example.org',
    deputyName: 'Max Stellvertreter',
    deputyEmail: 'max@example.org',
    language: 'de',
    backend: 'sandbox',
    logoUrl: null,
    theme: { primary: '#0b5cad' },
    confirm: { kid: 'key-1', hash: new Uint8Array(32).fill(3) },
    confirmBy: NOW + 48 * HOUR,
    reason: null,
    createdAt: NOW,
    confirmedAt: null,
    decidedAt: null,
    updatedAt: NOW,
    reconfirmedAt: null,
    notice: null,
    originRequest: null,
    ...overrides,
  };
}

export function clubRoom(clubId: string, id: string, overrides: Partial<ClubRoomRecord> = {}): ClubRoomRecord {
  return {
    club: clubId,
    id,
    name: 'Vorstand',
    start: 'moderator-code',
    accessCode: 'pbkdf2-sha256$1000$c2FsdA$aGFzaA',
    moderatorCode: null,
    waitingRoom: true,
    muteOnEntry: false,
    allModerators: false,
    recording: true,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

const confirmMail = (to = 'Erika.Muster@example.org'): OutboxMail => ({
  kind: 'club-confirm',
  to,
  subject: 'Bitte bestätigen',
  text: 'Hallo Erika Musterfrau',
  attachments: [],
});

export function clubConformance(engine: Engine): void {
  describe(`the store contract for clubs on ${engine.name}`, () => {
    let dir: string;
    const open: Store[] = [];
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), `vereinsraum-clubs-${engine.name}-`));
    });
    after(async () => {
      await Promise.all(open.map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    });

    async function fresh(connections = 1): Promise<{ place: Place; stores: Store[] }> {
      const place = await engine.place(await mkdtemp(join(dir, 'place-')));
      const stores: Store[] = [];
      for (let i = 0; i < connections; i++) stores.push(await place.open());
      open.push(...stores);
      return { place, stores };
    }

    test('a club is stored with its confirmation mail and the used challenge at once, and every field comes back', async () => {
      const {
        stores: [store],
      } = await fresh();
      const record = club('tsv-musterstadt');
      assert.equal(await store!.createClub(record, confirmMail(), { id: 'c1', expiresAt: NOW + HOUR }), 'created');
      assert.deepEqual(await store!.getClub('tsv-musterstadt'), record);
      const [mail] = await store!.listMails(5);
      assert.equal(mail!.kind, 'club-confirm');
      assert.equal(mail!.bookingId, null);
      assert.equal(await store!.createClub(club('other'), confirmMail(), { id: 'c1', expiresAt: NOW + HOUR }), 'challenge_used');
      assert.equal(await store!.createClub(club('tsv-musterstadt'), confirmMail(), { id: 'c2', expiresAt: NOW + HOUR }), 'id_taken');
      assert.equal(await store!.getClub('other'), undefined);
      assert.equal(await store!.countClubsByEmail('erika.muster@example.org', NOW), 1);
      assert.equal(await store!.countClubsByEmail('erika.muster@example.org', NOW + 1), 0);
      // The challenge of the refused id stays unused.
      assert.equal(await store!.createClub(club('second'), confirmMail(), { id: 'c2', expiresAt: NOW + HOUR }), 'created');
    });

    test('two registrations of one id from two connections at once: one is stored', async () => {
      const {
        stores: [a, b],
      } = await fresh(2);
      const results = await Promise.all([
        a!.createClub(club('same'), confirmMail(), { id: 'x1', expiresAt: NOW + HOUR }),
        b!.createClub(club('same', { name: 'Other' }), confirmMail(), { id: 'x2', expiresAt: NOW + HOUR }),
      ]);
      assert.deepEqual(results.sort(), ['created', 'id_taken']);
    });

    test('a club changes only from the states named; an approval writes its room, invites and mail with it', async () => {
      const {
        stores: [a, b],
      } = await fresh(2);
      await a!.createClub(club('tsv', { status: 'pending', confirm: null, confirmBy: null }), confirmMail(), { id: 'c', expiresAt: NOW });
      const invite = {
        id: 'inviteid001',
        tenant: 'tsv',
        room: 'treffpunkt',
        role: 'moderator' as const,
        kind: null,
        bookingId: null,
        notBefore: null,
        expiresAt: NOW + HOUR,
        secretHash: new Uint8Array(32).fill(1),
        kid: 'k',
        createdAt: NOW,
      };
      const approvals = await Promise.all(
        [a!, b!].map((store) =>
          store.updateClub(
            'tsv',
            ['pending'],
            { status: 'active', decidedAt: NOW + 1, updatedAt: NOW + 1 },
            { mails: [confirmMail()], rooms: [clubRoom('tsv', 'treffpunkt')], invites: [invite] },
          ),
        ),
      );
      assert.equal(approvals.filter(Boolean).length, 1, 'one of two approvals at once wins');
      const active = (await a!.getClub('tsv'))!;
      assert.equal(active.status, 'active');
      assert.equal(active.decidedAt, NOW + 1);
      assert.equal(active.contactName, 'Erika Musterfrau', 'fields not named stay');
      assert.deepEqual(await a!.listClubRooms('tsv'), [clubRoom('tsv', 'treffpunkt')]);
      assert.deepEqual(await b!.getInvite('inviteid001'), invite);
      assert.equal(await a!.updateClub('tsv', ['pending'], { status: 'rejected', updatedAt: NOW }, { mails: [] }), undefined);
      assert.equal(await a!.updateClub('missing', ['pending'], { status: 'rejected', updatedAt: NOW }, { mails: [] }), undefined);
      // With `ifUpdatedAt`, only a club nobody changed since it was read.
      const stale = await a!.updateClub('tsv', ['active'], { reason: 'alt', updatedAt: NOW + 2 }, { mails: [], ifUpdatedAt: NOW - 1 });
      assert.equal(stale, undefined);
      const suspended = await a!.updateClub(
        'tsv',
        ['active'],
        { status: 'suspended', reason: 'Grund', confirm: null, updatedAt: NOW + 2 },
        { mails: [], ifUpdatedAt: active.updatedAt },
      );
      assert.equal(suspended!.reason, 'Grund');
    });

    test('clubs are listed newest first, by status and by region', async () => {
      const {
        stores: [store],
      } = await fresh();
      await store!.createClub(club('a', { region: 'nord', status: 'pending' }), confirmMail(), { id: '1', expiresAt: NOW });
      await store!.createClub(club('b', { region: 'sued', status: 'pending', createdAt: NOW + 1 }), confirmMail(), {
        id: '2',
        expiresAt: NOW,
      });
      await store!.createClub(club('c', { region: 'nord', createdAt: NOW + 2 }), confirmMail(), { id: '3', expiresAt: NOW });
      const ids = (list: ClubRecord[]) => list.map((c) => c.id);
      assert.deepEqual(ids(await store!.listClubs({})), ['c', 'b', 'a']);
      assert.deepEqual(ids(await store!.listClubs({ status: 'pending' })), ['b', 'a']);
      assert.deepEqual(ids(await store!.listClubs({ regions: ['nord'] })), ['c', 'a']);
      assert.deepEqual(ids(await store!.listClubs({ regions: [] })), []);
      assert.deepEqual(ids(await store!.listClubs({ regions: ['sued'], status: 'unconfirmed' })), []);
      assert.deepEqual(ids(await store!.listClubs({ limit: 1 })), ['c']);
      assert.deepEqual(ids(await store!.listClubs({ emailKey: 'erika.muster@example.org', status: 'pending' })), ['b', 'a']);
      assert.deepEqual(ids(await store!.listClubs({ emailKey: 'other@example.org' })), []);
    });

    test("a club's rooms: made up to the limit (also from two connections at once), changed, deleted with their invites", async () => {
      const {
        stores: [a, b],
      } = await fresh(2);
      await a!.createClub(club('tsv', { status: 'active' }), confirmMail(), { id: 'c', expiresAt: NOW });
      assert.equal(await a!.createClubRoom(clubRoom('tsv', 'vorstand'), 2), 'created');
      assert.equal(await a!.createClubRoom(clubRoom('tsv', 'vorstand'), 2), 'taken');
      const both = await Promise.all([a!.createClubRoom(clubRoom('tsv', 'r1'), 2), b!.createClubRoom(clubRoom('tsv', 'r2'), 2)]);
      assert.deepEqual(both.sort(), ['created', 'limit']);
      assert.equal((await a!.listClubRooms('tsv')).length, 2);
      assert.deepEqual(await a!.countClubRooms(['tsv', 'none']), new Map([['tsv', 2]]));
      const renamed = clubRoom('tsv', 'vorstand', { name: 'Vorstandssitzung', start: 'invite', accessCode: null, updatedAt: NOW + 5 });
      assert.equal(await a!.updateClubRoom(renamed), true);
      assert.deepEqual(await b!.getClubRoom('tsv', 'vorstand'), renamed);
      assert.equal(await a!.updateClubRoom(clubRoom('tsv', 'missing')), false);
      await a!.addInvite({
        id: 'inviteid002',
        tenant: 'tsv',
        room: 'vorstand',
        role: 'attendee',
        kind: null,
        bookingId: null,
        notBefore: null,
        expiresAt: NOW + HOUR,
        secretHash: new Uint8Array(32),
        kid: 'k',
        createdAt: NOW,
      });
      assert.equal(await a!.deleteClubRoom('tsv', 'vorstand'), true);
      assert.equal(await a!.deleteClubRoom('tsv', 'vorstand'), false);
      assert.equal(await a!.getInvite('inviteid002'), undefined, "the room's invites go with it");
      assert.equal(await a!.getClubRoom('tsv', 'vorstand'), undefined);
    });

    test('a sign-in link works once, within its time, with its secret only, also when two connections use it at once', async () => {
      const {
        stores: [a, b],
      } = await fresh(2);
      await a!.createClub(club('tsv', { status: 'active' }), confirmMail(), { id: 'c', expiresAt: NOW });
      const hash = new Uint8Array(32).fill(5);
      await a!.addClubSignin({ id: 's1', club: 'tsv', secretHash: hash, expiresAt: NOW + 15 * 60_000 }, confirmMail(), NOW);
      assert.equal(await a!.useClubSignin('s1', new Uint8Array(32).fill(6), NOW), undefined, 'a wrong secret');
      assert.equal(await a!.useClubSignin('s1', hash, NOW + 15 * 60_000), undefined, 'expired');
      const uses = await Promise.all([a!.useClubSignin('s1', hash, NOW), b!.useClubSignin('s1', hash, NOW)]);
      assert.deepEqual(uses.sort(), ['tsv', undefined].sort());
      assert.equal(await a!.useClubSignin('s1', hash, NOW), undefined, 'used');

      await a!.addClubSession({ id: 'h1', club: 'tsv', csrfHash: 'c1', expiresAt: NOW + HOUR });
      assert.deepEqual(await b!.getClubSession('h1', NOW), { id: 'h1', club: 'tsv', csrfHash: 'c1', expiresAt: NOW + HOUR });
      assert.equal(await b!.getClubSession('h1', NOW + HOUR), undefined);
      await a!.deleteClubSession('h1');
      assert.equal(await b!.getClubSession('h1', NOW), undefined);
    });

    test('a handover of the contact role: replaced by a new one, used once with its club, id and secret, within its time; ends the sessions', async () => {
      const {
        stores: [a, b],
      } = await fresh(2);
      await a!.createClub(club('tsv', { status: 'active' }), confirmMail(), { id: 'c1', expiresAt: NOW });
      await a!.createClub(club('fcm', { status: 'active', contactEmail: 'fcm@example.org' }), confirmMail('fcm@example.org'), {
        id: 'c2',
        expiresAt: NOW,
      });
      const hash = new Uint8Array(32).fill(7);
      const handover = (id: string, email: string) => ({
        id,
        club: 'tsv',
        name: 'Nora Neu',
        email,
        emailKey: email.toLowerCase(),
        secretHash: hash,
        expiresAt: NOW + 48 * HOUR,
      });
      const told = confirmMail('Erika.Muster@example.org');
      await a!.setClubHandover(handover('h1', 'erste@example.org'), confirmMail('erste@example.org'), NOW);
      await a!.setClubHandover(handover('h2', 'Nora.Neu@example.org'), confirmMail('Nora.Neu@example.org'), NOW);
      assert.ok(
        (await a!.listMails(10)).some((mail) => mail.to === 'Nora.Neu@example.org'),
        'its mail is queued',
      );
      await a!.addClubSession({ id: 's1', club: 'tsv', csrfHash: 'c', expiresAt: NOW + HOUR });
      await a!.addClubSession({ id: 's2', club: 'fcm', csrfHash: 'c', expiresAt: NOW + HOUR });
      assert.equal(await a!.useClubHandover('tsv', 'h1', hash, NOW, told), undefined, 'replaced');
      assert.equal(await a!.useClubHandover('fcm', 'h2', hash, NOW, told), undefined, "another club's");
      assert.equal(await a!.useClubHandover('tsv', 'h2', new Uint8Array(32).fill(8), NOW, told), undefined, 'a wrong secret');
      assert.equal(await a!.useClubHandover('tsv', 'h2', hash, NOW + 48 * HOUR, told), undefined, 'expired');
      assert.equal((await a!.getClub('tsv'))!.contactEmail, 'Erika.Muster@example.org', 'nothing changed');
      const uses = await Promise.all([a!.useClubHandover('tsv', 'h2', hash, NOW, told), b!.useClubHandover('tsv', 'h2', hash, NOW, told)]);
      assert.equal(uses.filter(Boolean).length, 1, 'two uses at once: one wins');
      const changed = (await b!.getClub('tsv'))!;
      assert.deepEqual(
        [changed.contactName, changed.contactEmail, changed.emailKey, changed.updatedAt],
        ['Nora Neu', 'Nora.Neu@example.org', 'nora.neu@example.org', NOW],
      );
      assert.equal(await a!.getClubSession('s1', NOW), undefined, "the club's sessions ended");
      assert.ok(await a!.getClubSession('s2', NOW), "another club's stay");
      assert.equal((await a!.listMails(20)).filter((mail) => mail.to === 'Erika.Muster@example.org').length, 2, 'the old contact is told');
      assert.equal(await a!.useClubHandover('tsv', 'h2', hash, NOW, told), undefined, 'used');

      // A pending handover goes with the purge once expired, and with its club.
      await a!.setClubHandover({ ...handover('h3', 'spaet@example.org'), expiresAt: NOW + HOUR }, confirmMail('spaet@example.org'), NOW);
      await a!.purgeClubs(NOW + HOUR);
      assert.equal(await a!.useClubHandover('tsv', 'h3', hash, NOW, told), undefined, 'purged');
    });

    test('a deleted club leaves nothing of its pending handover in the store', async () => {
      const { place, stores } = await fresh();
      const store = stores[0]!;
      await store.createClub(club('weg', { status: 'active' }), confirmMail(), { id: '1', expiresAt: NOW });
      await store.setClubHandover(
        {
          id: 'h1',
          club: 'weg',
          name: 'Hanna Handover',
          email: 'hanna.handover@example.org',
          emailKey: 'hanna.handover@example.org',
          secretHash: new Uint8Array(32),
          expiresAt: NOW + HOUR,
        },
        confirmMail('hanna.handover@example.org'),
        NOW,
      );
      assert.ok((await place.contents()).includes('hanna.handover@example.org'), 'it was stored');
      assert.equal(await store.deleteClub('weg'), true);
      const contents = await place.contents();
      for (const trace of ['Hanna Handover', 'hanna.handover@example.org'])
        assert.equal(contents.includes(trace), false, `${trace} is still in the store`);
    });

    test('the purge deletes unconfirmed clubs past their time with their mails, and expired links and sessions', async () => {
      const {
        stores: [store],
      } = await fresh();
      await store!.createClub(club('late', { confirmBy: NOW }), confirmMail('late@example.org'), { id: '1', expiresAt: NOW });
      await store!.createClub(club('early', { confirmBy: NOW + HOUR }), confirmMail(), { id: '2', expiresAt: NOW });
      await store!.createClub(club('kept', { status: 'active', confirmBy: null }), confirmMail(), { id: '3', expiresAt: NOW });
      await store!.addClubSignin({ id: 's', club: 'kept', secretHash: new Uint8Array(32), expiresAt: NOW }, confirmMail(), NOW - 1);
      await store!.addClubSession({ id: 'h', club: 'kept', csrfHash: 'c', expiresAt: NOW });
      assert.equal(await store!.purgeClubs(NOW), 1);
      assert.equal(await store!.getClub('late'), undefined);
      assert.ok(await store!.getClub('early'));
      assert.equal(
        (await store!.listMails(10)).some((mail) => mail.to === 'late@example.org'),
        false,
        'its mail went with it',
      );
      assert.equal(await store!.useClubSignin('s', new Uint8Array(32), NOW - 1), undefined);
    });

    test('a deleted club leaves none of its personal data in the store', async () => {
      const { place, stores } = await fresh();
      const store = stores[0]!;
      const gone = club('weg', {
        status: 'active',
        contactName: 'Paula Privat',
        contactEmail: 'paula.privat@example.org',
        emailKey: 'paula.privat@example.org',
        deputyName: 'Dieter Deputy',
        deputyEmail: 'dieter.deputy@example.org',
      });
      await store.createClub(gone, confirmMail('paula.privat@example.org'), { id: '1', expiresAt: NOW });
      await store.createClubRoom(clubRoom('weg', 'geheimraum'), 5);
      await store.addClubSignin(
        { id: 's', club: 'weg', secretHash: new Uint8Array(32), expiresAt: NOW + HOUR },
        confirmMail('paula.privat@example.org'),
        NOW,
      );
      await store.addClubSession({ id: 'h', club: 'weg', csrfHash: 'c', expiresAt: NOW + HOUR });
      await store.createClub(club('bleibt', { contactEmail: 'bleibt@example.org' }), confirmMail('bleibt@example.org'), {
        id: '2',
        expiresAt: NOW,
      });
      assert.equal(await store.deleteClub('weg'), true);
      assert.equal(await store.deleteClub('weg'), false);
      assert.equal(await store.getClubSession('h', NOW), undefined);
      const contents = await place.contents();
      for (const trace of ['Paula Privat', 'paula.privat@example.org', 'Dieter Deputy', 'dieter.deputy@example.org'])
        assert.equal(contents.includes(trace), false, `${trace} is still in the store`);
      assert.equal(contents.includes('bleibt@example.org'), true, 'what is kept stays');
    });

    test("a club's invites: its own only, not expired, newest first", async () => {
      const {
        stores: [store],
      } = await fresh();
      const invite = (id: string, tenant: string, overrides: Record<string, unknown> = {}) => ({
        id,
        tenant,
        room: 'treffpunkt',
        role: 'attendee' as const,
        kind: null,
        bookingId: null,
        notBefore: null,
        expiresAt: NOW + HOUR,
        secretHash: new Uint8Array(32).fill(2),
        kid: 'k',
        createdAt: NOW,
        ...overrides,
      });
      await store!.addInvite(invite('older00001a', 'tsv', { role: 'moderator', createdAt: NOW - 2 }));
      await store!.addInvite(invite('newer00001a', 'tsv', { createdAt: NOW - 1 }));
      await store!.addInvite(invite('expired001a', 'tsv', { expiresAt: NOW }));
      await store!.addInvite(invite('otherclub1a', 'fcb'));
      assert.deepEqual(
        (await store!.listClubInvites('tsv', NOW)).map((i) => [i.id, i.role]),
        [
          ['newer00001a', 'attendee'],
          ['older00001a', 'moderator'],
        ],
      );
      assert.deepEqual(await store!.listClubInvites('keiner', NOW), []);
      // Revoked links are left out before the 200 are counted: 200 newer revoked ones do not hide the older two.
      for (let i = 0; i < 200; i++) {
        const id = `revoked${String(i).padStart(4, '0')}`;
        await store!.addInvite(invite(id, 'tsv', { createdAt: NOW + i }));
        await store!.revoke(id, NOW + HOUR);
      }
      await store!.revoke('older00001a', NOW); // a revocation that has run out by now: listed again
      assert.deepEqual(
        (await store!.listClubInvites('tsv', NOW)).map((i) => i.id),
        ['newer00001a', 'older00001a'],
      );
    });

    test("a club's lifecycle fields come back; the last join of each tenant", async () => {
      const {
        stores: [store],
      } = await fresh();
      await store!.createClub(club('tsv', { status: 'active', confirm: null, confirmBy: null }), confirmMail(), {
        id: 'l',
        expiresAt: NOW,
      });
      const changed = await store!.updateClub(
        'tsv',
        ['active'],
        { notice: { kind: 'reconfirm', at: NOW + 5 }, reconfirmedAt: NOW + 1, updatedAt: NOW + 5 },
        { mails: [] },
      );
      assert.deepEqual([changed!.notice, changed!.reconfirmedAt], [{ kind: 'reconfirm', at: NOW + 5 }, NOW + 1]);
      const cleared = await store!.updateClub(
        'tsv',
        ['active'],
        { notice: null, originRequest: { origin: 'https://www.tsv.example', at: NOW + 6 }, updatedAt: NOW + 6 },
        { mails: [] },
      );
      assert.equal(cleared!.notice, null);
      assert.deepEqual((await store!.getClub('tsv'))!.originRequest, { origin: 'https://www.tsv.example', at: NOW + 6 });
      assert.equal((await store!.getClub('tsv'))!.reconfirmedAt, NOW + 1);
      const join = { tenant: 'tsv', room: 'a', role: 'attendee' as const, backend: 'sandbox' };
      await store!.countJoin({ ...join, day: '2026-02-27' }, NOW - 2 * 86_400_000);
      await store!.countJoin({ ...join, room: 'b', day: '2026-03-01' }, NOW - HOUR);
      await store!.countJoin({ ...join, tenant: 'fcb', day: '2026-03-01' }, NOW);
      const last = await store!.lastJoins(['tsv', 'fcb', 'keiner']);
      assert.deepEqual([...last].sort(), [
        ['fcb', NOW],
        ['tsv', NOW - HOUR],
      ]);
      assert.equal((await store!.lastJoins([])).size, 0);
    });
  });
}
