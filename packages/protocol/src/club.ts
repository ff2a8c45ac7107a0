/**
 * Clubs that register themselves: the registration form's request, what the
 * operator sees, and what the club's contact person manages (the club's rooms).
 */
import type { TenantTheme } from './tenant.js';

/** What kind of group a club is. */
export type ClubKind = 'club' | 'self-help' | 'council' | 'initiative';

/** Every {@link ClubKind}, in the order the form offers them. */
export const CLUB_KINDS: readonly ClubKind[] = ['club', 'self-help', 'council', 'initiative'];

/**
 * Where a club stands: `unconfirmed` until the contact person confirmed the
 * address (such a club is deleted after the configured hours), `pending` until
 * the operator decided, then `active`, `rejected` or `suspended`.
 */
export type ClubStatus = 'unconfirmed' | 'pending' | 'active' | 'suspended' | 'rejected';

/**
 * Who may start a meeting in a club's room: `anyone` (the first visitor
 * moderates), `moderator-code` (whoever has the room's moderator code), or
 * `invite` (only visitors with an invite link come in at all).
 */
export type ClubRoomStart = 'anyone' | 'moderator-code' | 'invite';

/** Every {@link ClubRoomStart}. */
export const CLUB_ROOM_STARTS: readonly ClubRoomStart[] = ['anyone', 'moderator-code', 'invite'];

/** Limits of a club's fields (the form and the server check the same ones). */
export const CLUB_LIMITS = {
  /** Club and room names. */
  nameMax: 120,
  /** Names of persons. */
  personMax: 100,
  /** Access and moderator codes: at least this many characters. */
  codeMin: 4,
} as const;

/** A region a club may belong to, from the operator's list (`GET /v1/clubs/form`). */
export interface ClubRegion {
  id: string;
  name: string;
}

/** Answer of `GET /v1/clubs/form`: what the registration form offers and links. */
export interface ClubForm {
  regions: ClubRegion[];
  kinds: ClubKind[];
  /** The operator's terms of use (https). */
  termsUrl: string;
  /** The operator's privacy policy (https). */
  privacyUrl: string;
  /** How long the confirmation link works, in hours. */
  confirmHours: number;
}

/** `POST /v1/clubs`: a registration. */
export interface ClubRegistration {
  name: string;
  kind: ClubKind;
  /** The club's website, e.g. `https://www.tsv-musterstadt.de`: its origin is allowed once the operator approved. */
  website: string;
  region: string;
  contactName: string;
  contactEmail: string;
  deputyName?: string;
  deputyEmail?: string;
  language?: 'de' | 'en';
  /** The terms and the privacy policy are agreed to. */
  consent: true;
  /** The solved proof of work (`GET /v1/clubs/challenge`). */
  altcha: string;
  /** The honeypot: must be empty or absent. */
  homepage?: string;
}

/** Answer of `POST /v1/clubs` (`202`): a mail with the confirmation link is on its way. */
export interface ClubRegistered {
  /** Always `unconfirmed`. */
  status: 'unconfirmed';
  /** When the confirmation link stops working (ISO 8601). */
  confirmBy: string;
}

/** A club as the operator sees it (`/v1/admin/clubs`). */
export interface AdminClub {
  id: string;
  status: ClubStatus;
  name: string;
  kind: ClubKind;
  region: string;
  /** The origins the club asked for (`website`) and, once active, may embed on. */
  origins: string[];
  /** Another website origin the club asked for from its page, awaiting the operator (`allow-origin` or `refuse-origin`). */
  originRequest: string | null;
  contactName: string;
  contactEmail: string;
  deputyName: string | null;
  deputyEmail: string | null;
  language: 'de' | 'en';
  /** The back end of its rooms. */
  backend: string;
  /** Why it was rejected or suspended. */
  reason: string | null;
  rooms: number;
  createdAt: string;
  confirmedAt: string | null;
  decidedAt: string | null;
}

/** A room of a club, as its contact person sees it (`/v1/club/rooms`). */
export interface ClubRoom {
  id: string;
  name: string;
  start: ClubRoomStart;
  /** Whether visitors need an access code (never the code itself). */
  accessCode: boolean;
  /** Whether a moderator code is set. */
  moderatorCode: boolean;
  /** Guests wait until a moderator admits them. */
  waitingRoom: boolean;
  /** Microphones are off when someone enters. */
  muteOnEntry: boolean;
  /** Everyone who joins moderates. */
  allModerators: boolean;
  /** Recording may be started. */
  recording: boolean;
  /** The two lines to paste into the club's website. */
  embed: string;
}

/** Answer of `GET /v1/club`: the signed-in contact person's club. */
export interface ClubView {
  id: string;
  name: string;
  status: ClubStatus;
  region: string;
  origins: string[];
  /** Another website origin asked for, awaiting the operator's decision. */
  originRequest: string | null;
  /** The club's logo (an https URL) and colours, as its tenant shows them. */
  logoUrl: string | null;
  theme: TenantTheme | null;
  language: 'de' | 'en';
  rooms: ClubRoom[];
  /** How many rooms the club may have. */
  maxRooms: number;
}

/** A link of a club's room that still works, as `GET /v1/club/invites` lists it (never its token). */
export interface ClubInvite {
  /** The invite's id (its `jti`): `DELETE /v1/club/invites/{id}` revokes it. */
  id: string;
  room: string;
  role: 'moderator' | 'attendee';
  createdAt: string;
  expiresAt: string;
}
