/** The languages with a complete catalogue. */
export type Locale = 'de' | 'en';

/** The BCP 47 locale of a catalogue language, for numbers and dates. */
export const localeOf = (locale: Locale): string => (locale === 'de' ? 'de-DE' : 'en-GB');

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
    element.lang ||
      configLang ||
      element.closest('[lang]:not([lang=""])')?.getAttribute('lang') ||
      document.documentElement.lang ||
      tenantLang,
  );
}
