import type { Locale } from './messages.js';

/** Why the chat form refuses a user name, or why joining a chat room failed. */
export type ChatErrorCode = 'chat_unavailable' | 'chat_user_not_found' | 'chat_username_invalid' | 'too_many_attempts';

/**
 * The texts of `<verein-join-room>` for chat rooms (a Mattermost channel):
 * the user-name form and what follows. Change any of them with the element's
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
  submit: string;
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
  intro: 'Dieser Raum ist ein Chat auf Mattermost.',
  usernameLabel: 'Ihr Benutzername bei Mattermost',
  usernameHint: 'Zum Beispiel: erika.muster',
  noAccount: 'Noch kein Konto bei Mattermost? Legen Sie eines an. Danach kommen Sie hierher zurück.',
  signUp: 'Konto anlegen',
  agreeSignUp: 'Zustimmen und Konto anlegen',
  submit: 'Zum Chat',
  opened: 'Der Chat ist in einem neuen Tab offen.',
  ready: 'Sie sind jetzt im Chat.',
  openChat: 'Chat öffnen',
  errors: {
    chat_unavailable: 'Der Chat antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal.',
    chat_user_not_found: 'Diesen Benutzernamen gibt es bei Mattermost nicht. Bitte prüfen Sie ihn.',
    chat_username_invalid: 'Ein Benutzername hat nur Buchstaben, Ziffern und . - _',
    too_many_attempts: 'Zu viele falsche Namen. Bitte warten Sie eine Viertelstunde.',
  },
};

/** English chat texts. */
export const chatEn: ChatMessages = {
  intro: 'This room is a chat on Mattermost.',
  usernameLabel: 'Your user name on Mattermost',
  usernameHint: 'For example: erika.muster',
  noAccount: 'No Mattermost account yet? Create one. Then come back here.',
  signUp: 'Create an account',
  agreeSignUp: 'Agree and create an account',
  submit: 'Go to the chat',
  opened: 'The chat is open in a new tab.',
  ready: 'You are now in the chat.',
  openChat: 'Open the chat',
  errors: {
    chat_unavailable: 'The chat is not answering right now. Please try again in a minute.',
    chat_user_not_found: 'This user name does not exist on Mattermost. Please check it.',
    chat_username_invalid: 'A user name has only letters, digits and . - _',
    too_many_attempts: 'Too many wrong names. Please wait a quarter of an hour.',
  },
};

/** The chat catalogue for `locale` with an element's overrides on top. */
export function chatMessagesFor(locale: Locale, overrides?: ChatMessageOverrides): ChatMessages {
  const base = locale === 'de' ? chatDe : chatEn;
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
