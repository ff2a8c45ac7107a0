import { de } from './de.js';
import { en } from './en.js';
import type { Locale, MessageOverrides, Messages } from './messages.js';

export type { ClientErrorCode, Locale, MessageOverrides, Messages } from './messages.js';
export type { ChatErrorCode, ChatMessageOverrides, ChatMessages } from './chat.js';
export type { AdminErrorCode, AdminMessageOverrides, AdminMessages } from './admin.js';
export type { NotAllowedMessages } from './not-allowed.js';
export type { InviteMessageOverrides, InviteMessages } from './invite.js';
export { de, en };

const CATALOGUES: Record<Locale, Messages> = { de, en };

/** German for any `de…` language tag, English for everything else. */
export function toLocale(lang: string | null | undefined): Locale {
  return lang && /^de\b/i.test(lang) ? 'de' : 'en';
}

/**
 * The language an element speaks: its own `lang` (attribute or property),
 * else the `<verein-config lang>` it sits in, else the nearest `lang` in the
 * page, else the tenant's default language, else English.
 */
export function resolveLocale(element: HTMLElement, configLang?: string, tenantLang?: string): Locale {
  return toLocale(
    element.lang || configLang || element.closest('[lang]:not([lang=""])')?.getAttribute('lang') || document.documentElement.lang || tenantLang,
  );
}

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
