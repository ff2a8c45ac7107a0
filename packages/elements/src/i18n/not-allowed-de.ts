import type { NotAllowedMessages } from './not-allowed-types.js';

/** German texts. */
export const notAllowedDe: NotAllowedMessages = {
  forWebmaster: 'Hinweis für die Webseiten-Betreuung',
  fix: (origin, tenant) =>
    `Diese Seite (${origin}) ist für „${tenant}“ nicht freigeschaltet. Bitten Sie Ihren Vereinsraum-Betreiber, ${origin} dort unter allowedOrigins einzutragen.`,
};
