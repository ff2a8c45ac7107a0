// Chat rooms (a private Mattermost channel) in <verein-join-room>: the form
// that asks for the visitor's Mattermost user name, with the team's sign-up
// link for those without an account, and then the form for the code that the
// server's bot sent that account (it proves the account is the visitor's).
// Mattermost refuses to be framed, so the channel always opens in a tab,
// never inside the element.
import { CHAT_USERNAME_MAX, chatCode, type ChatCodeSent, type ChatJoin, chatUsername, type JoinRequest } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { VereinApiError } from '../../api/client.js';
import type { ChatErrorCode, ChatMessages } from '../../i18n/chat.js';
import type { Locale } from '../../i18n/locale.js';
import type { JoinMessages } from '../../i18n/messages.js';

/** Where a chat room is: the form for the user name, or the one for the code sent to that account. */
export type ChatStep = 'chat' | 'chat-code';

/** What the chat forms ask of the join element. */
export interface ChatActions {
  /** The user-name form was sent: announce the join (`verein-join`, with the user name) and ask for a code. */
  start(username: string, body: Pick<JoinRequest, 'chatUsername'>): void;
  /** The code form was sent: join with the code. */
  join(body: Pick<JoinRequest, 'chatConfirmation' | 'chatCode'>): void;
  /** Show a form (`chat` from the code form: back to the user name, to correct it or to send a new code). */
  show(step: ChatStep): void;
  /** The sign-up link was followed: that, too, agrees to the privacy notice (kept if the visitor asked to). */
  agree(): void;
  cancel(): void;
}

/**
 * The two forms of a chat room and what the visitor typed into them: the user
 * name (kept when the visitor goes back from the code form), the code, the
 * problem at a field, the team's sign-up link and the code's confirmation
 * from the server's answers. The element's state machine says which form
 * shows; the forms check what was typed as the server does before anything
 * is sent.
 */
export class ChatForms {
  /** The team's invite link (Mattermost's sign-up page), from the server's first answer; `''` for a meeting room. */
  inviteUrl = '';

  #username = '';
  #code = '';
  #error: ChatErrorCode | null = null;
  /** The code is on its way to this user name ({@link ChatCodeSent}). */
  #sent?: ChatCodeSent & { username: string };

  readonly #moveFocus: (selector: string) => void;
  readonly #actions: ChatActions;

  constructor(moveFocus: (selector: string) => void, actions: ChatActions) {
    this.#moveFocus = moveFocus;
    this.#actions = actions;
  }

  /** A new join: nothing sent yet and no problem shown; the user name typed stays. */
  clear(): void {
    this.inviteUrl = '';
    this.#error = null;
    this.#sent = undefined;
  }

  /** The server answered a chat join: the user-name form next (with the sign-up link), or once the code is on its way to `username`, the code form. */
  answered(chat: ChatJoin | ChatCodeSent, username = ''): ChatStep {
    this.#error = null;
    if ('confirmation' in chat) {
      // The code is on its way to the account (or, for a name without one, nowhere: the answer is the same).
      this.#sent = { ...chat, username };
      this.#code = '';
      this.#moveFocus('#chat-code');
      return 'chat-code';
    }
    this.inviteUrl = chat.inviteUrl;
    this.#moveFocus('#chat-user');
    return 'chat';
  }

  /** A refusal about the user name or the code: the form to show again, with the problem at its field; `null` for any other refusal. */
  refused(error: unknown): ChatStep | null {
    const problem = this.inviteUrl ? chatFieldError(error) : null;
    if (!problem) return null;
    const step = problem.field === 'chatCode' && this.#sent ? 'chat-code' : 'chat';
    this.#error = problem.code;
    this.#moveFocus(step === 'chat' ? '#chat-user' : '#chat-code');
    return step;
  }

  /**
   * The form of `step`: for the user name, with `consent` (the privacy
   * notice; `agreed` once the visitor kept an agreement to the chat server)
   * and the sign-up link for visitors without an account; for the code, where
   * to read it, until when it works (by the clock of `locale`) and the way
   * back to the user name.
   */
  render(step: ChatStep, t: JoinMessages, c: ChatMessages, locale: Locale, consent: TemplateResult, agreed: boolean) {
    const error = this.#error;
    const sent = this.#sent;
    if (step === 'chat') {
      return html`<form part="form" novalidate @submit=${this.#submitName}>
        <p class="message">${c.intro}</p>
        <div class="field">
          <label for="chat-user">${c.usernameLabel}</label>
          <input
            id="chat-user"
            part="input"
            name="chatUsername"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            required
            maxlength=${CHAT_USERNAME_MAX + 1}
            .value=${this.#username}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'chat-user-error chat-user-hint' : 'chat-user-hint'}
            @input=${(e: InputEvent) => (this.#username = (e.target as HTMLInputElement).value)}
          />
          <p id="chat-user-hint" class="hint">${c.usernameHint}</p>
          ${error ? html`<p id="chat-user-error" class="field-error">${c.errors[error]}</p>` : nothing}
        </div>
        ${consent}
        <p class="hint">${c.noAccount}</p>
        <a class="link-button" part="link" href=${this.inviteUrl} target="_blank" rel="noopener noreferrer" @click=${this.#actions.agree}
          >${agreed ? c.signUp : c.agreeSignUp}<span class="visually-hidden"> ${t.newTab}</span></a
        >
        <div class="actions">
          <button class="button" type="submit">${agreed ? c.submit : c.agreeSubmit}</button>
          <button class="button secondary" type="button" @click=${this.#actions.cancel}>${t.cancel}</button>
        </div>
      </form>`;
    }
    if (!sent) return nothing;
    const until = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(sent.expiresAt));
    return html`<form part="form" novalidate @submit=${this.#submitCode}>
      <p class="message" id="chat-sent">${c.codeSent(sent.username)}</p>
      <a class="link-button" part="link" href=${sent.messagesUrl} target="_blank" rel="noopener noreferrer"
        >${c.openMessages}<span class="visually-hidden"> ${t.newTab}</span></a
      >
      <div class="field">
        <label for="chat-code">${c.codeLabel}</label>
        <input
          id="chat-code"
          part="input"
          name="chatCode"
          autocomplete="one-time-code"
          autocapitalize="characters"
          spellcheck="false"
          required
          maxlength="20"
          .value=${this.#code}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'chat-code-error chat-sent chat-code-hint' : 'chat-sent chat-code-hint'}
          @input=${(e: InputEvent) => (this.#code = (e.target as HTMLInputElement).value)}
        />
        <p id="chat-code-hint" class="hint">${c.codeHint(until)}</p>
        ${error ? html`<p id="chat-code-error" class="field-error">${c.errors[error]}</p>` : nothing}
      </div>
      <p class="hint">${c.noMessage}</p>
      <button class="link-button" type="button" @click=${this.#changeName}>${c.changeName}</button>
      <div class="actions">
        <button class="button" type="submit">${c.join}</button>
        <button class="button secondary" type="button" @click=${this.#actions.cancel}>${t.cancel}</button>
      </div>
    </form>`;
  }

  /** The user-name form was sent: check the name as the server does, then ask for a code to that account. */
  readonly #submitName = (event: SubmitEvent): void => {
    event.preventDefault();
    const username = chatUsername(this.#username);
    this.#error = username ? null : 'chat_username_invalid';
    if (username) this.#actions.start(username, { chatUsername: username });
    else this.#moveFocus('#chat-user');
  };

  /** The code form was sent: check the code's form as the server does, then join with it. */
  readonly #submitCode = (event: SubmitEvent): void => {
    event.preventDefault();
    const code = chatCode(this.#code);
    this.#error = code ? null : 'chat_code_invalid';
    if (code) this.#actions.join({ chatConfirmation: this.#sent!.confirmation, chatCode: code });
    else this.#moveFocus('#chat-code');
  };

  /** From the code form back to the user name (typed as before): to correct it, or to send a new code. */
  readonly #changeName = (): void => {
    this.#error = null;
    this.#actions.show('chat');
    this.#moveFocus('#chat-user');
  };
}

/** Where a refusal about what the visitor typed in a chat form belongs, and its text; `null` when it is about something else. */
export function chatFieldError(error: unknown): { field: 'chatUsername' | 'chatCode'; code: ChatErrorCode } | null {
  if (!(error instanceof VereinApiError)) return null;
  if (error.field === 'chatUsername')
    return { field: 'chatUsername', code: error.code === 'too_many_attempts' ? error.code : 'chat_username_invalid' };
  // A confirmation the server cannot read needs a new code, like one that expired.
  if (error.field === 'chatConfirmation') return { field: 'chatCode', code: 'chat_code_expired' };
  if (error.field !== 'chatCode') return null;
  const known: readonly string[] = ['too_many_attempts', 'chat_code_expired'];
  return { field: 'chatCode', code: known.includes(error.code) ? (error.code as ChatErrorCode) : 'chat_code_invalid' };
}
