import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { checkBookingText, CLUB_LIMITS, type ClubForm, type ClubKind, isEmailAddress } from '@vereinsraum/protocol';
import { solveChallenge } from '../../api/altcha.js';
import { fetchClubChallenge, fetchClubForm, registerClub, VereinApiError } from '../../api/client.js';
import {
  type RegistrationErrorCode,
  type RegistrationField,
  type RegistrationMessageOverrides,
  type RegistrationMessages,
  registrationMessagesFor,
} from '../../i18n/club-registration.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { SetupController } from '../../tenant/setup.js';
import { styles } from './club-registration.styles.js';

/** Where the form is: `loading` (its settings), `form`, `sending`, `sent` (the confirmation mail is on its way), `error` (no settings). */
export type ClubRegistrationState = 'loading' | 'form' | 'sending' | 'sent' | 'error';

/** What makes a field wrong: empty, or against its rule. */
type FieldError = 'missing' | 'wrong';

const FIELDS: readonly RegistrationField[] = [
  'name',
  'kind',
  'website',
  'region',
  'contactName',
  'contactEmail',
  'deputyName',
  'deputyEmail',
  'consent',
];
const OPTIONAL: ReadonlySet<RegistrationField> = new Set(['deputyName', 'deputyEmail']);

/**
 * The form a city puts on its page for clubs to register themselves: the
 * club's name and kind, its website, its town (from the operator's list),
 * the contact person and an optional deputy, and the agreement to the
 * operator's terms and privacy notice. It checks each field as the server
 * does, lists what is wrong in a summary above the form (each entry leads to
 * its field), solves the spam protection (a proof of work) in the background,
 * and after sending says that a confirmation mail is on its way.
 *
 * @summary Clubs register themselves: the registration form.
 * @tagname verein-club-registration
 *
 * @csspart form - The form.
 * @csspart input - The fields.
 * @csspart button - The send button.
 * @csspart error-summary - The summary after a failed submit.
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-color-primary - The button and links (default #0b5cad).
 * @cssprop --verein-color-on-primary - Text on the button (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints and borders (default #4a4a4a).
 * @cssprop --verein-color-danger - Errors (default #a4001d).
 * @cssprop --verein-color-surface - Background of the fields (default #ffffff).
 * @cssprop --verein-radius - Corner radius (default 0.5rem).
 * @cssprop --verein-font-family - Font (default: the page's).
 */
export class VereinClubRegistration extends LitElement {
  static override styles = [sharedStyles, formStyles, styles];

  static override properties: PropertyDeclarations = {
    endpoint: { reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    form: { state: true },
    errors: { state: true },
    problem: { state: true },
    solved: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-club-registration', registry: CustomElementRegistry = customElements): typeof VereinClubRegistration {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Not used: a registration belongs to no tenant yet. Kept for `<verein-config>`. */
  tenant = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: RegistrationMessageOverrides;

  /** Where the form is (read-only, reflected). */
  state: ClubRegistrationState = 'loading';

  readonly #setup = new SetupController(this);
  private form: ClubForm | null = null;
  private errors = new Map<RegistrationField, FieldError>();
  private problem: RegistrationErrorCode | null = null;
  private solved = false;
  #altcha: Promise<string> | undefined;
  #started = false;
  readonly #moveFocus = focusAfterUpdate(this);

  get #t(): RegistrationMessages {
    return registrationMessagesFor(this.#setup.locale, this.messages);
  }

  override willUpdate(): void {
    if (this.#started || !this.#setup.endpoint) return;
    this.#started = true;
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.form = await fetchClubForm(this.#setup.endpoint);
      this.state = 'form';
      this.#solve();
    } catch (error) {
      this.problem = this.#code(error);
      this.state = 'error';
    }
  }

  /** A new proof of work, solved in the background. */
  #solve(): void {
    this.solved = false;
    const altcha = fetchClubChallenge(this.#setup.endpoint).then((challenge) => solveChallenge(challenge));
    this.#altcha = altcha;
    void altcha.then(
      () => this.#altcha === altcha && (this.solved = true),
      () => undefined,
    );
  }

  override render() {
    const t = this.#t;
    if (!this.#setup.endpoint) return html`<p class="message error" part="message" role="alert">${t.notConfigured}</p>`;
    const problem = this.problem
      ? html`<p id="problem" class="message error" part="message" role="alert" tabindex="-1">${t.errors[this.problem]}</p>`
      : nothing;
    if (this.state === 'loading') return html`<p class="message" part="message" role="status">${t.loading}</p>`;
    if (this.state === 'error') return problem;
    if (this.state === 'sent')
      return html`<div id="sent" role="status" tabindex="-1">
        <h2>${t.sentTitle}</h2>
        <p>${t.sent(this.form!.confirmHours)}</p>
      </div>`;
    const form = this.form!;
    const error = (field: RegistrationField) => this.errors.get(field);
    const errorText = (field: RegistrationField) => (error(field) === 'missing' ? t.missing(t.labels[field]) : t.wrong[field]);
    const described = (field: RegistrationField) =>
      [t.hints[field] ? `f-${field}-hint` : '', error(field) ? `f-${field}-error` : ''].filter(Boolean).join(' ') || nothing;
    const below = (field: RegistrationField) => html`
      ${t.hints[field] ? html`<p id="f-${field}-hint" class="hint">${t.hints[field]}</p>` : nothing}
      ${error(field) ? html`<p id="f-${field}-error" class="field-error">${errorText(field)}</p>` : nothing}
    `;
    const input = (field: RegistrationField, type: string, autocomplete: string, max: number) =>
      html`<div class="field">
        <label for="f-${field}">${t.labels[field]}</label>
        <input
          id="f-${field}"
          part="input"
          name=${field}
          type=${type}
          autocomplete=${autocomplete}
          maxlength=${max}
          ?required=${!OPTIONAL.has(field)}
          aria-invalid=${error(field) ? 'true' : 'false'}
          aria-describedby=${described(field)}
        />
        ${below(field)}
      </div>`;
    const select = (field: 'kind' | 'region', options: Array<[string, string]>, placeholder?: string) =>
      html`<div class="field">
        <label for="f-${field}">${t.labels[field]}</label>
        <select id="f-${field}" name=${field} required aria-invalid=${error(field) ? 'true' : 'false'} aria-describedby=${described(field)}>
          ${placeholder ? html`<option value="">${placeholder}</option>` : nothing}
          ${options.map(([value, text]) => html`<option value=${value}>${text}</option>`)}
        </select>
        ${below(field)}
      </div>`;
    const goTo = (event: Event, field: RegistrationField) => {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>(`#f-${field}`)?.focus();
    };
    return html`<form part="form" novalidate @submit=${this.#submit} aria-busy=${this.state === 'sending' ? 'true' : 'false'}>
      <p>${t.intro}</p>
      ${
        this.errors.size > 0
          ? html`<div id="summary" class="summary" part="error-summary" role="group" aria-labelledby="summary-title" tabindex="-1">
            <p id="summary-title" class="summary-title">${t.summaryTitle(this.errors.size)}</p>
            <ul>
              ${[...this.errors.keys()].map((field) => html`<li><a href="#f-${field}" @click=${(e: Event) => goTo(e, field)}>${errorText(field)}</a></li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${problem}
      ${input('name', 'text', 'organization', CLUB_LIMITS.nameMax)}
      ${select(
        'kind',
        form.kinds.map((kind) => [kind, t.kinds[kind as ClubKind]]),
      )}
      ${input('website', 'url', 'url', 2000)}
      ${select(
        'region',
        form.regions.map((region) => [region.id, region.name]),
        form.regions.length > 1 ? t.chooseRegion : undefined,
      )}
      ${input('contactName', 'text', 'name', CLUB_LIMITS.personMax)}
      ${input('contactEmail', 'email', 'email', 254)}
      <fieldset>
        <legend>${t.deputyLegend}</legend>
        ${input('deputyName', 'text', 'off', CLUB_LIMITS.personMax)}
        ${input('deputyEmail', 'email', 'off', 254)}
      </fieldset>
      <div class="field">
        <label class="check" for="f-consent"
          ><input
            id="f-consent"
            name="consent"
            type="checkbox"
            required
            aria-invalid=${error('consent') ? 'true' : 'false'}
            aria-describedby=${described('consent')}
          /><span>${t.consent}</span></label
        >
        <p class="links">
          <a href=${form.termsUrl} target="_blank" rel="noopener noreferrer">${t.terms}</a>
          <a href=${form.privacyUrl} target="_blank" rel="noopener noreferrer">${t.privacy}</a>
        </p>
        ${below('consent')}
      </div>
      <div class="hp" aria-hidden="true">
        <label for="f-homepage">${t.honeypot}</label>
        <input id="f-homepage" name="homepage" tabindex="-1" autocomplete="off" />
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${this.state === 'sending'}>${t.submit}</button>
        <p class="hint" role="status">${this.solved ? t.solved : t.solving}</p>
      </div>
    </form>`;
  }

  /** The form's values, and what is wrong with them by the server's rules. */
  #check(data: FormData): Map<RegistrationField, FieldError> {
    const errors = new Map<RegistrationField, FieldError>();
    const text = (field: RegistrationField) => String(data.get(field) ?? '').trim();
    for (const field of FIELDS) {
      const value = field === 'consent' ? (data.get('consent') ? 'yes' : '') : text(field);
      if (!value) {
        if (!OPTIONAL.has(field)) errors.set(field, 'missing');
        continue;
      }
      const ok =
        field === 'name'
          ? checkBookingText(value, 2, CLUB_LIMITS.nameMax) === null
          : field === 'contactName' || field === 'deputyName'
            ? checkBookingText(value, 2, CLUB_LIMITS.personMax) === null
            : field === 'contactEmail' || field === 'deputyEmail'
              ? isEmailAddress(value)
              : field === 'website'
                ? /^https:\/\/[^\s/]+/.test(value) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(value)
                : true;
      if (!ok) errors.set(field, 'wrong');
    }
    if (!text('deputyName') !== !text('deputyEmail') && !errors.has('deputyName') && !errors.has('deputyEmail'))
      errors.set(text('deputyName') ? 'deputyEmail' : 'deputyName', 'wrong');
    return errors;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.state === 'sending') return;
    const data = new FormData(event.target as HTMLFormElement);
    this.problem = null;
    this.errors = this.#check(data);
    if (this.errors.size > 0) {
      this.#moveFocus('#summary');
      return;
    }
    this.state = 'sending';
    const text = (field: string) => String(data.get(field) ?? '').trim();
    try {
      await registerClub(this.#setup.endpoint, {
        name: text('name'),
        kind: text('kind') as ClubKind,
        website: text('website'),
        region: text('region'),
        contactName: text('contactName'),
        contactEmail: text('contactEmail'),
        ...(text('deputyName') ? { deputyName: text('deputyName'), deputyEmail: text('deputyEmail') } : {}),
        language: this.#setup.locale,
        consent: true,
        homepage: text('homepage'),
        altcha: await this.#altcha!,
      });
      this.state = 'sent';
      this.#moveFocus('#sent');
    } catch (error) {
      this.state = 'form';
      const field = error instanceof VereinApiError ? (error.field as RegistrationField | undefined) : undefined;
      if (field && FIELDS.includes(field)) {
        this.errors = new Map([[field, 'wrong']]);
        this.#moveFocus('#summary');
      } else {
        this.problem = this.#code(error);
        this.#moveFocus('#problem');
      }
      // A challenge works once: a new one for the next try.
      this.#solve();
    }
  }

  #code(error: unknown): RegistrationErrorCode {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    return (code in this.#t.errors ? code : 'unknown') as RegistrationErrorCode;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-club-registration': VereinClubRegistration;
  }
}
