import { type InviteInfo, INVITE_MAX } from '@vereinsraum/protocol';
import type { AttemptLimiter } from '../attempts.js';
import type { Room, Tenant } from '../config/index.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import type { InviteFacts } from '../invites.js';

/** What `POST /v1/tenants/{tenant}/invite` needs, resolved by the handler. */
export interface InviteInfoContext {
  /** The tenant, after the origin check. */
  tenant: Tenant;
  /** Check an invite's authenticity, revocation and expiry (not its room or start): see `inspectInvite`. */
  inspect(token: string): Promise<InviteFacts>;
  /** A room of the tenant: configured, or booked (`room_not_found` otherwise). */
  room(id: string): Promise<Room>;
  /** A booked room's dates; none for a configured room. */
  dates(room: Room): Promise<InviteInfo['dates']>;
  /** Forged or unknown invites per client and tenant. */
  attempts: AttemptLimiter;
  client: string;
  now(): number;
}

/**
 * `POST /v1/tenants/{tenant}/invite` with `{ invite, room? }`: what the invite
 * opens ({@link InviteInfo}: room, kind, role, title, dates, when it is
 * valid), without joining. The token travels in the body, never in a URL,
 * so no access log keeps it. Refusals are the join's (`invite_expired`,
 * `invite_revoked`, `invite_invalid`, `invite_key_unknown`, and
 * `invite_wrong_room` for another tenant's invite, or another room than
 * `room` when it is given). A client that presents
 * too many forged or unknown invites for a tenant is refused for a while
 * with `429 too_many_attempts`.
 */
export async function inviteInfoRoute(request: Request, context: InviteInfoContext): Promise<Response> {
  if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.', undefined, { allow: 'POST' });
  const key = `${context.client}|invite|${context.tenant.id}`;
  const wait = context.attempts.retryAfter(key);
  if (wait > 0) {
    throw new HttpError(429, 'too_many_attempts', 'Too many invites that are not valid. Try again later.', 'invite', { 'retry-after': String(wait) });
  }
  const body = await readJsonObject(request);
  if (typeof body.invite !== 'string' || body.invite === '' || body.invite.length > INVITE_MAX) {
    throw new HttpError(400, 'invalid_input', `invite must be a token of at most ${INVITE_MAX} characters.`, 'invite');
  }
  if (body.room !== undefined && typeof body.room !== 'string') throw new HttpError(400, 'invalid_input', 'room must be a room id.', 'room');
  let facts: InviteFacts;
  try {
    facts = await context.inspect(body.invite);
  } catch (error) {
    if (error instanceof HttpError && (error.code === 'invite_invalid' || error.code === 'invite_key_unknown')) context.attempts.fail(key);
    throw error;
  }
  if (facts.tenant !== context.tenant.id || (body.room !== undefined && body.room !== facts.room)) {
    throw new HttpError(403, 'invite_wrong_room', 'The invite is for another room.', 'invite');
  }
  const room = await context.room(facts.room);
  const info: InviteInfo = {
    room: room.id,
    kind: facts.kind ?? (room.chat ? 'chat' : 'video'),
    role: facts.role,
    title: room.name,
    dates: await context.dates(room),
    validFrom: facts.notBefore === null ? null : new Date(facts.notBefore).toISOString(),
    validUntil: new Date(facts.expiresAt).toISOString(),
    notYetValid: facts.notBefore !== null && facts.notBefore > context.now(),
  };
  return json(info);
}
