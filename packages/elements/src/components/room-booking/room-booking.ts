import {
  BOOKING_LIMITS,
  type BookingForm,
  type BookingKind,
  checkBookingText,
  checkDisplayName,
  countLinks,
  FORBIDDEN_IN_LINE,
  isEmailAddress,
  type BookingRequest,
  type BookingView,
  manageTokenBooking,
} from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { solveChallenge } from '../../api/altcha.js';
import {
  type BookingAddress,
  cancelBooking,
  createBooking,
  fetchBooking,
  fetchBookingCalendar,
  fetchBookingChallenge,
  fetchBookingForm,
  VereinApiError,
} from '../../api/client.js';
import { VereinBookingErrorEvent, VereinBookingSubmittedEvent } from '../../events.js';
import { bookingMessagesFor } from '../../i18n/booking.js';
import type {
  BookingErrorCode,
  BookingField,
  BookingFieldProblem,
  BookingMessageOverrides,
  BookingMessages,
} from '../../i18n/booking-messages.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { blocked } from '../../tenant/brand.js';
import { SetupController } from '../../tenant/setup.js';
import { styles } from './room-booking.styles.js';

/**
 * Where the element is: `loading` (the form's settings or a booking),
 * `form`, `submitting`, `result` (just booked), `manage` (a booking opened
 * with its manage link), `error` (could not load; a retry button).
 */
export type BookingState = 'loading' | 'form' | 'submitting' | 'result' | 'manage' | 'error';

/** What the visitor typed; kept through every error. */
interface Values {
  kind: BookingKind;
  title: string;
  organisation: string;
  contactName: string;
  contactEmail: string;
  date: string;
  startTime: string;
  endTime: string;
  repeat: boolean;
  weeks: string;
  participants: string;
  consent: boolean;
  website: string;
}

type FieldError = { problem: BookingFieldProblem; limit?: number; min?: number };

/** The form's fields in the order they appear (and the error summary lists them). */
const FIELDS: readonly BookingField[] = [
  'title',
  'organisation',
  'contactName',
  'contactEmail',
  'date',
  'startTime',
  'endTime',
  'weeks',
  'participants',
  'consent',
];

/** The server's request fields and the form fields they come from. */
const SERVER_FIELDS: Record<string, BookingField> = {
  title: 'title',
  organisation: 'organisation',
  contactName: 'contactName',
  contactEmail: 'contactEmail',
  start: 'startTime',
  end: 'endTime',
  weeks: 'weeks',
  expectedParticipants: 'participants',
  consent: 'consent',
};


/** Default longest date when the tenant's form settings name none: a day. */
const DEFAULT_MAX_MINUTES = 24 * 60;

const EMPTY: Values = {
  kind: 'video',
  title: '',
  organisation: '',
  contactName: '',
  contactEmail: '',
  date: '',
  startTime: '',
  endTime: '',
  repeat: false,
  weeks: '2',
  participants: '',
  consent: false,
  website: '',
};

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
    values: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    form: { state: true, attribute: false },
    solved: { state: true, attribute: false },
    booking: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    confirming: { state: true, attribute: false },
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
  private readonly setup = new SetupController(this);

  private values: Values = { ...EMPTY };
  /** Problems per field, shown after the first submit. */
  private errors = new Map<BookingField, FieldError>();
  /** A refusal that is not about one field; shown above the form or the booking. */
  private problem: BookingErrorCode | null = null;
  private form: Partial<BookingForm> = {};
  private solved = false;
  /** The booking shown in `result` and `manage`, with its token. */
  private booking: (BookingView & { token: string }) | null = null;
  /** A short confirmation (link copied, …) in the status region. */
  private notice = '';
  private confirming = false;

  private submitted = false;
  private loadedKey = '';
  /** Counts loads: an answer to an earlier one (another booking, the form) is dropped. */
  private loadRun = 0;
  private altcha?: Promise<string>;
  private solving?: AbortController;
  private focusAfterRender?: string;

  private readonly onHashChange = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.solving?.abort();
    this.loadedKey = '';
  }

  private get address(): BookingAddress {
    return { endpoint: this.setup.endpoint, tenant: this.setup.tenant };
  }

  /** The booking to manage: the `manage` attribute, else the page URL's `#manage=`. */
  private get manageRef(): { id: string; token: string } | null {
    return manageRef(this.manage || new URLSearchParams(location.hash.slice(1)).get('manage'));
  }

  private get locale() {
    return this.setup.locale;
  }

  private get t(): BookingMessages {
    return bookingMessagesFor(this.locale, this.messages);
  }

  /** Does the tenant take chat bookings (its form settings say so)? */
  private get chatOffered(): boolean {
    return this.form.kinds?.includes('chat') === true;
  }

  private get maxMinutes(): number {
    return this.form.maxDurationMinutes ?? DEFAULT_MAX_MINUTES;
  }

  private get maxWeeks(): number {
    return Math.min(this.form.maxWeeks ?? BOOKING_LIMITS.weeksMax, BOOKING_LIMITS.weeksMax);
  }

  override willUpdate(): void {
    // Load the form's settings, or the booking to manage, whenever what to load changes.
    const { endpoint, tenant } = this.address;
    const ref = this.manageRef;
    const key = ref ? `${endpoint} ${ref.id}` : `${endpoint} ${tenant}`;
    if (!endpoint || (!ref && !tenant) || key === this.loadedKey) return;
    this.loadedKey = key;
    void (ref ? this.loadBooking(ref) : this.loadForm());
  }

  override render() {
    const t = this.t;
    // A manage link names its booking: no tenant needed.
    const missing = this.setup.missing().filter((name) => name === 'endpoint' || !this.manageRef);
    const gate = blocked(this.setup, t, missing, this.messages?.notAllowed);
    if (gate) return gate;
    switch (this.state) {
      case 'loading':
        return html`<p class="message" part="message" role="status">${t.loading}</p>`;
      case 'error':
        return html`<div class="message error" part="message" role="alert">
          <p>${this.problemText()}</p>
          <button class="button secondary" part="button" type="button" @click=${this.retryLoad}>${t.retry}</button>
        </div>`;
      case 'result':
      case 'manage':
        return this.renderBooking(t);
      default:
        return this.renderForm(t);
    }
  }

  private problemText(): string {
    const t = this.t;
    return t.errors[this.problem ?? 'unknown'] ?? t.errors.unknown;
  }

  private renderForm(t: BookingMessages) {
    const v = this.values;
    const errors = this.errors;
    const busy = this.state === 'submitting';
    const today = isoDay(new Date());
    const consentText = consentFor(this.form, this.locale) || t.consentDefault(this.form.name || this.address.tenant);
    const mailZone = tenantZone(this.form.timeZone, v.date, this.locale);
    return html`
      <form part="form" novalidate @submit=${this.submit} @input=${this.edit} @change=${this.edit} aria-busy=${busy ? 'true' : 'false'}>
        ${errors.size > 0
          ? html`<div id="summary" class="summary" part="error-summary" role="group" aria-labelledby="summary-title" tabindex="-1">
              <p id="summary-title" class="summary-title">${t.summaryTitle(errors.size)}</p>
              <ul>
                ${[...errors].map(
                  ([field, error]) => html`<li><a href="#f-${field}" @click=${(e: Event) => this.goTo(e, field)}>${this.fieldText(field, error)}</a></li>`,
                )}
              </ul>
            </div>`
          : nothing}
        ${this.problem
          ? html`<div id="problem" class="message error" part="message" role="alert" tabindex="-1"><p>${this.problemText()}</p></div>`
          : nothing}
        ${this.chatOffered
          ? html`<fieldset class="when">
              <legend>${t.kindLegend}</legend>
              ${(['video', 'chat'] as const).map(
                (kind) => html`<label class="check" for="f-kind-${kind}"
                  ><input id="f-kind-${kind}" name="kind" type="radio" value=${kind} .checked=${v.kind === kind} aria-describedby="f-kind-hint" /><span
                    >${t.kinds[kind]}</span
                  ></label
                >`,
              )}
              <p id="f-kind-hint" class="hint">${t.kindHint}</p>
            </fieldset>`
          : nothing}
        ${this.text('title', BOOKING_LIMITS.titleMax, { autocomplete: 'off' })}
        ${this.text('organisation', BOOKING_LIMITS.organisationMax, { autocomplete: 'organization' })}
        ${this.text('contactName', BOOKING_LIMITS.contactNameMax, { autocomplete: 'name' })}
        ${this.text('contactEmail', BOOKING_LIMITS.emailMax, { type: 'email', autocomplete: 'email' })}
        <fieldset class="when">
          <legend>${t.dates}</legend>
          ${this.text('date', 0, { type: 'date', min: today })}
          <div class="times">
            ${this.text('startTime', 0, { type: 'time' })} ${this.text('endTime', 0, { type: 'time' })}
          </div>
          <p id="f-zone" class="hint">${t.timeZone(zoneName(v.date, this.locale))}${mailZone ? ` ${t.mailTimeZone(mailZone)}` : nothing}</p>
          <label class="check" for="f-repeat"><input id="f-repeat" name="repeat" type="checkbox" .checked=${v.repeat} /><span>${t.repeat}</span></label>
          ${v.repeat ? this.text('weeks', 0, { type: 'number', min: '2', max: String(this.maxWeeks), inputmode: 'numeric' }) : nothing}
        </fieldset>
        ${this.text('participants', 0, { type: 'number', min: '1', max: String(BOOKING_LIMITS.participantsMax), inputmode: 'numeric' })}
        <div class="field">
          <label class="check" for="f-consent"><input
              id="f-consent"
              name="consent"
              type="checkbox"
              required
              .checked=${v.consent}
              aria-invalid=${errors.has('consent') ? 'true' : 'false'}
              aria-describedby=${errors.has('consent') ? 'f-consent-error' : nothing}
            /><span>${consentText}</span></label>
          ${this.form.privacyUrl
            ? html`<a class="privacy" href=${this.form.privacyUrl} target="_blank" rel="noopener noreferrer">${t.privacyLink}</a>`
            : nothing}
          ${this.errorLine('consent')}
        </div>
        <div class="hp" aria-hidden="true">
          <label for="f-website">${t.honeypot}</label>
          <input id="f-website" name="website" tabindex="-1" autocomplete="off" .value=${v.website} />
        </div>
        <div class="actions">
          <button class="button" part="button" type="submit" ?disabled=${busy}>${t.submit}</button>
          <p class="hint">${this.solved ? t.solved : t.solving}</p>
        </div>
        <div class="status" role="status">${busy ? html`<p class="message" part="message">${t.submitting}</p>` : nothing}</div>
      </form>
    `;
  }

  /** One labelled field with its hint and error. `max` > 0 sets `maxlength`. */
  private text(field: BookingField, max: number, attrs: Record<string, string>) {
    const t = this.t;
    const hint = t.hints[field];
    const error = this.errors.get(field);
    const described = [hint ? `f-${field}-hint` : '', error ? `f-${field}-error` : '', field.endsWith('Time') ? 'f-zone' : '']
      .filter(Boolean)
      .join(' ');
    const name = field as Exclude<BookingField, 'consent'>;
    return html`<div class="field">
      <label for="f-${field}">${t.labels[field]}</label>
      ${hint ? html`<p id="f-${field}-hint" class="hint">${hint}</p>` : nothing}
      <input
        id="f-${field}"
        part="input"
        name=${field}
        type=${attrs.type ?? 'text'}
        required
        autocomplete=${attrs.autocomplete ?? nothing}
        inputmode=${attrs.inputmode ?? nothing}
        min=${attrs.min ?? nothing}
        max=${attrs.max ?? nothing}
        maxlength=${max > 0 ? max : nothing}
        .value=${this.values[name] as string}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${this.errorLine(field)}
    </div>`;
  }

  private errorLine(field: BookingField) {
    const error = this.errors.get(field);
    return error ? html`<p id="f-${field}-error" class="field-error">${this.fieldText(field, error)}</p>` : nothing;
  }

  private fieldText(field: BookingField, error: FieldError): string {
    const t = this.t;
    return t.problems[error.problem](t.labels[field], error.limit ?? 0, error.min ?? 1);
  }

  private renderBooking(t: BookingMessages) {
    const b = this.booking!;
    const titles = { pending: t.pendingTitle, approved: t.approvedTitle, rejected: t.rejectedTitle, cancelled: t.cancelledTitle };
    const texts = { pending: t.pendingText, approved: b.links ? t.approvedText : t.approvedByMailText, rejected: t.rejectedText, cancelled: t.cancelledText };
    const open = b.status === 'pending' || b.status === 'approved';
    const format = new Intl.DateTimeFormat(this.locale, { dateStyle: 'full', timeStyle: 'short' });
    const timeOnly = new Intl.DateTimeFormat(this.locale, { timeStyle: 'short' });
    return html`<section class="result" part="result" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">${titles[b.status]}</h2>
      <p class="message" part="message">${texts[b.status]}</p>
      ${b.kind === 'chat' && open ? html`<p class="message" part="message">${t.chatNote}</p>` : nothing}
      ${this.problem ? html`<div id="problem" class="message error" part="message" role="alert" tabindex="-1"><p>${this.problemText()}</p></div>` : nothing}
      <dl>
        <dt>${t.labels.title}</dt>
        <dd>${b.title} (${b.organisation})</dd>
        <dt>${t.dates}</dt>
        <dd>
          <ul class="dates">
            ${b.dates.map(({ start, end }) => html`<li>${format.format(new Date(start))} – ${timeOnly.format(new Date(end))}</li>`)}
          </ul>
        </dd>
      </dl>
      ${b.status === 'approved' && b.links
        ? html`${this.copyRow('moderator', t.moderatorLink, t.moderatorHint, b.links.moderator)}
          ${this.copyRow('attendee', t.attendeeLink, t.attendeeHint, b.links.attendee)}`
        : nothing}
      ${open
        ? html`<div class="actions">
            <button class="button secondary" part="button" type="button" @click=${this.downloadCalendar}>${t.calendar}</button>
          </div>`
        : nothing}
      ${open && this.state === 'result' ? this.copyRow('manage', t.manageLink, t.manageHint, b.manageUrl) : nothing}
      ${open && this.state === 'manage'
        ? this.confirming
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text" tabindex="-1"><strong>${t.confirmCancel}</strong></p>
              <div class="actions">
                <button class="button danger" part="button" type="button" @click=${this.cancel}>${t.confirmYes}</button>
                <button class="button secondary" part="button" type="button" @click=${this.keep}>${t.confirmNo}</button>
              </div>
            </div>`
          : html`<div class="actions">
              <button id="cancel" class="button secondary" part="button" type="button" @click=${this.askCancel}>${t.cancelBooking}</button>
            </div>`
        : nothing}
      <div class="status" role="status">${this.notice ? html`<p class="message" part="message">${this.notice}</p>` : nothing}</div>
      ${this.state === 'result'
        ? html`<div class="actions"><button class="button secondary" part="button" type="button" @click=${this.another}>${t.another}</button></div>`
        : nothing}
    </section>`;
  }

  private copyRow(id: string, label: string, hint: string, url: string) {
    return html`<div class="field copy">
      <label for="link-${id}">${label}</label>
      <p id="link-${id}-hint" class="hint">${hint}</p>
      <div class="copy-row">
        <input id="link-${id}" part="link" readonly .value=${url} aria-describedby="link-${id}-hint" />
        <button class="button" part="button" type="button" @click=${() => this.copy(id, url)}>
          ${this.t.copy}<span class="visually-hidden">: ${label}</span>
        </button>
      </div>
    </div>`;
  }

  override updated(): void {
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  // ---- loading

  private retryLoad(): void {
    this.loadedKey = '';
    this.requestUpdate();
  }

  private async loadForm(): Promise<void> {
    const run = ++this.loadRun;
    this.state = 'loading';
    this.problem = null;
    try {
      const form = await fetchBookingForm(this.address);
      if (run !== this.loadRun) return;
      this.form = form;
    } catch (error) {
      if (run !== this.loadRun) return;
      // A server without form settings still takes bookings: the form uses the protocol's limits.
      if (!(error instanceof VereinApiError && error.code === 'not_found')) {
        this.failLoad(error);
        return;
      }
    }
    this.state = 'form';
    this.startSolving();
  }

  private async loadBooking(ref: { id: string; token: string }): Promise<void> {
    const run = ++this.loadRun;
    this.state = 'loading';
    this.problem = null;
    this.confirming = false;
    try {
      const view = await fetchBooking(this.address.endpoint, ref.id, ref.token);
      if (run !== this.loadRun) return;
      this.booking = { ...view, token: ref.token };
      this.state = 'manage';
    } catch (error) {
      if (run === this.loadRun) this.failLoad(error);
    }
  }

  private failLoad(error: unknown): void {
    this.problem = this.codeOf(error);
    this.state = 'error';
  }

  /** The code of a refusal (also announced as `verein-booking-error`). */
  private codeOf(error: unknown): BookingErrorCode {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.dispatchEvent(
      new VereinBookingErrorEvent({ code, ...(error instanceof VereinApiError && error.field ? { field: error.field } : {}) }),
    );
    return (code in this.t.errors ? code : 'unknown') as BookingErrorCode;
  }

  /** Fetch a challenge and solve it in the background while the visitor types. */
  private startSolving(): void {
    this.solving?.abort();
    const abort = (this.solving = new AbortController());
    this.solved = false;
    const run = (async () => {
      const challenge = await fetchBookingChallenge(this.address, abort.signal);
      const payload = await solveChallenge(challenge, abort.signal);
      if (!abort.signal.aborted) this.solved = true;
      return payload;
    })();
    // Failures show up when the visitor submits; until then nobody waits for it.
    run.catch(() => {});
    this.altcha = run;
  }

  // ---- the form

  private edit(event: Event): void {
    const input = event.target as HTMLInputElement;
    const name = input.name as keyof Values;
    if (!(name in this.values)) return;
    this.values = { ...this.values, [name]: input.type === 'checkbox' ? input.checked : input.value };
    // After the first submit, problems disappear as they are fixed.
    if (this.submitted) this.errors = this.validate();
  }

  private goTo(event: Event, field: BookingField): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#f-${field}`)?.focus();
  }

  /** The form's rules, the same as the server's (BOOKING_LIMITS and the tenant's limits). */
  private validate(): Map<BookingField, FieldError> {
    const v = this.values;
    const errors = new Map<BookingField, FieldError>();
    const text = (field: 'title' | 'organisation', min: number, max: number) => {
      const problem = checkBookingText(v[field], min, max);
      if (problem) errors.set(field, { problem: problem === 'control_characters' ? 'control' : problem, limit: problem === 'too_short' ? min : max });
    };
    text('title', BOOKING_LIMITS.titleMin, BOOKING_LIMITS.titleMax);
    text('organisation', BOOKING_LIMITS.organisationMin, BOOKING_LIMITS.organisationMax);
    const name = checkDisplayName(v.contactName);
    if (name) {
      const problem = name === 'too_long' ? 'too_long' : name === 'missing' ? 'missing' : 'control';
      errors.set('contactName', { problem, limit: BOOKING_LIMITS.contactNameMax });
    } else if (countLinks(v.contactName) > BOOKING_LIMITS.linksMax) {
      errors.set('contactName', { problem: 'links' });
    }
    const email = v.contactEmail.trim();
    const length = [...email].length;
    if (!email) errors.set('contactEmail', { problem: 'missing' });
    else if (length < 3) errors.set('contactEmail', { problem: 'too_short', limit: 3 });
    else if (length > BOOKING_LIMITS.emailMax) errors.set('contactEmail', { problem: 'too_long', limit: BOOKING_LIMITS.emailMax });
    else if (FORBIDDEN_IN_LINE.test(email)) errors.set('contactEmail', { problem: 'control' });
    if (!errors.has('contactEmail') && !isEmailAddress(email)) errors.set('contactEmail', { problem: 'email' });
    for (const field of ['date', 'startTime', 'endTime'] as const) if (!v[field]) errors.set(field, { problem: 'missing' });
    const start = v.date && v.startTime ? localIso(v.date, v.startTime) : null;
    const end = v.date && v.endTime ? localIso(v.date, v.endTime) : null;
    if (v.date && v.date < isoDay(new Date())) errors.set('date', { problem: 'past' });
    else if (start && Date.parse(start) <= Date.now()) errors.set('startTime', { problem: 'past' });
    const last = end && Date.parse(end) + ((v.repeat ? Number(v.weeks) || 1 : 1) - 1) * 7 * 86_400_000;
    if (last && last > Date.now() + BOOKING_LIMITS.daysAhead * 86_400_000 && !errors.has('date')) {
      errors.set('date', { problem: 'too_far', limit: BOOKING_LIMITS.daysAhead });
    }
    if (start && end) {
      const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
      if (minutes <= 0) errors.set('endTime', { problem: 'end_before_start' });
      else if (minutes > this.maxMinutes) errors.set('endTime', { problem: 'duration', limit: this.maxMinutes });
    }
    if (v.repeat && !inRange(v.weeks, 2, this.maxWeeks)) errors.set('weeks', { problem: 'range', limit: this.maxWeeks, min: 2 });
    if (!v.participants) errors.set('participants', { problem: 'missing' });
    else if (!inRange(v.participants, 1, BOOKING_LIMITS.participantsMax)) {
      errors.set('participants', { problem: 'range', limit: BOOKING_LIMITS.participantsMax, min: 1 });
    }
    if (!v.consent) errors.set('consent', { problem: 'consent' });
    // In the order of the form.
    return new Map(FIELDS.filter((f) => errors.has(f)).map((f) => [f, errors.get(f)!]));
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.state === 'submitting') return;
    this.submitted = true;
    this.problem = null;
    this.errors = this.validate();
    if (this.errors.size > 0) {
      this.focusAfterRender = '#summary';
      return;
    }
    this.state = 'submitting';
    await this.send(true);
  }

  /** Send the booking; `again` allows one more try with a fresh challenge. */
  private async send(again: boolean): Promise<void> {
    const v = this.values;
    const { endpoint, tenant } = this.address;
    try {
      const altcha = await this.altcha!.catch(() => {
        // The challenge could not be fetched or solved: one more time, now.
        this.startSolving();
        return this.altcha!;
      });
      const body: BookingRequest = {
        kind: this.chatOffered ? v.kind : 'video',
        tenant,
        title: v.title.trim(),
        organisation: v.organisation.trim(),
        contactName: v.contactName.trim(),
        contactEmail: v.contactEmail.trim(),
        start: localIso(v.date, v.startTime),
        end: localIso(v.date, v.endTime),
        ...(v.repeat ? { weeks: Number(v.weeks) } : {}),
        expectedParticipants: Number(v.participants),
        consent: true,
        language: this.locale,
        ...(v.website ? { website: v.website } : {}),
        altcha,
      };
      const created = await createBooking(endpoint, body);
      this.booking = { ...created, token: created.manageToken };
      this.notice = '';
      this.state = 'result';
      this.focusAfterRender = '#result-title';
      this.startSolving();
      this.dispatchEvent(new VereinBookingSubmittedEvent({ id: created.id, status: created.status }));
    } catch (error) {
      // A challenge used or expired meanwhile: solve a new one and send once more, unnoticed.
      if (again && error instanceof VereinApiError && error.code === 'challenge_failed') {
        this.startSolving();
        await this.send(false);
        return;
      }
      this.state = 'form';
      const field = error instanceof VereinApiError && error.code === 'invalid_input' ? SERVER_FIELDS[error.field ?? ''] : undefined;
      const code = this.codeOf(error);
      if (field) {
        this.errors = new Map([[field, { problem: 'server' }]]);
        this.focusAfterRender = '#summary';
      } else {
        this.problem = code;
        this.focusAfterRender = '#problem';
      }
      // A used challenge is no good for the next try.
      if (code !== 'network_error') this.startSolving();
    }
  }

  // ---- the booking

  private async copy(id: string, url: string): Promise<void> {
    const t = this.t;
    try {
      await navigator.clipboard.writeText(url);
      this.notice = t.copied;
    } catch {
      // No clipboard here (permissions, an old browser): select the text for the visitor to copy.
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#link-${id}`);
      input?.focus();
      input?.select();
      this.notice = t.copyFailed;
    }
  }

  private async downloadCalendar(): Promise<void> {
    const b = this.booking!;
    this.notice = '';
    try {
      const blob = await fetchBookingCalendar(this.address.endpoint, b.id, b.token);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${b.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'booking'}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch {
      this.notice = this.t.calendarFailed;
    }
  }

  private askCancel(): void {
    this.confirming = true;
    this.focusAfterRender = '#confirm-text';
  }

  private keep(): void {
    this.confirming = false;
    this.focusAfterRender = '#cancel';
  }

  private async cancel(): Promise<void> {
    const b = this.booking!;
    this.problem = null;
    try {
      const view = await cancelBooking(this.address.endpoint, b.id, b.token);
      this.booking = { ...b, ...view, status: 'cancelled', links: null, token: b.token };
      this.confirming = false;
      this.focusAfterRender = '#result-title';
    } catch (error) {
      this.confirming = false;
      this.problem = this.codeOf(error);
      this.focusAfterRender = '#problem';
    }
  }

  private another(): void {
    this.booking = null;
    this.submitted = false;
    this.errors = new Map();
    this.values = { ...this.values, title: '', date: '', startTime: '', endTime: '', consent: false };
    this.state = 'form';
    this.focusAfterRender = '#f-title';
  }
}

/** The booking a manage token opens: its id is the token's `sub`. */
function manageRef(token: string | null): { id: string; token: string } | null {
  const id = token ? manageTokenBooking(token) : null;
  return id ? { id, token: token! } : null;
}

/**
 * ISO 8601 for a date and time as the visitor typed them, with the page's UTC
 * offset on that date (summer or winter time): `2026-12-01T19:00:00+01:00`.
 */
export function localIso(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const offset = -new Date(y, m - 1, d, hh, mm).getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${date}T${time.slice(0, 5)}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD` of `date` in the page's time zone. */
function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Noon of the chosen day in the page's time zone (now, without a day). */
function noon(day: string): Date {
  const at = new Date(`${day}T12:00`);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

/** A time zone by name, on the chosen date: "Mitteleuropäische Sommerzeit (Europe/Berlin)"; by default the page's. */
function zoneName(day: string, locale: string, zone = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const long = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(noon(day))
    .find((part) => part.type === 'timeZoneName')?.value;
  return long && long !== zone ? `${long} (${zone})` : zone;
}

/**
 * The tenant's time zone by name when its clocks differ from the page's on
 * the chosen date (the e-mails give the times in it), else `''`.
 */
function tenantZone(zone: string | undefined, day: string, locale: string): string {
  if (!zone) return '';
  const clock = (timeZone?: string) => new Intl.DateTimeFormat('en', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(noon(day));
  try {
    return clock(zone) === clock() ? '' : zoneName(day, locale, zone);
  } catch {
    // A zone this browser does not know: nothing to compare.
    return '';
  }
}

function inRange(value: string, min: number, max: number): boolean {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}

function consentFor(form: Partial<BookingForm>, locale: 'de' | 'en'): string {
  const text = form.consentText;
  return typeof text === 'string' ? text : (text?.[locale] ?? text?.de ?? text?.en ?? '');
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-room-booking': VereinRoomBooking;
  }
}
