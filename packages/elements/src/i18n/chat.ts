import type { Locale } from './locale.js';
import { chatDe } from './chat-de.js';
import { chatEn } from './chat-en.js';
import type { ChatMessages, ChatMessageOverrides } from './chat-types.js';

export type { ChatErrorCode, ChatMessages, ChatMessageOverrides } from './chat-types.js';
export { chatDe, chatEn };

/** The chat catalogue for `locale` with an element's overrides on top. */
export function chatMessagesFor(locale: Locale, overrides?: ChatMessageOverrides): ChatMessages {
  const base = locale === 'de' ? chatDe : chatEn;
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
