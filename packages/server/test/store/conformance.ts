// The Store contract, run against each engine (store-sqlite.test.ts,
// store-postgres.test.ts): every method, what holds within one transaction,
// and what holds between two connections to the same data at the same moment
// (two server instances, or the server and the CLI). A new table's methods get
// their tests here, once, and so run on both engines.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ChatCodes } from '../../src/chat/codes.ts';
import { SCHEMA_VERSION } from '../../src/store/migrations.ts';
import {
  type BookingChange,
  type BookingRecord,
  type InviteRecord,
  type OpenRoomRecord,
  type OutboxMail,
  type Store,
  StoreUnavailableError,
} from '../../src/store/types.ts';
import { clubConformance } from './club-conformance.ts';
import type { Engine, Place } from './engines.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A pending video booking of `tenant` whose only date ends at `lastEnd`. */
export function record(id: string, overrides: Partial<BookingRecord> = {}): BookingRecord {
  const lastEnd = overrides.lastEnd ?? NOW + DAY;
  return {
    id,
    tenant: 'tsv',
    kind: 'video',
    status: 'pending',
    title: 'Jahreshauptversammlung',
    organisation: 'TSV Musterstadt',
    contactName: 'Erika Musterfrau',
    contactEmail: 'Erika.Muster@example.org',
    emailKey: 'erika.muster@example.org',
    expectedParticipants: 30,
    language: 'de',
    dates: [{ start: new Date(lastEnd - 2 * HOUR).toISOString(), end: new Date(lastEnd).toISOString() }],
    firstStart: lastEnd - 2 * HOUR,
    lastEnd,
    room: null,
    invites: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function mail(kind: string, to = 'erika.muster@example.org'): OutboxMail {
  return {
    kind,
    to,
    subject: `Buchung ${kind}`,
    text: `Hallo, {{link:manage}} ${kind}`,
    attachments: [{ filename: 'termine.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
  };
}

function invite(id: string, overrides: Partial<InviteRecord> = {}): InviteRecord {
  return {
    id,
    tenant: 'tsv',
    room: 'vorstand',
    role: 'moderator',
    kind: null,
    bookingId: null,
    notBefore: null,
    expiresAt: NOW + DAY,
    secretHash: new Uint8Array(32).fill(7),
    kid: 'key-1',
    createdAt: NOW,
    ...overrides,
  };
}

function openRoom(id: string, overrides: Partial<OpenRoomRecord> = {}): OpenRoomRecord {
  return { tenant: 'tsv', id, title: 'Omas Geburtstag', backend: 'bbb', createdAt: NOW, expiresAt: NOW + DAY, ...overrides };
}

const created = (at = NOW): BookingChange => ({
  audit: [{ action: 'created', actor: 'booker', at, reason: null }],
  mails: [mail('received')],
});
const challenge = (id: string) => ({ id, expiresAt: NOW + HOUR });

/** Run the whole Store contract against `engine`. */
export function storeConformance(engine: Engine): void {
  describe(`the store contract on ${engine.name}`, () => {
    let dir: string;
    const open: Store[] = [];
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), `vereinsraum-${engine.name}-`));
    });
    after(async () => {
      await Promise.all(open.map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    });

    /** A new, empty place with `connections` stores open on it (each as another process would have it). */
    async function fresh(connections = 1): Promise<{ place: Place; stores: Store[] }> {
      const place = await engine.place(await mkdtemp(join(dir, 'place-')));
      const stores: Store[] = [];
      for (let i = 0; i < connections; i++) stores.push(await place.open());
      open.push(...stores);
      return { place, stores };
    }

    test('a booking is stored with its audit rows, mails and invites at once, and every field comes back as it went in', async () => {
      const {
        stores: [store],
      } = await fresh();
      const booking = record('k3x9q2m7a1b4', {
        manage: { kid: 'key-1', hash: new Uint8Array(32).fill(9) },
        chat: { backend: 'chat', teamId: 'team', teamName: 'tsv', channelId: 'channel', channelName: 'jhv-k3x9q2m7a1b4', welcomed: false },
        dates: [
          { start: '2026-03-02T17:00:00.000Z', end: '2026-03-02T19:00:00.000Z' },
          { start: '2026-03-09T17:00:00.000Z', end: '2026-03-09T19:00:00.000Z' },
        ],
        firstStart: Date.parse('2026-03-02T17:00:00.000Z'),
        lastEnd: Date.parse('2026-03-09T19:00:00.000Z'),
      });
      const linked = invite('inviteid001', { bookingId: booking.id, kind: 'chat', notBefore: NOW + HOUR, role: 'attendee' });
      assert.equal(await store!.createBooking(booking, { ...created(), invites: [linked] }, challenge('c1')), true);
      assert.deepEqual(await store!.getBooking(booking.id), booking);
      assert.deepEqual(await store!.audit(booking.id), [{ action: 'created', actor: 'booker', at: NOW, reason: null }]);
      const [stored] = await store!.listMails(10);
      assert.deepEqual(stored, {
        ...mail('received'),
        id: stored!.id,
        bookingId: booking.id,
        createdAt: NOW,
        sentAt: null,
        attempts: 0,
        lastError: null,
      });
      assert.deepEqual(await store!.getInvite(linked.id), linked);
      assert.equal(await store!.getBooking('missing00000'), undefined);
    });

    test('a proof-of-work challenge works once: a second booking with it stores nothing, also from another connection at the same moment', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      const results = await Promise.all([
        one!.createBooking(record('first0000000'), created(), challenge('same')),
        two!.createBooking(record('second000000'), created(), challenge('same')),
      ]);
      assert.deepEqual(results.sort(), [false, true]);
      const kept = await one!.listBookings({});
      assert.equal(kept.length, 1);
      const lost = kept[0]!.id === 'first0000000' ? 'second000000' : 'first0000000';
      assert.equal(await two!.getBooking(lost), undefined);
      assert.deepEqual(await two!.audit(lost), [], 'nothing of it was written');
      assert.equal((await two!.listMails(10)).length, 1);
      assert.equal(await one!.createBooking(record('third0000000'), created(), challenge('same')), false, 'and later neither');
    });

    test('a booking changes only from the states given, with its audit rows, mails and invites; of two changes at once, one wins', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      await one!.createBooking(record('b00000000001'), created(), challenge('c1'));
      const approve = {
        status: 'approved' as const,
        updatedAt: NOW + 1,
        room: 'b-b00000000001',
        invites: { moderatorJti: 'inviteid001', attendeeJti: 'inviteid002', kid: 'key-1' },
      };
      assert.equal(
        await one!.updateBooking('b00000000001', ['approved'], approve, { audit: [], mails: [] }),
        undefined,
        'not from pending',
      );
      assert.equal(await one!.updateBooking('missing00000', ['pending'], approve, { audit: [], mails: [] }), undefined);
      assert.equal(await one!.getBookingByRoom('tsv', 'b-b00000000001'), undefined, 'no room before the approval');

      const approving = one!.updateBooking('b00000000001', ['pending'], approve, {
        audit: [{ action: 'approved', actor: 'admin-api', at: NOW + 1, reason: null }],
        mails: [mail('approved')],
        invites: [
          invite('inviteid001', { bookingId: 'b00000000001' }),
          invite('inviteid002', { bookingId: 'b00000000001', role: 'attendee' }),
        ],
      });
      const rejecting = two!.updateBooking(
        'b00000000001',
        ['pending'],
        { status: 'rejected', updatedAt: NOW + 1 },
        {
          audit: [{ action: 'rejected', actor: 'cli:root', at: NOW + 1, reason: 'Belegt' }],
          mails: [mail('rejected')],
        },
      );
      const [approved, rejected] = await Promise.all([approving, rejecting]);
      assert.equal([approved, rejected].filter(Boolean).length, 1, 'exactly one of them changed it');
      const winner = (approved ?? rejected)!;
      const stored = (await two!.getBooking('b00000000001'))!;
      assert.deepEqual(stored, winner);
      assert.deepEqual(
        (await one!.audit('b00000000001')).map((entry) => entry.action),
        ['created', winner.status],
      );
      assert.deepEqual((await one!.listMails(10)).map((m) => m.kind).sort(), ['received', winner.status].sort());
      assert.equal((await one!.getInvite('inviteid001')) !== undefined, winner.status === 'approved', 'invites only with the approval');

      if (winner.status === 'approved') {
        assert.deepEqual(await two!.getBookingByRoom('tsv', 'b-b00000000001'), stored);
        assert.equal(await two!.getBookingByRoom('other', 'b-b00000000001'), undefined);
        const cancelled = await two!.updateBooking(
          'b00000000001',
          ['pending', 'approved'],
          { status: 'cancelled', updatedAt: NOW + 2 },
          { audit: [], mails: [] },
        );
        assert.equal(cancelled!.room, 'b-b00000000001', 'the room is kept with the booking');
        assert.equal(await one!.getBookingByRoom('tsv', 'b-b00000000001'), undefined, 'but no longer served');
      }
    });

    test('lists filter by tenant, status and kind, in the order of the first date, up to a limit; addresses are counted from a time on', async () => {
      const {
        stores: [store],
      } = await fresh();
      const bookings = [
        record('a00000000003', { lastEnd: NOW + 3 * DAY }),
        record('a00000000001', { lastEnd: NOW + DAY, kind: 'chat' }),
        record('a00000000002', { lastEnd: NOW + 2 * DAY, tenant: 'other', createdAt: NOW - DAY }),
        record('a00000000000', { lastEnd: NOW + DAY }),
      ];
      for (const [i, booking] of bookings.entries()) await store!.createBooking(booking, created(), challenge(`c${i}`));
      await store!.updateBooking('a00000000003', ['pending'], { status: 'rejected', updatedAt: NOW }, { audit: [], mails: [] });
      const ids = async (query: Parameters<Store['listBookings']>[0]) => (await store!.listBookings(query)).map((b) => b.id);
      assert.deepEqual(await ids({}), ['a00000000000', 'a00000000001', 'a00000000002', 'a00000000003'], 'by first date, then id');
      assert.deepEqual(await ids({ tenant: 'tsv' }), ['a00000000000', 'a00000000001', 'a00000000003']);
      assert.deepEqual(await ids({ tenant: 'tsv', status: 'pending' }), ['a00000000000', 'a00000000001']);
      assert.deepEqual(await ids({ kind: 'chat' }), ['a00000000001']);
      assert.deepEqual(await ids({ status: 'approved' }), []);
      assert.deepEqual(await ids({ limit: 2 }), ['a00000000000', 'a00000000001']);
      assert.equal(await store!.countBookingsByEmail('tsv', 'erika.muster@example.org', NOW), 3);
      assert.equal(await store!.countBookingsByEmail('tsv', 'erika.muster@example.org', NOW + 1), 0);
      assert.equal(await store!.countBookingsByEmail('other', 'erika.muster@example.org', NOW - DAY), 1);
      assert.equal(await store!.countBookingsByEmail('tsv', 'someone@example.org', 0), 0);
    });

    test("a chat booking's channel is recorded whatever its status; audit rows and mails are added without changing the booking", async () => {
      const {
        stores: [store],
      } = await fresh();
      const booking = record('c00000000001', { kind: 'chat' });
      await store!.createBooking(booking, created(), challenge('c1'));
      const chat = {
        backend: 'chat',
        teamId: 'team',
        teamName: 'tsv',
        channelId: 'channel',
        channelName: 'jhv-c00000000001',
        welcomed: false,
      };
      assert.deepEqual(await store!.setBookingChat(booking.id, chat), { ...booking, chat });
      assert.deepEqual((await store!.setBookingChat(booking.id, { ...chat, welcomed: true }))!.chat, { ...chat, welcomed: true });
      assert.equal(await store!.setBookingChat('missing00000', chat), undefined);
      await store!.addChange(
        booking.id,
        { audit: [{ action: 'approval_failed', actor: 'admin-api', at: NOW + 5, reason: 'Mattermost: down' }], mails: [mail('received')] },
        NOW + 5,
      );
      assert.deepEqual(
        (await store!.audit(booking.id)).map((a) => [a.action, a.reason]),
        [
          ['created', null],
          ['approval_failed', 'Mattermost: down'],
        ],
      );
      assert.equal((await store!.listMails(10)).length, 2);
      assert.deepEqual(
        await store!.getBooking(booking.id),
        { ...booking, chat: { ...chat, welcomed: true } },
        'status and times unchanged',
      );
    });

    test('trusted contacts: trust, trust again, stop trusting', async () => {
      const {
        stores: [store],
      } = await fresh();
      assert.equal(await store!.isTrusted('tsv', 'erika@example.org'), false);
      await store!.setTrusted('tsv', 'erika@example.org', true, 'cli:root', NOW);
      await store!.setTrusted('tsv', 'erika@example.org', true, 'admin-api', NOW + 1);
      assert.equal(await store!.isTrusted('tsv', 'erika@example.org'), true);
      assert.equal(await store!.isTrusted('other', 'erika@example.org'), false, 'per tenant');
      await store!.setTrusted('tsv', 'erika@example.org', false, 'cli:root', NOW + 2);
      assert.equal(await store!.isTrusted('tsv', 'erika@example.org'), false);
      await store!.setTrusted('tsv', 'erika@example.org', false, 'cli:root', NOW + 3);
    });

    test('the outbox: oldest first, a claimed mail waits until the claim ends, a failed one until its retry, a sent one never comes again', async () => {
      const {
        stores: [store],
      } = await fresh();
      await store!.createBooking(
        record('m00000000001'),
        { audit: [], mails: [mail('received'), mail('approved'), mail('rejected')] },
        challenge('c1'),
      );
      const first = await store!.claimMails(NOW, NOW + 1000, 2);
      assert.deepEqual(
        first.map((m) => m.kind),
        ['received', 'approved'],
      );
      assert.ok(first[0]!.id < first[1]!.id);
      assert.deepEqual(
        (await store!.claimMails(NOW, NOW + 1000, 10)).map((m) => m.kind),
        ['rejected'],
        'claimed ones are not handed out twice',
      );
      assert.deepEqual(await store!.claimMails(NOW + 999, NOW + 2000, 10), []);
      assert.equal((await store!.claimMails(NOW + 1000, NOW + 2000, 10)).length, 3, 'a claim ends (its sender died, say)');

      const [received, approved] = first;
      await store!.markMailFailed(received!.id, `550 ${'x'.repeat(600)}`, NOW + 60_000);
      await store!.markMailSent(approved!.id, NOW + 1500);
      assert.deepEqual(
        (await store!.claimMails(NOW + 59_999, NOW + 70_000, 10)).map((m) => m.kind),
        ['rejected'],
        'the failed one waits for its retry',
      );
      const retried = await store!.claimMails(NOW + 70_000, NOW + 80_000, 10);
      assert.deepEqual(
        retried.map((m) => m.kind),
        ['received', 'rejected'],
        'the sent one never comes again',
      );
      assert.equal(retried[0]!.attempts, 1);
      assert.equal(retried[0]!.lastError!.length, 500, 'the error is cut');

      const all = await store!.listMails(10);
      assert.deepEqual(
        all.map((m) => m.kind),
        ['rejected', 'approved', 'received'],
        'newest first',
      );
      assert.deepEqual([all[1]!.sentAt, all[1]!.attempts, all[1]!.lastError], [NOW + 1500, 1, null]);
      assert.equal((await store!.listMails(1)).length, 1);
    });

    test('two senders claiming at the same moment never get the same mail, and together get every one', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      const mails = Array.from({ length: 40 }, (_, i) => mail(`m${i}`));
      await one!.createBooking(record('o00000000001'), { audit: [], mails }, challenge('c1'));
      const claimed = (
        await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? one! : two!).claimMails(NOW, NOW + 60_000, 5)))
      ).flat();
      const ids = claimed.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, 'no mail twice');
      assert.equal(ids.length, 40, 'every mail once');
    });

    test('a chat code works once and for ten minutes, is kept only hashed, and holds across two connections', async () => {
      const { place, stores } = await fresh(2);
      let now = NOW;
      const [one, two] = stores.map((store) => new ChatCodes(store, () => now)) as [ChatCodes, ChatCodes];
      const binding = { tenant: 'tsv', room: 'b-k3x9q2m7a1b4', channelId: 'channelid', userId: 'userid', role: 'moderator' } as const;
      const where = { tenant: 'tsv', room: binding.room };
      const issued = await one.issue(binding);
      const contents = await place.contents();
      assert.ok(contents.includes(issued.id), 'the store holds the confirmation');
      assert.ok(!contents.includes(issued.code), 'but not its code');

      assert.deepEqual(
        await two.use(issued.id, issued.code, { tenant: 'tsv', room: 'b-anderer' }),
        { result: 'expired' },
        'bound to its room',
      );
      const used = await two.use(issued.id, issued.code, where);
      assert.equal(used.result, 'used');
      assert.deepEqual(used.result === 'used' && { ...used.confirmation, codeHash: undefined, id: undefined, expiresAt: undefined }, {
        ...binding,
        codeHash: undefined,
        id: undefined,
        expiresAt: undefined,
      });
      assert.deepEqual(await one.use(issued.id, issued.code, where), { result: 'expired' }, 'used up, for the other connection too');

      // Used on both connections at the same moment: once.
      const raced = await one.issue(binding);
      const uses = await Promise.all([one.use(raced.id, raced.code, where), two.use(raced.id, raced.code, where)]);
      assert.deepEqual(uses.map((u) => u.result).sort(), ['expired', 'used']);

      // Ten minutes later it no longer works.
      const late = await two.issue(binding);
      now += 10 * 60_000;
      assert.deepEqual(await one.use(late.id, late.code, where), { result: 'expired' });

      // Wrong codes through both connections count together: the fifth ends it.
      const tried = await one.issue(binding);
      for (let i = 0; i < 5; i++) assert.deepEqual(await (i % 2 ? one : two).use(tried.id, 'AAAAAAAA', where), { result: 'wrong' });
      assert.deepEqual(await one.use(tried.id, tried.code, where), { result: 'expired' });
    });

    test('short invites are found by id with the hash of their secret; an id is taken once', async () => {
      const {
        stores: [store],
      } = await fresh();
      const made = invite('shortid0001', { notBefore: NOW + HOUR });
      await store!.addInvite(made);
      assert.deepEqual(await store!.getInvite(made.id), made);
      assert.equal(await store!.getInvite('unknown0001'), undefined);
      await assert.rejects(
        store!.addInvite({ ...made, room: 'training' }),
        (error: unknown) => !(error instanceof StoreUnavailableError),
        'a second invite with the id is a bug, not "not now"',
      );
      assert.equal((await store!.getInvite(made.id))!.room, 'vorstand');
    });

    test('revocations hold until their time; revoking again never shortens one', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      await one!.revoke('jti-1', NOW + HOUR);
      assert.equal(await two!.isRevoked('jti-1', NOW), true, 'seen by the other connection');
      assert.equal(await two!.isRevoked('jti-1', NOW + HOUR), false);
      await two!.revoke('jti-1', NOW + 1000);
      assert.equal(await one!.isRevoked('jti-1', NOW + 2000), true, 'not shortened');
      await two!.revoke('jti-1', NOW + 2 * HOUR);
      assert.equal(await one!.isRevoked('jti-1', NOW + HOUR), true, 'extended');
      assert.equal(await one!.isRevoked('jti-2', NOW), false);
    });

    test("purge deletes bookings past their tenant's cutoff with their audit rows, mails and invites, and whatever else has expired", async () => {
      const {
        stores: [store],
      } = await fresh();
      const cutoff = NOW - 90 * DAY;
      const old = record('p00000000001', { lastEnd: cutoff - 1 });
      const kept = record('p00000000002', { lastEnd: cutoff + 1 });
      const shortRetention = record('p00000000003', { tenant: 'kurz', lastEnd: NOW - 10 * DAY });
      const unknownTenant = record('p00000000004', { tenant: 'left', lastEnd: cutoff - 1 });
      const unknownKept = record('p00000000005', { tenant: 'left', lastEnd: cutoff + 1 });
      for (const [i, booking] of [old, kept, shortRetention, unknownTenant, unknownKept].entries()) {
        await store!.createBooking(
          booking,
          { ...created(), invites: [invite(`inv${booking.id.slice(-8)}`, { bookingId: booking.id })] },
          challenge(`c${i}`),
        );
      }
      await store!.addChatConfirmation(
        { id: 'gone', codeHash: 'h', tenant: 'tsv', room: 'b-x', channelId: 'c', userId: 'u', role: 'attendee', expiresAt: NOW - 1 },
        NOW - 2,
      );
      await store!.addChatConfirmation(
        { id: 'stays', codeHash: 'h', tenant: 'tsv', room: 'b-x', channelId: 'c', userId: 'u', role: 'attendee', expiresAt: NOW + 60_000 },
        NOW - 2,
      );
      await store!.revoke('expired', NOW - 1);
      await store!.revoke('current', NOW + 1);
      await store!.addInvite(invite('lateinvite1', { expiresAt: NOW - 29 * DAY }));
      await store!.addInvite(invite('oldinvite01', { expiresAt: NOW - 31 * DAY }));
      await store!.createBooking(record('p00000000006', { lastEnd: NOW + DAY }), created(), {
        id: 'expired-challenge',
        expiresAt: NOW - 1,
      });

      const result = await store!.purge(
        new Map([
          ['tsv', cutoff],
          ['kurz', NOW - 7 * DAY],
        ]),
        cutoff,
        NOW,
      );
      assert.deepEqual(result, { bookings: 3, challenges: 1, revocations: 1 });
      for (const gone of [old, shortRetention, unknownTenant]) {
        assert.equal(await store!.getBooking(gone.id), undefined, gone.id);
        assert.deepEqual(await store!.audit(gone.id), []);
        assert.equal(await store!.getInvite(`inv${gone.id.slice(-8)}`), undefined, 'its invites go with it');
      }
      for (const stays of [kept, unknownKept]) assert.ok(await store!.getBooking(stays.id), stays.id);
      assert.deepEqual((await store!.listMails(100)).map((m) => m.bookingId).sort(), ['p00000000002', 'p00000000005', 'p00000000006']);
      assert.equal(await store!.isRevoked('current', NOW), true);
      assert.ok(await store!.getInvite('lateinvite1'), 'an invite of no booking is kept 30 days after it expired');
      assert.equal(await store!.getInvite('oldinvite01'), undefined);
      assert.deepEqual(await store!.useChatConfirmation('stays', 'h', { tenant: 'tsv', room: 'b-x' }, NOW, 5), {
        result: 'used',
        confirmation: {
          id: 'stays',
          codeHash: 'h',
          tenant: 'tsv',
          room: 'b-x',
          channelId: 'c',
          userId: 'u',
          role: 'attendee',
          expiresAt: NOW + 60_000,
        },
      });
      // The challenge's row is gone, and so it cannot be told apart from a new one: its expiry in the signed challenge refuses it.
      assert.equal(await store!.createBooking(record('p00000000007'), created(), { id: 'expired-challenge', expiresAt: NOW + 1 }), true);
    });

    test('a shared secret is made once: two connections asking at once get the same one; an expired one goes with the purge', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      const [a, b] = await Promise.all([
        one!.sharedSecret('challenge', new Uint8Array(32).fill(1), null),
        two!.sharedSecret('challenge', new Uint8Array(32).fill(2), null),
      ]);
      assert.deepEqual(a, b);
      assert.equal(a.length, 32);
      assert.deepEqual(await one!.sharedSecret('challenge', new Uint8Array(32).fill(3), null), a, 'and later too');
      await one!.sharedSecret('limits:1', new Uint8Array(32).fill(4), NOW - 1);
      await one!.purge(new Map(), 0, NOW);
      assert.deepEqual(await two!.sharedSecret('limits:1', new Uint8Array(32).fill(5), NOW + DAY), new Uint8Array(32).fill(5), 'made anew');
      assert.deepEqual(await two!.sharedSecret('challenge', new Uint8Array(32).fill(6), null), a, 'one without an expiry stays');
    });

    test('client hits are counted across connections within a window; old ones go as new ones come, and with the purge', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? one! : two!).addHit('hash-a', NOW + i * 1000, NOW - HOUR)));
      await one!.addHit('hash-b', NOW + 500, NOW - HOUR);
      assert.deepEqual(await two!.countHits(['hash-a'], NOW), { count: 6, oldest: NOW });
      assert.deepEqual(await one!.countHits(['hash-a', 'hash-b'], NOW + 500), { count: 6, oldest: NOW + 500 });
      assert.deepEqual(await one!.countHits(['hash-c'], NOW), { count: 0, oldest: null });
      // A hit an hour later deletes that key's hits from before its window.
      await two!.addHit('hash-a', NOW + HOUR + 3000, NOW + 3000);
      assert.deepEqual(await one!.countHits(['hash-a'], 0), { count: 4, oldest: NOW + 3000 }, 'three in the window and the new one');
      await one!.purge(new Map(), 0, NOW + 2 * DAY);
      assert.deepEqual(await one!.countHits(['hash-a', 'hash-b'], 0), { count: 0, oldest: null });
    });

    test("a booking's lease: one holder at a time across connections, its own again, another's once it lapsed or was given back", async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      await one!.createBooking(record('l00000000001'), created(), challenge('c1'));
      const taken = await Promise.all([
        one!.leaseBooking('l00000000001', 'a', NOW, NOW + 60_000),
        two!.leaseBooking('l00000000001', 'b', NOW, NOW + 60_000),
      ]);
      assert.deepEqual([...taken].sort(), [false, true], 'one of two at once');
      const [holder, other] = taken[0] ? ['a', 'b'] : ['b', 'a'];
      assert.equal(await one!.leaseBooking('l00000000001', holder!, NOW + 1000, NOW + 61_000), true, 'its own, extended');
      assert.equal(await two!.leaseBooking('l00000000001', other!, NOW + 60_000, NOW + 120_000), false, 'not yet lapsed');
      await two!.releaseBooking('l00000000001', other!);
      assert.equal(await two!.leaseBooking('l00000000001', other!, NOW + 2000, NOW + 62_000), false, "another's release changes nothing");
      assert.equal(await two!.leaseBooking('l00000000001', other!, NOW + 61_000, NOW + 121_000), true, 'lapsed: taken over');
      await two!.releaseBooking('l00000000001', other!);
      assert.equal(await one!.leaseBooking('l00000000001', holder!, NOW + 62_000, NOW + 122_000), true, 'given back: free');
      assert.equal(await one!.leaseBooking('missing00000', 'a', NOW, NOW + 1), false);
      const { lease_holder: _, ...same } = (await one!.getBooking('l00000000001')) as unknown as Record<string, unknown>;
      assert.deepEqual(same, record('l00000000001'), 'the record is unchanged by its lease');
    });

    test("a room's status claim: one claimer of two at once until it lapses; the written status is read from another connection", async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      const claims = await Promise.all([
        one!.claimStatus('tsv/vorstand', 'a', NOW, NOW + 5000),
        two!.claimStatus('tsv/vorstand', 'b', NOW, NOW + 5000),
      ]);
      assert.deepEqual([...claims].sort(), [false, true]);
      assert.equal(await two!.getStatus('tsv/vorstand'), undefined, 'nothing written yet');
      await one!.putStatus('tsv/vorstand', '{"state":"live"}', NOW + 100);
      assert.deepEqual(await two!.getStatus('tsv/vorstand'), { status: '{"state":"live"}', checkedAt: NOW + 100 });
      assert.equal(await two!.claimStatus('tsv/vorstand', 'b', NOW + 4999, NOW + 9999), false, 'claimed until then');
      assert.equal(await two!.claimStatus('tsv/vorstand', 'b', NOW + 5000, NOW + 10_000), true, 'lapsed');
      assert.deepEqual(
        await one!.getStatus('tsv/vorstand'),
        { status: '{"state":"live"}', checkedAt: NOW + 100 },
        'a claim keeps the status',
      );
      await two!.putStatus('tsv/jugend', '{"state":"idle"}', NOW);
      assert.equal(await one!.claimStatus('tsv/jugend', 'a', NOW, NOW + 5000), true, 'a status without a claim is free to claim');
    });

    test('a singleton job runs on one connection at a time where several share the data (SQLite: one process, run directly)', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = one!.runExclusive('purge', async () => {
        started();
        await held;
        return 'first';
      });
      await running;
      const second = await two!.runExclusive('purge', async () => 'second');
      const other = await two!.runExclusive('mail', async () => 'other job');
      release();
      assert.equal(await first, 'first');
      assert.equal(second, engine.name === 'postgres' ? undefined : 'second', 'skipped while the other runs (PostgreSQL)');
      assert.equal(other, 'other job', 'another job is not held up');
      assert.equal(await two!.runExclusive('purge', async () => 'after'), 'after', 'free once the first ended');
      await assert.rejects(
        one!.runExclusive('purge', async () => {
          throw new Error('job failed');
        }),
        /job failed/,
      );
      assert.equal(await two!.runExclusive('purge', async () => 'after a failure'), 'after a failure', 'a failed job frees it too');
    });

    test('usage: joins are counted per day, tenant, room and role, and rooms with recent joins are found by back end', async () => {
      const {
        stores: [store],
      } = await fresh();
      const join = { day: '2026-03-01', tenant: 'tsv', room: 'training', backend: 'bbb' } as const;
      await store!.countJoin({ ...join, role: 'attendee' }, NOW);
      await store!.countJoin({ ...join, role: 'attendee' }, NOW + 1000);
      await store!.countJoin({ ...join, role: 'moderator' }, NOW);
      await store!.countJoin({ ...join, day: '2026-03-02', role: 'attendee' }, NOW + DAY);
      await store!.countJoin({ ...join, tenant: 'sv', room: 'vorstand', backend: 'meet', role: 'attendee' }, NOW);
      const { joins } = await store!.usage({ from: '2026-03-01', to: '2026-03-01', tenants: ['tsv'] });
      assert.deepEqual(joins, [
        { ...join, role: 'attendee', joins: 2 },
        { ...join, role: 'moderator', joins: 1 },
      ]);
      assert.equal((await store!.usage({ from: '2026-03-01', to: '2026-03-02' })).joins.length, 4, 'all tenants, both days');
      assert.deepEqual(await store!.recentJoinRooms('bbb', NOW + 1), [{ tenant: 'tsv', room: 'training' }]);
      assert.deepEqual(await store!.recentJoinRooms('bbb', NOW + DAY + 1), []);
      assert.deepEqual(await store!.recentJoinRooms('meet', NOW), [{ tenant: 'sv', room: 'vorstand' }]);
    });

    test('usage: a conference is saved while it goes on, ended once into its day, and purged while the aggregate stays', async () => {
      const {
        stores: [store, other],
      } = await fresh(2);
      const conference = {
        id: 'conf-1',
        backend: 'bbb',
        tenant: 'tsv',
        room: 'training',
        instance: '1772366400000',
        startedAt: NOW,
        endedAt: null,
        lastSampleAt: NOW,
        lastCount: 2,
        peak: 2,
        participants: 2,
        participantMs: 0,
        conferenceMs: 0,
      };
      await store!.saveConference(conference);
      const later = {
        ...conference,
        lastSampleAt: NOW + 60_000,
        lastCount: 3,
        peak: 3,
        participants: 3,
        participantMs: 120_000,
        conferenceMs: 60_000,
      };
      await store!.saveConference(later);
      assert.deepEqual(await other!.openConferences('bbb'), [later]);
      assert.deepEqual(await other!.openConferences('meet'), []);
      const ended = {
        ...later,
        endedAt: NOW + 120_000,
        lastSampleAt: NOW + 120_000,
        lastCount: 0,
        participantMs: 300_000,
        conferenceMs: 120_000,
      };
      // Two instances end it at the same moment (the sampler and a callback): it counts once.
      const results = await Promise.all([store!.endConference(ended, '2026-03-01'), other!.endConference(ended, '2026-03-01')]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.deepEqual(await store!.openConferences('bbb'), []);
      await store!.saveConference({ ...later, participants: 99 });
      await store!.endConference({ ...ended, participants: 99 }, '2026-03-01');
      const second = { ...ended, id: 'conf-2', room: 'vorstand', participants: 1, peak: 1, participantMs: 60_000, conferenceMs: 60_000 };
      await store!.endConference(second, '2026-03-01');
      await store!.endConference({ ...second, id: 'conf-3', room: 'training', peak: 5 }, '2026-03-01');
      const day = (room: string, figures: object): object => ({ day: '2026-03-01', tenant: 'tsv', room, ...figures });
      const expected = [
        day('training', { conferences: 2, participants: 4, peak: 5, participantMs: 360_000, conferenceMs: 180_000 }),
        day('vorstand', { conferences: 1, participants: 1, peak: 1, participantMs: 60_000, conferenceMs: 60_000 }),
      ];
      assert.deepEqual((await other!.usage({ from: '2026-03-01', to: '2026-03-31' })).days, expected);
      assert.deepEqual((await other!.usage({ from: '2026-03-01', to: '2026-03-31', tenants: ['sv'] })).days, []);
      assert.deepEqual(
        await other!.usage({ from: '2026-03-01', to: '2026-03-31', tenants: [] }),
        { days: [], joins: [] },
        'a region without tenants',
      );
      assert.deepEqual((await other!.usage({ from: '2026-03-02', to: '2026-03-31' })).days, []);
      assert.equal(await store!.purgeConferences(NOW + 120_000), 0, 'ended at the cutoff: kept');
      assert.equal(await store!.purgeConferences(NOW + 120_001), 3);
      assert.deepEqual((await store!.usage({ from: '2026-03-01', to: '2026-03-01' })).days, expected, 'the aggregates stay');
    });

    test('open conferences: stored with their host invite under the ceiling; the challenge works once; expiry moves on, never back', async () => {
      const {
        stores: [store],
      } = await fresh();
      const room = openRoom('o-apfel-hafen-wolke-birne-stern-tisch-47');
      const host = invite('openhost001', { room: room.id, expiresAt: NOW + 400 * DAY });
      assert.equal(await store!.createOpenRoom(room, host, challenge('open-1'), 2, NOW), 'created');
      assert.deepEqual(await store!.getOpenRoom('tsv', room.id), room);
      assert.deepEqual(await store!.getInvite('openhost001'), host);
      assert.equal(await store!.getOpenRoom('other', room.id), undefined, 'by tenant');
      const second = openRoom('o-apfel-hafen-wolke-birne-stern-tisch-48');
      assert.equal(
        await store!.createOpenRoom(second, invite('openhost002', { room: second.id }), challenge('open-1'), 5, NOW),
        'challenge_used',
      );
      assert.equal(await store!.getOpenRoom('tsv', second.id), undefined, 'nothing stored');
      assert.equal(await store!.createOpenRoom(second, invite('openhost002', { room: second.id }), challenge('open-2'), 5, NOW), 'created');
      const third = openRoom('o-apfel-hafen-wolke-birne-stern-tisch-49');
      assert.equal(await store!.createOpenRoom(third, invite('openhost003', { room: third.id }), challenge('open-3'), 2, NOW), 'full');
      assert.equal(await store!.getInvite('openhost003'), undefined, 'nothing stored');
      assert.equal(
        await store!.createOpenRoom(third, invite('openhost003', { room: third.id }), challenge('open-3'), 2, NOW + DAY + 1),
        'created',
        'the full challenge was not used; expired rooms do not count',
      );

      await store!.extendOpenRoom('tsv', room.id, NOW + 3 * DAY);
      assert.equal((await store!.getOpenRoom('tsv', room.id))!.expiresAt, NOW + 3 * DAY);
      await store!.extendOpenRoom('tsv', room.id, NOW + 2 * DAY);
      assert.equal((await store!.getOpenRoom('tsv', room.id))!.expiresAt, NOW + 3 * DAY, 'never back');
    });

    test('open conferences: two connections at the last free place store one room', async () => {
      const {
        stores: [one, two],
      } = await fresh(2);
      const a = openRoom('o-kiste-hafen-wolke-birne-stern-tisch-10');
      const b = openRoom('o-kiste-hafen-wolke-birne-stern-tisch-11');
      const results = await Promise.all([
        one!.createOpenRoom(a, invite('openhosta01', { room: a.id }), challenge('race-a'), 1, NOW),
        two!.createOpenRoom(b, invite('openhostb01', { room: b.id }), challenge('race-b'), 1, NOW),
      ]);
      assert.deepEqual(results.sort(), ['created', 'full']);
    });

    test("purge deletes open conferences and their hosts' invites 30 days after they expired, and no earlier", async () => {
      const {
        stores: [store],
      } = await fresh();
      const old = openRoom('o-kiste-hafen-wolke-birne-stern-tisch-20', { expiresAt: NOW - 31 * DAY });
      const recent = openRoom('o-kiste-hafen-wolke-birne-stern-tisch-21', { expiresAt: NOW - 29 * DAY });
      await store!.createOpenRoom(
        old,
        invite('openold0001', { room: old.id, expiresAt: NOW + 300 * DAY }),
        challenge('p-old'),
        10,
        NOW - 40 * DAY,
      );
      await store!.createOpenRoom(
        recent,
        invite('openrec0001', { room: recent.id, expiresAt: NOW + 300 * DAY }),
        challenge('p-rec'),
        10,
        NOW - 40 * DAY,
      );
      await store!.purge(new Map(), NOW - 90 * DAY, NOW);
      assert.equal(await store!.getOpenRoom('tsv', old.id), undefined);
      assert.equal(await store!.getInvite('openold0001'), undefined);
      assert.deepEqual(await store!.getOpenRoom('tsv', recent.id), recent, 'an expired link still says "expired" for 30 days');
      assert.ok(await store!.getInvite('openrec0001'));
    });

    test(`a store opened again finds everything, at schema version ${SCHEMA_VERSION}`, async () => {
      const {
        place,
        stores: [store],
      } = await fresh();
      await store!.createBooking(record('r00000000001'), created(), challenge('c1'));
      await store!.close();
      const again = await place.open();
      open.push(again);
      assert.equal((await again.getBooking('r00000000001'))!.title, 'Jahreshauptversammlung');
      assert.equal(await again.createBooking(record('r00000000002'), created(), challenge('c1')), false, 'the used challenge too');
    });
  });
  clubConformance(engine);
}
