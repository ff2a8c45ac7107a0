import type { NotAllowedMessages } from './not-allowed-types.js';

/** English texts. */
export const notAllowedEn: NotAllowedMessages = {
  forWebmaster: 'Note for the webmaster',
  fix: (origin, tenant) =>
    `This page (${origin}) is not enabled for “${tenant}”. Ask your Vereinsraum operator to add ${origin} to its allowedOrigins.`,
};
