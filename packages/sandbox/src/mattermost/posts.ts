/**
 * Posts and direct messages: a message in a channel, and the direct channel
 * of two accounts (made when there is none).
 */
import { badBody, DIRECT_USER_INVALID, fail, readJson, readTexts, textField } from './errors.js';
import { channelJson, postJson } from './json.js';
import { deny, route } from './route.js';
import type { Route } from './route.js';
import { ID, runes } from './state.js';

export const postRoutes: readonly Route[] = [
  route('POST', '/posts', async ({ req, store, user }) => {
    const body = await readJson(req, 'post');
    const channel = store.channels.get(textField(body, 'channel_id', 'post'));
    if (!channel || (!user.systemAdmin && !channel.members.has(user.id))) return deny(user, 'create_post');
    const message = textField(body, 'message', 'post');
    if (message === '' || runes(message) > 16383) fail([400, 'model.post.is_valid.msg.app_error', 'Invalid message.']);
    return [201, postJson(store.post(channel, user.id, message), channel.id)];
  }),

  // Checked in Mattermost's order: the ids, whether the caller is one of the two (or a system admin), the accounts.
  route('POST', '/channels/direct', async ({ req, store, user }) => {
    const ids = await readTexts(req);
    if (ids.length !== 2) fail(badBody('user_ids'));
    if (!ids.every((id) => ID.test(id))) fail(badBody('user_id'));
    if (!ids.includes(user.id) && !user.systemAdmin) deny(user, 'manage_system');
    const [a, b] = ids.map((id) => store.users.get(id));
    if (!a || !b) fail(DIRECT_USER_INVALID, `No users found for ids: ${ids.join('. ')}`);
    return [201, channelJson(store.directChannel(a, b, user.id))];
  }),
];
