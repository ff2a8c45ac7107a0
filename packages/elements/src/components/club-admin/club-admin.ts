import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { ACCESS_CODE_MAX, CLUB_LIMITS, type ClubRoom, type ClubView } from '@vereinsraum/protocol';
import {
  clubRoomLink,
  confirmClub,
  createClubRoom,
  deleteClubRoom,
  deleteOwnClub,
  requestClubOrigin,
  endClubSession,
  fetchClub,
  requestClubSignin,
  startClubSession,
  updateClubRoom,
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
import { ClubLinks } from './links.js';
import type { ClubPart } from './part.js';
import type { ClubUsage } from './usage.js';

/**
 * Where the contact person is: `loading`, `signed-out` (the e-mail form), `sent` (a sign-in link is on its
 * way), `confirmed` (a registration's address is confirmed), `reconfirmed` (the yearly reconfirmation is
 * done), `club` (the club's rooms), `deleted` (the contact person deleted the club).
 */
export type ClubAdminState = 'loading' | 'signed-out' | 'sent' | 'confirmed' | 'reconfirmed' | 'club' | 'deleted';

/** The usage figures and the logo and colours: a chunk of their own, loaded once the club is shown. */
const sectionsChunk = lazy(() => import('./sections.js'));

/** The room settings the page offers, as `ClubRoom` names them. */
const SETTINGS = ['waitingRoom', 'muteOnEntry', 'allModerators', 'recording'] as const;

/** The settings of a room form's checkboxes, each `true` or `false`. */
function settingsOf(data: Record<string, string>): Record<(typeof SETTINGS)[number], boolean> {
  return Object.fromEntries(SETTINGS.map((name) => [name, data[name] === 'on'])) as Record<(typeof SETTINGS)[number], boolean>;
}

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
 * colours with a preview of the join button and its contrast; the club's
 * data to download, and deleting the club after a confirmation step. It also
 * takes the links of the club's mails: `#confirm=…` (the registration's
 * confirmation, or the yearly reconfirmation) and `#signin=…` (a sign-in
 * link), and removes them from the address once used.
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
    links: { state: true },
    editing: { state: true },
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
  /** Links made on this page, by room: a member or deputy link to copy. */
  private links: Record<string, { kind: 'invite' | 'deputy'; link: string }> = {};
  /** The room whose change form is open (`''`: none). */
  private editing = '';
  /** Whether the confirmation step of deleting the club is open. */
  private deleting = false;
  #csrf = '';
  #started = false;
  readonly #moveFocus = focusAfterUpdate(this);
  readonly #part: ClubPart = {
    endpoint: () => this.#setup.endpoint,
    csrf: () => this.#csrf,
    fail: (error) => this.#fail(error, '#problem'),
    say: (notice) => void (this.notice = notice),
    update: () => this.requestUpdate(),
  };
  readonly #invites = new ClubLinks(this.#part);
  #branding: ClubBranding | null = null;
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
    if (confirm || signin) history.replaceState(null, '', location.pathname + location.search);
    try {
      if (confirm) {
        const { status } = await confirmClub(this.#setup.endpoint, confirm);
        this.state = status === 'active' ? 'reconfirmed' : 'confirmed';
        return;
      }
      if (signin) this.#csrf = (await startClubSession(this.#setup.endpoint, signin)).csrf;
      await this.#load();
    } catch (error) {
      this.state = 'signed-out';
      this.#fail(error, signin || confirm ? '#problem' : '');
    }
  }

  async #load(): Promise<void> {
    try {
      const { csrf, ...club } = await fetchClub(this.#setup.endpoint);
      this.#csrf = csrf;
      this.club = club;
      this.state = 'club';
      void this.#invites.load();
      this.#branding?.reset(club);
      void this.#chunks.track(sectionsChunk()).then((chunk) => {
        if (!chunk) return this.#fail(new VereinApiError('network_error', 0), '');
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
    if (this.state === 'signed-out' || this.state === 'sent') {
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
        <p class="message" part="message" role="status">${this.state === 'sent' ? t.linkSent : ''}</p>
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
      <h3 id="rooms">${t.roomsTitle}</h3>
      <p class="hint">${t.roomCount(club.rooms.length, club.maxRooms)}</p>
      <ul class="rooms" part="list" aria-labelledby="rooms">
        ${club.rooms.map((room) => this.#renderRoom(t, room))}
      </ul>
      <form id="new-room" part="form" @submit=${this.#create}>
        <h3>${t.newRoomTitle}</h3>
        <div class="field">
          <label for="name">${t.nameLabel}</label>
          <input id="name" part="input" name="name" required minlength="2" maxlength=${CLUB_LIMITS.nameMax} />
        </div>
        <div class="field">
          <label for="id">${t.idLabel}</label>
          <p id="id-hint" class="hint">${t.idHint}</p>
          <input id="id" part="input" name="id" required pattern="[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?" aria-describedby="id-hint" />
        </div>
        <div class="field">
          <label for="code">${t.codeLabel}</label>
          <p id="code-hint" class="hint">${t.codeHint}</p>
          <input id="code" part="input" name="accessCode" autocomplete="off" minlength=${CLUB_LIMITS.codeMin} maxlength=${ACCESS_CODE_MAX} aria-describedby="code-hint" />
        </div>
        <div class="field">
          <label for="start">${t.whoStarts}</label>
          <select id="start" name="start">
            ${(['moderator-code', 'anyone', 'invite'] as const).map((start) => html`<option value=${start}>${t.starts[start]}</option>`)}
          </select>
        </div>
        ${this.#renderSettings(t, 'new')}
        <div class="actions"><button class="button" part="button" type="submit">${t.create}</button></div>
      </form>
      ${this.#invites.render(t, roomName, locale)}
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

  #renderRoom(t: ClubMessages, room: ClubRoom) {
    const made = this.links[room.id];
    const settings = SETTINGS.filter((name) => room[name]).map((name) => t.settings[name]);
    return html`<li class="room" part="room" id="room-${room.id}" tabindex="-1" aria-labelledby="name-${room.id}">
      <h4 id="name-${room.id}">${room.name} (${room.id})</h4>
      <p>${room.accessCode ? t.accessCode : t.noAccessCode} · ${t.whoStarts}: ${t.starts[room.start]}</p>
      ${settings.length ? html`<p class="settings-line">${settings.join(' · ')}</p>` : nothing}
      <p id="embed-label-${room.id}">${t.embedLabel}</p>
      <pre aria-labelledby="embed-label-${room.id}">${room.embed}</pre>
      ${made ? html`<p>${made.kind === 'deputy' ? t.deputyReady : t.inviteReady}</p><pre class="made-link">${made.link}</pre>` : nothing}
      ${
        this.editing === room.id
          ? html`<form id="edit-${room.id}" part="form" @submit=${(e: Event) => this.#update(e, room.id)}>
          <div class="field">
            <label for="name-${room.id}-edit">${t.nameLabel}</label>
            <input id="name-${room.id}-edit" part="input" name="name" required minlength="2" maxlength=${CLUB_LIMITS.nameMax} .value=${room.name} />
          </div>
          <div class="field">
            <label for="start-${room.id}">${t.whoStarts}</label>
            <select id="start-${room.id}" name="start">
              ${(['moderator-code', 'anyone', 'invite'] as const).map((start) => html`<option value=${start} ?selected=${room.start === start}>${t.starts[start]}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="code-${room.id}">${t.newCodeLabel}</label>
            <input id="code-${room.id}" part="input" name="accessCode" autocomplete="off" minlength=${CLUB_LIMITS.codeMin} maxlength=${ACCESS_CODE_MAX} />
          </div>
          <label class="check" for="nocode-${room.id}"><input id="nocode-${room.id}" name="noCode" type="checkbox" /><span>${t.removeCode}</span></label>
          ${this.#renderSettings(t, room.id, room)}
          <div class="actions"><button class="button" part="button" type="submit">${t.save}</button></div>
        </form>`
          : nothing
      }
      <div class="actions">
        <button
          id="edit-button-${room.id}"
          class="button secondary"
          part="button"
          type="button"
          data-action="edit"
          aria-expanded=${this.editing === room.id ? 'true' : 'false'}
          aria-describedby="name-${room.id}"
          @click=${() => this.#toggleEdit(room.id)}
        >${t.edit}</button>
        <button class="button secondary" part="button" type="button" data-action="copy" aria-describedby="name-${room.id}" @click=${() => this.#copy(room.embed)}>${t.copy}</button>
        <button class="button" part="button" type="button" data-action="start" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'start')}>${t.start}</button>
        <button class="button secondary" part="button" type="button" data-action="invite" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'invite')}>${t.invite}</button>
        <button class="button secondary" part="button" type="button" data-action="deputy" aria-describedby="name-${room.id}" @click=${() => this.#link(room.id, 'deputy')}>${t.deputyLink}</button>
        <button class="button secondary danger" part="button" type="button" data-action="remove" aria-describedby="name-${room.id}" @click=${() => this.#remove(room.id, room.name)}>${t.remove}</button>
      </div>
    </li>`;
  }

  /** The room settings as checkboxes (`room`: its values, else all off). */
  #renderSettings(t: ClubMessages, prefix: string, room?: ClubRoom) {
    return html`<fieldset class="settings">
      <legend>${t.settingsLegend}</legend>
      ${SETTINGS.map(
        (name) =>
          html`<label class="check" for="${prefix}-${name}"
            ><input id="${prefix}-${name}" name=${name} type="checkbox" ?checked=${room?.[name] ?? false} /><span>${t.settings[name]}</span></label
          >`,
      )}
    </fieldset>`;
  }

  async #requestLink(event: Event): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email')!;
    if (!input.value.trim()) return;
    this.problem = null;
    try {
      await requestClubSignin(this.#setup.endpoint, input.value.trim());
      this.state = 'sent';
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    this.problem = null;
    try {
      const room = await createClubRoom(this.#setup.endpoint, this.#csrf, {
        id: data.id,
        name: data.name,
        start: data.start,
        ...(data.accessCode ? { accessCode: data.accessCode } : {}),
        ...settingsOf(data),
      });
      form.reset();
      this.club = { ...this.club!, rooms: [...this.club!.rooms, room] };
      this.notice = this.#t.created(room.name);
      this.#moveFocus(`#room-${room.id}`);
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  #toggleEdit(room: string): void {
    this.editing = this.editing === room ? '' : room;
    this.#moveFocus(this.editing ? `#name-${room}-edit` : `#edit-button-${room}`);
  }

  async #update(event: Event, room: string): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>;
    this.problem = null;
    try {
      const changed = await updateClubRoom(this.#setup.endpoint, this.#csrf, room, {
        name: data.name,
        start: data.start,
        ...(data.noCode ? { accessCode: null } : data.accessCode ? { accessCode: data.accessCode } : {}),
        ...settingsOf(data),
      });
      this.club = { ...this.club!, rooms: this.club!.rooms.map((r) => (r.id === room ? changed : r)) };
      this.notice = this.#t.saved(changed.name);
      this.editing = '';
      this.#moveFocus(`#edit-button-${room}`);
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  async #link(room: string, kind: 'start' | 'invite' | 'deputy'): Promise<void> {
    this.problem = null;
    // Opened before the answer, so that the browser lets the click open a tab.
    const tab = kind === 'start' ? window.open('', '_blank') : null;
    try {
      const { link } = await clubRoomLink(this.#setup.endpoint, this.#csrf, room, kind);
      if (tab) tab.location.href = link;
      else if (kind !== 'start') {
        this.links = { ...this.links, [room]: { kind, link } };
        void this.#invites.load();
      }
    } catch (error) {
      tab?.close();
      this.#fail(error, '#problem');
    }
  }

  async #remove(room: string, name: string): Promise<void> {
    if (!window.confirm(this.#t.removeConfirm(name))) return;
    this.problem = null;
    try {
      await deleteClubRoom(this.#setup.endpoint, this.#csrf, room);
      this.club = { ...this.club!, rooms: this.club!.rooms.filter((r) => r.id !== room) };
      this.notice = this.#t.removed(name);
      this.#moveFocus('#title');
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  async #requestOrigin(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const origin = (form.elements.namedItem('origin') as HTMLInputElement).value.trim();
    this.problem = null;
    try {
      const { originRequest } = await requestClubOrigin(this.#setup.endpoint, this.#csrf, origin);
      form.reset();
      this.club = { ...this.club!, originRequest };
      this.notice = this.#t.originRequested(originRequest);
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  #askDelete(open: boolean): void {
    this.deleting = open;
    this.#moveFocus(open ? '#delete-cancel' : '#delete-club');
  }

  async #deleteClub(): Promise<void> {
    this.problem = null;
    try {
      await deleteOwnClub(this.#setup.endpoint, this.#csrf);
      this.club = null;
      this.#csrf = '';
      this.deleting = false;
      this.state = 'deleted';
      this.#moveFocus('#done');
    } catch (error) {
      this.#fail(error, '#problem');
    }
  }

  async #copy(text: string): Promise<void> {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    this.notice = this.#t.copied;
  }

  async #signOut(): Promise<void> {
    await endClubSession(this.#setup.endpoint, this.#csrf).catch(() => undefined);
    this.club = null;
    this.#csrf = '';
    this.state = 'signed-out';
    this.#moveFocus('#email');
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
