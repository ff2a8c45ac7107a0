// The texts of the elements: typed German and English catalogues per element
// and topic, the language an element speaks, and its overrides on top.
import { de, deCommon, deJoin, deStatus } from './de.js';
import { en, enCommon, enJoin, enStatus } from './en.js';
import type { Locale } from './locale.js';
import type { JoinMessages, MessageOverrides, StatusMessages } from './messages.js';

export { type Locale, resolveLocale, toLocale } from './locale.js';
export type { ClientErrorCode, JoinMessages, MessageOverrides, Messages, StatusMessages } from './messages.js';
export type { ChatErrorCode, ChatMessageOverrides, ChatMessages } from './chat.js';
export type { AdminErrorCode, AdminMessageOverrides, AdminMessages } from './admin.js';
export type { NotAllowedMessages } from './not-allowed.js';
export type { InviteMessageOverrides, InviteMessages } from './invite.js';
export { de, en };

/** The join button's catalogue for `locale` with an element's overrides on top. */
export function messagesFor(locale: Locale, overrides?: MessageOverrides): JoinMessages {
  const base = locale === 'de' ? { ...deCommon, ...deJoin } : { ...enCommon, ...enJoin };
  return { ...base, ...overrides, errors: { ...base.errors, ...overrides?.errors } };
}

/** The room status's catalogue for `locale` with an element's overrides on top. */
export function statusMessagesFor(locale: Locale, overrides?: MessageOverrides): StatusMessages {
  const base = locale === 'de' ? { ...deCommon, ...deStatus } : { ...enCommon, ...enStatus };
  return { ...base, ...overrides, errors: { ...base.errors, ...overrides?.errors } };
}

export type { BookingErrorCode, BookingField, BookingFieldProblem, BookingMessageOverrides, BookingMessages } from './booking-messages.js';
