import type { ServerConfig, Tenant } from '../config/index.js';
import { HttpError } from '../errors.js';
import { dateLines } from '../bookings/mails.js';
import { MattermostError, MattermostProvider } from '../providers/mattermost.js';
import type { BookingChat, BookingRecord, Store } from '../store/types.js';

/** Mattermost's error id for a channel name that is taken in the team. */
const NAME_TAKEN = 'store.sql_channel.save_channel.exists.app_error';

/** One {@link MattermostProvider} per Mattermost back end of the configuration, by back end id. */
export function chatProviders(config: ServerConfig): Map<string, MattermostProvider> {
  const providers = new Map<string, MattermostProvider>();
  for (const [id, backend] of config.backends) if (backend.type === 'mattermost') providers.set(id, new MattermostProvider(backend));
  return providers;
}

/**
 * The channel name of a chat booking: the title as a slug (ASCII, German
 * umlauts spelled out), then the booking id, which makes it unique and the
 * same on every try. Mattermost's rules: lowercase letters, digits and `-`,
 * at most 64 characters.
 *
 * @example
 * ```ts
 * channelName({ id: 'k3x9q2m7a1b4', title: 'Übungsabend Jugend' }); // 'uebungsabend-jugend-k3x9q2m7a1b4'
 * ```
 */
export function channelName(booking: Pick<BookingRecord, 'id' | 'title'>): string {
  const spelled = booking.title.toLowerCase().replace(/[äöüß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' })[c]!);
  const slug = spelled
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'chat'}-${booking.id}`;
}

/** Text of the booker in a Mattermost message: Markdown, mentions and HTML stay plain text. */
export function plain(text: string): string {
  return text.replace(/[\\`*_~[\]()#>|!<@:]/g, '\\$&');
}

/** The first `max` characters (code points, as Mattermost counts them). */
function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}

/** The bot's first message in a new chat room: what it is, who booked it (the club, never a person), and the dates. */
export function welcomeMessage(booking: BookingRecord, tenantName: string, timeZone: string): string {
  const lines =
    booking.language === 'de'
      ? [
          `Willkommen im Chatraum „${plain(booking.title)}“ von ${plain(booking.organisation)}.`,
          `Gebucht bei ${plain(tenantName)} für diese Termine:`,
        ]
      : [
          `Welcome to the chat room “${plain(booking.title)}” of ${plain(booking.organisation)}.`,
          `Booked with ${plain(tenantName)} for these dates:`,
        ];
  return [...lines, ...dateLines(booking, timeZone)].join('\n');
}

/**
 * What to tell the operator (and, shorter, a visitor) when Mattermost
 * failed: by its status, without its message (which may repeat the token).
 */
export function chatProblem(error: MattermostError, provider: MattermostProvider, team: string, retry: string): string {
  const { status, id, reason } = error;
  if (status === 401)
    return `Mattermost did not accept the bot's access token (HTTP 401): check the token in ${provider.backend.tokenEnv}. ${retry}`;
  if (status === 403) {
    return `The bot lacks a permission in Mattermost (HTTP 403 at "${error.call}"): it must be a member of team '${team}', and an admin of it to add members and to see the invite link. ${retry}`;
  }
  if (status === 404 && id?.startsWith('app.team.')) return `Mattermost has no team '${team}' (see bookings.chat.team). ${retry}`;
  if (status === null) return `Mattermost did not answer (${reason}). ${retry}`;
  return `Mattermost refused (${reason}). ${retry}`;
}

/**
 * The Mattermost side of chat bookings: the channel of a booking, made
 * once. Its id is recorded in the store right after Mattermost made it, and
 * before the welcome message, so an approval that failed half-way and is
 * tried again continues where it stopped: it never makes a second channel.
 * When the answer to "create channel" got lost (Mattermost made it, then
 * the connection broke), the next try finds the name taken, looks the
 * channel up and takes it over if the bot made it.
 */
export class ChatRooms {
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(
    private readonly providers: ReadonlyMap<string, MattermostProvider>,
    private readonly store: Store,
    options: {
      now?: () => number;
      /**
       * How long a preparation may hold the booking's lease, in ms (default
       * 60000): if its process dies, another may take over after that.
       */
      leaseMs?: number;
    } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** The provider of a Mattermost back end. */
  provider(backend: string): MattermostProvider | undefined {
    return this.providers.get(backend);
  }

  /** Does the tenant take chat bookings on a Mattermost back end of this server? */
  takes(tenant: Tenant): boolean {
    const chat = tenant.bookings?.chat;
    return chat !== undefined && this.providers.has(chat.backend);
  }

  /**
   * Make sure a chat booking has its private channel and its welcome
   * message; answers the booking with its recorded `chat`.
   *
   * @throws {@link MattermostError} when Mattermost fails (what was done so far stays recorded).
   * @throws {@link HttpError} `booking_conflict` when the tenant takes no chat bookings any more.
   */
  async prepare(booking: BookingRecord, tenant: Tenant): Promise<BookingRecord> {
    // Each preparation holds the lease under a name of its own, so two in one process wait for each other too.
    const holder = `chat-${crypto.randomUUID()}`;
    await this.lease(booking.id, holder);
    try {
      return await this.run(booking, tenant);
    } finally {
      await this.store.releaseBooking(booking.id, holder).catch(() => {});
    }
  }

  /**
   * Take the booking's lease in the store: a second approval (in this
   * process or another instance) waits for the first, then finds the
   * channel recorded. The lease of a process that died lapses after
   * `leaseMs`, and the next approval continues with what it recorded.
   */
  private async lease(id: string, holder: string): Promise<void> {
    const giveUp = this.now() + this.leaseMs + 5000;
    let pause = 50;
    while (!(await this.store.leaseBooking(id, holder, this.now(), this.now() + this.leaseMs))) {
      if (this.now() > giveUp || !(await this.store.getBooking(id))) {
        throw new HttpError(409, 'booking_conflict', 'The booking is being approved elsewhere, or is gone. Look at it again.');
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 1000);
    }
  }

  private async run(booking: BookingRecord, tenant: Tenant): Promise<BookingRecord> {
    const bookings = tenant.bookings;
    const backend = booking.chat?.backend ?? bookings?.chat?.backend ?? '';
    const provider = this.providers.get(backend);
    if (!bookings || !provider)
      throw new HttpError(409, 'booking_conflict', `Tenant '${tenant.id}' takes no chat bookings any more (bookings.chat).`);
    let current = (await this.store.getBooking(booking.id)) ?? booking;
    if (!current.chat) {
      const team = await provider.team(bookings.chat!.team);
      const name = channelName(current);
      const channel = await provider
        .createChannel(team.id, {
          name,
          displayName: cut(current.title, 64),
          purpose: cut(
            current.language === 'de' ? `Gebuchter Chatraum von ${current.organisation}` : `Booked chat room of ${current.organisation}`,
            250,
          ),
        })
        .catch(async (error: unknown) => {
          if (!(error instanceof MattermostError && error.status === 400 && error.id === NAME_TAKEN)) throw error;
          // Made on an earlier try whose answer was lost: take it over, if it is the bot's.
          const found = await provider.channelByName(team.id, name);
          if (found.creatorId !== (await provider.me()) || found.type !== 'P') {
            throw new MattermostError(
              'create channel',
              400,
              NAME_TAKEN,
              "create channel: the booking's channel name is taken by a channel the bot did not make",
            );
          }
          return found;
        });
      const chat: BookingChat = {
        backend,
        teamId: team.id,
        teamName: team.name,
        channelId: channel.id,
        channelName: channel.name,
        welcomed: false,
      };
      current = (await this.store.setBookingChat(current.id, chat)) ?? { ...current, chat };
    }
    const chat = current.chat!;
    if (!chat.welcomed) {
      await provider.post(chat.channelId, welcomeMessage(current, tenant.name, bookings.timeZone));
      current = (await this.store.setBookingChat(current.id, { ...chat, welcomed: true })) ?? {
        ...current,
        chat: { ...chat, welcomed: true },
      };
    }
    return current;
  }
}
