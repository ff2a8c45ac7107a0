import { type ErrorCode, PROBLEM_TYPE_BASE, type Problem } from '@vereinsraum/protocol';
import { textResponse } from './plain-request.js';

const TITLES: Record<ErrorCode, string> = {
  invalid_json: 'Invalid JSON',
  body_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  invalid_input: 'Invalid input',
  tenant_not_found: 'Tenant not found',
  room_not_found: 'Room not found',
  origin_not_allowed: 'Origin not allowed',
  access_code_required: 'Access code required',
  access_code_invalid: 'Access code invalid',
  too_many_attempts: 'Too many attempts',
  invite_invalid: 'Invite invalid',
  invite_expired: 'Invite expired',
  invite_not_yet_valid: 'Invite not yet valid',
  invite_wrong_room: 'Invite for another room',
  invite_revoked: 'Invite revoked',
  invite_key_unknown: 'Invite signed with an unknown key',
  unauthorized: 'Unauthorized',
  server_busy: 'Server busy',
  too_many_streams: 'Too many event streams',
  storage_unavailable: 'Storage unavailable',
  bookings_disabled: 'Bookings disabled',
  usage_disabled: 'Usage figures disabled',
  callback_invalid: 'Callback refused',
  challenge_failed: 'Challenge failed',
  rate_limited: 'Rate limited',
  booking_not_found: 'Booking not found',
  booking_conflict: 'Booking conflict',
  upstream_unavailable: 'Conference server unavailable',
  upstream_misconfigured: 'Conference server not set up correctly',
  chat_unavailable: 'Chat server unavailable',
  chat_code_invalid: 'Chat code invalid',
  chat_code_expired: 'Chat code expired',
  open_rooms_disabled: 'Open conferences disabled',
  open_rooms_full: 'Too many open conferences',
  open_room_expired: 'Open conference expired',
  clubs_disabled: 'Club registration disabled',
  club_not_found: 'Club not found',
  club_conflict: 'Club conflict',
  contrast_too_low: 'Contrast too low',
  link_invalid: 'Link invalid',
  session_required: 'Sign-in required',
  csrf_failed: 'CSRF check failed',
  bad_request: 'Bad request',
  host_not_allowed: 'Host not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  internal_error: 'Internal error',
};

/**
 * A refusal that becomes an RFC 9457 problem+json response.
 *
 * Routes throw it; the handler turns it into a response. `detail` is for
 * developers and operators and must never contain secrets or personal data.
 *
 * @example
 * ```ts
 * throw new HttpError(404, 'room_not_found', `There is no room '${room}'.`);
 * ```
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = 'HttpError';
  }
}

/** Build the problem+json response for an {@link HttpError}. */
export function problemResponse(error: HttpError): Response {
  const { body, headers } = problemParts(error);
  return textResponse(body, { status: error.status, headers });
}

/** The body and headers of an {@link HttpError}'s problem+json answer, for writers without `Response` (the Node adapter). */
export function problemParts(error: HttpError): { body: string; headers: Record<string, string> } {
  const body: Problem = {
    type: PROBLEM_TYPE_BASE + error.code,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.field === undefined ? {} : { field: error.field }),
  };
  return {
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...error.headers,
    },
  };
}

/** Keep user-supplied text out of logs and details when it is not a plain id. */
export function safe(value: string): string {
  return /^[\w.:/-]{1,100}$/.test(value) ? value : '(invalid)';
}
