import type { ReactiveController, ReactiveControllerHost } from 'lit';

const KEY = 'vereinsraum.adminToken';
const CHANGED = 'vereinsraum-admin-session';

/** An operator element of the page that takes part in the sign-in. */
interface Member {
  readonly element: Element;
  /** How its server answered the token (`null`: not yet, for this token). */
  answer: { token: string; refused: boolean } | null;
  /** Shows its refusal, once every element has answered and another one took the token. */
  show?: () => void;
  /** Render again: which element holds the form may have changed. */
  refresh(): void;
}

/**
 * What the page's operator elements share. It hangs on `globalThis` under a
 * registered symbol, so elements from separate bundles (each CDN file brings
 * its own copy of this module) share it too.
 */
interface Page {
  members: Set<Member>;
  /** The token when `sessionStorage` refused it: kept as long as the page lives. */
  memory: string;
  /** The last sign-out came because every element refused the token. */
  refused: boolean;
}

const shared = globalThis as typeof globalThis & Record<symbol, Page | undefined>;
const page: Page = (shared[Symbol.for('vereinsraum.adminSession')] ??= { members: new Set(), memory: '', refused: false });

function read(): string {
  try {
    return page.memory || (sessionStorage.getItem(KEY) ?? '');
  } catch {
    return page.memory;
  }
}

function store(token: string, refused: boolean): void {
  page.memory = '';
  page.refused = refused;
  // A new token (or none): no element has answered it yet.
  for (const member of page.members) {
    member.answer = null;
    member.show = undefined;
  }
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Blocked storage: the token lives in memory.
    page.memory = token;
  }
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Once every element has answered the token: refused by all of them, the
 * page signs out (when `mayAsk`); else each that refused it shows so.
 */
function settle(mayAsk: boolean): void {
  const token = read();
  const members = [...page.members];
  if (!token || !members.length || !members.every((member) => member.answer?.token === token)) return;
  if (mayAsk && members.every((member) => member.answer!.refused)) return store('', true);
  for (const member of members) {
    const show = member.show;
    member.show = undefined;
    show?.();
  }
}

/**
 * The operator's admin token, shared by every operator element of a page:
 * one sign-in serves them all, and signing out in one signs all of them out.
 * It is kept for this browser tab only (`sessionStorage`, never
 * `localStorage`), in memory when storage is blocked. The host hears of every
 * change through `changed`, its own included.
 *
 * One form for the page: of the elements that {@link AdminSession.join}ed,
 * the first in document order {@link AdminSession.holdsForm | holds} the
 * token form, the others show a note in its place. Each element tells how its
 * server answered the token ({@link AdminSession.answered},
 * {@link AdminSession.refuse}). A token every element refused signs the page
 * out ({@link AdminSession.refusedEverywhere}); one that another element took
 * stays, and the elements that refused it say so.
 *
 * @example
 * ```ts
 * class ClubAdmin extends LitElement {
 *   private readonly session = new AdminSession(this, (token) => (token ? this.load() : this.requestUpdate()));
 * }
 * ```
 */
export class AdminSession implements ReactiveController {
  readonly #member: Member;
  #joined = false;

  constructor(
    host: ReactiveControllerHost & Element,
    private readonly changed: (token: string) => void,
  ) {
    this.#member = { element: host, answer: null, refresh: () => host.requestUpdate() };
    host.addController(this);
  }

  /** The token, or `''` when signed out. */
  get token(): string {
    return read();
  }

  /** Whether this element shows the page's token form: it is the first that joined, in document order. */
  get holdsForm(): boolean {
    let first: Member | undefined;
    for (const member of page.members) {
      if (!first || member.element.compareDocumentPosition(first.element) & Node.DOCUMENT_POSITION_FOLLOWING) first = member;
    }
    return first === this.#member;
  }

  /** Whether the page is signed out because every element refused the last token. */
  get refusedEverywhere(): boolean {
    return page.refused;
  }

  signIn(token: string): void {
    store(token, false);
  }

  signOut(): void {
    store('', false);
  }

  /** Take part in the page's sign-in (once the element can talk to its server): hold the form or show the note. */
  join(): void {
    this.#joined = true;
    this.#enter();
  }

  /** Take no further part (the element hid itself): another one takes the form. */
  leave(): void {
    this.#joined = false;
    this.#exit();
    settle(true);
  }

  /** The server took the token for this element (or could not be asked). */
  answered(): void {
    this.#member.answer = { token: this.token, refused: false };
    settle(true);
  }

  /**
   * The server refused the token for this element. Once every element has
   * answered: refused by all, the page signs out; else `show` is called, for
   * the element to say that the token does not open it.
   */
  refuse(show: () => void): void {
    this.#member.answer = { token: this.token, refused: true };
    this.#member.show = show;
    settle(true);
  }

  hostConnected(): void {
    window.addEventListener(CHANGED, this.listener);
    if (this.#joined) this.#enter();
  }

  hostDisconnected(): void {
    window.removeEventListener(CHANGED, this.listener);
    this.#exit();
    // An element moved in the page leaves for a moment: the others' refusals show, but nobody is signed out.
    settle(false);
  }

  // The event says only that the token changed: each element reads it where it is kept.
  private readonly listener = (): void => this.changed(this.token);

  #enter(): void {
    if (page.members.has(this.#member) || !this.#member.element.isConnected) return;
    page.members.add(this.#member);
    this.#refreshAll();
  }

  #exit(): void {
    if (page.members.delete(this.#member)) this.#refreshAll();
  }

  #refreshAll(): void {
    for (const member of page.members) member.refresh();
    this.#member.refresh();
  }
}
