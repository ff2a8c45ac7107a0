import type { InviteMessages } from './invite-types.js';

/** German invite texts. */
export const inviteDe: InviteMessages = {
  checking: 'Ihr Einladungslink wird geprüft …',
  asModerator: 'Sie nehmen als Moderator/in teil.',
  asAttendee: 'Sie nehmen als Gast teil.',
  validFrom: (when) => `Ihr Einladungslink gilt ab ${when} Uhr. Dann können Sie hier beitreten.`,
};
