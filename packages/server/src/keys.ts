import { base64url, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';

/**
 * Algorithms of the keys in a key set.
 * - `EdDSA` (Ed25519) signs the server helper's own tokens: invites.
 * - `RS256` signs Jitsi tokens when a Jitsi back end uses a public key
 *   instead of a shared secret (Jitsi accepts no EdDSA).
 */
export type KeyAlgorithm = 'EdDSA' | 'RS256';

/** One private key as stored in a key set file: a JWK with `kid`, `alg` and `use`. */
export interface StoredKey extends JWK {
  kid: string;
  alg: KeyAlgorithm;
}

/** The JSON of a key set file: a JWK Set of private keys, oldest first. */
export interface KeySetJson {
  keys: StoredKey[];
}

interface LoadedKey {
  kid: string;
  alg: KeyAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** EdDSA keys only: the HMAC key that short links' secrets are derived from (see {@link KeySet.linkKey}). */
  linkKey?: CryptoKey;
}

const ALGORITHMS: readonly string[] = ['EdDSA', 'RS256'];
/** Members of a private JWK that must never be published. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * The server helper's signing keys, imported once as `CryptoKey`s.
 *
 * New tokens use the newest key of their algorithm; every key in the set
 * verifies. Rotation: add a key (`vereinsraum keys generate`), restart, and
 * remove the old key once the tokens it signed have expired.
 */
export class KeySet {
  private readonly byKid: Map<string, LoadedKey>;
  private readonly pems = new Map<string, string>();

  private constructor(
    private readonly keys: LoadedKey[],
    pems: Array<[string, string]>,
  ) {
    this.byKid = new Map(keys.map((key) => [key.kid, key]));
    for (const [hash, pem] of pems) this.pems.set(hash, pem);
  }

  /**
   * Import a key set from its JSON (the content of a key set file).
   *
   * @throws TypeError naming the key that cannot be used.
   */
  static async fromJson(json: unknown): Promise<KeySet> {
    const list = (json as KeySetJson | null)?.keys;
    if (!Array.isArray(list)) throw new TypeError('a key set must be an object with a "keys" list');
    const keys: LoadedKey[] = [];
    const pems: Array<[string, string]> = [];
    for (const [i, stored] of list.entries()) {
      const where = `key ${i + 1}${typeof stored?.kid === 'string' ? ` (${stored.kid})` : ''}`;
      if (typeof stored?.kid !== 'string' || stored.kid === '' || !ALGORITHMS.includes(stored.alg)) {
        throw new TypeError(`${where} needs a "kid" and an "alg" of ${ALGORITHMS.join(' or ')}`);
      }
      if (keys.some((key) => key.kid === stored.kid)) throw new TypeError(`${where}: the kid is used twice`);
      const publicJwk = publicPart(stored);
      let privateKey: CryptoKey;
      let publicKey: CryptoKey;
      try {
        privateKey = (await importJWK(stored, stored.alg)) as CryptoKey;
        publicKey = (await importJWK(publicJwk, stored.alg, { extractable: true })) as CryptoKey;
      } catch (error) {
        throw new TypeError(`${where} cannot be imported: ${(error as Error).message}`);
      }
      if (privateKey.type !== 'private') throw new TypeError(`${where} is not a private key`);
      const linkKey = stored.alg === 'EdDSA' && typeof stored.d === 'string' ? await deriveLinkKey(stored.d) : undefined;
      keys.push({ kid: stored.kid, alg: stored.alg, privateKey, publicKey, publicJwk, ...(linkKey ? { linkKey } : {}) });
      if (stored.alg === 'RS256') pems.push([await sha256Hex(stored.kid), await exportSPKI(publicKey)]);
    }
    return new KeySet(keys, pems);
  }

  /** The newest key of `alg`, used to sign new tokens. */
  signingKey(alg: KeyAlgorithm): { kid: string; key: CryptoKey } | undefined {
    const key = this.keys.findLast((k) => k.alg === alg);
    return key && { kid: key.kid, key: key.privateKey };
  }

  /** The key that verifies tokens with this `kid`, if the set still has it. */
  verificationKey(kid: string): { alg: KeyAlgorithm; key: CryptoKey } | undefined {
    const key = this.byKid.get(kid);
    return key && { alg: key.alg, key: key.publicKey };
  }

  /**
   * The HMAC-SHA-256 key that the secrets of short links (invites, manage
   * links) are derived from: the key of `kid`, or without it that of the
   * newest EdDSA key. Each is derived (HKDF-SHA-256) from an EdDSA private
   * key, so it is as secret as that key and rotates with it; a link records
   * the `kid` it was made with, so the server can show it again, and once
   * that key is removed the link no longer works.
   */
  linkKey(kid?: string): { kid: string; key: CryptoKey } | undefined {
    const key = kid === undefined ? this.keys.findLast((k) => k.linkKey) : this.byKid.get(kid);
    return key?.linkKey && { kid: key.kid, key: key.linkKey };
  }

  /** The public keys as a JWK Set, for `/.well-known/jwks.json`. */
  publicJwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  /**
   * The SPKI PEM of the RSA key whose kid hashes (SHA-256, lowercase hex) to
   * `kidHash`: what Jitsi's `asap_key_server` lookup fetches.
   */
  publicPem(kidHash: string): string | undefined {
    return this.pems.get(kidHash);
  }
}

/**
 * Make a new private key for a key set file.
 *
 * @example
 * ```ts
 * const json = { keys: [await generateKey('EdDSA')] };
 * const keys = await KeySet.fromJson(json);
 * ```
 */
export async function generateKey(alg: KeyAlgorithm, now: Date = new Date()): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const jwk = await exportJWK(privateKey);
  const kid = `${now.toISOString().slice(0, 10)}-${alg.toLowerCase()}-${randomSuffix()}`;
  return { ...jwk, kid, alg, use: 'sig' };
}

/**
 * A key set that lives in memory only: one EdDSA key, plus an RSA key when
 * `rsa` is set. Invites it signs stop working when the process ends, so use
 * it for tests and demos; production reads a key set file.
 */
export async function generateKeySet(options: { rsa?: boolean } = {}): Promise<KeySet> {
  const keys = [await generateKey('EdDSA')];
  if (options.rsa) keys.push(await generateKey('RS256'));
  return KeySet.fromJson({ keys });
}

/** Lowercase hex SHA-256 of a text, as Jitsi names public key files. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** HKDF-SHA-256 from an Ed25519 private key (its `d`) to a non-extractable HMAC-SHA-256 key, for short links only. */
async function deriveLinkKey(d: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new Uint8Array(base64url.decode(d)), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('vereinsraum short link secrets v1') },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

function publicPart(stored: StoredKey): JWK {
  const jwk: Record<string, unknown> = { ...stored };
  for (const member of PRIVATE_MEMBERS) delete jwk[member];
  return jwk as JWK;
}

function randomSuffix(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
