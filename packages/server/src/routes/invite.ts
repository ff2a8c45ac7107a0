import { type InviteInfo, INVITE_MAX } from '@vereinsraum/protocol';
import type { TenantContext } from '../context.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import { type InviteFacts, inspectInvite } from '../invites.js';
import { findRoom } from '../resolve.js';

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
export async function inviteInfoRoute(request: Request, { services, tenant, client }: TenantContext): Promise<Response> {
  const { attempts, store } = services;
  const key = `${client}|invite|${tenant.id}`;
  const wait = await attempts.retryAfter(key);
  if (wait > 0) {
    throw new HttpError(429, 'too_many_attempts', 'Too many invites that are not valid. Try again later.', 'invite', {
      'retry-after': String(wait),
    });
  }
  const body = await readJsonObject(request);
  if (typeof body.invite !== 'string' || body.invite === '' || body.invite.length > INVITE_MAX) {
    throw new HttpError(400, 'invalid_input', `invite must be a token of at most ${INVITE_MAX} characters.`, 'invite');
  }
  if (body.room !== undefined && typeof body.room !== 'string')
    throw new HttpError(400, 'invalid_input', 'room must be a room id.', 'room');
  let facts: InviteFacts;
  try {
    facts = await inspectInvite(await services.keys(), body.invite, {
      now: services.now(),
      revocations: services.revocations,
      ...(store ? { invites: store } : {}),
    });
  } catch (error) {
    if (error instanceof HttpError && (error.code === 'invite_invalid' || error.code === 'invite_key_unknown')) await attempts.fail(key);
    throw error;
  }
  if (facts.tenant !== tenant.id || (body.room !== undefined && body.room !== facts.room)) {
    throw new HttpError(403, 'invite_wrong_room', 'The invite is for another room.', 'invite');
  }
  const room = await findRoom(services, tenant, facts.room);
  const info: InviteInfo = {
    room: room.id,
    kind: facts.kind ?? (room.chat ? 'chat' : 'video'),
    role: facts.role,
    title: room.name,
    // A booked room's dates; none for a configured room.
    dates: services.bookings ? await services.bookings.roomDates(tenant, room.id) : [],
    validFrom: facts.notBefore === null ? null : new Date(facts.notBefore).toISOString(),
    validUntil: new Date(facts.expiresAt).toISOString(),
    notYetValid: facts.notBefore !== null && facts.notBefore > services.now(),
  };
  return json(info);
}
