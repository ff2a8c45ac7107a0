// The operator elements' sign-in form (<verein-booking-admin>,
// <verein-usage-report>, <verein-club-review>): the admin token, its hint, the
// button. The token goes to the page's shared `AdminSession`.
import { html, type TemplateResult } from 'lit';

/** The texts of the sign-in form (each operator element's catalogue has them). */
export interface SignInTexts {
  tokenLabel: string;
  tokenHint: string;
  signIn: string;
}

/**
 * The sign-in form: a password field for the admin token with its hint, and
 * the button. `id` is the field's id (its hint's is `<id>-hint`); `signIn`
 * gets the token typed, trimmed (a field of only spaces sends nothing).
 * Styled by `signInStyles` (`styles/sign-in.ts`) and the element's field
 * styles.
 */
export function signInForm(t: SignInTexts, id: string, signIn: (token: string) => void): TemplateResult {
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const token = (event.target as HTMLFormElement).querySelector('input')!.value.trim();
    if (token) signIn(token);
  };
  return html`<form class="sign-in" part="form" @submit=${submit}>
    <div class="field">
      <label for=${id}>${t.tokenLabel}</label>
      <p id="${id}-hint" class="hint">${t.tokenHint}</p>
      <input id=${id} part="input" name="token" type="password" autocomplete="off" required aria-describedby="${id}-hint" />
    </div>
    <div class="actions"><button class="button" part="button" type="submit">${t.signIn}</button></div>
  </form>`;
}
