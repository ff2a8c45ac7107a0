import { type OpenRoomCreated, isOpenRoomId, openRoomName } from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { solveChallenge } from '../../api/altcha.js';
import { createOpenRoom, fetchOpenRoom, fetchOpenRoomChallenge, VereinApiError } from '../../api/client.js';
import { VereinOpenedEvent } from './opened-event.js';
import { messagesFor } from '../../i18n/index.js';
import { type OpenRoomMessageOverrides, type OpenRoomMessages, openRoomMessagesFor } from '../../i18n/open-room.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { latestRun } from '../../internal/latest.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { blocked } from '../../tenant/brand.js';
import { SetupController } from '../../tenant/setup.js';
import { type KeptRoom, keepRoom, keptRooms } from './kept.js';
import { styles } from './open-room.styles.js';
import { type Current, HostPanel } from './host-panel.js';

/**
 * Where the element is: `idle` (the big button, and the conferences this
 * device keeps as host), `asking` (title and terms), `opening`, `host` (the
 * guest link, sharing, QR code, and the way in as host), `checking` (a
 * guest's link is looked up), `guest` (the conference's title and the way in),
 * `expired` (the link's conference expired or never existed: offers a new
 * one), `error` (opening failed).
 */
export type OpenRoomState = 'idle' | 'asking' | 'opening' | 'host' | 'checking' | 'guest' | 'expired' | 'error';

/**
 * A button that opens a conference at once on the city's server: the
 * visitor gives it a title if they like, agrees to the tenant's terms, and is
 * the host of a fresh room with a name nobody can guess. The element then
 * shows the link for the guests (to copy, to share through the device's share
 * sheet where there is one, and as a QR code made in the browser), the room's
 * name to read aloud, and once the host link, which it also keeps on this
 * device so the host can come back. The host goes in through a nested
 * `<verein-join-room>` (name, the tenant's privacy notice, the meeting in a
 * new tab or embedded, as `target` says).
 *
 * Guests open the link (`#open=<room>` on the same page): the element shows
 * the conference's title and the join button; guests give a name, agree, and
 * wait until the host is in, then come in without reloading. An expired link
 * says so and offers to open a new conference.
 *
 * With `kiosk` and a fixed `room` (a care-home tablet set up once by staff),
 * the element shows only the conference's title and one very large button.
 * The first tap shows the join button's form, where staff keep the name and
 * the agreement on the device (its "remember" choices); from then on one tap
 * joins, without the form, and after the meeting the big button is back.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 * Its `define` entry also registers `<verein-join-room>`, which it nests.
 *
 * @summary Open a conference now: anyone hosts, guests need nothing.
 * @tagname verein-open-room
 *
 * @fires {VereinOpenedEvent} verein-opened - A conference was opened; the visitor is its host.
 *
 * @csspart button - The big "Start a new conference" button (and the other buttons of the element).
 * @csspart form - The form with the title and the terms.
 * @csspart panel - The host's panel: name, guest link, sharing, QR code, host link.
 * @csspart qr - The QR code of the guest link (an SVG).
 * @csspart join - The nested `<verein-join-room>`.
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-open-room-max-width - Widest the element gets (default 36rem; none in kiosk mode).
 * @cssprop --verein-open-room-qr-size - Width of the QR code (default 16rem).
 * @cssprop --verein-open-room-kiosk-size - Type size in kiosk mode (default 2rem).
 */
export class VereinOpenRoom extends LitElement {
  static override styles = [sharedStyles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    target: { reflect: true },
    room: { reflect: true },
    kiosk: { type: Boolean, reflect: true },
    messages: { attribute: false },
    state: { reflect: true },
    errorCode: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-open-room', registry: CustomElementRegistry = customElements): typeof VereinOpenRoom {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Tenant id; default: from `<verein-config>`. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /** Where the meeting opens, as `<verein-join-room>`'s `target`: `_blank`, `_self` or `embed`. */
  target: '_blank' | '_self' | 'embed' = '_blank';

  /** A fixed conference (`o-…`) instead of the page's `#open=`: for `kiosk`. */
  room = '';

  /**
   * A tablet's page: the fixed `room`, very large type and targets, one big
   * button that joins with one tap once the name and the agreement are kept
   * on the device; the meeting opens inside the page (`embed`), and when it
   * ends the big button is back.
   */
  kiosk = false;

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: OpenRoomMessageOverrides;

  /** Where the element is (read-only, reflected as the `state` attribute for styling). */
  state: OpenRoomState = 'idle';

  readonly #setup = new SetupController(this);
  readonly #moveFocus = focusAfterUpdate(this);
  readonly #runs = latestRun();
  private errorCode: keyof OpenRoomMessages['errors'] | 'expired' | 'notFound' | null = null;
  /** The host's panel: the guest link to copy, share or show as a QR code, the host link once. */
  #panel = new HostPanel(this);
  /** The conference shown (host or guest). */
  #current?: Current;
  /** The answer of the opening on this page: the host link is shown only then. */
  #created?: OpenRoomCreated;
  /** The endpoint, tenant and room the conference was looked up for. */
  #looked = '';
  #abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#hashChanged);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#hashChanged);
    this.#abort?.abort();
  }

  get #t(): OpenRoomMessages {
    return openRoomMessagesFor(this.#setup.locale, this.messages);
  }

  /** The conference of the element (`room`) or of the page (`#open=`), and a host token the page brought. */
  get #fromPage(): { room: string; host: string } {
    const hash = new URLSearchParams(location.hash.slice(1));
    const room = this.room || hash.get('open') || '';
    return { room: isOpenRoomId(room) ? room : '', host: hash.get('host') ?? '' };
  }

  /** Before each update: a conference named by the page or the element is looked up once per server, tenant and room. */
  override willUpdate(): void {
    const { endpoint, tenant } = this.#setup;
    const { room, host } = this.#fromPage;
    if (!endpoint || !tenant || !room || ['asking', 'opening', 'host'].includes(this.state)) return;
    const key = `${endpoint} ${tenant} ${room}`;
    if (key === this.#looked) return;
    this.#looked = key;
    if (host) {
      // A host link: kept on this device, and taken out of the address bar, so that it is not passed on with the page.
      keepRoom(endpoint, tenant, room, { room, token: host, title: null, name: openRoomName(room) });
      history.replaceState(history.state, '', `#open=${room}`);
    }
    void this.#lookUp(room);
  }

  override render() {
    const t = this.#t;
    const setup = this.#setup;
    const gate = blocked(setup, messagesFor(setup.locale), setup.missing());
    if (gate) return gate;
    switch (this.state) {
      case 'asking':
        return this.#renderForm(t);
      case 'opening':
      case 'checking':
        return html`<p class="message" part="message" role="status">${this.state === 'opening' ? t.opening : t.checking}</p>`;
      case 'host':
        return this.#renderHost(t);
      case 'guest':
        return this.#renderGuest(t);
      case 'expired':
      case 'error':
        return html`<div class="message" part="message" role="alert">
            <p class="error">${this.errorCode === 'expired' || this.errorCode === 'notFound' ? t[this.errorCode] : t.errors[this.errorCode ?? 'unknown']}</p>
          </div>
          ${this.#openButton(t)}`;
      default:
        return html`${this.#openButton(t)}${this.#renderKept(t)}`;
    }
  }

  #openButton(t: OpenRoomMessages) {
    return html`<button class="button big" part="button" type="button" @click=${this.#ask}>${t.open}</button>`;
  }

  #renderKept(t: OpenRoomMessages) {
    if (this.kiosk) return nothing;
    const kept = keptRooms(this.#setup.endpoint, this.#setup.tenant);
    if (kept.length === 0) return nothing;
    return html`<section aria-labelledby="kept-title">
      <h3 id="kept-title">${t.keptTitle}</h3>
      <ul class="kept">
        ${kept.map(
          (k) => html`<li class="row">
            <button class="button secondary" type="button" @click=${() => this.#back(k)}>${t.backAsHost(k.title ?? k.name)}</button>
            <button class="link-button" type="button" aria-label=${`${t.forget}: ${k.title ?? k.name}`} @click=${() => this.#forget(k.room)}
              >${t.forget}</button
            >
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderForm(t: OpenRoomMessages) {
    const info = this.#setup.info;
    const policy = info?.privacyPolicyUrl;
    return html`<form part="form" @submit=${this.#open} aria-labelledby="form-title">
      <h2 id="form-title" tabindex="-1">${t.formTitle}</h2>
      <div class="field">
        <label for="title">${t.titleLabel}</label>
        <input id="title" name="title" maxlength="80" autocomplete="off" aria-describedby="title-hint" />
        <p id="title-hint" class="hint">${t.titleHint}</p>
      </div>
      ${info ? html`<p class="terms">${t.terms(info.name)}</p>` : nothing}
      ${info?.privacyNotice ? html`<p class="hint">${info.privacyNotice[this.#setup.locale]}</p>` : nothing}
      ${
        policy && /^https?:/i.test(policy)
          ? html`<p>
              <a class="policy" href=${policy} target="_blank" rel="noopener"
                >${t.privacyPolicy}<span class="visually-hidden"> ${messagesFor(this.#setup.locale).newTab}</span></a
              >
            </p>`
          : nothing
      }
      <div class="row">
        <button class="button" part="button" type="submit">${t.agreeAndOpen}</button>
        <button class="button secondary" type="button" @click=${this.#reset}>${t.cancel}</button>
      </div>
    </form>`;
  }

  #renderHost(t: OpenRoomMessages) {
    const current = this.#current!;
    if (this.kiosk) return this.#renderKiosk(t, current);
    // The links the server made, when this page just opened the conference.
    const created = this.#created?.room === current.room ? this.#created : undefined;
    const guestUrl = created?.guestUrl || `${location.href.split('#')[0]}#open=${current.room}`;
    return this.#panel.render(t, current, guestUrl, created?.hostUrl, this.#join(current, t.enterAsHost));
  }

  #renderGuest(t: OpenRoomMessages) {
    const current = this.#current!;
    if (this.kiosk) return this.#renderKiosk(t, current);
    return html`<section class="panel" part="panel" aria-labelledby="guest-title">
      <h2 id="guest-title">${current.title ?? t.conference(current.name)}</h2>
      ${current.title ? html`<p class="hint">${t.conference(current.name)}</p>` : nothing}
      ${this.#join(current, t.enterAsGuest)}
    </section>`;
  }

  #renderKiosk(t: OpenRoomMessages, current: Current) {
    return html`<h2>${current.title ?? current.name}</h2>
      ${this.#join(current, t.kioskJoin)}`;
  }

  /**
   * The nested join button (`<verein-join-room>`, defined by this element's
   * `define` entry): name, privacy notice, waiting for the host, the meeting
   * where `target` says; the host with the kept token, a guest without.
   */
  #join(current: Current, label: string) {
    const setup = this.#setup;
    return html`<verein-join-room
      part="join"
      .endpoint=${setup.endpoint}
      .tenant=${setup.tenant}
      .lang=${setup.locale}
      .target=${this.kiosk ? 'embed' : this.target}
      .room=${current.room}
      .invite=${current.token ?? ''}
      .oneTap=${this.kiosk}
      >${label}</verein-join-room
    >`;
  }

  readonly #hashChanged = (): void => {
    this.#looked = '';
    if (['checking', 'guest', 'host', 'expired'].includes(this.state) || this.#fromPage.room) this.state = 'idle';
    this.requestUpdate();
  };

  #ask(): void {
    this.errorCode = null;
    this.state = 'asking';
    this.#moveFocus('#form-title');
  }

  #reset(): void {
    this.#abort?.abort();
    this.state = 'idle';
    this.#moveFocus('button[part="button"]');
  }

  /** Look up the page's conference: host with a kept token, else guest; expired or unknown. */
  async #lookUp(room: string): Promise<void> {
    const { endpoint, tenant } = this.#setup;
    const current = this.#runs();
    this.state = 'checking';
    try {
      const info = await fetchOpenRoom({ endpoint, tenant, room });
      if (!current()) return;
      const kept = keptRooms(endpoint, tenant).find((k) => k.room === room);
      if (kept) keepRoom(endpoint, tenant, room, { ...kept, title: info.title });
      this.#current = { room, title: info.title, name: info.name, ...(kept ? { token: kept.token } : {}) };
      this.state = kept ? 'host' : 'guest';
    } catch (error) {
      if (!current()) return;
      const code = error instanceof VereinApiError ? error.code : 'unknown';
      this.errorCode = code === 'open_room_expired' ? 'expired' : code === 'room_not_found' ? 'notFound' : this.#errorOf(code);
      this.state = code === 'open_room_expired' || code === 'room_not_found' ? 'expired' : 'error';
    }
  }

  /** The form was sent: solve the proof of work, open the conference, keep the host link, show the host's panel. */
  async #open(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const title = new FormData(event.target as HTMLFormElement).get('title')?.toString().trim() ?? '';
    const address = { endpoint: this.#setup.endpoint, tenant: this.#setup.tenant };
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.state = 'opening';
    try {
      const altcha = await solveChallenge(await fetchOpenRoomChallenge(address, abort.signal), abort.signal);
      const page = /^https?:$/.test(location.protocol) ? { page: location.href.split('#')[0] } : {};
      const created = await createOpenRoom(address, { altcha, ...(title ? { title } : {}), ...page }, abort.signal);
      if (abort.signal.aborted) return;
      this.#created = created;
      const kept: KeptRoom = { room: created.room, token: created.hostToken, title: created.title, name: created.name };
      keepRoom(address.endpoint, address.tenant, created.room, kept);
      this.#current = kept;
      this.#looked = `${address.endpoint} ${address.tenant} ${created.room}`;
      this.#panel = new HostPanel(this);
      this.state = 'host';
      this.#moveFocus('#host-title');
      this.dispatchEvent(new VereinOpenedEvent({ tenant: address.tenant, room: created.room }));
    } catch (error) {
      if (abort.signal.aborted) return;
      this.errorCode = this.#errorOf(error instanceof VereinApiError ? error.code : 'unknown');
      this.state = 'error';
      this.#moveFocus('button[part="button"]');
    }
  }

  #errorOf(code: string): keyof OpenRoomMessages['errors'] {
    return code in this.#t.errors ? (code as keyof OpenRoomMessages['errors']) : 'unknown';
  }

  #back(kept: KeptRoom): void {
    this.#current = kept;
    this.#looked = '';
    history.replaceState(history.state, '', `#open=${kept.room}`);
    this.state = 'idle';
    this.requestUpdate();
  }

  #forget(room: string): void {
    keepRoom(this.#setup.endpoint, this.#setup.tenant, room, null);
    this.requestUpdate();
    this.#moveFocus('button[part="button"]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-open-room': VereinOpenRoom;
  }
}
