// The types of the chat texts, apart from the texts themselves (which import them).
/** Why a chat form refuses a user name or a code, or why joining a chat room failed. */
export type ChatErrorCode = 'chat_unavailable' | 'chat_username_invalid' | 'chat_code_invalid' | 'chat_code_expired' | 'too_many_attempts';

/**
 * The texts of `<verein-join-room>` for chat rooms (a Mattermost channel):
 * the user-name form, the form for the code the chat server's bot sends to
 * the account, and what follows. Change any of them with the element's
 * `messages.chat`. A catalogue of its own, so that the status element's
 * bundle does not carry it.
 */
export interface ChatMessages {
  /** Above the form: what this room is, and what it needs. */
  intro: string;
  usernameLabel: string;
  usernameHint: string;
  /** For visitors without an account, before the sign-up link. */
  noAccount: string;
  /** The link to the team's invite link (Mattermost's sign-up page). */
  signUp: string;
  /** The sign-up link before the visitor agreed to the privacy notice: following it agrees. */
  agreeSignUp: string;
  /** The user-name form's button: the chat server's bot sends the account a code. */
  submit: string;
  /** The same button before the visitor agreed to the privacy notice: the click agrees. */
  agreeSubmit: string;
  /** The privacy notice of a chat room: what goes to the chat server. `host` is e.g. `chat.example.org`, or {@link ChatMessages.chatServer}. */
  sendsTo: (host: string) => string;
  /** Takes the place of a host name in {@link ChatMessages.sendsTo} when the server is not known (the tenant's details did not load). */
  chatServer: string;
  /** Above the code form: where the code went, and what to do with it. Said the same whether an account of that name exists or not. */
  codeSent: (username: string) => string;
  /** The link to the bot's messages on Mattermost. */
  openMessages: string;
  codeLabel: string;
  /** Below the code field; `time` is when the code stops working, as the visitor's clock shows it. */
  codeHint: (time: string) => string;
  /** For a message that did not come. */
  noMessage: string;
  /** Back to the user-name form: check the name, send a new code. */
  changeName: string;
  /** The code form's button. */
  join: string;
  /** The chat opened in a new tab. */
  opened: string;
  /** The visitor is in the chat, and a link opens it (no new tab could be opened by itself). */
  ready: string;
  openChat: string;
  errors: Record<ChatErrorCode, string>;
}

/** Overrides of {@link ChatMessages}: any text, and any error text. */
export type ChatMessageOverrides = Partial<Omit<ChatMessages, 'errors'>> & { errors?: Partial<ChatMessages['errors']> };
