// The host's panel of <verein-open-room>: the conference's name to read aloud,
// the guest link to copy, to share through the device's share sheet and to
// show as a QR code, the host link (only right after opening), and the way in.
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { OpenRoomMessages } from '../../i18n/open-room.js';
import { qrCode } from './qr.js';

/** The conference shown: its title and name, and the host's token when this device is its host. */
export interface Current {
  room: string;
  title: string | null;
  name: string;
  token?: string;
}

/**
 * The host's panel and what it remembers between renders: whether the QR
 * code is shown, and what the copy button said last. A conference just
 * opened gets a panel of its own.
 */
export class HostPanel {
  /** The QR code is shown. */
  #qr = false;
  /** What the copy button said last: `copied`, `copyFailed`, or nothing. */
  #copied: 'copied' | 'copyFailed' | null = null;

  readonly #host: ReactiveElement;

  constructor(host: ReactiveElement) {
    this.#host = host;
  }

  /** The panel of `current`, with the link for its guests, its host link (shown once, else `undefined`) and `join`, the way in. */
  render(t: OpenRoomMessages, current: Current, guestUrl: string, hostUrl: string | undefined, join: TemplateResult): TemplateResult {
    const share = typeof navigator.share === 'function';
    return html`<section class="panel" part="panel" aria-labelledby="host-title">
      <h2 id="host-title" tabindex="-1">${current.title ?? t.yourConference}</h2>
      <p>${t.readAloud}: <span class="name">${current.name}</span></p>
      <div class="field">
        <label for="guest-link">${t.guestLink}</label>
        <input id="guest-link" class="link" readonly .value=${guestUrl} aria-describedby="guest-hint" @focus=${select} />
        <p id="guest-hint" class="hint">${t.guestLinkHint}</p>
      </div>
      <div class="row">
        <button class="button" type="button" @click=${() => this.#copy(guestUrl)}>${t.copy}</button>
        ${share ? html`<button class="button secondary" type="button" @click=${() => shareLink(current, guestUrl)}>${t.share}</button>` : nothing}
        <button class="button secondary" type="button" aria-expanded=${this.#qr} aria-controls="qr" @click=${this.#toggleQr}>
          ${this.#qr ? t.hideQr : t.showQr}
        </button>
      </div>
      <p class="message" part="message" role="status">${this.#copied ? t[this.#copied] : ''}</p>
      <div id="qr" ?hidden=${!this.#qr}>${this.#qr ? qrCode(guestUrl, t.qrAlt) : nothing}</div>
      ${
        hostUrl
          ? html`<div class="field">
              <label for="host-link">${t.hostLink}</label>
              <input id="host-link" class="link" readonly .value=${hostUrl} aria-describedby="host-hint" @focus=${select} />
              <p id="host-hint" class="hint">${t.hostLinkHint}</p>
            </div>`
          : nothing
      }
      ${join}
    </section>`;
  }

  readonly #toggleQr = (): void => {
    this.#qr = !this.#qr;
    this.#host.requestUpdate();
  };

  async #copy(text: string): Promise<void> {
    this.#copied = await navigator.clipboard.writeText(text).then(
      () => 'copied' as const,
      () => 'copyFailed' as const,
    );
    this.#host.requestUpdate();
  }
}

/** A link field selects all of itself when it gets the focus, ready to copy by hand. */
const select = (event: FocusEvent): void => (event.target as HTMLInputElement).select();

async function shareLink(current: Current, url: string): Promise<void> {
  // Closing the share sheet rejects: nothing to tell.
  await navigator.share({ title: current.title ?? current.name, url }).catch(() => undefined);
}
