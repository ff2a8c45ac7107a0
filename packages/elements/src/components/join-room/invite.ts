import type { InviteInfo } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { fetchInviteInfo, type RoomAddress, VereinApiError } from '../../api/client.js';
import type { Locale } from '../../i18n/index.js';
import type { InviteMessages } from '../../i18n/invite.js';

/**
 * What the server said about an invite:
 * `none` (no invite to ask about), `checking`, `valid`, `early` (valid from
 * `info.validFrom` on), `refused` (expired, revoked, forged, another tenant's:
 * `code`), `failed` (the server could not be asked: `code`).
 */
export type InviteCheck =
  | { state: 'none' | 'checking' }
  | { state: 'valid' | 'early'; info: InviteInfo }
  | { state: 'refused' | 'failed'; code: string; status: number };

/** Longest wait `setTimeout` takes (about 24.8 days); a later start is waited for in steps. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Asks the server helper about the invite of a join element
 * (`POST /v1/tenants/{tenant}/invite`) whenever the endpoint, tenant or token
 * change, and asks again when an invite that is not valid yet becomes valid.
 * The host calls {@link sync} before each update (in `willUpdate`), so the
 * state it renders is never one update behind; it updates when the answer
 * comes.
 */
export class InviteController implements ReactiveController {
  check: InviteCheck = { state: 'none' };

  /** The endpoint, tenant and token of `check` (`''`: none). */
  private key = '';
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The server, tenant and invite; `room` when the invite is meant for that room (and refused for another). */
    private readonly source: () => Pick<RoomAddress, 'endpoint' | 'tenant'> & { token: string; room?: string },
  ) {
    host.addController(this);
  }

  /** Start asking when what to ask about changed. */
  sync(): void {
    const { endpoint, tenant, token, room = '' } = this.source();
    const key = endpoint && tenant && token ? `${endpoint} ${tenant} ${room} ${token}` : '';
    if (key !== this.key) {
      this.key = key;
      this.load(false);
    }
  }

  /** Ask again (after a failure). */
  retry(): void {
    this.load(true);
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // Back on the page after `hostDisconnected`: ask afresh.
    if (!this.key) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.key = '';
  }

  private load(fresh: boolean): void {
    clearTimeout(this.timer);
    const key = this.key;
    if (!key) {
      this.check = { state: 'none' };
      return;
    }
    this.check = { state: 'checking' };
    const { endpoint, tenant, token, room } = this.source();
    fetchInviteInfo({ endpoint, tenant }, { invite: token, ...(room ? { room } : {}) }, fresh).then(
      (info) => this.show(key, info.notYetValid ? { state: 'early', info } : { state: 'valid', info }),
      (error: unknown) => {
        const code = error instanceof VereinApiError ? error.code : 'unknown';
        const status = error instanceof VereinApiError ? error.status : 0;
        // A token the server will not even read (too long) is as broken as a forged one.
        if (code === 'invalid_input' || code.startsWith('invite_')) this.show(key, { state: 'refused', code: code === 'invalid_input' ? 'invite_invalid' : code, status });
        else this.show(key, { state: 'failed', code, status });
      },
    );
  }

  private show(key: string, check: InviteCheck): void {
    if (key !== this.key) return;
    this.check = check;
    if (check.state === 'early' && check.info.validFrom) {
      // Ask again at the start (by this device's clock; the server's decides, and asking early just waits once more).
      const wait = Math.min(MAX_DELAY, Math.max(1000, Date.parse(check.info.validFrom) - Date.now()));
      this.timer = setTimeout(() => this.load(true), wait);
    }
    this.host.requestUpdate();
  }
}

/**
 * What the invite opens, before the name is asked: the room's title, its
 * dates in the visitor's language and time zone, and the visitor's role.
 */
export function renderInvite(t: InviteMessages, locale: Locale, info: InviteInfo) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  return html`<div class="invite" part="invite">
    <p><strong>${info.title}</strong></p>
    ${info.dates.length
      ? html`<ul>
          ${info.dates.map((date) => html`<li>${format.formatRange(new Date(date.start), new Date(date.end))}</li>`)}
        </ul>`
      : nothing}
    <p>${info.role === 'moderator' ? t.asModerator : t.asAttendee}</p>
  </div>`;
}

/** When a not yet valid invite starts, for {@link InviteMessages.validFrom}: the weekday and time, with the date when it is more than six days away. */
export function startText(locale: Locale, validFrom: string): string {
  const start = new Date(validFrom);
  const far = start.getTime() - Date.now() > 6 * 86_400_000;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', ...(far ? { day: 'numeric', month: 'long' } : {}), hour: 'numeric', minute: '2-digit' }).format(start);
}
