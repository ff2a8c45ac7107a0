// What the join flow (a lazy chunk) needs of its element, apart from the element's class, which loads the flow.
import type { ReactiveElement } from '@lit/reactive-element';
import type { MessageOverrides } from '../../i18n/messages.js';

/**
 * Where the element is in the join flow:
 * `checking` (the server is asked about the invite link), `early` (the
 * invite works only later: when, and no button yet), `idle` (the button),
 * `asking` (name form), `joining`, `waiting` (for the meeting to start),
 * `ready` (started; a link to open it), `opened` (in a new tab), `embedding`
 * (an embedded meeting loads), `embedded` (the visitor is in the meeting
 * inside the page), `chat` (a chat room asks for the visitor's Mattermost
 * user name), `chat-code` (for the code that Mattermost's bot sent that
 * account), `error` (also an invite link that is expired, revoked or not
 * valid: then without the form).
 */
export type JoinState =
  | 'checking'
  | 'early'
  | 'idle'
  | 'asking'
  | 'joining'
  | 'waiting'
  | 'ready'
  | 'opened'
  | 'embedding'
  | 'embedded'
  | 'chat'
  | 'chat-code'
  | 'error';

/** The properties of `<verein-join-room>` that its flow reads and sets (see `VereinJoinRoom` for each). */
export interface JoinHost extends ReactiveElement {
  room: string;
  target: '_blank' | '_self' | 'embed';
  invite: string;
  askAccessCode: boolean;
  noLogo: boolean;
  pollInterval: number;
  joinTimeout: number;
  messages?: MessageOverrides;
  state: JoinState;
  /**
   * A kiosk's join button (set by `<verein-open-room kiosk>`): once this device
   * keeps the visitor's name and agreement, the button joins at once, without
   * the form. Not an attribute: a page gets it through the kiosk.
   */
  oneTap?: boolean;
}
