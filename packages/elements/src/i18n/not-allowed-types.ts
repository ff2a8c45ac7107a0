// The types of the not allowed texts, apart from the texts themselves (which import them).
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
