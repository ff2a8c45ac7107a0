// The types of the invite texts, apart from the texts themselves (which import them).
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
