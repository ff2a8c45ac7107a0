/**
 * Mattermost's error shapes: a route ends with {@link fail}, and the answer
 * is Mattermost's JSON (`id`, `message`, `detailed_error`, `request_id`,
 * `status_code`) with its ids, messages (English) and statuses. Reading a
 * request body fails Mattermost's way too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, readBody, send } from '../http.js';
import { newId } from './state.js';

/** An error as Mattermost sends it: status, id and message. */
export type Failure = readonly [status: number, id: string, message: string];

export const SESSION_EXPIRED = [401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.'] as const;
export const NO_PERMISSION = [403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.'] as const;
export const NO_ROUTE = [404, 'api.context.404.app_error', 'Sorry, we could not find the page.'] as const;
export const INTERNAL = [500, 'app.sandbox.internal.app_error', 'An internal error occurred in the sandbox.'] as const;
export const TEAM_NAME_MISSING = [404, 'app.team.get_by_name.missing.app_error', 'Unable to find the existing team.'] as const;
export const TEAM_MISSING = [404, 'app.team.get.find.app_error', 'Unable to find the existing team.'] as const;
export const CHANNEL_MISSING = [404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.'] as const;
export const CHANNEL_NAME_MISSING = [404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.'] as const;
export const USERNAME_MISSING = [
  404,
  'app.user.get_by_username.app_error',
  'Unable to find an existing account matching your username for this team. This team may require an invite from the team owner to join.',
] as const;
export const USER_MISSING = [404, 'app.user.missing_account.const', 'Unable to find the user.'] as const;
export const TEAM_MEMBER_MISSING = [
  404,
  'app.team.get_member.missing.app_error',
  'No team member found for that user ID and team ID.',
] as const;
export const CHANNEL_MEMBER_MISSING = [
  404,
  'app.channel.get_member.missing.app_error',
  'No channel member found for that user ID and channel ID.',
] as const;
export const CHANNEL_EXISTS = [
  400,
  'store.sql_channel.save_channel.exists.app_error',
  'A channel with that name already exists on the same team.',
] as const;
export const USERNAME_EXISTS = [400, 'app.user.save.username_exists.app_error', 'An account with that username already exists.'] as const;
export const ADD_TO_CHANNEL_FAILED = [400, 'api.channel.add_user.to.channel.failed.app_error', 'Failed to add user to channel.'] as const;
export const ADD_TO_DIRECT = [400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.'] as const;
export const DIRECT_USER_INVALID = [
  400,
  'api.channel.create_direct_channel.invalid_user.app_error',
  'Invalid user ID for direct channel creation.',
] as const;
const BODY_TOO_LARGE = [413, 'api.context.request_body_too_large.app_error', 'The request body is too large.'] as const;

const MAX_BODY_BYTES = 64 * 1024;

/** A missing or malformed field of a request body. */
export function badBody(name: string): Failure {
  return [400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`];
}

/** A channel field that breaks Mattermost's channel rules. */
export function invalidChannel(field: string, message: string): Failure {
  return [400, `model.channel.is_valid.${field}.app_error`, message];
}

/** Thrown inside a route: the request ends with Mattermost's error. `detail` goes to `detailed_error` in developer mode only. */
export class ApiFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly detail = '',
  ) {
    super(failure[1]);
  }
}

/** Ends the request with Mattermost's error. */
export function fail(failure: Failure, detail = ''): never {
  throw new ApiFailure(failure, detail);
}

/** Answers with Mattermost's JSON error; `detail` only when `developer` (Mattermost's developer mode). */
export function sendError(res: ServerResponse, [status, id, message]: Failure, detail: string, developer: boolean): void {
  const body = { id, message, detailed_error: developer ? detail : '', request_id: newId(), status_code: status };
  sendApi(res, status, body, { 'X-Request-Id': body.request_id });
}

/**
 * An API answer: content type exactly `application/json` (Client4 parses
 * nothing else) and Mattermost's caching header.
 */
export function sendApi(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  send(res, status, 'application/json', JSON.stringify(body), { 'Cache-Control': 'no-cache, max-age=31556926, public', ...headers });
}

/** The body as text; past 64 KiB, Mattermost's 413. */
export async function readText(req: IncomingMessage): Promise<string> {
  try {
    return (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) fail(BODY_TOO_LARGE);
    throw error;
  }
}

/** A JSON object body; anything else is Mattermost's 400 for the body parameter `name`. */
export async function readJson(req: IncomingMessage, name: string): Promise<Record<string, unknown>> {
  const text = await readText(req);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  return fail(badBody(name));
}

/** A JSON array of texts, as Mattermost's `ArrayFromJSON` reads it: anything else is an empty array. */
export async function readTexts(req: IncomingMessage): Promise<string[]> {
  const text = await readText(req);
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : [];
  } catch {
    return [];
  }
}

/** A text field of a body; missing or not text is Mattermost's 400 for `name`. */
export function textField(body: Record<string, unknown>, key: string, name = key): string {
  const value = body[key];
  if (typeof value !== 'string') fail(badBody(name));
  return value;
}
