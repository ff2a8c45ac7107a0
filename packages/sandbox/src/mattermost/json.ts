/**
 * The JSON the Mattermost stand-in answers with, field for field as
 * Mattermost's API v4 sends it.
 */
import type { MmChannel, MmPost, MmTeam, MmUser } from './state.js';

/** A team as the API answers it to its members (with the invite id). */
export function teamJson(team: MmTeam): object {
  return {
    id: team.id,
    create_at: team.createAt,
    update_at: team.createAt,
    delete_at: 0,
    display_name: team.displayName,
    name: team.name,
    description: '',
    email: '',
    type: 'I',
    company_name: '',
    allowed_domains: '',
    invite_id: team.inviteId,
    allow_open_invite: false,
    scheme_id: null,
    group_constrained: null,
  };
}

/** A channel as the API answers it. */
export function channelJson(channel: MmChannel): object {
  return {
    id: channel.id,
    create_at: channel.createAt,
    update_at: channel.createAt,
    delete_at: 0,
    team_id: channel.teamId,
    type: channel.type,
    display_name: channel.displayName,
    name: channel.name,
    header: channel.header,
    purpose: channel.purpose,
    last_post_at: channel.lastPostAt,
    total_msg_count: channel.posts.length,
    extra_update_at: 0,
    creator_id: channel.creatorId,
    scheme_id: null,
    props: null,
    group_constrained: null,
    shared: null,
    total_msg_count_root: channel.posts.length,
    policy_id: null,
    last_root_post_at: channel.lastPostAt,
  };
}

/** An account as the API answers it; a bot's with its description. */
export function userJson(user: MmUser): object {
  return {
    id: user.id,
    create_at: user.createAt,
    update_at: user.createAt,
    delete_at: user.deleteAt,
    username: user.username,
    auth_service: '',
    email: user.isBot ? '' : `${user.username}@sandbox.invalid`,
    nickname: '',
    first_name: user.isBot ? user.displayName : '',
    last_name: '',
    position: '',
    roles: user.systemAdmin ? 'system_admin system_user' : 'system_user',
    locale: 'de',
    timezone: { automaticTimezone: '', manualTimezone: '', useAutomaticTimezone: 'true' },
    disable_welcome_email: false,
    ...(user.isBot ? { is_bot: true, bot_description: user.description } : {}),
  };
}

/** A post as the API answers it. */
export function postJson(post: MmPost, channelId: string): object {
  return {
    id: post.id,
    create_at: post.createAt,
    update_at: post.createAt,
    edit_at: 0,
    delete_at: 0,
    is_pinned: false,
    user_id: post.userId,
    channel_id: channelId,
    root_id: '',
    original_id: '',
    message: post.message,
    type: post.type,
    props: {},
    hashtags: '',
    pending_post_id: '',
    reply_count: 0,
    metadata: {},
  };
}

/** A team membership as the API answers it. */
export function teamMemberJson(team: MmTeam, userId: string): object {
  const admin = team.members.get(userId) === 'admin';
  return {
    team_id: team.id,
    user_id: userId,
    roles: admin ? 'team_user team_admin' : 'team_user',
    delete_at: 0,
    scheme_guest: false,
    scheme_user: true,
    scheme_admin: admin,
  };
}

/** A channel membership as the API answers it. */
export function channelMemberJson(channel: MmChannel, userId: string, now: number): object {
  const admin = channel.members.get(userId) === true;
  return {
    channel_id: channel.id,
    user_id: userId,
    roles: admin ? 'channel_user channel_admin' : 'channel_user',
    last_viewed_at: 0,
    msg_count: 0,
    mention_count: 0,
    notify_props: {},
    last_update_at: now,
    scheme_guest: false,
    scheme_user: true,
    scheme_admin: admin,
  };
}
