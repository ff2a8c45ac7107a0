import { INVITE_AUDIENCE, INVITE_MAX, type InviteClaims, type Role } from '@vereinsraum/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpError } from './errors.js';
import type { KeySet } from './keys.js';
import type { Revocations } from './revocations.js';

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

/** A signed invite: the token for the link's `#invite=` fragment, and its id for revocation. */
export interface Invite {
  token: string;
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
  if (!Number.isInteger(spec.expiresInSeconds) || spec.expiresInSeconds < 60 || spec.expiresInSeconds > INVITE_MAX_SECONDS) {
    throw new RangeError(`an invite lives from 60 seconds to ${INVITE_MAX_SECONDS / 86_400} days`);
  }
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

/** Where the invite is presented, and against what it is checked. */
export interface InviteCheck {
  tenant: string;
  room: string;
  /** Milliseconds since the epoch. */
  now: number;
  revocations: Revocations;
}

class UnknownKey extends Error {}

/**
 * Verify an invite for a room and answer the role it grants.
 *
 * Refuses, each with its own problem code: anything but an EdDSA JWT signed
 * by a key of `keys` for our issuer and audience (`invite_invalid`), a key
 * that was removed (`invite_key_unknown`), an expired or not yet valid token
 * (`invite_expired`, `invite_not_yet_valid`), another room or tenant
 * (`invite_wrong_room`) and a revoked `jti` (`invite_revoked`).
 *
 * @throws {@link HttpError} with status 403 (400 for a token that is too long).
 */
export async function verifyInvite(keys: KeySet, token: string, check: InviteCheck): Promise<{ role: Role; jti: string }> {
  if (token.length > INVITE_MAX) throw new HttpError(400, 'invalid_input', `invite must have at most ${INVITE_MAX} characters.`, 'invite');
  let claims: Partial<InviteClaims>;
  try {
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
        currentDate: new Date(check.now),
      },
    ));
  } catch (error) {
    throw refusal(error);
  }
  if (claims.sub !== `${check.tenant}/${check.room}`) {
    throw new HttpError(403, 'invite_wrong_room', 'The invite is for another room.', 'invite');
  }
  if (claims.role !== 'moderator' && claims.role !== 'attendee') {
    throw new HttpError(403, 'invite_invalid', 'The invite names no role.', 'invite');
  }
  if (typeof claims.jti !== 'string' || (await check.revocations.isRevoked(claims.jti))) {
    throw new HttpError(403, 'invite_revoked', 'The invite was revoked.', 'invite');
  }
  return { role: claims.role, jti: claims.jti };
}

function refusal(error: unknown): HttpError {
  if (error instanceof UnknownKey) {
    return new HttpError(403, 'invite_key_unknown', 'The invite was signed with a key this server does not have (any more).', 'invite');
  }
  if (error instanceof errors.JWTExpired) return new HttpError(403, 'invite_expired', 'The invite has expired.', 'invite');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
    return new HttpError(403, 'invite_not_yet_valid', 'The invite is not valid yet.', 'invite');
  }
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
