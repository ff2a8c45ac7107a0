/**
 * Channels and members: create a channel, find it by name or id, its stats,
 * add a member, make a member a channel admin.
 */
import {
  ADD_TO_CHANNEL_FAILED,
  ADD_TO_DIRECT,
  CHANNEL_EXISTS,
  CHANNEL_MEMBER_MISSING,
  CHANNEL_NAME_MISSING,
  fail,
  invalidChannel,
  readJson,
  textField,
} from './errors.js';
import { channelJson, channelMemberJson } from './json.js';
import { canRead, channelOf, deny, route, teamOf, teamRole, userOf } from './route.js';
import type { Route } from './route.js';
import { CHANNEL_NAME, runes } from './state.js';

export const channelRoutes: readonly Route[] = [
  route('POST', '/channels', async ({ req, store, user }) => {
    const body = await readJson(req, 'channel');
    const team = teamOf(store, textField(body, 'team_id', 'channel'));
    const type = body.type;
    if (type !== 'O' && type !== 'P') fail(invalidChannel('type', 'Invalid type.'));
    if (!teamRole(team, user)) deny(user, type === 'P' ? 'create_private_channel' : 'create_public_channel');
    const name = textField(body, 'name', 'channel');
    const displayName = textField(body, 'display_name', 'channel');
    const purpose = typeof body.purpose === 'string' ? body.purpose : '';
    const header = typeof body.header === 'string' ? body.header : '';
    if (name.length > 64 || !CHANNEL_NAME.test(name))
      fail(invalidChannel('1_or_more', 'Name must be 1 or more lowercase alphanumeric characters.'));
    if (displayName.trim() === '' || runes(displayName) > 64) fail(invalidChannel('display_name', 'Invalid display name.'));
    if (runes(purpose) > 250) fail(invalidChannel('purpose', 'Invalid purpose.'));
    if (runes(header) > 1024) fail(invalidChannel('header', 'Invalid header.'));
    if (store.channelByName(team.id, name)) fail(CHANNEL_EXISTS, `id=${team.id}`);
    return [201, channelJson(store.addChannel(team, { name, displayName, type, purpose, header, creatorId: user.id }))];
  }),

  route('GET', '/teams/{team_id}/channels/name/{channel_name}', ({ store, user }, [id, name]) => {
    const team = teamOf(store, id!);
    if (!teamRole(team, user)) deny(user, 'view_team');
    const channel = store.channelByName(team.id, name!) ?? fail(CHANNEL_NAME_MISSING);
    if (!canRead(store, channel, user)) deny(user, 'read_channel');
    return [200, channelJson(channel)];
  }),

  route('GET', '/channels/{channel_id}', ({ store, user }, [id]) => {
    const channel = channelOf(store, id!);
    if (!canRead(store, channel, user)) deny(user, 'read_channel');
    return [200, channelJson(channel)];
  }),

  route('GET', '/channels/{channel_id}/stats', ({ store, user, url }, [id]) => {
    const channel = channelOf(store, id!);
    if (!canRead(store, channel, user)) deny(user, 'read_channel');
    const files = url.searchParams.get('exclude_files_count') === 'true' ? -1 : 0;
    return [200, { channel_id: channel.id, member_count: channel.members.size, guest_count: 0, pinnedpost_count: 0, files_count: files }];
  }),

  route('POST', '/channels/{channel_id}/members', async ({ req, store, user }, [id]) => {
    const body = await readJson(req, 'user_id');
    const channel = channelOf(store, id!);
    const member = userOf(store, textField(body, 'user_id'));
    if (channel.type === 'D') fail(ADD_TO_DIRECT);
    if (channel.type === 'P' ? !user.systemAdmin && !channel.members.has(user.id) : !canRead(store, channel, user)) {
      deny(user, channel.type === 'P' ? 'manage_private_channel_members' : 'manage_public_channel_members');
    }
    if (!store.teams.get(channel.teamId)?.members.has(member.id)) fail(ADD_TO_CHANNEL_FAILED, 'the user is not a member of the team');
    if (!channel.members.has(member.id)) {
      channel.members.set(member.id, false);
      store.post(channel, user.id, `@${member.username} added to the channel by @${user.username}.`, 'system_add_to_channel');
    }
    return [201, channelMemberJson(channel, member.id, store.now())];
  }),

  route('PUT', '/channels/{channel_id}/members/{user_id}/roles', async ({ req, store, user }, [id, userId]) => {
    const body = await readJson(req, 'roles');
    const roles = new Set(textField(body, 'roles').split(' ').filter(Boolean));
    const channel = channelOf(store, id!);
    if (!user.systemAdmin && channel.members.get(user.id) !== true) deny(user, 'manage_channel_roles');
    if (!channel.members.has(userId!)) fail(CHANNEL_MEMBER_MISSING);
    if (!roles.has('channel_user') || [...roles].some((r) => r !== 'channel_user' && r !== 'channel_admin')) {
      fail([
        400,
        'api.channel.update_channel_member_roles.scheme_role.app_error',
        'The provided role is managed by a Scheme and therefore cannot be applied directly to a Channel Member.',
      ]);
    }
    channel.members.set(userId!, roles.has('channel_admin'));
    return [200, { status: 'OK' }];
  }),
];
