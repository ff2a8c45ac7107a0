import { SHORT_TOKEN } from '@vereinsraum/protocol';
import { base64url } from 'jose';

/**
 * Short link tokens: `<id>.<secret>` in base64url, for invites (an 8-byte
 * random id) and manage links (the booking id). The secret has 128 bits and
 * is derived, `HMAC-SHA-256(link key, purpose ‖ 0 ‖ id)` cut to 16 bytes,
 * from the key set's link key (see `KeySet.linkKey`): the store keeps only
 * its SHA-256 and the `kid`, never the secret, yet the server can show a
 * booking's links again as long as it has that key.
 */

/** What a secret is for: the same id never yields the same secret for two purposes. */
export type LinkPurpose = 'invite' | 'manage' | 'end-callback' | 'club-confirm' | 'club-signin' | 'club-handover';

/** The parts of a short token, or `undefined` for anything else (a JWT, garbage). */
export function splitLinkToken(token: string): { id: string; secret: string } | undefined {
  const match = SHORT_TOKEN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/**
 * A new invite id: 8 random bytes, 11 characters of base64url, never
 * beginning with `-` (on a command line, `--id -x…` reads as an option).
 */
export function newLinkId(): string {
  for (;;) {
    const id = base64url.encode(crypto.getRandomValues(new Uint8Array(8)));
    if (!id.startsWith('-')) return id;
  }
}

/** The secret of `id` for `purpose`, derived with `linkKey`: 22 characters of base64url. */
export async function linkSecret(linkKey: CryptoKey, purpose: LinkPurpose, id: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', linkKey, new TextEncoder().encode(`${purpose}\0${id}`));
  return base64url.encode(new Uint8Array(mac, 0, 16));
}

/** SHA-256 of a secret (its text as the link carries it): what the store keeps. */
export async function secretHash(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
}

/** Stands in for a missing hash, so that an unknown id costs the same comparison as a wrong secret. */
const NO_HASH = new Uint8Array(32);

/**
 * Does `secret` hash to `stored`? Every byte is compared whatever differs
 * first, and a missing `stored` (an unknown id) is compared too, so the time
 * tells nothing.
 */
export async function secretMatches(secret: string, stored: Uint8Array | undefined): Promise<boolean> {
  const given = await secretHash(secret);
  const expected = stored?.length === 32 ? stored : NO_HASH;
  let diff = stored?.length === 32 ? 0 : 1;
  for (let i = 0; i < 32; i++) diff |= given[i]! ^ expected[i]!;
  return diff === 0;
}

/** A link token in a stored mail: filled in when the mail is sent. The key id is base64url, so any kid fits. */
const PLACEHOLDER = /\{\{vereinsraum-link:(invite|manage|club-confirm|club-signin|club-handover):([\w-]+):([\w-]{1,64})\}\}/g;

/**
 * What a mail in the outbox holds where a short token belongs: purpose, key
 * and id, no secret. {@link fillLinkTokens} puts the token in when the mail
 * is sent, so the store never holds a link's secret, not even in the outbox.
 */
export function linkPlaceholder(purpose: LinkPurpose, kid: string, id: string): string {
  return `{{vereinsraum-link:${purpose}:${base64url.encode(kid)}:${id}}}`;
}

/**
 * Replace every {@link linkPlaceholder} in `text` by its token,
 * `<id>.<secret>`. A placeholder whose key the key set no longer has stays
 * as it is: that link would not work any more anyway.
 */
export async function fillLinkTokens(keys: { linkKey(kid: string): { key: CryptoKey } | undefined }, text: string): Promise<string> {
  const tokens = new Map<string, string>();
  for (const [placeholder, purpose, kid, id] of text.matchAll(PLACEHOLDER)) {
    const linkKey = keys.linkKey(new TextDecoder().decode(base64url.decode(kid!)));
    if (linkKey && !tokens.has(placeholder)) tokens.set(placeholder, `${id}.${await linkSecret(linkKey.key, purpose as LinkPurpose, id!)}`);
  }
  return text.replace(PLACEHOLDER, (placeholder) => tokens.get(placeholder) ?? placeholder);
}
