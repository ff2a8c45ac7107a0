/**
 * The Mattermost side of the sandbox: its own HTTP server (a Mattermost has
 * its own origin) with the small part of API v4 that Vereinsraum uses, the
 * sign-up page of a team's invite link and a page per channel.
 *
 * Requests are checked like Mattermost checks them: the access token
 * (`Authorization: Bearer …`), then the permission, then what is missing;
 * the routes live by what they do in `users.ts`, `channels.ts`, `posts.ts`
 * and `bots.ts`, the error shapes in `errors.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, methodNotAllowed, send, sendHtml, TEXT } from '../http.js';
import { botRoutes } from './bots.js';
import { channelRoutes } from './channels.js';
import { ApiFailure, fail, INTERNAL, NO_ROUTE, readText, sendApi, sendError, SESSION_EXPIRED } from './errors.js';
import { createHandle, Faults } from './handle.js';
import type { MattermostSandboxOptions, RunningMattermost } from './handle.js';
import {
  channelPage,
  directMessagesPage,
  MATTERMOST_CSP,
  mattermostHomePage,
  mattermostNotFoundPage,
  signedUpPage,
  signupPage,
} from './pages.js';
import { postRoutes } from './posts.js';
import { API } from './route.js';
import type { Route } from './route.js';
import { isValidUsername, MmStore, newId } from './state.js';
import type { MmUser } from './state.js';
import { userRoutes } from './users.js';

const ROUTES: readonly Route[] = [...userRoutes, ...channelRoutes, ...postRoutes, ...botRoutes];

/** Checks the options; throws a TypeError naming the bad one. */
function checkOptions(options: MattermostSandboxOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('startSandbox: options.mattermost must be an object');
  if (typeof options.botToken !== 'string' || options.botToken.length < 16)
    throw new TypeError('startSandbox: options.mattermost.botToken must have at least 16 characters');
  if (
    options.adminToken !== undefined &&
    (typeof options.adminToken !== 'string' || options.adminToken.length < 16 || options.adminToken === options.botToken)
  ) {
    throw new TypeError('startSandbox: options.mattermost.adminToken must have at least 16 characters and differ from botToken');
  }
  for (const name of [
    ...(options.teams ?? []),
    ...(options.users ?? []),
    ...(options.botUsername === undefined ? [] : [options.botUsername]),
  ]) {
    if (typeof name !== 'string' || !isValidUsername(name))
      throw new TypeError(`startSandbox: options.mattermost: "${String(name)}" is not a valid team or user name`);
  }
}

/** Starts the Mattermost sandbox on `host`. */
export async function startMattermost(options: MattermostSandboxOptions, host: string): Promise<RunningMattermost> {
  checkOptions(options);
  const store = new MmStore(options.now ?? Date.now);
  const bot = store.addUser(options.botUsername ?? 'vereinsraum', {
    isBot: true,
    displayName: 'Vereinsraum',
    description: 'Booked chat rooms',
  });
  store.tokens.set(options.botToken, bot.id);
  if (options.adminToken) store.tokens.set(options.adminToken, store.addUser('sysadmin', { systemAdmin: true }).id);
  const botRole = options.botTeamRole ?? 'admin';
  for (const name of options.teams ?? ['verein']) {
    const team = store.addTeam(name);
    if (botRole !== 'none') team.members.set(bot.id, botRole);
  }
  for (const name of options.users ?? []) store.addUser(name);

  const app = new MattermostApp(store, new Faults(), options.developerMode === true);
  const server = await listen((req, res) => app.handle(req, res), {
    port: options.port ?? 0,
    host,
    label: 'sandbox/mattermost',
    internalError: (res) => sendError(res, INTERNAL, '', app.developer),
  });
  return { sandbox: createHandle(server.url, store, app.faults, bot), close: server.close };
}

class MattermostApp {
  constructor(
    readonly store: MmStore,
    readonly faults: Faults,
    readonly developer: boolean,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname.startsWith(`${API}/`)) return this.api(req, res, url);
    if (url.pathname === '/signup_user_complete/' || url.pathname === '/signup_user_complete') return this.signup(req, res, url);
    if (req.method !== 'GET') return methodNotAllowed(req, res, 'GET');
    if (url.pathname === '/') return this.page(res, 200, mattermostHomePage(this.store));
    if (url.pathname === '/favicon.ico') return send(res, 204, TEXT, '');
    const store = this.store;
    // Mattermost's address of the direct messages with an account. The sandbox signs nobody in, so it shows all of that account's.
    const messages = /^\/([^/]+)\/messages\/@([^/]+)$/.exec(url.pathname);
    const account =
      messages && store.teamByName(decodeURIComponent(messages[1]!)) ? store.userByName(decodeURIComponent(messages[2]!)) : undefined;
    if (account) return this.page(res, 200, directMessagesPage(store, account));
    const channelAddress = /^\/([^/]+)\/channels\/([^/]+)$/.exec(url.pathname);
    const team = channelAddress ? store.teamByName(decodeURIComponent(channelAddress[1]!)) : undefined;
    const channel = team ? store.channelByName(team.id, decodeURIComponent(channelAddress![2]!)) : undefined;
    if (team && channel) return this.page(res, 200, channelPage(store, team, channel));
    return this.page(res, 404, mattermostNotFoundPage());
  }

  /** An API call: counted, subject to the faults, authenticated, then its route's answer or Mattermost's error. */
  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API.length);
    const method = req.method ?? 'GET';
    const found = ROUTES.find((route) => route.method === method && route.pattern.test(path));
    const name = found?.name ?? `${method} ${API}${path}`;
    const { faults } = this;
    faults.calls.set(name, (faults.calls.get(name) ?? 0) + 1);
    if (faults.outage) {
      req.socket.destroy();
      return;
    }
    await faults.held.get(name);
    try {
      if (!found) {
        req.resume();
        fail(NO_ROUTE, `There doesn't appear to be an api call for the url='${API}${path}'.`);
      }
      const user = this.authenticate(req);
      const [status, body] = await found.run({ req, user, url, store: this.store }, found.pattern.exec(path)!.slice(1));
      if (faults.loseAnswer(name)) {
        req.socket.destroy();
        return;
      }
      sendApi(res, status, body, { 'X-Request-Id': newId(), 'X-Version-Id': '11.0.0.sandbox' });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      req.resume();
      sendError(res, error.failure, error.detail, this.developer);
    }
  }

  /** The account of the request's access token, or the 401 Mattermost sends. */
  private authenticate(req: IncomingMessage): MmUser {
    const header = req.headers.authorization ?? '';
    const match = /^(?:bearer|token) (\S+)$/i.exec(header);
    if (!match) fail(SESSION_EXPIRED, 'UserRequired');
    const userId = this.store.tokens.get(match[1]!);
    const user = userId === undefined ? undefined : this.store.users.get(userId);
    if (!user || user.deleteAt !== 0) fail(SESSION_EXPIRED, `token=${match[1]}`);
    return user;
  }

  /** The sign-up page of a team's invite link, and the account it makes. */
  private async signup(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const store = this.store;
    const team = store.teamByInvite(url.searchParams.get('id') ?? '');
    if (req.method === 'GET') return this.page(res, team ? 200 : 404, signupPage(team));
    if (req.method !== 'POST') return methodNotAllowed(req, res, 'GET, POST');
    const form = new URLSearchParams(await readText(req).catch(() => ''));
    if (!team) return this.page(res, 404, signupPage(undefined));
    const username = (form.get('username') ?? '').trim().toLowerCase();
    if (!isValidUsername(username)) {
      return this.page(
        res,
        400,
        signupPage(
          team,
          'A user name has lowercase letters, digits, ".", "-" or "_". / Ein Benutzername hat Kleinbuchstaben, Ziffern, ".", "-" oder "_".',
          username,
        ),
      );
    }
    if (store.userByName(username))
      return this.page(res, 400, signupPage(team, 'This user name is taken. / Dieser Benutzername ist vergeben.', username));
    const user = store.addUser(username);
    team.members.set(user.id, 'member');
    return this.page(res, 200, signedUpPage(username, team));
  }

  /** A page, like Mattermost's framed by no other site. */
  private page(res: ServerResponse, status: number, html: string): void {
    sendHtml(res, status, html, MATTERMOST_CSP, { 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'no-store' });
  }
}
