// The operator's bookings API: the tenants it may see, the list with its
// filters, and cancelling a booking (every refusal with its code, the invites
// refused afterwards, the mail with its calendar file, races with approval).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminBooking, AdminTenantList, BookingCreated } from '@vereinsraum/protocol';
import { BookingService } from '../src/bookings/service.ts';
import { parseConfig } from '../src/config/index.ts';
import { ConfigDirectory } from '../src/directory.ts';
import { generateKeySet, type KeySet } from '../src/keys.ts';
import { StoreRevocations } from '../src/revocations.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { BookingRecord, Store } from '../src/store/types.ts';
import { ADMIN, bookingConfig, type BookingStack, HOUR, PAGE_ORIGIN, startBookingStack } from './booking-stack.ts';
import { env } from './stack.ts';

/** The id of a short invite (`<id>.<secret>`): what revocations are kept by. */
function inviteId(token: string): string {
  const match = /^([\w-]{11})\.[\w-]{22}$/.exec(token);
  assert.ok(match, `${token} is a short invite`);
  return match[1]!;
}

async function problem(response: Response, status: number, code: string, field?: string): Promise<void> {
  const body = (await response.json()) as { code: string; field?: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.code, code);
  if (field !== undefined) assert.equal(body.field, field);
}

const invite = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!;

describe('the admin API for bookings: tenants, filters, cancel', () => {
  let stack: BookingStack;
  before(async () => {
    stack = await startBookingStack({
      bookings: { perClientPerHour: 1000, perEmailPerDay: 1000 },
      sandbox: { mattermost: { botToken: 'mm-bot-token-for-admin-tests', teams: ['verein'] } },
      envExtra: { MM_TOKEN: 'mm-bot-token-for-admin-tests' },
      configure: (raw, sandbox) => {
        (raw.backends as Record<string, unknown>).chat = {
          type: 'mattermost',
          url: sandbox.mattermost!.url,
          tokenEnv: 'MM_TOKEN',
          timeoutMs: 2000,
        };
        const tenants = raw.tenants as Record<string, { name: string; bookings?: Record<string, unknown> }>;
        // A second tenant with bookings, video only; `other` takes none.
        tenants.zweite = {
          ...tenants.tsv!,
          name: 'Zweiter Verein',
          bookings: {
            ...tenants.tsv!.bookings,
            joinPage: 'https://www.zweite.example/raum',
            formPage: 'https://www.zweite.example/buchen',
          },
        };
        tenants.tsv!.bookings!.chat = { backend: 'chat', team: 'verein' };
      },
    });
  });
  after(() => stack.close());

  async function book(overrides: Record<string, unknown> = {}, startInMs = 2 * HOUR): Promise<BookingCreated> {
    const response = await stack.post(
      await stack.body(
        { ...overrides, ...(overrides.tenant ? { altcha: await stack.altcha(overrides.tenant as string) } : {}) },
        startInMs,
      ),
    );
    assert.equal(response.status, 201, await response.clone().text());
    return (await response.json()) as BookingCreated;
  }

  async function approve(id: string): Promise<AdminBooking> {
    const response = await stack.admin(`/bookings/${id}/approve`, { method: 'POST' });
    assert.equal(response.status, 200);
    return (await response.json()) as AdminBooking;
  }

  const cancel = (id: string, body: unknown = { reason: 'Der Saal wird renoviert.' }, init: RequestInit = {}) =>
    stack.admin(`/bookings/${id}/cancel`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), ...init });

  test('GET /v1/admin/tenants: the tenants that take bookings, with what they take', async () => {
    const response = await stack.admin('/tenants');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual((await response.json()) as AdminTenantList, {
      tenants: [
        { id: 'tsv', name: 'TSV Musterstadt', kinds: ['video', 'chat'] },
        { id: 'zweite', name: 'Zweiter Verein', kinds: ['video'] },
      ],
    });
    await problem(await fetch(`${stack.api}/v1/admin/tenants`), 401, 'unauthorized');
    await problem(
      await fetch(`${stack.api}/v1/admin/tenants`, { headers: { authorization: 'Bearer not-the-admin-token-at-all-0123456789' } }),
      401,
      'unauthorized',
    );
    await problem(await stack.admin('/tenants', { headers: { origin: PAGE_ORIGIN } }), 403, 'origin_not_allowed');
    await problem(await stack.admin('/tenants', { method: 'POST', body: '{}' }), 405, 'method_not_allowed');
  });

  test('the list filters by status, tenant and kind, each alone and together', async () => {
    const video = await book({ title: 'Filter Video' });
    const chat = await book({ title: 'Filter Chat', kind: 'chat' });
    const second = await book({ title: 'Filter Zweite', tenant: 'zweite' });
    const rejected = await book({ title: 'Filter Abgelehnt' });
    assert.equal((await stack.admin(`/bookings/${rejected.id}/reject`, { method: 'POST', body: '{}' })).status, 200);
    const ids = async (query: string) => {
      const response = await stack.admin(`/bookings${query}`);
      assert.equal(response.status, 200, query);
      const mine = new Set([video.id, chat.id, second.id, rejected.id]);
      return ((await response.json()).bookings as AdminBooking[])
        .filter((b) => mine.has(b.id))
        .map((b) => b.id)
        .sort();
    };
    const sorted = (...list: string[]) => list.sort();
    assert.deepEqual(await ids(''), sorted(video.id, chat.id, second.id, rejected.id));
    assert.deepEqual(await ids('?status=pending'), sorted(video.id, chat.id, second.id));
    assert.deepEqual(await ids('?status=rejected'), [rejected.id]);
    assert.deepEqual(await ids('?tenant=zweite'), [second.id]);
    assert.deepEqual(await ids('?kind=chat'), [chat.id]);
    assert.deepEqual(await ids('?kind=video&tenant=tsv'), sorted(video.id, rejected.id));
    assert.deepEqual(await ids('?kind=video&tenant=tsv&status=pending'), [video.id]);
    assert.deepEqual(await ids('?kind=chat&tenant=zweite'), []);
    await problem(await stack.admin('/bookings?status=done'), 400, 'invalid_input', 'status');
    await problem(await stack.admin('/bookings?kind=fax'), 400, 'invalid_input', 'kind');
    await problem(await stack.admin('/bookings?kind='), 400, 'invalid_input', 'kind');
    await problem(await stack.admin('/bookings?tenant=nope'), 400, 'invalid_input', 'tenant');
  });

  test('cancelling an approved booking: the invites are refused, the room is gone, audit row and mail with the reason', async () => {
    const created = await book({ title: 'Sommerfest Planung', language: 'de' }, 10 * 60_000);
    const approved = await approve(created.id);
    const links = approved.links!;
    const room = `b-${created.id}`;
    const join = (token: string) =>
      fetch(`${stack.api}/v1/rooms/tsv/${room}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Vorsitz', invite: token }),
      });
    // Before: the moderator link works.
    assert.equal((await (await join(invite(links.moderator))).json()).role, 'moderator');

    const response = await cancel(created.id, { reason: '  Der Saal wird renoviert.\r\nBitte buchen Sie neu.  ' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const cancelled = (await response.json()) as AdminBooking;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.links, null);
    assert.equal(cancelled.room, null);
    const reason = 'Der Saal wird renoviert.\nBitte buchen Sie neu.';
    assert.deepEqual(
      cancelled.audit.map((a) => [a.action, a.actor, a.reason]),
      [
        ['created', 'booker', null],
        ['approved', 'admin-api', null],
        ['cancelled', 'admin-api', reason],
      ],
    );

    // Afterwards: both links are refused, the room is gone, both invites are on the revocation list.
    for (const link of [links.moderator, links.attendee]) {
      await problem(await join(invite(link)), 404, 'room_not_found');
      assert.equal(await stack.store.isRevoked(inviteId(invite(link)), Date.now()), true);
    }
    await problem(await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`), 404, 'room_not_found');
    // The booker's view says so too, without links.
    const view = await (
      await fetch(`${stack.api}/v1/bookings/${created.id}`, { headers: { authorization: `Bearer ${created.manageToken}` } })
    ).json();
    assert.deepEqual([view.status, view.links], ['cancelled', null]);

    // The mail, in the booking's language, with the reason and a calendar file that removes the dates and carries no token.
    const mails = (await stack.store.listMails(1000)).filter((m) => m.bookingId === created.id);
    const approval = mails.find((m) => m.kind === 'approved')!;
    const mail = mails.find((m) => m.kind === 'cancelled');
    assert.ok(mail, 'a cancellation mail in the outbox');
    assert.equal(mail.to, approved.contactEmail);
    assert.equal(mail.subject, 'Buchung abgesagt: Sommerfest Planung');
    assert.ok(mail.text.includes('wir müssen Ihre Buchung leider absagen. Die Links gelten nicht mehr.'), mail.text);
    assert.ok(mail.text.includes(`Grund: ${reason}`), mail.text);
    assert.ok(mail.text.includes('Mit der Kalenderdatei im Anhang entfernen Sie die Termine aus Ihrem Kalender.'));
    assert.equal(mail.attachments.length, 1);
    const [ics] = mail.attachments;
    assert.deepEqual([ics!.filename, ics!.contentType], ['absage.ics', 'text/calendar; charset=utf-8; method=CANCEL']);
    const text = ics!.content.replace(/\r\n /g, '');
    assert.match(text, /^METHOD:CANCEL$/m);
    assert.match(text, /^STATUS:CANCELLED$/m);
    assert.match(text, /^SEQUENCE:1$/m);
    // The same event as in the approval's file, so calendars remove it.
    const uid = (content: string) => /^UID:(.+)$/m.exec(content.replace(/\r\n /g, ''))?.[1];
    assert.equal(uid(text), `${created.id}-1@vereinsraum`);
    assert.equal(uid(text), uid(approval.attachments[0]!.content));
    for (const secret of [invite(links.moderator), invite(links.attendee), 'invite=', 'manage=', created.manageToken]) {
      assert.ok(!text.includes(secret), 'no token in the calendar file');
      assert.ok(!mail.text.includes(secret), 'no token in the mail');
    }
    assert.ok(!stack.logs.join('\n').includes('Saal'), 'the reason is not logged');

    // Once cancelled, nothing more: cancel again, approve, reject, and the booker's own cancel are conflicts.
    await problem(await cancel(created.id), 409, 'booking_conflict');
    await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 409, 'booking_conflict');
    await problem(await stack.admin(`/bookings/${created.id}/reject`, { method: 'POST', body: '{}' }), 409, 'booking_conflict');
    await problem(
      await fetch(`${stack.api}/v1/bookings/${created.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${created.manageToken}` },
      }),
      409,
      'booking_conflict',
    );
  });

  test('cancelling a pending booking: an English mail with the reason, no calendar file', async () => {
    const created = await book({ title: 'Board meeting', language: 'en' });
    const response = await cancel(created.id, { reason: 'The hall is closed that week.' });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as AdminBooking).status, 'cancelled');
    const mail = (await stack.store.listMails(1000)).find((m) => m.bookingId === created.id && m.kind === 'cancelled')!;
    assert.equal(mail.subject, 'Booking cancelled: Board meeting');
    assert.ok(
      mail.text.startsWith('Hello Erika Musterfrau,\n\nwe are sorry: we have to cancel your booking. The links no longer work.'),
      mail.text,
    );
    assert.ok(mail.text.includes('Reason: The hall is closed that week.'));
    assert.deepEqual(mail.attachments, []);
  });

  test('the booker cancelling an approved booking also gets the calendar file that removes the dates', async () => {
    const created = await book({ language: 'en' });
    await approve(created.id);
    assert.equal(
      (
        await fetch(`${stack.api}/v1/bookings/${created.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${created.manageToken}` },
        })
      ).status,
      200,
    );
    const mail = (await stack.store.listMails(1000)).find((m) => m.bookingId === created.id && m.kind === 'cancelled')!;
    assert.ok(mail.text.includes('your booking is cancelled. The links no longer work.'), 'the booker gave no reason: the usual text');
    assert.ok(!mail.text.includes('Reason:'));
    assert.deepEqual(
      mail.attachments.map((a) => a.filename),
      ['cancellation.ics'],
    );
    assert.match(mail.attachments[0]!.content, /^METHOD:CANCEL$/m);
  });

  test('every refusal of cancel, with its code', async () => {
    const pending = await book();
    const path = `${stack.api}/v1/admin/bookings/${pending.id}/cancel`;
    const body = JSON.stringify({ reason: 'Grund' });
    await problem(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 401, 'unauthorized');
    await problem(
      await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-wrong-token-wrong-token' },
        body,
      }),
      401,
      'unauthorized',
    );
    await problem(await cancel(pending.id, { reason: 'Grund' }, { headers: { origin: PAGE_ORIGIN } }), 403, 'origin_not_allowed');
    await problem(await stack.admin(`/bookings/${pending.id}/cancel`), 405, 'method_not_allowed');
    await problem(await stack.admin(`/bookings/${pending.id}/cancel`, { method: 'DELETE' }), 405, 'method_not_allowed');
    await problem(await cancel(pending.id, 'reason=Grund', { headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    await problem(await cancel(pending.id, '{"reason": '), 400, 'invalid_json');
    // No body at all: the reason is missing.
    await problem(await fetch(path, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } }), 400, 'invalid_input', 'reason');
    for (const bad of [
      {},
      { reason: '' },
      { reason: '   \n ' },
      { reason: null },
      { reason: 42 },
      { reason: ['Grund'] },
      { reason: 'r'.repeat(501) },
      { reason: 'Grund\u0000' },
      { reason: 'Grund\u001b[2J' },
      { reason: 'Grund\u202e' },
    ]) {
      await problem(await cancel(pending.id, bad), 400, 'invalid_input', 'reason');
    }
    await problem(await cancel('zzzzzzzzzzzz'), 404, 'booking_not_found');
    await problem(await cancel('NOT-AN-ID'), 404, 'booking_not_found');
    await problem(await stack.admin(`/bookings/${pending.id}/cancel/now`, { method: 'POST', body }), 404, 'not_found');
    // Nothing of that changed the booking: a reason of exactly 500 characters still cancels it.
    assert.equal(((await (await stack.admin(`/bookings/${pending.id}`)).json()) as AdminBooking).status, 'pending');
    assert.equal((await cancel(pending.id, { reason: 'r'.repeat(500) })).status, 200);

    const rejected = await book();
    await stack.admin(`/bookings/${rejected.id}/reject`, { method: 'POST', body: '{}' });
    await problem(await cancel(rejected.id), 409, 'booking_conflict');

    // A booking that is over can no longer be cancelled.
    const over = await book({}, 10 * 60_000);
    await approve(over.id);
    stack.shift(3 * HOUR);
    try {
      await problem(await cancel(over.id), 409, 'booking_conflict');
    } finally {
      stack.shift(-3 * HOUR);
    }
    assert.equal(((await (await stack.admin(`/bookings/${over.id}`)).json()) as AdminBooking).status, 'approved');
  });

  test('cancel and approve at the same time: whichever wins, no invite of a cancelled booking stays valid', async () => {
    for (let round = 0; round < 8; round++) {
      const created = await book({}, 10 * 60_000);
      const [approval, cancellation] = await Promise.all([
        stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }),
        cancel(created.id),
      ]);
      assert.equal(cancellation.status, 200, 'a pending or approved booking can always be cancelled');
      assert.ok([200, 409].includes(approval.status), String(approval.status));
      const final = (await (await stack.admin(`/bookings/${created.id}`)).json()) as AdminBooking;
      assert.equal(final.status, 'cancelled');
      assert.deepEqual(
        final.audit.map((a) => a.action),
        approval.status === 200 ? ['created', 'approved', 'cancelled'] : ['created', 'cancelled'],
      );
      if (approval.status === 200) {
        const links = ((await approval.json()) as AdminBooking).links!;
        for (const link of [links.moderator, links.attendee])
          assert.equal(await stack.store.isRevoked(inviteId(invite(link)), Date.now()), true);
      } else {
        await problem(approval, 409, 'booking_conflict');
      }
    }
  });
});

describe('operator cancel and approval racing in the store transaction (no network)', () => {
  const config = parseConfig(bookingConfig('http://127.0.0.1:1/bigbluebutton/'), { ...env, ADMIN_TOKEN: ADMIN });
  let keys: KeySet;
  let store: SqliteStore;
  before(async () => {
    keys = await generateKeySet();
    store = new SqliteStore(':memory:');
  });
  after(() => store.close());

  const service = (through: Store = store) =>
    new BookingService({
      directory: new ConfigDirectory(config, store),
      store: through,
      keys: async () => keys,
      now: Date.now,
      revocations: new StoreRevocations(store),
      challengeKey: async () => 'test-challenge-key',
    });

  async function pending(): Promise<BookingRecord> {
    const now = Date.now();
    const start = now + 2 * HOUR;
    const id = crypto.randomUUID().replace(/-/g, '').slice(0, 12);
    const record: BookingRecord = {
      id,
      tenant: 'tsv',
      kind: 'video',
      status: 'pending',
      title: 'Vorstandssitzung',
      organisation: 'TSV',
      contactName: 'Erika',
      contactEmail: 'erika@example.org',
      emailKey: 'erika@example.org',
      expectedParticipants: 5,
      language: 'de',
      dates: [{ start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() }],
      firstStart: start,
      lastEnd: start + HOUR,
      room: null,
      invites: null,
      createdAt: now,
      updatedAt: now,
    };
    assert.ok(await store.createBooking(record, { audit: [], mails: [] }, { id: `challenge-${id}`, expiresAt: now + HOUR }));
    return record;
  }

  /** The store as a request saw it that read the booking before another change was written. */
  const readBefore = (record: BookingRecord): Store =>
    Object.assign(Object.create(store) as Store, { getBooking: async () => ({ ...record }) });

  test('a cancel that read the booking as pending, after an approval was written: cancelled, and the new invites revoked', async () => {
    const record = await pending();
    const approved = await service().approve(record.id, 'admin-api');
    const cancelled = await service(readBefore(record)).cancelByOperator(record.id, 'admin-api', 'Renovierung');
    assert.equal(cancelled.status, 'cancelled');
    for (const link of [approved.links!.moderator, approved.links!.attendee]) {
      assert.equal(await store.isRevoked(inviteId(invite(link)), Date.now()), true);
    }
    assert.equal(
      await new ConfigDirectory(config, store).room(config.tenants.get('tsv')!, `b-${record.id}`),
      undefined,
      'the booked room is gone',
    );
  });

  test('an approval that read the booking as pending, after a cancel was written: 409, and the booking stays cancelled without a room', async () => {
    const record = await pending();
    await service().cancelByOperator(record.id, 'admin-api', 'Renovierung');
    await assert.rejects(
      service(readBefore(record)).approve(record.id, 'admin-api'),
      (error: { status?: number; code?: string }) => error.status === 409 && error.code === 'booking_conflict',
    );
    const stored = await store.getBooking(record.id);
    assert.deepEqual([stored?.status, stored?.room, stored?.invites], ['cancelled', null, null]);
    assert.deepEqual(
      (await store.audit(record.id)).map((a) => a.action),
      ['cancelled'],
    );
  });
});
