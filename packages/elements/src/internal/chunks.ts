import type { ReactiveElement } from 'lit';

/** How long to wait before the one retry of a chunk that did not load, in milliseconds. */
export const RETRY_DELAY = 400;

/**
 * `load` (a dynamic `import()`) once: later calls share its promise. A load
 * that fails is tried once more after {@link RETRY_DELAY}; when that fails
 * too, the promise rejects and the next call starts afresh (the visitor's
 * "try again").
 *
 * @example
 * ```ts
 * const flow = lazy(() => import('./flow.js'));
 * const { JoinFlow } = await flow();
 * ```
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () =>
    (promise ??= load()
      .catch(() => new Promise((resolve) => setTimeout(resolve, RETRY_DELAY)).then(load))
      .catch((error: unknown) => {
        promise = undefined;
        throw error;
      }));
}

/**
 * The chunks an element is loading. The element's `updateComplete` waits for
 * them (see {@link ChunkController.settled}), so code that awaits it sees the
 * element as it is once its code has arrived. `failed` tells that the last
 * load failed after its retry; the host then shows its own short message.
 *
 * @example
 * ```ts
 * readonly #chunks = new ChunkController(this);
 * protected override async getUpdateComplete() {
 *   return this.#chunks.settled(() => super.getUpdateComplete());
 * }
 * ```
 */
export class ChunkController {
  /** The last load failed, also after its retry. */
  failed = false;

  readonly #host: ReactiveElement;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  /** Follow `promise` (a chunk's load): the host updates when it settles; resolves to its value or `undefined` after a failure. */
  async track<T>(promise: Promise<T>): Promise<T | undefined> {
    this.#pending.add(promise);
    try {
      const value = await promise;
      this.failed = false;
      return value;
    } catch {
      this.failed = true;
      return undefined;
    } finally {
      this.#pending.delete(promise);
      this.#host.requestUpdate();
    }
  }

  /** `update()` (the host's `updateComplete`), again after every chunk being loaded has settled. */
  async settled(update: () => Promise<boolean>): Promise<boolean> {
    let done = await update();
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
      done = await update();
    }
    return done;
  }
}

/**
 * Call `start` once the browser is idle (or soon, where it cannot tell), or
 * at the first sign that the visitor is about to use `host`: a pointer over
 * it, a touch or the focus in it. Returns a function that stops waiting.
 */
export function whenIdleOrNear(host: HTMLElement, start: () => void): () => void {
  const events = ['pointerover', 'touchstart', 'focusin'];
  const go = () => {
    stop();
    start();
  };
  // Not in every browser yet (Safari): a timer there.
  const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(go, { timeout: 4000 }) : 0;
  const timer = idle ? 0 : setTimeout(go, 2000);
  const stop = () => {
    if (idle) cancelIdleCallback(idle);
    clearTimeout(timer);
    for (const type of events) host.removeEventListener(type, go);
  };
  for (const type of events) host.addEventListener(type, go, { passive: true });
  return stop;
}
