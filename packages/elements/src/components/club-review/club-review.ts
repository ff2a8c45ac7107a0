import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { type AdminClub, BOOKING_LIMITS, type ClubStatus } from '@vereinsraum/protocol';
import { AdminSession } from '../../admin/session.js';
import { type ClubDecision, decideClub, listClubs, VereinApiError } from '../../api/client.js';
import { type ReviewErrorCode, type ReviewMessages, reviewMessagesFor } from '../../i18n/club-review.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { latestRun } from '../../internal/latest.js';
import { refusedHere, signedOut } from '../../internal/sign-in.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { signInStyles } from '../../styles/sign-in.js';
import { SetupController } from '../../tenant/setup.js';
import { styles } from '../booking-admin/booking-admin.styles.js';

/**
 * Where the operator is: `signed-out` (the token form, or the note that points
 * to it), `loading`, `list`, `refused` (the page's token works in another
 * operator element, not here).
 */
export type ClubReviewState = 'signed-out' | 'loading' | 'list' | 'refused';

const STATUSES: ReadonlyArray<Exclude<ClubStatus, 'unconfirmed'>> = ['pending', 'active', 'suspended', 'rejected'];

/**
 * For operators: the clubs that registered themselves, by status (those to
 * review first), each with its region, website, contact person and deputy,
 * and approve, reject (with an optional reason) or suspend (with a reason).
 * A region admin's token sees its regions' clubs only. Shares the admin
 * sign-in with the other operator elements of the page (`sessionStorage`):
 * the first of them shows the one token form, the others point to it. A
 * region admin's token signs in here while the bookings and usage views
 * refuse it (each says so). On a server without clubs (`clubs_disabled`) it
 * hides itself.
 *
 * The admin API answers only pages of its own origin: `vereinsraum serve`
 * shows this element at `/admin`, below the bookings.
 *
 * @summary The operator's clubs: approve, reject, suspend.
 * @tagname verein-club-review
 *
 * @csspart form - The token form and the reason forms.
 * @csspart input - The fields.
 * @csspart button - The buttons.
 * @csspart list - The list of clubs.
 * @csspart card - One club.
 * @csspart message - Status and error texts.
 *
 * @cssprop --verein-color-primary - Buttons (default #0b5cad).
 * @cssprop --verein-color-danger - Errors, reject and suspend (default #a4001d).
 */
export class VereinClubReview extends LitElement {
  static override styles = [sharedStyles, formStyles, signInStyles, styles];

  static override properties: PropertyDeclarations = {
    endpoint: { reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    clubs: { state: true },
    status: { state: true },
    problem: { state: true },
    notice: { state: true },
    reasonFor: { state: true },
    reasonMissing: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-club-review', registry: CustomElementRegistry = customElements): typeof VereinClubReview {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Not used: clubs are not a tenant's. Kept for `<verein-config>`. */
  tenant = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: Partial<ReviewMessages>;

  /** Where the operator is (read-only, reflected). */
  state: ClubReviewState = 'signed-out';

  readonly #setup = new SetupController(this);
  readonly #session = new AdminSession(this, (token) => (token ? void this.#load() : this.#signedOut()));
  private clubs: AdminClub[] = [];
  private status: Exclude<ClubStatus, 'unconfirmed'> = 'pending';
  private problem: ReviewErrorCode | null = null;
  private notice = '';
  /** The open reason form: the decision and the club. */
  private reasonFor: { decision: 'reject' | 'suspend'; id: string } | null = null;
  private reasonMissing = false;
  #started = false;
  readonly #loads = latestRun();
  readonly #moveFocus = focusAfterUpdate(this);

  get #t(): ReviewMessages {
    return reviewMessagesFor(this.#setup.locale, this.messages);
  }

  override willUpdate(): void {
    if (this.#started || !this.#setup.endpoint) return;
    this.#started = true;
    this.#session.join();
    if (this.#session.token) void this.#load();
  }

  override render() {
    const t = this.#t;
    if (!this.#setup.endpoint) return html`<p class="message error" part="message" role="alert">${t.notConfigured}</p>`;
    const problem = this.problem
      ? html`<p id="club-problem" class="message error" part="message" role="alert" tabindex="-1">${t.errors[this.problem]}</p>`
      : nothing;
    if (this.state === 'signed-out') return signedOut(t, this.#session, problem, 'club-token', this.#signIn);
    if (this.state === 'refused') return refusedHere(t, 'club-problem', () => this.#session.signOut());
    return html`
      <div class="bar">
        <h2 id="clubs-title" tabindex="-1">${t.title}</h2>
        <button class="button secondary" part="button" type="button" @click=${() => this.#session.signOut()}>${t.signOut}</button>
      </div>
      <div class="field">
        <label for="club-status">${t.status}</label>
        <select id="club-status" @change=${this.#statusChanged}>
          ${STATUSES.map((status) => html`<option value=${status} ?selected=${this.status === status}>${t.statuses[status]}</option>`)}
        </select>
      </div>
      <p class="message count" part="message" role="status">${this.state === 'loading' ? t.loading : this.notice}</p>
      ${problem}
      ${
        this.clubs.length > 0
          ? html`<ul class="cards" part="list" aria-labelledby="clubs-title">
            ${this.clubs.map((club) => this.#card(t, club))}
          </ul>`
          : nothing
      }
    `;
  }

  #card(t: ReviewMessages, club: AdminClub) {
    const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`<li class="card" part="card">
      <h3 id="c-${club.id}" tabindex="-1">${club.name}</h3>
      <dl>
        ${row(t.status, t.statuses[club.status as Exclude<ClubStatus, 'unconfirmed'>] ?? club.status)}
        ${row(t.kind, t.kinds[club.kind])}
        ${row(t.region, club.region)} ${row(t.website, club.origins.join(' '))}
        ${club.originRequest ? row(t.originRequest, club.originRequest) : nothing}
        ${row(t.contact, html`${club.contactName}, <a href="mailto:${club.contactEmail}">${club.contactEmail}</a>`)}
        ${club.deputyName ? row(t.deputy, `${club.deputyName}, ${club.deputyEmail}`) : nothing} ${row(t.rooms, club.rooms)}
        ${club.reason ? row(t.reason, club.reason) : nothing}
      </dl>
      ${this.#actions(t, club)}
    </li>`;
  }

  #actions(t: ReviewMessages, club: AdminClub) {
    if (this.reasonFor?.id === club.id) {
      const { decision } = this.reasonFor;
      const invalid = decision === 'suspend' && this.reasonMissing;
      return html`<form class="reason" part="form" novalidate @submit=${(e: Event) => this.#submitReason(e, club)}>
        <div class="field">
          <label for="reason-${club.id}">${t.reasonLabel}</label>
          <textarea
            id="reason-${club.id}"
            part="input"
            rows="3"
            maxlength=${BOOKING_LIMITS.reasonMax}
            aria-required=${decision === 'suspend' ? 'true' : 'false'}
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${invalid ? `reason-${club.id}-error` : nothing}
          ></textarea>
          ${invalid ? html`<p id="reason-${club.id}-error" class="field-error">${t.reasonRequired}</p>` : nothing}
        </div>
        <div class="actions">
          <button class="button danger" part="button" type="submit" aria-describedby="c-${club.id}">${decision === 'reject' ? t.reject : t.suspend}</button>
        </div>
      </form>`;
    }
    const button = (label: string, kind: string, run: () => void) =>
      html`<button class="button ${kind}" part="button" type="button" aria-describedby="c-${club.id}" @click=${run}>${label}</button>`;
    if (club.status === 'pending')
      return html`<div class="actions">
        ${button(t.approve, '', () => void this.#decide(club, 'approve'))} ${button(t.reject, 'secondary', () => this.#openReason(club, 'reject'))}
      </div>`;
    if (club.status === 'active')
      return html`<div class="actions">
        ${
          club.originRequest
            ? html`${button(t.allowOrigin, '', () => void this.#decide(club, 'allow-origin'))}
              ${button(t.refuseOrigin, 'secondary', () => void this.#decide(club, 'refuse-origin'))}`
            : nothing
        }
        ${button(t.suspend, 'secondary danger', () => this.#openReason(club, 'suspend'))}
      </div>`;
    if (club.status === 'suspended')
      return html`<div class="actions">${button(t.approve, '', () => void this.#decide(club, 'approve'))}</div>`;
    return nothing;
  }

  readonly #signIn = (token: string): void => {
    this.#moveFocus('#clubs-title');
    this.#session.signIn(token);
  };

  #signedOut(): void {
    this.#clear('signed-out');
    // Every sign-out comes from the operator or a refusal: the form (wherever on the page it is) takes focus, with the reason.
    if (this.#session.refusedEverywhere) this.problem = 'unauthorized';
    if (this.#session.holdsForm) this.#moveFocus('#club-token');
  }

  /** No list to show: signed out, or the token is refused here. */
  #clear(state: 'signed-out' | 'refused'): void {
    this.#loads();
    this.clubs = [];
    this.notice = '';
    this.problem = null;
    this.reasonFor = null;
    this.state = state;
  }

  #statusChanged(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as typeof this.status;
    void this.#load();
  }

  async #load(): Promise<void> {
    const current = this.#loads();
    this.state = 'loading';
    this.problem = null;
    this.reasonFor = null;
    try {
      const clubs = await listClubs(this.#setup.endpoint, this.#session.token, this.status);
      if (!current()) return;
      this.#session.answered();
      this.clubs = clubs;
      this.notice = this.#t.count(clubs.length);
      this.state = 'list';
    } catch (error) {
      if (current()) this.#fail(error);
    }
  }

  #openReason(club: AdminClub, decision: 'reject' | 'suspend'): void {
    this.reasonFor = { decision, id: club.id };
    this.reasonMissing = false;
    this.#moveFocus(`#reason-${club.id}`);
  }

  #submitReason(event: Event, club: AdminClub): void {
    event.preventDefault();
    const reason = (event.target as HTMLFormElement).querySelector('textarea')!.value.trim();
    const decision = this.reasonFor!.decision;
    if (decision === 'suspend' && !reason) {
      this.reasonMissing = true;
      this.#moveFocus(`#reason-${club.id}`);
      return;
    }
    void this.#decide(club, decision, reason);
  }

  async #decide(club: AdminClub, decision: ClubDecision, reason = ''): Promise<void> {
    this.problem = null;
    try {
      // A website decision names the website shown, so the club cannot have swapped it meanwhile.
      const origin = decision.endsWith('-origin') ? (club.originRequest ?? undefined) : undefined;
      const changed = await decideClub(this.#setup.endpoint, this.#session.token, club.id, decision, reason, origin);
      this.clubs = this.clubs.map((c) => (c.id === club.id ? changed : c));
      this.reasonFor = null;
      const t = this.#t;
      this.notice = {
        approve: t.approved,
        reject: t.rejected,
        suspend: t.suspended,
        'allow-origin': t.originAllowed,
        'refuse-origin': t.originRefused,
      }[decision](club.name);
      this.#moveFocus(`#c-${club.id}`);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    // A server without clubs: the view has nothing to show on the operator's page.
    if (code === 'clubs_disabled') {
      this.hidden = true;
      // Hidden, it can hold no form: another operator element of the page takes it.
      this.#session.leave();
      return;
    }
    if (code === 'unauthorized') return this.#refused();
    this.#session.answered();
    this.problem = (code in this.#t.errors ? code : 'unknown') as ReviewErrorCode;
    this.state = 'list';
    this.#moveFocus('#club-problem');
  }

  /**
   * The server refused the page's token. Once every operator element of the
   * page has answered: refused by all, the page signs out and the form says
   * why; else this view says that the token does not open the clubs.
   */
  #refused(): void {
    this.#session.refuse(() => {
      this.#clear('refused');
      // Focus stays in this element when it was here (the sign-in was typed here), on what applies to it.
      if (this.shadowRoot?.activeElement) this.#moveFocus('#club-problem');
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-club-review': VereinClubReview;
  }
}
