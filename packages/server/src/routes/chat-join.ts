import { chatCode, chatUsername, type JoinResponse, type Role } from '@vereinsraum/protocol';
import { codeMessage, CONFIRMATION_ID } from '../chat/codes.js';
import { HttpError } from '../errors.js';
import { json, readJsonObject } from '../http.js';
import { MattermostError } from '../providers/mattermost.js';
import type { ChatRoomContext, RoomContext } from '../context.js';

type ChatContext = RoomContext & { chat: ChatRoomContext };

/**
 * `POST /v1/rooms/{tenant}/{room}/join` for a chat room (a booked room whose
 * booking made a private Mattermost channel). Only with an invite. Three
 * steps, each a request:
 *
 * 1. Without `chatUsername` and `chatCode`: `{ chat: { inviteUrl } }`, the
 *    team's invite link for visitors who have no account yet.
 * 2. With `chatUsername`: `202 { chat: { confirmation, expiresAt, messagesUrl } }`.
 *    When an active account has that name, the server's bot sends it a
 *    direct message with a one-time code. The answer is the same when no
 *    account has it, after the same work (the account is looked up and a
 *    confirmation stored either way; the message goes out after the
 *    answer), so names cannot be found out; every such request counts in
 *    the per-client limiter.
 * 3. With `chatConfirmation` and `chatCode`: when the code fits (once,
 *    within 10 minutes), the account joins the team and the channel (a
 *    moderator invite also makes it channel admin); the answer is
 *    `{ url, role, chat: { inviteUrl } }` with `url` the channel's address.
 *    A wrong code is `403 chat_code_invalid` and counts; one that expired,
 *    was used or was wrong five times is `403 chat_code_expired`.
 *
 * Mattermost errors become `502 chat_unavailable` in the handler.
 */
export async function chatJoinRoute(request: Request, context: ChatContext): Promise<Response> {
  const body = await readJsonObject(request);
  if (body.invite !== undefined && typeof body.invite !== 'string')
    throw new HttpError(400, 'invalid_input', 'invite must be a text.', 'invite');
  if (!body.invite) throw new HttpError(403, 'invite_invalid', 'This room is entered with an invite link only.', 'invite');
  const { role } = await context.verifyInvite(body.invite);
  if (body.chatCode !== undefined || body.chatConfirmation !== undefined) return confirm(body, role, context);
  if (body.chatUsername !== undefined) return sendCode(body.chatUsername, role, context);
  return json({ chat: { inviteUrl: await inviteUrl(context) } } satisfies JoinResponse);
}

/** The team's invite link: a call to Mattermost, so only after the request's own checks. */
async function inviteUrl({ chat: { provider, channel } }: ChatContext): Promise<string> {
  return provider.inviteUrl(await provider.inviteId(channel.teamId));
}

/** Refuse a client that asked (or guessed) too often in this room; `field` is where the element shows it. */
async function checkLimit({ attempts, meeting, client }: ChatContext, field: string): Promise<string> {
  const key = `chat|${meeting.id}|${client}`;
  const wait = await attempts.retryAfter(key);
  if (wait > 0)
    throw new HttpError(429, 'too_many_attempts', 'Too many tries for this chat room. Try again later.', field, {
      'retry-after': String(wait),
    });
  return key;
}

/** Step 2: a code to the named account, if there is one; the same answer either way. */
async function sendCode(value: unknown, role: Role, context: ChatContext): Promise<Response> {
  const { tenant, room, meeting, attempts, chat } = context;
  const { provider, channel, codes } = chat;
  const username = chatUsername(value);
  if (!username) {
    throw new HttpError(
      400,
      'invalid_input',
      "chatUsername must be a Mattermost user name: lowercase letters, digits, '.', '-' and '_'.",
      'chatUsername',
    );
  }
  // Every request counts, for names that exist and names that do not.
  await attempts.fail(await checkLimit(context, 'chatUsername'));
  const user = await provider.user(username).catch((error: unknown) => {
    if (error instanceof MattermostError && error.status === 404) return undefined;
    throw error;
  });
  const userId = user?.active ? user.id : '';
  const [issued, messagesUrl] = await Promise.all([
    codes.issue({ tenant: tenant.id, room: room.id, channelId: channel.channelId, userId, role }),
    provider.messagesUrl(channel.teamName),
  ]);
  if (userId) {
    // After the answer: waiting for it here would tell by the time taken that the account exists.
    const message = codeMessage(tenant.defaultLanguage ?? 'de', { username, room: room.name, tenant: tenant.name, code: issued.code });
    provider.directMessage(userId, message).catch((error: unknown) => {
      chat.warn(`room ${meeting.id}: the chat code was not sent: ${error instanceof MattermostError ? error.reason : 'unexpected error'}`);
    });
  }
  const answer: JoinResponse = { chat: { confirmation: issued.id, expiresAt: new Date(issued.expiresAt).toISOString(), messagesUrl } };
  return json(answer, { status: 202 });
}

/** Step 3: the code from the message; when it fits, the account joins. */
async function confirm(body: Record<string, unknown>, role: Role, context: ChatContext): Promise<Response> {
  const { tenant, room, attempts, chat } = context;
  const { provider, channel, codes } = chat;
  const id = body.chatConfirmation;
  if (typeof id !== 'string' || !CONFIRMATION_ID.test(id)) {
    throw new HttpError(
      400,
      'invalid_input',
      'chatConfirmation must be the confirmation of the answer that sent the code.',
      'chatConfirmation',
    );
  }
  const code = chatCode(body.chatCode);
  if (!code)
    throw new HttpError(400, 'invalid_input', 'chatCode must be the code from the chat message: 8 letters and digits.', 'chatCode');
  const key = await checkLimit(context, 'chatCode');
  const use = await codes.use(id, code, { tenant: tenant.id, room: room.id });
  if (use.result === 'wrong') {
    await attempts.fail(key);
    throw new HttpError(403, 'chat_code_invalid', 'The code is not the one of the chat message.', 'chatCode');
  }
  const confirmation = use.result === 'used' ? use.confirmation : undefined;
  // Bound to the room's channel and the invite's role: an invite that changed in between needs a new code.
  if (!confirmation?.userId || confirmation.channelId !== channel.channelId || confirmation.role !== role) {
    throw new HttpError(
      403,
      'chat_code_expired',
      'The code no longer works (expired, used, or wrong too often). Ask for a new one.',
      'chatCode',
    );
  }
  await provider.addToTeam(channel.teamId, confirmation.userId);
  await provider.addToChannel(channel.channelId, confirmation.userId);
  if (role === 'moderator') await provider.makeChannelAdmin(channel.channelId, confirmation.userId);
  return json({
    url: provider.channelUrl(channel.teamName, channel.channelName),
    role,
    chat: { inviteUrl: await inviteUrl(context) },
  } satisfies JoinResponse);
}
