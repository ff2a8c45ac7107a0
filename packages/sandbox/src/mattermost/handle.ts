/**
 * The Mattermost stand-in as the tests and the demo hold it: its options, the
 * faults they can switch on, what they can change and what they can read.
 */
import { isValidUsername } from './state.js';
import type { MmStore, MmUser, TeamRole } from './state.js';

/** Options of the Mattermost sandbox (`SandboxOptions.mattermost`). */
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

/** The running Mattermost sandbox (`Sandbox.mattermost`). */
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

/** What goes wrong on purpose, per route name; read by the API before and after each call. */
export class Faults {
  /** API calls per route name, refused ones included. */
  readonly calls = new Map<string, number>();
  outage = false;
  /** Route name → how many answers are still to be lost. */
  readonly lost = new Map<string, number>();
  /** Route name → released when the held calls may go on. */
  readonly held = new Map<string, Promise<void>>();

  /** Whether this call's answer is to be lost (and one fewer from now on). */
  loseAnswer(route: string): boolean {
    const losing = this.lost.get(route) ?? 0;
    if (losing > 0) this.lost.set(route, losing - 1);
    return losing > 0;
  }
}

/** The handle over one stand-in's data and faults. */
export function createHandle(url: string, store: MmStore, faults: Faults, bot: MmUser): MattermostSandbox {
  const nameOf = (id: string): string => store.users.get(id)?.username ?? '?';
  return {
    url,
    get calls() {
      return Object.fromEntries(faults.calls);
    },
    setOutage(on: boolean) {
      faults.outage = on === true;
    },
    loseAnswers(route: string, count = 1) {
      faults.lost.set(route, count);
    },
    holdAnswers(route: string) {
      let release = (): void => undefined;
      faults.held.set(route, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        faults.held.delete(route);
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
      if (user) user.deleteAt = store.now();
    },
    channels() {
      return [...store.channels.values()]
        .filter((c) => c.type !== 'D')
        .map((c) => ({
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
  };
}
