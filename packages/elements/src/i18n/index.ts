import { de } from './de.js';
import { en } from './en.js';
import type { Locale } from './locale.js';
import type { MessageOverrides, Messages } from './messages.js';

export { type Locale, resolveLocale, toLocale } from './locale.js';
export type { ClientErrorCode, MessageOverrides, Messages } from './messages.js';
export type { ChatErrorCode, ChatMessageOverrides, ChatMessages } from './chat.js';
export type { AdminErrorCode, AdminMessageOverrides, AdminMessages } from './admin.js';
export type { NotAllowedMessages } from './not-allowed.js';
export type { InviteMessageOverrides, InviteMessages } from './invite.js';
export { de, en };

const CATALOGUES: Record<Locale, Messages> = { de, en };

/** The catalogue for `locale` with an element's overrides on top. */
export function messagesFor(locale: Locale, overrides?: MessageOverrides): Messages {
  const base = CATALOGUES[locale];
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}

export type {
  BookingErrorCode,
  BookingField,
  BookingFieldProblem,
  BookingMessageOverrides,
  BookingMessages,
} from './booking-messages.js';
