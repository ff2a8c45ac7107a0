import type { Locale } from './locale.js';

/**
 * The texts of `<verein-join-room>` about an invite link: what it opens and
 * from when it works. Change any of them with the element's
 * `messages.invite`. A catalogue of its own, so that the status element's
 * bundle does not carry it.
 */
export interface InviteMessages {
  /** While the server is asked about the invite of the page's link. */
  checking: string;
  /** Under the invited room's title and dates: the invite makes the visitor moderator. */
  asModerator: string;
  /** Under the invited room's title and dates: the invite lets the visitor in as a guest. */
  asAttendee: string;
  /** The invite works only later; `when` is its start in the visitor's language and time zone, e.g. "Donnerstag, 19:30". */
  validFrom: (when: string) => string;
}

/** Overrides of {@link InviteMessages}. */
export type InviteMessageOverrides = Partial<InviteMessages>;

/** German invite texts. */
export const inviteDe: InviteMessages = {
  checking: 'Ihr Einladungslink wird geprüft …',
  asModerator: 'Sie nehmen als Moderator/in teil.',
  asAttendee: 'Sie nehmen als Gast teil.',
  validFrom: (when) => `Ihr Einladungslink gilt ab ${when} Uhr. Dann können Sie hier beitreten.`,
};

/** English invite texts. */
export const inviteEn: InviteMessages = {
  checking: 'Checking your invitation link …',
  asModerator: 'You take part as moderator.',
  asAttendee: 'You take part as a guest.',
  validFrom: (when) => `Your invitation link works from ${when}. You can join here then.`,
};

/** The invite catalogue for `locale` with an element's overrides on top. */
export function inviteMessagesFor(locale: Locale, overrides?: InviteMessageOverrides): InviteMessages {
  const base = locale === 'de' ? inviteDe : inviteEn;
  return overrides ? { ...base, ...overrides } : base;
}
