// Clubs' rows as both engines hold them, and their mapping to and from the records of `clubs.ts`.
import type { ClubKind, ClubRoomStart, ClubStatus } from '@vereinsraum/protocol';
import type { ClubNotice, ClubRecord, ClubRoomRecord } from './clubs.js';

export interface ClubRow {
  id: string;
  status: string;
  name: string;
  kind: string;
  region: string;
  origins: string;
  contact_name: string;
  contact_email: string;
  email_key: string;
  deputy_name: string | null;
  deputy_email: string | null;
  language: string;
  backend: string;
  logo_url: string | null;
  theme: string | null;
  confirm_kid: string | null;
  confirm_hash: Uint8Array | null;
  confirm_by: number | null;
  reason: string | null;
  created_at: number;
  confirmed_at: number | null;
  decided_at: number | null;
  updated_at: number;
  reconfirmed_at: number | null;
  notice: string | null;
  origin_request: string | null;
}

export interface ClubRoomRow {
  club_id: string;
  id: string;
  name: string;
  start: string;
  access_code: string | null;
  moderator_code: string | null;
  waiting_room: number;
  mute_on_entry: number;
  all_moderators: number;
  recording: number;
  created_at: number;
  updated_at: number;
}

export function clubToRow(c: ClubRecord): ClubRow {
  return {
    id: c.id,
    status: c.status,
    name: c.name,
    kind: c.kind,
    region: c.region,
    origins: JSON.stringify(c.origins),
    contact_name: c.contactName,
    contact_email: c.contactEmail,
    email_key: c.emailKey,
    deputy_name: c.deputyName,
    deputy_email: c.deputyEmail,
    language: c.language,
    backend: c.backend,
    logo_url: c.logoUrl,
    theme: c.theme ? JSON.stringify(c.theme) : null,
    confirm_kid: c.confirm?.kid ?? null,
    confirm_hash: c.confirm ? Buffer.from(c.confirm.hash) : null,
    confirm_by: c.confirmBy,
    reason: c.reason,
    created_at: c.createdAt,
    confirmed_at: c.confirmedAt,
    decided_at: c.decidedAt,
    updated_at: c.updatedAt,
    reconfirmed_at: c.reconfirmedAt ?? null,
    notice: c.notice ? JSON.stringify(c.notice) : null,
    origin_request: c.originRequest ? JSON.stringify(c.originRequest) : null,
  };
}

export function clubFromRow(r: ClubRow): ClubRecord {
  return {
    id: r.id,
    status: r.status as ClubStatus,
    name: r.name,
    kind: r.kind as ClubKind,
    region: r.region,
    origins: JSON.parse(r.origins) as string[],
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    emailKey: r.email_key,
    deputyName: r.deputy_name,
    deputyEmail: r.deputy_email,
    language: r.language as 'de' | 'en',
    backend: r.backend,
    logoUrl: r.logo_url,
    theme: r.theme ? (JSON.parse(r.theme) as ClubRecord['theme']) : null,
    confirm: r.confirm_kid && r.confirm_hash ? { kid: r.confirm_kid, hash: new Uint8Array(r.confirm_hash) } : null,
    confirmBy: r.confirm_by,
    reason: r.reason,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    decidedAt: r.decided_at,
    updatedAt: r.updated_at,
    reconfirmedAt: r.reconfirmed_at,
    notice: r.notice ? (JSON.parse(r.notice) as ClubNotice) : null,
    originRequest: r.origin_request ? (JSON.parse(r.origin_request) as ClubRecord['originRequest']) : null,
  };
}

export function clubRoomToRow(room: ClubRoomRecord): ClubRoomRow {
  return {
    club_id: room.club,
    id: room.id,
    name: room.name,
    start: room.start,
    access_code: room.accessCode,
    moderator_code: room.moderatorCode,
    waiting_room: room.waitingRoom ? 1 : 0,
    mute_on_entry: room.muteOnEntry ? 1 : 0,
    all_moderators: room.allModerators ? 1 : 0,
    recording: room.recording ? 1 : 0,
    created_at: room.createdAt,
    updated_at: room.updatedAt,
  };
}

export function clubRoomFromRow(r: ClubRoomRow): ClubRoomRecord {
  return {
    club: r.club_id,
    id: r.id,
    name: r.name,
    start: r.start as ClubRoomStart,
    accessCode: r.access_code,
    moderatorCode: r.moderator_code,
    waitingRoom: r.waiting_room === 1,
    muteOnEntry: r.mute_on_entry === 1,
    allModerators: r.all_moderators === 1,
    recording: r.recording === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The columns `updateClub` may set, from a record's field names. */
export function clubColumns(changes: Partial<ClubRecord>): Partial<ClubRow> {
  const row = clubToRow({ ...EMPTY, ...changes } as ClubRecord) as unknown as Record<string, unknown>;
  const keys = new Set(
    Object.keys(changes).flatMap((key) =>
      key === 'confirm' ? ['confirm_kid', 'confirm_hash'] : [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)],
    ),
  );
  return Object.fromEntries(Object.entries(row).filter(([column]) => keys.has(column))) as Partial<ClubRow>;
}

const EMPTY: ClubRecord = {
  id: '',
  status: 'pending',
  name: '',
  kind: 'club',
  region: '',
  origins: [],
  contactName: '',
  contactEmail: '',
  emailKey: '',
  deputyName: null,
  deputyEmail: null,
  language: 'de',
  backend: '',
  logoUrl: null,
  theme: null,
  confirm: null,
  confirmBy: null,
  reason: null,
  createdAt: 0,
  confirmedAt: null,
  decidedAt: null,
  updatedAt: 0,
  reconfirmedAt: null,
  notice: null,
  originRequest: null,
};
