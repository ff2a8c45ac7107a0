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
