/**
 * Bots and access tokens: a system admin makes a bot; an account (or a
 * system admin for it) makes an access token.
 */
import { badBody, fail, readJson, textField, USERNAME_EXISTS } from './errors.js';
import { deny, route, userOf } from './route.js';
import type { Route } from './route.js';
import { isValidUsername, newId } from './state.js';

export const botRoutes: readonly Route[] = [
  route('POST', '/bots', async ({ req, store, user }) => {
    const body = await readJson(req, 'bot');
    if (!user.systemAdmin) deny(user, 'create_bot');
    const username = textField(body, 'username', 'bot');
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
  }),

  route('POST', '/users/{user_id}/tokens', async ({ req, store, user }, [id]) => {
    const body = await readJson(req, 'token');
    if (!user.systemAdmin && user.id !== id) deny(user, 'create_user_access_token');
    const owner = userOf(store, id!);
    const description = textField(body, 'description');
    if (description === '') fail(badBody('description'));
    const token = newId();
    store.tokens.set(token, owner.id);
    return [200, { id: newId(), token, user_id: owner.id, description, is_active: true }];
  }),
];
