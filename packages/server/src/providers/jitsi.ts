import { SignJWT } from 'jose';
import type { JitsiBackend } from '../config/index.js';
import type { KeySet } from '../keys.js';
import { type JoinSpec, type JoinTarget, type MeetingRef, type MeetingStatus, type Provider, UpstreamError } from './types.js';

/** The claims of a Jitsi Meet token, in the order Jitsi's own examples use. */
export interface JitsiClaims {
  iss: string;
  aud: string;
  sub: string;
  room: string;
  iat: number;
  nbf: number;
  exp: number;
  context: { user: { id: string; name: string; avatar?: string; moderator: boolean } };
}

/**
 * How long before its making a Jitsi token is valid (`nbf = iat - 30`):
 * prosody checks `nbf` with no leeway, so a token from a server whose clock
 * runs a few seconds ahead of prosody's would be refused.
 */
export const JITSI_NBF_SKEW_SECONDS = 30;

/** A key that signs Jitsi tokens: the shared secret (HS256) or an RSA key with its id (RS256). */
export type JitsiSigningKey = { alg: 'HS256'; key: CryptoKey } | { alg: 'RS256'; kid: string; key: CryptoKey };

/**
 * Sign a Jitsi Meet token. The header is `{"alg":…,"typ":"JWT"}` (plus `kid`
 * for RS256) and the claims keep their order, so a token equals one made by
 * Jitsi's own tools byte for byte.
 */
export function signJitsiToken(claims: JitsiClaims, signing: JitsiSigningKey): Promise<string> {
  const header = signing.alg === 'RS256' ? { alg: 'RS256', typ: 'JWT', kid: signing.kid } : { alg: 'HS256', typ: 'JWT' };
  return new SignJWT({ ...claims }).setProtectedHeader(header).sign(signing.key);
}

/** Import Jitsi's `app_secret` once as an HMAC key for HS256. */
export function importJitsiSecret(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * Jitsi Meet with token authentication.
 *
 * Jitsi creates a room when the first person enters it, so there is nothing
 * to create or end here. A visitor gets a short-lived token for one room; a
 * moderator token makes them moderator (Jitsi's token affiliation). Status
 * comes from `mod_muc_size` when `roomSizeUrl` is configured, else it is
 * unknown. A tenant's `jitsiTenant` puts its meetings under its own Jitsi
 * tenant (`https://domain/{jitsiTenant}/{room}`, token `sub`), where Jitsi can
 * show that tenant's branding.
 */
export class JitsiProvider implements Provider {
  private signing: Promise<JitsiSigningKey> | undefined;

  constructor(
    private readonly backend: JitsiBackend,
    private readonly keys: () => Promise<KeySet>,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** Jitsi's room name for a meeting: `tenant_room` (lowercase; `_` never occurs in our ids). */
  static roomName(meeting: MeetingRef): string {
    return meeting.id.replace('/', '_');
  }

  async createMeeting(): Promise<{ createTime: null }> {
    return { createTime: null };
  }

  async status(meeting: MeetingRef, signal?: AbortSignal): Promise<MeetingStatus> {
    const { roomSizeUrl, xmppDomain, timeoutMs } = this.backend;
    const tenant = this.tenantOf(meeting);
    if (!roomSizeUrl) return { running: null, participants: null, createTime: null, startedAt: null };
    const url = new URL(roomSizeUrl);
    url.searchParams.set('room', JitsiProvider.roomName(meeting));
    url.searchParams.set('domain', xmppDomain);
    if (tenant) url.searchParams.set('subdomain', tenant);
    let response: Response;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await this.fetchFn(url, { signal: signal ? AbortSignal.any([timeout, signal]) : timeout, redirect: 'error' });
    } catch (error) {
      throw new UpstreamError(`room-size: ${(error as Error).name === 'TimeoutError' ? 'no answer in time' : 'unreachable'}`);
    }
    // mod_muc_size answers 404 for a room that does not exist (nobody in it).
    if (response.status === 404) return { running: false, participants: 0, createTime: null, startedAt: null };
    if (!response.ok) throw new UpstreamError(`room-size: HTTP ${response.status}`);
    const participants = ((await response.json().catch(() => null)) as { participants?: unknown } | null)?.participants;
    if (typeof participants !== 'number' || !Number.isInteger(participants) || participants < 0) {
      throw new UpstreamError('room-size: no participant count in the answer');
    }
    return { running: participants > 0, participants, createTime: null, startedAt: null };
  }

  async join(meeting: MeetingRef, join: JoinSpec): Promise<JoinTarget> {
    const { domain, protocol, appId, xmppDomain, tokenMinutes } = this.backend;
    const tenant = this.tenantOf(meeting);
    const room = JitsiProvider.roomName(meeting);
    const now = Math.floor(this.now() / 1000);
    const jwt = await signJitsiToken(
      {
        iss: appId,
        aud: 'jitsi',
        sub: tenant ?? xmppDomain,
        room,
        iat: now,
        nbf: now - JITSI_NBF_SKEW_SECONDS,
        exp: now + tokenMinutes * 60,
        context: { user: { id: join.userId, name: join.displayName, moderator: join.role === 'moderator' } },
      },
      await this.signingKey(),
    );
    const roomName = tenant ? `${tenant}/${room}` : room;
    const url = `${protocol}://${domain}/${roomName}?jwt=${jwt}`;
    return { url, embed: { type: 'jitsi', domain, roomName, jwt } };
  }

  /** The Jitsi tenant of a meeting: the Vereinsraum tenant's own, else the back end's. */
  private tenantOf(meeting: MeetingRef): string | undefined {
    return meeting.branding?.jitsiTenant ?? this.backend.tenant;
  }

  private signingKey(): Promise<JitsiSigningKey> {
    this.signing ??= (async (): Promise<JitsiSigningKey> => {
      if (this.backend.appSecret !== undefined) return { alg: 'HS256', key: await importJitsiSecret(this.backend.appSecret) };
      const rsa = (await this.keys()).signingKey('RS256');
      if (!rsa) throw new Error('a Jitsi back end without appSecretEnv needs an RSA key: run `vereinsraum keys generate --rsa`');
      return { alg: 'RS256', ...rsa };
    })();
    return this.signing;
  }
}
