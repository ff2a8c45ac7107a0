import { INVITE_AUDIENCE, INVITE_MAX, type InviteClaims, type Role } from '@vereinsraum/protocol';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from './errors.js';
import type { KeySet } from './keys.js';
import { linkSecret, newLinkId, secretHash, secretMatches, splitLinkToken } from './links.js';
import type { Revocations } from './revocations.js';
import type { InviteRecord, Store } from './store/types.js';

/** `iss` of every invite this server helper signs. */
export const INVITE_ISSUER = 'vereinsraum';

/** Longest lifetime of an invite: a bit over a year, for a club's yearly meeting. */
export const INVITE_MAX_SECONDS = 400 * 86_400;

/** What an invite is for. */
export interface InviteSpec {
  tenant: string;
  room: string;
  role: Role;
  /** Lifetime in seconds, from 60 to {@link INVITE_MAX_SECONDS}. */
  expiresInSeconds: number;
  /** Valid from (milliseconds since the epoch), e.g. shortly before a booked meeting; default at once. */
  notBefore?: number;
  /** Milliseconds since the epoch; default `Date.now()`. */
  now?: number;
  /** `chat` for a booked chat room: the element then asks for a Mattermost user name. */
  kind?: 'chat';
}

/** An invite: the token for the link's `#invite=` fragment, and its id for revocation. */
export interface Invite {
  token: string;
  /** What revokes it: a short invite's id, or a signed invite's `jti`. */
  jti: string;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * Sign an invite for one room with the newest EdDSA key of `keys`.
 *
 * @example
 * ```ts
 * const invite = await createInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: 30 * 86400 });
 * const link = `https://www.tsv.example/vorstand#invite=${invite.token}`;
 * ```
 */
export async function createInvite(keys: KeySet, spec: InviteSpec): Promise<Invite> {
  const signing = keys.signingKey('EdDSA');
  if (!signing) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
  checkLifetime(spec.expiresInSeconds);
  const iat = Math.floor((spec.now ?? Date.now()) / 1000);
  const claims: InviteClaims = {
    iss: INVITE_ISSUER,
    aud: INVITE_AUDIENCE,
    sub: `${spec.tenant}/${spec.room}`,
    role: spec.role,
    iat,
    ...(spec.notBefore === undefined ? {} : { nbf: Math.floor(spec.notBefore / 1000) }),
    exp: iat + spec.expiresInSeconds,
    jti: crypto.randomUUID(),
    ...(spec.kind ? { kind: spec.kind } : {}),
  };
  const token = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: signing.kid }).sign(signing.key);
  return { token, jti: claims.jti, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** Where short invites are kept: the store. */
export type InviteStore = Pick<Store, 'addInvite' | 'getInvite'>;

/**
 * Make a short invite: `<id>.<secret>`, 34 characters instead of a signed
 * token's 600 or so. The secret is derived from the newest link key of
 * `keys` (see `KeySet.linkKey`); the returned `record` holds only its
 * SHA-256. Nothing is stored here: the caller stores `record` (a booking
 * stores it with its approval, in one transaction).
 *
 * @example
 * ```ts
 * const { invite, record } = await makeShortInvite(keys, { tenant: 'tsv', room: 'vorstand', role: 'moderator', expiresInSeconds: 30 * 86400 });
 * await store.addInvite(record);
 * const link = `https://www.tsv.example/vorstand#invite=${invite.token}`;
 * ```
 */
export async function makeShortInvite(
  keys: KeySet,
  spec: InviteSpec & { bookingId?: string },
): Promise<{ invite: Invite; record: InviteRecord }> {
  const linkKey = keys.linkKey();
  if (!linkKey) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
  checkLifetime(spec.expiresInSeconds);
  const now = spec.now ?? Date.now();
  const iat = Math.floor(now / 1000);
  const id = newLinkId();
  const secret = await linkSecret(linkKey.key, 'invite', id);
  const record: InviteRecord = {
    id,
    tenant: spec.tenant,
    room: spec.room,
    role: spec.role,
    kind: spec.kind ?? null,
    bookingId: spec.bookingId ?? null,
    // Whole seconds, as a signed invite's `nbf` and `exp`: both kinds end at the same instant.
    notBefore: spec.notBefore === undefined ? null : Math.floor(spec.notBefore / 1000) * 1000,
    expiresAt: (iat + spec.expiresInSeconds) * 1000,
    secretHash: await secretHash(secret),
    kid: linkKey.kid,
    createdAt: now,
  };
  return { invite: { token: `${id}.${secret}`, jti: id, expiresAt: new Date(record.expiresAt).toISOString() }, record };
}

/**
 * The token of a short invite made before, from its id and `kid`, for
 * showing a booking's links again; `undefined` once the key set no longer
 * has that key (the invite no longer works then either).
 */
export async function shortInviteToken(keys: KeySet, invite: { id: string; kid: string }): Promise<string | undefined> {
  const linkKey = keys.linkKey(invite.kid);
  return linkKey && `${invite.id}.${await linkSecret(linkKey.key, 'invite', invite.id)}`;
}

/**
 * A new invite: short and stored when there is a store, else signed (a
 * handler without a store cannot look a short one up). What the admin API
 * and the CLI make.
 */
export async function issueInvite(keys: KeySet, store: InviteStore | undefined, spec: InviteSpec): Promise<Invite> {
  if (!store) return createInvite(keys, spec);
  const { invite, record } = await makeShortInvite(keys, spec);
  await store.addInvite(record);
  return invite;
}

/** Where the invite is presented, and against what it is checked. */
export interface InviteCheck {
  tenant: string;
  room: string;
  /** Milliseconds since the epoch. */
  now: number;
  revocations: Revocations;
  /** Where short invites are looked up; without it, only signed invites can be valid. */
  invites?: Pick<Store, 'getInvite'>;
}

/** What an authentic, unrevoked, unexpired invite says, whether it is valid yet or not. Times in ms since the epoch. */
export interface InviteFacts {
  /** The short invite's id, or the signed invite's `jti`. */
  id: string;
  tenant: string;
  room: string;
  role: Role;
  kind: 'chat' | null;
  notBefore: number | null;
  expiresAt: number;
}

class UnknownKey extends Error {}

/**
 * Read an invite after checking everything but the room and the start:
 * a short one (`<id>.<secret>`) is looked up in `check.invites` and its
 * secret compared, in constant time, with the stored hash; a signed one
 * must be an EdDSA JWT of a key of `keys` for our issuer and audience.
 * Refused: `invite_invalid` (unknown id, wrong secret, forged or garbled
 * token, a short one without a store), `invite_key_unknown` (signed with, or
 * for a short one derived from, a key that was removed), `invite_revoked`,
 * `invite_expired`.
 *
 * @throws {@link HttpError} with status 403 (400 for a token that is too long).
 */
export async function inspectInvite(keys: KeySet, token: string, check: Omit<InviteCheck, 'tenant' | 'room'>): Promise<InviteFacts> {
  if (token.length > INVITE_MAX) throw new HttpError(400, 'invalid_input', `invite must have at most ${INVITE_MAX} characters.`, 'invite');
  const short = splitLinkToken(token);
  const facts = short ? await shortFacts(keys, short, check) : await signedFacts(keys, token, check.now);
  if (await check.revocations.isRevoked(facts.id)) throw new HttpError(403, 'invite_revoked', 'The invite was revoked.', 'invite');
  return facts;
}

async function shortFacts(
  keys: KeySet,
  { id, secret }: { id: string; secret: string },
  check: Pick<InviteCheck, 'now' | 'invites'>,
): Promise<InviteFacts> {
  const record = await check.invites?.getInvite(id);
  // Compared even for an unknown id, so that the time tells nothing.
  if (!(await secretMatches(secret, record?.secretHash)) || !record) {
    throw new HttpError(403, 'invite_invalid', 'The invite is not valid.', 'invite');
  }
  // As with a signed invite: removing a key (after a leak, say) ends the links it made.
  if (!keys.linkKey(record.kid)) {
    throw new HttpError(403, 'invite_key_unknown', 'The invite was made with a key this server does not have (any more).', 'invite');
  }
  if (record.expiresAt <= check.now) throw new HttpError(403, 'invite_expired', 'The invite has expired.', 'invite');
  const { tenant, room, role, kind, notBefore, expiresAt } = record;
  return { id, tenant, room, role, kind, notBefore, expiresAt };
}

async function signedFacts(keys: KeySet, token: string, now: number): Promise<InviteFacts> {
  let claims: Partial<InviteClaims>;
  // `nbf` is the caller's question: the token is checked as at its start when that is later than now.
  let nbf: unknown;
  try {
    nbf = decodeJwt(token).nbf;
  } catch {
    // Not even readable: `jwtVerify` says so below.
  }
  try {
    const at = typeof nbf === 'number' ? Math.max(now, nbf * 1000) : now;
    ({ payload: claims } = await jwtVerify<Partial<InviteClaims>>(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : keys.verificationKey(header.kid);
        if (!key || key.alg !== 'EdDSA') throw new UnknownKey();
        return key.key;
      },
      {
        algorithms: ['EdDSA'],
        issuer: INVITE_ISSUER,
        audience: INVITE_AUDIENCE,
        typ: 'JWT',
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        currentDate: new Date(at),
      },
    ));
    // Checked as at its start, a token that had expired by now would pass.
    if (claims.exp! * 1000 <= now) throw new errors.JWTExpired('"exp" claim timestamp check failed', claims, 'exp', 'check_failed');
  } catch (error) {
    throw refusal(error);
  }
  const [tenant = '', room = '', extra] = typeof claims.sub === 'string' ? claims.sub.split('/') : [];
  if (claims.role !== 'moderator' && claims.role !== 'attendee') {
    throw new HttpError(403, 'invite_invalid', 'The invite names no role.', 'invite');
  }
  if (typeof claims.jti !== 'string' || !tenant || !room || extra !== undefined) {
    throw new HttpError(403, 'invite_invalid', 'The invite names no room.', 'invite');
  }
  return {
    id: claims.jti,
    tenant,
    room,
    role: claims.role,
    kind: claims.kind === 'chat' ? 'chat' : null,
    notBefore: typeof claims.nbf === 'number' ? claims.nbf * 1000 : null,
    expiresAt: claims.exp! * 1000,
  };
}

/**
 * Verify an invite, short or signed, for a room and answer the role it grants.
 *
 * Refuses, each with its own problem code, what {@link inspectInvite}
 * refuses, and then another room or tenant (`invite_wrong_room`) and an
 * invite whose start has not come (`invite_not_yet_valid`).
 *
 * @throws {@link HttpError} with status 403 (400 for a token that is too long).
 */
export async function verifyInvite(keys: KeySet, token: string, check: InviteCheck): Promise<{ role: Role; jti: string }> {
  const facts = await inspectInvite(keys, token, check);
  if (facts.tenant !== check.tenant || facts.room !== check.room) {
    throw new HttpError(403, 'invite_wrong_room', 'The invite is for another room.', 'invite');
  }
  if (facts.notBefore !== null && facts.notBefore > check.now) {
    throw new HttpError(403, 'invite_not_yet_valid', 'The invite is not valid yet.', 'invite');
  }
  return { role: facts.role, jti: facts.id };
}

function checkLifetime(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > INVITE_MAX_SECONDS) {
    throw new RangeError(`an invite lives from 60 seconds to ${INVITE_MAX_SECONDS / 86_400} days`);
  }
}

function refusal(error: unknown): HttpError {
  if (error instanceof UnknownKey) {
    return new HttpError(403, 'invite_key_unknown', 'The invite was signed with a key this server does not have (any more).', 'invite');
  }
  if (error instanceof errors.JWTExpired) return new HttpError(403, 'invite_expired', 'The invite has expired.', 'invite');
  if (error instanceof errors.JOSEError) return new HttpError(403, 'invite_invalid', 'The invite is not valid.', 'invite');
  throw error;
}

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/**
 * Read a lifetime like `90m`, `12h` or `30d` as seconds; `undefined` when it
 * is not one or lies outside 1 minute to {@link INVITE_MAX_SECONDS}.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNITS[match[2]!]!;
  return seconds >= 60 && seconds <= INVITE_MAX_SECONDS ? seconds : undefined;
}
