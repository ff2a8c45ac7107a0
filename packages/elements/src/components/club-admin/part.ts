/** What a part of the club page gets from `<verein-club-admin>`: the server, the session's CSRF token, where problems and notices go. */
export interface ClubPart {
  endpoint(): string;
  csrf(): string;
  /** Show a refused request (and end the page's session when it was that). */
  fail(error: unknown): void;
  /** Say something in the page's status line. */
  say(notice: string): void;
  /** Render the page again. */
  update(): void;
}
