// The name form of <verein-join-room>: the visitor's name (remembered on this
// device if they wish), an access code for those who have one (an invite
// takes its place), the privacy notice and the buttons.
import { ACCESS_CODE_MAX, checkDisplayName, DISPLAY_NAME_MAX } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { VereinApiError } from '../../api/client.js';
import type { ChatErrorCode, ChatMessages } from '../../i18n/chat.js';
import type { ClientErrorCode, JoinMessages } from '../../i18n/messages.js';

const NAME_KEY = 'vereinsraum.displayName';
/** Refusals about what the visitor typed: shown at the field the server names. */
const FIELD_CODES: readonly string[] = ['access_code_required', 'access_code_invalid', 'too_many_attempts', 'invalid_input'];

/** What the name form asks of the join element. */
export interface NameFormActions {
  /** The form was sent with a name that is fine: join (`accessCode` is `''` without one). */
  send(displayName: string, accessCode: string): void;
  cancel(): void;
}

/**
 * The name form and what the visitor typed into it: the name (read from this
 * device when the visitor asked to keep it), "remember my name", whether the
 * access-code field shows, and the problem at a field. The name is checked as
 * the server checks it before anything is sent; a refusal about a field comes
 * back to it.
 */
export class NameForm implements ReactiveController {
  #name = '';
  #remember = false;
  #showCode = false;
  /** A problem with what the visitor typed, shown at its field. */
  #error: { field: 'displayName' | 'accessCode'; code: ClientErrorCode } | null = null;

  readonly #host: ReactiveElement;
  readonly #moveFocus: (selector: string) => void;
  readonly #actions: NameFormActions;

  constructor(host: ReactiveElement, moveFocus: (selector: string) => void, actions: NameFormActions) {
    this.#host = host;
    this.#moveFocus = moveFocus;
    this.#actions = actions;
    host.addController(this);
  }

  hostConnected(): void {
    const saved = readSavedName();
    if (saved) {
      this.#name = saved;
      this.#remember = true;
    }
  }

  /** The form opens: focus goes to the field with a problem, else to the name. */
  open(): void {
    this.#moveFocus(this.#error?.field === 'accessCode' ? '#code' : '#name');
  }

  /** Join at once, without the form, with the name kept on this device (`true`); `false` when none is kept. */
  sendKept(): boolean {
    const kept = readSavedName();
    if (kept) this.#actions.send(kept, '');
    return !!kept;
  }

  /** Start afresh: no problem shown (what was typed stays). */
  clear(): void {
    this.#error = null;
  }

  /** A refusal about what the visitor typed: back at its field (`true`); `false` for any other refusal. */
  refused(error: unknown): boolean {
    if (!(error instanceof VereinApiError && error.field && FIELD_CODES.includes(error.code))) return false;
    const field = error.field === 'accessCode' ? 'accessCode' : 'displayName';
    this.#showCode ||= field === 'accessCode';
    const code = error.code !== 'invalid_input' ? error.code : field === 'accessCode' ? 'access_code_invalid' : 'name_missing';
    this.#error = { field, code: code as ClientErrorCode };
    this.open();
    return true;
  }

  /**
   * The form, with `logo` (the tenant's) at its top, the access code
   * (`invited`: an invite takes its place; `askCode`: its field from the
   * start), and `consent` (the privacy notice; `agreed` once the visitor kept
   * an agreement).
   */
  render(t: JoinMessages, logo: unknown, invited: boolean, askCode: boolean, consent: TemplateResult, agreed: boolean): TemplateResult {
    const error = this.#error;
    const nameError = error?.field === 'displayName' ? error.code : null;
    const codeError = error?.field === 'accessCode' ? error.code : null;
    return html`
      <form part="form" novalidate @submit=${this.#submit}>
        ${logo}
        <div class="field">
          <label for="name">${t.nameLabel}</label>
          <input
            id="name"
            part="input"
            name="displayName"
            autocomplete="name"
            required
            maxlength=${DISPLAY_NAME_MAX}
            .value=${this.#name}
            aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby=${nameError ? 'name-error name-hint' : 'name-hint'}
            @input=${(e: InputEvent) => (this.#name = (e.target as HTMLInputElement).value)}
          />
          <p id="name-hint" class="hint">${t.nameHint}</p>
          ${nameError ? html`<p id="name-error" class="field-error">${errorText(t, nameError)}</p>` : nothing}
        </div>
        <label class="check" for="remember"
          ><input id="remember" type="checkbox" .checked=${this.#remember} @change=${(e: Event) => (this.#remember = (e.target as HTMLInputElement).checked)} /><span
            >${t.remember}</span
          ></label
        >
        ${
          invited
            ? html`<p class="hint">${t.invited}</p>`
            : this.#showCode || askCode
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
              : html`<button class="link-button" type="button" @click=${this.#revealCode}>${t.haveCode}</button>`
        }
        ${consent}
        <div class="actions">
          <button class="button" type="submit">${agreed ? t.submit : t.agree}</button>
          <button class="button secondary" type="button" @click=${this.#actions.cancel}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  readonly #revealCode = (): void => {
    this.#showCode = true;
    this.#moveFocus('#code');
  };

  /** The form was sent: check the name as the server does, keep it on this device only if the visitor asked to, then join. */
  readonly #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const displayName = this.#name.trim();
    const problem = checkDisplayName(displayName);
    this.#error = problem ? { field: 'displayName', code: `name_${problem}` } : null;
    if (problem) {
      this.#moveFocus('#name');
      return;
    }
    saveName(this.#remember ? displayName : null);
    // No field with an invite: it takes the place of the access code.
    this.#actions.send(displayName, this.#host.renderRoot.querySelector<HTMLInputElement>('#code')?.value.trim() ?? '');
  };
}

/** The visitor's text for an error code; the generic one for codes without their own. */
export function errorText(t: JoinMessages, code: ClientErrorCode | ChatErrorCode, chat?: ChatMessages): string {
  return code === 'chat_unavailable' && chat ? chat.errors[code] : (t.errors[code as keyof JoinMessages['errors']] ?? t.errors.unknown);
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
