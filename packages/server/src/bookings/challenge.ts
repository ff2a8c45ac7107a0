import type { BookingChallenge } from '@vereinsraum/protocol';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { HttpError } from '../errors.js';

/** How long a challenge may be solved and sent, in milliseconds. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

/**
 * Make an ALTCHA proof-of-work challenge for a tenant's booking form:
 * `SHA-256`, a random number up to `maxNumber`, an expiry and the tenant in
 * the salt's parameters, signed with `hmacKey`. No third party is asked.
 */
export async function makeChallenge(hmacKey: string, tenant: string, maxNumber: number, now: number): Promise<BookingChallenge> {
  const challenge = await createChallenge({
    hmacKey,
    algorithm: 'SHA-256',
    maxnumber: maxNumber,
    expires: new Date(now + CHALLENGE_TTL_MS),
    params: { tenant },
  });
  return {
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    maxnumber: challenge.maxnumber ?? maxNumber,
    salt: challenge.salt,
    signature: challenge.signature,
  };
}

/**
 * Check a solved challenge (the base64 `altcha` payload) for `tenant`.
 *
 * @returns the challenge's id (its signature) and expiry, to be marked as used,
 * or `undefined` when the payload is malformed, wrong, expired or for another tenant.
 */
export async function checkSolution(
  hmacKey: string,
  payload: unknown,
  tenant: string,
  now: number,
): Promise<{ id: string; expiresAt: number } | undefined> {
  if (typeof payload !== 'string' || payload.length === 0 || payload.length > 2000) return undefined;
  let decoded: { signature?: unknown; salt?: unknown };
  try {
    decoded = JSON.parse(atob(payload)) as typeof decoded;
  } catch {
    return undefined;
  }
  if (typeof decoded?.signature !== 'string' || typeof decoded.salt !== 'string') return undefined;
  const params = extractParams(payload);
  const expiresAt = Number(params.expires) * 1000;
  if (params.tenant !== tenant || !Number.isFinite(expiresAt) || expiresAt <= now) return undefined;
  // altcha-lib checks the expiry against the real clock; we checked it against ours above.
  const ok = await verifySolution(payload, hmacKey, false).catch(() => false);
  return ok ? { id: decoded.signature, expiresAt } : undefined;
}

/** {@link checkSolution}, refusing a payload that is missing, wrong or expired: `403 challenge_failed`. */
export async function requireSolution(
  hmacKey: string,
  payload: unknown,
  scope: string,
  now: number,
): Promise<{ id: string; expiresAt: number }> {
  const solved = await checkSolution(hmacKey, payload, scope, now);
  if (!solved) {
    throw new HttpError(403, 'challenge_failed', 'The proof-of-work answer is missing, wrong or expired. Fetch a new challenge.', 'altcha');
  }
  return solved;
}

/** The refusal of a solved challenge that the store says was used before: `403 challenge_failed`. */
export function challengeUsed(): HttpError {
  return new HttpError(403, 'challenge_failed', 'This challenge was used before. Fetch a new one.', 'altcha');
}
