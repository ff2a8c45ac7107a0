/**
 * What the Mattermost sandbox keeps: accounts, access tokens, teams,
 * channels and posts, in memory. Ids look like Mattermost's (26 characters
 * of its base32 alphabet).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** A new id like Mattermost's `NewId()`: 26 characters. */
export function newId(): string {
  return Array.from(randomBytes(26), (byte) => ALPHABET[byte % 32]).join('');
}

export interface MmUser {
  id: string;
  username: string;
  isBot: boolean;
  /** `system_admin` may do everything. */
  systemAdmin: boolean;
  createAt: number;
  deleteAt: number;
  /** For bots: who made them, their description. */
  displayName: string;
  description: string;
  ownerId: string;
}

export type TeamRole = 'admin' | 'member';

export interface MmTeam {
  id: string;
  name: string;
  displayName: string;
  inviteId: string;
  createAt: number;
  /** user id → role */
  members: Map<string, TeamRole>;
}

export interface MmPost {
  id: string;
  userId: string;
  message: string;
  /** `''` for a message, `system_add_to_channel` when the bot added someone. */
  type: string;
  createAt: number;
}

export interface MmChannel {
  id: string;
  /** `''` for a direct channel: it belongs to no team. */
  teamId: string;
  name: string;
  displayName: string;
  /** Open, private, or direct (two accounts). */
  type: 'O' | 'P' | 'D';
  purpose: string;
  header: string;
  creatorId: string;
  createAt: number;
  lastPostAt: number;
  /** user id → channel admin? */
  members: Map<string, boolean>;
  posts: MmPost[];
}

/** Mattermost's channel name rule (`IsValidChannelIdentifier`), 1 to 64 characters. */
export const CHANNEL_NAME = /^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$/;
/** Mattermost's user name rule (`IsValidUsername`). */
export const USERNAME = /^[a-z0-9.\-_]{1,64}$/;
const RESTRICTED_USERNAMES = new Set(['all', 'channel', 'matterbot', 'system']);

/** Length in characters (runes), as Mattermost counts it. */
export function runes(value: string): number {
  return [...value].length;
}

/** Mattermost's user name rule, restricted names included. */
export function isValidUsername(name: string): boolean {
  return USERNAME.test(name) && !RESTRICTED_USERNAMES.has(name);
}

/** All of the sandbox's data. */
export class MmStore {
  readonly users = new Map<string, MmUser>();
  /** access token → user id */
  readonly tokens = new Map<string, string>();
  readonly teams = new Map<string, MmTeam>();
  readonly channels = new Map<string, MmChannel>();

  /** @param now - the clock in milliseconds */
  constructor(readonly now: () => number) {}

  addUser(username: string, extra: Partial<MmUser> = {}): MmUser {
    const user: MmUser = {
      id: newId(),
      username,
      isBot: false,
      systemAdmin: false,
      createAt: this.now(),
      deleteAt: 0,
      displayName: '',
      description: '',
      ownerId: '',
      ...extra,
    };
    this.users.set(user.id, user);
    return user;
  }

  userByName(username: string): MmUser | undefined {
    for (const user of this.users.values()) if (user.username === username) return user;
    return undefined;
  }

  addTeam(name: string): MmTeam {
    const team: MmTeam = { id: newId(), name, displayName: name, inviteId: newId(), createAt: this.now(), members: new Map() };
    this.teams.set(team.id, team);
    return team;
  }

  teamByName(name: string): MmTeam | undefined {
    for (const team of this.teams.values()) if (team.name === name) return team;
    return undefined;
  }

  teamByInvite(inviteId: string): MmTeam | undefined {
    for (const team of this.teams.values()) if (team.inviteId === inviteId) return team;
    return undefined;
  }

  channelByName(teamId: string, name: string): MmChannel | undefined {
    for (const channel of this.channels.values()) if (channel.teamId === teamId && channel.name === name) return channel;
    return undefined;
  }

  /** A new channel of a team; its creator is its first member and a channel admin. */
  addChannel(team: MmTeam, fields: Pick<MmChannel, 'name' | 'displayName' | 'type' | 'purpose' | 'header' | 'creatorId'>): MmChannel {
    return this.#save({ ...fields, teamId: team.id, members: new Map([[fields.creatorId, true]]) });
  }

  /** The direct channel of two accounts, made when there is none (Mattermost's `GetOrCreateDirectChannel`). */
  directChannel(a: MmUser, b: MmUser, creatorId: string): MmChannel {
    const name = directName(a.id, b.id);
    for (const channel of this.channels.values()) if (channel.type === 'D' && channel.name === name) return channel;
    return this.#save({
      teamId: '',
      name,
      displayName: '',
      type: 'D',
      purpose: '',
      header: '',
      creatorId,
      // Neither of the two is a channel admin.
      members: new Map([
        [a.id, false],
        [b.id, false],
      ]),
    });
  }

  #save(fields: Omit<MmChannel, 'id' | 'createAt' | 'lastPostAt' | 'posts'>): MmChannel {
    const channel: MmChannel = { id: newId(), ...fields, createAt: this.now(), lastPostAt: this.now(), posts: [] };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The direct channels an account is in, oldest first. */
  directChannelsOf(userId: string): MmChannel[] {
    return [...this.channels.values()].filter((channel) => channel.type === 'D' && channel.members.has(userId));
  }

  post(channel: MmChannel, userId: string, message: string, type = ''): MmPost {
    const post: MmPost = { id: newId(), userId, message, type, createAt: this.now() };
    channel.posts.push(post);
    channel.lastPostAt = post.createAt;
    return post;
  }
}

/** A direct channel's name: the two user ids, the smaller first, joined by `__` (Mattermost's `GetDMNameFromIds`). */
export function directName(a: string, b: string): string {
  return a > b ? `${b}__${a}` : `${a}__${b}`;
}

/** Mattermost's id rule (`IsValidId`): 26 lowercase letters and digits. */
export const ID = /^[a-z0-9]{26}$/;
