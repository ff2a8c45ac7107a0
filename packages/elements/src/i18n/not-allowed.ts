import type { Locale } from './locale.js';

/**
 * The webmaster's part of what an element shows on a page whose origin its
 * tenant does not allow (the server answers `origin_not_allowed`): behind a
 * disclosure, which address the operator must add. Visitors read the
 * element's own `origin_not_allowed` error text above it. Shared by the join
 * button, the room status and the booking form; change them with an
 * element's `messages.notAllowed`.
 */
export interface NotAllowedMessages {
  /** The disclosure (`<summary>`) that holds {@link NotAllowedMessages.fix}. */
  forWebmaster: string;
  /** For the webmaster: `origin` is the page's origin, `tenant` the tenant id. */
  fix: (origin: string, tenant: string) => string;
}

/** German texts. */
export const notAllowedDe: NotAllowedMessages = {
  forWebmaster: 'Hinweis für die Webseiten-Betreuung',
  fix: (origin, tenant) =>
    `Diese Seite (${origin}) ist für „${tenant}“ nicht freigeschaltet. Bitten Sie Ihren Vereinsraum-Betreiber, ${origin} dort unter allowedOrigins einzutragen.`,
};

/** English texts. */
export const notAllowedEn: NotAllowedMessages = {
  forWebmaster: 'Note for the webmaster',
  fix: (origin, tenant) =>
    `This page (${origin}) is not enabled for “${tenant}”. Ask your Vereinsraum operator to add ${origin} to its allowedOrigins.`,
};

/** The texts for `locale` with an element's overrides on top. */
export function notAllowedMessagesFor(locale: Locale, overrides?: Partial<NotAllowedMessages>): NotAllowedMessages {
  return { ...(locale === 'de' ? notAllowedDe : notAllowedEn), ...overrides };
}
