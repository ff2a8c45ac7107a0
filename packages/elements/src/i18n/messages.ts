import type { ChatMessageOverrides } from './chat-types.js';
import type { NotAllowedMessages } from './not-allowed-types.js';
import type { InviteMessageOverrides } from './invite-types.js';

/** Error codes the elements explain: the server's codes plus the browser's own. */
export type ClientErrorCode =
  | 'name_missing'
  | 'name_too_long'
  | 'name_control_characters'
  | 'access_code_required'
  | 'access_code_invalid'
  | 'too_many_attempts'
  | 'invite_invalid'
  | 'invite_expired'
  | 'invite_not_yet_valid'
  | 'invite_wrong_room'
  | 'invite_revoked'
  | 'invite_key_unknown'
  | 'room_not_found'
  | 'tenant_not_found'
  | 'origin_not_allowed'
  | 'upstream_unavailable'
  | 'storage_unavailable'
  | 'upstream_misconfigured'
  | 'network_error'
  | 'not_configured'
  | 'unknown';

/**
 * Every text the elements show. Give a partial object to an element's
 * `messages` property to change any of them.
 */
export interface Messages {
  join: string;
  nameLabel: string;
  nameHint: string;
  remember: string;
  haveCode: string;
  codeLabel: string;
  submit: string;
  cancel: string;
  joining: string;
  waiting: string;
  stopWaiting: string;
  opened: string;
  openAgain: string;
  ready: string;
  openMeeting: string;
  newTab: string;
  retry: string;
  /** In the name form when the visitor has an invite: no access code needed. */
  invited: string;
  /** Visible name of the region that holds an embedded meeting. */
  meeting: string;
  /** Button above an embedded meeting that closes it. */
  leave: string;
  /** Once the visitor is in the embedded meeting. */
  embedJoined: string;
  /** The meeting cannot be shown in the page (its script did not load, or it broke). */
  embedFailed: string;
  /** The embedded meeting reports a blocked camera or microphone. */
  embedDevices: string;
  /** The embedded meeting did not start within `join-timeout`. */
  embedSlow: string;
  /** The link that opens the meeting in a new tab instead of in the page. */
  openInTab: string;
  /** Button above an embedded meeting: show it on the whole screen (a toggle; its label stays, its state is `aria-pressed`). */
  fullscreen: string;
  /** The submit button of the name form while the privacy notice asks for agreement. */
  agree: string;
  /** Heading of the privacy notice in the name form. */
  privacy: string;
  /** One sentence per conference server: what goes there. `host` is e.g. `bbb.example.org`, or {@link Messages.conferenceServer}. */
  sendsTo: (host: string) => string;
  /** Takes the place of a host name in {@link Messages.sendsTo} when the server is not known (the tenant's details did not load). */
  conferenceServer: string;
  /** Link to the tenant's privacy policy. */
  privacyPolicy: string;
  /** Link to the tenant's imprint (legal notice). */
  imprint: string;
  /** Checkbox under the privacy notice; `tenant` is the tenant's name. */
  rememberConsent: (tenant: string) => string;
  /** In the name form when the visitor's agreement is remembered on this device. */
  consentKept: (tenant: string) => string;
  /** Button that withdraws a remembered agreement. */
  withdraw: string;
  /** Room status: a meeting is running. */
  live: string;
  /** Room status: no meeting is running. */
  idle: string;
  /** Room status: the server cannot tell (e.g. a Jitsi room it cannot count), or it cannot be reached. */
  unknown: string;
  /** Room status before the first answer. */
  checking: string;
  /** Room status of a chat room (a Mattermost channel), before its member count. */
  chatRoom: string;
  /** How many accounts are in a chat room; `form` as for {@link Messages.people}. */
  members: (count: number, form: Intl.LDMLPluralRule) => string;
  /** When the last message was written in a chat room (`time` as the visitor's clock shows it, with the date unless today). */
  lastActive: (time: string) => string;
  /** How many are in the room; `form` is the plural category of `count` from `Intl.PluralRules` (`one`, `other`, …). */
  people: (count: number, form: Intl.LDMLPluralRule) => string;
  /** Detailed room status: when the meeting started (`time` as the visitor's clock shows it). */
  since: (time: string) => string;
  /** Detailed room status: the conference server has not answered lately; the status is the one from `time`. */
  asOf: (time: string) => string;
  /** Names what is missing when an element lacks its setup (`room`, `tenant`, `endpoint`). */
  notConfigured: (missing: string) => string;
  errors: Record<Exclude<ClientErrorCode, 'not_configured'>, string>;
}

/** The texts only the room status shows. */
export type StatusKey = 'live' | 'idle' | 'unknown' | 'checking' | 'chatRoom' | 'members' | 'lastActive' | 'people' | 'since' | 'asOf';

/** The texts both the join button and the room status show: what is missing in their setup, and the errors. */
export type CommonKey = 'notConfigured' | 'errors';

/** The texts of the join button: every one but the room status's own. */
export type JoinMessages = Omit<Messages, StatusKey>;

/** The texts of the room status. */
export type StatusMessages = Pick<Messages, StatusKey | CommonKey>;

/** Texts to change on one element: any of {@link Messages}, any error text, the texts of chat rooms (`chat`, see `ChatMessages`), of invite links (`invite`, see `InviteMessages`) and of a page the tenant does not allow (`notAllowed`). */
export type MessageOverrides = Partial<Omit<Messages, 'errors'>> & {
  errors?: Partial<Messages['errors']>;
  /** The texts of `<verein-join-room>` in a chat room. */
  chat?: ChatMessageOverrides;
  /** The texts on a page the tenant does not allow (see `NotAllowedMessages`). */
  notAllowed?: Partial<NotAllowedMessages>;
  /** The texts of `<verein-join-room>` about an invite link (what it opens, from when it works). */
  invite?: InviteMessageOverrides;
};
