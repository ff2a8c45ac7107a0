import { de } from './de.js';
import { en } from './en.js';
import type { Locale, MessageOverrides, Messages } from './messages.js';

export type { ClientErrorCode, Locale, MessageOverrides, Messages } from './messages.js';
export type { ChatErrorCode, ChatMessageOverrides, ChatMessages } from './chat.js';
export { de, en };

const CATALOGUES: Record<Locale, Messages> = { de, en };

/** German for any `de…` language tag, English for everything else. */
export function toLocale(lang: string | null | undefined): Locale {
  return lang && /^de\b/i.test(lang) ? 'de' : 'en';
}

/**
 * The language an element speaks: its own `lang` attribute, else the
 * `<verein-config lang>` it sits in, else the nearest `lang` in the page.
 */
export function resolveLocale(element: HTMLElement, configLang?: string): Locale {
  const own = element.getAttribute('lang');
  if (own) return toLocale(own);
  if (configLang) return toLocale(configLang);
  const closest = element.closest('[lang]:not([lang=""])')?.getAttribute('lang') ?? document.documentElement.lang;
  return toLocale(closest);
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
