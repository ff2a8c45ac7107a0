import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { type AdminBooking, type AdminTenant, BOOKING_LIMITS } from '@vereinsraum/protocol';
import { AdminSession } from '../../admin/session.js';
import { type AdminBookingFilter, decideBooking, fetchAdminTenants, listBookings, VereinApiError } from '../../api/client.js';
import { VereinBookingChangedEvent, VereinBookingErrorEvent } from '../../events.js';
import { type AdminErrorCode, type AdminMessageOverrides, type AdminMessages, adminMessagesFor } from '../../i18n/admin.js';
import { refusedHere, signedOut } from '../../internal/sign-in.js';
import { sharedStyles } from '../../styles/shared.js';
import { signInStyles } from '../../styles/sign-in.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { latestRun } from '../../internal/latest.js';
import { SetupController } from '../../tenant/setup.js';
import { styles } from './booking-admin.styles.js';
import { renderCard } from './card.js';
import { renderFilters } from './filters.js';

/**
 * Where the operator is: `signed-out` (the token form, or the note that points
 * to it), `loading`, `list`, `error` (the last request failed; the list
 * stays), `refused` (the page's token works in another operator element, not
 * here).
 */
export type BookingAdminState = 'signed-out' | 'loading' | 'list' | 'error' | 'refused';

type Decision = 'approve' | 'reject' | 'cancel';

/**
 * For operators: the bookings of every tenant the admin token may see, as a
 * list of cards (one column on a phone), with filters by status, tenant and
 * kind. Open requests come first, with approve and reject (with an optional
 * reason); an approved booking can be cancelled (with a reason for the
 * contact person's e-mail; its links stop working). The result of each
 * decision is announced, and focus stays on the booking (or, when it left the
 * filtered list, moves to the next one).
 *
 * Asks for the admin token once per browser tab (`sessionStorage`, never
 * `localStorage`); a refused token asks again. Every operator element of a
 * page shares the token: signing in or out in one does it for all, so further
 * operator views can sit beside this one. Only the first of them in the page
 * shows the token form; the others say that signing in happens further up. A
 * token another operator element takes but this one refuses (a region
 * admin's, which only `<verein-club-review>` takes) leaves the others signed
 * in; this one says so and offers to sign in with another token.
 *
 * The server's admin API answers only pages of its own origin: put this
 * element on a page served at the server helper's address (`vereinsraum
 * serve` has one at `/admin`), or with the helper behind the same origin.
 *
 * With a `tenant` (its own or from `<verein-config>`) the list starts filtered
 * to that tenant and takes its colours, font, corner radius and default
 * language from the server; the page's own `--verein-*` properties win.
 *
 * @summary The operator's bookings: filter, approve, reject, cancel.
 * @tagname verein-booking-admin
 *
 * @fires {VereinBookingChangedEvent} verein-booking-changed - A booking was approved, rejected or cancelled.
 * @fires {VereinBookingErrorEvent} verein-booking-error - The server refused (e.g. `unauthorized`, `booking_conflict`) or could not be reached.
 *
 * @csspart form - The token form and the reason forms.
 * @csspart input - The token and reason fields.
 * @csspart button - The buttons.
 * @csspart filters - The filters.
 * @csspart list - The list of bookings.
 * @csspart card - One booking.
 * @csspart badge - A booking's status.
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-color-primary - Buttons, links and open requests (default: the tenant's theme, else #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default: the tenant's theme, else #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints and borders (default #4a4a4a).
 * @cssprop --verein-color-danger - Errors, reject and cancel (default #a4001d).
 * @cssprop --verein-color-surface - Background of the cards and fields (default #ffffff).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default: the tenant's theme, else 0.5rem).
 * @cssprop --verein-font-family - Font (default: the tenant's theme, else the page's).
 */
export class VereinBookingAdmin extends LitElement {
  static override styles = [sharedStyles, signInStyles, styles];

  static override properties: PropertyDeclarations = {
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    bookings: { state: true },
    tenants: { state: true },
    filter: { state: true },
    problem: { state: true },
    reasonForm: { state: true },
    reasonMissing: { state: true },
    notice: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-booking-admin', registry: CustomElementRegistry = customElements): typeof VereinBookingAdmin {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The tenant whose bookings the list starts with, and whose look it takes; default: from `<verein-config>`, else all. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language, else the tenant's. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: AdminMessageOverrides;

  /** Where the operator is (read-only, reflected). */
  state: BookingAdminState = 'signed-out';

  /** The address, language and tenant (`<verein-config>`, the tenant's theme). */
  readonly #setup = new SetupController(this);
  readonly #session = new AdminSession(this, (token) => this.#tokenChanged(token));
  private bookings: AdminBooking[] = [];
  /** The tenants the token may see (for the tenant filter and the names). */
  private tenants: AdminTenant[] = [];
  private filter: AdminBookingFilter = {};
  /** The last refusal, and the booking it is about (`''`: the list's). */
  private problem: { code: AdminErrorCode; at: string } | null = null;
  /** The open reason form: `reject` or `cancel`, and the booking's id. */
  private reasonForm: { decision: 'reject' | 'cancel'; id: string } | null = null;
  private reasonMissing = false;
  private notice = '';
  #started = false;
  /** The booking whose decision is on its way. */
  #busy = '';
  /** Only the latest load's answer is shown. */
  readonly #loads = latestRun();
  readonly #moveFocus = focusAfterUpdate(this);

  get #t(): AdminMessages {
    return adminMessagesFor(this.#setup.locale, this.messages);
  }

  override willUpdate(): void {
    if (this.#started || !this.#setup.endpoint) return;
    this.#started = true;
    this.#session.join();
    this.filter = { tenant: this.#setup.tenant };
    if (this.#session.token) void this.#load();
  }

  override render() {
    const t = this.#t;
    if (!this.#setup.endpoint) return html`<p class="message error" part="message" role="alert">${t.notConfigured}</p>`;
    if (this.state === 'signed-out') return signedOut(t, this.#session, this.#renderProblem(''), 'token', this.#signIn);
    if (this.state === 'refused') return refusedHere(t, 'problem', () => this.#signOut());
    return html`
      <div class="bar">
        <h2 id="title" tabindex="-1">${t.title}</h2>
        <div class="actions">
          <button class="button secondary" part="button" type="button" @click=${this.#load}>${t.reload}</button>
          <button id="sign-out" class="button secondary" part="button" type="button" @click=${this.#signOut}>${t.signOut}</button>
        </div>
      </div>
      ${renderFilters(t, this.tenants, this.filter, this.#filterChanged)}
      <p class="message count" part="message" role="status">${this.state === 'loading' ? t.loading : this.notice}</p>
      ${this.#renderProblem('')}
      ${
        this.bookings.length > 0
          ? html`<ul class="cards" part="list" aria-labelledby="title" aria-busy=${this.state === 'loading'}>
            ${this.bookings.map((b) => {
              const tenantName = this.tenants.length > 1 ? (this.tenants.find((tenant) => tenant.id === b.tenant)?.name ?? b.tenant) : '';
              return renderCard(t, this.#setup.locale, b, tenantName, this.#renderProblem(b.id), this.#renderActions(t, b));
            })}
          </ul>`
          : nothing
      }
    `;
  }

  #renderActions(t: AdminMessages, b: AdminBooking) {
    const button = (decision: Decision | 'open-reject' | 'open-cancel', label: string, kind: string) =>
      html`<button id="${decision.replace('open-', '')}-${b.id}" class="button ${kind}" part="button" type="button" aria-describedby="b-${b.id}" @click=${() => this.#act(b, decision)}>
        ${label}
      </button>`;
    const form = this.reasonForm?.id === b.id ? this.reasonForm.decision : null;
    if (form) {
      const cancel = form === 'cancel';
      const invalid = cancel && this.reasonMissing;
      const described = [cancel ? `reason-${b.id}-hint` : '', invalid ? `reason-${b.id}-error` : ''].filter(Boolean).join(' ');
      return html`<form class="reason" part="form" novalidate @submit=${(e: Event) => this.#submitReason(e, b, form)}>
        <div class="field">
          <label for="reason-${b.id}">${cancel ? t.cancelReason : t.rejectReason}</label>
          ${cancel ? html`<p id="reason-${b.id}-hint" class="hint">${t.cancelHint}</p>` : nothing}
          <textarea
            id="reason-${b.id}"
            part="input"
            name="reason"
            rows="3"
            maxlength=${BOOKING_LIMITS.reasonMax}
            aria-required=${cancel ? 'true' : 'false'}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${described || nothing}
          ></textarea>
          ${invalid ? html`<p id="reason-${b.id}-error" class="field-error">${t.reasonMissing}</p>` : nothing}
        </div>
        <div class="actions">
          <button class="button danger" part="button" type="submit" aria-describedby="b-${b.id}">${cancel ? t.confirmCancel : t.confirmReject}</button>
          <button class="button secondary" part="button" type="button" @click=${() => this.#closeReason(b, form)}>${t.keep}</button>
        </div>
      </form>`;
    }
    if (b.status === 'pending')
      return html`<div class="actions">${button('approve', t.approve, '')}${button('open-reject', t.reject, 'secondary')}</div>`;
    if (b.status === 'approved') return html`<div class="actions">${button('open-cancel', t.cancel, 'secondary danger')}</div>`;
    return nothing;
  }

  #renderProblem(at: string) {
    if (this.problem?.at !== at) return nothing;
    const t = this.#t;
    return html`<div id="problem" class="message error" part="message" role="alert" tabindex="-1">
      <p>${t.errors[this.problem.code]}</p>
    </div>`;
  }

  readonly #signIn = (token: string): void => {
    this.#moveFocus('#title');
    this.#session.signIn(token);
  };

  #signOut(): void {
    this.#session.signOut();
  }

  /** The page's token changed (here or in another operator element). */
  #tokenChanged(token: string): void {
    if (!this.#setup.endpoint) return;
    if (token) {
      void this.#load();
      return;
    }
    this.#clear('signed-out');
    // Every sign-out comes from the operator or a refusal: the form (wherever on the page it is) takes focus, with the reason.
    if (this.#session.refusedEverywhere) this.problem = { code: 'unauthorized', at: '' };
    if (this.#session.holdsForm) this.#moveFocus('#token');
  }

  /** No list to show: signed out, or the token is refused here. */
  #clear(state: 'signed-out' | 'refused'): void {
    this.#loads();
    this.bookings = [];
    // Another token may see other tenants.
    this.tenants = [];
    this.problem = null;
    this.notice = '';
    this.reasonForm = null;
    this.state = state;
  }

  #filterChanged(event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.filter = { ...this.filter, [select.name]: select.value };
    void this.#load();
  }

  async #load(): Promise<void> {
    const current = this.#loads();
    this.state = 'loading';
    this.problem = null;
    this.reasonForm = null;
    const token = this.#session.token;
    try {
      const [bookings, tenants] = await Promise.all([
        listBookings(this.#setup.endpoint, token, this.filter),
        // Once per sign-in; a server without the call still shows the list.
        this.tenants.length ? this.tenants : fetchAdminTenants(this.#setup.endpoint, token).catch(() => []),
      ]);
      if (!current()) return;
      this.#session.answered();
      this.tenants = tenants;
      if (this.filter.tenant && tenants.length && !tenants.some((tenant) => tenant.id === this.filter.tenant)) {
        // The element's tenant takes no bookings: show all the token may see, as the filter then says.
        this.filter = { ...this.filter, tenant: '' };
        return this.#load();
      }
      // Open requests first (they wait for a decision), each group by first date as the server sorts them.
      this.bookings = [...bookings.filter((b) => b.status === 'pending'), ...bookings.filter((b) => b.status !== 'pending')];
      this.notice = this.#t.count(bookings.length);
      this.state = 'list';
    } catch (error) {
      if (current()) this.#fail(error, '');
    }
  }

  #act(b: AdminBooking, decision: Decision | 'open-reject' | 'open-cancel'): void {
    if (decision === 'approve') void this.#decide(b, decision);
    else this.#openReason(b, decision === 'open-reject' ? 'reject' : 'cancel');
  }

  #openReason(b: AdminBooking, decision: 'reject' | 'cancel'): void {
    this.reasonForm = { decision, id: b.id };
    this.reasonMissing = false;
    this.problem = null;
    this.#moveFocus(`#reason-${b.id}`);
  }

  #closeReason(b: AdminBooking, decision: 'reject' | 'cancel'): void {
    this.reasonForm = null;
    this.#moveFocus(`#${decision}-${b.id}`);
  }

  #submitReason(event: Event, b: AdminBooking, decision: 'reject' | 'cancel'): void {
    event.preventDefault();
    const reason = (event.target as HTMLFormElement).querySelector('textarea')!.value.trim();
    if (decision === 'cancel' && !reason) {
      this.reasonMissing = true;
      // Focus again even when it is there already: the error is read out with the field.
      this.#moveFocus(`#reason-${b.id}`);
      return;
    }
    void this.#decide(b, decision, reason);
  }

  async #decide(b: AdminBooking, decision: Decision, reason = ''): Promise<void> {
    if (this.#busy) return;
    this.#busy = b.id;
    this.problem = null;
    try {
      const changed = await decideBooking(this.#setup.endpoint, this.#session.token, b.id, decision, reason);
      const index = this.bookings.findIndex((x) => x.id === b.id);
      const stays = !this.filter.status || this.filter.status === changed.status;
      const next = [...this.bookings];
      next.splice(index, 1, ...(stays ? [changed] : []));
      this.bookings = next;
      this.reasonForm = null;
      const t = this.#t;
      this.notice = decision === 'approve' ? t.approved(b.title) : decision === 'reject' ? t.rejected(b.title) : t.cancelled(b.title);
      this.state = 'list';
      // Focus stays with the booking; if it left the filtered list, on the next one (or the one before, or the title).
      const focus = stays ? changed : (next[index] ?? next[index - 1]);
      this.#moveFocus(focus ? `#b-${focus.id}` : '#title');
      this.dispatchEvent(new VereinBookingChangedEvent({ id: changed.id, tenant: changed.tenant, status: changed.status }));
    } catch (error) {
      this.#fail(error, b.id);
    } finally {
      this.#busy = '';
    }
  }

  #fail(error: unknown, at: string): void {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.dispatchEvent(new VereinBookingErrorEvent({ code }));
    if (code === 'unauthorized') return this.#refused();
    this.#session.answered();
    this.state = 'error';
    this.#moveFocus('#problem');
    this.problem = { code: (code in this.#t.errors ? code : 'unknown') as AdminErrorCode, at };
  }

  /**
   * The server refused the page's token. Once every operator element of the
   * page has answered: refused by all, the page signs out and the form says
   * why; else this view says that the token does not open the bookings.
   */
  #refused(): void {
    this.#session.refuse(() => {
      this.#clear('refused');
      // Focus stays in this element when it was here (the sign-in was typed here), on what applies to it.
      if (this.shadowRoot?.activeElement) this.#moveFocus('#problem');
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-booking-admin': VereinBookingAdmin;
  }
}
