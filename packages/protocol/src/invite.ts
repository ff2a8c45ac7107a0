import type { BookingDate, BookingKind } from './booking.js';
import type { Role } from './types.js';

/** `aud` of every invite token. A token with any other audience is refused. */
export const INVITE_AUDIENCE = 'vereinsraum:invite';

/** Longest invite token the server reads, in characters. */
export const INVITE_MAX = 2048;

/**
 * The claims of a signed invite token (a JWT signed by the server helper with
 * EdDSA), the kind every invite was before short links, and still the kind a
 * server without a store makes. Either kind travels in a link's fragment
 * (`#invite=…`), which browsers never send to the page's web server.
 */
export interface InviteClaims {
  /** The server helper that signed it. */
  iss: string;
  /** Always {@link INVITE_AUDIENCE}. */
  aud: string;
  /** The room: `tenant/room`. */
  sub: string;
  /** What the invite makes its holder. */
  role: Role;
  /** Issued at, seconds since the epoch. */
  iat: number;
  /** Valid from, seconds since the epoch, when not valid at once. */
  nbf?: number;
  /** Expires at, seconds since the epoch. */
  exp: number;
  /** Unique id; the operator revokes an invite by it. */
  jti: string;
  /** `chat` for a chat room (a Mattermost channel); absent for a meeting. The element asks for a Mattermost user name then, not a display name. */
  kind?: 'chat';
}

/** Body of `POST /v1/tenants/{tenant}/invite`: an invite token, as the link's `#invite=` carries it. */
export interface InviteInfoRequest {
  invite: string;
  /** The room the invite is meant for, if the asker knows it: an invite for another room is then refused (`invite_wrong_room`). */
  room?: string;
}

/**
 * Answer of `POST /v1/tenants/{tenant}/invite`: what an invite opens, told
 * before anyone joins, so the join page can show it and ask for a name only
 * when the link works. Expired, revoked and forged invites get their problem
 * (`invite_expired`, `invite_revoked`, `invite_invalid`, …) instead.
 */
export interface InviteInfo {
  /** The room id within the tenant (a booked room's is `b-…`). */
  room: string;
  /** `chat` for a booked chat room (a Mattermost channel), else `video`. */
  kind: BookingKind;
  /** What the invite makes its holder. */
  role: Role;
  /** The booking's title, or the configured room's name. */
  title: string;
  /** A booked room's dates, first to last; empty for a configured room. */
  dates: BookingDate[];
  /** ISO 8601; `null` when the invite was valid from the start. */
  validFrom: string | null;
  /** ISO 8601: the invite is refused from this instant on. */
  validUntil: string;
  /** The invite works only from `validFrom` (by the server's clock): show when, and no form yet. */
  notYetValid: boolean;
}

/**
 * Read the room (`sub`) a signed invite is for, without checking its
 * signature: only the server can verify. The element uses this to pick up an
 * invite from the page URL only for the room it was made for. A short token
 * (see `SHORT_TOKEN`) tells nothing: ask the server
 * (`POST /v1/tenants/{tenant}/invite`).
 *
 * @returns `tenant/room`, or `null` when `token` is not a readable JWT.
 */
export function inviteRoom(token: string): string | null {
  const sub = readClaims(token)?.sub;
  return typeof sub === 'string' ? sub : null;
}

/**
 * Is the invite for a chat room? Read without checking the signature, like
 * {@link inviteRoom}: the element only decides what to ask the visitor.
 */
export function isChatInvite(token: string): boolean {
  return readClaims(token)?.kind === 'chat';
}

function readClaims(token: string): Partial<Record<keyof InviteClaims, unknown>> | null {
  const payload = token.split('.')[1];
  if (!payload || token.length > INVITE_MAX) return null;
  try {
    // Ids are ASCII, so the bytes of the payload can be parsed as they are.
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Partial<Record<keyof InviteClaims, unknown>> | null;
  } catch {
    return null;
  }
}
