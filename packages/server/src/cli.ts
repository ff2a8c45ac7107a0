#!/usr/bin/env node
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, type ServerConfig } from './config/index.js';
import { themeContrastWarnings } from './contrast.js';
import { loadConfigFile } from './config-file.js';
import { addKeys, loadKeySetFile, removeKey } from './files.js';
import { HttpError } from './errors.js';
import type { Logger } from './handler.js';
import { type Invite, INVITE_MAX_SECONDS, issueInvite, parseDuration } from './invites.js';
import { serve } from './adapters/node.js';
import { probeConfig } from './probe.js';
import { needsRsa, ReloadingHandler } from './reload.js';
import { loadSite } from './site.js';
import { checkReason } from './bookings/reason.js';
import { BookingService } from './bookings/service.js';
import { ChatRooms, chatProblem, chatProviders } from './chat/rooms.js';
import { createBotAccount, MattermostError } from './providers/mattermost.js';
import { MailDelivery } from './mail/delivery.js';
import { SmtpMailer } from './mail/smtp.js';
import { StoreRevocations } from './revocations.js';
import { SqliteStore } from './store/sqlite.js';

const USAGE = `Usage: vereinsraum <command> [options]

Commands:
  serve --config FILE [--data DIR] [--port N] [--host H] [--public-origin URL] [--trust-proxy] [--cdn DIR]
        [--allowed-host HOST ...]
        Run the server helper: the API (/v1/), the element bundles for club
        pages (/cdn/, from the installed @vereinsraum/elements, or from DIR
        with --cdn) and the operators' booking page (/admin).
        Port from --port, else $PORT, else 8080.
        Host defaults to 127.0.0.1 (put a reverse proxy with TLS in front).
        Behind a proxy: --public-origin is the address visitors use (default:
        the config's publicOrigin), and --trust-proxy takes the client's
        address from X-Forwarded-For. Without a public origin, only requests
        for loopback hosts and those named by --allowed-host are answered.
        The key set is DIR/keys.json (created if missing); bookings, their
        mails and revoked invites are kept in DIR/vereinsraum.db (SQLite).
        DIR defaults to ./data.
        SIGHUP reads the configuration and the key set again (a file with
        mistakes is refused and the old one kept); so does a change of
        keys.json. SIGTERM or SIGINT stops the server.
  check --config FILE [--probe]
        Validate a configuration file and its environment variables, and
        warn about tenant colours that are hard to read (WCAG AA contrast)
        and a missing publicOrigin.
        With --probe, also contact every back end and the mail server once
        (BigBlueButton's secret, Jitsi's room-size endpoint, Mattermost's bot
        token and teams, SMTP's greeting and login); exit code 1 if one fails.
  keys generate [--data DIR] [--rsa]
        Add a new EdDSA key (and an RSA key for Jitsi RS256 with --rsa) to
        DIR/keys.json. New tokens use the newest key; a running server reads
        the file again within seconds. Older keys still verify until you
        remove them.
  keys list [--data DIR]
  keys remove --kid KID [--data DIR]
        Tokens signed with that key stop working (a running server notices
        within seconds).
  invite create --config FILE --room [TENANT/]ROOM --role moderator|attendee
                --expires 30d [--page URL] [--data DIR]
        Make an invite (lifetime in m, h or d; at most ${INVITE_MAX_SECONDS / 86_400}d), kept in
        DIR/vereinsraum.db: a short token, ID.SECRET. With --page, print the
        link: URL#invite=TOKEN. TENANT may be left out if there is only one.
  invite revoke --id ID [--data DIR]
        Revoke an invite by its id (--jti for one made before short links);
        a running server notices at once.
  bookings list --config FILE [--status pending|approved|rejected|cancelled] [--tenant T] [--json] [--data DIR]
  bookings approve --config FILE --id ID [--data DIR]
        Approve a pending booking: its room and invite links are made and
        the contact person gets them by e-mail (or in the outbox).
  bookings reject --config FILE --id ID [--reason TEXT] [--data DIR]
  bookings cancel --config FILE --id ID --reason TEXT [--data DIR]
        Cancel a pending or approved booking: its invite links stop working
        and the contact person gets an e-mail with the reason.
  bookings trust --config FILE --tenant T --email ADDRESS [--untrust] [--data DIR]
        Later bookings from this address are approved at once.
  bookings purge --config FILE [--data DIR]
        Delete bookings whose retention has passed (the server also does
        this when it starts and every day).
  chat rotate-invite --config FILE --tenant T
        Make a new invite link for the tenant's Mattermost team (after an
        event, say): the old link stops working. Prints the new link.
  chat create-bot --url URL --team TEAM [--username NAME] [--admin-token-env VAR]
        Set up the bot account the server helper acts as on Mattermost:
        creates it, makes it an admin of the team and prints its access
        token once (put it into the variable that tokenEnv names). Needs a
        system admin's access token in $VAR (default MATTERMOST_ADMIN_TOKEN).

Secrets (BigBlueButton secret, Jitsi app secret, Mattermost bot token,
access codes, admin token) come from the environment variables that the
config file names.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'public-origin': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'allowed-host': { type: 'string', multiple: true },
  cdn: { type: 'string' },
  probe: { type: 'boolean' },
  rsa: { type: 'boolean' },
  kid: { type: 'string' },
  room: { type: 'string' },
  role: { type: 'string' },
  expires: { type: 'string' },
  page: { type: 'string' },
  jti: { type: 'string' },
  status: { type: 'string' },
  tenant: { type: 'string' },
  id: { type: 'string' },
  reason: { type: 'string' },
  email: { type: 'string' },
  untrust: { type: 'boolean' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  team: { type: 'string' },
  username: { type: 'string' },
  'admin-token-env': { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>> & Record<string, string | boolean | string[] | undefined>;

/** What `check` and `serve` say when the server's own origin is not configured. */
const NO_PUBLIC_ORIGIN =
  'no publicOrigin: the server takes its origin from each request\'s Host header, so it answers only loopback hosts ' +
  '(localhost, 127.x.x.x, [::1]) and those given by --allowed-host. Set publicOrigin in the config (or serve --public-origin) ' +
  'to the address visitors use, e.g. https://vereinsraum.example-stadt.de.';

/** A mistake in how the command was called: printed with a hint, exit code 2. */
class UsageError extends Error {}

const COMMANDS: Record<string, (values: Values) => Promise<number>> = {
  serve: runServe,
  check: async (values) => {
    const config = await readConfig(values);
    for (const warning of themeContrastWarnings(config)) console.warn(`vereinsraum warn: ${warning}`);
    if (!config.publicOrigin) console.warn(`vereinsraum warn: ${NO_PUBLIC_ORIGIN}`);
    console.log(`${String(values.config)} is valid: ${config.tenants.size} tenant(s), ${config.backends.size} backend(s).`);
    if (!values.probe) return 0;
    const results = await probeConfig(config);
    for (const { target, ok, message } of results) (ok ? console.log : console.error)(`${ok ? 'ok  ' : 'FAIL'} ${target}: ${message}`);
    return results.every((result) => result.ok) ? 0 : 1;
  },
  'keys generate': async (values) => {
    const json = await addKeys(keyFile(values), values.rsa ? ['EdDSA', 'RS256'] : ['EdDSA']);
    const added = json.keys.slice(values.rsa ? -2 : -1);
    console.log(`added ${added.map((key) => `${key.kid} (${key.alg})`).join(' and ')} to ${keyFile(values)}; a running server reads it within seconds (or send it SIGHUP).`);
    return 0;
  },
  'keys list': async (values) => {
    const { keys } = await loadKeySetFile(keyFile(values));
    for (const key of keys.publicJwks().keys) console.log(`${key.kid}\t${key.alg}`);
    return 0;
  },
  'keys remove': async (values) => {
    await removeKey(keyFile(values), required(values, 'kid'));
    console.log(`removed ${String(values.kid)}: tokens it signed no longer work (a running server reads the key set again within seconds).`);
    return 0;
  },
  'invite create': async (values) => {
    const config = await readConfig(values);
    const [tenant, room] = roomOf(config, required(values, 'room'));
    const role = required(values, 'role');
    if (role !== 'moderator' && role !== 'attendee') throw new UsageError('--role must be moderator or attendee');
    const seconds = parseDuration(required(values, 'expires'));
    if (seconds === undefined) throw new UsageError(`--expires must be like 90m, 12h or 30d, at most ${INVITE_MAX_SECONDS / 86_400}d`);
    const page = typeof values.page === 'string' ? new URL(values.page) : undefined;
    const { keys } = await loadKeySetFile(keyFile(values), { create: true });
    const store = openStore(values);
    let invite: Invite;
    try {
      invite = await issueInvite(keys, store, { tenant, room, role, expiresInSeconds: seconds });
    } finally {
      store.close();
    }
    if (page) {
      page.hash = `invite=${invite.token}`;
      console.log(page.href);
    } else {
      console.log(invite.token);
    }
    console.error(`${role} invite for ${tenant}/${room}, valid until ${invite.expiresAt}; revoke with: vereinsraum invite revoke --id ${invite.jti}`);
    return 0;
  },
  'invite revoke': async (values) => {
    const id = typeof values.id === 'string' && values.id !== '' ? values.id : required(values, 'jti');
    const store = openStore(values);
    try {
      // A short invite is revoked until it expires; for a signed one the expiry is not known here.
      const until = (await store.getInvite(id))?.expiresAt ?? Date.now() + INVITE_MAX_SECONDS * 1000;
      await store.revoke(id, until);
    } finally {
      store.close();
    }
    console.log(`revoked invite ${id}.`);
    return 0;
  },
  'bookings list': (values) =>
    withBookings(values, async ({ service }) => {
      const status = values.status;
      if (status !== undefined && !['pending', 'approved', 'rejected', 'cancelled'].includes(String(status))) {
        throw new UsageError('--status must be pending, approved, rejected or cancelled');
      }
      const list = await service.list({ ...(typeof status === 'string' ? { status: status as 'pending' } : {}), ...(typeof values.tenant === 'string' ? { tenant: values.tenant } : {}) });
      if (values.json) {
        console.log(JSON.stringify(list, null, 2));
      } else {
        for (const b of list) {
          console.log([b.id, b.status, b.tenant, b.dates[0]?.start ?? '', `${b.dates.length}x`, JSON.stringify(b.title), JSON.stringify(b.organisation), b.contactEmail].join('\t'));
        }
        if (list.length === 0) console.error('no bookings.');
      }
      return 0;
    }),
  'bookings approve': (values) =>
    withBookings(values, async ({ service }) => {
      const booking = await service.approve(required(values, 'id'), actor());
      console.log(`approved ${booking.id}: room ${booking.room}`);
      return 0;
    }),
  'bookings reject': (values) =>
    withBookings(values, async ({ service }) => {
      // The admin API's rule for reasons; a refusal is printed as `invalid_input: …`.
      const booking = await service.reject(required(values, 'id'), actor(), checkReason(values.reason, false));
      console.log(`rejected ${booking.id}`);
      return 0;
    }),
  'bookings cancel': (values) =>
    withBookings(values, async ({ service }) => {
      const booking = await service.cancelByOperator(required(values, 'id'), actor(), required(values, 'reason'));
      console.log(`cancelled ${booking.id}`);
      return 0;
    }),
  'bookings trust': (values) =>
    withBookings(values, async ({ service }) => {
      await service.trust(required(values, 'tenant'), required(values, 'email'), values.untrust !== true, actor());
      console.log(values.untrust ? 'the address is no longer trusted.' : 'later bookings from this address are approved at once.');
      return 0;
    }),
  'chat rotate-invite': async (values) => {
    const config = await readConfig(values);
    const tenantId = required(values, 'tenant');
    const chat = config.tenants.get(tenantId)?.bookings?.chat;
    if (!chat) throw new UsageError(`--tenant ${tenantId} is not a tenant with chat bookings (bookings.chat) in the configuration`);
    const provider = chatProviders(config).get(chat.backend)!;
    try {
      const team = await provider.team(chat.team);
      const link = provider.inviteUrl(await provider.regenerateInviteId(team.id));
      console.log(link);
      console.error(`new invite link for team ${team.name}; the old one no longer works.`);
      return 0;
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      console.error(`vereinsraum: chat_unavailable: ${chatProblem(error, provider, chat.team, 'The invite link is unchanged.')}`);
      return 1;
    }
  },
  'chat create-bot': async (values) => {
    const url = required(values, 'url').replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s?#]+$/.test(url)) throw new UsageError('--url must be the address of the Mattermost server, e.g. https://chat.example.org');
    const team = required(values, 'team');
    const variable = typeof values['admin-token-env'] === 'string' ? values['admin-token-env'] : 'MATTERMOST_ADMIN_TOKEN';
    const adminToken = process.env[variable];
    if (!adminToken) throw new UsageError(`the environment variable ${variable} must hold a system admin's personal access token`);
    const username = typeof values.username === 'string' ? values.username : 'vereinsraum';
    try {
      const bot = await createBotAccount({ url, adminToken, team, username, displayName: 'Vereinsraum', description: 'Booked chat rooms (Vereinsraum server helper)' });
      console.log(bot.token);
      console.error(`created bot @${username}, admin of team ${team}. Its access token is above, shown only this once: put it into the environment variable that tokenEnv names.`);
      return 0;
    } catch (error) {
      if (!(error instanceof MattermostError)) throw error;
      console.error(`vereinsraum: Mattermost: ${error.reason}. Bot accounts and personal access tokens must be enabled in the System Console.`);
      return 1;
    }
  },
  'bookings purge': (values) =>
    withBookings(values, async ({ service }) => {
      const result = await service.purge();
      console.log(`purged ${result.bookings} booking(s), ${result.challenges} used challenge(s), ${result.revocations} expired revocation(s).`);
      return 0;
    }),
};

/** Who decides, for the audit trail: the operating-system user running the CLI. */
function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function openStore(values: Values): SqliteStore {
  return new SqliteStore(join(dataDir(values), 'vereinsraum.db'));
}

/**
 * Run a bookings command with the store and the booking service; mails it
 * queues are sent at once when SMTP is configured (the running server would
 * send them within a minute anyway).
 */
async function withBookings(values: Values, run: (context: { service: BookingService; store: SqliteStore }) => Promise<number>): Promise<number> {
  const config = await readConfig(values);
  const { keys } = await loadKeySetFile(keyFile(values), { create: true, rsa: needsRsa(config) });
  const store = openStore(values);
  const mailer = config.smtp ? new SmtpMailer(config.smtp) : undefined;
  try {
    const service = new BookingService({
      config,
      store,
      keys: async () => keys,
      now: Date.now,
      revocations: new StoreRevocations(store),
      challengeKey: 'unused-by-the-cli',
      warn: (message) => console.error(`vereinsraum: ${message}`),
      chat: new ChatRooms(chatProviders(config), store),
    });
    const code = await run({ service, store });
    if (mailer) await new MailDelivery({ store, mailer, keys: async () => keys, now: Date.now, log: (_level, message) => console.error(`vereinsraum: ${message}`) }).run();
    return code;
  } catch (error) {
    if (error instanceof HttpError) {
      console.error(`vereinsraum: ${error.code}: ${error.detail ?? ''}`);
      return 1;
    }
    throw error;
  } finally {
    mailer?.close();
    store.close();
  }
}

/** Move revocations from the old `revocations.json` into the store, once. */
async function importFileRevocations(values: Values, store: SqliteStore): Promise<void> {
  const file = join(dataDir(values), 'revocations.json');
  if (!existsSync(file)) return;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { revoked?: Record<string, string> };
  for (const [jti, until] of Object.entries(json.revoked ?? {})) await store.revoke(jti, Date.parse(until));
  renameSync(file, `${file}.imported`);
  console.log(`vereinsraum: moved the revoked invites of ${file} into the database.`);
}

async function runServe(values: Values): Promise<number> {
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
  // Checked before anything is made on disk.
  const config = await readConfig(values);
  const publicOrigin = typeof values['public-origin'] === 'string' ? values['public-origin'].replace(/\/+$/, '') : config.publicOrigin;
  const allowedHosts = Array.isArray(values['allowed-host']) ? values['allowed-host'] : [];
  const site = await loadSite(typeof values.cdn === 'string' ? values.cdn : undefined);
  const store = openStore(values);
  await importFileRevocations(values, store);
  if (!publicOrigin) console.warn(`vereinsraum warn: ${NO_PUBLIC_ORIGIN}`);
  const log: Logger = (level, message) => (level === 'info' ? console.log : level === 'warn' ? console.warn : console.error)(`vereinsraum ${level}: ${message}`);
  let reloading: ReloadingHandler;
  try {
    reloading = await ReloadingHandler.start(config, { configPath: configPath(values), keyFile: keyFile(values), store, log });
  } catch (error) {
    store.close();
    throw error;
  }
  // Until now a SIGHUP would have ended the process; from now on it reloads.
  process.on('SIGHUP', () => void reloading.reload('SIGHUP'));
  const running = await serve((request, info) => site.answer(request) ?? reloading.handler(request, info), {
    port,
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
    trustProxy: values['trust-proxy'] === true,
    allowedHosts,
    ...(publicOrigin ? { publicOrigin } : {}),
  });
  console.log(`vereinsraum: serving the bundles of ${site.cdnDir} at /cdn/`);
  console.log(`vereinsraum: listening on ${running.url}`);
  const stop = (): void =>
    void running.close().then(() => {
      reloading.close();
      store.close();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

function configPath(values: Values): string {
  if (typeof values.config !== 'string' || values.config === '') throw new UsageError('--config FILE is required');
  return values.config;
}

async function readConfig(values: Values): Promise<ServerConfig> {
  return loadConfigFile(configPath(values));
}

function required(values: Values, name: keyof typeof OPTIONS): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function dataDir(values: Values): string {
  return typeof values.data === 'string' ? values.data : 'data';
}

function keyFile(values: Values): string {
  return join(dataDir(values), 'keys.json');
}

/** `tenant/room`, or `room` when the config has a single tenant. */
function roomOf(config: ServerConfig, given: string): [string, string] {
  const [tenantId, roomId] = given.includes('/') ? given.split('/', 2) : config.tenants.size === 1 ? [[...config.tenants.keys()][0]!, given] : [];
  const tenant = tenantId === undefined ? undefined : config.tenants.get(tenantId);
  if (!tenant || roomId === undefined || !tenant.rooms.has(roomId)) {
    const known = [...config.tenants.values()].flatMap((t) => [...t.rooms.keys()].map((r) => `${t.id}/${r}`));
    throw new UsageError(`--room ${given} is not a room of the configuration (rooms: ${known.join(', ')})`);
  }
  return [tenant.id, roomId];
}

/** A mistake in how the command was called: one line, and where the usage is. */
function usageError(message: string): number {
  console.error(`vereinsraum: ${message}\nRun 'vereinsraum --help' for the commands and their options.`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    console.log(USAGE);
    return first === undefined ? 1 : 0;
  }
  const group = first === 'keys' || first === 'invite' || first === 'bookings' || first === 'chat';
  const name = group ? `${first} ${second ?? ''}`.trim() : first;
  const command = COMMANDS[name];
  if (!command) {
    if (group) {
      const known = Object.keys(COMMANDS).filter((c) => c.startsWith(`${first} `)).map((c) => c.split(' ')[1]);
      return usageError(`${second === undefined ? `'${first}' needs a subcommand` : `unknown command '${name}'`}: ${first} ${known.join('|')}`);
    }
    return usageError(`unknown command '${name}'`);
  }
  try {
    const { values } = parseArgs({ args: group ? rest : argv.slice(1), options: OPTIONS });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    return await command(values);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`vereinsraum: the configuration cannot be used:\n${error.issues.map((i) => `  - ${i.path || '(file)'}: ${i.message}`).join('\n')}`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usageError((error as Error).message);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => code >= 0 && process.exit(code),
  (error: unknown) => {
    console.error(`vereinsraum: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
