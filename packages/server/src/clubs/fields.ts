// What the club service checks and shows: the fields of a registration and a
// room, and the views of a club for its operator and its contact person.
import {
  ACCESS_CODE_MAX,
  type AdminClub,
  checkBookingText,
  CLUB_LIMITS,
  CLUB_ROOM_STARTS,
  type ClubRoom,
  type ClubRoomStart,
  isEmailAddress,
} from '@vereinsraum/protocol';
import { HttpError } from '../errors.js';
import type { ClubRecord, ClubRoomRecord } from '../store/clubs.js';
import { hashCode } from './codes.js';

/** The two lines a club's webmaster pastes into the club's website. */
export function embedSnippet(origin: string, tenant: string, room: string): string {
  return (
    `<script type="module" src="${origin}/cdn/vereinsraum.js"></script>\n` +
    `<verein-join-room endpoint="${origin}" tenant="${tenant}" room="${room}"></verein-join-room>`
  );
}

/** A link that opens `room` of `tenant` on the server's own join page with an invite. */
export function joinLink(origin: string, tenant: string, room: string, token: string): string {
  return `${origin}/join/${tenant}/${room}#invite=${token}`;
}

export function invalid(field: string, detail: string): HttpError {
  return new HttpError(400, 'invalid_input', detail, field);
}

/** `409 club_conflict`: the club is in a state that does not allow the change. */
export function conflict(club: ClubRecord): HttpError {
  return new HttpError(409, 'club_conflict', `Club '${club.id}' is ${club.status}: that cannot be done now.`);
}

/** A line of text of `body[field]`, trimmed (`null` when optional and absent). */
export function line(body: Record<string, unknown>, field: string, max: number, optional = false): string | null {
  const value = body[field];
  if (optional && (value === undefined || value === null || value === '')) return null;
  const problem = checkBookingText(value, 2, max);
  if (problem === 'missing') throw invalid(field, `${field} is required.`);
  if (problem === 'links') throw invalid(field, `${field} must not contain links or web addresses: it goes into e-mails.`);
  if (problem) throw invalid(field, `${field} must be a text of 2 to ${max} characters without control characters.`);
  return (value as string).trim();
}

/** An e-mail address of `body[field]`, trimmed (`null` when optional and absent). */
export function email(body: Record<string, unknown>, field: string, optional = false): string | null {
  const value = body[field];
  if (optional && (value === undefined || value === null || value === '')) return null;
  if (!isEmailAddress(value)) throw invalid(field, `${field} must be an e-mail address.`);
  return value.trim();
}

/** The origin of the club's website (https; http only on loopback). */
export function websiteOrigin(value: unknown, field = 'website'): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value.trim()) : undefined;
  } catch {
    url = undefined;
  }
  const loopback = url && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
  if (!url || url.username || url.password || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw invalid(field, `${field} must be the address of your website, beginning with https://.`);
  return url.origin;
}

/** An https URL (at most 2000 characters, no user name or password), as given. */
export function httpsUrl(value: unknown, field: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value.trim()) : undefined;
  } catch {
    url = undefined;
  }
  // The length again as stored: the parser's percent-encoding may make an address longer than typed.
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.href.length > 2000)
    throw invalid(field, `${field} must be an address beginning with https://, at most 2000 characters.`);
  return url.href;
}

/** A readable tenant id from a club's name: `TSV Musterstadt 1890 e. V.` → `tsv-musterstadt-1890-e-v`. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'verein';
}

/** A room's settings and name from a request body; `base` for what the body leaves out. */
export async function roomFields(body: Record<string, unknown>, base: ClubRoomRecord): Promise<ClubRoomRecord> {
  const next = { ...base };
  if (body.name !== undefined) next.name = line(body, 'name', CLUB_LIMITS.nameMax)!;
  if (body.start !== undefined) {
    if (!CLUB_ROOM_STARTS.includes(body.start as ClubRoomStart))
      throw invalid('start', `start must be one of ${CLUB_ROOM_STARTS.join(', ')}.`);
    next.start = body.start as ClubRoomStart;
  }
  for (const field of ['waitingRoom', 'muteOnEntry', 'allModerators', 'recording'] as const) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== 'boolean') throw invalid(field, `${field} must be true or false.`);
    next[field] = body[field];
  }
  for (const [field, column] of [
    ['accessCode', 'accessCode'],
    ['moderatorCode', 'moderatorCode'],
  ] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (value === null || value === '') {
      next[column] = null;
      continue;
    }
    if (typeof value !== 'string' || value !== value.trim() || value.length < CLUB_LIMITS.codeMin || value.length > ACCESS_CODE_MAX)
      throw invalid(
        field,
        `${field} must have ${CLUB_LIMITS.codeMin} to ${ACCESS_CODE_MAX} characters and no spaces at either end (or null to remove it).`,
      );
    next[column] = await hashCode(value);
  }
  if (typeof body.accessCode === 'string' && body.accessCode !== '' && body.accessCode === body.moderatorCode)
    throw invalid('moderatorCode', 'The moderator code must differ from the access code.');
  return next;
}

/** A club's room as its contact person sees it. */
export function clubRoomView(origin: string, room: ClubRoomRecord): ClubRoom {
  return {
    id: room.id,
    name: room.name,
    start: room.start,
    accessCode: room.accessCode !== null,
    moderatorCode: room.moderatorCode !== null,
    waitingRoom: room.waitingRoom,
    muteOnEntry: room.muteOnEntry,
    allModerators: room.allModerators,
    recording: room.recording,
    embed: embedSnippet(origin, room.club, room.id),
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A club as the operator sees it. */
export function adminView(club: ClubRecord, rooms: number): AdminClub {
  return {
    id: club.id,
    status: club.status,
    name: club.name,
    kind: club.kind,
    region: club.region,
    origins: [...club.origins],
    originRequest: club.originRequest?.origin ?? null,
    contactName: club.contactName,
    contactEmail: club.contactEmail,
    deputyName: club.deputyName,
    deputyEmail: club.deputyEmail,
    language: club.language,
    backend: club.backend,
    reason: club.reason,
    rooms,
    createdAt: new Date(club.createdAt).toISOString(),
    confirmedAt: iso(club.confirmedAt),
    decidedAt: iso(club.decidedAt),
  };
}
