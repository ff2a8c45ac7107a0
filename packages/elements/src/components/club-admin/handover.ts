import { html, nothing, type TemplateResult } from 'lit';
import { requestClubHandover } from '../../api/client.js';
import { type ClubHandoverMessages, clubHandoverMessagesFor } from '../../i18n/club-handover.js';
import { type Locale, localeOf } from '../../i18n/locale.js';
import type { ClubPart } from './part.js';

/** What the part needs beyond every part's: focus after a step. */
export interface ClubHandoverHost extends ClubPart {
  moveFocus(selector: string): void;
}

/**
 * Hand over the contact role (`POST /v1/club/handover`): the new contact's
 * name and address, a confirmation step, then the sent state with the
 * link's end. The new person confirms with the link of their mail. In the
 * lazy chunk of `sections.ts`, loaded when the page shows the club.
 */
export class ClubHandover {
  /** The person named, while the confirmation step is open. */
  pending: { name: string; email: string } | null = null;
  /** Where the link went and until when it works, once sent. */
  sent: { email: string; expiresAt: string } | null = null;
  /** What the form shows again after "Cancel" or a refusal: nothing typed is lost. */
  #draft = { name: '', email: '' };

  constructor(private readonly host: ClubHandoverHost) {}

  #next(event: Event): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.pending = this.#draft = { name: value('name'), email: value('email') };
    this.sent = null;
    this.host.update();
    this.host.moveFocus('#handover-cancel');
  }

  #cancel(): void {
    this.pending = null;
    this.host.update();
    this.host.moveFocus('#handover-name');
  }

  async #send(): Promise<void> {
    const contact = this.pending!;
    try {
      const { expiresAt } = await requestClubHandover(this.host.endpoint(), this.host.csrf(), contact);
      this.pending = null;
      this.#draft = { name: '', email: '' };
      this.sent = { email: contact.email, expiresAt };
      this.host.say('');
      this.host.update();
      this.host.moveFocus('#handover-sent');
    } catch (error) {
      this.pending = null;
      this.host.fail(error);
    }
  }

  render(lang: Locale, overrides?: Partial<ClubHandoverMessages>): TemplateResult {
    const t = clubHandoverMessagesFor(lang, overrides);
    const locale = localeOf(lang);
    const until = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
    return html`<section class="stack" aria-labelledby="handover-title">
      <h3 id="handover-title">${t.title}</h3>
      ${
        this.pending
          ? html`<div class="confirm" role="group" aria-labelledby="handover-warning">
            <p id="handover-warning">${t.warning(this.pending.name, this.pending.email)}</p>
            <div class="actions">
              <button id="handover-confirm" class="button" part="button" type="button" @click=${() => this.#send()}>${t.confirm}</button>
              <button id="handover-cancel" class="button secondary" part="button" type="button" @click=${() => this.#cancel()}>${t.cancel}</button>
            </div>
          </div>`
          : html`<form id="handover" part="form" @submit=${(e: Event) => this.#next(e)}>
            <p id="handover-intro" class="hint">${t.intro}</p>
            <div class="field">
              <label for="handover-name">${t.name}</label>
              <input id="handover-name" part="input" name="name" .value=${this.#draft.name} autocomplete="off" required minlength="2" maxlength="100" />
            </div>
            <div class="field">
              <label for="handover-email">${t.email}</label>
              <input id="handover-email" part="input" name="email" type="email" .value=${this.#draft.email} autocomplete="off" required maxlength="254" />
            </div>
            <div class="actions"><button class="button" part="button" type="submit">${t.next}</button></div>
          </form>`
      }
      ${this.sent ? html`<p id="handover-sent" class="message" part="message" role="status" tabindex="-1">${t.sent(this.sent.email, until(this.sent.expiresAt))}</p>` : nothing}
    </section>`;
  }
}
