import type { Locale } from './locale.js';

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

/** German chat texts. */
export const chatDe: ChatMessages = {
  intro: 'Dieser Raum ist ein Chat auf Mattermost. Sie bekommen dort eine Nachricht mit einem Code.',
  usernameLabel: 'Ihr Benutzername bei Mattermost',
  usernameHint: 'Zum Beispiel: erika.muster',
  noAccount: 'Noch kein Konto bei Mattermost? Legen Sie eines an. Danach kommen Sie hierher zurück.',
  signUp: 'Konto anlegen',
  agreeSignUp: 'Zustimmen und Konto anlegen',
  submit: 'Code schicken',
  agreeSubmit: 'Zustimmen und Code schicken',
  sendsTo: (host) => `Ihr Benutzername, Ihre Nachrichten im Chat und Ihre IP-Adresse gehen an ${host}.`,
  chatServer: 'den Chat-Server dieses Angebots',
  codeSent: (username) =>
    `Wir haben @${username} bei Mattermost einen Code geschickt. Öffnen Sie die Nachricht und geben Sie den Code hier ein.`,
  openMessages: 'Nachricht öffnen',
  codeLabel: 'Code aus der Nachricht',
  codeHint: (time) => `Der Code hat 8 Zeichen und gilt bis ${time} Uhr.`,
  noMessage: 'Keine Nachricht? Prüfen Sie Ihren Benutzernamen und schicken Sie den Code noch einmal.',
  changeName: 'Zurück zum Benutzernamen',
  join: 'Zum Chat',
  opened: 'Der Chat ist in einem neuen Tab offen.',
  ready: 'Sie sind jetzt im Chat.',
  openChat: 'Chat öffnen',
  errors: {
    chat_unavailable: 'Der Chat antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal.',
    chat_username_invalid: 'Ein Benutzername hat nur Buchstaben, Ziffern und . - _',
    chat_code_invalid: 'Der Code stimmt nicht. Bitte prüfen Sie ihn und geben Sie ihn noch einmal ein.',
    chat_code_expired: 'Dieser Code gilt nicht mehr. Bitte schicken Sie einen neuen.',
    too_many_attempts: 'Zu viele Versuche. Bitte warten Sie eine Viertelstunde.',
  },
};

/** English chat texts. */
export const chatEn: ChatMessages = {
  intro: 'This room is a chat on Mattermost. You will get a message there with a code.',
  usernameLabel: 'Your user name on Mattermost',
  usernameHint: 'For example: erika.muster',
  noAccount: 'No Mattermost account yet? Create one. Then come back here.',
  signUp: 'Create an account',
  agreeSignUp: 'Agree and create an account',
  submit: 'Send me a code',
  agreeSubmit: 'Agree and send me a code',
  sendsTo: (host) => `Your user name, your messages in the chat and your IP address go to ${host}.`,
  chatServer: 'the chat server of this service',
  codeSent: (username) => `We sent a code to @${username} on Mattermost. Open the message and enter the code here.`,
  openMessages: 'Open the message',
  codeLabel: 'Code from the message',
  codeHint: (time) => `The code has 8 characters and works until ${time}.`,
  noMessage: 'No message? Check your user name and send the code again.',
  changeName: 'Back to the user name',
  join: 'Go to the chat',
  opened: 'The chat is open in a new tab.',
  ready: 'You are now in the chat.',
  openChat: 'Open the chat',
  errors: {
    chat_unavailable: 'The chat is not answering right now. Please try again in a minute.',
    chat_username_invalid: 'A user name has only letters, digits and . - _',
    chat_code_invalid: 'The code is not right. Please check it and enter it again.',
    chat_code_expired: 'This code no longer works. Please send a new one.',
    too_many_attempts: 'Too many tries. Please wait a quarter of an hour.',
  },
};

/** The chat catalogue for `locale` with an element's overrides on top. */
export function chatMessagesFor(locale: Locale, overrides?: ChatMessageOverrides): ChatMessages {
  const base = locale === 'de' ? chatDe : chatEn;
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
