// Access and moderator codes of clubs' rooms: kept as PBKDF2 hashes, never as typed.
import { base64url } from 'jose';

/** PBKDF2-SHA-256 rounds: about 20 ms per check here; wrong codes are also limited per client and room. */
const ROUNDS = 100_000;
const PREFIX = 'pbkdf2-sha256';

async function derive(code: string, salt: Uint8Array<ArrayBuffer>, rounds: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds }, key, 256));
}

/** A code as the store keeps it: `pbkdf2-sha256$<rounds>$<salt>$<hash>` (base64url), with a random salt. */
export async function hashCode(code: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `${PREFIX}$${ROUNDS}$${base64url.encode(salt)}$${base64url.encode(await derive(code, salt, ROUNDS))}`;
}

/** A stand-in for a room without that code, so that checking against it costs the same. */
const NONE = `${PREFIX}$${ROUNDS}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/**
 * Does `code` fit `stored` (a {@link hashCode} hash)? Always derives once,
 * also for no stored hash (`null`, then `false`), and compares every byte.
 */
export async function codeMatches(code: string, stored: string | null): Promise<boolean> {
  const [prefix, rounds, salt, hash] = (stored ?? NONE).split('$');
  if (prefix !== PREFIX || !rounds || !salt || !hash) return false;
  const expected = base64url.decode(hash);
  const given = await derive(code, new Uint8Array(base64url.decode(salt)), Number(rounds));
  let diff = stored === null || expected.length !== given.length ? 1 : 0;
  for (let i = 0; i < given.length; i++) diff |= given[i]! ^ (expected[i] ?? 0);
  return diff === 0;
}
