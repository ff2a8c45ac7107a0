import { chatUsername, type JoinResponse } from '@vereinsraum/protocol';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import { MattermostError } from '../providers/mattermost.js';
import type { ChatRoomContext, RoomContext } from './context.js';

/**
 * `POST /v1/rooms/{tenant}/{room}/join` for a chat room (a booked room whose
 * booking made a private Mattermost channel). Only with an invite.
 *
 * - Without `chatUsername`: `{ chat: { inviteUrl } }`, the team's invite
 *   link for visitors who have no account yet.
 * - With it: the account joins the team and the channel (a moderator invite
 *   also makes it channel admin); the answer is
 *   `{ url, role, chat: { inviteUrl } }` with `url` the channel's address.
 *
 * An unknown user name answers `404 chat_user_not_found` and counts as a
 * wrong attempt (so names cannot be tried out in bulk); Mattermost errors
 * become `502 chat_unavailable` in the handler.
 */
export async function chatJoinRoute(request: Request, { meeting, attempts, client, verifyInvite, chat }: RoomContext & { chat: ChatRoomContext }): Promise<Response> {
  const body = await readJsonObject(request);
  if (body.invite !== undefined && typeof body.invite !== 'string') throw new HttpError(400, 'invalid_input', 'invite must be a text.', 'invite');
  if (!body.invite) throw new HttpError(403, 'invite_invalid', 'This room is entered with an invite link only.', 'invite');
  const { role } = await verifyInvite(body.invite);
  const { provider, channel } = chat;
  // The team's invite link costs a call to Mattermost: only after the request's own checks.
  const inviteUrl = async () => provider.inviteUrl(await provider.inviteId(channel.teamId));
  if (body.chatUsername === undefined) return json({ chat: { inviteUrl: await inviteUrl() } } satisfies JoinResponse);

  const username = chatUsername(body.chatUsername);
  if (!username) {
    throw new HttpError(400, 'invalid_input', "chatUsername must be a Mattermost user name: lowercase letters, digits, '.', '-' and '_'.", 'chatUsername');
  }
  const key = `chat|${meeting.id}|${client}`;
  const wait = attempts.retryAfter(key);
  if (wait > 0) throw new HttpError(429, 'too_many_attempts', 'Too many unknown user names. Try again later.', 'chatUsername', { 'retry-after': String(wait) });
  const user = await provider.user(username).catch((error: unknown) => {
    if (error instanceof MattermostError && error.status === 404) return undefined;
    throw error;
  });
  if (!user?.active) {
    attempts.fail(key);
    throw new HttpError(404, 'chat_user_not_found', 'No active Mattermost account has this user name. Sign up with the invite link first.', 'chatUsername');
  }
  await provider.addToTeam(channel.teamId, user.id);
  await provider.addToChannel(channel.channelId, user.id);
  if (role === 'moderator') await provider.makeChannelAdmin(channel.channelId, user.id);
  return json({ url: provider.channelUrl(channel.teamName, channel.channelName), role, chat: { inviteUrl: await inviteUrl() } } satisfies JoinResponse);
}
