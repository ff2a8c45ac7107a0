import type { JoinRequest } from '@vereinsraum/protocol';
import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { joinRoom, type RoomAddress, VereinApiError } from '../../api/client.js';
import { VereinErrorEvent, VereinJoinEvent } from '../../events.js';
import { type ChatErrorCode, type ChatMessages, chatMessagesFor } from '../../i18n/chat.js';
import { type ClientErrorCode, type JoinMessages, type MessageOverrides, messagesFor } from '../../i18n/index.js';
import { type InviteMessages, inviteMessagesFor } from '../../i18n/invite.js';
import { focusAfterUpdate } from '../../internal/focus.js';
import { formStyles, sharedStyles } from '../../styles/shared.js';
import { blocked, tenantLogo } from '../../tenant/brand.js';
import { SetupController } from '../../tenant/setup.js';
import { ChatForms } from './chat.js';
import { Consent } from './consent.js';
import { InviteController, renderInvite, startText } from './invite.js';
import { styles } from './join-room.styles.js';
import { MeetingController } from './meeting.js';
import { errorText, NameForm } from './name-form.js';
import { WaitController } from './waiting.js';

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
export type JoinState =
  | 'checking'
  | 'early'
  | 'idle'
  | 'asking'
  | 'joining'
  | 'waiting'
  | 'ready'
  | 'opened'
  | 'embedding'
  | 'embedded'
  | 'chat'
  | 'chat-code'
  | 'error';

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
    errorCode: { state: true },
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

  /** The address, language and tenant (`<verein-config>`, the tenant's theme, its privacy notice and conference servers). */
  readonly #setup = new SetupController(this);
  /** The invite: what the server says about it (its room, title, dates, role, whether it works yet), and which token to send. */
  readonly #invites = new InviteController(this, () => ({
    endpoint: this.#setup.endpoint,
    tenant: this.#setup.tenant,
    invite: this.invite,
    room: this.room,
  }));
  /** While the meeting has not started: joins again when it does. */
  readonly #waiting = new WaitController<JoinRequest>(this, {
    live: (request) => void this.#join(request, false),
    refused: (error) => this.#fail(error),
  });
  readonly #moveFocus = focusAfterUpdate(this);
  /** The meeting once the server gave its URL: in a new tab, this one, or inside the element. */
  readonly #meeting = new MeetingController(
    this,
    () => this.#address,
    this.#moveFocus,
    () => this.#reset(),
  );
  /** The visitor's agreement to the tenant's privacy notice for this room. */
  readonly #consent = new Consent(this.#setup, this.#invites, this.#moveFocus);
  /** The name form: the visitor's name, an access code, and with the privacy notice the agreeing click. */
  readonly #nameForm = new NameForm(this, this.#moveFocus, {
    send: (displayName, accessCode) => {
      const invite = this.#invites.active;
      void this.#start(displayName, {
        displayName,
        ...(accessCode ? { accessCode } : {}),
        ...(invite ? { invite } : {}),
        ...(this.target === 'embed' ? { embed: true } : {}),
        // Where BigBlueButton sends the visitor after the meeting: this page, without its fragment (an invite may be there).
        ...(/^https?:$/.test(location.protocol) ? { returnUrl: location.href.split('#')[0] } : {}),
      });
    },
    cancel: () => this.#reset(),
  });
  /** A chat room's forms: the visitor's Mattermost user name, then the code its bot sent there. */
  readonly #chat = new ChatForms(this.#moveFocus, {
    start: (username, body) => void this.#start(username, { invite: this.#invites.active, ...body }),
    join: (body) => {
      this.state = 'joining';
      void this.#join({ invite: this.#invites.active, ...body }, true);
    },
    show: (step) => (this.state = step),
    agree: () => this.#consent.agreed(),
    cancel: () => this.#reset(),
  });

  private errorCode: ClientErrorCode | ChatErrorCode | null = null;
  /** The error shown comes from the invite's check, not from joining. */
  #inviteError = false;
  #errorStatus = 0;
  #abort?: AbortController;

  override disconnectedCallback(): void {
    // Removed from the page: the wait and an embedded meeting end (their controllers), the join request too; it starts afresh if it comes back.
    super.disconnectedCallback();
    this.#abort?.abort();
    if (['joining', 'waiting', 'embedding', 'embedded'].includes(this.state)) this.state = 'idle';
  }

  get #address(): RoomAddress {
    return { endpoint: this.#setup.endpoint, tenant: this.#setup.tenant, room: this.#invites.room };
  }

  get #t(): JoinMessages {
    return messagesFor(this.#setup.locale, this.messages);
  }

  get #chatT(): ChatMessages {
    return chatMessagesFor(this.#setup.locale, this.messages?.chat);
  }

  get #inviteT(): InviteMessages {
    return inviteMessagesFor(this.#setup.locale, this.messages?.invite);
  }

  /** Before each update: the invite's check decides what an element at rest shows. */
  override willUpdate(): void {
    const invites = this.#invites;
    invites.sync();
    if (!['checking', 'early', 'idle'].includes(this.state) && !(this.state === 'error' && this.#inviteError)) return;
    const check = invites.check;
    this.#inviteError = false;
    if (check.state === 'checking') this.state = 'checking';
    else if (check.state === 'early' && invites.mine) this.state = 'early';
    // A link that does not work says so; when the server could not be asked, only an element that needs the answer for its room.
    else if ((check.state === 'refused' && invites.mine) || (check.state === 'failed' && !invites.room)) {
      this.errorCode = (check.code in this.#t.errors && check.code !== 'too_many_attempts' ? check.code : 'unknown') as ClientErrorCode;
      this.#errorStatus = check.status;
      this.#inviteError = true;
      this.state = 'error';
    } else this.state = 'idle';
  }

  override render() {
    const t = this.#t;
    const { state } = this;
    const setup = this.#setup;
    const missing = state === 'checking' || this.#inviteError ? [] : setup.missing({ room: this.#address.room });
    const gate = blocked(setup, t, missing, this.messages?.notAllowed);
    if (gate) return gate;
    const check = this.#invites.check;
    const consent = this.#consent.state;
    const chatT = this.#chatT;
    return html`
      ${
        'info' in check && this.#invites.active && ['early', 'idle', 'asking', 'chat', 'chat-code'].includes(state)
          ? renderInvite(this.#inviteT, setup.locale, check.info)
          : nothing
      }
      <button class="button" part="button" type="button" ?hidden=${state !== 'idle'} @click=${this.#ask}>
        <slot>${t.join}</slot>
      </button>
      ${
        state === 'asking'
          ? this.#nameForm.render(
              t,
              tenantLogo(setup.info, this.noLogo),
              !!this.#invites.active,
              this.askAccessCode,
              this.#consent.render(t, consent),
              consent.kept,
            )
          : nothing
      }
      ${
        state === 'chat' || state === 'chat-code'
          ? // The notice names what goes to a chat server, not camera and microphone.
            this.#chat.render(
              state,
              t,
              chatT,
              setup.locale,
              this.#consent.render({ ...t, sendsTo: chatT.sendsTo, conferenceServer: chatT.chatServer }, consent),
              consent.kept,
            )
          : nothing
      }
      <div class="status" role="status">${this.#renderStatus(t)}</div>
      ${this.#meeting.region(t)}
      ${
        state === 'error' && this.errorCode
          ? html`<div class="message error" part="message" role="alert">
            <p>${errorText(t, this.errorCode, this.#chatT)}</p>
            ${
              this.#inviteError && check.state === 'refused'
                ? nothing
                : html`<button class="button secondary" type="button" @click=${this.#inviteError ? () => this.#invites.retry() : this.#ask}>${t.retry}</button>`
            }
          </div>`
          : nothing
      }
    `;
  }

  #renderStatus(t: JoinMessages) {
    const check = this.#invites.check;
    const message = (text: string) => html`<p class="message" part="message">${text}</p>`;
    switch (this.state) {
      case 'checking':
        return message(this.#inviteT.checking);
      case 'early':
        return 'info' in check && check.info.validFrom
          ? message(this.#inviteT.validFrom(startText(this.#setup.locale, check.info.validFrom)))
          : nothing;
      case 'joining':
        return message(t.joining);
      case 'waiting':
        return html`${message(t.waiting)}<button class="button secondary" type="button" @click=${this.#reset}>${t.stopWaiting}</button>`;
      default:
        return this.#meeting.status(t, message, this.#chat.inviteUrl ? this.#chatT : undefined);
    }
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('state') && this.state === 'error' && this.errorCode) {
      const message = errorText(this.#t, this.errorCode, this.#chatT);
      this.dispatchEvent(new VereinErrorEvent({ code: this.errorCode, status: this.#errorStatus, message }));
    }
  }

  /** Stop what runs (the wait, the join request, an embedded meeting) and clear what the last try showed. */
  #stop(): void {
    this.#waiting.stop();
    this.#abort?.abort();
    this.#meeting.close();
    this.errorCode = null;
    this.#chat.clear();
  }

  #ask(): void {
    // The button shows only once the invite's check allows it.
    if (this.state === 'checking' || this.state === 'early') return;
    this.#stop();
    if (this.#invites.chat) {
      // A chat room needs no name: ask the server for its sign-up link, then for the user name.
      this.state = 'joining';
      void this.#join({ invite: this.#invites.active }, true);
      return;
    }
    this.state = 'asking';
    this.#nameForm.open();
  }

  #reset(): void {
    this.#stop();
    this.#nameForm.clear();
    this.state = 'idle';
    this.#moveFocus('button[part="button"]');
  }

  /** The visitor agreed and asked to join as `name`: `verein-join` (a page may cancel it), then the request. */
  async #start(name: string, body: JoinRequest): Promise<void> {
    const { tenant, room } = this.#address;
    if (!this.dispatchEvent(new VereinJoinEvent({ tenant, room, displayName: name }))) {
      this.#reset();
      return;
    }
    this.#consent.agreed();
    this.state = 'joining';
    await this.#join(body, true);
  }

  /** Ask the server for a way in; `gesture` says the visitor just clicked (a new tab may open). */
  async #join(body: JoinRequest, gesture: boolean): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    try {
      const answer = await joinRoom(this.#address, body, abort.signal);
      if (abort.signal.aborted) return;
      this.#invites.hold(body.invite);
      if ('waiting' in answer) {
        this.state = 'waiting';
        this.#moveFocus('.status button');
        this.#waiting.wait(this.#address, body, this.pollInterval);
        return;
      }
      if (!('url' in answer)) {
        // A chat room: the user name next (the team's sign-up link for visitors without an account), then the code sent to it.
        this.state = this.#chat.answered(answer.chat, body.chatUsername);
        return;
      }
      this.#waiting.stop();
      this.#meeting.open(answer, gesture, this.#t.meeting, this.#setup.locale);
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    if (!this.isConnected) return;
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.#errorStatus = error instanceof VereinApiError ? error.status : 0;
    // A problem with what the visitor typed: back to its form, next to the field.
    const chatStep = this.#chat.refused(error);
    if (chatStep) this.state = chatStep;
    else if (this.#nameForm.refused(error)) this.state = 'asking';
    else {
      this.errorCode = (code in this.#t.errors || code === 'chat_unavailable' ? code : 'unknown') as ClientErrorCode | ChatErrorCode;
      this.state = 'error';
      this.#moveFocus('.error button');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verein-join-room': VereinJoinRoom;
  }
}
