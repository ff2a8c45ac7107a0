import { type BookingForm, manageTokenBooking } from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { solveChallenge } from '../../api/altcha.js';
import {
  type BookingAddress,
  createBooking,
  fetchBooking,
  fetchBookingChallenge,
  fetchBookingForm,
  VereinApiError,
} from '../../api/client.js';
import { VereinBookingErrorEvent, VereinBookingSubmittedEvent } from '../../events.js';
import { bookingMessagesFor } from '../../i18n/booking.js';
import type { BookingErrorCode, BookingField, BookingMessageOverrides, BookingMessages } from '../../i18n/booking-messages.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { latestRun } from '../../internal/latest.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { blocked } from '../../tenant/brand.js';
import { SetupController } from '../../tenant/setup.js';
import { bookingRequest, EMPTY, type FieldError, formField, validate, type Values } from './booking-form.js';
import { renderForm } from './form-view.js';
import { ManageView } from './manage-view.js';
import { styles } from './room-booking.styles.js';

/**
 * Where the element is: `loading` (the form's settings or a booking),
 * `form`, `submitting`, `result` (just booked), `manage` (a booking opened
 * with its manage link), `error` (could not load; a retry button).
 */
export type BookingState = 'loading' | 'form' | 'submitting' | 'result' | 'manage' | 'error';

/**
 * A form to request a video room, or a chat room where the tenant takes chat
 * bookings (a private channel on its Mattermost): what for, who books, when (once or weekly),
 * how many people, and the privacy consent. Spam protection runs in the
 * background (a proof-of-work puzzle from the server, no third party). The
 * answer shows the booking: pending, or approved with the moderator and
 * attendee links to copy, a calendar file and the manage link.
 *
 * Opened with the manage link (`#manage=<token>` in the page URL, or the
 * `manage` attribute), the element shows that booking instead: its
 * status, the links once approved, and a button to cancel it.
 *
 * On a page whose address the tenant does not allow, the element says so in
 * place of the form: a short apology, and for the webmaster which address to
 * have added.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 * It takes the tenant's colours, font, corner radius and default language
 * from the server (`GET /v1/tenants/{tenant}`); the page's own `--verein-*`
 * properties win over them. Dates and times are those of the page's time
 * zone, and the form says which zone that is.
 *
 * @summary Booking form for a Vereinsraum room, and the booker's view of a booking.
 * @tagname verein-room-booking
 *
 * @fires {VereinBookingSubmittedEvent} verein-booking-submitted - The server took the booking; detail `{ id, status }`.
 * @fires {VereinBookingErrorEvent} verein-booking-error - The server refused (or could not be reached); detail `{ code, field? }`. The element shows the reason.
 *
 * @csspart form - The booking form.
 * @csspart input - The text, date, time and number fields.
 * @csspart button - The submit button and the other buttons.
 * @csspart error-summary - The list of problems at the top of the form after a failed submit.
 * @csspart message - Status and error texts.
 * @csspart result - The booking after submitting, or in the manage view.
 * @csspart link - The fields with the links to copy.
 * @csspart webmaster - On a page the tenant does not allow: the disclosure that tells the webmaster which address the operator must add.
 *
 * @cssprop --verein-color-primary - Buttons and links (default: the tenant's theme, else #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default: the tenant's theme, else #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints and borders (default #4a4a4a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-color-surface - Background of the form and the fields (default #ffffff).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default: the tenant's theme, else 0.5rem).
 * @cssprop --verein-font-family - Font (default: the tenant's theme, else the page's).
 * @cssprop --verein-room-booking-max-width - Widest the form gets (default 40rem).
 */
export class VereinRoomBooking extends LitElement {
  static override styles = [sharedStyles, formStyles, styles];

  // Reactive properties without decorators: fewer bundle bytes (see bench/budgets.json).
  static override properties: PropertyDeclarations = {
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    manage: {},
    messages: { attribute: false },
    state: { reflect: true },
    values: { state: true },
    errors: { state: true },
    problem: { state: true },
    form: { state: true },
    solved: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-room-booking', registry: CustomElementRegistry = customElements): typeof VereinRoomBooking {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Tenant id; default: from `<verein-config>`. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language, else the tenant's. */
  override lang = '';

  /**
   * Open this booking instead of the form: its manage token. Default: the
   * page URL's `#manage=<token>` (the manage link the booker got).
   */
  manage = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: BookingMessageOverrides;

  /** Where the element is (read-only, reflected as the `state` attribute for styling). */
  state: BookingState = 'loading';

  /** The address, language and tenant (`<verein-config>`, the tenant's theme and default language). */
  readonly #setup = new SetupController(this);
  readonly #moveFocus = focusAfterUpdate(this);
  /** The booking shown in `result` and `manage`. */
  readonly #view = new ManageView(this, () => this.#setup.endpoint, this.#moveFocus, {
    problem: (error) => {
      this.problem = error === undefined ? null : this.#codeOf(error);
      if (this.problem) this.#moveFocus('#problem');
    },
    another: () => {
      this.#view.show(null);
      this.#submitted = false;
      this.errors = new Map();
      this.values = { ...this.values, title: '', date: '', startTime: '', endTime: '', consent: false };
      this.state = 'form';
      this.#moveFocus('#f-title');
    },
  });
  /** Only the latest load (the form's settings, or a booking) is shown. */
  readonly #loads = latestRun();

  private values: Values = { ...EMPTY };
  /** Problems per field, shown after the first submit. */
  private errors = new Map<BookingField, FieldError>();
  /** A refusal that is not about one field; shown above the form or the booking. */
  private problem: BookingErrorCode | null = null;
  /** The tenant's form settings (limits, consent text, privacy link, time zone, kinds). */
  private form: Partial<BookingForm> = {};
  private solved = false;
  #submitted = false;
  /** The endpoint and tenant (or booking) loaded. */
  #loadedKey = '';
  #altcha?: Promise<string>;
  #solving?: AbortController;

  readonly #onHashChange = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#solving?.abort();
    this.#loadedKey = '';
  }

  get #address(): BookingAddress {
    return { endpoint: this.#setup.endpoint, tenant: this.#setup.tenant };
  }

  /** The booking to manage: the `manage` attribute, else the page URL's `#manage=`; its id is the token's `sub`. */
  get #manageRef(): { id: string; token: string } | null {
    const token = this.manage || new URLSearchParams(location.hash.slice(1)).get('manage');
    const id = token ? manageTokenBooking(token) : null;
    return id ? { id, token: token! } : null;
  }

  get #t(): BookingMessages {
    return bookingMessagesFor(this.#setup.locale, this.messages);
  }

  override willUpdate(): void {
    // Load the form's settings, or the booking to manage, whenever what to load changes.
    const { endpoint, tenant } = this.#address;
    const ref = this.#manageRef;
    const key = ref ? `${endpoint} ${ref.id}` : `${endpoint} ${tenant}`;
    if (!endpoint || (!ref && !tenant) || key === this.#loadedKey) return;
    this.#loadedKey = key;
    void this.#load(ref);
  }

  override render() {
    const t = this.#t;
    // A manage link names its booking: no tenant needed.
    const missing = this.#setup.missing().filter((name) => name === 'endpoint' || !this.#manageRef);
    const gate = blocked(this.#setup, t, missing, this.messages?.notAllowed);
    if (gate) return gate;
    switch (this.state) {
      case 'loading':
        return html`<p class="message" part="message" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div class="message error" part="message" role="alert">
          <p>${this.#problemText()}</p>
          <button class="button secondary" part="button" type="button" @click=${this.#retryLoad}>${t.retry}</button>
        </div>`;
      case 'result':
      case 'manage':
        return this.#view.render(t, this.#setup.locale, this.state, this.#renderProblem());
      default:
        return renderForm(t, this.#setup.locale, {
          values: this.values,
          errors: this.errors,
          form: this.form,
          tenant: this.#address.tenant,
          problem: this.#renderProblem(),
          busy: this.state === 'submitting',
          solved: this.solved,
          submit: this.#submit,
          edit: this.#edit,
        });
    }
  }

  #problemText(): string {
    const t = this.#t;
    return t.errors[this.problem ?? 'unknown'] ?? t.errors.unknown;
  }

  /** A refusal that is not about one field, above the form or the booking. */
  #renderProblem() {
    return this.problem
      ? html`<div id="problem" class="message error" part="message" role="alert" tabindex="-1"><p>${this.#problemText()}</p></div>`
      : nothing;
  }

  // ---- loading

  #retryLoad(): void {
    this.#loadedKey = '';
    this.requestUpdate();
  }

  /** Load the booking of `ref` (opened with its manage link), else the form's settings. */
  async #load(ref: { id: string; token: string } | null): Promise<void> {
    const current = this.#loads();
    this.state = 'loading';
    this.problem = null;
    try {
      if (ref) {
        const view = await fetchBooking(this.#address.endpoint, ref.id, ref.token);
        if (!current()) return;
        this.#view.show({ ...view, token: ref.token });
        this.state = 'manage';
        return;
      }
      const form = await fetchBookingForm(this.#address);
      if (!current()) return;
      this.form = form;
    } catch (error) {
      if (!current()) return;
      // A server without form settings still takes bookings: the form uses the protocol's limits.
      if (ref || !(error instanceof VereinApiError && error.code === 'not_found')) {
        this.problem = this.#codeOf(error);
        this.state = 'error';
        return;
      }
    }
    this.state = 'form';
    this.#startSolving();
  }

  /** The code of a refusal (also announced as `verein-booking-error`). */
  #codeOf(error: unknown): BookingErrorCode {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.dispatchEvent(
      new VereinBookingErrorEvent({ code, ...(error instanceof VereinApiError && error.field ? { field: error.field } : {}) }),
    );
    return (code in this.#t.errors ? code : 'unknown') as BookingErrorCode;
  }

  /** Fetch a challenge and solve it in the background while the visitor types. */
  #startSolving(): void {
    this.#solving?.abort();
    const abort = (this.#solving = new AbortController());
    this.solved = false;
    const run = (async () => {
      const challenge = await fetchBookingChallenge(this.#address, abort.signal);
      const payload = await solveChallenge(challenge, abort.signal);
      if (!abort.signal.aborted) this.solved = true;
      return payload;
    })();
    // Failures show up when the visitor submits; until then nobody waits for it.
    run.catch(() => {});
    this.#altcha = run;
  }

  // ---- the form

  #edit(event: Event): void {
    const input = event.target as HTMLInputElement;
    const name = input.name as keyof Values;
    if (!(name in this.values)) return;
    this.values = { ...this.values, [name]: input.type === 'checkbox' ? input.checked : input.value };
    // After the first submit, problems disappear as they are fixed.
    if (this.#submitted) this.errors = validate(this.values, this.form);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.state === 'submitting') return;
    this.#submitted = true;
    this.problem = null;
    this.errors = validate(this.values, this.form);
    if (this.errors.size > 0) {
      this.#moveFocus('#summary');
      return;
    }
    this.state = 'submitting';
    await this.#send(true);
  }

  /** Send the booking; `again` allows one more try with a fresh challenge. */
  async #send(again: boolean): Promise<void> {
    try {
      const altcha = await this.#altcha!.catch(() => {
        // The challenge could not be fetched or solved: one more time, now.
        this.#startSolving();
        return this.#altcha!;
      });
      const { endpoint, tenant } = this.#address;
      const created = await createBooking(endpoint, bookingRequest(this.values, this.form, tenant, this.#setup.locale, altcha));
      this.#view.show({ ...created, token: created.manageToken });
      this.state = 'result';
      this.#moveFocus('#result-title');
      this.#startSolving();
      this.dispatchEvent(new VereinBookingSubmittedEvent({ id: created.id, status: created.status }));
    } catch (error) {
      // A challenge used or expired meanwhile: solve a new one and send once more, unnoticed.
      if (again && error instanceof VereinApiError && error.code === 'challenge_failed') {
        this.#startSolving();
        await this.#send(false);
        return;
      }
      this.state = 'form';
      const field = error instanceof VereinApiError && error.code === 'invalid_input' ? formField(error.field) : undefined;
      const code = this.#codeOf(error);
      if (field) {
        this.errors = new Map([[field, { problem: 'server' }]]);
        this.#moveFocus('#summary');
      } else {
        this.problem = code;
        this.#moveFocus('#problem');
      }
      // A used challenge is no good for the next try.
      if (code !== 'network_error') this.#startSolving();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-room-booking': VereinRoomBooking;
  }
}
