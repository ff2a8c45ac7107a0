/** Body of `POST /v1/rooms/{tenant}/{room}/join`. */
export interface JoinRequest {
  /**
   * The name other participants see; see `checkDisplayName`. Required for
   * meetings; a chat room ignores it (Mattermost shows the account's name).
   */
  displayName?: string;
  /** An access code, when the room has one; a moderator code makes the visitor moderator. */
  accessCode?: string;
  /**
   * An invite token (from a link's `#invite=` fragment). Its role wins over
   * access codes: a moderator invite makes the visitor moderator, an
   * attendee invite lets them in without the attendee code.
   */
  invite?: string;
  /** Ask for an embeddable meeting: the answer carries `embed` when the back end can be shown in the page (Jitsi Meet, BigBlueButton). */
  embed?: boolean;
  /**
   * The page the visitor comes from (without its fragment): BigBlueButton
   * sends them back there when they leave (`logoutURL`). Accepted only on an
   * origin of the tenant's `allowedOrigins` or the server's own, never
   * another (`400 invalid_input`). Without it, the tenant's `leavePage`; an
   * embedded meeting (`embed`) returns to the element instead.
   */
  returnUrl?: string;
  /**
   * For a chat room: the visitor's user name on the tenant's Mattermost
   * (with or without `@`; see `chatUsername`). The server's bot sends that
   * account a direct message with a code, and answers
   * {@link JoinChatCodeResponse}, whether the account exists or not. Without
   * it (and without `chatCode`), a chat room answers
   * {@link JoinChatAccountResponse}.
   */
  chatUsername?: string;
  /**
   * For a chat room, with {@link JoinRequest.chatCode}: the `confirmation`
   * of the {@link JoinChatCodeResponse} the code belongs to.
   */
  chatConfirmation?: string;
  /**
   * For a chat room: the code from the bot's message (see `chatCode`). When
   * it fits `chatConfirmation`, the account joins the team and the channel
   * (a moderator invite also makes it channel admin) and the answer is a
   * {@link JoinUrlResponse} with the channel's address.
   */
  chatCode?: string;
}

/** How a chat room (a private Mattermost channel) is entered. */
export interface ChatJoin {
  /**
   * The team's invite link on Mattermost (`…/signup_user_complete/?id=…`):
   * a visitor without an account signs up there first, then comes back
   * with the new user name.
   */
  inviteUrl: string;
}

/** What the Jitsi Meet iframe API (`JitsiMeetExternalAPI`) needs to show the meeting inside the page. */
export interface JitsiEmbed {
  type: 'jitsi';
  /** Host (and port) of the Jitsi deployment: the first argument of `JitsiMeetExternalAPI`. */
  domain: string;
  /** Room name as the iframe API wants it: `tenant/room` on multi-tenant deployments. */
  roomName: string;
  /** The visitor's short-lived Jitsi token. */
  jwt: string;
}

/** A meeting shown as a plain iframe of the join URL (BigBlueButton). */
export interface IframeEmbed {
  type: 'iframe';
}

/** How a meeting can be shown inside the page. */
export type Embed = JitsiEmbed | IframeEmbed;

/** The meeting is ready: open this URL (once; it is bound to this meeting instance). */
export interface JoinUrlResponse {
  url: string;
  /** The role the visitor will have. */
  role: Role;
  /**
   * Present when the request asked for `embed` and the back end can be shown
   * inside the page: Jitsi through its iframe API (`external_api.js`, loaded
   * from the origin of `url`), BigBlueButton as an iframe of `url`.
   */
  embed?: Embed;
  /**
   * Present for a chat room: `url` is the Mattermost channel, which the
   * visitor's account has just joined (after the code of its message was
   * sent back). Open it in a new tab (or this one):
   * Mattermost refuses to be shown in a frame.
   */
  chat?: ChatJoin;
}

/** The meeting has not started yet; ask again when the room is live. */
export interface JoinWaitingResponse {
  waiting: true;
}

/**
 * A chat room, asked without `chatUsername` and `chatCode`: send the
 * visitor's Mattermost user name next; a visitor without an account signs up
 * with `chat.inviteUrl` first.
 */
export interface JoinChatAccountResponse {
  chat: ChatJoin;
}

/**
 * What the visitor needs to prove that a chat account is theirs: the server's
 * bot sent the account a direct message with a code. The answer is the same
 * whether an account of that name exists or not, so nobody can find out
 * which names exist.
 */
export interface ChatCodeSent {
  /** Send it back with the code, as `chatConfirmation`. */
  confirmation: string;
  /** When the code stops working (ISO 8601; 10 minutes after it was sent). */
  expiresAt: string;
  /**
   * Where the visitor reads the message on Mattermost: the direct messages
   * with the server's bot (`…/{team}/messages/@{bot}`).
   */
  messagesUrl: string;
}

/**
 * A chat room, asked with `chatUsername` (HTTP `202`): the code is on its
 * way; send it next, with `chatConfirmation`.
 */
export interface JoinChatCodeResponse {
  chat: ChatCodeSent;
}

/** Answer of `POST /v1/rooms/{tenant}/{room}/join`. */
export type JoinResponse = JoinUrlResponse | JoinWaitingResponse | JoinChatAccountResponse | JoinChatCodeResponse;

/** Role of a participant in a meeting. */
export type Role = 'moderator' | 'attendee';

/**
 * Whether a room has a meeting going on. `unknown` when the conference server
 * did not answer or cannot tell (a Jitsi room without a room-size endpoint),
 * and for chat rooms, which have no meetings (see {@link RoomStatus.chat}).
 */
export type RoomState = 'live' | 'idle' | 'unknown';

/**
 * Answer of `GET /v1/rooms/{tenant}/{room}/status`, and the data of every
 * `status` event of `GET /v1/rooms/{tenant}/{room}/events`.
 */
export interface RoomStatus {
  state: RoomState;
  /** Number of people in the meeting (never their names); `null` when the state is `unknown`. */
  participants: number | null;
  /** When the current meeting started (ISO 8601), if live and known. */
  startedAt: string | null;
  /** When the conference server last answered (ISO 8601); older than a few seconds when `stale`. */
  checkedAt: string;
  /**
   * The conference server did not answer the last check: this is the last
   * known value (see `checkedAt` for its age), until a grace period has
   * passed and the state becomes `unknown`.
   */
  stale: boolean;
  /**
   * Only for chat rooms (Mattermost channels), and only while their server
   * answers or its last answer is young enough (`stale`): counts, never
   * names. Older servers leave it out.
   */
  chat?: ChatStatus;
}

/** What the status of a chat room tells. */
export interface ChatStatus {
  /** Accounts in the channel, the server helper's bot not counted. */
  members: number;
  /** When the last message was written (ISO 8601); `null` when none was. */
  lastActivityAt: string | null;
}

/** The data of a `status` event on `GET /v1/tenants/{tenant}/events?rooms=…`: a room's status and its id. */
export interface RoomStatusEvent extends RoomStatus {
  /** The room id (within the tenant). */
  room: string;
}
