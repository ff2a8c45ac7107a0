import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { ClubView } from '@vereinsraum/protocol';
import {
  confirmClub,
  confirmClubHandover,
  deleteOwnClub,
  requestClubOrigin,
  endClubSession,
  fetchClub,
  requestClubSignin,
  startClubSession,
  VereinApiError,
} from '../../api/client.js';
import { apiUrl } from '../../api/http.js';
import { type ClubErrorCode, type ClubMessageOverrides, type ClubMessages, clubMessagesFor } from '../../i18n/club.js';
import { localeOf } from '../../i18n/locale.js';
import { ChunkController, lazy } from '../../internal/chunks.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { SetupController } from '../../tenant/setup.js';
import { figureStyles } from '../usage-report/figures.styles.js';
import { styles } from './club-admin.styles.js';
import type { ClubBranding } from './branding.js';
import type { ClubHandover } from './handover.js';
import type { ClubLinks } from './links.js';
import { ClubRooms, type ClubRoomsHost } from './rooms.js';
import type { ClubUsage } from './usage.js';

/**
 * Where the contact person is: `loading`, `signed-out` (the e-mail form), `sent` (a sign-in link is on its
 * way), `confirmed` (a registration's address is confirmed), `reconfirmed` (the yearly reconfirmation is
 * done), `handed-over` (a new contact person took over: the sign-in form, with a line saying so), `club` (the club's rooms), `deleted`
 * (the contact person deleted the club).
 */
export type ClubAdminState = 'loading' | 'signed-out' | 'sent' | 'confirmed' | 'reconfirmed' | 'handed-over' | 'club' | 'deleted';

/** The links that still work, the usage figures, the logo and colours and the handover: a chunk of their own, loaded once the club is shown. */
const sectionsChunk = lazy(() => import('./sections.js'));

/**
 * The club page for a club's contact person: sign in with a link sent by
 * e-mail, then the club's rooms, each with its two lines for the club's
 * website (with a copy button), "start now" as moderator, a link for members
 * and one for deputies (moderators; both 30 days), a form to rename it,
 * change who may start it, its access code and its settings (waiting room,
 * muted on entry, everyone moderates, recording), and delete; a form for a
 * new room; the links that still work, each to revoke; the club's own usage
 * figures (a period, a sentence, a chart with its table, CSV); the websites
 * the club's rooms may appear on and a request for another; its logo and
 * colours with a preview of the join button and its contrast; handing over
 * the contact role to another person (with a confirmation step); the club's
 * data to download, and deleting the club after a confirmation step. It also
 * takes the links of the club's mails: `#confirm=…` (the registration's
 * confirmation, or the yearly reconfirmation), `#signin=…` (a sign-in
 * link) and `#handover=…` (the new contact person takes over), and removes
 * them from the address once used.
 *
 * The session is a cookie of the Vereinsraum server's own address: put this
 * element on a page served there (`vereinsraum serve` has one at `/club`).
 *
 * @summary A club's page: sign in by e-mail link, rooms, links, embed code.
 * @tagname verein-club-admin
 *
 * @csspart form - The sign-in form and the new room's form.
 * @csspart input - The fields.
 * @csspart button - The buttons.
 * @csspart list - The list of rooms, and the list of links.
 * @csspart room - One room.
 * @csspart message - Status and error texts.
 * @csspart chart - The usage chart (a figure with two bar charts).
 *
 * @cssprop --verein-color-primary - Buttons and links (default #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-muted - Hints and borders (default #4a4a4a).
 * @cssprop --verein-color-danger - Errors and delete (default #a4001d).
 * @cssprop --verein-color-surface - Background of the rooms and fields (default #ffffff).
 * @cssprop --verein-radius - Corner radius (default 0.5rem).
 * @cssprop --verein-font-family - Font (default: the page's).
 */
export class VereinClubAdmin extends LitElement {
  static override styles = [sharedStyles, formStyles, figureStyles, styles];

  static override properties: PropertyDeclarations = {
    endpoint: { reflect: true },
    lang: {},
    messages: { attribute: false },
    state: { reflect: true },
    club: { state: true },
    problem: { state: true },
    notice: { state: true },
    deleting: { state: true },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-club-admin', registry: CustomElementRegistry = customElements): typeof VereinClubAdmin {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Not used: the club is the signed-in one. Kept for `<verein-config>`. */
  tenant = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: ClubMessageOverrides;

  /** Where the contact person is (read-only, reflected). */
  state: ClubAdminState = 'loading';

  readonly #setup = new SetupController(this);
  private club: ClubView | null = null;
  private problem: ClubErrorCode | null = null;
  private notice = '';
  /** Whether the confirmation step of deleting the club is open. */
  private deleting = false;
  #csrf = '';
  #started = false;
  readonly #moveFocus = focusAfterUpdate(this);
  /** What the parts of the page get (the rooms all of it, the others what every part gets). */
  readonly #part: ClubRoomsHost = {
    endpoint: () => this.#setup.endpoint,
    csrf: () => this.#csrf,
    fail: (error) => this.#fail(error, '#problem'),
    say: (notice) => void (this.notice = notice),
    update: () => this.requestUpdate(),
    send: (work, failed) => this.#send(work, failed),
    changed: (change, notice, focus) => {
      this.club = { ...this.club!, rooms: change(this.club!.rooms) };
      this.notice = notice;
      this.#moveFocus(focus);
    },
    linksChanged: () => void this.#invites?.load(),
    moveFocus: this.#moveFocus,
  };
  readonly #rooms = new ClubRooms(this.#part);
  #invites: ClubLinks | null = null;
  #branding: ClubBranding | null = null;
  #handover: ClubHandover | null = null;
  #usage: ClubUsage | null = null;
  readonly #chunks = new ChunkController(this);

  get #t(): ClubMessages {
    return clubMessagesFor(this.#setup.locale, this.messages);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    return this.#chunks.settled(() => super.getUpdateComplete());
  }

  override willUpdate(): void {
    if (this.#started || !this.#setup.endpoint) return;
    this.#started = true;
    void this.#start();
  }

  /** The mail's link in the address, else the session the browser may have. */
  async #start(): Promise<void> {
    const hash = new URLSearchParams(location.hash.slice(1));
    const confirm = hash.get('confirm');
    const signin = hash.get('signin');
    const handover = hash.get('handover');
    if (confirm || signin || handover) history.replaceState(null, '', location.pathname + location.search);
    try {
      if (handover) {
        await confirmClubHandover(this.#setup.endpoint, handover);
        this.state = 'handed-over';
        return;
      }
      if (confirm) {
        const { status } = await confirmClub(this.#setup.endpoint, confirm);
        this.state = status === 'active' ? 'reconfirmed' : 'confirmed';
        return;
      }
      if (signin) this.#csrf = (await startClubSession(this.#setup.endpoint, signin)).csrf;
      await this.#load();
    } catch (error) {
      this.state = 'signed-out';
      this.#fail(error, signin || confirm || handover ? '#problem' : '');
    }
  }

  async #load(): Promise<void> {
    try {
      const { csrf, ...club } = await fetchClub(this.#setup.endpoint);
      this.#csrf = csrf;
      this.club = club;
      this.state = 'club';
      this.#branding?.reset(club);
      void this.#chunks.track(sectionsChunk()).then((chunk) => {
        if (!chunk) return this.#fail(new VereinApiError('network_error', 0), '');
        this.#invites ??= new chunk.ClubLinks(this.#part);
        void this.#invites.load();
        this.#handover ??= new chunk.ClubHandover(this.#part);
        this.#usage ??= new chunk.ClubUsage(this.#part);
        void this.#usage.load();
        if (!this.#branding) {
          this.#branding = new chunk.ClubBranding(this.#part);
          if (this.club) this.#branding.reset(this.club);
        }
      });
    } catch (error) {
      if (error instanceof VereinApiError && error.code === 'session_required') {
        this.state = 'signed-out';
        return;
      }
      throw error;
    }
  }

  override render() {
    const t = this.#t;
    if (!this.#setup.endpoint) return html`<p class="message error" part="message" role="alert">${t.notConfigured}</p>`;
    const problem = this.problem
      ? html`<p id="problem" class="message error" part="message" role="alert" tabindex="-1">${t.errors[this.problem]}</p>`
      : nothing;
    if (this.state === 'loading') return html`<p class="message" part="message" role="status">${t.loading}</p>`;
    if (this.state === 'confirmed' || this.state === 'reconfirmed')
      return html`<p id="done" class="message" part="message" role="status" tabindex="-1">${this.state === 'confirmed' ? t.confirmed : t.reconfirmed}</p>`;
    if (this.state === 'signed-out' || this.state === 'sent' || this.state === 'handed-over') {
      return html`<div class="stack">
        <h2>${t.signInTitle}</h2>
        ${problem}
        <form part="form" @submit=${this.#requestLink}>
          <div class="field">
            <label for="email">${t.emailLabel}</label>
            <p id="email-hint" class="hint">${t.signInIntro}</p>
            <input id="email" part="input" name="email" type="email" autocomplete="email" required aria-describedby="email-hint" />
          </div>
          <div class="actions"><button class="button" part="button" type="submit">${t.sendLink}</button></div>
        </form>
        <p id="done" class="message" part="message" role="status">${this.state === 'sent' ? t.linkSent : this.state === 'handed-over' ? t.handedOver : ''}</p>
      </div>`;
    }
    if (this.state === 'deleted') return html`<p id="done" class="message" part="message" role="status" tabindex="-1">${t.deleted}</p>`;
    const club = this.club!;
    const locale = localeOf(this.#setup.locale);
    const roomName = (id: string) => club.rooms.find((room) => room.id === id)?.name ?? id;
    return html`<div class="stack">
      <div class="bar">
        <h2 id="title" tabindex="-1">${club.name}</h2>
        <button id="sign-out" class="button secondary" part="button" type="button" @click=${this.#signOut}>${t.signOut}</button>
      </div>
      <p class="message" part="message" role="status">${this.notice}</p>
      ${problem}
      ${this.#rooms.render(t, club)}
      ${this.#invites?.render(t, roomName, locale) ?? nothing}
      ${this.#usage?.render(t, this.#setup.locale, this.messages?.usage) ?? nothing}
      <section class="stack" aria-labelledby="websites-title">
        <h3 id="websites-title">${t.websitesTitle}</h3>
        <ul class="websites">
          ${club.origins.map((origin) => html`<li>${origin}</li>`)}
        </ul>
        ${club.originRequest ? html`<p id="origin-requested">${t.originRequested(club.originRequest)}</p>` : nothing}
        <form id="new-origin" part="form" @submit=${this.#requestOrigin}>
          <div class="field">
            <label for="origin">${t.originLabel}</label>
            <p id="origin-hint" class="hint">${t.originHint}</p>
            <input id="origin" part="input" name="origin" type="url" required maxlength="2000" aria-describedby="origin-hint" />
          </div>
          <div class="actions"><button class="button" part="button" type="submit">${t.requestOrigin}</button></div>
        </form>
      </section>
      ${this.#branding?.render(t, locale) ?? nothing}
      ${this.#handover?.render(this.#setup.locale, this.messages?.handover) ?? nothing}
      <section class="stack" aria-labelledby="club-title">
        <h3 id="club-title">${t.clubTitle}</h3>
        <p><a id="export" class="button secondary" part="button" href=${apiUrl(this.#setup.endpoint, 'v1/club/export').href} download>${t.exportData}</a></p>
        ${
          this.deleting
            ? html`<div class="confirm" role="group" aria-labelledby="delete-warning">
              <p id="delete-warning">${t.deleteWarning(club.name)}</p>
              <div class="actions">
                <button id="delete-confirm" class="button danger" part="button" type="button" @click=${this.#deleteClub}>${t.deleteConfirm}</button>
                <button id="delete-cancel" class="button secondary" part="button" type="button" @click=${() => this.#askDelete(false)}>${t.cancel}</button>
              </div>
            </div>`
            : html`<p><button id="delete-club" class="button secondary danger" part="button" type="button" @click=${() => this.#askDelete(true)}>${t.deleteClub}</button></p>`
        }
      </section>
    </div>`;
  }

  #requestLink(event: Event): Promise<void> | void {
    event.preventDefault();
    const email = this.renderRoot.querySelector<HTMLInputElement>('#email')!.value.trim();
    if (!email) return;
    return this.#send(async (endpoint) => {
      await requestClubSignin(endpoint, email);
      this.state = 'sent';
    });
  }

  #requestOrigin(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const origin = (form.elements.namedItem('origin') as HTMLInputElement).value.trim();
    return this.#send(async (endpoint, csrf) => {
      const { originRequest } = await requestClubOrigin(endpoint, csrf, origin);
      form.reset();
      this.club = { ...this.club!, originRequest };
      this.notice = this.#t.originRequested(originRequest);
    });
  }

  #askDelete(open: boolean): void {
    this.deleting = open;
    this.#moveFocus(open ? '#delete-cancel' : '#delete-club');
  }

  #deleteClub(): Promise<void> {
    return this.#send(async (endpoint, csrf) => {
      await deleteOwnClub(endpoint, csrf);
      this.club = null;
      this.#csrf = '';
      this.deleting = false;
      this.state = 'deleted';
      this.#moveFocus('#done');
    });
  }

  async #signOut(): Promise<void> {
    await endClubSession(this.#setup.endpoint, this.#csrf).catch(() => undefined);
    this.club = null;
    this.#csrf = '';
    this.state = 'signed-out';
    this.#moveFocus('#email');
  }

  /** A request: the last problem goes, `work` runs with the server and the session's CSRF token; a refusal shows (after `failed`). */
  async #send(work: (endpoint: string, csrf: string) => Promise<void>, failed?: () => void): Promise<void> {
    this.problem = null;
    try {
      await work(this.#setup.endpoint, this.#csrf);
    } catch (error) {
      failed?.();
      this.#fail(error, '#problem');
    }
  }

  #fail(error: unknown, focus: string): void {
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    if (code === 'session_required') {
      this.club = null;
      this.state = 'signed-out';
    }
    this.problem = (code in this.#t.errors ? code : 'unknown') as ClubErrorCode;
    if (focus) this.#moveFocus(focus);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-club-admin': VereinClubAdmin;
  }
}
