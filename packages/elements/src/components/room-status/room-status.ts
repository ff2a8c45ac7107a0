// Without lit-html: the badge is a few nodes the element keeps up to date itself, so a page's first load carries no template engine.
import { type PropertyDeclarations, type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import type { RoomAddress } from '../../api/client.js';
import { type RoomStatusCatalogue, roomStatusCatalogues, withOverrides } from '../../i18n/catalogues.js';
import type { Locale } from '../../i18n/locale.js';
import type { MessageOverrides, StatusMessages } from '../../i18n/messages.js';
import { ChunkController } from '../../internal/chunks.js';
import { FINAL_CODES, type StatusReport, watchRoomStatus } from '../../status/feed.js';
import { sharedStyles } from '../../styles/shared.js';
import { SetupController } from '../../tenant/setup.js';
import { styles } from './room-status.styles.js';

/**
 * What the element shows: `checking` (before the first answer), `live` (a
 * meeting is running), `idle`, `unknown` (the server cannot tell, or cannot be
 * reached right now), `chat` (a chat room: its members and last activity),
 * `error` (the room cannot be shown: it does not exist, the page may not use
 * it, or the element lacks its setup).
 */
export type RoomStatusState = 'checking' | 'live' | 'idle' | 'unknown' | 'chat' | 'error';

/**
 * Shows whether a room is in use right now: a dot and a short text ("Jetzt
 * live · 7 Personen" / "Live now · 7 people", "Gerade frei" / "Not in use
 * right now"), updated live. The detailed variant also says since when the
 * meeting runs, and the time of the last answer when the conference server
 * has not answered lately. A chat room (a Mattermost channel) shows how many
 * members it has and when the last message was written ("Chat · 12
 * Mitglieder", "Zuletzt aktiv: 14:05"): counts only, never names.
 *
 * All status elements and join buttons on a page share one connection to the
 * server, for all their rooms of a tenant (Server-Sent Events, with polling of
 * `/status` where a proxy blocks them). Changes of the state are announced
 * politely to screen readers; the text always says what the dot's colour shows.
 *
 * The badge starts with the tenant's logo when it has one (`no-logo` leaves it
 * out). On a page whose address the tenant does not allow, the element says
 * so: a short apology, and for the webmaster which address to have added.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 * It takes the tenant's font, corner radius and default language from the
 * server (`GET /v1/tenants/{tenant}`); the page's own `--verein-*` properties
 * win over them.
 *
 * @summary Live/idle status of a Vereinsraum room.
 * @tagname verein-room-status
 *
 * @csspart dot - The dot: filled for live and idle, hollow for unknown; pulses while live (unless the visitor prefers reduced motion).
 * @csspart label - The text: the state (and how many are in the room), or an error message.
 * @csspart details - `variant="detailed"`: since when the meeting runs, and the time of the last answer; for a chat room (either variant) when it was last active.
 * @csspart logo - The tenant's logo at the start of the badge (unless `no-logo`).
 * @csspart webmaster - On a page the tenant does not allow: the disclosure that tells the webmaster which address the operator must add.
 *
 * @cssprop --verein-room-status-live-color - The dot while live (default: `--verein-color-success`, else #13702f).
 * @cssprop --verein-room-status-idle-color - The dot while idle (default: `--verein-color-muted`, else #4a4a4a).
 * @cssprop --verein-room-status-dot-size - Size of the dot (default 0.75em).
 * @cssprop --verein-room-status-logo-height - Height of the tenant's logo in the badge (default 1.5em).
 * @cssprop --verein-room-status-background - Background of the badge (default: `--verein-color-surface`, else #ffffff).
 * @cssprop --verein-color-success - The dot while live, unless `--verein-room-status-live-color` is set (default #13702f).
 * @cssprop --verein-color-surface - Background of the badge, unless `--verein-room-status-background` is set (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Border and details text (default #4a4a4a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-radius - Corner radius (default: the tenant's theme, else 0.5rem).
 * @cssprop --verein-font-family - Font (default: the tenant's theme, else the page's).
 */
export class VereinRoomStatus extends ReactiveElement {
  static override styles = [sharedStyles, styles];

  // Without decorators, like the other elements: fewer bundle bytes.
  static override properties: PropertyDeclarations = {
    room: { reflect: true },
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    variant: { reflect: true },
    hiddenWhenIdle: { type: Boolean, reflect: true, attribute: 'hidden-when-idle' },
    noLogo: { type: Boolean, reflect: true, attribute: 'no-logo' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    messages: { attribute: false },
    state: { reflect: true },
    report: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-room-status', registry: CustomElementRegistry = customElements): typeof VereinRoomStatus {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The room id, e.g. `training`. */
  room = '';

  /** Tenant id; default: from `<verein-config>`. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language, else the tenant's. */
  override lang = '';

  /** `badge`: dot and text. `detailed`: also since when the meeting runs, and how old the status is when the server has not answered lately. */
  variant: 'badge' | 'detailed' = 'badge';

  /** Hide the element while the room is idle (not while the status is unknown). Changes are still announced. */
  hiddenWhenIdle = false;

  /** Leave out the tenant's logo, which the badge shows first when the tenant has one. */
  noLogo = false;

  /** Where a proxy blocks live updates: how often to ask the server instead, in milliseconds. */
  pollInterval = 5000;

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: MessageOverrides;

  /** What the element shows (read-only, reflected as the `state` attribute for styling). */
  state: RoomStatusState = 'checking';

  /** The address, language and tenant (`<verein-config>`, the tenant's theme and details). */
  readonly #setup = new SetupController(this);
  /** The texts, one chunk per language, loaded when the element first speaks it. */
  readonly #chunks = new ChunkController(this);
  readonly #catalogues: Partial<Record<Locale, RoomStatusCatalogue>> = {};

  /** The feed's last report for the room. */
  private report?: StatusReport;
  /** What the screen-reader announcement region says: the last change. */
  #announcement = '';
  /** The room and polling interval watched now, as one key ('' when none). */
  #watching = '';
  #unwatch?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page: watch the room again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
    this.#watching = '';
  }

  /** Waits also for the catalogue being loaded, and the update it brings. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#chunks.settled(() => super.getUpdateComplete());
  }

  /** The catalogue of the element's language (loaded now if it is not), else one loaded before; `undefined` before the first. */
  get #catalogue(): RoomStatusCatalogue | undefined {
    const { locale } = this.#setup;
    const catalogue = this.#catalogues[locale];
    if (!catalogue && !this.#chunks.failed) {
      void this.#chunks.track(roomStatusCatalogues[locale]().then((loaded) => (this.#catalogues[locale] = loaded)));
    }
    return catalogue ?? this.#catalogues[locale === 'de' ? 'en' : 'de'];
  }

  get #t(): StatusMessages | undefined {
    const catalogue = this.#catalogue;
    return catalogue && withOverrides(catalogue.status, this.messages);
  }

  override willUpdate(): void {
    const address: RoomAddress = { endpoint: this.#setup.endpoint, tenant: this.#setup.tenant, room: this.room };
    const missing = this.#setup.missing({ room: this.room }).length > 0;
    const key = missing ? '' : `${address.endpoint}|${address.tenant}|${address.room}|${this.pollInterval}`;
    if (key !== this.#watching && this.isConnected) {
      this.#unwatch?.();
      this.#unwatch = undefined;
      this.report = undefined;
      this.#watching = key;
      if (key) this.#unwatch = watchRoomStatus(address, (report) => (this.report = report), this.pollInterval);
    }
    const { status, error } = this.report ?? {};
    const before = this.state;
    const t = this.#t;
    // Until its texts have arrived the element shows no answer yet: `checking`.
    this.state = !t
      ? 'checking'
      : missing || this.#setup.notAllowed || FINAL_CODES.includes(error?.code as string)
        ? 'error'
        : status?.chat
          ? 'chat'
          : (status?.state ?? (error ? 'unknown' : 'checking'));
    // Announce a change of state, not the first answer, and not every new count.
    if (t && before !== this.state && before !== 'checking' && this.state !== 'checking') this.#announcement = this.#label(t);
  }

  /** The badge's nodes, built at the first update. */
  #parts?: {
    badge: HTMLElement;
    logo: HTMLImageElement;
    dot: HTMLElement;
    label: HTMLElement;
    details: HTMLElement;
    announcer: HTMLElement;
  };

  #build() {
    const span = (className: string, part?: string) => {
      const element = document.createElement('span');
      element.className = className;
      if (part) element.setAttribute('part', part);
      return element;
    };
    const logo = document.createElement('img');
    logo.className = 'logo';
    logo.setAttribute('part', 'logo');
    logo.referrerPolicy = 'no-referrer';
    const parts = {
      badge: span('badge'),
      logo,
      dot: span('dot', 'dot'),
      label: span('label', 'label'),
      details: span('details', 'details'),
      announcer: span('visually-hidden'),
    };
    parts.announcer.setAttribute('role', 'status');
    return parts;
  }

  /** In place of the badge on a page the tenant does not allow. */
  #notice?: { view: HTMLElement; sorry: HTMLElement; summary: HTMLElement; fix: HTMLElement };

  #buildNotice() {
    const view = document.createElement('div');
    view.className = 'badge notice';
    view.setAttribute('part', 'label');
    const details = document.createElement('details');
    details.setAttribute('part', 'webmaster');
    const notice = {
      view,
      sorry: document.createElement('p'),
      summary: document.createElement('summary'),
      fix: document.createElement('p'),
    };
    details.append(notice.summary, notice.fix);
    view.append(notice.sorry, details);
    return notice;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const root = this.renderRoot;
    const t = this.#t;
    if (t && this.#setup.notAllowed) {
      // For visitors the element's text; for the webmaster which address to have added, behind a disclosure (built once: it keeps its open state).
      const webmaster = { ...this.#catalogue!.notAllowed, ...this.messages?.notAllowed };
      const notice = (this.#notice ??= this.#buildNotice());
      notice.sorry.textContent = t.errors.origin_not_allowed;
      notice.summary.textContent = webmaster.forWebmaster;
      notice.fix.textContent = webmaster.fix(location.origin, this.#setup.tenant);
      if (notice.view.parentNode !== root) root.replaceChildren(notice.view);
      return;
    }
    const parts = (this.#parts ??= this.#build());
    const status = this.report?.status;
    const locale = this.#setup.locale;
    const time = (iso: string, withDate?: boolean) =>
      new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(withDate ? { dateStyle: 'short' } : {}) }).format(new Date(iso));
    const last = status?.chat?.lastActivityAt;
    const details = t
      ? [
          last && t.lastActive(time(last, new Date(last).toDateString() !== new Date().toDateString())),
          this.variant === 'detailed' && status && status.state === 'live' && status.startedAt && t.since(time(status.startedAt)),
          this.variant === 'detailed' && status?.stale && t.asOf(time(status.checkedAt)),
        ]
          .filter(Boolean)
          .join(' · ')
      : '';
    // The tenant's logo: only http(s) images, asked for without a referrer.
    const info = this.#setup.info;
    const src = info?.logoUrl;
    const logo = !this.noLogo && src && /^https?:\/\//i.test(src);
    if (logo) {
      parts.logo.src = src;
      parts.logo.alt = info.name;
    }
    parts.label.textContent = t ? this.#label(t) : '';
    parts.details.textContent = details;
    parts.announcer.textContent = this.#announcement;
    const shown = [...(logo ? [parts.logo] : []), parts.dot, parts.label, ...(details ? [parts.details] : [])];
    if (shown.some((node, i) => parts.badge.childNodes[i] !== node) || parts.badge.childNodes.length !== shown.length) {
      parts.badge.replaceChildren(...shown);
    }
    if (parts.badge.parentNode !== root) root.replaceChildren(parts.badge, parts.announcer);
  }

  /** The visible text for the current state. */
  #label(t: StatusMessages): string {
    const { status, error } = this.report ?? {};
    const plural = (count: number) => new Intl.PluralRules(this.#setup.locale).select(count);
    switch (this.state) {
      case 'live':
        return status!.participants === null ? t.live : `${t.live} · ${t.people(status!.participants, plural(status!.participants))}`;
      case 'chat': {
        const { members } = status!.chat!;
        return `${t.chatRoom} · ${t.members(members, plural(members))}`;
      }
      case 'error':
        return error
          ? t.errors[error.code as keyof StatusMessages['errors']]
          : t.notConfigured(this.#setup.missing({ room: this.room }).join(', '));
      default:
        return t[this.state];
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-room-status': VereinRoomStatus;
  }
}
