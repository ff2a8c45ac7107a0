import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { BOOKING_LIMITS, type AdminBooking } from '@vereinsraum/protocol';
import { decideBooking, listBookings, VereinApiError } from '../../api/client.js';
import { type VereinConfigValue, vereinConfigContext } from '../../context.js';
import { VereinBookingErrorEvent } from '../../events.js';
import { bookingMessagesFor } from '../../i18n/booking.js';
import type { BookingErrorCode, BookingMessageOverrides, BookingMessages } from '../../i18n/booking-messages.js';
import { resolveLocale } from '../../i18n/index.js';
import { sharedStyles } from '../../styles/shared.js';
import { TenantController } from '../../tenant/theme.js';
import { styles } from './booking-admin.styles.js';

/** Where the operator is: `signed-out` (the token form), `loading`, `list`, `error`. */
export type BookingAdminState = 'signed-out' | 'loading' | 'list' | 'error';

const TOKEN_KEY = 'vereinsraum.adminToken';

/**
 * For operators: the pending booking requests, each with approve and reject
 * (with an optional reason). Asks for the admin token once per browser tab
 * (`sessionStorage`, never `localStorage`); a refused token asks again.
 *
 * The server's admin API answers only pages of its own origin: put this
 * element on a page served at the server helper's address (or with the
 * helper behind the same origin, e.g. a reverse proxy for `/v1/admin/`).
 *
 * With a `tenant` (its own or from `<verein-config>`) it takes that tenant's
 * colours, font, corner radius and default language from the server; the
 * page's own `--verein-*` properties win over them.
 *
 * @summary Approve or reject booking requests (for operators).
 * @tagname verein-booking-admin
 *
 * @fires {VereinBookingErrorEvent} verein-booking-error - The server refused (e.g. `unauthorized`) or could not be reached.
 *
 * @csspart form - The token form and the reject form.
 * @csspart input - The token and reason fields.
 * @csspart button - The buttons.
 * @csspart table - The table of requests.
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-color-primary - Buttons and links (default: the tenant's theme, else #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default: the tenant's theme, else #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints and borders (default #4a4a4a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-color-surface - Background of the fields (default #ffffff).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default: the tenant's theme, else 0.5rem).
 * @cssprop --verein-font-family - Font (default: the tenant's theme, else the page's).
 */
export class VereinBookingAdmin extends LitElement {
  static override styles = [sharedStyles, styles];

  static override properties: PropertyDeclarations = {
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    bookings: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    rejecting: { state: true, attribute: false },
    notice: { state: true, attribute: false },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-booking-admin', registry: CustomElementRegistry = customElements): typeof VereinBookingAdmin {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Only this tenant's requests; default: from `<verein-config>`, else all the token may see. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language, else the tenant's. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: BookingMessageOverrides;

  /** Where the operator is (read-only, reflected). */
  state: BookingAdminState = 'signed-out';

  private readonly configConsumer = new ContextConsumer(this, { context: vereinConfigContext, subscribe: true });
  private readonly tenantInfo = new TenantController(this, () => ({ endpoint: this.endpointUrl, tenant: this.tenantId }));
  private bookings: AdminBooking[] = [];
  private problem: BookingErrorCode | null = null;
  /** The booking whose reject form is open. */
  private rejecting = '';
  private notice = '';
  private started = false;
  private focusAfterRender?: string;

  private get config(): VereinConfigValue {
    return this.configConsumer.value ?? {};
  }

  private get endpointUrl(): string {
    return this.endpoint || this.config.endpoint || '';
  }

  private get tenantId(): string {
    return this.tenant || this.config.tenant || '';
  }

  private get locale() {
    return resolveLocale(this, this.config.lang, this.tenantInfo.info?.defaultLanguage);
  }

  private get t(): BookingMessages {
    return bookingMessagesFor(this.locale, this.messages);
  }

  override willUpdate(): void {
    if (this.started || !this.endpointUrl) return;
    this.started = true;
    if (readToken()) void this.load();
  }

  override render() {
    const t = this.t;
    if (!this.endpointUrl) return html`<p class="message error" part="message" role="alert">${t.notConfigured('endpoint')}</p>`;
    const problem = this.problem
      ? html`<div id="problem" class="message error" part="message" role="alert" tabindex="-1">
          <p>${this.problem === 'origin_not_allowed' ? t.admin.wrongOrigin : (t.errors[this.problem] ?? t.errors.unknown)}</p>
        </div>`
      : nothing;
    if (this.state === 'signed-out') {
      return html`${problem}
        <form part="form" @submit=${this.signIn}>
          <div class="field">
            <label for="token">${t.admin.tokenLabel}</label>
            <p id="token-hint" class="hint">${t.admin.tokenHint}</p>
            <input id="token" part="input" name="token" type="password" autocomplete="off" required aria-describedby="token-hint" />
          </div>
          <div class="actions"><button class="button" part="button" type="submit">${t.admin.signIn}</button></div>
        </form>`;
    }
    return html`
      <div class="bar">
        <h2 id="title" tabindex="-1">${t.admin.title}</h2>
        <div class="actions">
          <button class="button secondary" part="button" type="button" @click=${this.load}>${t.admin.reload}</button>
          <button class="button secondary" part="button" type="button" @click=${this.signOut}>${t.admin.signOut}</button>
        </div>
      </div>
      ${problem}
      <div class="status" role="status">
        ${this.state === 'loading' ? html`<p class="message" part="message">${t.loading}</p>` : nothing}
        ${this.notice ? html`<p class="message" part="message">${this.notice}</p>` : nothing}
      </div>
      ${this.state === 'list' && this.bookings.length === 0 ? html`<p class="message" part="message">${t.admin.empty}</p>` : nothing}
      ${this.bookings.length > 0 ? this.renderTable(t) : nothing}
    `;
  }

  private renderTable(t: BookingMessages) {
    const format = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' });
    return html`<table part="table" aria-labelledby="title">
      <thead>
        <tr>
          <th scope="col">${t.admin.when}</th>
          <th scope="col">${t.admin.what}</th>
          <th scope="col">${t.admin.contact}</th>
          <th scope="col">${t.admin.participants}</th>
          <th scope="col">${t.admin.actions}</th>
        </tr>
      </thead>
      <tbody>
        ${this.bookings.map(
          (b) => html`<tr>
            <td>
              <ul>
                ${b.dates.map((d) => html`<li>${format.format(new Date(d.start))} – ${time.format(new Date(d.end))}</li>`)}
              </ul>
            </td>
            <th scope="row" id="b-${b.id}">
              ${b.title}<br /><span class="hint">${b.organisation}${b.kind === 'chat' ? ` · ${t.admin.chatRoom}` : ''}</span>
            </th>
            <td>
              ${b.contactName ?? ''}${b.contactEmail ? html`<br /><a href="mailto:${b.contactEmail}">${b.contactEmail}</a>` : nothing}
            </td>
            <td>${b.expectedParticipants ?? ''}</td>
            <td>
              ${this.rejecting === b.id
                ? html`<form part="form" class="reject" @submit=${(e: Event) => this.reject(e, b)}>
                    <label for="reason-${b.id}">${t.admin.reason}</label>
                    <textarea id="reason-${b.id}" part="input" name="reason" rows="2" maxlength=${BOOKING_LIMITS.reasonMax}></textarea>
                    <div class="actions">
                      <button class="button danger" part="button" type="submit" aria-describedby="b-${b.id}">${t.admin.confirmReject}</button>
                      <button class="button secondary" part="button" type="button" @click=${() => this.closeReject(b)}>${t.admin.keep}</button>
                    </div>
                  </form>`
                : html`<div class="actions">
                    <button class="button" part="button" type="button" aria-describedby="b-${b.id}" @click=${() => this.approve(b)}>
                      ${t.admin.approve}
                    </button>
                    <button id="reject-${b.id}" class="button secondary" part="button" type="button" aria-describedby="b-${b.id}" @click=${() => this.openReject(b)}>
                      ${t.admin.reject}
                    </button>
                  </div>`}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override updated(): void {
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  private signIn(event: Event): void {
    event.preventDefault();
    const token = this.renderRoot.querySelector<HTMLInputElement>('#token')!.value.trim();
    if (!token) return;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Blocked storage: keep it in memory for as long as the page lives.
    }
    this.memoryToken = token;
    this.focusAfterRender = '#title';
    void this.load();
  }

  /** Used when sessionStorage is blocked. */
  private memoryToken = '';

  private get token(): string {
    return readToken() || this.memoryToken;
  }

  private signOut(): void {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Nothing stored.
    }
    this.memoryToken = '';
    this.bookings = [];
    this.problem = null;
    this.notice = '';
    this.state = 'signed-out';
    this.focusAfterRender = '#token';
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    this.problem = null;
    try {
      this.bookings = await listBookings(this.endpointUrl, this.token, 'pending', this.tenantId);
      this.state = 'list';
    } catch (error) {
      this.fail(error);
    }
  }

  private async approve(b: AdminBooking): Promise<void> {
    await this.decide(b, 'approve');
  }

  private openReject(b: AdminBooking): void {
    this.rejecting = b.id;
    this.focusAfterRender = `#reason-${b.id}`;
  }

  private closeReject(b: AdminBooking): void {
    this.rejecting = '';
    this.focusAfterRender = `#reject-${b.id}`;
  }

  private async reject(event: Event, b: AdminBooking): Promise<void> {
    event.preventDefault();
    const reason = (event.target as HTMLFormElement).querySelector('textarea')!.value.trim();
    await this.decide(b, 'reject', reason);
  }

  private async decide(b: AdminBooking, decision: 'approve' | 'reject', reason = ''): Promise<void> {
    this.problem = null;
    try {
      await decideBooking(this.endpointUrl, this.token, b.id, decision, reason);
      this.bookings = this.bookings.filter((x) => x.id !== b.id);
      this.rejecting = '';
      this.notice = decision === 'approve' ? this.t.admin.approved(b.title) : this.t.admin.rejected(b.title);
      this.focusAfterRender = '#title';
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.dispatchEvent(new VereinBookingErrorEvent({ code }));
    this.problem = (code in this.t.errors ? code : 'unknown') as BookingErrorCode;
    if (code === 'unauthorized') {
      // A wrong or withdrawn token: ask for it again.
      this.signOut();
      this.problem = 'unauthorized';
      return;
    }
    this.state = 'error';
    this.focusAfterRender = '#problem';
  }
}

function readToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-booking-admin': VereinBookingAdmin;
  }
}
