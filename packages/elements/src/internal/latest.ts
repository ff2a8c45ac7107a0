/**
 * "Latest run wins", for answers that may arrive out of order: each call
 * starts a run and returns a check that holds until the next call. An answer
 * whose run is no longer the latest (the visitor opened another booking, or
 * left the meeting while its script loaded) is dropped. A call whose check
 * nobody keeps cancels the runs before it.
 *
 * @example
 * ```ts
 * readonly #loads = latestRun();
 * async #load() {
 *   const current = this.#loads();
 *   const answer = await fetchBooking(…);
 *   if (!current()) return;
 * }
 * ```
 */
export function latestRun(): () => () => boolean {
  let latest = 0;
  return () => {
    const run = ++latest;
    return () => run === latest;
  };
}
