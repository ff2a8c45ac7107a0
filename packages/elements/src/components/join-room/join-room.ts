import { ContextConsumer } from '@lit/context';
import {
  ACCESS_CODE_MAX,
  chatCode,
  type ChatCodeSent,
  chatUsername,
  checkDisplayName,
  DISPLAY_NAME_MAX,
  type Embed,
  inviteRoom,
  isChatInvite,
  type JitsiEmbed,
  type JoinRequest,
  type Role,
} from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { joinRoom, type RoomAddress, VereinApiError } from '../../api/client.js';
import { type VereinConfigValue, vereinConfigContext } from '../../context.js';
import { VereinErrorEvent, VereinJoinedEvent, VereinJoinEvent, VereinLeftEvent } from '../../events.js';
import { type ChatErrorCode, type ClientErrorCode, type Locale, type MessageOverrides, type Messages, messagesFor, resolveLocale } from '../../i18n/index.js';
import { type ChatMessages, chatMessagesFor } from '../../i18n/chat.js';
import { type InviteMessages, inviteMessagesFor } from '../../i18n/invite.js';
import { FINAL_CODES, type StatusReport, watchRoomStatus } from '../../status/feed.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { notAllowedMessagesFor } from '../../i18n/not-allowed.js';
import { notAllowedNotice, tenantLogo } from '../../tenant/brand.js';
import { TenantController } from '../../tenant/theme.js';
import { chatFieldError, renderChatCodeForm, renderChatForm } from './chat.js';
import { keepConsent, keptOrigins, roomOrigins } from './consent.js';
import { appleWebKit, meetingFrame } from './frame.js';
import { InviteController, renderInvite, startText } from './invite.js';
import { grantOnInsert, type JitsiErrorEvent, type JitsiMeetApi, type JitsiMeetApiClass, joinImpossible, loadJitsiApi } from './jitsi.js';
import { styles } from './join-room.styles.js';

/**
 * Where the element is in the join flow:
 * `checking` (the server is asked about the invite link), `early` (the
 * invite works only later: when, and no button yet), `idle` (the button),
 * `asking` (name form), `joining`, `waiting` (for the meeting to start),
 * `ready` (started; a link to open it), `opened` (in a new tab), `embedding`
 * (an embedded meeting loads), `embedded` (the visitor is in the meeting
 * inside the page), `chat` (a chat room asks for the visitor's Mattermost
 * user name), `chat-code` (for the code that Mattermost's bot sent that
 * account), `error` (also an invite link that is expired, revoked or not
 * valid: then without the form).
 */
export type JoinState = 'checking' | 'early' | 'idle' | 'asking' | 'joining' | 'waiting' | 'ready' | 'opened' | 'embedding' | 'embedded' | 'chat' | 'chat-code' | 'error';

/** Why an embedded meeting offers to open in a new tab instead: the message to show. */
type Fallback = 'embedFailed' | 'embedDevices' | 'embedSlow';

const NAME_KEY = 'vereinsraum.displayName';
const SERVER_FIELD_CODES: readonly string[] = ['access_code_required', 'access_code_invalid', 'too_many_attempts', 'invalid_input'];

/**
 * A join button for one room. A click asks for the visitor's name (and an
 * access code if they have one) and shows the tenant's privacy notice: what
 * goes to which conference server, with links to the privacy policy and
 * imprint. "Agree and join" then opens the meeting; nothing is requested from
 * a conference server before that click. The visitor may keep the agreement
 * for the tenant on their device (until a room uses a server not agreed to
 * yet), and withdraw it in the same form. If the meeting has
 * not started yet, the element waits and joins by itself when it does: it
 * hears of the start through the room's live status, shared with every
 * `<verein-room-status>` and join button for the room on the page.
 *
 * An invite link (`#invite=…` in the page URL, or the `invite` attribute)
 * takes the place of the access code. The element first asks the server
 * what the invite opens and shows it: the room's title, its dates and the
 * visitor's role; an invite that works only later says from when (and the
 * button comes then), an expired or revoked one says so, without a form.
 * Without a `room` of its own the element joins the room the invite names
 * (the join page of booked rooms). Once the server has taken the invite, the
 * element removes `#invite=` from the address bar, so that a moderator's
 * link is not passed on by mistake with the page's address; it keeps the
 * invite for joining again from the same page. With
 * `target="embed"` the meeting opens inside the element (BigBlueButton in an
 * iframe, Jitsi through its iframe API), with leave and full-screen buttons
 * and a link that opens it in a new tab instead; the element offers that tab
 * by itself when the meeting cannot work in the page. Leaving BigBlueButton
 * itself closes the embedded meeting too; a meeting in a tab goes back to
 * this page when the visitor leaves it (BigBlueButton 3.0 or newer).
 *
 * A booked chat room (a Mattermost channel) asks for the visitor's
 * Mattermost user name instead of a name, and offers the team's sign-up link
 * to visitors without an account. The server's bot then sends that account a
 * direct message with a code; the visitor reads it on Mattermost and enters
 * it here, which proves the account is theirs. Only then is the account added
 * to the channel, which opens in a new tab (or this one with
 * `target="_self"`), never inside the page.
 *
 * The name form shows the tenant's logo when it has one (`no-logo` leaves it
 * out). On a page whose address the tenant does not allow, the element says
 * so in place of its button: a short apology, and for the webmaster which
 * address to have added.
 *
 * Works inside `<verein-config>` or alone with its own `endpoint` and `tenant`.
 *
 * @summary Join button for a Vereinsraum room.
 * @tagname verein-join-room
 *
 * @slot - The button's label. Default: "Beitreten" / "Join".
 *
 * @fires {VereinJoinEvent} verein-join - The visitor asked to join (cancelable).
 * @fires {VereinJoinedEvent} verein-joined - The meeting was opened (embedded: the visitor is in it).
 * @fires {VereinLeftEvent} verein-left - The visitor left a meeting embedded in the page; the element shows its button again.
 * @fires {VereinErrorEvent} verein-error - Something went wrong; the element shows the message.
 *
 * @csspart button - The join button.
 * @csspart invite - What an invite link opens: the room's title, its dates and the visitor's role.
 * @csspart form - The name form.
 * @csspart consent - The privacy notice in the name form (or, once agreed on this device, the way to withdraw).
 * @csspart input - The text fields (name, access code; in a chat room user name and code).
 * @csspart message - The status text (waiting, opened, error).
 * @csspart link - The link that opens a meeting that has started, or an embedded one in a new tab; in a chat room also the sign-up link and the link to the code's message.
 * @csspart meeting - The region around an embedded meeting (`target="embed"`), with its title, leave and full-screen buttons and the new-tab link; the element shown on the whole screen.
 * @csspart meeting-frame - The box that holds the embedded meeting's iframe.
 * @csspart logo - The tenant's logo at the top of the name form (unless `no-logo`).
 * @csspart webmaster - On a page the tenant does not allow: the disclosure that tells the webmaster which address the operator must add.
 *
 * @cssprop --verein-color-primary - Buttons and links (default #0b5cad).
 * @cssprop --verein-color-on-primary - Text on buttons (default #ffffff).
 * @cssprop --verein-color-text - Text (default #1a1a1a).
 * @cssprop --verein-color-danger - Error messages (default #a4001d).
 * @cssprop --verein-color-focus - Focus ring (default #1a1a1a).
 * @cssprop --verein-radius - Corner radius (default 0.5rem).
 * @cssprop --verein-font-family - Font (default: the page's).
 * @cssprop --verein-join-room-max-width - Widest the form gets (default 28rem).
 * @cssprop --verein-join-room-meeting-max-width - Widest an embedded meeting gets (default: the available width).
 * @cssprop --verein-join-room-meeting-height - Height of an embedded meeting (default min(75vh, 48rem), at least 22rem).
 * @cssprop --verein-join-room-logo-height - Height of the tenant's logo in the name form (default 2.5rem).
 */
export class VereinJoinRoom extends LitElement {
  static override styles = [sharedStyles, formStyles, styles];

  // Reactive properties, declared without decorators: the decorator helpers
  // cost more bundle bytes than this table (see bench/budgets.json).
  static override properties: PropertyDeclarations = {
    room: { reflect: true },
    tenant: { reflect: true },
    endpoint: { reflect: true },
    lang: {},
    target: { reflect: true },
    invite: {},
    askAccessCode: { type: Boolean, reflect: true, attribute: 'ask-access-code' },
    noLogo: { type: Boolean, reflect: true, attribute: 'no-logo' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    joinTimeout: { type: Number, attribute: 'join-timeout' },
    messages: { attribute: false },
    state: { reflect: true },
    errorCode: { state: true, attribute: false },
    fieldError: { state: true, attribute: false },
    showCode: { state: true, attribute: false },
    meetingUrl: { state: true, attribute: false },
    displayName: { state: true, attribute: false },
    remember: { state: true, attribute: false },
    fallback: { state: true, attribute: false },
    chatInviteUrl: { state: true, attribute: false },
    chatUser: { state: true, attribute: false },
    chatError: { state: true, attribute: false },
    chatSent: { state: true, attribute: false },
    chatCodeInput: { state: true, attribute: false },
    keep: { state: true, attribute: false },
    fullscreen: { state: true, attribute: false },
  };

  /** Register the element (once) as `tag` in `registry`. */
  static define(tag = 'verein-join-room', registry: CustomElementRegistry = customElements): typeof VereinJoinRoom {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** The room id, e.g. `training`. Default: the room of the invite (for booked rooms, whose ids are not known in advance). */
  room = '';

  /** Tenant id; default: from `<verein-config>`. */
  tenant = '';

  /** Server helper URL; default: from `<verein-config>`. */
  endpoint = '';

  /** Language (`de` or `en`); default: `<verein-config lang>`, else the page's language. */
  override lang = '';

  /**
   * Where the meeting opens: `_blank` (a new tab), `_self` (this tab), or
   * `embed` (inside the element; where the server offers no embedding, and
   * BigBlueButton in Safari and on iPhone and iPad, in a new tab).
   */
  target: '_blank' | '_self' | 'embed' = '_blank';

  /**
   * An invite token. It takes the place of an access code. Default: the
   * `#invite=` of the page URL, if that invite is for this room.
   */
  invite = '';

  /** Show the access-code field from the start instead of behind "I have an access code". */
  askAccessCode = false;

  /** Leave out the tenant's logo, which the name form shows when the tenant has one. */
  noLogo = false;

  /**
   * While waiting, where a proxy blocks live updates: how often to ask
   * whether the meeting has started, in milliseconds.
   */
  pollInterval = 5000;

  /** How long an embedded meeting may take to say the visitor is in before the element says it takes long (next to the new-tab link, which is always there), in milliseconds. */
  joinTimeout = 30000;

  /** Replace any of the texts; merged over the German or English catalogue. */
  messages?: MessageOverrides;

  /** Where the element is in the join flow (read-only, reflected as the `state` attribute for styling). */
  state: JoinState = 'idle';

  /** `<verein-config>` around the element, if any; a change renders the element again. */
  private readonly configConsumer = new ContextConsumer(this, { context: vereinConfigContext, subscribe: true });
  /** The tenant's theme on the element, and its public details (name, privacy notice, conference servers) for the notice. */
  private readonly tenantInfo = new TenantController(this, () => this.address);
  /** What the server says about the invite: its room, title, dates, role, and whether it works yet. */
  private readonly inviteCheck = new InviteController(this, () => ({ ...this.server, token: this.checkedInvite, ...(this.invite && this.room ? { room: this.room } : {}) }));

  private errorCode: ClientErrorCode | ChatErrorCode | null = null;
  private fieldError: { field: 'displayName' | 'accessCode'; code: ClientErrorCode } | null = null;
  private showCode = false;
  private meetingUrl = '';
  private displayName = '';
  private remember = false;
  private fallback: Fallback | null = null;
  /** A chat room: the team's invite link, from the server's first answer ('' for a meeting). */
  private chatInviteUrl = '';
  private chatUser = '';
  private chatError: ChatErrorCode | null = null;
  /** A chat room: the code is on its way to this user name ({@link ChatCodeSent}). */
  private chatSent?: ChatCodeSent & { username: string };
  private chatCodeInput = '';
  /** The "remember my agreement" box. */
  private keep = false;
  private fullscreen = false;
  /** The page URL's invite once the server took it: it is gone from the address bar, but the visitor may join again. */
  private heldInvite = '';
  /** The error shown comes from the invite's check, not from joining. */
  private inviteError = false;

  private abort?: AbortController;
  /** Stops watching the room's status while waiting. */
  private unwatch?: () => void;
  /** The status report the last join again was for: the same report is no reason for another. */
  private joinedOn?: StatusReport;
  private focusAfterRender?: string;
  private errorStatus = 0;
  private joinedRole: Role = 'attendee';
  /** What to send again once the meeting has started. */
  private pendingJoin?: JoinRequest;
  /** The embedded meeting, while there is one: Jitsi's iframe API, or BigBlueButton's iframe. */
  private jitsi?: JitsiMeetApi;
  private frame?: HTMLIFrameElement;
  /** Counts embeds, so that a script that loads after the visitor left is not used. */
  private embedRun = 0;
  private joinTimer?: ReturnType<typeof setTimeout>;

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
    // Removed from the page: stop asking the server, close an embedded meeting, and start afresh if it comes back.
    this.stopWaiting();
    this.closeMeeting();
    if (['joining', 'waiting', 'embedding', 'embedded'].includes(this.state)) this.state = 'idle';
  }

  private get config(): VereinConfigValue {
    return this.configConsumer.value ?? {};
  }

  private get server(): Pick<RoomAddress, 'endpoint' | 'tenant'> {
    return { endpoint: this.endpoint || this.config.endpoint || '', tenant: this.tenant || this.config.tenant || '' };
  }

  private get address(): RoomAddress {
    // Without a room of its own (the join page of booked rooms), the room is the one the invite names.
    const check = this.inviteCheck.check;
    return { ...this.server, room: this.room || this.signedRoom || ('info' in check ? check.info.room : '') };
  }

  /** The invite given to the element: the `invite` property, else the page URL's `#invite=`, else the one it joined with. */
  private get givenInvite(): string {
    return this.invite || hashInvite() || this.heldInvite;
  }

  /** The room of this tenant a signed invite names, read without the server; '' for a short invite. */
  private get signedRoom(): string {
    const sub = inviteRoom(this.givenInvite) ?? '';
    const { tenant } = this.server;
    return sub.startsWith(`${tenant}/`) ? sub.slice(tenant.length + 1) : '';
  }

  /** The invite to ask the server about: not a page link the element can tell is for another room. */
  private get checkedInvite(): string {
    const token = this.givenInvite;
    return !token || this.invite || !this.room || inviteRoom(token) === null || this.signedRoom === this.room ? token : '';
  }

  /** Whether the invite's check speaks to this element: its own `invite`, an invite for its room, or it has no room of its own. */
  private get inviteIsMine(): boolean {
    const check = this.inviteCheck.check;
    return !!this.invite || !this.room || this.signedRoom === this.room || ('info' in check && check.info.room === this.room);
  }

  /** What is missing for the element to work, for the webmaster. */
  private get missing(): string[] {
    const { endpoint, tenant, room } = this.address;
    return Object.entries({ endpoint, tenant, room })
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  /** The invite to send: the `invite` property, else the page URL's `#invite=` (or the one joined with) if it is for this room. */
  private get activeInvite(): string {
    if (this.invite) return this.invite;
    const check = this.inviteCheck.check;
    const token = hashInvite() || this.heldInvite;
    const { room } = this.address;
    return token && room && (this.signedRoom === room || ('info' in check && check.info.room === room)) ? token : '';
  }

  /** Is the room a chat room? Its invite says so (a signed one itself, a short one through the server). */
  private get isChat(): boolean {
    const invite = this.activeInvite;
    const check = this.inviteCheck.check;
    return isChatInvite(invite) || (!!invite && 'info' in check && check.info.kind === 'chat');
  }

  private get locale(): Locale {
    return resolveLocale(this, this.config.lang, this.tenantInfo.info?.defaultLanguage);
  }

  private get t(): Messages {
    return messagesFor(this.locale, this.messages);
  }

  /** The conference origins this room's meeting reaches (empty while the tenant's details are unknown), and whether the visitor kept an agreement to all of them. */
  private get consent(): { origins: string[]; kept: boolean } {
    const { endpoint, tenant, room } = this.address;
    const info = this.tenantInfo.info;
    // A booked chat room reaches the tenant's chat server; any other room its video server.
    const origins = info ? roomOrigins(info, room, this.isChat ? 'chat' : 'video') : [];
    const kept = keptOrigins(endpoint, tenant);
    return { origins, kept: origins.length > 0 && origins.every((origin) => kept.includes(origin)) };
  }

  private get chatT(): ChatMessages {
    return chatMessagesFor(this.locale, this.messages?.chat);
  }

  private get inviteT(): InviteMessages {
    return inviteMessagesFor(this.locale, this.messages?.invite);
  }

  /** Before each update: the invite's check decides what an element at rest shows. */
  override willUpdate(): void {
    this.inviteCheck.sync();
    if (!['checking', 'early', 'idle'].includes(this.state) && !(this.state === 'error' && this.inviteError)) return;
    const check = this.inviteCheck.check;
    this.inviteError = false;
    if (check.state === 'checking') this.state = 'checking';
    else if (check.state === 'early' && this.inviteIsMine) this.state = 'early';
    // A link that does not work says so; when the server could not be asked, only an element that needs the answer for its room.
    else if ((check.state === 'refused' && this.inviteIsMine) || (check.state === 'failed' && !this.address.room)) {
      this.errorCode = (check.code in this.t.errors && check.code !== 'too_many_attempts' ? check.code : 'unknown') as ClientErrorCode;
      this.errorStatus = check.status;
      this.inviteError = true;
      this.state = 'error';
    } else this.state = 'idle';
  }

  override render() {
    const t = this.t;
    const missing = this.state === 'checking' || this.inviteError ? [] : this.missing;
    if (missing.length > 0) {
      return html`<p class="message error" part="message" role="alert">${t.notConfigured(missing.join(', '))}</p>`;
    }
    if (this.tenantInfo.notAllowed) {
      return html`<div class="message" part="message">${notAllowedNotice(t.errors.origin_not_allowed, notAllowedMessagesFor(this.locale, this.messages?.notAllowed), this.address.tenant)}</div>`;
    }
    const check = this.inviteCheck.check;
    return html`
      ${'info' in check && this.activeInvite && ['early', 'idle', 'asking', 'chat', 'chat-code'].includes(this.state) ? renderInvite(this.inviteT, this.locale, check.info) : nothing}
      <button class="button" part="button" type="button" ?hidden=${this.state !== 'idle'} @click=${this.ask}>
        <slot>${t.join}</slot>
      </button>
      ${this.state === 'asking' ? this.renderForm(t) : nothing}
      ${this.state === 'chat'
        ? renderChatForm(t, this.chatT, {
            // The notice names what goes to a chat server, not camera and microphone.
            consent: this.renderConsent({ ...t, sendsTo: this.chatT.sendsTo, conferenceServer: this.chatT.chatServer }, this.consent.kept, this.consent.origins),
            agreed: this.consent.kept,
            agree: () => this.agreed(),
            inviteUrl: this.chatInviteUrl,
            username: this.chatUser,
            error: this.chatError,
            input: (value) => (this.chatUser = value),
            submit: (event) => void this.submitChat(event),
            cancel: () => this.reset(),
          })
        : nothing}
      ${this.state === 'chat-code' && this.chatSent
        ? renderChatCodeForm(t, this.chatT, {
            username: this.chatSent.username,
            messagesUrl: this.chatSent.messagesUrl,
            until: new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(this.chatSent.expiresAt)),
            code: this.chatCodeInput,
            error: this.chatError,
            input: (value) => (this.chatCodeInput = value),
            submit: (event) => void this.submitCode(event),
            changeName: () => this.changeChatName(),
            cancel: () => this.reset(),
          })
        : nothing}
      <div class="status" role="status">${this.renderStatus(t)}</div>
      ${this.state === 'embedding' || this.state === 'embedded'
        ? html`<section class="meeting" part="meeting" aria-labelledby="meeting-title">
            <div class="actions">
              <p id="meeting-title" class="message" tabindex="-1"><strong>${t.meeting}</strong></p>
              <button class="button secondary" type="button" @click=${this.leave}>${t.leave}</button>
              ${document.fullscreenEnabled
                ? html`<button class="button secondary" type="button" aria-pressed=${this.fullscreen} @click=${this.toggleFullscreen}>${t.fullscreen}</button>`
                : nothing}
              ${this.meetingLink(t.openInTab, false)}
            </div>
            <div class="frame" part="meeting-frame"></div>
          </section>`
        : nothing}
      ${this.state === 'error' && this.errorCode
        ? html`<div class="message error" part="message" role="alert">
            <p>${errorText(t, this.errorCode, this.chatT)}</p>
            ${this.inviteError && check.state === 'refused'
              ? nothing
              : html`<button class="button secondary" type="button" @click=${this.inviteError ? () => this.inviteCheck.retry() : this.ask}>${t.retry}</button>`}
          </div>`
        : nothing}
    `;
  }

  private renderForm(t: Messages) {
    const nameError = this.fieldError?.field === 'displayName' ? this.fieldError.code : null;
    const codeError = this.fieldError?.field === 'accessCode' ? this.fieldError.code : null;
    const { origins, kept } = this.consent;
    return html`
      <form part="form" novalidate @submit=${this.submit}>
        ${tenantLogo(this.tenantInfo.info, this.noLogo)}
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
        ${this.activeInvite
          ? html`<p class="hint">${t.invited}</p>`
          : this.showCode || this.askAccessCode
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
        ${this.renderConsent(t, kept, origins)}
        <div class="actions">
          <button class="button" type="submit">${kept ? t.submit : t.agree}</button>
          <button class="button secondary" type="button" @click=${this.reset}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  /**
   * The privacy notice (the tenant's text, what goes to which server, the
   * legal links, "remember my agreement"), or once the visitor kept their
   * agreement, a way to withdraw it. Without the tenant's details (not loaded,
   * or not yet) it names no server: the join answer is the first to tell
   * which one, and it comes only after the agreeing click.
   */
  private renderConsent(t: Messages, kept: boolean, origins: string[]) {
    const info = this.tenantInfo.info;
    if (kept) {
      return html`<div class="consent" part="consent">
        <p>${t.consentKept(info!.name)}</p>
        <button class="link-button" type="button" @click=${this.withdraw}>${t.withdraw}</button>
      </div>`;
    }
    const notice = info?.privacyNotice?.[this.locale];
    const link = (href: string | null | undefined, label: string) =>
      href && /^https?:/i.test(href)
        ? html`<a href=${href} target="_blank" rel="noopener">${label}<span class="visually-hidden"> ${t.newTab}</span></a>`
        : nothing;
    return html`<div class="consent" part="consent">
      <p><strong>${t.privacy}</strong></p>
      ${notice ? html`<p class="notice">${notice}</p>` : nothing}
      ${(origins.length ? origins.map((origin) => new URL(origin).host) : [t.conferenceServer]).map((host) => html`<p>${t.sendsTo(host)}</p>`)}
      ${info?.privacyPolicyUrl || info?.imprintUrl
        ? html`<p class="links">${link(info.privacyPolicyUrl, t.privacyPolicy)} ${link(info.imprintUrl, t.imprint)}</p>`
        : nothing}
      ${origins.length
        ? html`<label class="check" for="consent"
            ><input id="consent" type="checkbox" .checked=${this.keep} @change=${(e: Event) => (this.keep = (e.target as HTMLInputElement).checked)} /><span
              >${t.rememberConsent(info!.name)}</span
            ></label
          >`
        : nothing}
    </div>`;
  }

  /** The link that opens the meeting: in a new tab (`hint` says so to screen readers), or with `target="_self"` in this one. */
  private meetingLink(label: string, hint = this.target !== '_self') {
    return html`<a class="button" part="link" href=${this.meetingUrl} target=${this.target === '_self' ? '_self' : '_blank'} rel="noopener noreferrer" @click=${this.linkOpened}
      >${label}${hint ? html`<span class="visually-hidden"> ${this.t.newTab}</span>` : nothing}</a
    >`;
  }

  private renderStatus(t: Messages) {
    const fallback = this.fallback && t[this.fallback];
    const chat = this.chatInviteUrl ? this.chatT : undefined;
    const check = this.inviteCheck.check;
    switch (this.state) {
      case 'checking':
        return html`<p class="message" part="message">${this.inviteT.checking}</p>`;
      case 'early':
        return 'info' in check && check.info.validFrom
          ? html`<p class="message" part="message">${this.inviteT.validFrom(startText(this.locale, check.info.validFrom))}</p>`
          : nothing;
      case 'joining':
        return html`<p class="message" part="message">${t.joining}</p>`;
      case 'waiting':
        return html`<p class="message" part="message">${t.waiting}</p>
          <button class="button secondary" type="button" @click=${this.reset}>${t.stopWaiting}</button>`;
      case 'ready':
      case 'embedding':
      case 'embedded':
        // An embedded meeting that cannot work here says why (`fallback`); its region holds the new-tab link, or in its place (`ready`) this one.
        return html`<p class="message" part="message">${fallback || { ready: chat?.ready ?? t.ready, embedding: t.joining, embedded: t.embedJoined }[this.state]}</p>
          ${this.state === 'ready' ? (fallback ? this.meetingLink(t.openInTab, false) : this.meetingLink(chat?.openChat ?? t.openMeeting)) : nothing}`;
      case 'opened':
        return html`<p class="message" part="message">${chat?.opened ?? t.opened}</p>
          ${this.meetingLink(t.openAgain)}`;
      default:
        return nothing;
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('state') && this.state === 'error' && this.errorCode) {
      const message = errorText(this.t, this.errorCode, this.chatT);
      this.dispatchEvent(new VereinErrorEvent({ code: this.errorCode, status: this.errorStatus, message }));
    }
    if (this.focusAfterRender) {
      this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
      this.focusAfterRender = undefined;
    }
  }

  private ask(): void {
    // The button shows only once the invite's check allows it.
    if (this.state === 'checking' || this.state === 'early') return;
    this.stopWaiting();
    this.closeMeeting();
    this.errorCode = null;
    this.fallback = null;
    this.chatInviteUrl = '';
    this.chatError = null;
    this.chatSent = undefined;
    if (this.isChat) {
      // A chat room needs no name: ask the server for its sign-up link, then for the user name.
      this.state = 'joining';
      void this.join({ invite: this.activeInvite }, true);
      return;
    }
    this.state = 'asking';
    this.focusAfterRender = this.fieldError?.field === 'accessCode' ? '#code' : '#name';
  }

  private reset(): void {
    this.stopWaiting();
    this.closeMeeting();
    this.fieldError = null;
    this.fallback = null;
    this.errorCode = null;
    this.chatError = null;
    this.chatInviteUrl = '';
    this.chatSent = undefined;
    this.state = 'idle';
    this.focusAfterRender = 'button[part="button"]';
  }

  private revealCode(): void {
    this.showCode = true;
    this.focusAfterRender = '#code';
  }

  /** Forget the agreement kept on this device: the notice asks again, starting with its "remember" box. */
  private withdraw(): void {
    const { endpoint, tenant } = this.address;
    keepConsent(endpoint, tenant, null);
    this.keep = false;
    this.focusAfterRender = '#consent';
    this.requestUpdate();
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
    // An invite takes the place of the access code.
    const invite = this.activeInvite;
    const accessCode = invite ? '' : (this.renderRoot.querySelector<HTMLInputElement>('#code')?.value.trim() ?? '');
    const body: JoinRequest = {
      displayName,
      ...(accessCode ? { accessCode } : {}),
      ...(invite ? { invite } : {}),
      ...(this.target === 'embed' ? { embed: true } : {}),
      // Where BigBlueButton sends the visitor after the meeting: this page, without its fragment (an invite may be there).
      ...(/^https?:$/.test(location.protocol) ? { returnUrl: location.href.split('#')[0] } : {}),
    };
    const address = this.address;
    const intent = new VereinJoinEvent({ tenant: address.tenant, room: address.room, displayName });
    if (!this.dispatchEvent(intent)) {
      this.reset();
      return;
    }
    this.agreed();
    this.state = 'joining';
    await this.join(body, true);
  }

  /** Ask the server for a way in; `gesture` says the visitor just clicked (a new tab may open). */
  private async join(body: JoinRequest, gesture: boolean): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const answer = await joinRoom(this.address, body, abort.signal);
      if (abort.signal.aborted) return;
      this.holdInvite(body.invite);
      if ('waiting' in answer) {
        this.state = 'waiting';
        this.focusAfterRender = '.status button';
        this.pendingJoin = body;
        this.unwatch?.();
        this.unwatch = watchRoomStatus(this.address, (report) => this.hostNews(report), this.pollInterval);
        return;
      }
      if (!('url' in answer)) {
        const chat = answer.chat;
        if ('confirmation' in chat) {
          // The code is on its way to the account (or, for a name without one, nowhere: the answer is the same).
          this.chatSent = { ...chat, username: body.chatUsername ?? '' };
          this.chatCodeInput = '';
          this.chatError = null;
          this.state = 'chat-code';
          this.focusAfterRender = '#chat-code';
          return;
        }
        // A chat room: the user name next; the team's sign-up link for visitors without an account.
        this.chatInviteUrl = chat.inviteUrl;
        this.state = 'chat';
        this.focusAfterRender = '#chat-user';
        return;
      }
      // Without `embed` in the answer (a server or back end that offers none), and for BigBlueButton on Apple's WebKit, `embed` opens a new tab.
      const embed = this.target === 'embed' ? answer.embed : undefined;
      if (embed && !(embed.type === 'iframe' && appleWebKit())) void this.embed(answer.url, answer.role, embed, gesture);
      else this.open(answer.url, answer.role, gesture);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.fail(error);
    }
  }

  /**
   * The server took the page URL's invite: keep it for joining again, and
   * take it out of the address bar (the rest of the URL stays), so that a
   * moderator's link is not shared by mistake with the page's address.
   */
  private holdInvite(invite: string | undefined): void {
    if (!invite || invite !== hashInvite()) return;
    this.heldInvite = invite;
    const url = new URL(location.href);
    const fragment = new URLSearchParams(url.hash.slice(1));
    fragment.delete('invite');
    url.hash = fragment.size ? fragment.toString() : '';
    history.replaceState(history.state, '', url.href);
  }

  /** The visitor's click agreed to the privacy notice: keep that only if they asked to. */
  private agreed(): void {
    const { endpoint, tenant } = this.address;
    const { origins, kept } = this.consent;
    if (this.keep && !kept && origins.length) keepConsent(endpoint, tenant, origins);
  }

  /** The chat form was sent: check the user name as the server does, then ask for a code to that account. */
  private async submitChat(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const username = chatUsername(this.chatUser);
    this.chatError = username ? null : 'chat_username_invalid';
    if (!username) {
      this.focusAfterRender = '#chat-user';
      this.requestUpdate();
      return;
    }
    const { tenant, room } = this.address;
    if (!this.dispatchEvent(new VereinJoinEvent({ tenant, room, displayName: username }))) {
      this.reset();
      return;
    }
    this.agreed();
    this.state = 'joining';
    await this.join({ invite: this.activeInvite, chatUsername: username }, true);
  }

  /** The code form was sent: check the code's form as the server does, then join with it. */
  private async submitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = chatCode(this.chatCodeInput);
    this.chatError = code ? null : 'chat_code_invalid';
    if (!code) {
      this.focusAfterRender = '#chat-code';
      this.requestUpdate();
      return;
    }
    this.state = 'joining';
    await this.join({ invite: this.activeInvite, chatConfirmation: this.chatSent!.confirmation, chatCode: code }, true);
  }

  /** From the code form back to the user name (typed as before): to correct it, or to send a new code. */
  private changeChatName(): void {
    this.chatError = null;
    this.state = 'chat';
    this.focusAfterRender = '#chat-user';
  }

  /** While waiting: the room's status changed. Live: join again. */
  private hostNews(report: StatusReport): void {
    const { status, error } = report;
    const pending = this.pendingJoin;
    if (!pending || report === this.joinedOn) return;
    if (status?.state === 'live') {
      // Once per report: when the status is a moment behind (the meeting just ended), the next join waits again.
      this.joinedOn = report;
      this.unwatch?.();
      void this.join(pending, false);
    } else if (FINAL_CODES.includes(error?.code as string)) {
      // Only a refusal for good ends the wait: a passing network or server problem is no reason to give up.
      this.stopWaiting();
      this.fail(error);
    }
  }

  private stopWaiting(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.abort?.abort();
    this.pendingJoin = undefined;
  }

  private open(url: string, role: Role, gesture: boolean): void {
    this.meetingUrl = url;
    this.fallback = null;
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

  /**
   * Show the meeting inside the element (never before the visitor agreed and
   * asked to join): in the meeting region, with leave and full-screen buttons
   * and the new-tab link. If it has not said the visitor is in after
   * `joinTimeout`, the element says so, next to the link.
   */
  private async embed(url: string, role: Role, embed: Embed, gesture: boolean): Promise<void> {
    this.meetingUrl = url;
    this.joinedRole = role;
    this.pendingJoin = undefined;
    this.fallback = null;
    this.state = 'embedding';
    if (gesture || this.matches(':focus-within')) this.focusAfterRender = '#meeting-title';
    document.addEventListener('fullscreenchange', this.fullscreenChanged);
    const run = ++this.embedRun;
    this.joinTimer = setTimeout(() => {
      if (this.state === 'embedding') this.fallback ||= 'embedSlow';
    }, this.joinTimeout);
    try {
      if (embed.type === 'jitsi') await this.embedJitsi(url, embed, run);
      else await this.embedFrame(url, run);
    } catch {
      if (run === this.embedRun) this.cannotEmbed();
    }
  }

  /**
   * BigBlueButton: an iframe of the join URL. Its client tells the page it is
   * ready with a message (`{ response: 'readyToConnect' }`); a frame the
   * browser refused, or a client that cannot start, sends none.
   */
  private async embedFrame(url: string, run: number): Promise<void> {
    await this.updateComplete;
    if (run !== this.embedRun) return;
    this.frame = meetingFrame(url, this.t.meeting);
    addEventListener('message', this.heard);
    this.renderRoot.querySelector('.frame')!.append(this.frame);
  }

  /**
   * A message from our frame: BigBlueButton's client (any `{ response }`):
   * it runs, the visitor is in; or the server's page the meeting leaves to
   * (`{ vereinsraum: 'left' }` from the endpoint's origin): the visitor left.
   */
  private readonly heard = (event: MessageEvent): void => {
    if (event.source !== this.frame?.contentWindow) return;
    const data = event.data as { response?: unknown; vereinsraum?: unknown } | null;
    if (data?.vereinsraum === 'left' && event.origin === new URL(this.address.endpoint, document.baseURI).origin) this.leave();
    else if (this.state === 'embedding' && typeof data?.response === 'string') this.inMeeting();
  };

  /** Jitsi: its iframe API, loaded from the meeting's own server. */
  private async embedJitsi(url: string, embed: JitsiEmbed, run: number): Promise<void> {
    const server = new URL(url);
    const Api: JitsiMeetApiClass = await loadJitsiApi(new URL('/external_api.js', server).href);
    if (run !== this.embedRun) return;
    await this.updateComplete;
    const parentNode = this.renderRoot.querySelector<HTMLElement>('.frame')!;
    grantOnInsert(parentNode, this.t.meeting);
    const api: JitsiMeetApi = new Api(embed.domain, {
      roomName: embed.roomName,
      jwt: embed.jwt,
      parentNode,
      width: '100%',
      height: '100%',
      lang: this.locale,
      noSSL: server.protocol === 'http:',
    });
    this.jitsi = api;
    // A disposed API sends nothing more: its iframe is gone.
    const on = (event: string, listener: (data?: JitsiErrorEvent) => void) => api.addListener(event, listener);
    on('videoConferenceJoined', () => this.inMeeting());
    on('videoConferenceLeft', () => this.leave());
    on('readyToClose', () => this.leave());
    on('cameraError', () => (this.fallback = 'embedDevices'));
    on('micError', () => (this.fallback = 'embedDevices'));
    on('errorOccurred', (data) => joinImpossible(data) && this.cannotEmbed());
  }

  /** The embedded meeting says the visitor is in. */
  private inMeeting(): void {
    clearTimeout(this.joinTimer);
    if (this.fallback === 'embedSlow') this.fallback = null;
    this.state = 'embedded';
    const { tenant, room } = this.address;
    this.dispatchEvent(new VereinJoinedEvent({ tenant, room, role: this.joinedRole, target: 'embed' }));
  }

  private toggleFullscreen(): void {
    const change = this.fullscreen ? document.exitFullscreen() : this.renderRoot.querySelector('.meeting')!.requestFullscreen();
    // Refused (e.g. by the page's Permissions Policy): nothing changes, and the button says so.
    change.catch(() => undefined);
  }

  /** On the document: the browser leaves full screen by itself too (Escape), and says so there. */
  private readonly fullscreenChanged = (): void => {
    this.fullscreen = !!(this.renderRoot as ShadowRoot).fullscreenElement;
  };

  /** The meeting cannot be shown here: close it and offer a new tab. */
  private cannotEmbed(): void {
    this.closeMeeting();
    this.fallback = 'embedFailed';
    this.state = 'ready';
    if (this.matches(':focus-within')) this.focusAfterRender = 'a[part="link"]';
  }

  /** The visitor left the embedded meeting: close it, tell the page, show the button again. */
  private leave(): void {
    this.closeMeeting();
    const { tenant, room } = this.address;
    this.dispatchEvent(new VereinLeftEvent({ tenant, room }));
    this.reset();
  }

  private closeMeeting(): void {
    this.embedRun++;
    clearTimeout(this.joinTimer);
    this.jitsi?.dispose();
    this.jitsi = undefined;
    removeEventListener('message', this.heard);
    document.removeEventListener('fullscreenchange', this.fullscreenChanged);
    this.frame?.remove();
    this.frame = undefined;
    // The region goes with the meeting, and with it the full screen.
    this.fullscreen = false;
  }

  private linkOpened(): void {
    const inPage = this.state === 'embedding' || this.state === 'embedded';
    if (this.state !== 'ready' && !inPage) return;
    // The meeting moves from the page to a new tab: the embedded one closes.
    this.closeMeeting();
    const address = this.address;
    if (this.state !== 'embedded') {
      const target = this.target === '_self' ? '_self' : '_blank';
      this.dispatchEvent(new VereinJoinedEvent({ tenant: address.tenant, room: address.room, role: this.joinedRole, target }));
    }
    if (this.target !== '_self') this.state = 'opened';
  }

  private fail(error: unknown): void {
    if (!this.isConnected) return;
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.errorStatus = error instanceof VereinApiError ? error.status : 0;
    const chatError = this.chatInviteUrl ? chatFieldError(error) : null;
    if (chatError) {
      // A problem with the user name or the code: back to its form, next to the field.
      const code = chatError.field === 'chatCode' && this.chatSent;
      this.chatError = chatError.code;
      this.state = code ? 'chat-code' : 'chat';
      this.focusAfterRender = code ? '#chat-code' : '#chat-user';
      return;
    }
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
    this.errorCode = (code in this.t.errors || code === 'chat_unavailable' ? code : 'unknown') as ClientErrorCode | ChatErrorCode;
    this.state = 'error';
    this.focusAfterRender = '.error button';
  }
}

/** The `#invite=` of the page URL, or ''. */
function hashInvite(): string {
  return new URLSearchParams(location.hash.slice(1)).get('invite') ?? '';
}

/** The visitor's text for an error code; the generic one for codes without their own. */
function errorText(t: Messages, code: ClientErrorCode | ChatErrorCode, chat?: ChatMessages): string {
  return code === 'chat_unavailable' && chat ? chat.errors[code] : (t.errors[code as keyof Messages['errors']] ?? t.errors.unknown);
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
