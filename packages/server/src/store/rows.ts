// The store's rows as SQLite holds them, and their mapping to and from the records of `types.ts`.
import type { BookingStatus } from '@vereinsraum/protocol';
import type { BookingChat, BookingRecord, ChatConfirmation, ConferenceRecord, InviteRecord, OpenRoomRecord, StoredMail } from './types.js';

export interface BookingRow {
  id: string;
  tenant: string;
  kind: string;
  status: string;
  title: string;
  organisation: string;
  contact_name: string;
  contact_email: string;
  email_key: string;
  expected_participants: number;
  language: string;
  dates: string;
  first_start: number;
  last_end: number;
  room: string | null;
  invites: string | null;
  chat: string | null;
  manage_kid: string | null;
  manage_hash: Uint8Array | null;
  created_at: number;
  updated_at: number;
}

export interface ChatConfirmationRow {
  id: string;
  code_hash: string;
  tenant: string;
  room: string;
  channel_id: string;
  user_id: string;
  role: string;
  expires_at: number;
  wrong: number;
}

export interface InviteRow {
  id: string;
  tenant: string;
  room: string;
  role: string;
  kind: string | null;
  booking_id: string | null;
  not_before: number | null;
  expires_at: number;
  secret_hash: Uint8Array;
  kid: string;
  created_at: number;
}

export interface MailRow {
  id: number;
  booking_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  attachments: string;
  created_at: number;
  sent_at: number | null;
  attempts: number;
  last_error: string | null;
}

export function toRow(b: BookingRecord): BookingRow {
  return {
    id: b.id,
    tenant: b.tenant,
    kind: b.kind,
    status: b.status,
    title: b.title,
    organisation: b.organisation,
    contact_name: b.contactName,
    contact_email: b.contactEmail,
    email_key: b.emailKey,
    expected_participants: b.expectedParticipants,
    language: b.language,
    dates: JSON.stringify(b.dates),
    first_start: b.firstStart,
    last_end: b.lastEnd,
    room: b.room,
    invites: b.invites ? JSON.stringify(b.invites) : null,
    chat: b.chat ? JSON.stringify(b.chat) : null,
    manage_kid: b.manage?.kid ?? null,
    manage_hash: b.manage ? Buffer.from(b.manage.hash) : null,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

export function fromRow(r: BookingRow): BookingRecord {
  return {
    id: r.id,
    tenant: r.tenant,
    kind: r.kind as BookingRecord['kind'],
    status: r.status as BookingStatus,
    title: r.title,
    organisation: r.organisation,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    emailKey: r.email_key,
    expectedParticipants: r.expected_participants,
    language: r.language as 'de' | 'en',
    dates: JSON.parse(r.dates) as BookingRecord['dates'],
    firstStart: r.first_start,
    lastEnd: r.last_end,
    room: r.room,
    invites: r.invites ? (JSON.parse(r.invites) as BookingRecord['invites']) : null,
    ...(r.chat ? { chat: JSON.parse(r.chat) as BookingChat } : {}),
    ...(r.manage_kid && r.manage_hash ? { manage: { kid: r.manage_kid, hash: new Uint8Array(r.manage_hash) } } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function mailFromRow(r: MailRow): StoredMail {
  return {
    id: r.id,
    bookingId: r.booking_id,
    kind: r.kind,
    to: r.recipient,
    subject: r.subject,
    text: r.body,
    attachments: JSON.parse(r.attachments) as StoredMail['attachments'],
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: r.attempts,
    lastError: r.last_error,
  };
}

export function inviteToRow(invite: InviteRecord): InviteRow {
  return {
    id: invite.id,
    tenant: invite.tenant,
    room: invite.room,
    role: invite.role,
    kind: invite.kind,
    booking_id: invite.bookingId,
    not_before: invite.notBefore,
    expires_at: invite.expiresAt,
    secret_hash: Buffer.from(invite.secretHash),
    kid: invite.kid,
    created_at: invite.createdAt,
  };
}

export function inviteFromRow(row: InviteRow): InviteRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    room: row.room,
    role: row.role as InviteRecord['role'],
    kind: row.kind === 'chat' ? 'chat' : null,
    bookingId: row.booking_id,
    notBefore: row.not_before,
    expiresAt: row.expires_at,
    secretHash: new Uint8Array(row.secret_hash),
    kid: row.kid,
    createdAt: row.created_at,
  };
}

export function confirmationFromRow(row: ChatConfirmationRow): ChatConfirmation {
  return {
    id: row.id,
    codeHash: row.code_hash,
    tenant: row.tenant,
    room: row.room,
    channelId: row.channel_id,
    userId: row.user_id,
    role: row.role === 'moderator' ? 'moderator' : 'attendee',
    expiresAt: row.expires_at,
  };
}

/** A `usage_conferences` row. */
export interface ConferenceRow {
  id: string;
  backend: string;
  tenant: string;
  room: string;
  instance: string;
  started_at: number;
  ended_at: number | null;
  last_sample_at: number;
  last_count: number;
  peak: number;
  participants: number;
  participant_ms: number;
  conference_ms: number;
}

export function conferenceToRow(c: ConferenceRecord): ConferenceRow {
  return {
    id: c.id,
    backend: c.backend,
    tenant: c.tenant,
    room: c.room,
    instance: c.instance,
    started_at: c.startedAt,
    ended_at: c.endedAt,
    last_sample_at: c.lastSampleAt,
    last_count: c.lastCount,
    peak: c.peak,
    participants: c.participants,
    participant_ms: c.participantMs,
    conference_ms: c.conferenceMs,
  };
}

export function conferenceFromRow(r: ConferenceRow): ConferenceRecord {
  return {
    id: r.id,
    backend: r.backend,
    tenant: r.tenant,
    room: r.room,
    instance: r.instance,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    lastSampleAt: r.last_sample_at,
    lastCount: r.last_count,
    peak: r.peak,
    participants: r.participants,
    participantMs: r.participant_ms,
    conferenceMs: r.conference_ms,
  };
}

/** A `usage_daily` row as the reports read it (column aliases in camelCase). */
export const DAILY_COLUMNS =
  'day, tenant, room, conferences, participants, peak, participant_ms AS "participantMs", conference_ms AS "conferenceMs"';

/** An open conference's row, on either engine. */
export interface OpenRoomRow {
  tenant: string;
  id: string;
  title: string | null;
  backend: string;
  created_at: number;
  expires_at: number;
}

export function openRoomToRow(room: OpenRoomRecord): OpenRoomRow {
  return {
    tenant: room.tenant,
    id: room.id,
    title: room.title,
    backend: room.backend,
    created_at: room.createdAt,
    expires_at: room.expiresAt,
  };
}

export function openRoomFromRow(row: OpenRoomRow): OpenRoomRecord {
  return {
    tenant: row.tenant,
    id: row.id,
    title: row.title,
    backend: row.backend,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
