// Chat rooms (a private Mattermost channel) in <verein-join-room>: the form
// that asks for the visitor's Mattermost user name, with the team's sign-up
// link for those without an account. Mattermost refuses to be framed, so the
// channel always opens in a tab, never inside the element.
import { CHAT_USERNAME_MAX } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { VereinApiError } from '../../api/client.js';
import type { ChatErrorCode, ChatMessages } from '../../i18n/chat.js';
import type { Messages } from '../../i18n/messages.js';

/** What the chat form shows, and where its input goes. */
export interface ChatForm {
  /** The privacy notice (or, once agreed on this device, the way to withdraw): before anything reaches the chat server. */
  consent: TemplateResult;
  /** The visitor kept an agreement to the chat server: the button joins, else it agrees and joins. */
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
      <button class="button" type="submit">${form.agreed ? c.submit : t.agree}</button>
      <button class="button secondary" type="button" @click=${form.cancel}>${t.cancel}</button>
    </div>
  </form>`;
}

/** The chat form's error for a refusal about the user name, or `null` when the refusal is about something else. */
export function chatFieldError(error: unknown): ChatErrorCode | null {
  if (!(error instanceof VereinApiError) || error.field !== 'chatUsername') return null;
  if (error.code === 'chat_user_not_found' || error.code === 'too_many_attempts') return error.code;
  return 'chat_username_invalid';
}
