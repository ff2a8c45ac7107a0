import type { ReactiveController, ReactiveControllerHost } from 'lit';

const KEY = 'vereinsraum.adminToken';
const CHANGED = 'vereinsraum-admin-session';

/** The token when `sessionStorage` refused it: kept as long as the page lives, for all its elements. */
let memory = '';

/**
 * The operator's admin token, shared by every operator element of a page:
 * one sign-in serves them all, and signing out (or a refused token) in one
 * signs all of them out. It is kept for this browser tab only
 * (`sessionStorage`, never `localStorage`), in memory when storage is blocked.
 * The host hears of every change through `changed`, its own included.
 *
 * @example
 * ```ts
 * class ClubAdmin extends LitElement {
 *   private readonly session = new AdminSession(this, (token) => (token ? this.load() : this.requestUpdate()));
 * }
 * ```
 */
export class AdminSession implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly changed: (token: string) => void,
  ) {
    host.addController(this);
  }

  /** The token, or `''` when signed out. */
  get token(): string {
    try {
      return memory || (sessionStorage.getItem(KEY) ?? '');
    } catch {
      return memory;
    }
  }

  signIn(token: string): void {
    this.store(token);
  }

  signOut(): void {
    this.store('');
  }

  hostConnected(): void {
    window.addEventListener(CHANGED, this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener(CHANGED, this.listener);
  }

  // The event says only that the token changed: each element reads it where it is kept.
  private readonly listener = (): void => this.changed(this.token);

  private store(token: string): void {
    memory = '';
    try {
      if (token) sessionStorage.setItem(KEY, token);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Blocked storage: the token lives in memory.
      memory = token;
    }
    window.dispatchEvent(new Event(CHANGED));
  }
}
