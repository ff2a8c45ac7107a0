/**
 * Stable error codes of the server helper's HTTP API.
 *
 * Every refusal is an RFC 9457 `application/problem+json` body with one of
 * these codes. Codes are never renamed once released; elements map them to
 * messages in the visitor's language.
 */
export const ErrorCode = {
  /** The request body is not valid JSON. */
  invalidJson: 'invalid_json',
  /** The request body is larger than {@link MAX_BODY_BYTES}. */
  bodyTooLarge: 'body_too_large',
  /** The request's content type is not `application/json`. */
  unsupportedMediaType: 'unsupported_media_type',
  /** A field is missing or breaks its rule; `field` names it. */
  invalidInput: 'invalid_input',
  /** No tenant with that id. */
  tenantNotFound: 'tenant_not_found',
  /** No room with that id in the tenant. */
  roomNotFound: 'room_not_found',
  /** The page's origin is not on the tenant's allowlist. */
  originNotAllowed: 'origin_not_allowed',
  /** The room needs an access code and none was given. */
  accessCodeRequired: 'access_code_required',
  /** The access code is wrong. */
  accessCodeInvalid: 'access_code_invalid',
  /** Too many wrong access codes from this client for this room; see `Retry-After`. */
  tooManyAttempts: 'too_many_attempts',
  /** The invite is not a token this server signed for invites (bad signature, algorithm, issuer or audience, or not a token at all). */
  inviteInvalid: 'invite_invalid',
  /** The invite has expired. */
  inviteExpired: 'invite_expired',
  /** The invite is not valid yet (`nbf` in the future). */
  inviteNotYetValid: 'invite_not_yet_valid',
  /** The invite is for another room or tenant. */
  inviteWrongRoom: 'invite_wrong_room',
  /** The invite was revoked by the operator. */
  inviteRevoked: 'invite_revoked',
  /** The invite was signed with a key the server no longer has (removed after rotation). */
  inviteKeyUnknown: 'invite_key_unknown',
  /** The admin API needs `Authorization: Bearer <admin token>`, and this one is missing or wrong. */
  unauthorized: 'unauthorized',
  /** The server helper has as many open event streams as it allows; try again later (`Retry-After`). */
  serverBusy: 'server_busy',
  /** This client (IP address) has as many open event streams as one client may have; others keep theirs (`Retry-After`). */
  tooManyStreams: 'too_many_streams',
  /**
   * The server helper cannot write or read its database right now (disk full,
   * read-only, busy, I/O error). Nothing was changed; try again in a moment (`Retry-After`).
   */
  storageUnavailable: 'storage_unavailable',
  /** This tenant takes no bookings. */
  bookingsDisabled: 'bookings_disabled',
  /** The proof-of-work answer (`altcha`) is missing, wrong, expired or used before. */
  challengeFailed: 'challenge_failed',
  /** Too many bookings from this client or for this e-mail address; see `Retry-After`. */
  rateLimited: 'rate_limited',
  /** No booking with that id (or the manage token does not fit it). */
  bookingNotFound: 'booking_not_found',
  /** The booking can no longer be changed that way (e.g. cancelling one that was rejected or is over). */
  bookingConflict: 'booking_conflict',
  /** The conference server did not answer or refused the request. */
  upstreamUnavailable: 'upstream_unavailable',
  /**
   * The conference server refused the server helper's credentials
   * (BigBlueButton's `checksumError`: a wrong shared secret or checksum
   * algorithm in the configuration). Trying again does not help; the
   * operator must fix the configuration.
   */
  upstreamMisconfigured: 'upstream_misconfigured',
  /**
   * The chat server (Mattermost) did not answer or refused. Nothing was
   * changed for good: a booking stays pending, a visitor is not in the chat
   * yet. Try again; `detail` says what happened.
   */
  chatUnavailable: 'chat_unavailable',
  /**
   * The code from the chat server's message is not right (`field`:
   * `chatCode`). The visitor may try again, a few times.
   */
  chatCodeInvalid: 'chat_code_invalid',
  /**
   * The code from the chat server's message no longer works: it expired
   * (after 10 minutes), was used, or was typed wrong too often (`field`:
   * `chatCode`). Ask for a new message.
   */
  chatCodeExpired: 'chat_code_expired',
  /** This tenant opens no conferences on request (`openRooms` is off, or the server keeps no store). */
  openRoomsDisabled: 'open_rooms_disabled',
  /** The tenant has as many open conferences at once as it allows; try again later (`Retry-After`). */
  openRoomsFull: 'open_rooms_full',
  /** The open conference expired: nobody hosted it for the tenant's idle time. Open a new one. */
  openRoomExpired: 'open_room_expired',
  /** This server takes no club registrations (no `clubs` section, or no store). */
  clubsDisabled: 'clubs_disabled',
  /** No club with that id (or the signed-in contact person's club is not that one). */
  clubNotFound: 'club_not_found',
  /** The club or room can no longer be changed that way (its status, a taken room id, the room limit); `detail` says which. */
  clubConflict: 'club_conflict',
  /** A club's colours: the text on its buttons, or its primary colour on white, is below the contrast WCAG AA asks for text (4.5:1); `field` names which. */
  contrastTooLow: 'contrast_too_low',
  /** The sign-in or confirmation link is unknown, used or expired: ask for a new one. */
  linkInvalid: 'link_invalid',
  /** The club page needs a sign-in: the session cookie is missing or expired. */
  sessionRequired: 'session_required',
  /** A change to a club came without its session's CSRF proof (`X-Vereinsraum-CSRF`) or from another site. */
  csrfFailed: 'csrf_failed',
  /** The request cannot be read: its target is not a plain path, or its `Host` header is not a host. */
  badRequest: 'bad_request',
  /**
   * The `Host` header names a host this server does not answer for: without a
   * configured public origin, only loopback hosts and listed ones are served.
   */
  hostNotAllowed: 'host_not_allowed',
  /** No route for this method and path. */
  notFound: 'not_found',
  /** The route exists but not for this method, or no route takes this method (`TRACE`, `CONNECT`); `Allow` names the right ones. */
  methodNotAllowed: 'method_not_allowed',
  /** The server keeps no usage figures: it was started without a store. */
  usageDisabled: 'usage_disabled',
  /**
   * A BigBlueButton end callback without a valid MAC of this server (missing,
   * wrong, or for another meeting). Nothing was changed.
   */
  callbackInvalid: 'callback_invalid',
  /** Something went wrong inside the server helper. */
  internal: 'internal_error',
} as const;

/** One of the stable API error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An RFC 9457 problem details body as the server helper sends it.
 *
 * @example
 * ```json
 * { "type": "urn:vereinsraum:problem:room_not_found", "title": "Room not found",
 *   "status": 404, "code": "room_not_found", "detail": "There is no room 'yoga' in tenant 'tsv'." }
 * ```
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Stable machine-readable code; see {@link ErrorCode}. */
  code: ErrorCode;
  /** A sentence for developers and operators (English). Elements show their own translated text. */
  detail?: string;
  /** For `invalid_input`: the JSON field that broke its rule. */
  field?: string;
}

/** Base of the `type` URI of every problem; the code is appended. */
export const PROBLEM_TYPE_BASE = 'urn:vereinsraum:problem:';
