import { html, type TemplateResult } from 'lit';
import type { ClubInvite } from '@vereinsraum/protocol';
import { fetchClubInvites, revokeClubInvite } from '../../api/client.js';
import type { ClubMessages } from '../../i18n/club.js';
import type { ClubPart } from './part.js';

/**
 * The links of the club's rooms that still work (`GET /v1/club/invites`):
 * for members and for moderators, from the approval mail or made on the
 * page, each with its end and a button that revokes it. In the lazy chunk
 * of `sections.ts`, loaded when the page shows the club.
 */
export class ClubLinks {
  invites: ClubInvite[] = [];

  constructor(private readonly host: ClubPart) {}

  async load(): Promise<void> {
    try {
      this.invites = await fetchClubInvites(this.host.endpoint());
      this.host.update();
    } catch (error) {
      this.host.fail(error);
    }
  }

  async #revoke(invite: ClubInvite, t: ClubMessages): Promise<void> {
    try {
      await revokeClubInvite(this.host.endpoint(), this.host.csrf(), invite.id);
      this.invites = this.invites.filter((i) => i.id !== invite.id);
      this.host.say(t.revoked);
      this.host.update();
    } catch (error) {
      this.host.fail(error);
    }
  }

  render(t: ClubMessages, roomName: (id: string) => string, locale: string): TemplateResult {
    const date = (iso: string) => new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
    return html`<section class="stack" aria-labelledby="links-title">
      <h3 id="links-title">${t.linksTitle}</h3>
      <p class="hint">${t.linksIntro}</p>
      ${
        this.invites.length === 0
          ? html`<p>${t.noLinks}</p>`
          : html`<ul class="links" part="list" aria-labelledby="links-title">
            ${this.invites.map(
              (invite) =>
                html`<li class="link" id="link-${invite.id}">
                  <span id="link-label-${invite.id}">${roomName(invite.room)}: ${t.linkRole[invite.role]}, ${t.linkUntil(date(invite.expiresAt))}</span>
                  <button
                    class="button secondary danger"
                    part="button"
                    type="button"
                    data-action="revoke"
                    aria-describedby="link-label-${invite.id}"
                    @click=${() => this.#revoke(invite, t)}
                  >
                    ${t.revoke}
                  </button>
                </li>`,
            )}
          </ul>`
      }
    </section>`;
  }
}
