/**
 * What the API v4 routes share: the route's shape (named by Mattermost's path
 * template, as the handle counts calls), what a call gets, and the lookups and
 * permission checks that fail with Mattermost's errors.
 */
import type { IncomingMessage } from 'node:http';
import { CHANNEL_MISSING, fail, NO_PERMISSION, TEAM_MISSING, USER_MISSING } from './errors.js';
import type { MmChannel, MmStore, MmTeam, MmUser, TeamRole } from './state.js';

/** Where the API is. */
export const API = '/api/v4';

/** What a route gets: the request, the account of its access token, its URL, the data. */
export interface Call {
  req: IncomingMessage;
  user: MmUser;
  url: URL;
  store: MmStore;
}

/** One API route. */
export interface Route {
  method: string;
  /** The route's name in the call counts, e.g. `GET /api/v4/teams/name/{team_name}`. */
  name: string;
  pattern: RegExp;
  /** Its answer: status and body. `params` are the path's placeholders, names percent-decoded. */
  run(call: Call, params: string[]): Promise<[number, unknown]> | [number, unknown];
}

/**
 * A route from Mattermost's own path template: `{…_id}` matches an id (26
 * lowercase letters and digits), any other placeholder a name (one segment,
 * percent-decoded when the route runs).
 */
export function route(
  method: string,
  template: string,
  run: (call: Call, params: string[]) => Promise<[number, unknown]> | [number, unknown],
): Route {
  const names: boolean[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, placeholder: string) => {
    const id = placeholder.endsWith('_id');
    names.push(!id);
    return id ? '([a-z0-9]{26})' : '([^/]+)';
  });
  return {
    method,
    name: `${method} ${API}${template}`,
    pattern: new RegExp(`^${source}$`),
    run: (call, params) =>
      run(
        call,
        params.map((value, i) => (names[i] ? decodeURIComponent(value) : value)),
      ),
  };
}

export function teamOf(store: MmStore, id: string): MmTeam {
  return store.teams.get(id) ?? fail(TEAM_MISSING);
}

export function channelOf(store: MmStore, id: string): MmChannel {
  return store.channels.get(id) ?? fail(CHANNEL_MISSING);
}

export function userOf(store: MmStore, id: string): MmUser {
  return store.users.get(id) ?? fail(USER_MISSING);
}

/** The account's role in the team; a system admin counts as a team admin everywhere. */
export function teamRole(team: MmTeam, user: MmUser): TeamRole | undefined {
  return user.systemAdmin ? 'admin' : team.members.get(user.id);
}

/** Mattermost's 403 for a permission the account lacks. */
export function deny(user: MmUser, permission: string): never {
  return fail(NO_PERMISSION, `userId=${user.id}, permission=${permission}`);
}

/** May read a channel: a system admin, a member, or, for a public channel, a member of its team. */
export function canRead(store: MmStore, channel: MmChannel, user: MmUser): boolean {
  return (
    user.systemAdmin ||
    channel.members.has(user.id) ||
    (channel.type === 'O' && store.teams.get(channel.teamId)?.members.has(user.id) === true)
  );
}
