import { MANAGE_AUDIENCE } from '@vereinsraum/protocol';
import { jwtVerify, SignJWT } from 'jose';
import { INVITE_ISSUER } from '../invites.js';
import type { KeySet } from '../keys.js';

/**
 * Sign a manage token for a booking: an EdDSA JWT with `aud`
 * {@link MANAGE_AUDIENCE} and `sub` the booking id, valid until `expiresAt`
 * (the end of the booking's retention: after that the booking is gone anyway).
 *
 * @example
 * ```ts
 * const token = await signManageToken(keys, 'k3m9x2p7qa2b', Date.now(), lastEnd + 90 * 86_400_000);
 * ```
 */
export async function signManageToken(keys: KeySet, bookingId: string, now: number, expiresAt: number): Promise<string> {
  const signing = keys.signingKey('EdDSA');
  if (!signing) throw new TypeError('the key set has no EdDSA key: run `vereinsraum keys generate`');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: signing.kid })
    .setIssuer(INVITE_ISSUER)
    .setAudience(MANAGE_AUDIENCE)
    .setSubject(bookingId)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(signing.key);
}

/**
 * Check a manage token for booking `bookingId`.
 *
 * @returns `true` only for an EdDSA token of our issuer and audience, signed by
 * a key of `keys`, not expired, whose `sub` is `bookingId`.
 */
export async function verifyManageToken(keys: KeySet, token: string, bookingId: string, now: number): Promise<boolean> {
  if (token.length > 2048) return false;
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : keys.verificationKey(header.kid);
        if (!key || key.alg !== 'EdDSA') throw new Error('unknown key');
        return key.key;
      },
      {
        algorithms: ['EdDSA'],
        issuer: INVITE_ISSUER,
        audience: MANAGE_AUDIENCE,
        typ: 'JWT',
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(now),
      },
    );
    return payload.sub === bookingId;
  } catch {
    return false;
  }
}
