import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { UsageReport } from '@vereinsraum/protocol';
import { AdminSession } from '../../admin/session.js';
import { fetchUsage, fetchUsageCsv, type UsageQuery, VereinApiError } from '../../api/client.js';
import { type UsageErrorCode, type UsageMessageOverrides, type UsageMessages, usageMessagesFor } from '../../i18n/usage.js';
import { localeOf } from '../../i18n/locale.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { latestRun } from '../../internal/latest.js';
import { refusedHere, signedOut } from '../../internal/sign-in.js';
import { sharedStyles } from '../../styles/shared.js';
import { signInStyles } from '../../styles/sign-in.js';
import { SetupController } from '../../tenant/setup.js';
import { lastDays, renderFigures, renderPeriod, saveFile, usageSentence } from './figures.js';
import { figureStyles } from './figures.styles.js';
import { styles } from './usage-report.styles.js';

/**
 * Where the report is: `signed-out` (the token form, or the note that points
 * to it), `loading`, `report`, `error` (the last request failed), `refused`
 * (the page's token works in another operator element, not here).
 */
export type UsageReportState = 'signed-out' | 'loading' | 'report' | 'error' | 'refused';

const ERRORS: readonly UsageErrorCode[] = [
  'unauthorized',
  'origin_not_allowed',
  'usage_disabled',
  'invalid_input',
  'not_found',
  'network_error',
];

/**
 * For operators (and, with the club registration, a club's contact person):
 * usage figures, counts only. The totals in one sentence ("2.840
 * Teilnehmende in 649 Konferenzen, 1.696 Stunden, in den letzten 14 Tagen"),
 * a chart of conferences and participants per day (drawn for the eye and
 * readable in forced colours; hidden from screen readers, which get the same
 * figures as a table), a period picker, a CSV download and what each figure
 * means. Numbers and dates in German or English.
 *
 * Asks for the admin token like `<verein-booking-admin>` and shares it with
 * every operator element of the page (`sessionStorage`, this tab only): the
 * first of them shows the one token form, the others point to it. A token
 * another operator element takes but this one refuses (a region admin's)
 * leaves the others signed in; this one says so and offers to sign in with
 * another token. The admin API answers only its own origin: `vereinsraum
 * serve` shows this element on `/admin`.
 *
 * @summary Usage figures of a period: sentence, chart, table, CSV.
 * @tagname verein-usage-report
 *
 * @csspart form - The token form and the period picker.
 * @csspart input - The token and date fields.
 * @csspart button - The buttons.
 * @csspart summary - The sentence with the totals.
 * @csspart chart - The chart (a figure with two bar charts).
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-color-primary - Buttons and the conference bars (default: the tenant's theme, else #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default: the tenant's theme, else #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints, borders and the participant bars (default #4a4a4a).
 * @cssprop --verein-color-danger - Errors (default #a4001d).
 * @cssprop --verein-color-surface - Background of the fields (default #ffffff).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default: the tenant's theme, else 0.5rem).
 * @cssprop --verein-font-family - Font (default: the tenant's theme, else the page's).
 */
export class VereinUsageReport extends LitElement {
  static override styles = [sharedStyles, signInStyles, figureStyles, styles];

  static override properties: PropertyDeclarations = {
    tenant: { reflect: true },
    region: { reflect: true },
    endpoint: { reflect: true },
    days: { type: Number, reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    report: { state: true },
    period: { state: true },
    problem: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-usage-report', registry: CustomElementRegistry = customElements): typeof VereinUsageReport {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Only this tenant's figures; default: from `<verein-config>`, else every tenant the token may see. */
  tenant = '';

  /** Only the figures of this region's tenants (their `region` in the server's configuration); ignored with a `tenant`. */
  region = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** How many days up to today the report first shows (default 14). */
  days = 14;

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language, else the tenant's. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: UsageMessageOverrides;

  /** Where the report is (read-only, reflected). */
  state: UsageReportState = 'signed-out';

  readonly #setup = new SetupController(this);
  readonly #session = new AdminSession(this, (token) => this.#tokenChanged(token));
  private report: UsageReport | null = null;
  private period: { from: string; to: string } | null = null;
  private problem: UsageErrorCode | null = null;
  #started = false;
  readonly #loads = latestRun();
  readonly #moveFocus = focusAfterUpdate(this);

  get #t(): UsageMessages {
    return usageMessagesFor(this.#setup.locale, this.messages);
  }

  get #locale(): string {
    return localeOf(this.#setup.locale);
  }

  override willUpdate(): void {
    if (this.#started || !this.#setup.endpoint) return;
    this.#started = true;
    this.#session.join();
    this.period = lastDays(this.days);
    if (this.#session.token) void this.#load();
  }

  override render() {
    const t = this.#t;
    if (!this.#setup.endpoint) return html`<p class="message error" part="message" role="alert">${t.notConfigured}</p>`;
    if (this.state === 'signed-out') return signedOut(t, this.#session, this.#renderProblem(), 'token', this.#signIn);
    if (this.state === 'refused') return refusedHere(t, 'problem', () => this.#signOut());
    const report = this.report;
    return html`
      <div class="bar-top">
        <h2 id="title" tabindex="-1">${t.title}</h2>
        <div class="actions">
          <button class="button secondary" part="button" type="button" ?disabled=${!report} @click=${this.#download}>${t.download}</button>
          <button class="button secondary" part="button" type="button" @click=${this.#signOut}>${t.signOut}</button>
        </div>
      </div>
      ${renderPeriod(t, this.period, (period) => this.#choose(period))}
      <p class="message summary" part="summary" role="status">${this.state === 'loading' ? t.loading : report ? usageSentence(t, report, this.#locale) : ''}</p>
      ${this.#renderProblem()}
      ${report && this.state !== 'loading' ? renderFigures(t, report, this.#locale) : nothing}
    `;
  }

  #renderProblem() {
    if (!this.problem) return nothing;
    return html`<p id="problem" class="message error" part="message" role="alert" tabindex="-1">${this.#t.errors[this.problem]}</p>`;
  }

  #query(): UsageQuery {
    const tenant = this.#setup.tenant;
    return {
      from: this.period!.from,
      to: this.period!.to,
      ...(tenant ? { tenant } : this.region ? { region: this.region } : {}),
    };
  }

  readonly #signIn = (token: string): void => {
    this.#moveFocus('#title');
    this.#session.signIn(token);
  };

  #signOut(): void {
    this.#session.signOut();
  }

  #tokenChanged(token: string): void {
    if (!this.#setup.endpoint) return;
    if (token) {
      void this.#load();
      return;
    }
    this.#clear('signed-out');
    // Every sign-out comes from the operator or a refusal: the form (wherever on the page it is) takes focus, with the reason.
    if (this.#session.refusedEverywhere) this.problem = 'unauthorized';
    if (this.#session.holdsForm) this.#moveFocus('#token');
  }

  /** No report to show: signed out, or the token is refused here. */
  #clear(state: 'signed-out' | 'refused'): void {
    this.#loads();
    this.report = null;
    this.problem = null;
    this.state = state;
  }

  #choose(period: { from: string; to: string }): void {
    this.period = period;
    void this.#load();
  }

  async #load(): Promise<void> {
    const current = this.#loads();
    this.state = 'loading';
    this.problem = null;
    try {
      const report = await fetchUsage(this.#setup.endpoint, this.#session.token, this.#query());
      if (!current()) return;
      this.#session.answered();
      this.report = report;
      this.state = 'report';
    } catch (error) {
      if (current()) this.#fail(error);
    }
  }

  async #download(): Promise<void> {
    try {
      const blob = await fetchUsageCsv(this.#setup.endpoint, this.#session.token, this.#query());
      saveFile(blob, `usage-${this.period!.from}-${this.period!.to}.csv`);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    if (code === 'unauthorized') return this.#refused();
    this.#session.answered();
    this.problem = (ERRORS as readonly string[]).includes(code) ? (code as UsageErrorCode) : 'unknown';
    this.state = 'error';
    this.#moveFocus('#problem');
  }

  /**
   * The server refused the page's token. Once every operator element of the
   * page has answered: refused by all, the page signs out and the form says
   * why; else this view says that the token does not open the figures.
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
    'verein-usage-report': VereinUsageReport;
  }
}
