import type { Locale } from './locale.js';
import { inviteDe } from './invite-de.js';
import { inviteEn } from './invite-en.js';
import type { InviteMessages, InviteMessageOverrides } from './invite-types.js';

export type { InviteMessages, InviteMessageOverrides } from './invite-types.js';
export { inviteDe, inviteEn };

/** The invite catalogue for `locale` with an element's overrides on top. */
export function inviteMessagesFor(locale: Locale, overrides?: InviteMessageOverrides): InviteMessages {
  const base = locale === 'de' ? inviteDe : inviteEn;
  return overrides ? { ...base, ...overrides } : base;
}
