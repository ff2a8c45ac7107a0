// The store's part for clubs that register themselves: their records, and the
// methods both engines implement (see `Store`, which includes them).
import type { ClubKind, ClubRoomStart, ClubStatus, TenantTheme } from '@vereinsraum/protocol';
import type { InviteRecord, OutboxMail } from './records.js';

/**
 * A club as the store keeps it. The contact person and the deputy are the
 * only personal data; they are deleted with the club. Times are milliseconds
 * since the epoch.
 */
export interface ClubRecord {
  /** The club's tenant id (a slug of its name; never one of the configuration's tenants). */
  id: string;
  status: ClubStatus;
  name: string;
  kind: ClubKind;
  region: string;
  /** The origins of its website: asked for at registration, allowed once it is active. */
  origins: string[];
  contactName: string;
  contactEmail: string;
  /** The contact's address normalised for the per-address limit (`emailLimitKey`). */
  emailKey: string;
  deputyName: string | null;
  deputyEmail: string | null;
  language: 'de' | 'en';
  /** The back end its rooms are held on (an id of the configuration's `backends`). */
  backend: string;
  logoUrl: string | null;
  theme: TenantTheme | null;
  /** The confirmation link's key and the SHA-256 of its secret, until confirmed. */
  confirm: { kid: string; hash: Uint8Array } | null;
  /** An unconfirmed registration is deleted after this time. */
  confirmBy: number | null;
  /** Why it was rejected or suspended. */
  reason: string | null;
  createdAt: number;
  confirmedAt: number | null;
  decidedAt: number | null;
  updatedAt: number;
  /** When the contact person last confirmed that the club still uses the service (the yearly reconfirmation). */
  reconfirmedAt: number | null;
  /** The lifecycle mail the club was sent last and has not answered (see `clubs/lifecycle.ts`). */
  notice: ClubNotice | null;
  /** Another website origin the contact person asked for, until the operator allows or refuses it. */
  originRequest: { origin: string; at: number } | null;
}

/**
 * A lifecycle mail a club has not answered: `reconfirm` (asked to confirm
 * with a link), `reconfirm-warned` (asked again: suspended next),
 * `idle-warned` (its rooms were unused: suspended next unless used); `at` is when it was sent.
 */
export interface ClubNotice {
  kind: 'reconfirm' | 'reconfirm-warned' | 'idle-warned';
  at: number;
}

/** A room of a club. Codes are kept as PBKDF2 hashes (`codes.ts`), never as typed. */
export interface ClubRoomRecord {
  club: string;
  id: string;
  name: string;
  start: ClubRoomStart;
  accessCode: string | null;
  moderatorCode: string | null;
  waitingRoom: boolean;
  muteOnEntry: boolean;
  allModerators: boolean;
  recording: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What a change to a club writes with it, in the same transaction. */
export interface ClubChange {
  mails: OutboxMail[];
  /** Rooms made with the change (an approval's default room). */
  rooms?: ClubRoomRecord[];
  /** Short invites made with the change (an approval's links). */
  invites?: InviteRecord[];
  /** Make the change only if the club's `updatedAt` is still this (nobody changed it since it was read). */
  ifUpdatedAt?: number;
}

/** Filter of {@link ClubStore.listClubs}. */
export interface ClubQuery {
  status?: ClubStatus;
  /** Only clubs of these regions (a scoped operator's). */
  regions?: readonly string[];
  /** Only clubs whose contact has this address (`emailLimitKey`). */
  emailKey?: string;
  limit?: number;
}

/** A contact person's sign-in link: single use, short-lived; only the SHA-256 of its secret. */
export interface ClubSignin {
  id: string;
  club: string;
  secretHash: Uint8Array;
  expiresAt: number;
}

/** A contact person's session: kept by the SHA-256 of its cookie, with the SHA-256 of its CSRF token. */
export interface ClubSession {
  /** SHA-256 (hex) of the session cookie's value. */
  id: string;
  club: string;
  /** SHA-256 (hex) of the CSRF token the club page sends in `X-Vereinsraum-CSRF`. */
  csrfHash: string;
  expiresAt: number;
}

/**
 * A handover of the contact role the contact person asked for, until the new
 * contact confirms it: at most one per club (a new one replaces it), single
 * use, short-lived; only the SHA-256 of its secret.
 */
export interface ClubHandover {
  /** The link's id (`newLinkId`). */
  id: string;
  club: string;
  /** The new contact person. */
  name: string;
  email: string;
  /** `email` normalised (`emailLimitKey`): the club's `emailKey` once confirmed. */
  emailKey: string;
  secretHash: Uint8Array;
  expiresAt: number;
}

/**
 * The store's methods for clubs, their rooms, sign-in links and sessions.
 * Every change is one transaction with the mails (and invites, rooms) it
 * causes; deleting a club deletes its rooms, links, sessions, invites and
 * mails with it, and leaves nothing of it readable in the store's files.
 */
export interface ClubStore {
  /**
   * Store a new (unconfirmed) club with its confirmation mail, and mark the
   * proof-of-work `challenge` as used, in one transaction.
   *
   * @returns `challenge_used` or `id_taken` (and nothing stored) when the challenge was used or the id is taken.
   */
  createClub(
    club: ClubRecord,
    mail: OutboxMail,
    challenge: { id: string; expiresAt: number },
  ): Promise<'created' | 'challenge_used' | 'id_taken'>;
  getClub(id: string): Promise<ClubRecord | undefined>;
  /** Clubs, newest first. */
  listClubs(query: ClubQuery): Promise<ClubRecord[]>;
  /** How many clubs name this contact address (`emailKey`) and were registered at or after `since`. */
  countClubsByEmail(emailKey: string, since: number): Promise<number>;
  /**
   * Change a club that is in one of the `from` states, with the mails, rooms
   * and invites of `change`, in one transaction (a second change at the same
   * moment waits, then finds the new state).
   *
   * @returns the changed club, or `undefined` when it is missing or in another state.
   */
  updateClub(
    id: string,
    from: readonly ClubStatus[],
    changes: Partial<Omit<ClubRecord, 'id' | 'createdAt'>> & { updatedAt: number },
    change: ClubChange,
  ): Promise<ClubRecord | undefined>;
  /**
   * Delete a club and everything of it (rooms, sign-in links, sessions,
   * invites, mails); its data must not stay readable in the store's files.
   *
   * @returns whether there was such a club.
   */
  deleteClub(id: string): Promise<boolean>;
  /** How many rooms each club has, for the clubs named. */
  countClubRooms(ids: readonly string[]): Promise<Map<string, number>>;

  getClubRoom(club: string, id: string): Promise<ClubRoomRecord | undefined>;
  /** A club's rooms, by id. */
  listClubRooms(club: string): Promise<ClubRoomRecord[]>;
  /**
   * Add a room unless its id is taken or the club has `maxRooms` rooms
   * already; checked and written in one transaction (two at once cannot pass the limit together).
   */
  createClubRoom(room: ClubRoomRecord, maxRooms: number): Promise<'created' | 'taken' | 'limit'>;
  /** Replace a room's fields. @returns whether it exists. */
  updateClubRoom(room: ClubRoomRecord): Promise<boolean>;
  /** Delete a room and its invites. @returns whether it existed. */
  deleteClubRoom(club: string, id: string): Promise<boolean>;

  /** Keep a sign-in link and its mail, in one transaction; expired links are deleted with it. */
  addClubSignin(signin: ClubSignin, mail: OutboxMail, now: number): Promise<void>;
  /**
   * Use a sign-in link once: when `secretHash` fits (compared in constant
   * time) and it has not expired, it is deleted and its club answered; a used,
   * expired or unknown link answers `undefined`. Two uses at once: one wins.
   */
  useClubSignin(id: string, secretHash: Uint8Array, now: number): Promise<string | undefined>;
  addClubSession(session: ClubSession): Promise<void>;
  /** The session with this id (the cookie's SHA-256), unless expired. */
  getClubSession(id: string, now: number): Promise<ClubSession | undefined>;
  deleteClubSession(id: string): Promise<void>;
  /**
   * Keep a handover of the contact role and its mail (to the new contact), in
   * one transaction; it replaces the club's pending one, and expired ones are deleted with it.
   */
  setClubHandover(handover: ClubHandover, mail: OutboxMail, now: number): Promise<void>;
  /**
   * Confirm a handover once, in one transaction: when the club has one with
   * this `id` whose `secretHash` fits (compared in constant time), which has
   * not expired and the club is active, the club's contact becomes the new
   * person (the old name and address are gone), every session of the club
   * ends, the handover is deleted, and `mail` (to the old contact) is queued.
   *
   * @returns the changed club, or `undefined` (and nothing changed) for an unknown, used, expired or wrong link.
   */
  useClubHandover(club: string, id: string, secretHash: Uint8Array, now: number, mail: OutboxMail): Promise<ClubRecord | undefined>;
  /**
   * When each of the named tenants was last joined (the newest `last_at` of
   * the usage figures' join counts); tenants never joined are missing.
   */
  lastJoins(tenants: readonly string[]): Promise<Map<string, number>>;
  /**
   * The club's invites that have not expired and are not revoked in this
   * store's revocations, newest first, at most 200 (a `Revocations` of its
   * own is the caller's to apply).
   */
  listClubInvites(club: string, now: number): Promise<InviteRecord[]>;
  /**
   * Delete unconfirmed clubs past their `confirmBy` (with their mails), and
   * expired sign-in links, sessions and handovers.
   *
   * @returns how many clubs were deleted.
   */
  purgeClubs(now: number): Promise<number>;
}
