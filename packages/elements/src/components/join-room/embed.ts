import type { Embed, JitsiEmbed } from '@vereinsraum/protocol';
import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import { latestRun } from '../../internal/latest.js';
import { meetingFrame } from './frame.js';
import { grantOnInsert, type JitsiErrorEvent, type JitsiMeetApi, joinImpossible, loadJitsiApi } from './jitsi.js';

/** Why an embedded meeting offers to open in a new tab instead: the message to show. */
export type Fallback = 'embedFailed' | 'embedDevices' | 'embedSlow';

/** What the embedded meeting tells the join element. */
export interface EmbedEvents {
  /** The meeting says the visitor is in. */
  joined(): void;
  /** The visitor left: hung up in Jitsi, left BigBlueButton (its page `/v1/left` says so), or pressed the leave button. */
  left(): void;
  /**
   * A problem: `embedFailed` (the meeting cannot work in the page; it is
   * closed already), `embedDevices` (camera or microphone blocked), `embedSlow`
   * (no word that the visitor is in after the join timeout).
   */
  trouble(why: Fallback): void;
}

/** The meeting to show: where, and in which language. */
export interface EmbedOptions {
  /** The join URL. */
  url: string;
  embed: Embed;
  /** The iframe's title: the meeting region's name. */
  title: string;
  lang: string;
  /** The server helper's URL: only its page may say that the visitor left. */
  endpoint: string;
  /** How long the meeting may take to say the visitor is in, in ms. */
  timeout: number;
}

/**
 * A meeting inside `<verein-join-room>` (`target="embed"`): BigBlueButton as an
 * iframe of its join URL, Jitsi through its iframe API loaded from the
 * meeting's own server. It renders the meeting region (its title, leave and
 * full-screen buttons, the new-tab link the element gives, and the box for
 * the frame), starts the join timer, listens to the meeting (the iframe API's
 * events; BigBlueButton's messages, and the `{ vereinsraum: 'left' }` of the
 * server's `/v1/left` page), follows full screen, and closes all of it
 * again: on {@link close}, when the visitor leaves, and when the element
 * leaves the page. A script that loads after the visitor left is not used.
 */
export class EmbedController implements ReactiveController {
  /** The meeting region is shown on the whole screen. */
  fullscreen = false;

  /** The latest meeting opened: one still loading when the visitor left is dropped. */
  readonly #runs = latestRun();
  /** The embedded meeting, while there is one: Jitsi's iframe API, or BigBlueButton's iframe. */
  #jitsi?: JitsiMeetApi;
  #frame?: HTMLIFrameElement;
  /** The visitor is in the meeting. */
  #inMeeting = false;
  #timer?: ReturnType<typeof setTimeout>;
  #endpoint = '';

  readonly #host: ReactiveElement;
  readonly #events: EmbedEvents;

  constructor(
    host: ReactiveElement,
    events: EmbedEvents,
  ) {
    this.#host = host;
    this.#events = events;
    host.addController(this);
  }

  /** Open the meeting in the region the host renders with {@link render} (never before the visitor agreed and asked to join). */
  async open({ url, embed, title, lang, endpoint, timeout }: EmbedOptions): Promise<void> {
    this.close();
    const current = this.#runs();
    this.#endpoint = endpoint;
    document.addEventListener('fullscreenchange', this.#fullscreenChanged);
    this.#timer = setTimeout(() => this.#inMeeting || this.#events.trouble('embedSlow'), timeout);
    try {
      if (embed.type === 'jitsi') await this.#openJitsi(url, embed, title, lang, current);
      else {
        // BigBlueButton's client tells the page it is ready with a message (`{ response: 'readyToConnect' }`); a frame the browser refused, or a client that cannot start, sends none.
        await this.#host.updateComplete;
        if (!current()) return;
        this.#frame = meetingFrame(url, title);
        addEventListener('message', this.#heard);
        this.#box().append(this.#frame);
      }
    } catch {
      if (!current()) return;
      this.close();
      this.#events.trouble('embedFailed');
    }
  }

  /** Close the meeting (if any): its frame or API, the timer, the listeners, full screen. */
  close(): void {
    this.#runs();
    this.#inMeeting = false;
    clearTimeout(this.#timer);
    this.#jitsi?.dispose();
    this.#jitsi = undefined;
    removeEventListener('message', this.#heard);
    document.removeEventListener('fullscreenchange', this.#fullscreenChanged);
    this.#frame?.remove();
    this.#frame = undefined;
    // The region goes with the meeting, and with it the full screen.
    this.fullscreen = false;
  }

  hostDisconnected(): void {
    this.close();
  }

  /** The meeting region, with `link` (the element's new-tab link) beside the leave and full-screen buttons. */
  render(t: Messages, link: TemplateResult): TemplateResult {
    return html`<section class="meeting" part="meeting" aria-labelledby="meeting-title">
      <div class="actions">
        <p id="meeting-title" class="message" tabindex="-1"><strong>${t.meeting}</strong></p>
        <button class="button secondary" type="button" @click=${this.#events.left}>${t.leave}</button>
        ${document.fullscreenEnabled
          ? html`<button class="button secondary" type="button" aria-pressed=${this.fullscreen} @click=${this.#toggleFullscreen}>${t.fullscreen}</button>`
          : nothing}
        ${link}
      </div>
      <div class="frame" part="meeting-frame"></div>
    </section>`;
  }

  /** Jitsi: its iframe API, loaded from the meeting's own server. */
  async #openJitsi(url: string, embed: JitsiEmbed, title: string, lang: string, current: () => boolean): Promise<void> {
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
    on('videoConferenceJoined', this.#joined);
    on('videoConferenceLeft', this.#events.left);
    on('readyToClose', this.#events.left);
    on('cameraError', () => this.#events.trouble('embedDevices'));
    on('micError', () => this.#events.trouble('embedDevices'));
    on('errorOccurred', (data) => {
      if (!joinImpossible(data)) return;
      this.close();
      this.#events.trouble('embedFailed');
    });
  }

  /** The box the host renders for the meeting's iframe. */
  #box(): HTMLElement {
    return this.#host.renderRoot.querySelector<HTMLElement>('.frame')!;
  }

  readonly #joined = (): void => {
    clearTimeout(this.#timer);
    this.#inMeeting = true;
    this.#events.joined();
  };

  /**
   * A message from our frame: BigBlueButton's client (any `{ response }`):
   * it runs, the visitor is in; or the server's page the meeting leaves to
   * (`{ vereinsraum: 'left' }` from the endpoint's origin): the visitor left.
   */
  readonly #heard = (event: MessageEvent): void => {
    if (event.source !== this.#frame?.contentWindow) return;
    const data = event.data as { response?: unknown; vereinsraum?: unknown } | null;
    if (data?.vereinsraum === 'left' && event.origin === new URL(this.#endpoint, document.baseURI).origin) this.#events.left();
    else if (!this.#inMeeting && typeof data?.response === 'string') this.#joined();
  };

  readonly #toggleFullscreen = (): void => {
    const change = this.fullscreen ? document.exitFullscreen() : this.#host.renderRoot.querySelector('.meeting')!.requestFullscreen();
    // Refused (e.g. by the page's Permissions Policy): nothing changes, and the button says so.
    change.catch(() => undefined);
  };

  /** On the document: the browser leaves full screen by itself too (Escape), and says so there. */
  readonly #fullscreenChanged = (): void => {
    this.fullscreen = !!(this.#host.renderRoot as ShadowRoot).fullscreenElement;
    this.#host.requestUpdate();
  };
}
