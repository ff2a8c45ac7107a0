import type { BookingChallenge } from '@vereinsraum/protocol';

/** Numbers hashed between two pauses that let the page breathe. */
const CHUNK = 500;

/**
 * Solve an ALTCHA proof-of-work challenge with WebCrypto: find the `number`
 * for which `hash(salt + number)` is the challenge. Answers the payload the
 * server expects, base64 of JSON `{ algorithm, challenge, number, salt, signature }`
 * (the same as `altcha-lib`'s solver and widget send).
 *
 * Runs in the background in small chunks; `signal` stops it.
 *
 * @example
 * ```ts
 * const altcha = await solveChallenge(await fetchBookingChallenge(address));
 * ```
 */
export async function solveChallenge(challenge: BookingChallenge, signal?: AbortSignal): Promise<string> {
  const { algorithm, salt, signature } = challenge;
  const target = challenge.challenge.toLowerCase();
  const max = challenge.maxnumber ?? 1_000_000;
  const encoder = new TextEncoder();
  for (let start = 0; start <= max; start += CHUNK) {
    signal?.throwIfAborted();
    const end = Math.min(start + CHUNK, max + 1);
    const hashes = [];
    for (let number = start; number < end; number++) hashes.push(crypto.subtle.digest(algorithm, encoder.encode(salt + number)));
    const found = (await Promise.all(hashes)).findIndex((hash) => hex(hash) === target);
    if (found >= 0) {
      const number = start + found;
      return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
    }
    // A pause between chunks: typing stays smooth.
    await new Promise((resolve) => setTimeout(resolve));
  }
  throw new Error('challenge has no solution');
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
