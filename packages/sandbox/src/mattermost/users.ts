/**
 * Users and teams: the account of the token, accounts by name, teams by name
 * or id, a new invite id, team members and their roles.
 */
import { badBody, fail, TEAM_MEMBER_MISSING, TEAM_NAME_MISSING, USERNAME_MISSING, readJson, textField } from './errors.js';
import { teamJson, teamMemberJson, userJson } from './json.js';
import { deny, route, teamOf, teamRole, userOf } from './route.js';
import type { Route } from './route.js';
import { newId } from './state.js';

export const userRoutes: readonly Route[] = [
  route('GET', '/users/me', ({ user }) => [200, userJson(user)]),

  route('GET', '/users/username/{username}', ({ store }, [name]) => [200, userJson(store.userByName(name!) ?? fail(USERNAME_MISSING))]),

  route('GET', '/teams/name/{team_name}', ({ store, user }, [name]) => {
    const team = store.teamByName(name!) ?? fail(TEAM_NAME_MISSING);
    if (!teamRole(team, user)) deny(user, 'view_team');
    return [200, teamJson(team)];
  }),

  route('GET', '/teams/{team_id}', ({ store, user }, [id]) => {
    const team = teamOf(store, id!);
    if (!teamRole(team, user)) deny(user, 'view_team');
    return [200, teamJson(team)];
  }),

  route('POST', '/teams/{team_id}/regenerate_invite_id', ({ store, user }, [id]) => {
    const team = teamOf(store, id!);
    if (teamRole(team, user) !== 'admin') deny(user, 'manage_team');
    team.inviteId = newId();
    return [200, teamJson(team)];
  }),

  route('POST', '/teams/{team_id}/members', async ({ req, store, user }, [id]) => {
    const body = await readJson(req, 'team_member');
    if (textField(body, 'team_id') !== id) fail(badBody('team_id'));
    const team = teamOf(store, id!);
    if (!teamRole(team, user)) deny(user, 'add_user_to_team');
    const member = userOf(store, textField(body, 'user_id'));
    if (!team.members.has(member.id)) team.members.set(member.id, 'member');
    return [201, teamMemberJson(team, member.id)];
  }),

  route('PUT', '/teams/{team_id}/members/{user_id}/schemeRoles', async ({ req, store, user }, [id, userId]) => {
    const body = await readJson(req, 'scheme_roles');
    if (typeof body.scheme_admin !== 'boolean' || typeof body.scheme_user !== 'boolean') fail(badBody('scheme_roles'));
    const team = teamOf(store, id!);
    if (teamRole(team, user) !== 'admin') deny(user, 'manage_team_roles');
    if (!team.members.has(userId!)) fail(TEAM_MEMBER_MISSING);
    team.members.set(userId!, body.scheme_admin ? 'admin' : 'member');
    return [200, { status: 'OK' }];
  }),
];
