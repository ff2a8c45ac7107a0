/**
 * Jitsi Meet token (JWT) checks, written from the rules of Prosody's token
 * plugins (`token/util.lib.lua`, `luajwtjitsi.lib.lua`,
 * `mod_token_verification.lua`) with `node:crypto` only. It shares no code
 * with the project's server helper on purpose: it is the referee that says
 * whether a real Jitsi would let a token in.
 *
 * Two stages, as in Jitsi: the token itself is checked when the client
 * connects (a refusal there is a SASL failure, a connection error for the
 * client), then the `room` and `sub` claims are compared with the room when
 * it joins the MUC (a refusal there is a conference error).
 */
import { createHash, createHmac, createPublicKey, constants, timingSafeEqual, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where a refusal happens in a real deployment. */
export type JitsiRefusalStage = 'connection' | 'conference';

/** Why a token was refused. */
export interface JitsiRefusal {
  /** `connection`: Prosody refused the login (SASL); `conference`: the MUC refused the room. */
  readonly stage: JitsiRefusalStage;
  /** The reason in Jitsi's words, e.g. `Invalid typ`, `Not acceptable by exp (3 sec since expired)`. */
  readonly reason: string;
  /** What the sandbox found, when Jitsi's reason is vague (`Room and token mismatched`). */
  readonly detail?: string;
}

/** The person a valid token describes. */
export interface JitsiTokenUser {
  /** `context.user.name`, if it is a string. */
  readonly name: string | undefined;
  /** `context.user.id`, if it is a string. */
  readonly id: string | undefined;
  /** `context.user.moderator` is `true` or `"true"`. */
  readonly moderator: boolean;
}

/** The outcome of {@link JitsiTokenVerifier.verify}. */
export type JitsiVerification =
  { readonly accepted: true; readonly user: JitsiTokenUser } | { readonly accepted: false; readonly refusal: JitsiRefusal };

/** The room a token is used for: `room` lowercase; `tenant` lowercase for `https://host/tenant/room`. */
export interface JitsiTarget {
  readonly room: string;
  readonly tenant?: string | undefined;
}

/** What the verifier needs, already validated. */
export interface JitsiVerifierConfig {
  readonly appSecret: string | undefined;
  readonly asapKeyServer: string | undefined;
  /** Lowercase. */
  readonly xmppDomain: string;
  readonly acceptedIssuers: readonly string[];
  readonly acceptedAudiences: readonly string[];
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Called before every request to the key server. */
  readonly onKeyFetch?: () => void;
}

const HASHES = { '256': 'sha256', '384': 'sha384', '512': 'sha512' } as const;
/** Like Prosody's `jwt_pubkey_cache_size` default. */
const KEY_CACHE_SIZE = 128;
const KEY_FETCH_TIMEOUT_MS = 5000;
const MAX_KEY_BYTES = 64 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const connection = (reason: string, detail?: string): JitsiVerification => ({
  accepted: false,
  refusal: detail === undefined ? { stage: 'connection', reason } : { stage: 'connection', reason, detail },
});
const mismatch = (detail: string): JitsiVerification => ({
  accepted: false,
  refusal: { stage: 'conference', reason: 'Room and token mismatched', detail },
});

/** Lowercase hex SHA-256 of a key id: the file name Jitsi asks the key server for. */
export function keyFileName(kid: string): string {
  return `${createHash('sha256').update(kid, 'utf8').digest('hex')}.pem`;
}

/** Checks that a key server URL is http(s) and returns it without trailing slashes. */
export function normaliseKeyServer(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`asapKeyServer must be an http(s) URL, got "${url}"`);
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash) {
    throw new TypeError(`asapKeyServer must be an http(s) URL without query or fragment, got "${url}"`);
  }
  return parsed.href.replace(/\/+$/, '');
}

/**
 * Verifies Jitsi tokens for one sandbox. Public keys for RS256/384/512 are
 * fetched by key id and kept per key id (like Prosody: only successful
 * answers are kept; changing the key server empties the cache).
 */
export class JitsiTokenVerifier {
  #keyServer: string | undefined;
  /** Key id -> PEM text as the key server sent it (least recently used first). */
  readonly #keys = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly config: JitsiVerifierConfig) {
    this.#keyServer = config.asapKeyServer;
  }

  /** The key server in use, without trailing slash. */
  get asapKeyServer(): string | undefined {
    return this.#keyServer;
  }

  set asapKeyServer(url: string | undefined) {
    this.#keyServer = url === undefined ? undefined : normaliseKeyServer(url);
    this.#keys.clear();
    this.#pending.clear();
  }

  /** Checks a token as Prosody would when someone joins `target`. `token` undefined: no token at all. */
  async verify(token: string | undefined, target: JitsiTarget): Promise<JitsiVerification> {
    // allow_empty_token is false with token authentication.
    if (token === undefined || token === '') return connection('token required');

    // ---- connection stage (mod_auth_token / luajwtjitsi) ----
    const segments = token.split('.');
    if (segments.length !== 3 || segments.some((s) => s === '')) return connection('Invalid token');
    const [headerB64 = '', bodyB64 = '', signatureB64 = ''] = segments;
    const header = decodeJson(headerB64);
    if (header === undefined) return connection('Invalid header');
    const body = decodeJson(bodyB64);
    if (body === undefined) return connection('Invalid body');

    if (header['typ'] !== 'JWT') return connection('Invalid typ');
    const alg = header['alg'];
    const family = typeof alg === 'string' ? /^(HS|RS)(256|384|512)$/.exec(alg) : null;
    if (!family)
      return connection('Invalid or incorrect alg', `alg ${JSON.stringify(alg ?? null)} is not one of HS256/384/512, RS256/384/512`);
    const hash = HASHES[family[2] as keyof typeof HASHES];
    const signingInput = `${headerB64}.${bodyB64}`;
    if (!BASE64URL.test(signatureB64) || signatureB64.length % 4 === 1) return connection('Invalid signature');
    const signature = Buffer.from(signatureB64, 'base64url');

    if (family[1] === 'HS') {
      if (this.config.appSecret === undefined) {
        return connection('Invalid or incorrect alg', `${alg as string} needs app_secret, which this server does not have`);
      }
      const expected = createHmac(hash, this.config.appSecret).update(signingInput, 'utf8').digest();
      if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) return connection('Invalid signature');
    } else {
      if (this.#keyServer === undefined) {
        return connection('Invalid or incorrect alg', `${alg as string} needs asap_key_server, which this server does not have`);
      }
      const kid = header['kid'];
      if (typeof kid !== 'string' || kid === '') return connection("'kid' claim is missing");
      const pem = await this.#publicKey(kid);
      if (pem === undefined) return connection('could not obtain public key', `no key at ${this.#keyServer}/${keyFileName(kid)}`);
      const key = rsaKey(pem);
      const ok =
        key !== undefined && verify(hash, Buffer.from(signingInput, 'utf8'), { key, padding: constants.RSA_PKCS1_PADDING }, signature);
      if (!ok) return connection('Invalid signature');
    }

    const { exp, nbf } = body;
    if (exp !== undefined && typeof exp !== 'number') return connection('exp must be number');
    if (nbf !== undefined && typeof nbf !== 'number') return connection('nbf must be number');
    // os.time(): whole seconds, no leeway.
    const now = Math.floor(this.config.now() / 1000);
    if (exp !== undefined && now >= exp) {
      const validFor = typeof body['iat'] === 'number' ? `, valid for:${exp - body['iat']} sec` : '';
      return connection(`Not acceptable by exp (${now - exp} sec since expired${validFor})`);
    }
    if (nbf !== undefined && now < nbf) return connection('Not acceptable by nbf');

    if (body['iss'] === undefined || body['iss'] === null) return connection("'iss' claim is missing");
    if (!claimAccepted(body['iss'], this.config.acceptedIssuers)) {
      return connection(
        "invalid 'iss' claim",
        `iss ${JSON.stringify(body['iss'])} is not one of ${JSON.stringify(this.config.acceptedIssuers)}`,
      );
    }
    if (body['aud'] === undefined || body['aud'] === null) return connection("'aud' claim is missing");
    if (!claimAccepted(body['aud'], this.config.acceptedAudiences)) {
      return connection(
        "invalid 'aud' claim",
        `aud ${JSON.stringify(body['aud'])} is not one of ${JSON.stringify(this.config.acceptedAudiences)}`,
      );
    }
    const room = body['room'];
    if (room === undefined || room === null) return connection("'room' claim is missing");

    // ---- conference stage (mod_token_verification, domain verification on) ----
    const sub = body['sub'];
    if (sub === undefined || sub === null) return mismatch("the token has no 'sub' claim");
    const expectedSub = target.tenant ?? this.config.xmppDomain;
    if (typeof sub !== 'string' || (sub !== '*' && sub.toLowerCase() !== expectedSub)) {
      const where = target.tenant === undefined ? 'the XMPP domain' : 'the tenant';
      return mismatch(`sub ${JSON.stringify(sub)} is neither ${where} "${expectedSub}" nor "*"`);
    }
    const roomText = typeof room === 'string' ? room : typeof room === 'number' ? String(room) : undefined;
    if (roomText === undefined || (roomText !== '*' && roomText.toLowerCase() !== target.room)) {
      return mismatch(`room ${JSON.stringify(room)} is neither "${target.room}" nor "*"`);
    }

    const context = body['context'];
    const user = isObject(context) && isObject(context['user']) ? context['user'] : {};
    return {
      accepted: true,
      user: {
        name: typeof user['name'] === 'string' ? user['name'] : undefined,
        id: typeof user['id'] === 'string' ? user['id'] : undefined,
        moderator: user['moderator'] === true || user['moderator'] === 'true',
      },
    };
  }

  /** The PEM for a key id: from the cache, or fetched once (concurrent joins share the request). */
  async #publicKey(kid: string): Promise<string | undefined> {
    const cached = this.#keys.get(kid);
    if (cached !== undefined) {
      this.#keys.delete(kid);
      this.#keys.set(kid, cached);
      return cached;
    }
    const pending = this.#pending.get(kid);
    if (pending) return pending;
    const server = this.#keyServer;
    const url = `${server}/${keyFileName(kid)}`;
    this.config.onKeyFetch?.();
    const fetching = fetchText(url).then(
      ({ status, body }) => (status === 200 || status === 204 ? body : undefined),
      () => undefined,
    );
    this.#pending.set(kid, fetching);
    try {
      const pem = await fetching;
      // Keep it only if the key server did not change meanwhile.
      if (pem !== undefined && this.#keyServer === server) {
        this.#keys.set(kid, pem);
        if (this.#keys.size > KEY_CACHE_SIZE) this.#keys.delete(this.#keys.keys().next().value as string);
      }
      return pem;
    } finally {
      if (this.#pending.get(kid) === fetching) this.#pending.delete(kid);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A base64url JSON object, or undefined. */
function decodeJson(segment: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Prosody's verify_claim: `*` accepts anything, else exact equality (a string never equals a number or a list). */
function claimAccepted(claim: unknown, accepted: readonly string[]): boolean {
  return accepted.some((a) => a === '*' || a === claim);
}

/** An RSA public key from PEM (SPKI or PKCS#1), or undefined. */
function rsaKey(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** GET without keep-alive, a timeout and a size limit. */
function fetchText(url: string): Promise<{ status: number; body: string }> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent: false, timeout: KEY_FETCH_TIMEOUT_MS }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_KEY_BYTES) {
          req.destroy(new RangeError('key too large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('key server timeout')));
    req.on('error', reject);
    req.end();
  });
}
