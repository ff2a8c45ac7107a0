// The visitor's agreement to a tenant's privacy notice, asked before the
// first request to a conference server: which servers a room's meeting
// reaches, the agreements a visitor chose to keep on their device, and the
// notice itself in the join element's forms.
import type { TenantInfo } from '@vereinsraum/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { JoinMessages } from '../../i18n/messages.js';
import type { SetupController } from '../../tenant/setup.js';
import type { InviteController } from './invite.js';

const KEY = 'vereinsraum.consent';

/**
 * The origins of the conference servers a room's meeting reaches: the
 * service of a listed room; for a booked room (never listed) the service the
 * tenant's booked rooms of that kind use (video, or chat for a booked chat
 * room), or, from a server that does not say which, every service of the
 * kind. Only http(s) origins count.
 */
export function roomOrigins(info: TenantInfo, room: string, kind: 'video' | 'chat' = 'video'): string[] {
  const listed = info.rooms.find((r) => r.id === room);
  // An open conference runs where the tenant's open conferences do (its id begins with `o-`, which no other room of such a tenant may).
  const booked = info.openRooms && room.startsWith('o-') ? info.openRooms.service : info.booked?.[kind];
  const services = listed
    ? [info.services[listed.service]]
    : booked !== undefined
      ? [info.services[booked]]
      : info.services.filter((s) => s.kind === kind);
  return [...new Set(services.map((s) => s?.origin ?? '').filter((origin) => /^https?:\/\/[^/]+$/.test(origin)))];
}

/** Where the agreements for one server and tenant are kept. */
function keyOf(endpoint: string, tenant: string): string {
  return `${KEY} ${new URL(endpoint, document.baseURI).href} ${tenant}`;
}

/** The conference origins the visitor agreed to for this server and tenant, and chose to keep. */
export function keptOrigins(endpoint: string, tenant: string): string[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(keyOf(endpoint, tenant)) ?? '[]');
    return Array.isArray(kept) ? kept : [];
  } catch {
    return [];
  }
}

/** Keep an agreement to `origins` (added to those kept already), or with `null` withdraw it. */
export function keepConsent(endpoint: string, tenant: string, origins: string[] | null): void {
  try {
    const key = keyOf(endpoint, tenant);
    if (origins) localStorage.setItem(key, JSON.stringify([...new Set([...keptOrigins(endpoint, tenant), ...origins])]));
    else localStorage.removeItem(key);
  } catch {
    // Storage may be blocked (private mode): the notice then asks every time.
  }
}

/** The texts of the notice; a chat room's name the chat server instead of camera and microphone. */
export type ConsentTexts = Pick<
  JoinMessages,
  'consentKept' | 'withdraw' | 'privacy' | 'newTab' | 'sendsTo' | 'conferenceServer' | 'privacyPolicy' | 'imprint' | 'rememberConsent'
>;

/**
 * The visitor's agreement to the privacy notice of the join element's
 * tenant, for the room it joins: which conference servers that room reaches
 * (a booked chat room: the tenant's chat server), whether the visitor kept an
 * agreement to all of them on this device, the notice with its "remember my
 * agreement" box, and the way to withdraw a kept agreement.
 */
export class Consent {
  /** The "remember my agreement" box. */
  #keep = false;

  readonly #setup: SetupController;
  readonly #invites: InviteController;
  readonly #moveFocus: (selector: string) => void;

  constructor(setup: SetupController, invites: InviteController, moveFocus: (selector: string) => void) {
    this.#setup = setup;
    this.#invites = invites;
    this.#moveFocus = moveFocus;
  }

  /** The conference origins the room reaches (empty while the tenant's details are unknown), and whether the visitor kept an agreement to all of them. */
  get state(): { origins: string[]; kept: boolean } {
    const { info, endpoint, tenant } = this.#setup;
    const origins = info ? roomOrigins(info, this.#invites.room, this.#invites.chat ? 'chat' : 'video') : [];
    const kept = keptOrigins(endpoint, tenant);
    return { origins, kept: origins.length > 0 && origins.every((origin) => kept.includes(origin)) };
  }

  /** The visitor's click agreed to the notice: keep that only if they asked to. */
  agreed(): void {
    const { origins, kept } = this.state;
    if (this.#keep && !kept && origins.length) keepConsent(this.#setup.endpoint, this.#setup.tenant, origins);
  }

  /**
   * The privacy notice (the tenant's text, what goes to which server, the
   * legal links, "remember my agreement"), or once the visitor kept their
   * agreement, a way to withdraw it. Without the tenant's details (not loaded,
   * or not yet) it names no server: the join answer is the first to tell
   * which one, and it comes only after the agreeing click.
   */
  render(t: ConsentTexts, { origins, kept } = this.state): TemplateResult {
    const { info } = this.#setup;
    if (kept) {
      return html`<div class="consent" part="consent">
        <p>${t.consentKept(info!.name)}</p>
        <button class="link-button" type="button" @click=${this.#withdraw}>${t.withdraw}</button>
      </div>`;
    }
    const notice = info?.privacyNotice?.[this.#setup.locale];
    const link = (href: string | null | undefined, label: string) =>
      href && /^https?:/i.test(href)
        ? html`<a href=${href} target="_blank" rel="noopener">${label}<span class="visually-hidden"> ${t.newTab}</span></a>`
        : nothing;
    return html`<div class="consent" part="consent">
      <p><strong>${t.privacy}</strong></p>
      ${notice ? html`<p class="notice">${notice}</p>` : nothing}
      ${(origins.length ? origins.map((origin) => new URL(origin).host) : [t.conferenceServer]).map((host) => html`<p>${t.sendsTo(host)}</p>`)}
      ${
        info?.privacyPolicyUrl || info?.imprintUrl
          ? html`<p class="links">${link(info.privacyPolicyUrl, t.privacyPolicy)} ${link(info.imprintUrl, t.imprint)}</p>`
          : nothing
      }
      ${
        origins.length
          ? html`<label class="check" for="consent"
            ><input id="consent" type="checkbox" .checked=${this.#keep} @change=${(e: Event) => (this.#keep = (e.target as HTMLInputElement).checked)} /><span
              >${t.rememberConsent(info!.name)}</span
            ></label
          >`
          : nothing
      }
    </div>`;
  }

  /** Forget the agreement kept on this device: the notice asks again, starting with its "remember" box. */
  readonly #withdraw = (): void => {
    keepConsent(this.#setup.endpoint, this.#setup.tenant, null);
    this.#keep = false;
    this.#moveFocus('#consent');
  };
}
