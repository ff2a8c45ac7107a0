import type { ReactiveElement } from 'lit';

/**
 * The one way focus moves in an element: the function it returns focuses the
 * first match of `selector` in the element's shadow root once the element has
 * rendered (after `updateComplete`), so that a field the change brings is
 * there to take it. Of several calls before that render, the last wins. It
 * also asks for an update, so focus moves even when nothing else changed.
 *
 * @example
 * ```ts
 * readonly #moveFocus = focusAfterUpdate(this);
 * #ask() {
 *   this.state = 'asking';
 *   this.#moveFocus('#name');
 * }
 * ```
 */
export function focusAfterUpdate(host: ReactiveElement): (selector: string) => void {
  let target = '';
  return (selector) => {
    // The update first: `updateComplete` then waits for it, not for the one before.
    host.requestUpdate();
    if (!target) {
      void host.updateComplete.then(() => {
        host.renderRoot.querySelector<HTMLElement>(target)?.focus();
        target = '';
      });
    }
    target = selector;
  };
}
