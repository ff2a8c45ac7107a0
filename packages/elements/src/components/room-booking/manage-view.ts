// The booker's view of one booking in <verein-room-booking>: right after
// booking, and when opened with the manage link. Its status, dates and links
// to copy, the calendar file, and cancelling after a question.
import type { BookingView } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { cancelBooking, fetchBookingCalendar } from '../../api/client.js';
import type { BookingMessages } from '../../i18n/booking-messages.js';

/** A booking as the booker sees it, with its manage token. */
export type ManagedBooking = BookingView & { token: string };

/** What the view asks of the booking element. */
export interface ManageActions {
  /** Above the booking: why the server refused to cancel (or could not be reached); without an `error`, nothing. */
  problem(error?: unknown): void;
  /** "Book another room": back to the form. */
  another(): void;
}

/**
 * The booking shown (`booking`), the question before cancelling, and a short
 * confirmation (link copied, …) in its status region. `result` (just booked)
 * offers the manage link and "book another"; `manage` (opened with the
 * manage link) offers to cancel.
 */
export class ManageView {
  booking: ManagedBooking | null = null;

  #confirming = false;
  #notice = '';

  readonly #host: ReactiveElement;
  readonly #endpoint: () => string;
  readonly #moveFocus: (selector: string) => void;
  readonly #actions: ManageActions;

  constructor(
    host: ReactiveElement,
    /** The server helper's URL. */
    endpoint: () => string,
    moveFocus: (selector: string) => void,
    actions: ManageActions,
  ) {
    this.#host = host;
    this.#endpoint = endpoint;
    this.#moveFocus = moveFocus;
    this.#actions = actions;
  }

  /** Show `booking` (or none), with no question open and no confirmation. */
  show(booking: ManagedBooking | null): void {
    this.booking = booking;
    this.#confirming = false;
    this.#notice = '';
    this.#host.requestUpdate();
  }

  /** The booking in `mode`, with `problem` (a refusal, or nothing) above its dates. */
  render(t: BookingMessages, locale: string, mode: 'result' | 'manage', problem: unknown): TemplateResult {
    const b = this.booking!;
    const titles = { pending: t.pendingTitle, approved: t.approvedTitle, rejected: t.rejectedTitle, cancelled: t.cancelledTitle };
    const texts = {
      pending: t.pendingText,
      approved: b.links ? t.approvedText : t.approvedByMailText,
      rejected: t.rejectedText,
      cancelled: t.cancelledText,
    };
    const open = b.status === 'pending' || b.status === 'approved';
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
    const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    const copyRow = (id: string, label: string, hint: string, url: string) => html`<div class="field copy">
      <label for="link-${id}">${label}</label>
      <p id="link-${id}-hint" class="hint">${hint}</p>
      <div class="copy-row">
        <input id="link-${id}" part="link" readonly .value=${url} aria-describedby="link-${id}-hint" />
        <button class="button" part="button" type="button" @click=${() => this.#copy(t, id, url)}>
          ${t.copy}<span class="visually-hidden">: ${label}</span>
        </button>
      </div>
    </div>`;
    return html`<section class="result" part="result" aria-labelledby="result-title">
      <h2 id="result-title" tabindex="-1">${titles[b.status]}</h2>
      <p class="message" part="message">${texts[b.status]}</p>
      ${b.kind === 'chat' && open ? html`<p class="message" part="message">${t.chatNote}</p>` : nothing}
      ${problem}
      <dl>
        <dt>${t.labels.title}</dt>
        <dd>${b.title} (${b.organisation})</dd>
        <dt>${t.dates}</dt>
        <dd>
          <ul class="dates">
            ${b.dates.map(({ start, end }) => html`<li>${format.format(new Date(start))} – ${timeOnly.format(new Date(end))}</li>`)}
          </ul>
        </dd>
      </dl>
      ${
        b.status === 'approved' && b.links
          ? html`${copyRow('moderator', t.moderatorLink, t.moderatorHint, b.links.moderator)}
          ${copyRow('attendee', t.attendeeLink, t.attendeeHint, b.links.attendee)}`
          : nothing
      }
      ${
        open
          ? html`<div class="actions">
            <button class="button secondary" part="button" type="button" @click=${() => this.#downloadCalendar(t)}>${t.calendar}</button>
          </div>`
          : nothing
      }
      ${open && mode === 'result' ? copyRow('manage', t.manageLink, t.manageHint, b.manageUrl) : nothing}
      ${
        open && mode === 'manage'
          ? this.#confirming
            ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text" tabindex="-1"><strong>${t.confirmCancel}</strong></p>
              <div class="actions">
                <button class="button danger" part="button" type="button" @click=${this.#cancel}>${t.confirmYes}</button>
                <button class="button secondary" part="button" type="button" @click=${() => this.#ask(false)}>${t.confirmNo}</button>
              </div>
            </div>`
            : html`<div class="actions">
              <button id="cancel" class="button secondary" part="button" type="button" @click=${() => this.#ask(true)}>${t.cancelBooking}</button>
            </div>`
          : nothing
      }
      <div class="status" role="status">${this.#notice ? html`<p class="message" part="message">${this.#notice}</p>` : nothing}</div>
      ${
        mode === 'result'
          ? html`<div class="actions"><button class="button secondary" part="button" type="button" @click=${this.#actions.another}>${t.another}</button></div>`
          : nothing
      }
    </section>`;
  }

  async #copy(t: BookingMessages, id: string, url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.#notice = t.copied;
    } catch {
      // No clipboard here (permissions, an old browser): select the text for the visitor to copy.
      const input = this.#host.renderRoot.querySelector<HTMLInputElement>(`#link-${id}`);
      input?.focus();
      input?.select();
      this.#notice = t.copyFailed;
    }
    this.#host.requestUpdate();
  }

  async #downloadCalendar(t: BookingMessages): Promise<void> {
    const b = this.booking!;
    this.#notice = '';
    try {
      const blob = await fetchBookingCalendar(this.#endpoint(), b.id, b.token);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${b.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'booking'}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch {
      this.#notice = t.calendarFailed;
    }
    this.#host.requestUpdate();
  }

  /** Ask before cancelling (`true`), or keep the booking after all. */
  #ask(confirming: boolean): void {
    this.#confirming = confirming;
    this.#moveFocus(confirming ? '#confirm-text' : '#cancel');
  }

  readonly #cancel = async (): Promise<void> => {
    const b = this.booking!;
    this.#actions.problem();
    try {
      const view = await cancelBooking(this.#endpoint(), b.id, b.token);
      this.booking = { ...b, ...view, status: 'cancelled', links: null, token: b.token };
      this.#moveFocus('#result-title');
    } catch (error) {
      this.#actions.problem(error);
    }
    this.#confirming = false;
    this.#host.requestUpdate();
  };
}
