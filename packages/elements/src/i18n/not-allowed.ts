import type { Locale } from './locale.js';
import { notAllowedDe } from './not-allowed-de.js';
import { notAllowedEn } from './not-allowed-en.js';
import type { NotAllowedMessages } from './not-allowed-types.js';

export type { NotAllowedMessages } from './not-allowed-types.js';
export { notAllowedDe, notAllowedEn };

/** The texts for `locale` with an element's overrides on top. */
export function notAllowedMessagesFor(locale: Locale, overrides?: Partial<NotAllowedMessages>): NotAllowedMessages {
  return { ...(locale === 'de' ? notAllowedDe : notAllowedEn), ...overrides };
}
