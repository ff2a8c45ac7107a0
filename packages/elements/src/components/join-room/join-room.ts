// Without lit-html: the element builds its button itself, and its flow brings lit-html along (see `flow.ts`).
import { adoptStyles, css, type PropertyDeclarations, type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import { VereinErrorEvent } from '../../events.js';
import { type JoinRoomCatalogue, joinRoomCatalogues } from '../../i18n/catalogues.js';
import type { Locale } from '../../i18n/locale.js';
import type { MessageOverrides } from '../../i18n/messages.js';
import { ChunkController, lazy, whenIdleOrNear } from '../../internal/chunks.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { sharedStyles } from '../../styles/shared.js';
import { SetupController } from '../../tenant/setup.js';
import type { JoinFlow, ShellParts } from './flow.js';
import type { JoinHost, JoinState } from './host.js';

/** The rest of the element: a chunk, loaded on the first click, when the browser is idle, or at once when it is needed (see {@link JoinFlow}). */
const flowChunk = lazy(() => import('./flow.js'));

/**
 * The texts the element shows before its catalogue has arrived: the button's
 * label, and the message when the rest of the element could not be loaded
 * (the catalogue may be what failed).
 */
const SHELL_TEXTS: Record<Locale, { join: string; loadFailed: string; retry: string }> = {
  de: {
    join: 'Beitreten',
    loadFailed: 'Ein Teil dieser Seite ist nicht angekommen. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    retry: 'Noch einmal versuchen',
  },
  en: {
    join: 'Join',
    loadFailed: 'Part of this page did not arrive. Please check your internet connection and try again.',
    retry: 'Try again',
  },
};

const hostStyles = css`
  :host {
    display: block;
    max-width: var(--verein-join-room-max-width, 28rem);
  }
  .contents {
    display: contents;
  }
`;

/** An element of the shell: `tag` with `className`, and `attributes`. */
function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** An invite in the page's address (`#invite=…`). */
const inviteInAddress = () => new URLSearchParams(location.hash.slice(1)).has('invite');

export type { JoinState } from './host.js';

/**
 * A join button for one room. A click asks for the visitor's name (and an
 * access code if they have one) and shows the tenant's privacy notice: what
 * goes to which conference server, with links to the privacy policy and
 * imprint. "Agree and join" then opens the meeting; nothing is requested from
 * a conference server before that click. The visitor may keep the agreement
 * for the tenant on their device (until a room uses a server not agreed to
 * yet), and withdraw it in the same form. If the meeting has
 * not started yet, the element waits and joins by itself when it does: it
 * hears of the start through the room's live status, shared with every
 * `<verein-room-status>` and join button for the room on the page.
 *
 * An invite link (`#invite=…` in the page URL, or the `invite` attribute)
 * takes the place of the access code. The element first asks the server
 * what the invite opens and shows it: the room's title, its dates and the
 * visitor's role; an invite that works only later says from when (and the
 * button comes then), an expired or revoked one says so, without a form.
 * Without a `room` of its own the element joins the room the invite names
 * (the join page of booked rooms). Once the server has taken the invite, the
 * element removes `#invite=` from the address bar, so that a moderator's
 * link is not passed on by mistake with the page's address; it keeps the
 * invite for joining again from the same page. With
 * `target="embed"` the meeting opens inside the element (BigBlueButton in an
 * iframe, Jitsi through its iframe API), with leave and full-screen buttons
 * and a link that opens it in a new tab instead; the element offers that tab
 * by itself when the meeting cannot work in the page. Leaving BigBlueButton
 * itself closes the embedded meeting too; a meeting in a tab goes back to
 * this page when the visitor leaves it (BigBlueButton 3.0 or newer).
 *
 * A booked chat room (a Mattermost channel) asks for the visitor's
 * Mattermost user name instead of a name, and offers the team's sign-up link
 * to visitors without an account. The server's bot then sends that account a
 * direct message with a code; the visitor reads it on Mattermost and enters
 * it here, which proves the account is theirs. Only then is the account added
 * to the channel, which opens in a new tab (or this one with
 * `target="_self"`), never inside the page.
 *
 * The name form shows the tenant's logo when it has one (`no-logo` leaves it
 * out). On a page whose address the tenant does not allow, the element says
 * so in place of its button: a short apology, and for the webmaster which
 * address to have added.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 *
 * @summary Join button for a Vereinsraum room.
 * @tagname verein-join-room
 *
 * @slot - The button's label. Default: "Beitreten" / "Join".
 *
 * @fires {VereinJoinEvent} verein-join - The visitor asked to join (cancelable).
 * @fires {VereinJoinedEvent} verein-joined - The meeting was opened (embedded: the visitor is in it).
 * @fires {VereinLeftEvent} verein-left - The visitor left a meeting embedded in the page; the element shows its button again.
 * @fires {VereinErrorEvent} verein-error - Something went wrong; the element shows the message.
 *
 * @csspart button - The join button.
 * @csspart invite - What an invite link opens: the room's title, its dates and the visitor's role.
 * @csspart form - The name form.
 * @csspart consent - The privacy notice in the name form (or, once agreed on this device, the way to withdraw).
 * @csspart input - The text fields (name, access code; in a chat room user name and code).
 * @csspart message - The status text (waiting, opened, error).
 * @csspart link - The link that opens a meeting that has started, or an embedded one in a new tab; in a chat room also the sign-up link and the link to the code's message.
 * @csspart meeting - The region around an embedded meeting (`target="embed"`), with its title, leave and full-screen buttons and the new-tab link; the element shown on the whole screen.
 * @csspart meeting-frame - The box that holds the embedded meeting's iframe.
 * @csspart logo - The tenant's logo at the top of the name form (unless `no-logo`).
 * @csspart webmaster - On a page the tenant does not allow: the disclosure that tells the webmaster which address the operator must add.
 *
 * @cssprop --verein-color-primary - Buttons and links (default #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default 0.5rem).
 * @cssprop --verein-font-family - Font (default: the page's).
 * @cssprop --verein-join-room-max-width - Widest the form gets (default 28rem).
 * @cssprop --verein-join-room-meeting-max-width - Widest an embedded meeting gets (default: the available width).
 * @cssprop --verein-join-room-meeting-height - Height of an embedded meeting (default min(75vh, 48rem), at least 22rem).
 * @cssprop --verein-join-room-logo-height - Height of the tenant's logo in the name form (default 2.5rem).
 */
export class VereinJoinRoom extends ReactiveElement implements JoinHost {
  static override styles = [sharedStyles, hostStyles];

  // Reactive properties, declared without decorators: the decorator helpers
  // cost more bundle bytes than this table (see bench/budgets.json).
  static override properties: PropertyDeclarations = {
    room: { reflect: true },
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    target: { reflect: true },
    invite: {},
    askAccessCode: { type: Boolean, reflect: true, attribute: 'ask-access-code' },
    noLogo: { type: Boolean, reflect: true, attribute: 'no-logo' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    joinTimeout: { type: Number, attribute: 'join-timeout' },
    messages: { attribute: false },
    state: { reflect: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-join-room', registry: CustomElementRegistry = customElements): typeof VereinJoinRoom {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The room id, e.g. `training`. Default: the room of the invite (for booked rooms, whose ids are not known in advance). */
  room = '';

  /** Tenant id; default: from `<verein-config>`. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /**
   * Where the meeting opens: `_blank` (a new tab), `_self` (this tab), or
   * `embed` (inside the element; where the server offers no embedding, and
   * BigBlueButton in Safari and on iPhone and iPad, in a new tab).
   */
  target: '_blank' | '_self' | 'embed' = '_blank';

  /**
   * An invite token. It takes the place of an access code. Default: the
   * `#invite=` of the page URL, if that invite is for this room.
   */
  invite = '';

  /** Show the access-code field from the start instead of behind "I have an access code". */
  askAccessCode = false;

  /** Leave out the tenant's logo, which the name form shows when the tenant has one. */
  noLogo = false;

  /**
   * While waiting, where a proxy blocks live updates: how often to ask
   * whether the meeting has started, in milliseconds.
   */
  pollInterval = 5000;

  /** How long an embedded meeting may take to say the visitor is in before the element says it takes long (next to the new-tab link, which is always there), in milliseconds. */
  joinTimeout = 30000;

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: MessageOverrides;

  /** @internal Set by `<verein-open-room kiosk>` (see {@link JoinHost.oneTap}). */
  declare oneTap?: boolean;

  /** Where the element is in the join flow (read-only, reflected as the `state` attribute for styling). */
  state: JoinState = 'idle';

  /** The address, language and tenant (`<verein-config>`, the tenant's theme, its privacy notice and conference servers). */
  readonly #setup = new SetupController(this);
  readonly #chunks = new ChunkController(this);
  readonly #moveFocus = focusAfterUpdate(this);
  /** The catalogues loaded so far, by language. */
  readonly #catalogues: Partial<Record<Locale, JoinRoomCatalogue>> = {};
  /** Everything after the button, once its chunk has arrived. */
  #flow?: JoinFlow;
  #stopPreload?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopPreload = whenIdleOrNear(this, () => void this.#load());
    addEventListener('hashchange', this.#hashChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPreload?.();
    removeEventListener('hashchange', this.#hashChanged);
    this.#flow?.disconnected();
  }

  /** Waits also for the chunks being loaded, and the update they bring. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#chunks.settled(() => super.getUpdateComplete());
  }

  readonly #hashChanged = () => this.requestUpdate();

  /** The catalogue of the element's language, else (while it loads) one loaded before. */
  #texts(): JoinRoomCatalogue {
    const { locale } = this.#setup;
    return this.#catalogues[locale] ?? this.#catalogues[locale === 'de' ? 'en' : 'de']!;
  }

  /** The flow and the catalogue of the element's language; `undefined` when a chunk did not arrive, also after its retry. */
  #load(): Promise<JoinFlow | undefined> {
    const { locale } = this.#setup;
    if (this.#flow && this.#catalogues[locale]) return Promise.resolve(this.#flow);
    return this.#chunks.track(
      Promise.all([flowChunk(), joinRoomCatalogues[locale]()]).then(([{ JoinFlow, flowStyles }, catalogue]) => {
        this.#catalogues[locale] = catalogue;
        if (!this.#flow) {
          adoptStyles(this.renderRoot as ShadowRoot, [...VereinJoinRoom.elementStyles, ...flowStyles]);
          this.#flow = new JoinFlow(this, { setup: this.#setup, texts: () => this.#texts(), moveFocus: this.#moveFocus });
        }
        return this.#flow;
      }),
    );
  }

  override willUpdate(): void {
    const flow = this.#flow;
    const invited = !flow && (this.invite || inviteInAddress());
    // An invite is checked before the button shows (by the flow, which comes at once).
    if (invited && this.state === 'idle') this.state = 'checking';
    // The flow did not arrive, also after its retry: the element says so, with a button that tries again.
    if (invited && this.state === 'checking' && this.#chunks.failed) this.state = 'error';
    // Needed at once: an invite to check, or a reason the element cannot work (the flow says which); a language not loaded yet.
    const needed = flow
      ? !this.#catalogues[this.#setup.locale]
      : invited || this.#setup.notAllowed || this.#setup.missing({ room: this.room }).length > 0;
    if (needed && !this.#chunks.failed) void this.#load();
    flow?.willUpdate();
  }

  /** The shell's nodes, built at the first update; the flow renders into its containers. */
  #parts?: ShellParts & {
    button: HTMLButtonElement;
    label: HTMLSlotElement;
    fail: HTMLElement;
    failView: HTMLElement;
    failText: HTMLElement;
    retry: HTMLButtonElement;
  };
  /** The element shows the flow's gate (what is missing, or a page the tenant does not allow) in place of everything else. */
  #gated = false;

  #build() {
    const contents = () => make('div', 'contents');
    const label = make('slot', '');
    const button = make('button', 'button', { part: 'button', type: 'button' });
    button.append(label);
    button.addEventListener('click', () => void this.#ask());
    const failText = make('p', '');
    const retry = make('button', 'button secondary', { type: 'button' });
    retry.addEventListener('click', () => void this.#ask());
    const failView = make('div', 'message error', { part: 'message', role: 'alert' });
    failView.append(failText, retry);
    const parts = {
      above: contents(),
      button,
      label,
      forms: contents(),
      status: make('div', 'status', { role: 'status' }),
      below: contents(),
      fail: contents(),
      failView,
      failText,
      retry,
      gate: contents(),
    };
    this.renderRoot.append(parts.above, button, parts.forms, parts.status, parts.below, parts.fail);
    return parts;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const parts = (this.#parts ??= this.#build());
    const shell = SHELL_TEXTS[this.#setup.locale];
    parts.button.hidden = this.state !== 'idle';
    parts.label.textContent = this.messages?.join ?? shell.join;
    // The flow did not arrive: the shell's own message, with a button that tries again.
    const failed = !this.#flow && this.state === 'error';
    if (failed !== parts.fail.hasChildNodes()) parts.fail.replaceChildren(...(failed ? [parts.failView] : []));
    parts.failText.textContent = shell.loadFailed;
    parts.retry.textContent = shell.retry;
    const gated = this.#flow?.renderInto(parts) ?? false;
    if (gated !== this.#gated) {
      this.#gated = gated;
      this.renderRoot.replaceChildren(
        ...(gated ? [parts.gate] : [parts.above, parts.button, parts.forms, parts.status, parts.below, parts.fail]),
      );
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (this.#flow) this.#flow.updated(changed);
    else if (changed.has('state') && this.state === 'error') {
      const message = SHELL_TEXTS[this.#setup.locale].loadFailed;
      this.dispatchEvent(new VereinErrorEvent({ code: 'network_error', status: 0, message }));
    }
  }

  /** The button: the name form, once the flow is there (loaded now if it is not). */
  async #ask(): Promise<void> {
    const flow = await this.#load();
    if (!this.isConnected) return;
    if (flow) {
      flow.ask();
      return;
    }
    this.state = 'error';
    this.#moveFocus('.error button');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-join-room': VereinJoinRoom;
  }
}
