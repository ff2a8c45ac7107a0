import { ACCESS_CODE_MAX, checkDisplayName, type JoinResponse, type Role } from '@vereinsraum/protocol';
import { HttpError } from '../errors.js';
import { constantTimeEqual, json, readJsonObject } from '../http.js';
import type { RoomContext } from './context.js';

const NAME_PROBLEMS = {
  missing: 'displayName is required.',
  too_long: 'displayName is too long.',
  control_characters: 'displayName contains control characters.',
} as const;

/** `POST /v1/rooms/{tenant}/{room}/join`: who the visitor is, then a URL or "wait". */
export async function joinRoute(request: Request, { room, meeting, provider, attempts, client }: RoomContext): Promise<Response> {
  const body = await readJsonObject(request);
  const nameProblem = checkDisplayName(body.displayName);
  if (nameProblem) throw new HttpError(400, 'invalid_input', NAME_PROBLEMS[nameProblem], 'displayName');
  const displayName = (body.displayName as string).trim();
  const code = body.accessCode;
  if (code !== undefined && (typeof code !== 'string' || code.length > ACCESS_CODE_MAX)) {
    throw new HttpError(400, 'invalid_input', `accessCode must be a text of at most ${ACCESS_CODE_MAX} characters.`, 'accessCode');
  }

  let role: Role = 'attendee';
  const given = typeof code === 'string' ? code.trim() : '';
  if (given) {
    const key = `${meeting.id}|${client}`;
    const wait = attempts.retryAfter(key);
    if (wait > 0) {
      throw new HttpError(429, 'too_many_attempts', 'Too many wrong access codes. Try again later.', 'accessCode', { 'retry-after': String(wait) });
    }
    // Compare with both codes every time, so timing does not tell which one exists.
    const [isModerator, isAttendee] = await Promise.all([
      constantTimeEqual(given, room.moderatorCode ?? ''),
      constantTimeEqual(given, room.attendeeCode ?? ''),
    ]);
    if (isModerator && room.moderatorCode) role = 'moderator';
    else if (!(isAttendee && room.attendeeCode)) {
      attempts.fail(key);
      throw new HttpError(403, 'access_code_invalid', 'The access code is not right.', 'accessCode');
    }
  } else if (room.attendeeCode) {
    throw new HttpError(403, 'access_code_required', 'This room needs an access code.', 'accessCode');
  }

  let createTime: string | null;
  if (role === 'moderator') {
    ({ createTime } = await provider.createMeeting(meeting));
  } else {
    const status = await provider.status(meeting);
    if (status.running || (room.start === 'anyone' && status.createTime)) {
      // In an "anyone" room, whoever created the meeting is its host; the
      // others come in as attendees, even before the host has arrived.
      createTime = status.createTime;
    } else if (room.start === 'anyone') {
      role = 'moderator';
      ({ createTime } = await provider.createMeeting(meeting));
    } else {
      return json({ waiting: true } satisfies JoinResponse);
    }
  }
  const url = await provider.joinUrl(meeting, { displayName, role, userId: crypto.randomUUID(), createTime });
  return json({ url, role } satisfies JoinResponse);
}
