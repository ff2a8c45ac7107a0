import type { JoinRequest } from '@vereinsraum/protocol';
import { html, nothing, type PropertyValues, render, type TemplateResult } from 'lit';
import { type RoomAddress, VereinApiError } from '../../api/http.js';
import { joinRoom } from '../../api/join.js';
import { VereinErrorEvent, VereinJoinEvent } from '../../events.js';
import { type JoinRoomCatalogue, withOverrides } from '../../i18n/catalogues.js';
import type { ChatErrorCode, ChatMessages } from '../../i18n/chat.js';
import type { InviteMessages } from '../../i18n/invite.js';
import type { ClientErrorCode, JoinMessages } from '../../i18n/messages.js';
import { formStyles } from '../../styles/shared.js';
import { gate, tenantLogo } from '../../tenant/gate.js';
import type { SetupController } from '../../tenant/setup.js';
import { ChatForms } from './chat.js';
import { Consent } from './consent.js';
import { InviteController, renderInvite, startText } from './invite.js';
import type { JoinHost } from './host.js';
import { styles } from './join-room.styles.js';
import { MeetingController } from './meeting.js';
import { errorText, NameForm } from './name-form.js';
import { WaitController } from './waiting.js';

/** What the join flow needs of its element beyond the public properties: the tenant, the texts and the one way focus moves. */
export interface JoinShell {
  setup: SetupController;
  /** The catalogue of the element's language (or, while that one loads, the one loaded before). */
  texts: () => JoinRoomCatalogue;
  moveFocus: (selector: string) => void;
}

/** The containers of the element's shell that the flow renders into (with lit-html), around the shell's own button. */
export interface ShellParts {
  above: HTMLElement;
  forms: HTMLElement;
  /** The live region. */
  status: HTMLElement;
  below: HTMLElement;
  /** Takes the place of everything else while the element cannot work. */
  gate: HTMLElement;
}

/** The styles only the flow needs (the forms, the meeting), added to the element's own when the flow arrives. */
export const flowStyles = [formStyles, styles];

/**
 * Everything `<verein-join-room>` does after its button: the invite's check,
 * the name form with the privacy notice, joining, waiting, the meeting (in a
 * tab or embedded) and a chat room's forms. A chunk of its own: the element
 * loads it on the first click, when the browser is idle, or at once when it
 * has an invite or cannot work (then the flow shows why). Its parts render
 * around the element's button, which stays the same DOM node.
 */
export class JoinFlow {
  readonly #host: JoinHost;
  readonly #shell: JoinShell;
  /** The invite: what the server says about it (its room, title, dates, role, whether it works yet), and which token to send. */
  readonly #invites: InviteController;
  /** While the meeting has not started: joins again when it does. */
  readonly #waiting: WaitController<JoinRequest>;
  /** The meeting once the server gave its URL: in a new tab, this one, or inside the element. */
  readonly #meeting: MeetingController;
  /** The visitor's agreement to the tenant's privacy notice for this room. */
  readonly #consent: Consent;
  /** The name form: the visitor's name, an access code, and with the privacy notice the agreeing click. */
  readonly #nameForm: NameForm;
  /** A chat room's forms: the visitor's Mattermost user name, then the code its bot sent there. */
  readonly #chat: ChatForms;

  #errorCode: ClientErrorCode | ChatErrorCode | null = null;
  /** The error shown comes from the invite's check, not from joining. */
  #inviteError = false;
  #errorStatus = 0;
  #abort?: AbortController;

  constructor(host: JoinHost, shell: JoinShell) {
    this.#host = host;
    this.#shell = shell;
    const { setup, moveFocus } = shell;
    this.#invites = new InviteController(host, () => ({
      endpoint: setup.endpoint,
      tenant: setup.tenant,
      invite: host.invite,
      room: host.room,
    }));
    this.#waiting = new WaitController<JoinRequest>(host, {
      live: (request) => void this.#join(request, false),
      refused: (error) => this.#fail(error),
    });
    this.#meeting = new MeetingController(
      host,
      () => this.#address,
      moveFocus,
      () => this.reset(),
    );
    this.#consent = new Consent(setup, this.#invites, moveFocus);
    this.#nameForm = new NameForm(host, moveFocus, {
      send: (displayName, accessCode) => {
        const invite = this.#invites.active;
        void this.#start(displayName, {
          displayName,
          ...(accessCode ? { accessCode } : {}),
          ...(invite ? { invite } : {}),
          ...(host.target === 'embed' ? { embed: true } : {}),
          // Where BigBlueButton sends the visitor after the meeting: this page, without its fragment (an invite may be there).
          ...(/^https?:$/.test(location.protocol) ? { returnUrl: location.href.split('#')[0] } : {}),
        });
      },
      cancel: () => this.reset(),
    });
    this.#chat = new ChatForms(moveFocus, {
      start: (username, body) => void this.#start(username, { invite: this.#invites.active, ...body }),
      join: (body) => {
        host.state = 'joining';
        void this.#join({ invite: this.#invites.active, ...body }, true);
      },
      show: (step) => (host.state = step),
      agree: () => this.#consent.agreed(),
      cancel: () => this.reset(),
    });
  }

  /** Removed from the page: the wait and an embedded meeting end (their controllers), the join request too; it starts afresh if it comes back. */
  disconnected(): void {
    this.#abort?.abort();
    if (['joining', 'waiting', 'embedding', 'embedded'].includes(this.#host.state)) this.#host.state = 'idle';
  }

  get #address(): RoomAddress {
    return { endpoint: this.#shell.setup.endpoint, tenant: this.#shell.setup.tenant, room: this.#invites.room };
  }

  get #t(): JoinMessages {
    return withOverrides(this.#shell.texts().join, this.#host.messages);
  }

  get #chatT(): ChatMessages {
    return withOverrides(this.#shell.texts().chat, this.#host.messages?.chat);
  }

  get #inviteT(): InviteMessages {
    return { ...this.#shell.texts().invite, ...this.#host.messages?.invite };
  }

  /** The room the element joins: its own, else the invite's. */
  get room(): string {
    return this.#invites.room;
  }

  /** Before each update: the invite's check decides what an element at rest shows. */
  willUpdate(): void {
    const host = this.#host;
    const invites = this.#invites;
    invites.sync();
    if (!['checking', 'early', 'idle'].includes(host.state) && !(host.state === 'error' && this.#inviteError)) return;
    const check = invites.check;
    this.#inviteError = false;
    if (check.state === 'checking') host.state = 'checking';
    else if (check.state === 'early' && invites.mine) host.state = 'early';
    // A link that does not work says so; when the server could not be asked, only an element that needs the answer for its room.
    else if ((check.state === 'refused' && invites.mine) || (check.state === 'failed' && !invites.room)) {
      this.#errorCode = (check.code in this.#t.errors && check.code !== 'too_many_attempts' ? check.code : 'unknown') as ClientErrorCode;
      this.#errorStatus = check.status;
      this.#inviteError = true;
      host.state = 'error';
    } else host.state = 'idle';
  }

  /** Render into the shell's containers; `true` when the element shows the gate in place of everything else. */
  renderInto(parts: ShellParts): boolean {
    // As a LitElement renders: event listeners are called with the element as `this`.
    const options = { host: this.#host };
    const gated = this.gate();
    if (gated) {
      render(gated, parts.gate, options);
      return true;
    }
    render(this.above(), parts.above, options);
    render(this.forms(), parts.forms, options);
    render(this.status(), parts.status, options);
    render(this.below(), parts.below, options);
    return false;
  }

  /** In place of the whole element: what is missing, or the note on a page the tenant does not allow; `undefined` when it can work. */
  gate() {
    const { state } = this.#host;
    const setup = this.#shell.setup;
    const missing = state === 'checking' || this.#inviteError ? [] : setup.missing({ room: this.#address.room });
    return gate(setup, this.#t, missing, { ...this.#shell.texts().notAllowed, ...this.#host.messages?.notAllowed });
  }

  /** Above the button: what an invite opens. */
  above() {
    const check = this.#invites.check;
    return 'info' in check && this.#invites.active && ['early', 'idle', 'asking', 'chat', 'chat-code'].includes(this.#host.state)
      ? renderInvite(this.#inviteT, this.#shell.setup.locale, check.info)
      : nothing;
  }

  /** Below the button: the name form or a chat room's forms. */
  forms() {
    const { state } = this.#host;
    const setup = this.#shell.setup;
    const t = this.#t;
    const consent = this.#consent.state;
    if (state === 'asking') {
      return this.#nameForm.render(
        t,
        tenantLogo(setup.info, this.#host.noLogo),
        !!this.#invites.active,
        this.#host.askAccessCode,
        this.#consent.render(t, consent),
        consent.kept,
      );
    }
    if (state !== 'chat' && state !== 'chat-code') return nothing;
    const chatT = this.#chatT;
    // The notice names what goes to a chat server, not camera and microphone.
    return this.#chat.render(
      state,
      t,
      chatT,
      setup.locale,
      this.#consent.render({ ...t, sendsTo: chatT.sendsTo, conferenceServer: chatT.chatServer }, consent),
      consent.kept,
    );
  }

  /** Inside the element's live region. */
  status() {
    const t = this.#t;
    const check = this.#invites.check;
    const message = (text: string) => html`<p class="message" part="message">${text}</p>`;
    switch (this.#host.state) {
      case 'checking':
        return message(this.#inviteT.checking);
      case 'early':
        return 'info' in check && check.info.validFrom
          ? message(this.#inviteT.validFrom(startText(this.#shell.setup.locale, check.info.validFrom)))
          : nothing;
      case 'joining':
        return message(t.joining);
      case 'waiting':
        return html`${message(t.waiting)}<button class="button secondary" type="button" @click=${() => this.reset()}>${t.stopWaiting}</button>`;
      default:
        return this.#meeting.status(t, message, this.#chat.inviteUrl ? this.#chatT : undefined);
    }
  }

  /** After the live region: an embedded meeting, an error. */
  below(): TemplateResult {
    const t = this.#t;
    return html`${this.#meeting.region(t)}${
      this.#host.state === 'error' && this.#errorCode
        ? html`<div class="message error" part="message" role="alert">
            <p>${errorText(t, this.#errorCode, this.#chatT)}</p>
            ${
              this.#inviteError && this.#invites.check.state === 'refused'
                ? nothing
                : html`<button class="button secondary" type="button" @click=${this.#inviteError ? () => this.#invites.retry() : () => this.ask()}>${t.retry}</button>`
            }
          </div>`
        : nothing
    }`;
  }

  updated(changed: PropertyValues<JoinHost>): void {
    if (changed.has('state') && this.#host.state === 'error' && this.#errorCode) {
      const message = errorText(this.#t, this.#errorCode, this.#chatT);
      this.#host.dispatchEvent(new VereinErrorEvent({ code: this.#errorCode, status: this.#errorStatus, message }));
    }
  }

  /** Stop what runs (the wait, the join request, an embedded meeting) and clear what the last try showed. */
  #stop(): void {
    this.#waiting.stop();
    this.#abort?.abort();
    this.#meeting.close();
    this.#errorCode = null;
    this.#chat.clear();
  }

  /** The button was clicked: the name form (a chat room asks the server first). */
  ask(): void {
    const host = this.#host;
    // The button shows only once the invite's check allows it.
    if (host.state === 'checking' || host.state === 'early') return;
    this.#stop();
    if (this.#invites.chat) {
      // A chat room needs no name: ask the server for its sign-up link, then for the user name.
      host.state = 'joining';
      void this.#join({ invite: this.#invites.active }, true);
      return;
    }
    // A kiosk's tablet with the name and the agreement kept there: the tap joins.
    if (host.oneTap && this.#consent.state.kept && this.#nameForm.sendKept()) return;
    host.state = 'asking';
    this.#nameForm.open();
  }

  /** Back to the button. */
  reset(): void {
    this.#stop();
    this.#nameForm.clear();
    this.#host.state = 'idle';
    this.#shell.moveFocus('button[part="button"]');
  }

  /** The visitor agreed and asked to join as `name`: `verein-join` (a page may cancel it), then the request. */
  async #start(name: string, body: JoinRequest): Promise<void> {
    const { tenant, room } = this.#address;
    if (!this.#host.dispatchEvent(new VereinJoinEvent({ tenant, room, displayName: name }))) {
      this.reset();
      return;
    }
    this.#consent.agreed();
    this.#host.state = 'joining';
    await this.#join(body, true);
  }

  /** Ask the server for a way in; `gesture` says the visitor just clicked (a new tab may open). */
  async #join(body: JoinRequest, gesture: boolean): Promise<void> {
    const host = this.#host;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    try {
      const answer = await joinRoom(this.#address, body, abort.signal);
      if (abort.signal.aborted) return;
      this.#invites.hold(body.invite);
      if ('waiting' in answer) {
        host.state = 'waiting';
        this.#shell.moveFocus('.status button');
        this.#waiting.wait(this.#address, body, host.pollInterval);
        return;
      }
      if (!('url' in answer)) {
        // A chat room: the user name next (the team's sign-up link for visitors without an account), then the code sent to it.
        host.state = this.#chat.answered(answer.chat, body.chatUsername);
        return;
      }
      this.#waiting.stop();
      this.#meeting.open(answer, gesture, this.#t.meeting, this.#shell.setup.locale);
    } catch (error) {
      if (!abort.signal.aborted) this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    const host = this.#host;
    if (!host.isConnected) return;
    const code = error instanceof VereinApiError ? error.code : 'unknown';
    this.#errorStatus = error instanceof VereinApiError ? error.status : 0;
    // A problem with what the visitor typed: back to its form, next to the field.
    const chatStep = this.#chat.refused(error);
    if (chatStep) host.state = chatStep;
    else if (this.#nameForm.refused(error)) host.state = 'asking';
    else {
      this.#errorCode = (code in this.#t.errors || code === 'chat_unavailable' ? code : 'unknown') as ClientErrorCode | ChatErrorCode;
      host.state = 'error';
      host.requestUpdate();
      this.#shell.moveFocus('.error button');
    }
  }
}
