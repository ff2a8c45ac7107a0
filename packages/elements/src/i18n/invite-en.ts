import type { InviteMessages } from './invite-types.js';

/** English invite texts. */
export const inviteEn: InviteMessages = {
  checking: 'Checking your invitation link …',
  asModerator: 'You take part as moderator.',
  asAttendee: 'You take part as a guest.',
  validFrom: (when) => `Your invitation link works from ${when}. You can join here then.`,
};
