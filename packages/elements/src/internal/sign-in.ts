// The operator elements' sign-in (<verein-booking-admin>,
// <verein-usage-report>, <verein-club-review>): the admin token form, shown by
// one element of the page, the note the others show in its place, and what an
// element shows when the page's token is refused by it but accepted by
// another. The token goes to the page's shared `AdminSession`.
import { html, type TemplateResult } from 'lit';
import type { AdminSession } from '../admin/session.js';

/** The texts of the sign-in (each operator element's catalogue has them). */
export interface SignInTexts {
  tokenLabel: string;
  tokenHint: string;
  signIn: string;
  /** In place of the form, in each operator element but the one that shows it: sign in further up this page. */
  signInAbove: string;
  /** The page's token is refused here but works in another operator element of the page. */
  refusedHere: string;
  /** The button that signs the page out, to sign in with another token. */
  otherToken: string;
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

/**
 * Signed out: the element that holds the page's form shows `problem` (why it
 * asks again, or nothing) and the form; every other one a line of plain text
 * that points to it.
 */
export function signedOut(
  t: SignInTexts,
  session: AdminSession,
  problem: unknown,
  id: string,
  signIn: (token: string) => void,
): TemplateResult {
  return session.holdsForm
    ? html`${problem}
        ${signInForm(t, id, signIn)}`
    : html`<p class="message" part="message">${t.signInAbove}</p>`;
}

/**
 * The page's token works in another operator element but not here: says so
 * (an alert with the id `id`, which can take focus), with a button that signs
 * the page out, so the form asks for another token.
 */
export function refusedHere(t: SignInTexts, id: string, signOut: () => void): TemplateResult {
  return html`<p id=${id} class="message error" part="message" role="alert" tabindex="-1">${t.refusedHere}</p>
    <div class="actions"><button class="button secondary" part="button" type="button" @click=${signOut}>${t.otherToken}</button></div>`;
}
