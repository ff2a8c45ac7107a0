// The stories' fake server, part two: bookings (the form's settings, the
// proof-of-work challenge, the booker's manage view) and the operator's admin
// API, as the server helper answers them.
import type { AdminBooking, BookingChallenge, BookingCreated, BookingForm, BookingRequest, BookingStatus } from '@vereinsraum/protocol';
import { json, problem } from './fake-http.js';
import { FAKE_TENANT } from './fake-rooms.js';

/** Tenants of the booking stories and how they behave. */
export const FAKE_BOOKING_TENANTS = {
  /** An operator approves every booking: the result is `pending`. */
  manual: FAKE_TENANT,
  /** Bookings are approved at once: the result has the links. */
  automatic: 'stadt-musterstadt',
  /** The spam-protection challenge and every booking take forever: the form stays "solving" / "submitting". */
  slow: 'tsv-langsam',
  /** Takes no bookings. */
  disabled: 'tsv-ohne-buchung',
} as const;

/** The admin token the fake server accepts. */
export const FAKE_ADMIN_TOKEN = 'story-admin-token';

/** Contact e-mail addresses the fake server refuses (`invalid_input`, field `contactEmail`). */
export const FAKE_REFUSED_EMAIL = 'abgelehnt@example.invalid';

/** Bookings the fake server knows from the start, by status; open them with {@link fakeManageToken}. */
export const FAKE_BOOKINGS = { pending: 'b1pending', approved: 'b2approved', cancelled: 'b3cancelled', rejected: 'b4rejected' } as const;

/** A pending chat booking whose approval fails: the chat server does not answer (`chat_unavailable`). */
export const FAKE_CHAT_BOOKING = 'b6chat';

/** More bookings the operator's list shows: of the city's tenant, one whose dates are over, one cancelled by the operator. */
const FAKE_ADMIN_BOOKINGS = { city: 'b7city', over: 'b8over', withdrawn: 'b9withdrawn' } as const;

/** The tenants the fake admin token may see (`GET /v1/admin/tenants`). */
const ADMIN_TENANTS = [
  { id: FAKE_BOOKING_TENANTS.automatic, name: 'Stadt Musterstadt', kinds: ['video'] },
  { id: FAKE_TENANT, name: 'TSV Musterstadt', kinds: ['video', 'chat'] },
] as const;

/** A manage token for a fake booking, shaped like the server's (a JWT whose `sub` is the booking id), unsigned. */
export function fakeManageToken(id: string): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: id, aud: 'vereinsraum:manage' })}.story`;
}

const bookings = new Map<string, AdminBooking>();
let nextId = 1;

function day(offsetDays: number, time: string): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function links(id: string) {
  return {
    moderator: `https://www.tsv-musterstadt.example/raum#invite=moderator-${id}&room=b-${id}`,
    attendee: `https://www.tsv-musterstadt.example/raum#invite=attendee-${id}&room=b-${id}`,
  };
}

function makeBooking(id: string, status: BookingStatus, tenant: string, fields: Partial<AdminBooking> = {}): AdminBooking {
  return {
    id,
    kind: 'video',
    tenant,
    status,
    title: 'Jahreshauptversammlung',
    organisation: 'Förderverein Grundschule',
    dates: [{ start: day(7, '19:00'), end: day(7, '21:00') }],
    room: status === 'approved' ? `${tenant}/b-${id}` : null,
    links: status === 'approved' ? links(id) : null,
    manageUrl: `https://www.tsv-musterstadt.example/buchen#manage=${fakeManageToken(id)}`,
    contactName: 'Erika Musterfrau',
    contactEmail: 'erika@example.org',
    expectedParticipants: 25,
    language: 'de',
    createdAt: new Date().toISOString(),
    trusted: false,
    audit: [],
    ...fields,
  };
}

export function seedBookings(): void {
  bookings.clear();
  for (const [status, id] of Object.entries(FAKE_BOOKINGS)) bookings.set(id, makeBooking(id, status as BookingStatus, FAKE_TENANT));
  bookings.set(
    'b5pending',
    makeBooking('b5pending', 'pending', FAKE_TENANT, {
      title: 'Elternabend Klasse 3b',
      organisation: 'Grundschule am Park',
      contactName: 'Max Mustermann',
      contactEmail: 'max@example.org',
      expectedParticipants: 40,
      dates: [0, 1, 2].map((week) => ({ start: day(3 + 7 * week, '18:30'), end: day(3 + 7 * week, '20:00') })),
    }),
  );
  bookings.set(
    FAKE_CHAT_BOOKING,
    makeBooking(FAKE_CHAT_BOOKING, 'pending', FAKE_TENANT, {
      kind: 'chat',
      title: 'Austausch Trainerinnen',
      organisation: 'TSV Musterstadt',
      dates: [{ start: day(5, '20:00'), end: day(5, '21:00') }],
    }),
  );
  // What the operator's list shows besides: who decided, and why.
  const audit = (action: AdminBooking['audit'][number]['action'], actor: string, reason: string | null = null) => ({
    action,
    actor,
    at: new Date().toISOString(),
    reason,
  });
  bookings.get(FAKE_BOOKINGS.rejected)!.audit = [
    audit('created', 'booker'),
    audit('rejected', 'admin-api', 'Der Raum ist an diesem Abend schon belegt.'),
  ];
  bookings.get(FAKE_BOOKINGS.cancelled)!.audit = [audit('created', 'booker'), audit('approved', 'admin-api'), audit('cancelled', 'booker')];
  bookings.set(
    FAKE_ADMIN_BOOKINGS.city,
    makeBooking(FAKE_ADMIN_BOOKINGS.city, 'approved', FAKE_BOOKING_TENANTS.automatic, {
      title: 'Bürgersprechstunde Ehrenamt',
      organisation: 'Freiwilligenagentur Musterstadt',
      contactName: 'Dr. Maximiliane Langname-Beispielhausen',
      contactEmail: 'maximiliane.langname-beispielhausen@freiwilligenagentur-musterstadt.example',
      expectedParticipants: 12,
      dates: Array.from({ length: 10 }, (_, week) => ({ start: day(2 + 7 * week, '17:00'), end: day(2 + 7 * week, '18:30') })),
    }),
  );
  bookings.set(
    FAKE_ADMIN_BOOKINGS.over,
    makeBooking(FAKE_ADMIN_BOOKINGS.over, 'approved', FAKE_TENANT, {
      title: 'Mitgliederversammlung',
      dates: [{ start: day(-3, '19:00'), end: day(-3, '21:00') }],
    }),
  );
  bookings.set(
    FAKE_ADMIN_BOOKINGS.withdrawn,
    makeBooking(FAKE_ADMIN_BOOKINGS.withdrawn, 'cancelled', FAKE_BOOKING_TENANTS.automatic, {
      title: 'Lesekreis',
      organisation: 'Stadtbibliothek',
      audit: [
        audit('created', 'booker'),
        audit('approved', 'automatic'),
        audit('cancelled', 'admin-api', 'Die Bibliothek ist an diesem Tag geschlossen.'),
      ],
    }),
  );
}
seedBookings();

/** A real ALTCHA challenge (SHA-256, a small number): the element's solver finds it in a moment. */
async function challenge(): Promise<BookingChallenge> {
  const salt = `${Math.random().toString(16).slice(2)}?expires=${Math.floor(Date.now() / 1000) + 600}`;
  const number = Math.floor(Math.random() * 2000);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + number));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return { algorithm: 'SHA-256', challenge: hex, maxnumber: 5000, salt, signature: 'story-signature' };
}

const forever = () => new Promise<Response>(() => {});

function bookingForm(tenant: string): BookingForm {
  return {
    tenant,
    name: tenant === FAKE_BOOKING_TENANTS.automatic ? 'Stadt Musterstadt' : 'TSV Musterstadt',
    consentText: {
      de: 'Ich bin einverstanden, dass meine Angaben zur Bearbeitung dieser Buchung gespeichert und 90 Tage nach dem letzten Termin gelöscht werden.',
      en: 'I agree that my details are stored to handle this booking and deleted 90 days after the last date.',
    },
    privacyUrl: 'https://www.tsv-musterstadt.example/datenschutz',
    approval: tenant === FAKE_BOOKING_TENANTS.automatic ? 'automatic' : 'manual',
    maxDurationMinutes: 480,
    maxWeeks: 12,
    retentionDays: 90,
    language: 'de',
    // The club has a Mattermost team: it also takes chat bookings.
    kinds: tenant === FAKE_BOOKING_TENANTS.manual ? ['video', 'chat'] : ['video'],
  };
}

/**
 * The admin API: the tenants, the list with its filters (by first date, as
 * the server sorts it), approve and reject of open requests, cancel (with a
 * reason) of open and approved ones whose dates are not over.
 */
function answerAdmin(url: URL, init: RequestInit | undefined, authorized: boolean): Response {
  if (!authorized) return problem(401, 'unauthorized');
  const [, , , what, id, decision] = url.pathname.split('/');
  if (what === 'tenants') return json({ tenants: ADMIN_TENANTS });
  if (!id) {
    const query = url.searchParams;
    const shown = [...bookings.values()].filter((b) =>
      (['status', 'tenant', 'kind'] as const).every((name) => !query.get(name) || b[name] === query.get(name)),
    );
    return json({ bookings: shown.sort((a, b) => Date.parse(a.dates[0]!.start) - Date.parse(b.dates[0]!.start)) });
  }
  const booking = bookings.get(id);
  if (!booking) return problem(404, 'booking_not_found');
  const reason = (JSON.parse(String(init?.body ?? '{}')) as { reason?: string }).reason ?? null;
  if (decision === 'cancel' && !reason?.trim()) return problem(400, 'invalid_input', 'reason');
  const from = decision === 'cancel' ? ['pending', 'approved'] : ['pending'];
  if (!from.includes(booking.status) || Date.parse(booking.dates.at(-1)!.end) < Date.now()) return problem(409, 'booking_conflict');
  if (id === FAKE_CHAT_BOOKING && decision === 'approve') return problem(502, 'chat_unavailable');
  const status: BookingStatus = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'cancelled';
  Object.assign(booking, {
    status,
    ...(status === 'approved' ? { links: links(id), room: `${booking.tenant}/b-${id}` } : { links: null, room: null }),
  });
  booking.audit = [...booking.audit, { action: status, actor: 'admin-api', at: new Date().toISOString(), reason }];
  return json(booking);
}

/** `/v1/bookings…` and `/v1/admin/…`. */
export async function answerBooking(url: URL, init: RequestInit | undefined): Promise<Response> {
  const method = init?.method ?? 'GET';
  const auth = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
  const parts = url.pathname.split('/').slice(1);
  const tenant = url.searchParams.get('tenant') ?? '';
  if (parts[1] === 'admin') return answerAdmin(url, init, auth === FAKE_ADMIN_TOKEN);
  const [, , id, rest] = parts;
  if (id === 'form') {
    if (tenant === FAKE_BOOKING_TENANTS.disabled) return problem(403, 'bookings_disabled');
    return json(bookingForm(tenant));
  }
  if (id === 'challenge') return tenant === FAKE_BOOKING_TENANTS.slow ? forever() : json(await challenge());
  if (!id && method === 'POST') {
    const body = JSON.parse(String(init?.body ?? '{}')) as BookingRequest;
    if (body.tenant === FAKE_BOOKING_TENANTS.slow) return forever();
    if (!body.altcha) return problem(400, 'challenge_failed');
    if (body.contactEmail === FAKE_REFUSED_EMAIL) return problem(400, 'invalid_input', 'contactEmail');
    const newId = `b${100 + nextId++}story`;
    const weeks = body.weeks ?? 1;
    const length = Date.parse(body.end) - Date.parse(body.start);
    const dates = Array.from({ length: weeks }, (_, week) => {
      const start = Date.parse(body.start) + week * 7 * 86_400_000;
      return { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
    });
    const status = body.tenant === FAKE_BOOKING_TENANTS.automatic ? 'approved' : 'pending';
    const booking = makeBooking(newId, status, body.tenant, {
      kind: body.kind,
      title: body.title,
      organisation: body.organisation,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      expectedParticipants: body.expectedParticipants,
      dates,
    });
    bookings.set(newId, booking);
    const created: BookingCreated = { ...booking, manageToken: fakeManageToken(newId) };
    return new Response(JSON.stringify(created), { status: 201, headers: { 'content-type': 'application/json' } });
  }
  const booking = id ? bookings.get(id) : undefined;
  if (!booking || auth !== fakeManageToken(id!)) return problem(404, 'booking_not_found');
  if (rest === 'calendar.ics') {
    return new Response(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vereinsraum//Story//DE\r\nEND:VCALENDAR\r\n`, {
      headers: { 'content-type': 'text/calendar' },
    });
  }
  if (method === 'DELETE') {
    if (booking.status !== 'pending' && booking.status !== 'approved') return problem(409, 'booking_conflict');
    Object.assign(booking, { status: 'cancelled', links: null });
  }
  return json(booking);
}
