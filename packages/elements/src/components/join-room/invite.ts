import { type InviteInfo, type InviteInfoRequest, inviteRoom, isChatInvite } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { fetchInviteInfo, VereinApiError } from '../../api/client.js';
import type { Locale } from '../../i18n/locale.js';
import type { InviteMessages } from '../../i18n/invite.js';
import type { TenantAddress } from '../../tenant/setup.js';

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

/** Where the invites of a join element come from: its server and tenant, its own `invite` and `room` (`''`: none). */
export type InviteSource = TenantAddress & { invite: string; room: string };

/** Longest wait `setTimeout` takes (about 24.8 days); a later start is waited for in steps. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The invite of a join element: its own `invite`, else the page URL's
 * `#invite=`, else the one it joined with. Asks the server helper about it
 * (`POST /v1/tenants/{tenant}/invite`) whenever the endpoint, tenant or token
 * change, and asks again when an invite that is not valid yet becomes valid.
 * It knows which room the invite is for, whether it is this element's, and
 * which token to send with a join. The host calls {@link sync} before each
 * update (in `willUpdate`), so the state it renders is never one update
 * behind; it updates when the answer comes.
 */
export class InviteController implements ReactiveController {
  check: InviteCheck = { state: 'none' };

  /** The page URL's invite once the server took it: it is gone from the address bar, but the visitor may join again. */
  #held = '';
  /** The endpoint, tenant, room and token of `check` (`''`: none), and what to send for them. */
  #key = '';
  #request?: [TenantAddress, InviteInfoRequest];
  #timer?: ReturnType<typeof setTimeout>;

  readonly #host: ReactiveControllerHost;
  readonly #source: () => InviteSource;

  constructor(host: ReactiveControllerHost, source: () => InviteSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** The room to join: the element's own, else the one the invite names (the join page of booked rooms has no room of its own). */
  get room(): string {
    const check = this.check;
    return this.#source().room || this.#signedRoom || ('info' in check ? check.info.room : '');
  }

  /** Whether the check speaks to this element: its own `invite`, an invite for its room, or it has no room of its own. */
  get mine(): boolean {
    const { invite, room } = this.#source();
    return !!invite || !room || this.#names(room);
  }

  /** The invite to send: the element's own, else the page URL's `#invite=` (or the one joined with) if it is for this room. */
  get active(): string {
    const token = hashInvite() || this.#held;
    const room = this.room;
    return this.#source().invite || (token && room && this.#names(room) ? token : '');
  }

  /** Is the room a chat room? Its invite says so (a signed one itself, a short one through the server). */
  get chat(): boolean {
    const invite = this.active;
    return isChatInvite(invite) || (!!invite && 'info' in this.check && this.check.info.kind === 'chat');
  }

  /** The invite given to the element: its own, else the page URL's, else the one it joined with. */
  get #given(): string {
    return this.#source().invite || hashInvite() || this.#held;
  }

  /** Whether the invite names `room`: a signed one by itself, a short one through the server's answer. */
  #names(room: string): boolean {
    const check = this.check;
    return this.#signedRoom === room || ('info' in check && check.info.room === room);
  }

  /** The room of this tenant a signed invite names, read without the server; '' for a short invite. */
  get #signedRoom(): string {
    const sub = inviteRoom(this.#given) ?? '';
    const { tenant } = this.#source();
    return sub.startsWith(`${tenant}/`) ? sub.slice(tenant.length + 1) : '';
  }

  /** Start asking when what to ask about changed. */
  sync(): void {
    const { endpoint, tenant, invite, room } = this.#source();
    // Not a page link the element can tell is for another room.
    const given = this.#given;
    const token = !given || invite || !room || inviteRoom(given) === null || this.#signedRoom === room ? given : '';
    // With an `invite` of its own, the element's room: the server refuses an invite for another one.
    const forRoom = invite && room;
    const key = endpoint && tenant && token ? `${endpoint} ${tenant} ${forRoom} ${token}` : '';
    if (key !== this.#key) {
      this.#key = key;
      this.#request = [
        { endpoint, tenant },
        { invite: token, ...(forRoom ? { room } : {}) },
      ];
      this.#load(false);
    }
  }

  /** Ask again (after a failure). */
  retry(): void {
    this.#load(true);
    this.#host.requestUpdate();
  }

  /**
   * The server took `token`: if it is the page URL's invite, keep it for
   * joining again, and take it out of the address bar (the rest of the URL
   * stays), so that a moderator's link is not shared by mistake with the
   * page's address.
   */
  hold(token: string | undefined): void {
    if (!token || token !== hashInvite()) return;
    this.#held = token;
    const url = new URL(location.href);
    const fragment = new URLSearchParams(url.hash.slice(1));
    fragment.delete('invite');
    url.hash = fragment.size ? fragment.toString() : '';
    history.replaceState(history.state, '', url.href);
  }

  hostConnected(): void {
    // Back on the page after `hostDisconnected`: ask afresh.
    if (!this.#key) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#key = '';
  }

  #load(fresh: boolean): void {
    clearTimeout(this.#timer);
    const key = this.#key;
    if (!key) {
      this.check = { state: 'none' };
      return;
    }
    this.check = { state: 'checking' };
    fetchInviteInfo(...this.#request!, fresh).then(
      (info) => this.#show(key, info.notYetValid ? { state: 'early', info } : { state: 'valid', info }),
      (error: unknown) => {
        const code = error instanceof VereinApiError ? error.code : 'unknown';
        const status = error instanceof VereinApiError ? error.status : 0;
        // A token the server will not even read (too long) is as broken as a forged one.
        if (code === 'invalid_input' || code.startsWith('invite_'))
          this.#show(key, { state: 'refused', code: code === 'invalid_input' ? 'invite_invalid' : code, status });
        else this.#show(key, { state: 'failed', code, status });
      },
    );
  }

  #show(key: string, check: InviteCheck): void {
    if (key !== this.#key) return;
    this.check = check;
    if (check.state === 'early' && check.info.validFrom) {
      // Ask again at the start (by this device's clock; the server's decides, and asking early just waits once more).
      const wait = Math.min(MAX_DELAY, Math.max(1000, Date.parse(check.info.validFrom) - Date.now()));
      this.#timer = setTimeout(() => this.#load(true), wait);
    }
    this.#host.requestUpdate();
  }
}

/** The `#invite=` of the page URL, or ''. */
function hashInvite(): string {
  return new URLSearchParams(location.hash.slice(1)).get('invite') ?? '';
}

/**
 * What the invite opens, before the name is asked: the room's title, its
 * dates in the visitor's language and time zone, and the visitor's role.
 */
export function renderInvite(t: InviteMessages, locale: Locale, info: InviteInfo) {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
  return html`<div class="invite" part="invite">
    <p><strong>${info.title}</strong></p>
    ${
      info.dates.length
        ? html`<ul>
          ${info.dates.map((date) => html`<li>${format.formatRange(new Date(date.start), new Date(date.end))}</li>`)}
        </ul>`
        : nothing
    }
    <p>${info.role === 'moderator' ? t.asModerator : t.asAttendee}</p>
  </div>`;
}

/** When a not yet valid invite starts, for {@link InviteMessages.validFrom}: the weekday and time, with the date when it is more than six days away. */
export function startText(locale: Locale, validFrom: string): string {
  const start = new Date(validFrom);
  const far = start.getTime() - Date.now() > 6 * 86_400_000;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    ...(far ? { day: 'numeric', month: 'long' } : {}),
    hour: 'numeric',
    minute: '2-digit',
  }).format(start);
}
