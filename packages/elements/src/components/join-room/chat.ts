// Chat rooms (a private Mattermost channel) in <verein-join-room>: the form
// that asks for the visitor's Mattermost user name, with the team's sign-up
// link for those without an account, and then the form for the code that the
// server's bot sent that account (it proves the account is the visitor's).
// Mattermost refuses to be framed, so the channel always opens in a tab,
// never inside the element.
import { CHAT_USERNAME_MAX } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { VereinApiError } from '../../api/client.js';
import type { ChatErrorCode, ChatMessages } from '../../i18n/chat.js';
import type { Messages } from '../../i18n/messages.js';

/** What the chat form shows, and where its input goes. */
export interface ChatForm {
  /** The privacy notice (or, once agreed on this device, the way to withdraw): before anything reaches the chat server. */
  consent: TemplateResult;
  /** The visitor kept an agreement to the chat server: the button sends the code, else it agrees and sends it. */
  agreed: boolean;
  /** The sign-up link was followed: that, too, agrees to the notice (kept if the visitor asked to). */
  agree(): void;
  /** The team's invite link (Mattermost's sign-up page). */
  inviteUrl: string;
  username: string;
  error: ChatErrorCode | null;
  input(value: string): void;
  submit(event: SubmitEvent): void;
  cancel(): void;
}

/** What the code form shows, and where its input goes. */
export interface ChatCodeForm {
  /** The user name the code was sent to. */
  username: string;
  /** Where the visitor reads the bot's message on Mattermost. */
  messagesUrl: string;
  /** Until when the code works, as the visitor's clock shows it. */
  until: string;
  code: string;
  error: ChatErrorCode | null;
  input(value: string): void;
  submit(event: SubmitEvent): void;
  /** Back to the user-name form (to correct the name, or to send a new code). */
  changeName(): void;
  cancel(): void;
}

/** The form of a chat room: the visitor's Mattermost user name, and the sign-up link for visitors without an account. */
export function renderChatForm(t: Messages, c: ChatMessages, form: ChatForm): TemplateResult {
  const { error } = form;
  return html`<form part="form" novalidate @submit=${form.submit}>
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
        .value=${form.username}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'chat-user-error chat-user-hint' : 'chat-user-hint'}
        @input=${(e: InputEvent) => form.input((e.target as HTMLInputElement).value)}
      />
      <p id="chat-user-hint" class="hint">${c.usernameHint}</p>
      ${error ? html`<p id="chat-user-error" class="field-error">${c.errors[error]}</p>` : nothing}
    </div>
    ${form.consent}
    <p class="hint">${c.noAccount}</p>
    <a class="link-button" part="link" href=${form.inviteUrl} target="_blank" rel="noopener noreferrer" @click=${form.agree}
      >${form.agreed ? c.signUp : c.agreeSignUp}<span class="visually-hidden"> ${t.newTab}</span></a
    >
    <div class="actions">
      <button class="button" type="submit">${form.agreed ? c.submit : c.agreeSubmit}</button>
      <button class="button secondary" type="button" @click=${form.cancel}>${t.cancel}</button>
    </div>
  </form>`;
}

/**
 * The form for the code of the bot's message: where to read it, the field,
 * and for a message that did not come, the way back to the user name.
 */
export function renderChatCodeForm(t: Messages, c: ChatMessages, form: ChatCodeForm): TemplateResult {
  const { error } = form;
  return html`<form part="form" novalidate @submit=${form.submit}>
    <p class="message" id="chat-sent">${c.codeSent(form.username)}</p>
    <a class="link-button" part="link" href=${form.messagesUrl} target="_blank" rel="noopener noreferrer"
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
        .value=${form.code}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'chat-code-error chat-sent chat-code-hint' : 'chat-sent chat-code-hint'}
        @input=${(e: InputEvent) => form.input((e.target as HTMLInputElement).value)}
      />
      <p id="chat-code-hint" class="hint">${c.codeHint(form.until)}</p>
      ${error ? html`<p id="chat-code-error" class="field-error">${c.errors[error]}</p>` : nothing}
    </div>
    <p class="hint">${c.noMessage}</p>
    <button class="link-button" type="button" @click=${form.changeName}>${c.changeName}</button>
    <div class="actions">
      <button class="button" type="submit">${c.join}</button>
      <button class="button secondary" type="button" @click=${form.cancel}>${t.cancel}</button>
    </div>
  </form>`;
}

/** Where a refusal about what the visitor typed in a chat form belongs, and its text; `null` when it is about something else. */
export function chatFieldError(error: unknown): { field: 'chatUsername' | 'chatCode'; code: ChatErrorCode } | null {
  if (!(error instanceof VereinApiError)) return null;
  if (error.field === 'chatUsername') return { field: 'chatUsername', code: error.code === 'too_many_attempts' ? error.code : 'chat_username_invalid' };
  // A confirmation the server cannot read needs a new code, like one that expired.
  if (error.field === 'chatConfirmation') return { field: 'chatCode', code: 'chat_code_expired' };
  if (error.field !== 'chatCode') return null;
  const known: readonly string[] = ['too_many_attempts', 'chat_code_expired'];
  return { field: 'chatCode', code: known.includes(error.code) ? (error.code as ChatErrorCode) : 'chat_code_invalid' };
}
