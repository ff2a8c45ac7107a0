import mm from '@mattermost/client';
import type { MattermostBackend } from '../config/index.js';
import { type MeetingStatus, UpstreamError } from './types.js';

const { Client4, ClientError } = mm;

/** A Mattermost team, as far as chat rooms need it. */
export interface MattermostTeam {
  id: string;
  name: string;
  /** The invite id of the team's invite link; `''` when the bot may not see it. */
  inviteId: string;
}

/** A Mattermost channel, as far as chat rooms need it. */
export interface MattermostChannel {
  id: string;
  name: string;
  teamId: string;
  /** `P` for a private channel. */
  type: string;
  /** The account that created it. */
  creatorId: string;
}

/** What a new channel is called and says about itself. */
export interface NewChannel {
  /** The channel's name in its address: lowercase letters, digits, `-` and `_`, at most 64 characters. */
  name: string;
  /** The name people see, at most 64 characters. */
  displayName: string;
  /** At most 250 characters. */
  purpose: string;
}

/**
 * Mattermost did not answer, or answered with an error. `status` and `id`
 * are Mattermost's (`403`, `api.context.permissions.app_error`), `null` when
 * there was no Mattermost answer. `reason` is safe to log: it never holds
 * the token, a name or Mattermost's `message` and `detailed_error` (which in
 * developer mode repeat the token of a refused request).
 */
export class MattermostError extends UpstreamError {
  constructor(
    readonly call: string,
    readonly status: number | null,
    readonly id: string | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'MattermostError';
  }
}

/** The official client, with cookies off and every request ending with `signal`. */
class BotClient extends Client4 {
  constructor(
    url: string,
    token: string,
    private readonly signal: AbortSignal,
  ) {
    super();
    this.setUrl(url);
    this.setToken(token);
    // A server process has no cookies to send; the bot token is the only credential.
    this.setIncludeCookies(false);
  }

  override getOptions(
    options: Parameters<InstanceType<typeof Client4>['getOptions']>[0],
  ): ReturnType<InstanceType<typeof Client4>['getOptions']> {
    return { ...super.getOptions(options), signal: this.signal };
  }
}

/** The Mattermost error (or why there was none) of a failed call, safe to log. */
function failure(call: string, error: unknown): MattermostError {
  if (error instanceof MattermostError) return error;
  if (error instanceof ClientError) {
    const status = typeof error.status_code === 'number' ? error.status_code : null;
    const id = typeof error.server_error_id === 'string' && /^[\w.]{1,120}$/.test(error.server_error_id) ? error.server_error_id : null;
    if (status === null && id === null)
      return new MattermostError(call, null, null, `${call}: the answer is not Mattermost's (a proxy in the way?)`);
    return new MattermostError(call, status, id, `${call}: HTTP ${status ?? '?'} ${id ?? '(no error id)'}`);
  }
  const name = (error as Error | undefined)?.name;
  const timeout = name === 'TimeoutError' || name === 'AbortError';
  return new MattermostError(call, null, null, `${call}: ${timeout ? 'no answer in time' : 'unreachable'}`);
}

/** A field of a Mattermost answer, or the error that the answer is not what Mattermost sends. */
function field<T extends 'string' | 'number'>(call: string, value: unknown, key: string, type: T): T extends 'string' ? string : number {
  const found = (value as Record<string, unknown> | null | undefined)?.[key];
  if (typeof found !== type) throw new MattermostError(call, null, null, `${call}: the answer has no ${key}`);
  return found as T extends 'string' ? string : number;
}

function channelOf(call: string, value: unknown): MattermostChannel {
  return {
    id: field(call, value, 'id', 'string'),
    name: field(call, value, 'name', 'string'),
    teamId: field(call, value, 'team_id', 'string'),
    type: field(call, value, 'type', 'string'),
    creatorId: field(call, value, 'creator_id', 'string'),
  };
}

/**
 * Mattermost, through its official client (`@mattermost/client`, Client4),
 * as the bot account of `backend`: teams, private channels for booked chat
 * rooms, their members, welcome posts, direct messages (the codes that prove
 * a visitor's account), the team's invite link and a channel's counts for
 * the room status.
 *
 * Every call gives up after `backend.timeoutMs`. Failures are
 * {@link MattermostError}s whose `reason` is safe to log.
 */
export class MattermostProvider {
  private botAccount?: Promise<{ id: string; username: string }>;

  constructor(readonly backend: MattermostBackend) {}

  /** The team's invite link: sign up (or log in) and join the team. */
  inviteUrl(inviteId: string): string {
    return `${this.backend.url}/signup_user_complete/?id=${encodeURIComponent(inviteId)}`;
  }

  /** The address of a channel in Mattermost's web app. */
  channelUrl(teamName: string, channelName: string): string {
    return `${this.backend.url}/${encodeURIComponent(teamName)}/channels/${encodeURIComponent(channelName)}`;
  }

  /** A team by its name (the bot must be a member of a private team). */
  team(name: string): Promise<MattermostTeam> {
    return this.call('get team', async (client) => {
      const team = await client.getTeamByName(name);
      const inviteId = (team as { invite_id?: unknown }).invite_id;
      return {
        id: field('get team', team, 'id', 'string'),
        name: field('get team', team, 'name', 'string'),
        inviteId: typeof inviteId === 'string' ? inviteId : '',
      };
    });
  }

  /** The current invite id of a team (the bot may see it as a team member who may invite). */
  inviteId(teamId: string): Promise<string> {
    return this.call('get team invite id', async (client) => {
      const inviteId = (await client.getTeam(teamId)).invite_id;
      if (typeof inviteId !== 'string' || inviteId === '') {
        throw new MattermostError(
          'get team invite id',
          null,
          null,
          'get team invite id: the bot may not see the invite link of the team (make it a team admin)',
        );
      }
      return inviteId;
    });
  }

  /** Make a new invite id, so that the old invite link stops working; answers the new one. */
  regenerateInviteId(teamId: string): Promise<string> {
    return this.call('regenerate invite id', async (client) =>
      field('regenerate invite id', await client.regenerateTeamInviteId(teamId), 'invite_id', 'string'),
    );
  }

  /** Create a private channel in a team; the bot becomes its first member and its admin. */
  createChannel(teamId: string, channel: NewChannel): Promise<MattermostChannel> {
    return this.call('create channel', async (client) =>
      channelOf(
        'create channel',
        await client.createChannel({
          team_id: teamId,
          name: channel.name,
          display_name: channel.displayName,
          type: 'P',
          purpose: channel.purpose,
          header: '',
        }),
      ),
    );
  }

  /** A channel of a team by its name. */
  channelByName(teamId: string, name: string): Promise<MattermostChannel> {
    return this.call('get channel by name', async (client) =>
      channelOf('get channel by name', await client.getChannelByName(teamId, name)),
    );
  }

  /** The bot's own user id (asked once). */
  async me(): Promise<string> {
    return (await this.bot()).id;
  }

  /** The bot's own account: its user id and user name (asked once; asked again after a failure). */
  bot(): Promise<{ id: string; username: string }> {
    if (!this.botAccount) {
      const asked = this.call('get bot user', async (client) => {
        const me = await client.getMe();
        return { id: field('get bot user', me, 'id', 'string'), username: field('get bot user', me, 'username', 'string') };
      });
      asked.catch(() => (this.botAccount = undefined));
      this.botAccount = asked;
    }
    return this.botAccount;
  }

  /**
   * Where a signed-in account reads its direct messages with the bot, in
   * Mattermost's web app: `…/{team}/messages/@{bot}`.
   */
  async messagesUrl(teamName: string): Promise<string> {
    return `${this.backend.url}/${encodeURIComponent(teamName)}/messages/@${encodeURIComponent((await this.bot()).username)}`;
  }

  /** Write a direct message from the bot to an account: the direct channel of the two (made if need be), then the post. */
  async directMessage(userId: string, message: string): Promise<void> {
    const { id: botId } = await this.bot();
    const channelId = await this.call('create direct channel', async (client) =>
      field('create direct channel', await client.createDirectChannel([botId, userId]), 'id', 'string'),
    );
    await this.post(channelId, message);
  }

  /** Write a message into a channel, as the bot. */
  post(channelId: string, message: string): Promise<void> {
    return this.call('create post', async (client) => {
      field('create post', await client.createPost({ channel_id: channelId, message }), 'id', 'string');
    });
  }

  /** An account by its user name (see `chatUsername`); `active` is false for deactivated accounts and bots. */
  user(username: string): Promise<{ id: string; active: boolean }> {
    return this.call('get user', async (client) => {
      const user = await client.getUserByUsername(username);
      return { id: field('get user', user, 'id', 'string'), active: user.delete_at === 0 && user.is_bot !== true };
    });
  }

  /** Add an account to a team (nothing happens when it is a member already). */
  addToTeam(teamId: string, userId: string): Promise<void> {
    return this.call('add team member', async (client) => {
      await client.addToTeam(teamId, userId);
    });
  }

  /** Add an account to a channel (nothing happens when it is a member already). */
  addToChannel(channelId: string, userId: string): Promise<void> {
    return this.call('add channel member', async (client) => {
      await client.addToChannel(userId, channelId);
    });
  }

  /** Make a channel member an admin of the channel (may add and remove members, change its header). */
  makeChannelAdmin(channelId: string, userId: string): Promise<void> {
    return this.call('update channel roles', async (client) => {
      await client.updateChannelMemberRoles(channelId, userId, 'channel_user channel_admin');
    });
  }

  /**
   * A channel's counts for the room status: members (the bot not counted)
   * and the time of the last post. Chat rooms have no meeting, so `running`
   * is `null`. Gives up when `signal` aborts.
   */
  channelStatus(channelId: string, signal?: AbortSignal): Promise<MeetingStatus> {
    return this.call(
      'channel status',
      async (client) => {
        const [stats, channel] = await Promise.all([client.getChannelStats(channelId), client.getChannel(channelId)]);
        const members = field('channel status', stats, 'member_count', 'number');
        const lastPostAt = field('channel status', channel, 'last_post_at', 'number');
        return {
          running: null,
          participants: null,
          createTime: null,
          startedAt: null,
          chat: { members: Math.max(0, members - 1), lastActivityAt: lastPostAt > 0 ? new Date(lastPostAt).toISOString() : null },
        };
      },
      signal,
    );
  }

  /** One or more calls through a fresh client whose requests end after the back end's timeout (or when `signal` aborts). */
  private async call<T>(name: string, run: (client: BotClient) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.backend.timeoutMs);
    try {
      return await run(new BotClient(this.backend.url, this.backend.token, signal ? AbortSignal.any([timeout, signal]) : timeout));
    } catch (error) {
      throw failure(name, error);
    }
  }
}

/** What {@link createBotAccount} makes. */
export interface BotAccountSpec {
  /** The Mattermost server, without `/api/v4`. */
  url: string;
  /** A system admin's personal access token; used for these calls only, never kept. */
  adminToken: string;
  /** The team the bot administers. */
  team: string;
  /** The bot's user name, e.g. `vereinsraum`. */
  username: string;
  displayName: string;
  description: string;
  /** What the access token is for, as Mattermost lists it (default "Vereinsraum server helper"). */
  tokenDescription?: string;
  /** How long each call may take, in milliseconds (default 10000). */
  timeoutMs?: number;
}

/**
 * Set up the bot account the server helper acts as: create the bot, make it
 * an admin of the team (it adds members and renews the invite link) and
 * create its access token. Needs a system admin's token, bot accounts and
 * personal access tokens enabled in the System Console.
 *
 * @returns the bot's user id and its new access token (shown by Mattermost only this once).
 * @example
 * ```ts
 * const { token } = await createBotAccount({ url: 'https://chat.example.org', adminToken, team: 'tsv',
 *   username: 'vereinsraum', displayName: 'Vereinsraum', description: 'Booked chat rooms' });
 * ```
 */
export async function createBotAccount(spec: BotAccountSpec): Promise<{ userId: string; token: string }> {
  let step = 'create bot';
  try {
    const client = new BotClient(spec.url, spec.adminToken, AbortSignal.timeout((spec.timeoutMs ?? 10_000) * 5));
    const bot = await client.createBot({ username: spec.username, display_name: spec.displayName, description: spec.description });
    const userId = field(step, bot, 'user_id', 'string');
    step = 'get team';
    const team = field(step, await client.getTeamByName(spec.team), 'id', 'string');
    step = 'add team member';
    await client.addToTeam(team, userId);
    step = 'make team admin';
    await client.updateTeamMemberSchemeRoles(team, userId, true, true);
    step = 'create access token';
    const token = field(
      step,
      await client.createUserAccessToken(userId, spec.tokenDescription ?? 'Vereinsraum server helper'),
      'token',
      'string',
    );
    return { userId, token };
  } catch (error) {
    throw failure(step, error);
  }
}
