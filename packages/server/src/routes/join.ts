import { ACCESS_CODE_MAX, checkDisplayName, type JoinResponse, type Role } from '@vereinsraum/protocol';
import type { Tenant } from '../config/index.js';
import { HttpError } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import { codeMatches } from '../clubs/codes.js';
import { chatJoinRoute } from './chat-join.js';
import { LEFT_PATH } from './left.js';
import type { RoomContext } from '../context.js';

const NAME_PROBLEMS = {
  missing: 'displayName is required.',
  too_long: 'displayName is too long.',
  control_characters: 'displayName contains control characters.',
} as const;

/**
 * The page a visitor came from, where BigBlueButton sends them back: only a
 * page on one of the tenant's allowed origins or the server's own, without
 * its fragment (an invite may be there). Any other URL is refused: a
 * `logoutURL` the server signs for anyone would be an open redirect. (An
 * open conference's links point to such a page too: `field` names it.)
 *
 * @throws {@link HttpError} `400 invalid_input` (`returnUrl`, or `field`).
 */
export function returnUrl(value: unknown, tenant: Tenant, origin: string, field = 'returnUrl'): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2000 ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || url.username || url.password || (url.origin !== origin && !tenant.allowedOrigins.includes(url.origin))) {
    throw new HttpError(
      400,
      'invalid_input',
      `${field} must be a page on one of the tenant's allowed origins (at most 2000 characters).`,
      field,
    );
  }
  url.hash = '';
  return url.href;
}

/** `POST /v1/rooms/{tenant}/{room}/join`: who the visitor is, then a URL or "wait" (chat rooms: see {@link chatJoinRoute}). */
export async function joinRoute(request: Request, context: RoomContext): Promise<Response> {
  if (context.chat) return chatJoinRoute(request, context);
  const { tenant, room, meeting, provider, attempts, client, verifyInvite, origin, usage, meetingStatus } = context;
  const body = await readJsonObject(request);
  const nameProblem = checkDisplayName(body.displayName);
  if (nameProblem) throw new HttpError(400, 'invalid_input', NAME_PROBLEMS[nameProblem], 'displayName');
  const displayName = (body.displayName as string).trim();
  const code = body.accessCode;
  if (code !== undefined && (typeof code !== 'string' || code.length > ACCESS_CODE_MAX)) {
    throw new HttpError(400, 'invalid_input', `accessCode must be a text of at most ${ACCESS_CODE_MAX} characters.`, 'accessCode');
  }

  if (body.invite !== undefined && typeof body.invite !== 'string')
    throw new HttpError(400, 'invalid_input', 'invite must be a text.', 'invite');
  if (body.embed !== undefined && typeof body.embed !== 'boolean')
    throw new HttpError(400, 'invalid_input', 'embed must be true or false.', 'embed');
  const logoutUrl = body.embed === true ? `${origin}${LEFT_PATH}` : (returnUrl(body.returnUrl, tenant, origin) ?? tenant.leavePage);

  if (room.inviteOnly && !body.invite) {
    throw new HttpError(403, 'invite_invalid', 'This room is entered with an invite link only.', 'invite');
  }

  let role: Role = 'attendee';
  const given = typeof code === 'string' ? code.trim() : '';
  if (body.invite) {
    // The operator's signature stands in for the access codes.
    ({ role } = await verifyInvite(body.invite));
  } else if (given) {
    const key = `${meeting.id}|${client}`;
    const wait = await attempts.retryAfter(key);
    if (wait > 0) {
      throw new HttpError(429, 'too_many_attempts', 'Too many wrong access codes. Try again later.', 'accessCode', {
        'retry-after': String(wait),
      });
    }
    // Compare with both codes every time, so timing does not tell which one exists.
    const hashed = room.hashedCodes;
    const [isModerator, isAttendee] = await Promise.all(
      hashed
        ? [codeMatches(given, hashed.moderator), codeMatches(given, hashed.attendee)]
        : [
            constantTimeEqual(given, room.moderatorCode ?? '').then((ok) => ok && !!room.moderatorCode),
            constantTimeEqual(given, room.attendeeCode ?? '').then((ok) => ok && !!room.attendeeCode),
          ],
    );
    if (isModerator) role = 'moderator';
    else if (!isAttendee) {
      await attempts.fail(key);
      throw new HttpError(403, 'access_code_invalid', 'The access code is not right.', 'accessCode');
    }
  } else if (room.attendeeCode || room.hashedCodes?.attendee) {
    throw new HttpError(403, 'access_code_required', 'This room needs an access code.', 'accessCode');
  }

  const create = async (): Promise<{ createTime: string | null }> => {
    const endCallbackUrl = await usage?.endCallbackUrl(origin, room.backend, meeting.id);
    return provider.createMeeting(meeting, endCallbackUrl ? { endCallbackUrl } : {});
  };
  if (room.settings?.allModerators) role = 'moderator';
  let createTime: string | null;
  if (role === 'moderator') {
    await room.open?.hostJoined();
    ({ createTime } = await create());
  } else {
    // Shared by everyone who joins the room at the same moment: one request to the conference server.
    const status = await meetingStatus();
    if (status.running === true || (room.start === 'anyone' && status.createTime)) {
      // In an "anyone" room, whoever created the meeting is its host; the
      // others come in as attendees, even before the host has arrived.
      createTime = status.createTime;
    } else if (room.start === 'anyone') {
      // Also when the back end cannot tell whether anyone is there (Jitsi
      // without a room-size endpoint): in an open room everyone may host.
      role = 'moderator';
      ({ createTime } = await create());
    } else if (status.running === false) {
      return json({ waiting: true } satisfies JoinResponse);
    } else {
      // Unknown: let the visitor in; Jitsi's own lobby or wait-for-host decides.
      createTime = null;
    }
  }
  const target = await provider.join(meeting, {
    displayName,
    role,
    userId: crypto.randomUUID(),
    createTime,
    ...(logoutUrl ? { logoutUrl } : {}),
  });
  // The one place a way into a meeting is handed out: counted here, for every back end.
  await usage?.joined({ tenant: tenant.id, room: room.id, backend: room.backend }, role);
  context.metrics?.join(room.backend, role);
  const embed = body.embed === true && target.embed ? { embed: target.embed } : {};
  return json({ url: target.url, role, ...embed } satisfies JoinResponse);
}
