import { consume } from '@lit/context';
import { checkDisplayName, DISPLAY_NAME_MAX, ACCESS_CODE_MAX, type Role } from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { fetchRoomStatus, joinRoom, type RoomAddress, VereinApiError } from '../../api/client.js';
import { type VereinConfigValue, vereinConfigContext } from '../../context.js';
import { VereinErrorEvent, VereinJoinedEvent, VereinJoinEvent } from '../../events.js';
import { type ClientErrorCode, type MessageOverrides, type Messages, messagesFor, resolveLocale } from '../../i18n/index.js';
import { sharedStyles } from '../../styles/shared.js';
import { styles } from './join-room.styles.js';

/**
 * Where the element is in the join flow:
 * `idle` (the button), `asking` (name form), `joining`, `waiting` (for the
 * meeting to start), `ready` (started; a link to open it), `opened` (in a new
 * tab), `error`.
 */
export type JoinState = 'idle' | 'asking' | 'joining' | 'waiting' | 'ready' | 'opened' | 'error';

const NAME_KEY = 'vereinsraum.displayName';
const SERVER_FIELD_CODES: readonly string[] = ['access_code_required', 'access_code_invalid', 'too_many_attempts', 'invalid_input'];
/** While waiting, these only mean "not now": keep asking. */
const PASSING_ERRORS: readonly string[] = ['network_error', 'upstream_unavailable'];

/**
 * A join button for one room. A click asks for the visitor's name (and an
 * access code if they have one), then opens the meeting. If the meeting has
 * not started yet, the element waits and joins by itself when it does.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 *
 * @summary Join button for a Vereinsraum room.
 * @tagname verein-join-room
 *
 * @slot - The button's label. Default: "Beitreten" / "Join".
 *
 * @fires {VereinJoinEvent} verein-join - The visitor asked to join (cancelable).
 * @fires {VereinJoinedEvent} verein-joined - The meeting was opened.
 * @fires {VereinErrorEvent} verein-error - Something went wrong; the element shows the message.
 *
 * @csspart button - The join button.
 * @csspart form - The name form.
 * @csspart input - The text fields (name, access code).
 * @csspart message - The status text (waiting, opened, error).
 * @csspart link - The link that opens a meeting that has started.
 *
 * @cssprop --verein-color-primary - Buttons and links (default #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default 0.5rem).
 * @cssprop --verein-font-family - Font (default: the page's).
 * @cssprop --verein-join-room-max-width - Widest the form gets (default 28rem).
 */
export class VereinJoinRoom extends LitElement {
  static override styles = [sharedStyles, styles];

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-join-room', registry: CustomElementRegistry = customElements): typeof VereinJoinRoom {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The room id, e.g. `training`. */
  @property({ reflect: true }) room = '';

  /** Tenant id; default: from `<verein-config>`. */
  @property({ reflect: true }) tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  @property({ reflect: true }) endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  @property() override lang = '';

  /** Where the meeting opens: `_blank` (a new tab) or `_self` (this tab). */
  @property({ reflect: true }) target: '_blank' | '_self' = '_blank';

  /** Show the access-code field from the start instead of behind "I have an access code". */
  @property({ type: Boolean, reflect: true, attribute: 'ask-access-code' }) askAccessCode = false;

  /** How often to ask whether the meeting has started while waiting, in milliseconds. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 5000;

  /** Replace any of the texts; merged over the German or English catalogue. */
  @property({ attribute: false }) messages?: MessageOverrides;

  /** Where the element is in the join flow (read-only, reflected as the `state` attribute for styling). */
  @property({ reflect: true }) state: JoinState = 'idle';

  @consume({ context: vereinConfigContext, subscribe: true })
  @state()
  private config: VereinConfigValue = {};

  @state() private errorCode: ClientErrorCode | null = null;
  @state() private fieldError: { field: 'displayName' | 'accessCode'; code: ClientErrorCode } | null = null;
  @state() private showCode = false;
  @state() private meetingUrl = '';
  @state() private displayName = '';
  @state() private remember = false;

  @query('#code') private codeInput?: HTMLInputElement;

  private abort?: AbortController;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private focusAfterRender?: string;
  private errorStatus = 0;
  private joinedRole: Role = 'attendee';
  /** What to send again once the meeting has started. */
  private pendingJoin?: { displayName: string; accessCode: string };

  override connectedCallback(): void {
    super.connectedCallback();
    const saved = readSavedName();
    if (saved) {
      this.displayName = saved;
      this.remember = true;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed from the page: stop asking the server, and start afresh if it comes back.
    this.stopWaiting();
    if (this.state === 'joining' || this.state === 'waiting') this.state = 'idle';
  }

  private get address(): RoomAddress {
    return {
      endpoint: this.endpoint || this.config.endpoint || '',
      tenant: this.tenant || this.config.tenant || '',
      room: this.room,
    };
  }

  /** What is missing for the element to work, for the webmaster. */
  private get missing(): string[] {
    const { endpoint, tenant, room } = this.address;
    return Object.entries({ endpoint, tenant, room })
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  private get t(): Messages {
    return messagesFor(resolveLocale(this, this.config.lang), this.messages);
  }

  override render() {
    const t = this.t;
    const missing = this.missing;
    if (missing.length > 0) {
      return html`<p class="message error" part="message" role="alert">${t.notConfigured(missing.join(', '))}</p>`;
    }
    return html`
      <button class="button" part="button" type="button" ?hidden=${this.state !== 'idle'} @click=${this.ask}>
        <slot>${t.join}</slot>
      </button>
      ${this.state === 'asking' ? this.renderForm(t) : nothing}
      <div class="status" role="status">${this.renderStatus(t)}</div>
      ${this.state === 'error' && this.errorCode
        ? html`<div class="message error" part="message" role="alert">
            <p>${errorText(t, this.errorCode)}</p>
            <button class="button secondary" type="button" @click=${this.ask}>${t.retry}</button>
          </div>`
        : nothing}
    `;
  }

  private renderForm(t: Messages) {
    const nameError = this.fieldError?.field === 'displayName' ? this.fieldError.code : null;
    const codeError = this.fieldError?.field === 'accessCode' ? this.fieldError.code : null;
    return html`
      <form part="form" novalidate @submit=${this.submit}>
        <div class="field">
          <label for="name">${t.nameLabel}</label>
          <input
            id="name"
            part="input"
            name="displayName"
            autocomplete="name"
            required
            maxlength=${DISPLAY_NAME_MAX}
            .value=${this.displayName}
            aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby=${nameError ? 'name-error name-hint' : 'name-hint'}
            @input=${(e: InputEvent) => (this.displayName = (e.target as HTMLInputElement).value)}
          />
          <p id="name-hint" class="hint">${t.nameHint}</p>
          ${nameError ? html`<p id="name-error" class="field-error">${errorText(t, nameError)}</p>` : nothing}
        </div>
        <div class="check">
          <input
            id="remember"
            type="checkbox"
            .checked=${this.remember}
            @change=${(e: Event) => (this.remember = (e.target as HTMLInputElement).checked)}
          />
          <label for="remember">${t.remember}</label>
        </div>
        ${this.showCode || this.askAccessCode
          ? html`<div class="field">
              <label for="code">${t.codeLabel}</label>
              <input
                id="code"
                part="input"
                name="accessCode"
                autocomplete="off"
                maxlength=${ACCESS_CODE_MAX}
                aria-invalid=${codeError ? 'true' : 'false'}
                aria-describedby=${codeError ? 'code-error' : nothing}
              />
              ${codeError ? html`<p id="code-error" class="field-error">${errorText(t, codeError)}</p>` : nothing}
            </div>`
          : html`<button class="link-button" type="button" @click=${this.revealCode}>${t.haveCode}</button>`}
        <div class="actions">
          <button class="button" type="submit">${t.submit}</button>
          <button class="button secondary" type="button" @click=${this.reset}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  private renderStatus(t: Messages) {
    const linkTarget = this.target === '_self' ? '_self' : '_blank';
    const meetingLink = (label: string) =>
      html`<a class="button" part="link" href=${this.meetingUrl} target=${linkTarget} rel="noopener noreferrer" @click=${this.linkOpened}
        >${label}${linkTarget === '_blank' ? html`<span class="visually-hidden"> ${t.newTab}</span>` : nothing}</a
      >`;
    switch (this.state) {
      case 'joining':
        return html`<p class="message" part="message">${t.joining}</p>`;
      case 'waiting':
        return html`<p class="message" part="message">${t.waiting}</p>
          <button class="button secondary" type="button" @click=${this.reset}>${t.stopWaiting}</button>`;
      case 'ready':
        return html`<p class="message" part="message">${t.ready}</p>
          ${meetingLink(t.openMeeting)}`;
      case 'opened':
        return html`<p class="message" part="message">${t.opened}</p>
          ${meetingLink(t.openAgain)}`;
      default:
        return nothing;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('state') && this.state === 'error' && this.errorCode) {
      const message = errorText(this.t, this.errorCode);
      this.dispatchEvent(new VereinErrorEvent({ code: this.errorCode, status: this.errorStatus, message }));
    }
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  private ask(): void {
    this.stopWaiting();
    this.errorCode = null;
    this.state = 'asking';
    this.focusAfterRender = this.fieldError?.field === 'accessCode' ? '#code' : '#name';
  }

  private reset(): void {
    this.stopWaiting();
    this.fieldError = null;
    this.errorCode = null;
    this.state = 'idle';
    this.focusAfterRender = 'button[part="button"]';
  }

  private revealCode(): void {
    this.showCode = true;
    this.focusAfterRender = '#code';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const displayName = this.displayName.trim();
    const problem = checkDisplayName(displayName);
    if (problem) {
      this.fieldError = { field: 'displayName', code: `name_${problem}` as ClientErrorCode };
      this.focusAfterRender = '#name';
      this.requestUpdate();
      return;
    }
    this.fieldError = null;
    saveName(this.remember ? displayName : null);
    const accessCode = this.codeInput?.value.trim() ?? '';
    const address = this.address;
    const intent = new VereinJoinEvent({ tenant: address.tenant, room: address.room, displayName });
    if (!this.dispatchEvent(intent)) {
      this.reset();
      return;
    }
    this.state = 'joining';
    await this.join(displayName, accessCode, true);
  }

  /** Ask the server for a way in; `gesture` says the visitor just clicked (a new tab may open). */
  private async join(displayName: string, accessCode: string, gesture: boolean): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const answer = await joinRoom(this.address, { displayName, ...(accessCode ? { accessCode } : {}) }, abort.signal);
      if (abort.signal.aborted) return;
      if ('waiting' in answer) {
        this.state = 'waiting';
        this.focusAfterRender = '.status button';
        this.pendingJoin = { displayName, accessCode };
        this.schedulePoll();
        return;
      }
      this.open(answer.url, answer.role, gesture);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.fail(error);
    }
  }

  private schedulePoll(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.poll(), this.pollInterval);
  }

  private async poll(): Promise<void> {
    const pending = this.pendingJoin;
    if (this.state !== 'waiting' || !pending) return;
    const abort = (this.abort = new AbortController());
    try {
      const status = await fetchRoomStatus(this.address, abort.signal);
      if (abort.signal.aborted || this.state !== 'waiting') return;
      if (status.state === 'live') {
        await this.join(pending.displayName, pending.accessCode, false);
        return;
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      // A passing network or conference-server problem while waiting is no reason to give up.
      if (!(error instanceof VereinApiError && PASSING_ERRORS.includes(error.code))) {
        this.fail(error);
        return;
      }
    }
    this.schedulePoll();
  }

  private stopWaiting(): void {
    clearTimeout(this.pollTimer);
    this.abort?.abort();
    this.pendingJoin = undefined;
  }

  private open(url: string, role: Role, gesture: boolean): void {
    this.meetingUrl = url;
    this.pendingJoin = undefined;
    const address = this.address;
    if (this.target === '_self') {
      this.dispatchEvent(new VereinJoinedEvent({ tenant: address.tenant, room: address.room, role, target: '_self' }));
      window.location.assign(url);
      return;
    }
    // Without a recent click the browser blocks new tabs: show a link instead.
    const tab = gesture ? window.open(url, '_blank') : null;
    if (tab) {
      tab.opener = null;
      this.state = 'opened';
      this.focusAfterRender = 'a[part="link"]';
      this.dispatchEvent(new VereinJoinedEvent({ tenant: address.tenant, room: address.room, role, target: '_blank' }));
    } else {
      this.joinedRole = role;
      this.state = 'ready';
      // Bring focus to the link, unless the visitor is busy elsewhere on the page.
      if (gesture || this.matches(':focus-within')) this.focusAfterRender = 'a[part="link"]';
    }
  }

  private linkOpened(): void {
    if (this.state !== 'ready') return;
    const address = this.address;
    this.dispatchEvent(
      new VereinJoinedEvent({ tenant: address.tenant, room: address.room, role: this.joinedRole, target: this.target }),
    );
    if (this.target !== '_self') this.state = 'opened';
  }

  private fail(error: unknown): void {
    if (!this.isConnected) return;
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.errorStatus = error instanceof VereinApiError ? error.status : 0;
    if (SERVER_FIELD_CODES.includes(code) && error instanceof VereinApiError && error.field) {
      // A problem with what the visitor typed: back to the form, next to the field.
      const field = error.field === 'accessCode' ? 'accessCode' : 'displayName';
      this.showCode ||= field === 'accessCode';
      const fieldCode = code !== 'invalid_input' ? code : field === 'accessCode' ? 'access_code_invalid' : 'name_missing';
      this.fieldError = { field, code: fieldCode as ClientErrorCode };
      this.state = 'asking';
      this.focusAfterRender = field === 'accessCode' ? '#code' : '#name';
      return;
    }
    this.errorCode = (code in this.t.errors ? code : 'unknown') as ClientErrorCode;
    this.state = 'error';
    this.focusAfterRender = '.error button';
  }
}

/** The visitor's text for an error code; the generic one for codes without their own. */
function errorText(t: Messages, code: ClientErrorCode): string {
  return t.errors[code as keyof Messages['errors']] ?? t.errors.unknown;
}

function readSavedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keep the name only if the visitor agreed; forget it otherwise. */
function saveName(name: string | null): void {
  try {
    if (name) localStorage.setItem(NAME_KEY, name);
    else localStorage.removeItem(NAME_KEY);
  } catch {
    // Storage may be blocked (private mode); remembering is optional.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-join-room': VereinJoinRoom;
  }
}
