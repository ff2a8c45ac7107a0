/**
 * The Mattermost side of the sandbox: its own HTTP server (a Mattermost has
 * its own origin) with the small part of API v4 that Vereinsraum uses, the
 * sign-up page of a team's invite link and a page per channel.
 *
 * Requests are checked like Mattermost checks them: the access token
 * (`Authorization: Bearer …`), then the permission, and errors are
 * Mattermost's JSON (`id`, `message`, `detailed_error`, `request_id`,
 * `status_code`) with its ids and statuses.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MATTERMOST_CSP, channelPage, directMessagesPage, mattermostHomePage, mattermostNotFoundPage, signedUpPage, signupPage } from './pages.js';
import {
  CHANNEL_NAME,
  channelJson,
  ID,
  isValidUsername,
  MmStore,
  newId,
  postJson,
  teamJson,
  userJson,
} from './state.js';
import type { MmChannel, MmTeam, MmUser, TeamRole } from './state.js';

/** Options of the Mattermost sandbox ({@link SandboxOptions.mattermost}). */
export interface MattermostSandboxOptions {
  /** The access token of the bot account that clients act as (a bot {@link MattermostSandboxOptions.botUsername} is made with it). At least 16 characters. */
  botToken: string;
  /**
   * The user name of that bot; default `vereinsraum`. Another name leaves
   * `vereinsraum` free for `vereinsraum chat create-bot`, as on a new server.
   */
  botUsername?: string;
  /** A system admin's access token (may create bots and their tokens); none when absent. */
  adminToken?: string;
  /** Teams to make, by name; default `['verein']`. */
  teams?: string[];
  /** The bot's role in each team: `admin` (default), `member` or `none` (not in the teams). */
  botTeamRole?: TeamRole | 'none';
  /** Accounts that exist from the start (in no team). */
  users?: string[];
  /**
   * Like Mattermost's developer mode: error answers carry `detailed_error`,
   * which for a refused token repeats it (`token=…`), as Mattermost does.
   * Default `false` (Mattermost then sends `""`).
   */
  developerMode?: boolean;
  /** Port of its own; default 0 (a random free port). */
  port?: number;
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/** A channel as the tests see it: names instead of ids. */
export interface MattermostSandboxChannel {
  id: string;
  team: string;
  name: string;
  displayName: string;
  type: string;
  purpose: string;
  creator: string;
  /** User names of the members. */
  members: string[];
  /** User names of the channel admins. */
  admins: string[];
  /** The messages (system messages included), oldest first. */
  posts: Array<{ user: string; message: string; type: string }>;
}

/** The running Mattermost sandbox ({@link Sandbox.mattermost}). */
export interface MattermostSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8092`: the `url` of a Mattermost back end. */
  readonly url: string;
  /** API requests by route (`POST /api/v4/channels`, `GET /api/v4/teams/name/{team_name}`, …), refused ones included. A snapshot. */
  readonly calls: Record<string, number>;
  /** While on, every API request gets no answer: the connection is closed, as when Mattermost is down. */
  setOutage(on: boolean): void;
  /**
   * Carry out the next `count` requests of `route` (as in {@link calls}),
   * then close the connection instead of answering: the work is done, the
   * answer is lost.
   */
  loseAnswers(route: string, count?: number): void;
  /**
   * Let requests of `route` wait, before they are carried out, until the
   * returned function is called: a slow Mattermost, for tests that something
   * does not wait for it.
   */
  holdAnswers(route: string): () => void;
  /** Change the bot's role in a team (`none`: not a member). */
  setBotTeamRole(team: string, role: TeamRole | 'none'): void;
  /** Make an account (in no team); answers its id. */
  addUser(username: string): string;
  /** An access token stops working (an admin revoked it): requests with it get Mattermost's 401. */
  revokeToken(token: string): void;
  /** Deactivate an account. */
  deactivateUser(username: string): void;
  /** The channels of the teams (not the direct ones), with members and messages. */
  channels(): MattermostSandboxChannel[];
  /** The direct messages others wrote to an account, oldest first. */
  directMessages(username: string): Array<{ from: string; message: string }>;
  /** A team's current invite id and members (user names). */
  team(name: string): { id: string; inviteId: string; members: string[] } | undefined;
}

/** A started Mattermost sandbox and how to stop it. */
export interface RunningMattermost {
  readonly sandbox: MattermostSandbox;
  close(): Promise<void>;
}

const API = '/api/v4';
const MAX_BODY_BYTES = 64 * 1024;

/** An error as Mattermost sends it: status, id and message. */
type Failure = readonly [status: number, id: string, message: string];

// Ids, messages and statuses as Mattermost sends them (English).
const SESSION_EXPIRED = [401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.'] as const;
const NO_PERMISSION = [403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.'] as const;
const NO_ROUTE = [404, 'api.context.404.app_error', 'Sorry, we could not find the page.'] as const;
const TEAM_NAME_MISSING = [404, 'app.team.get_by_name.missing.app_error', 'Unable to find the existing team.'] as const;
const TEAM_MISSING = [404, 'app.team.get.find.app_error', 'Unable to find the existing team.'] as const;
const CHANNEL_MISSING = [404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.'] as const;
const CHANNEL_NAME_MISSING = [404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.'] as const;
const USERNAME_MISSING = [
  404,
  'app.user.get_by_username.app_error',
  'Unable to find an existing account matching your username for this team. This team may require an invite from the team owner to join.',
] as const;
const USER_MISSING = [404, 'app.user.missing_account.const', 'Unable to find the user.'] as const;
const TEAM_MEMBER_MISSING = [404, 'app.team.get_member.missing.app_error', 'No team member found for that user ID and team ID.'] as const;
const CHANNEL_MEMBER_MISSING = [404, 'app.channel.get_member.missing.app_error', 'No channel member found for that user ID and channel ID.'] as const;
const CHANNEL_EXISTS = [400, 'store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.'] as const;
const USERNAME_EXISTS = [400, 'app.user.save.username_exists.app_error', 'An account with that username already exists.'] as const;
const ADD_TO_CHANNEL_FAILED = [400, 'api.channel.add_user.to.channel.failed.app_error', 'Failed to add user to channel.'] as const;
const ADD_TO_DIRECT = [400, 'api.channel.add_user_to_channel.type.app_error', 'Can not add user to this channel type.'] as const;
const DIRECT_USER_INVALID = [400, 'api.channel.create_direct_channel.invalid_user.app_error', 'Invalid user ID for direct channel creation.'] as const;

function badBody(name: string): Failure {
  return [400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`];
}

function invalid(field: string, message: string): Failure {
  return [400, `model.channel.is_valid.${field}.app_error`, message];
}

/** Thrown inside a route: the request ends with Mattermost's error. `detail` goes to `detailed_error` in developer mode only. */
class ApiFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly detail = '',
  ) {
    super(failure[1]);
  }
}

function fail(failure: Failure, detail = ''): never {
  throw new ApiFailure(failure, detail);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache, max-age=31556926, public',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html, {
    'Content-Security-Policy': MATTERMOST_CSP,
    'X-Frame-Options': 'SAMEORIGIN',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiFailure([413, 'api.context.request_body_too_large.app_error', 'The request body is too large.']);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: IncomingMessage, name: string): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // below
  }
  return fail(badBody(name));
}

/** A JSON array of texts, as Mattermost's `ArrayFromJSON` reads it: anything else is an empty array. */
async function readTexts(req: IncomingMessage): Promise<string[]> {
  try {
    const value: unknown = JSON.parse(await readBody(req));
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : [];
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    return [];
  }
}

function text(body: Record<string, unknown>, key: string, name = key): string {
  const value = body[key];
  if (typeof value !== 'string') fail(badBody(name));
  return value;
}

const runes = (value: string): number => [...value].length;

interface Route {
  method: string;
  /** The route's name in {@link MattermostSandbox.calls}, e.g. `GET /api/v4/teams/name/{team_name}`. */
  name: string;
  pattern: RegExp;
  run(context: CallContext, params: string[]): Promise<[number, unknown]> | [number, unknown];
}

interface CallContext {
  req: IncomingMessage;
  user: MmUser;
  url: URL;
}

/** Starts the Mattermost sandbox on `host`. */
export async function startMattermost(options: MattermostSandboxOptions, host: string): Promise<RunningMattermost> {
  if (typeof options !== 'object' || options === null) throw new TypeError('startSandbox: options.mattermost must be an object');
  if (typeof options.botToken !== 'string' || options.botToken.length < 16) throw new TypeError('startSandbox: options.mattermost.botToken must have at least 16 characters');
  if (options.adminToken !== undefined && (typeof options.adminToken !== 'string' || options.adminToken.length < 16 || options.adminToken === options.botToken)) {
    throw new TypeError('startSandbox: options.mattermost.adminToken must have at least 16 characters and differ from botToken');
  }
  for (const name of [...(options.teams ?? []), ...(options.users ?? []), ...(options.botUsername === undefined ? [] : [options.botUsername])]) {
    if (typeof name !== 'string' || !isValidUsername(name)) throw new TypeError(`startSandbox: options.mattermost: "${String(name)}" is not a valid team or user name`);
  }
  const now = options.now ?? Date.now;
  const store = new MmStore(now);
  const bot = store.addUser(options.botUsername ?? 'vereinsraum', { isBot: true, displayName: 'Vereinsraum', description: 'Booked chat rooms' });
  store.tokens.set(options.botToken, bot.id);
  if (options.adminToken) store.tokens.set(options.adminToken, store.addUser('sysadmin', { systemAdmin: true }).id);
  const botRole = options.botTeamRole ?? 'admin';
  for (const name of options.teams ?? ['verein']) {
    const team = store.addTeam(name);
    if (botRole !== 'none') team.members.set(bot.id, botRole);
  }
  for (const name of options.users ?? []) store.addUser(name);

  const calls = new Map<string, number>();
  const lost = new Map<string, number>();
  const held = new Map<string, Promise<void>>();
  let outage = false;
  const developer = options.developerMode === true;

  const teamOf = (id: string): MmTeam => store.teams.get(id) ?? fail(TEAM_MISSING);
  const channelOf = (id: string): MmChannel => store.channels.get(id) ?? fail(CHANNEL_MISSING);
  const userOf = (id: string): MmUser => store.users.get(id) ?? fail(USER_MISSING);
  const role = (team: MmTeam, user: MmUser): TeamRole | undefined => (user.systemAdmin ? 'admin' : team.members.get(user.id));
  const deny = (user: MmUser, permission: string): never => fail(NO_PERMISSION, `userId=${user.id}, permission=${permission}`);
  /** May read a channel: a system admin, a member, or, for a public channel, a member of its team. */
  const readable = (channel: MmChannel, user: MmUser): boolean =>
    user.systemAdmin || channel.members.has(user.id) || (channel.type === 'O' && store.teams.get(channel.teamId)?.members.has(user.id) === true);

  const routes: Route[] = [
    { method: 'GET', name: 'GET /api/v4/users/me', pattern: /^\/users\/me$/, run: ({ user }) => [200, userJson(user)] },
    {
      method: 'GET',
      name: 'GET /api/v4/users/username/{username}',
      pattern: /^\/users\/username\/([^/]+)$/,
      run: (_, [name]) => [200, userJson(store.userByName(decodeURIComponent(name!)) ?? fail(USERNAME_MISSING))],
    },
    {
      method: 'GET',
      name: 'GET /api/v4/teams/name/{team_name}',
      pattern: /^\/teams\/name\/([^/]+)$/,
      run: ({ user }, [name]) => {
        const team = store.teamByName(decodeURIComponent(name!)) ?? fail(TEAM_NAME_MISSING);
        if (!role(team, user)) deny(user, 'view_team');
        return [200, teamJson(team, true)];
      },
    },
    {
      method: 'GET',
      name: 'GET /api/v4/teams/{team_id}',
      pattern: /^\/teams\/([a-z0-9]{26})$/,
      run: ({ user }, [id]) => {
        const team = teamOf(id!);
        if (!role(team, user)) deny(user, 'view_team');
        return [200, teamJson(team, true)];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/teams/{team_id}/regenerate_invite_id',
      pattern: /^\/teams\/([a-z0-9]{26})\/regenerate_invite_id$/,
      run: ({ user }, [id]) => {
        const team = teamOf(id!);
        if (role(team, user) !== 'admin') deny(user, 'manage_team');
        team.inviteId = newId();
        return [200, teamJson(team, true)];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/teams/{team_id}/members',
      pattern: /^\/teams\/([a-z0-9]{26})\/members$/,
      run: async ({ req, user }, [id]) => {
        const body = await readJson(req, 'team_member');
        if (text(body, 'team_id', 'team_id') !== id) fail(badBody('team_id'));
        const team = teamOf(id!);
        if (!role(team, user)) deny(user, 'add_user_to_team');
        const member = userOf(text(body, 'user_id', 'user_id'));
        if (!team.members.has(member.id)) team.members.set(member.id, 'member');
        return [201, teamMemberJson(team, member.id)];
      },
    },
    {
      method: 'PUT',
      name: 'PUT /api/v4/teams/{team_id}/members/{user_id}/schemeRoles',
      pattern: /^\/teams\/([a-z0-9]{26})\/members\/([a-z0-9]{26})\/schemeRoles$/,
      run: async ({ req, user }, [id, userId]) => {
        const body = await readJson(req, 'scheme_roles');
        if (typeof body.scheme_admin !== 'boolean' || typeof body.scheme_user !== 'boolean') fail(badBody('scheme_roles'));
        const team = teamOf(id!);
        if (role(team, user) !== 'admin') deny(user, 'manage_team_roles');
        if (!team.members.has(userId!)) fail(TEAM_MEMBER_MISSING);
        team.members.set(userId!, body.scheme_admin ? 'admin' : 'member');
        return [200, { status: 'OK' }];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/channels',
      pattern: /^\/channels$/,
      run: async ({ req, user }) => {
        const body = await readJson(req, 'channel');
        const team = teamOf(text(body, 'team_id', 'channel'));
        const type = body.type;
        if (type !== 'O' && type !== 'P') fail(invalid('type', 'Invalid type.'));
        if (!role(team, user)) deny(user, type === 'P' ? 'create_private_channel' : 'create_public_channel');
        const name = text(body, 'name', 'channel');
        const displayName = text(body, 'display_name', 'channel');
        const purpose = typeof body.purpose === 'string' ? body.purpose : '';
        const header = typeof body.header === 'string' ? body.header : '';
        if (name.length > 64 || !CHANNEL_NAME.test(name)) fail(invalid('1_or_more', 'Name must be 1 or more lowercase alphanumeric characters.'));
        if (displayName.trim() === '' || runes(displayName) > 64) fail(invalid('display_name', 'Invalid display name.'));
        if (runes(purpose) > 250) fail(invalid('purpose', 'Invalid purpose.'));
        if (runes(header) > 1024) fail(invalid('header', 'Invalid header.'));
        if (store.channelByName(team.id, name)) fail(CHANNEL_EXISTS, `id=${team.id}`);
        const channel: MmChannel = {
          id: newId(),
          teamId: team.id,
          name,
          displayName,
          type,
          purpose,
          header,
          creatorId: user.id,
          createAt: now(),
          lastPostAt: now(),
          members: new Map([[user.id, true]]),
          posts: [],
        };
        store.channels.set(channel.id, channel);
        return [201, channelJson(channel)];
      },
    },
    {
      // Checked in Mattermost's order: the ids, whether the caller is one of the two (or a system admin), the accounts.
      method: 'POST',
      name: 'POST /api/v4/channels/direct',
      pattern: /^\/channels\/direct$/,
      run: async ({ req, user }) => {
        const ids = await readTexts(req);
        if (ids.length !== 2) fail(badBody('user_ids'));
        if (!ids.every((id) => ID.test(id))) fail(badBody('user_id'));
        if (!ids.includes(user.id) && !user.systemAdmin) deny(user, 'manage_system');
        const [a, b] = ids.map((id) => store.users.get(id));
        if (!a || !b) fail(DIRECT_USER_INVALID, `No users found for ids: ${ids.join('. ')}`);
        return [201, channelJson(store.directChannel(a, b, user.id))];
      },
    },
    {
      method: 'GET',
      name: 'GET /api/v4/teams/{team_id}/channels/name/{channel_name}',
      pattern: /^\/teams\/([a-z0-9]{26})\/channels\/name\/([^/]+)$/,
      run: ({ user }, [id, name]) => {
        const team = teamOf(id!);
        if (!role(team, user)) deny(user, 'view_team');
        const channel = store.channelByName(team.id, decodeURIComponent(name!)) ?? fail(CHANNEL_NAME_MISSING);
        if (!readable(channel, user)) deny(user, 'read_channel');
        return [200, channelJson(channel)];
      },
    },
    {
      method: 'GET',
      name: 'GET /api/v4/channels/{channel_id}',
      pattern: /^\/channels\/([a-z0-9]{26})$/,
      run: ({ user }, [id]) => {
        const channel = channelOf(id!);
        if (!readable(channel, user)) deny(user, 'read_channel');
        return [200, channelJson(channel)];
      },
    },
    {
      method: 'GET',
      name: 'GET /api/v4/channels/{channel_id}/stats',
      pattern: /^\/channels\/([a-z0-9]{26})\/stats$/,
      run: ({ user, url }, [id]) => {
        const channel = channelOf(id!);
        if (!readable(channel, user)) deny(user, 'read_channel');
        const files = url.searchParams.get('exclude_files_count') === 'true' ? -1 : 0;
        return [200, { channel_id: channel.id, member_count: channel.members.size, guest_count: 0, pinnedpost_count: 0, files_count: files }];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/channels/{channel_id}/members',
      pattern: /^\/channels\/([a-z0-9]{26})\/members$/,
      run: async ({ req, user }, [id]) => {
        const body = await readJson(req, 'user_id');
        const channel = channelOf(id!);
        const member = userOf(text(body, 'user_id'));
        if (channel.type === 'D') fail(ADD_TO_DIRECT);
        if (channel.type === 'P' ? !user.systemAdmin && !channel.members.has(user.id) : !readable(channel, user)) {
          deny(user, channel.type === 'P' ? 'manage_private_channel_members' : 'manage_public_channel_members');
        }
        if (!store.teams.get(channel.teamId)?.members.has(member.id)) fail(ADD_TO_CHANNEL_FAILED, 'the user is not a member of the team');
        if (!channel.members.has(member.id)) {
          channel.members.set(member.id, false);
          store.post(channel, user.id, `@${member.username} added to the channel by @${user.username}.`, 'system_add_to_channel');
        }
        return [201, channelMemberJson(channel, member.id)];
      },
    },
    {
      method: 'PUT',
      name: 'PUT /api/v4/channels/{channel_id}/members/{user_id}/roles',
      pattern: /^\/channels\/([a-z0-9]{26})\/members\/([a-z0-9]{26})\/roles$/,
      run: async ({ req, user }, [id, userId]) => {
        const body = await readJson(req, 'roles');
        const roles = new Set(text(body, 'roles').split(' ').filter(Boolean));
        const channel = channelOf(id!);
        if (!user.systemAdmin && channel.members.get(user.id) !== true) deny(user, 'manage_channel_roles');
        if (!channel.members.has(userId!)) fail(CHANNEL_MEMBER_MISSING);
        if (!roles.has('channel_user') || [...roles].some((r) => r !== 'channel_user' && r !== 'channel_admin')) {
          fail([400, 'api.channel.update_channel_member_roles.scheme_role.app_error', 'The provided role is managed by a Scheme and therefore cannot be applied directly to a Channel Member.']);
        }
        channel.members.set(userId!, roles.has('channel_admin'));
        return [200, { status: 'OK' }];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/posts',
      pattern: /^\/posts$/,
      run: async ({ req, user }) => {
        const body = await readJson(req, 'post');
        const channel = store.channels.get(text(body, 'channel_id', 'post'));
        if (!channel || (!user.systemAdmin && !channel.members.has(user.id))) return deny(user, 'create_post');
        const message = text(body, 'message', 'post');
        if (message === '' || runes(message) > 16383) fail([400, 'model.post.is_valid.msg.app_error', 'Invalid message.']);
        return [201, postJson(store.post(channel, user.id, message), channel.id)];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/bots',
      pattern: /^\/bots$/,
      run: async ({ req, user }) => {
        const body = await readJson(req, 'bot');
        if (!user.systemAdmin) deny(user, 'create_bot');
        const username = text(body, 'username', 'bot');
        if (!isValidUsername(username)) fail([400, 'model.user.is_valid.username.app_error', 'Invalid username.']);
        if (store.userByName(username)) fail(USERNAME_EXISTS);
        const created = store.addUser(username, {
          isBot: true,
          displayName: typeof body.display_name === 'string' ? body.display_name : '',
          description: typeof body.description === 'string' ? body.description : '',
          ownerId: user.id,
        });
        return [
          201,
          {
            user_id: created.id,
            username: created.username,
            display_name: created.displayName,
            description: created.description,
            owner_id: user.id,
            create_at: created.createAt,
            update_at: created.createAt,
            delete_at: 0,
          },
        ];
      },
    },
    {
      method: 'POST',
      name: 'POST /api/v4/users/{user_id}/tokens',
      pattern: /^\/users\/([a-z0-9]{26})\/tokens$/,
      run: async ({ req, user }, [id]) => {
        const body = await readJson(req, 'token');
        if (!user.systemAdmin && user.id !== id) deny(user, 'create_user_access_token');
        const owner = userOf(id!);
        const description = text(body, 'description', 'description');
        if (description === '') fail(badBody('description'));
        const token = newId();
        store.tokens.set(token, owner.id);
        return [200, { id: newId(), token, user_id: owner.id, description, is_active: true }];
      },
    },
  ];

  function teamMemberJson(team: MmTeam, userId: string): object {
    const admin = team.members.get(userId) === 'admin';
    return { team_id: team.id, user_id: userId, roles: admin ? 'team_user team_admin' : 'team_user', delete_at: 0, scheme_guest: false, scheme_user: true, scheme_admin: admin };
  }

  function channelMemberJson(channel: MmChannel, userId: string): object {
    const admin = channel.members.get(userId) === true;
    return {
      channel_id: channel.id,
      user_id: userId,
      roles: admin ? 'channel_user channel_admin' : 'channel_user',
      last_viewed_at: 0,
      msg_count: 0,
      mention_count: 0,
      notify_props: {},
      last_update_at: now(),
      scheme_guest: false,
      scheme_user: true,
      scheme_admin: admin,
    };
  }

  function sendError(res: ServerResponse, [status, id, message]: Failure, detail: string): void {
    const body = { id, message, detailed_error: developer ? detail : '', request_id: newId(), status_code: status };
    send(res, status, 'application/json', JSON.stringify(body), { 'X-Request-Id': body.request_id });
  }

  /** The account of the request's access token, or the 401 Mattermost sends. */
  function authenticate(req: IncomingMessage): MmUser {
    const header = req.headers.authorization ?? '';
    const match = /^(?:bearer|token) (\S+)$/i.exec(header);
    if (!match) fail(SESSION_EXPIRED, 'UserRequired');
    const userId = store.tokens.get(match[1]!);
    const user = userId === undefined ? undefined : store.users.get(userId);
    if (!user || user.deleteAt !== 0) fail(SESSION_EXPIRED, `token=${match[1]}`);
    return user;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API.length);
    const method = req.method ?? 'GET';
    const found = routes.find((route) => route.method === method && route.pattern.test(path));
    const name = found?.name ?? `${method} ${API}${path}`;
    calls.set(name, (calls.get(name) ?? 0) + 1);
    if (outage) {
      req.socket.destroy();
      return;
    }
    await held.get(name);
    try {
      if (!found) {
        req.resume();
        fail(NO_ROUTE, `There doesn't appear to be an api call for the url='${API}${path}'.`);
      }
      const user = authenticate(req);
      const [status, body] = await found.run({ req, user, url }, found.pattern.exec(path)!.slice(1));
      const losing = lost.get(name) ?? 0;
      if (losing > 0) {
        lost.set(name, losing - 1);
        req.socket.destroy();
        return;
      }
      send(res, status, 'application/json', JSON.stringify(body), { 'X-Request-Id': newId(), 'X-Version-Id': '11.0.0.sandbox' });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      req.resume();
      sendError(res, error.failure, error.detail);
    }
  }

  async function signup(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const team = store.teamByInvite(url.searchParams.get('id') ?? '');
    if (req.method === 'GET') return sendHtml(res, team ? 200 : 404, signupPage(team));
    if (req.method !== 'POST') {
      req.resume();
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, POST' });
    }
    const form = new URLSearchParams(await readBody(req).catch(() => ''));
    if (!team) return sendHtml(res, 404, signupPage(undefined));
    const username = (form.get('username') ?? '').trim().toLowerCase();
    if (!isValidUsername(username)) {
      return sendHtml(res, 400, signupPage(team, 'A user name has lowercase letters, digits, ".", "-" or "_". / Ein Benutzername hat Kleinbuchstaben, Ziffern, ".", "-" oder "_".', username));
    }
    if (store.userByName(username)) return sendHtml(res, 400, signupPage(team, 'This user name is taken. / Dieser Benutzername ist vergeben.', username));
    const user = store.addUser(username);
    team.members.set(user.id, 'member');
    return sendHtml(res, 200, signedUpPage(username, team));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname.startsWith(`${API}/`)) return api(req, res, url);
    if (url.pathname === '/signup_user_complete/' || url.pathname === '/signup_user_complete') return signup(req, res, url);
    if (req.method !== 'GET') {
      req.resume();
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET' });
    }
    if (url.pathname === '/') return sendHtml(res, 200, mattermostHomePage(store));
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain; charset=utf-8', '');
    // Mattermost's address of the direct messages with an account. The sandbox signs nobody in, so it shows all of that account's.
    const messages = /^\/([^/]+)\/messages\/@([^/]+)$/.exec(url.pathname);
    const account = messages && store.teamByName(decodeURIComponent(messages[1]!)) ? store.userByName(decodeURIComponent(messages[2]!)) : undefined;
    if (account) return sendHtml(res, 200, directMessagesPage(store, account));
    const page = /^\/([^/]+)\/channels\/([^/]+)$/.exec(url.pathname);
    const team = page ? store.teamByName(decodeURIComponent(page[1]!)) : undefined;
    const channel = team ? store.channelByName(team.id, decodeURIComponent(page![2]!)) : undefined;
    if (team && channel) return sendHtml(res, 200, channelPage(store, team, channel));
    return sendHtml(res, 404, mattermostNotFoundPage());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, [500, 'app.sandbox.internal.app_error', 'An internal error occurred in the sandbox.'], '');
      else res.destroy();
      console.error('[sandbox/mattermost]', error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const nameOf = (id: string): string => store.users.get(id)?.username ?? '?';

  return {
    sandbox: {
      url,
      get calls() {
        return Object.fromEntries(calls);
      },
      setOutage(on: boolean) {
        outage = on === true;
      },
      loseAnswers(route: string, count = 1) {
        lost.set(route, count);
      },
      holdAnswers(route: string) {
        let release = (): void => undefined;
        held.set(route, new Promise<void>((resolve) => (release = resolve)));
        return () => {
          held.delete(route);
          release();
        };
      },
      setBotTeamRole(name: string, teamRole: TeamRole | 'none') {
        const team = store.teamByName(name);
        if (!team) throw new TypeError(`no team ${name}`);
        if (teamRole === 'none') team.members.delete(bot.id);
        else team.members.set(bot.id, teamRole);
      },
      addUser(username: string) {
        if (!isValidUsername(username) || store.userByName(username)) throw new TypeError(`cannot add user ${username}`);
        return store.addUser(username).id;
      },
      revokeToken(token: string) {
        store.tokens.delete(token);
      },
      deactivateUser(username: string) {
        const user = store.userByName(username);
        if (user) user.deleteAt = now();
      },
      channels() {
        return [...store.channels.values()].filter((c) => c.type !== 'D').map((c) => ({
          id: c.id,
          team: store.teams.get(c.teamId)?.name ?? '?',
          name: c.name,
          displayName: c.displayName,
          type: c.type,
          purpose: c.purpose,
          creator: nameOf(c.creatorId),
          members: [...c.members.keys()].map(nameOf),
          admins: [...c.members].filter(([, admin]) => admin).map(([id]) => nameOf(id)),
          posts: c.posts.map((p) => ({ user: nameOf(p.userId), message: p.message, type: p.type })),
        }));
      },
      directMessages(username: string) {
        const user = store.userByName(username);
        if (!user) return [];
        return store
          .directChannelsOf(user.id)
          .flatMap((c) => c.posts)
          .filter((p) => p.userId !== user.id)
          .sort((p, q) => p.createAt - q.createAt)
          .map((p) => ({ from: nameOf(p.userId), message: p.message }));
      },
      team(name: string) {
        const team = store.teamByName(name);
        return team && { id: team.id, inviteId: team.inviteId, members: [...team.members.keys()].map(nameOf) };
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
