// Chat rooms on Mattermost: the requests of the provider (Mattermost's own
// client, Client4) compared with recorded vectors, and chat bookings from
// the form to the channel to the join answer, over real HTTP on 127.0.0.1
// against the sandbox's Mattermost.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type {
  AdminBooking,
  BookingCreated,
  BookingForm,
  ChatCodeSent,
  JoinChatCodeResponse,
  JoinResponse,
  RoomStatus,
} from '@vereinsraum/protocol';
import { codeMessage } from '../src/chat/codes.ts';
import { channelName, welcomeMessage } from '../src/chat/rooms.ts';
import { parseConfig } from '../src/config/index.ts';
import { createBotAccount, MattermostProvider } from '../src/providers/mattermost.ts';
import type { BookingRecord } from '../src/store/types.ts';
import type { HandlerOptions } from '../src/services.ts';
import { startSandbox, type Sandbox } from '../../sandbox/src/index.ts';
import { type BookingStack, bookingConfig, startBookingStack } from './booking-stack.ts';
import { env, SECRET } from './stack.ts';

/** Recorded from `@mattermost/client` 11.9 (see fixtures/README.md). */
interface Vector {
  method: string;
  path: string;
  auth: string;
  xrw: string;
  ct?: string;
  body?: string;
}
const vectors = readFileSync(new URL('./fixtures/mattermost-client4-requests.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Vector);

const BOT_TOKEN = 'mm-bot-token-for-the-tests-0123456789';
const PAGE = 'https://www.tsv.example';

async function problem(response: Response, status: number, code: string, field?: string): Promise<{ detail?: string }> {
  const body = (await response.json()) as { code: string; field?: string; detail?: string };
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code);
  if (field !== undefined) assert.equal(body.field, field);
  return body;
}

describe('Mattermost provider: what Client4 sends', () => {
  let server: Server;
  let url: string;
  const recorded: Vector[] = [];
  // Plausible answers per route, as Mattermost gives them (content type exactly application/json, as Client4 expects).
  const answers: Record<string, [number, object]> = {
    'GET /api/v4/teams/name/club-42': [200, { id: 'teamid123', name: 'club-42', invite_id: 'invite1' }],
    'POST /api/v4/channels': [201, { id: 'x1', name: 'vereinsabend-2025-01', team_id: 'teamid123', type: 'P', creator_id: 'botuserid' }],
    'POST /api/v4/teams/teamid123/members': [201, { team_id: 'teamid123', user_id: 'userid789' }],
    'POST /api/v4/channels/x1/members': [201, { channel_id: 'x1', user_id: 'userid789' }],
    'POST /api/v4/teams/teamid123/regenerate_invite_id': [200, { id: 'teamid123', invite_id: 'invite2' }],
    'GET /api/v4/teams/teamid123': [200, { id: 'teamid123', invite_id: 'invite2' }],
    'POST /api/v4/bots': [201, { user_id: 'botuserid', username: 'club-embed-bot' }],
    'POST /api/v4/users/botuserid/tokens': [200, { id: 'tokenid', token: 'the-new-token', user_id: 'botuserid' }],
    'POST /api/v4/posts': [201, { id: 'post1', channel_id: 'x1' }],
    'PUT /api/v4/teams/teamid123/members/botuserid/schemeRoles': [200, { status: 'OK' }],
    'GET /api/v4/users/me': [200, { id: 'botuserid', username: 'club-embed-bot', is_bot: true }],
    'POST /api/v4/channels/direct': [201, { id: 'dm1', name: 'botuserid__userid789', team_id: '', type: 'D', creator_id: 'botuserid' }],
  };

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        recorded.push({
          method: req.method ?? '',
          path,
          auth: req.headers.authorization ?? '',
          xrw: String(req.headers['x-requested-with'] ?? ''),
          ...(req.headers['content-type'] ? { ct: req.headers['content-type'] } : {}),
          ...(body ? { body } : {}),
        });
        const [status, answer] = answers[`${req.method} ${path}`] ?? [
          404,
          { id: 'api.context.404.app_error', message: 'Sorry, we could not find the page.', status_code: 404 },
        ];
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const provider = () =>
    new MattermostProvider({ type: 'mattermost', url, token: 'PERSONAL_OR_BOT_ACCESS_TOKEN', tokenEnv: 'MM_TOKEN', timeoutMs: 2000 });

  /** The one request `run` makes, compared with the vector for it. */
  async function sends(vector: Vector, run: () => Promise<unknown>): Promise<void> {
    recorded.length = 0;
    await run();
    assert.deepEqual(recorded, [vector]);
  }

  test('the vectors are all there', () => {
    assert.equal(vectors.length, 9);
  });

  test('team by name, channel, members, invite id and post: the same method, path, headers and JSON body', async () => {
    const find = (method: string, path: string) => vectors.find((v) => v.method === method && v.path === path)!;
    const p = provider();
    await sends(find('GET', '/api/v4/teams/name/club-42'), () => p.team('club-42'));
    await sends(find('POST', '/api/v4/channels'), () =>
      p.createChannel('teamid123', { name: 'vereinsabend-2025-01', displayName: 'Vereinsabend Januar', purpose: 'Booked via embed' }),
    );
    await sends(find('POST', '/api/v4/teams/teamid123/members'), () => p.addToTeam('teamid123', 'userid789'));
    await sends(find('POST', '/api/v4/channels/x1/members'), () => p.addToChannel('x1', 'userid789'));
    await sends(find('POST', '/api/v4/teams/teamid123/regenerate_invite_id'), async () =>
      assert.equal(await p.regenerateInviteId('teamid123'), 'invite2'),
    );
    await sends(find('GET', '/api/v4/teams/teamid123'), async () => assert.equal(await p.inviteId('teamid123'), 'invite2'));
    await sends(find('POST', '/api/v4/posts'), () => p.post('x1', 'Room booked for 2025-01-17 19:00'));
  });

  test('a direct message: the bot asked for once, then the direct channel of the two and the post, as Client4 sends them', async () => {
    // No recorded vector has these calls: the expectations are Client4's own (client4.js: createDirectChannel posts
    // the two user ids as a JSON array to /channels/direct; createPost as for the welcome message) and Mattermost's
    // API reference. The post's shape is the recorded one, with another channel and message.
    const post = vectors.find((v) => v.path === '/api/v4/posts')!;
    const { auth, xrw } = post;
    const p = provider();
    recorded.length = 0;
    await p.directMessage('userid789', 'Ihr Code: **K7QM-3XPA**');
    await p.directMessage('userid789', 'Noch einmal');
    assert.deepEqual(recorded, [
      { method: 'GET', path: '/api/v4/users/me', auth, xrw },
      { method: 'POST', path: '/api/v4/channels/direct', auth, xrw, ct: 'application/json', body: '["botuserid","userid789"]' },
      { ...post, body: JSON.stringify({ channel_id: 'dm1', message: 'Ihr Code: **K7QM-3XPA**' }) },
      { method: 'POST', path: '/api/v4/channels/direct', auth, xrw, ct: 'application/json', body: '["botuserid","userid789"]' },
      { ...post, body: JSON.stringify({ channel_id: 'dm1', message: 'Noch einmal' }) },
    ]);
    assert.equal(JSON.parse(post.body!).channel_id, 'x1', 'the recorded post has the fields in this order');
    recorded.length = 0;
    assert.equal(await p.messagesUrl('club-42'), `${url}/club-42/messages/@club-embed-bot`);
    assert.deepEqual(recorded, [], 'the bot is asked for once');
  });

  test('setting up the bot: the bot and its token are asked for as recorded', async () => {
    recorded.length = 0;
    const bot = await createBotAccount({
      url,
      adminToken: 'PERSONAL_OR_BOT_ACCESS_TOKEN',
      team: 'club-42',
      username: 'club-embed-bot',
      displayName: 'Club Embed Bot',
      description: 'creates rooms',
      tokenDescription: 'embed helper token',
    });
    assert.deepEqual(bot, { userId: 'botuserid', token: 'the-new-token' });
    for (const path of ['/api/v4/bots', '/api/v4/users/botuserid/tokens']) {
      assert.deepEqual(
        recorded.filter((r) => r.path === path),
        vectors.filter((v) => v.path === path),
      );
    }
    // In between: the bot joins the team and becomes its admin.
    assert.deepEqual(
      recorded.map((r) => `${r.method} ${r.path}`),
      [
        'POST /api/v4/bots',
        'GET /api/v4/teams/name/club-42',
        'POST /api/v4/teams/teamid123/members',
        'PUT /api/v4/teams/teamid123/members/botuserid/schemeRoles',
        'POST /api/v4/users/botuserid/tokens',
      ],
    );
  });
});

describe('chat room names and welcome messages', () => {
  test("a channel name is the title as a slug plus the booking id, within Mattermost's rules", () => {
    assert.equal(channelName({ id: 'k3x9q2m7a1b4', title: 'Übungsabend der Jugend' }), 'uebungsabend-der-jugend-k3x9q2m7a1b4');
    assert.equal(channelName({ id: 'k3x9q2m7a1b4', title: 'Café „Größe“ & Co. 🏓' }), 'cafe-groesse-co-k3x9q2m7a1b4');
    assert.equal(channelName({ id: 'k3x9q2m7a1b4', title: '日本語' }), 'chat-k3x9q2m7a1b4');
    const long = channelName({ id: 'k3x9q2m7a1b4', title: 'x'.repeat(120) });
    assert.ok(long.length <= 64 && /^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(long), long);
  });

  test('the welcome message names the room, the club and the dates, and keeps Markdown and mentions as text', () => {
    const booking = {
      title: '@all [Klick](https://evil.example) *fett*',
      organisation: 'TSV',
      language: 'de',
      dates: [{ start: '2026-12-01T18:00:00.000Z', end: '2026-12-01T20:00:00.000Z' }],
    } as BookingRecord;
    const text = welcomeMessage(booking, 'TSV Musterstadt', 'Europe/Berlin');
    assert.match(text, /^Willkommen im Chatraum „\\@all \\\[Klick\\\]\\\(https\\:\/\/evil\.example\\\) \\\*fett\\\*“ von TSV\./);
    assert.match(text, /- Di\., 01\.12\.2026, 19:00–21:00 Uhr/);
  });
});

describe('chat codes', () => {
  // Single use, expiry, wrong codes and two connections: the store's conformance suite (store/conformance.ts), on both engines.
  test('the message says who asks for what, where the code goes and what to do when it was not you, in German and English', () => {
    const details = { username: 'erika.muster', room: '@all [Klick](https://evil.example)', tenant: 'TSV *Musterstadt*', code: 'K7QM3XPA' };
    const de = codeMessage('de', details);
    assert.match(
      de,
      /^Hallo @erika\.muster, jemand möchte mit Ihrem Konto dem Chatraum „\\@all \\\[Klick\\\]\\\(https\\:\/\/evil\.example\\\)“ von TSV \\\*Musterstadt\\\* beitreten\./,
    );
    assert.match(de, /\n\n\*\*K7QM-3XPA\*\*\n\n/);
    assert.match(de, /Wenn Sie das nicht waren, beachten Sie diese Nachricht einfach nicht: Ohne den Code geschieht nichts\.$/);
    const en = codeMessage('en', details);
    assert.match(en, /^Hello @erika\.muster, someone wants to join the chat room “.*” of TSV .* with your account\./);
    assert.match(en, /The code works for 10 minutes\. Do not give it to anyone\./);
    assert.ok(!/https:\/\//.test(de) && !/https:\/\//.test(en), 'no link a chat client would show as one');
  });
});

/** A booking stack whose tenant `tsv` takes chat bookings on the sandbox's Mattermost (team `verein`). */
async function chatStack(
  options: { developerMode?: boolean; approval?: 'manual' | 'automatic'; users?: string[]; handler?: HandlerOptions } = {},
): Promise<BookingStack> {
  return startBookingStack({
    ...(options.handler ? { handler: options.handler } : {}),
    bookings: { perClientPerHour: 1000, perEmailPerDay: 1000, approval: options.approval ?? 'manual' },
    sandbox: {
      mattermost: { botToken: BOT_TOKEN, teams: ['verein'], users: options.users ?? [], developerMode: options.developerMode === true },
    },
    envExtra: { MM_TOKEN: BOT_TOKEN },
    configure: (raw, sandbox) => {
      (raw.backends as Record<string, unknown>).chat = {
        type: 'mattermost',
        url: sandbox.mattermost!.url,
        tokenEnv: 'MM_TOKEN',
        timeoutMs: 2000,
      };
      const tsv = (raw.tenants as Record<string, { bookings: Record<string, unknown> }>).tsv;
      tsv.bookings.chat = { backend: 'chat', team: 'verein' };
      // A second tenant whose team does not exist on the Mattermost.
      (raw.tenants as Record<string, unknown>).ohneteam = {
        name: 'Ohne Team',
        allowedOrigins: [PAGE],
        rooms: { saal: { name: 'Saal', backend: 'sandbox', start: 'anyone' } },
        bookings: { ...tsv.bookings, chat: { backend: 'chat', team: 'fehlt' } },
      };
    },
  });
}

async function book(stack: BookingStack, overrides: Record<string, unknown> = {}): Promise<BookingCreated> {
  // In ten minutes: the invites work from half an hour before.
  const response = await stack.post(await stack.body({ kind: 'chat', title: 'Übungsabend Jugend', ...overrides }, 10 * 60_000), {
    origin: PAGE,
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json() as Promise<BookingCreated>;
}

function invite(link: string): string {
  return new URLSearchParams(new URL(link).hash.slice(1)).get('invite')!;
}

function join(stack: BookingStack, room: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${stack.api}/v1/rooms/tsv/${room}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PAGE },
    body: JSON.stringify(body),
  });
}

/** The direct messages from the bot to `username` on the sandbox, once there are at least `count` (they are sent after the answer). */
async function messagesTo(stack: BookingStack, username: string, count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const messages = stack.sandbox.mattermost!.directMessages(username);
    if (messages.length >= count) {
      assert.ok(messages.every((m) => m.from === 'vereinsraum'));
      return messages.map((m) => m.message);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no message to @${username}`);
}

/** The code in a message of the bot. */
function codeIn(message: string): string {
  const code = /\*\*([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\*\*/.exec(message)?.[1];
  assert.ok(code, message);
  return code;
}

/** Ask for a code to `username` (an account that exists): the answer, and the code from the bot's newest message. */
async function askCode(stack: BookingStack, room: string, invite: string, username: string): Promise<ChatCodeSent & { code: string }> {
  const before = stack.sandbox.mattermost!.directMessages(username).length;
  const response = await join(stack, room, { invite, chatUsername: username });
  assert.equal(response.status, 202, await response.clone().text());
  const { chat } = (await response.json()) as JoinChatCodeResponse;
  return { ...chat, code: codeIn((await messagesTo(stack, username, before + 1)).at(-1)!) };
}

/** Sign up through the sandbox's page of the team's invite link, as a visitor would. */
async function signUp(inviteUrl: string, username: string): Promise<void> {
  const response = await fetch(inviteUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${encodeURIComponent(username)}`,
  });
  assert.equal(response.status, 200, await response.clone().text());
}

describe('chat bookings, from the form to the channel to the join answer', () => {
  let stack: BookingStack;
  before(async () => {
    stack = await chatStack({ users: ['karl'] });
  });
  after(() => stack.close());
  const mm = () => stack.sandbox.mattermost!;

  test('the form offers chat to a tenant with a Mattermost team; a booking of kind chat is only taken there', async () => {
    const form = (await (await fetch(`${stack.api}/v1/bookings/form?tenant=tsv`, { headers: { origin: PAGE } })).json()) as BookingForm;
    assert.deepEqual(form.kinds, ['video', 'chat']);
    const refused = await stack.post(await stack.body({ kind: 'telefon' }), { origin: PAGE });
    const { detail } = await problem(refused, 400, 'invalid_input', 'kind');
    assert.match(detail!, /"video" or "chat"/);
  });

  test('approving makes one private channel with a welcome message; members join it by user name', async () => {
    const created = await book(stack);
    assert.equal(created.status, 'pending');
    assert.equal(created.kind, 'chat');
    assert.equal(mm().channels().length, 0, 'nothing on Mattermost before the approval');

    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    assert.equal(approved.status, 'approved');
    const channels = mm().channels();
    assert.equal(channels.length, 1);
    const [channel] = channels;
    assert.equal(channel!.name, `uebungsabend-jugend-${created.id}`);
    assert.equal(channel!.type, 'P');
    assert.equal(channel!.displayName, 'Übungsabend Jugend');
    assert.equal(channel!.creator, 'vereinsraum');
    assert.equal(channel!.posts.length, 1);
    assert.match(
      channel!.posts[0]!.message,
      /^Willkommen im Chatraum „Übungsabend Jugend“ von TSV Musterstadt\.\nGebucht bei TSV Musterstadt für diese Termine:\n- /,
    );

    // The links lead to the join page; the invites say they are for a chat room.
    const room = `b-${created.id}`;
    const attendee = invite(approved.links!.attendee);
    const moderator = invite(approved.links!.moderator);
    assert.equal((await stack.store.getInvite(attendee.split('.')[0]!))?.kind, 'chat');
    assert.equal(new URL(approved.links!.attendee).searchParams.size, 0);

    // Without a user name: the team's invite link, for visitors without an account.
    const first = (await (await join(stack, room, { invite: attendee })).json()) as JoinResponse;
    const team = mm().team('verein')!;
    assert.deepEqual(first, { chat: { inviteUrl: `${mm().url}/signup_user_complete/?id=${team.inviteId}` } });
    const inviteUrl = (first as { chat: { inviteUrl: string } }).chat.inviteUrl;

    // Not signed up yet: the answer is the one a name that exists gets (below); no message goes anywhere.
    const nobody = await join(stack, room, { invite: attendee, chatUsername: 'erika.muster' });
    assert.equal(nobody.status, 202);
    const unknown = ((await nobody.json()) as JoinChatCodeResponse).chat;
    // A name that cannot be one is refused before anything is asked of Mattermost.
    const callsBefore = Object.values(mm().calls).reduce((sum, n) => sum + n, 0);
    await problem(await join(stack, room, { invite: attendee, chatUsername: 'Erika Muster' }), 400, 'invalid_input', 'chatUsername');
    await problem(await join(stack, room, { invite: attendee, chatUsername: '..' }), 400, 'invalid_input', 'chatUsername');
    assert.equal(
      Object.values(mm().calls).reduce((sum, n) => sum + n, 0),
      callsBefore,
      'no call to Mattermost for a malformed name',
    );
    await problem(await join(stack, room, { chatUsername: 'karl' }), 403, 'invite_invalid', 'invite');

    // Signed up through the invite link, the visitor comes back, typed as people type it. The bot sends the account
    // a code in a direct message; nobody is added yet.
    await signUp(inviteUrl, 'erika.muster');
    const asked = await join(stack, room, { invite: attendee, chatUsername: ' @Erika.Muster ' });
    assert.equal(asked.status, 202);
    assert.equal(asked.headers.get('cache-control'), 'no-store');
    const sent = ((await asked.json()) as JoinChatCodeResponse).chat;
    assert.deepEqual(Object.keys(sent), Object.keys(unknown));
    assert.deepEqual(Object.keys(sent), ['confirmation', 'expiresAt', 'messagesUrl']);
    assert.equal(sent.messagesUrl, `${mm().url}/verein/messages/@vereinsraum`);
    assert.equal(unknown.messagesUrl, sent.messagesUrl);
    assert.ok(Math.abs(Date.parse(sent.expiresAt) - Date.now() - 10 * 60_000) < 10_000, sent.expiresAt);
    const [message] = await messagesTo(stack, 'erika.muster', 1);
    assert.match(
      message!,
      /^Hallo @erika\.muster, jemand möchte mit Ihrem Konto dem Chatraum „Übungsabend Jugend“ von TSV Musterstadt beitreten\./,
    );
    assert.match(message!, /Der Code gilt 10 Minuten\. Geben Sie ihn niemandem weiter\./);
    const code = codeIn(message!);
    const channelUrl = `${mm().url}/verein/channels/uebungsabend-jugend-${created.id}`;
    assert.deepEqual(mm().channels()[0]!.members, ['vereinsraum'], 'nobody in the channel before the code came back');
    // The sandbox's page of the bot's messages shows it, as Mattermost shows the signed-in account's.
    const messagesPage = await (await fetch(sent.messagesUrl)).text();
    assert.ok(messagesPage.includes(`<strong>${code}</strong>`), messagesPage);

    // Wrong codes, and the code with another confirmation (the unknown name's), are refused at the field.
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: sent.confirmation, chatCode: 'AAAA-AAAA' }),
      403,
      'chat_code_invalid',
      'chatCode',
    );
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: unknown.confirmation, chatCode: code }),
      403,
      'chat_code_invalid',
      'chatCode',
    );
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: sent.confirmation, chatCode: 'K7QM-3XP' }),
      400,
      'invalid_input',
      'chatCode',
    );
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: 'x', chatCode: code }),
      400,
      'invalid_input',
      'chatConfirmation',
    );
    await problem(await join(stack, room, { chatConfirmation: sent.confirmation, chatCode: code }), 403, 'invite_invalid', 'invite');
    assert.deepEqual(mm().channels()[0]!.members, ['vereinsraum']);

    // The right code, typed as people type it: in.
    const answer = (await (
      await join(stack, room, { invite: attendee, chatConfirmation: sent.confirmation, chatCode: ` ${code.toLowerCase()} ` })
    ).json()) as JoinResponse;
    assert.deepEqual(answer, { url: channelUrl, role: 'attendee', chat: { inviteUrl } });
    const page = await fetch(channelUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /@erika\.muster/);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN', 'Mattermost refuses to be framed by other sites');
    // Once only.
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: sent.confirmation, chatCode: code }),
      403,
      'chat_code_expired',
      'chatCode',
    );

    // A code is bound to the invite's role: the moderator's code with the attendee link is used up and lets nobody in.
    const wrongRole = await askCode(stack, room, moderator, 'karl');
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: wrongRole.confirmation, chatCode: wrongRole.code }),
      403,
      'chat_code_expired',
      'chatCode',
    );
    await problem(
      await join(stack, room, { invite: moderator, chatConfirmation: wrongRole.confirmation, chatCode: wrongRole.code }),
      403,
      'chat_code_expired',
      'chatCode',
    );
    assert.ok(!mm().channels()[0]!.members.includes('karl'));
    // The moderator link makes its holder an admin of the channel; someone already in the team just joins the channel.
    const karl = await askCode(stack, room, moderator, 'karl');
    const lead = (await (
      await join(stack, room, { invite: moderator, chatConfirmation: karl.confirmation, chatCode: karl.code })
    ).json()) as JoinResponse;
    assert.equal((lead as { role: string }).role, 'moderator');
    const after = mm().channels()[0]!;
    assert.deepEqual(after.members.sort(), ['erika.muster', 'karl', 'vereinsraum']);
    assert.deepEqual(after.admins.sort(), ['karl', 'vereinsraum']);
    assert.deepEqual(mm().team('verein')!.members.sort(), ['erika.muster', 'karl', 'vereinsraum']);

    // Joining twice changes nothing.
    const twice = await askCode(stack, room, attendee, 'erika.muster');
    assert.equal((await join(stack, room, { invite: attendee, chatConfirmation: twice.confirmation, chatCode: twice.code })).status, 200);
    assert.equal(mm().channels()[0]!.members.length, 3);

    // A deactivated account (and a bot) gets the same answer and no message; only the accounts above got any.
    mm().addUser('gone');
    mm().deactivateUser('gone');
    for (const name of ['gone', 'vereinsraum'])
      assert.equal((await join(stack, room, { invite: attendee, chatUsername: name })).status, 202);
    await askCode(stack, room, attendee, 'erika.muster');
    assert.equal(mm().calls['POST /api/v4/channels/direct'], 5, 'a direct message to each account that exists, and to no other');
    assert.deepEqual(mm().directMessages('gone'), []);
    // Log lines name rooms, never accounts.
    assert.ok(!stack.logs.some((line) => /erika|karl|gone/.test(line)), stack.logs.join('\n'));

    // The status: counts only, the bot not counted, and the time of the last message.
    const status = (await (await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`)).json()) as RoomStatus;
    assert.equal(status.state, 'unknown');
    assert.equal(status.participants, null);
    assert.equal(status.chat?.members, 2);
    assert.ok(status.chat?.lastActivityAt && Date.now() - Date.parse(status.chat.lastActivityAt) < 60_000, JSON.stringify(status));
    assert.doesNotMatch(JSON.stringify(status), /erika|karl/);
  });

  test('names that exist and names that do not: the same answer after the same calls, and the message does not hold it up', async () => {
    const created = await book(stack, { title: 'Gleiche Antwort' });
    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const room = `b-${created.id}`;
    const attendee = invite(approved.links!.attendee);
    mm().addUser('paula');
    // The bot's own account is asked for once per server: not part of either answer below.
    assert.equal((await join(stack, room, { invite: attendee, chatUsername: 'warm-up' })).status, 202);
    const direct = ['POST /api/v4/channels/direct', 'POST /api/v4/posts'];
    const snapshot = () => Object.fromEntries(Object.entries(mm().calls).filter(([route]) => !direct.includes(route)));
    const diff = (from: Record<string, number>, to: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(to)
          .filter(([route, n]) => n !== (from[route] ?? 0))
          .map(([route, n]) => [route, n - (from[route] ?? 0)]),
      );
    // Mattermost is slow to make the direct channel: the answer for an account that exists does not wait for it.
    const release = mm().holdAnswers('POST /api/v4/channels/direct');
    const start = snapshot();
    const known = await join(stack, room, { invite: attendee, chatUsername: 'paula' });
    const between = snapshot();
    const unknown = await join(stack, room, { invite: attendee, chatUsername: 'paul' });
    const end = snapshot();
    assert.deepEqual(mm().directMessages('paula'), [], 'answered while the message was still held up');
    release();
    assert.deepEqual([known.status, unknown.status], [202, 202]);
    assert.deepEqual(
      [...known.headers].filter(([name]) => name !== 'date' && name !== 'content-length'),
      [...unknown.headers].filter(([name]) => name !== 'date' && name !== 'content-length'),
    );
    const [a, b] = [((await known.json()) as JoinChatCodeResponse).chat, ((await unknown.json()) as JoinChatCodeResponse).chat];
    assert.deepEqual(Object.keys(a), Object.keys(b));
    assert.equal(a.messagesUrl, b.messagesUrl);
    assert.match(a.confirmation, /^[\w-]{22}$/);
    assert.match(b.confirmation, /^[\w-]{22}$/);
    assert.deepEqual(diff(start, between), { 'GET /api/v4/users/username/{username}': 1 });
    assert.deepEqual(diff(between, end), diff(start, between));
    // Released, the message arrives.
    codeIn((await messagesTo(stack, 'paula', 1))[0]!);
  });

  test('every request for a code counts in the per-client limit, for names that exist and names that do not, and so does a wrong code', async () => {
    const created = await book(stack, { title: 'Namen raten' });
    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const room = `b-${created.id}`;
    const attendee = invite(approved.links!.attendee);
    for (let i = 0; i < 5; i++) assert.equal((await join(stack, room, { invite: attendee, chatUsername: `niemand${i}` })).status, 202);
    for (let i = 0; i < 4; i++) assert.equal((await join(stack, room, { invite: attendee, chatUsername: 'karl' })).status, 202);
    const { confirmation } = ((await (await join(stack, room, { invite: attendee, chatUsername: 'karl' })).json()) as JoinChatCodeResponse)
      .chat;
    const limited = await join(stack, room, { invite: attendee, chatUsername: 'karl' });
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await problem(limited, 429, 'too_many_attempts', 'chatUsername');
    // With the limit reached, codes are not even compared: the right one waits too.
    const code = codeIn((await messagesTo(stack, 'karl', 5)).at(-1)!);
    await problem(
      await join(stack, room, { invite: attendee, chatConfirmation: confirmation, chatCode: code }),
      429,
      'too_many_attempts',
      'chatCode',
    );
    // Another room is another count. There, five wrong codes use a code up (the right one then no longer works),
    // and each wrong code counted: four more requests reach the limit.
    const other = await book(stack, { title: 'Anderer Raum' });
    const otherRoom = `b-${other.id}`;
    const otherInvite = invite(
      ((await (await stack.admin(`/bookings/${other.id}/approve`, { method: 'POST' })).json()) as AdminBooking).links!.attendee,
    );
    const sent = await askCode(stack, otherRoom, otherInvite, 'karl');
    for (let i = 0; i < 5; i++) {
      await problem(
        await join(stack, otherRoom, { invite: otherInvite, chatConfirmation: sent.confirmation, chatCode: 'AAAA-AAAA' }),
        403,
        'chat_code_invalid',
        'chatCode',
      );
    }
    await problem(
      await join(stack, otherRoom, { invite: otherInvite, chatConfirmation: sent.confirmation, chatCode: sent.code }),
      403,
      'chat_code_expired',
      'chatCode',
    );
    for (let i = 0; i < 4; i++)
      assert.equal((await join(stack, otherRoom, { invite: otherInvite, chatUsername: `niemand${i}` })).status, 202);
    await problem(await join(stack, otherRoom, { invite: otherInvite, chatUsername: 'karl' }), 429, 'too_many_attempts', 'chatUsername');
  });

  test('Mattermost down: approval answers chat_unavailable, the booking stays pending, and the retry makes one channel', async () => {
    const created = await book(stack, { title: 'Ausfall' });
    const before = mm().channels().length;
    mm().setOutage(true);
    const down = await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 502, 'chat_unavailable');
    assert.match(down.detail!, /Mattermost did not answer \(get team: unreachable\)\. The booking is still pending: approve it again/);
    const pending = (await (await stack.admin(`/bookings/${created.id}`)).json()) as AdminBooking;
    assert.equal(pending.status, 'pending');
    assert.deepEqual(
      pending.audit.map((a) => [a.action, a.actor, a.reason]),
      [
        ['created', 'booker', null],
        ['approval_failed', 'admin-api', 'Mattermost: get team: unreachable'],
      ],
    );
    assert.ok(
      stack.logs.some((line) => line.startsWith(`warn booking ${created.id}: approval failed, Mattermost: get team: unreachable`)),
      stack.logs.join('\n'),
    );

    mm().setOutage(false);
    const approved = await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    assert.equal(mm().channels().length, before + 1);
  });

  test('an answer lost after Mattermost made the channel: the retry takes that channel over instead of making a second', async () => {
    const created = await book(stack, { title: 'Verlorene Antwort' });
    const calls = () => mm().calls['POST /api/v4/channels'] ?? 0;
    const made = calls();
    mm().loseAnswers('POST /api/v4/channels');
    await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 502, 'chat_unavailable');
    const mine = () =>
      mm()
        .channels()
        .filter((c) => c.name.endsWith(created.id));
    assert.equal(mine().length, 1, 'Mattermost made it');
    assert.equal((await stack.store.getBooking(created.id))!.chat, undefined, 'but the server helper never heard of it');

    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    assert.equal(approved.status, 'approved');
    assert.equal(mine().length, 1);
    assert.equal(calls(), made + 2, 'the retry asked once more, got "name taken", and took it over');
    assert.equal(mine()[0]!.posts.length, 1);
    assert.equal((await stack.store.getBooking(created.id))!.chat!.channelId, mine()[0]!.id);
  });

  test('a channel recorded before the welcome message failed is used again, not made again', async () => {
    const created = await book(stack, { title: 'Halb fertig' });
    mm().loseAnswers('POST /api/v4/posts');
    await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 502, 'chat_unavailable');
    const recorded = (await stack.store.getBooking(created.id))!;
    assert.equal(recorded.status, 'pending');
    assert.equal(recorded.chat?.welcomed, false);
    const made = mm().calls['POST /api/v4/channels'];
    assert.equal((await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).status, 200);
    assert.equal(mm().calls['POST /api/v4/channels'], made, 'no second channel');
    assert.equal((await stack.store.getBooking(created.id))!.chat!.welcomed, true);
  });

  test('permission and configuration errors say what to fix, and leave the booking pending', async () => {
    const created = await book(stack, { title: 'Ohne Rechte' });
    mm().setBotTeamRole('verein', 'none');
    const forbidden = await problem(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }), 502, 'chat_unavailable');
    assert.match(forbidden.detail!, /HTTP 403 at "get team"\): it must be a member of team 'verein'/);
    mm().setBotTeamRole('verein', 'admin');

    const other = await stack.post(await stack.body({ kind: 'chat', tenant: 'ohneteam', altcha: await stack.altcha('ohneteam') }), {
      origin: PAGE,
    });
    const { id } = (await other.json()) as BookingCreated;
    const missing = await problem(await stack.admin(`/bookings/${id}/approve`, { method: 'POST' }), 502, 'chat_unavailable');
    assert.match(missing.detail!, /Mattermost has no team 'fehlt'/);
    assert.equal(((await (await stack.admin(`/bookings/${id}`)).json()) as AdminBooking).status, 'pending');
  });
});

describe('chat bookings approved at once', () => {
  let stack: BookingStack;
  before(async () => {
    stack = await chatStack({ approval: 'automatic' });
  });
  after(() => stack.close());

  test('with Mattermost up the booker gets the links at once; with it down, the booking waits for the operator', async () => {
    const now = await book(stack, { title: 'Sofort' });
    assert.equal(now.status, 'approved');
    assert.ok(now.links);
    assert.equal(stack.sandbox.mattermost!.channels().length, 1);

    stack.sandbox.mattermost!.setOutage(true);
    const later = await book(stack, { title: 'Später' });
    assert.equal(later.status, 'pending');
    assert.equal(later.links, null);
    const mails = await stack.store.listMails(10);
    assert.equal(mails.find((m) => m.bookingId === later.id)?.kind, 'received');
    stack.sandbox.mattermost!.setOutage(false);
    assert.equal((await stack.admin(`/bookings/${later.id}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await stack.store.listMails(10)).filter((m) => m.bookingId === later.id && m.kind === 'approved').length, 1);
  });
});

describe('the bot token stays secret', () => {
  let stack: BookingStack;
  before(async () => {
    // Developer mode: Mattermost then repeats a refused token in its error answers (`detailed_error: "token=…"`).
    // Status asked afresh every time, and one failure opens the circuit breaker (which logs why).
    stack = await chatStack({ developerMode: true, users: ['erika'], handler: { status: { ttlMs: 0, breakerThreshold: 1 } } });
  });
  after(() => stack.close());

  test('not in a response, an error, an audit entry or a log line, also when every call fails', async () => {
    const seen: string[] = [];
    const read = async (response: Response): Promise<Response> => {
      seen.push(JSON.stringify([...response.headers]), await response.clone().text());
      return response;
    };
    const mm = stack.sandbox.mattermost!;
    const created = await book(stack, { title: 'Geheimnis' });
    const approved = (await (await read(await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' }))).json()) as AdminBooking;
    const room = `b-${created.id}`;
    const attendee = invite(approved.links!.attendee);
    await read(await join(stack, room, { invite: attendee }));
    await read(await join(stack, room, { invite: attendee, chatUsername: 'erika' }));
    await read(await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`));

    // An admin revokes the token: every call is refused with 401, and Mattermost repeats the token in its answers.
    mm.revokeToken(BOT_TOKEN);
    const raw = await (await fetch(`${mm.url}/api/v4/users/me`, { headers: { authorization: `Bearer ${BOT_TOKEN}` } })).json();
    assert.equal(raw.detailed_error, `token=${BOT_TOKEN}`, 'the sandbox, like Mattermost in developer mode, repeats the token');
    const second = await book(stack, { title: 'Noch ein Geheimnis' });
    const refused = await read(await stack.admin(`/bookings/${second.id}/approve`, { method: 'POST' }));
    const { detail } = await problem(refused, 502, 'chat_unavailable');
    assert.match(detail!, /did not accept the bot's access token \(HTTP 401\): check the token in MM_TOKEN/);
    await problem(await read(await join(stack, room, { invite: attendee })), 502, 'chat_unavailable');
    await problem(await read(await join(stack, room, { invite: attendee, chatUsername: 'erika' })), 502, 'chat_unavailable');
    // The status is asked afresh: refused, it is served as the last known value, and the breaker logs why.
    const stale = (await (await read(await fetch(`${stack.api}/v1/rooms/tsv/${room}/status`))).json()) as RoomStatus;
    assert.equal(stale.stale, true);
    assert.ok(
      stack.logs.some((line) => line.includes('channel status: HTTP 401 api.context.session_expired.app_error')),
      stack.logs.join('\n'),
    );
    for (const id of [created.id, second.id]) await read(await stack.admin(`/bookings/${id}`));
    await read(await stack.admin('/bookings?status=pending'));
    await read(await fetch(`${stack.api}/v1/bookings/form?tenant=tsv`));

    const audit = (await stack.store.audit(second.id)).map((entry) => JSON.stringify(entry));
    assert.ok(
      audit.some((entry) => entry.includes('HTTP 401 api.context.session_expired.app_error')),
      audit.join('\n'),
    );
    assert.ok(stack.logs.length > 0);
    const everything = [...seen, ...stack.logs, ...audit, ...(await stack.store.listMails(50)).map((m) => m.text)].join('\n');
    assert.ok(!everything.includes(BOT_TOKEN), 'the bot token leaked');
    assert.ok(!everything.includes(BOT_TOKEN.slice(0, 12)), 'a part of the bot token leaked');
  });
});

describe('configuration of Mattermost back ends', () => {
  const base = (extra: Record<string, unknown> = {}, chat: unknown = { backend: 'chat', team: 'verein' }) => ({
    backends: {
      bbb: { type: 'bbb', url: 'https://bbb.example/bigbluebutton/', secretEnv: 'BBB_SECRET' },
      chat: { type: 'mattermost', url: 'https://chat.example/api/v4/', tokenEnv: 'MM_TOKEN', ...extra },
    },
    tenants: {
      tsv: {
        name: 'TSV',
        allowedOrigins: [],
        rooms: { r: { name: 'Raum', backend: 'bbb', start: 'anyone' } },
        bookings: {
          backend: 'bbb',
          chat,
          joinPage: 'https://tsv.example/raum',
          formPage: 'https://tsv.example/buchen',
          consentText: { de: 'Ich bin einverstanden damit.', en: 'I agree with this, yes.' },
          privacyPolicyUrl: 'https://tsv.example/datenschutz',
        },
      },
    },
  });

  test('a valid back end: the address without /api/v4, the token from the environment', () => {
    const config = parseConfig(base(), { ...env, MM_TOKEN: BOT_TOKEN });
    assert.deepEqual(config.backends.get('chat'), {
      type: 'mattermost',
      url: 'https://chat.example',
      token: BOT_TOKEN,
      tokenEnv: 'MM_TOKEN',
      timeoutMs: 5000,
    });
    assert.deepEqual(config.tenants.get('tsv')!.bookings!.chat, { backend: 'chat', team: 'verein' });
  });

  test('every mistake names its field', () => {
    const issues = (raw: unknown, extraEnv: Record<string, string> = { MM_TOKEN: BOT_TOKEN }) => {
      try {
        parseConfig(raw, { ...env, ...extraEnv });
      } catch (error) {
        return (error as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
      }
      return [];
    };
    assert.deepEqual(issues(base(), {}), ['backends.chat.tokenEnv']);
    assert.deepEqual(issues(base(), { MM_TOKEN: 'short' }), ['backends.chat.tokenEnv']);
    assert.deepEqual(issues(base({ url: 'chat.example' })), ['backends.chat.url']);
    assert.deepEqual(issues(base({ url: 'https://chat.example/?x=1' })), ['backends.chat.url']);
    assert.deepEqual(issues(base({}, { backend: 'bbb', team: 'verein' })), ['tenants.tsv.bookings.chat.backend']);
    assert.deepEqual(issues(base({}, { backend: 'chat', team: 'Verein Team' })), ['tenants.tsv.bookings.chat.team']);
    assert.deepEqual(issues(base({}, { backend: 'chat' })), ['tenants.tsv.bookings.chat.team']);
    const room = base();
    room.tenants.tsv.rooms.r.backend = 'chat';
    assert.deepEqual(issues(room), ['tenants.tsv.rooms.r.backend']);
    const video = base();
    video.tenants.tsv.bookings.backend = 'chat';
    assert.deepEqual(issues(video), ['tenants.tsv.bookings.backend']);
  });
});

describe('CLI: chat', () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  let dir: string;
  let sandbox: Sandbox;
  const ADMIN_TOKEN = 'mm-admin-token-for-the-tests-0123';
  before(async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'vereinsraum-chat-cli-'));
    sandbox = await startSandbox({ secret: SECRET, mattermost: { botToken: BOT_TOKEN, adminToken: ADMIN_TOKEN, teams: ['verein'] } });
  });
  after(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  function run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, ...env, ADMIN_TOKEN: 'admin-token-for-the-chat-cli-tests-012345', MM_TOKEN: BOT_TOKEN, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
  }

  test('rotate-invite prints the new invite link; the old one stops working', async () => {
    const raw = bookingConfig(sandbox.apiUrl) as ReturnType<typeof bookingConfig> & { backends: Record<string, unknown> };
    raw.backends.chat = { type: 'mattermost', url: sandbox.mattermost!.url, tokenEnv: 'MM_TOKEN' };
    (raw.tenants.tsv as { bookings: Record<string, unknown> }).bookings.chat = { backend: 'chat', team: 'verein' };
    const config = joinPath(dir, 'config.json');
    await writeFile(config, JSON.stringify(raw));
    const old = sandbox.mattermost!.team('verein')!.inviteId;
    const rotated = await run(['chat', 'rotate-invite', '--config', config, '--tenant', 'tsv']);
    assert.equal(rotated.code, 0, rotated.err);
    const fresh = sandbox.mattermost!.team('verein')!.inviteId;
    assert.notEqual(fresh, old);
    assert.equal(rotated.out.trim(), `${sandbox.mattermost!.url}/signup_user_complete/?id=${fresh}`);
    assert.equal((await fetch(`${sandbox.mattermost!.url}/signup_user_complete/?id=${old}`)).status, 404);

    const other = await run(['chat', 'rotate-invite', '--config', config, '--tenant', 'other']);
    assert.equal(other.code, 2);
    assert.match(other.err, /--tenant other is not a tenant with chat bookings/);

    // Without the right to renew it: a clear message, exit code 1, no token.
    sandbox.mattermost!.setBotTeamRole('verein', 'member');
    const refused = await run(['chat', 'rotate-invite', '--config', config, '--tenant', 'tsv']);
    sandbox.mattermost!.setBotTeamRole('verein', 'admin');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /chat_unavailable: The bot lacks a permission in Mattermost \(HTTP 403 at "regenerate invite id"\)/);
    assert.ok(!refused.err.includes(BOT_TOKEN) && !refused.out.includes(BOT_TOKEN));
  });

  test('create-bot makes the bot, an admin of the team, and prints its new token once', async () => {
    const made = await run(['chat', 'create-bot', '--url', sandbox.mattermost!.url, '--team', 'verein', '--username', 'vereinsraum-neu'], {
      MATTERMOST_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    assert.equal(made.code, 0, made.err);
    const token = made.out.trim();
    assert.match(token, /^[a-z0-9]{26}$/);
    const me = await (await fetch(`${sandbox.mattermost!.url}/api/v4/users/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.equal(me.username, 'vereinsraum-neu');
    assert.ok(sandbox.mattermost!.team('verein')!.members.includes('vereinsraum-neu'));
    assert.ok(!made.err.includes(ADMIN_TOKEN));

    const missing = await run(['chat', 'create-bot', '--url', sandbox.mattermost!.url, '--team', 'verein']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /MATTERMOST_ADMIN_TOKEN must hold a system admin's personal access token/);
  });
});
