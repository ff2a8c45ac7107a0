import type { Embed, JitsiEmbed, JoinUrlResponse, Role } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { RoomAddress } from '../../api/client.js';
import { VereinJoinedEvent, VereinLeftEvent } from '../../events.js';
import type { ChatMessages } from '../../i18n/chat.js';
import type { JoinMessages } from '../../i18n/messages.js';
import { latestRun } from '../../internal/latest.js';
import { appleWebKit, meetingFrame } from './frame.js';
import { grantOnInsert, type JitsiErrorEvent, type JitsiMeetApi, joinImpossible, loadJitsiApi } from './jitsi.js';

/** The join element, as far as its meeting is concerned. */
export type MeetingHost = ReactiveElement & { target: '_blank' | '_self' | 'embed'; joinTimeout: number; state: string };

/** Why an embedded meeting offers to open in a new tab instead: the message to show. */
type Fallback = 'embedFailed' | 'embedDevices' | 'embedSlow';

/**
 * The meeting once the server gave its URL, opened where the element's
 * `target` says: a new tab (after a click; else a big link, as browsers block
 * tabs nobody asked for), this tab, or inside the element. It sets the
 * element's state (`ready`, `opened`, `embedding`, `embedded`), says
 * `verein-joined` and `verein-left`, and renders the status and link of
 * those states.
 *
 * Inside the element (`target="embed"`; where the server offers no
 * embedding, and for BigBlueButton on Apple's WebKit, a new tab instead),
 * BigBlueButton is an iframe of its join URL and Jitsi comes through its
 * iframe API, loaded from the meeting's own server. The controller renders
 * the meeting region (its title, leave and full-screen buttons, the new-tab
 * link, the box for the frame), starts the join timer (after `joinTimeout`
 * without word that the visitor is in, it says so beside the new-tab link),
 * listens to the meeting (the iframe API's events; BigBlueButton's messages,
 * and the `{ vereinsraum: 'left' }` of the server's `/v1/left` page), follows
 * full screen, offers the new tab where the meeting cannot work in the page,
 * and closes all of it again: on {@link close}, when the visitor leaves, and
 * when the element leaves the page. A script that loads after the visitor
 * left is not used.
 */
export class MeetingController implements ReactiveController {
  readonly #host: MeetingHost;
  readonly #address: () => RoomAddress;
  readonly #moveFocus: (selector: string) => void;
  /** After the visitor left an embedded meeting: the element shows its button again. */
  readonly #left: () => void;
  #url = '';
  #role: Role = 'attendee';
  /** Why an embedded meeting offers the new tab (`null`: it works). */
  #fallback: Fallback | null = null;
  /** The meeting region is shown on the whole screen. */
  #fullscreen = false;
  /** The latest meeting embedded: one still loading when the visitor left is dropped. */
  readonly #runs = latestRun();
  /** The embedded meeting, while there is one: Jitsi's iframe API, or BigBlueButton's iframe. */
  #jitsi?: JitsiMeetApi;
  #frame?: HTMLIFrameElement;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: MeetingHost, address: () => RoomAddress, moveFocus: (selector: string) => void, left: () => void) {
    this.#host = host;
    this.#address = address;
    this.#moveFocus = moveFocus;
    this.#left = left;
    host.addController(this);
  }

  /**
   * Open the meeting of the server's `answer`; `gesture` says the visitor just
   * clicked (a new tab may open). `title` names an embedded meeting, `lang`
   * is its language.
   */
  open({ url, role, embed }: JoinUrlResponse, gesture: boolean, title: string, lang: string): void {
    const host = this.#host;
    this.#url = url;
    this.#role = role;
    this.#fallback = null;
    // Bring focus to the meeting or its link, unless the visitor is busy elsewhere on the page.
    const focus = gesture || host.matches(':focus-within');
    if (host.target === 'embed' && embed && !(embed.type === 'iframe' && appleWebKit())) {
      host.state = 'embedding';
      if (focus) this.#moveFocus('#meeting-title');
      void this.#embed(url, embed, title, lang);
    } else if (host.target === '_self') {
      this.#joined('_self');
      window.location.assign(url);
    } else {
      // Without a recent click the browser blocks new tabs: a link instead.
      const tab = gesture ? window.open(url, '_blank') : null;
      if (tab) tab.opener = null;
      host.state = tab ? 'opened' : 'ready';
      if (focus) this.#moveFocus('a[part="link"]');
      if (tab) this.#joined('_blank');
    }
  }

  /** Close an embedded meeting (its frame or API, the timer, the listeners, full screen), and forget why it could not work. */
  close(): void {
    this.#runs();
    clearTimeout(this.#timer);
    this.#jitsi?.dispose();
    this.#jitsi = undefined;
    removeEventListener('message', this.#heard);
    document.removeEventListener('fullscreenchange', this.#fullscreenChanged);
    this.#frame?.remove();
    this.#frame = undefined;
    // The region goes with the meeting, and with it the full screen.
    this.#fullscreen = false;
    this.#fallback = null;
  }

  hostDisconnected(): void {
    this.close();
  }

  /** The status of the meeting's states, with its link (`message` shows a text); `chat`: the texts of a chat room's channel. */
  status(t: JoinMessages, message: (text: string) => TemplateResult, chat?: ChatMessages) {
    const state = this.#host.state;
    const fallback = this.#fallback && t[this.#fallback];
    if (state === 'opened') return html`${message(chat?.opened ?? t.opened)}${this.#link(t, t.openAgain)}`;
    if (state !== 'ready' && state !== 'embedding' && state !== 'embedded') return nothing;
    // An embedded meeting that cannot work here says why (`fallback`); its region holds the new-tab link, or in its place (`ready`) this one.
    return html`${message(fallback || { ready: chat?.ready ?? t.ready, embedding: t.joining, embedded: t.embedJoined }[state])}
    ${state === 'ready' ? (fallback ? this.#link(t, t.openInTab, false) : this.#link(t, chat?.openChat ?? t.openMeeting)) : nothing}`;
  }

  /** The region of an embedded meeting (in its states): its title, leave and full-screen buttons, the new-tab link, the box for its frame. */
  region(t: JoinMessages) {
    const state = this.#host.state;
    return state === 'embedding' || state === 'embedded'
      ? html`<section class="meeting" part="meeting" aria-labelledby="meeting-title">
          <div class="actions">
            <p id="meeting-title" class="message" tabindex="-1"><strong>${t.meeting}</strong></p>
            <button class="button secondary" type="button" @click=${this.#leave}>${t.leave}</button>
            ${
              document.fullscreenEnabled
                ? html`<button class="button secondary" type="button" aria-pressed=${this.#fullscreen} @click=${this.#toggleFullscreen}>${t.fullscreen}</button>`
                : nothing
            }
            ${this.#link(t, t.openInTab, false)}
          </div>
          <div class="frame" part="meeting-frame"></div>
        </section>`
      : nothing;
  }

  /** Inside the element: BigBlueButton's iframe, or Jitsi's iframe API. */
  async #embed(url: string, embed: Embed, title: string, lang: string): Promise<void> {
    this.close();
    const current = this.#runs();
    document.addEventListener('fullscreenchange', this.#fullscreenChanged);
    this.#timer = setTimeout(() => this.#trouble('embedSlow'), this.#host.joinTimeout);
    try {
      if (embed.type === 'jitsi') await this.#embedJitsi(url, embed, title, lang, current);
      else {
        // BigBlueButton's client tells the page it is ready with a message (`{ response: 'readyToConnect' }`); a frame the browser refused, or a client that cannot start, sends none.
        await this.#host.updateComplete;
        if (!current()) return;
        this.#frame = meetingFrame(url, title);
        addEventListener('message', this.#heard);
        this.#box().append(this.#frame);
      }
    } catch {
      if (current()) this.#trouble('embedFailed');
    }
  }

  /** Jitsi: its iframe API, loaded from the meeting's own server. */
  async #embedJitsi(url: string, embed: JitsiEmbed, title: string, lang: string, current: () => boolean): Promise<void> {
    const server = new URL(url);
    const Api = await loadJitsiApi(new URL('/external_api.js', server).href);
    if (!current()) return;
    await this.#host.updateComplete;
    const parentNode = this.#box();
    grantOnInsert(parentNode, title);
    const api = (this.#jitsi = new Api(embed.domain, {
      roomName: embed.roomName,
      jwt: embed.jwt,
      parentNode,
      width: '100%',
      height: '100%',
      lang,
      noSSL: server.protocol === 'http:',
    }));
    // A disposed API sends nothing more: its iframe is gone.
    const on = (event: string, listener: (data?: JitsiErrorEvent) => void) => api.addListener(event, listener);
    on('videoConferenceJoined', this.#inside);
    on('videoConferenceLeft', this.#leave);
    on('readyToClose', this.#leave);
    on('cameraError', () => this.#trouble('embedDevices'));
    on('micError', () => this.#trouble('embedDevices'));
    on('errorOccurred', (data) => joinImpossible(data) && this.#trouble('embedFailed'));
  }

  /** The box the region holds for the meeting's iframe. */
  #box(): HTMLElement {
    return this.#host.renderRoot.querySelector<HTMLElement>('.frame')!;
  }

  /** The link that opens the meeting: in a new tab (`hint` says so to screen readers), or with `target="_self"` in this one. */
  #link(t: JoinMessages, label: string, hint = this.#host.target !== '_self') {
    const target = this.#host.target === '_self' ? '_self' : '_blank';
    return html`<a class="button" part="link" href=${this.#url} target=${target} rel="noopener noreferrer" @click=${this.#linkOpened}
      >${label}${hint ? html`<span class="visually-hidden"> ${t.newTab}</span>` : nothing}</a
    >`;
  }

  #joined(target: '_blank' | '_self' | 'embed'): void {
    const { tenant, room } = this.#address();
    this.#host.dispatchEvent(new VereinJoinedEvent({ tenant, room, role: this.#role, target }));
  }

  /**
   * A problem of the embedded meeting: `embedFailed` (it cannot work in the
   * page: it closes, and the new tab is offered), `embedDevices` (camera or
   * microphone blocked), `embedSlow` (no word that the visitor is in after
   * the join timeout; unless something worse was said).
   */
  #trouble(why: Fallback): void {
    const host = this.#host;
    if (why === 'embedFailed') {
      this.close();
      host.state = 'ready';
      if (host.matches(':focus-within')) this.#moveFocus('a[part="link"]');
    }
    this.#fallback = why === 'embedSlow' ? this.#fallback || why : why;
    host.requestUpdate();
  }

  /** The embedded meeting says the visitor is in. */
  readonly #inside = (): void => {
    clearTimeout(this.#timer);
    if (this.#fallback === 'embedSlow') this.#fallback = null;
    this.#host.state = 'embedded';
    this.#joined('embed');
  };

  /** The visitor left the embedded meeting: close it, tell the page, show the button again. */
  readonly #leave = (): void => {
    this.close();
    const { tenant, room } = this.#address();
    this.#host.dispatchEvent(new VereinLeftEvent({ tenant, room }));
    this.#left();
  };

  readonly #linkOpened = (): void => {
    const host = this.#host;
    const { state, target } = host;
    if (state !== 'ready' && state !== 'embedding' && state !== 'embedded') return;
    // The meeting moves from the page to a new tab: the embedded one closes.
    this.close();
    if (state !== 'embedded') this.#joined(target === '_self' ? '_self' : '_blank');
    if (target !== '_self') host.state = 'opened';
  };

  /**
   * A message from our frame: BigBlueButton's client (any `{ response }`):
   * it runs, the visitor is in; or the server's page the meeting leaves to
   * (`{ vereinsraum: 'left' }` from the endpoint's origin): the visitor left.
   */
  readonly #heard = (event: MessageEvent): void => {
    if (event.source !== this.#frame?.contentWindow) return;
    const data = event.data as { response?: unknown; vereinsraum?: unknown } | null;
    if (data?.vereinsraum === 'left' && event.origin === new URL(this.#address().endpoint, document.baseURI).origin) this.#leave();
    else if (this.#host.state === 'embedding' && typeof data?.response === 'string') this.#inside();
  };

  readonly #toggleFullscreen = (): void => {
    const change = this.#fullscreen ? document.exitFullscreen() : this.#host.renderRoot.querySelector('.meeting')!.requestFullscreen();
    // Refused (e.g. by the page's Permissions Policy): nothing changes, and the button says so.
    change.catch(() => undefined);
  };

  /** On the document: the browser leaves full screen by itself too (Escape), and says so there. */
  readonly #fullscreenChanged = (): void => {
    this.#fullscreen = !!(this.#host.renderRoot as ShadowRoot).fullscreenElement;
    this.#host.requestUpdate();
  };
}
