// Jitsi Meet's iframe API (`external_api.js`), loaded from the conference
// server only when a visitor joins an embedded meeting.
import { FEATURES } from './frame.js';

/** The part of `JitsiMeetExternalAPI` the join element uses. */
export interface JitsiMeetApi {
  addListener(event: string, listener: (data?: JitsiErrorEvent) => void): unknown;
  dispose(): void;
}

/** `new JitsiMeetExternalAPI(domain, options)`. */
export type JitsiMeetApiClass = new (domain: string, options: Record<string, unknown>) => JitsiMeetApi;

const loaded = new Map<string, Promise<JitsiMeetApiClass>>();

/**
 * Load `src` (a Jitsi server's `external_api.js`) once and resolve with the
 * `JitsiMeetExternalAPI` class it defines. Later calls for the same `src`
 * share the first load; a failed load is forgotten, so the next try loads again.
 */
export function loadJitsiApi(src: string): Promise<JitsiMeetApiClass> {
  let promise = loaded.get(src);
  if (!promise) {
    promise = new Promise<JitsiMeetApiClass>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      // The class is read right after this script ran: another server's script may replace the global later.
      script.onload = () => {
        const api = (window as { JitsiMeetExternalAPI?: JitsiMeetApiClass }).JitsiMeetExternalAPI;
        if (typeof api === 'function') resolve(api);
        else reject(new TypeError('no JitsiMeetExternalAPI'));
      };
      script.onerror = () => {
        script.remove();
        reject(new Error('not loaded'));
      };
      document.head.append(script);
    });
    loaded.set(src, promise);
    promise.catch(() => loaded.delete(src));
  }
  return promise;
}

/**
 * Let the iframe the API puts into `container` use what a meeting needs
 * ({@link FEATURES}), and give it a title. The `allow` list only
 * counts when the frame starts loading, so it is completed as the API inserts
 * the frame (`parentNode.appendChild`, as `JitsiMeetExternalAPI` does).
 */
export function grantOnInsert(container: HTMLElement, title: string): void {
  container.appendChild = <T extends Node>(node: T): T => {
    if (node instanceof HTMLIFrameElement) {
      // Features the API allowed already stay as they are; the first entry for a feature counts.
      node.allow = [node.allow, ...FEATURES].filter(Boolean).join('; ');
      node.title ||= title;
    }
    return HTMLElement.prototype.appendChild.call(container, node) as T;
  };
}

/** The payload of the iframe API's `errorOccurred` event: `{ error: { name, message, type, isFatal } }`. */
export interface JitsiErrorEvent {
  error?: { name?: string; isFatal?: boolean };
}

/**
 * Does this `errorOccurred` mean the visitor will not get into the meeting?
 * Jitsi marks a refused token (`connection.passwordRequired`, or
 * `conference.connectionError.notAllowed` for another room) as not fatal,
 * since its own page then asks for a password; inside our element nobody
 * could answer that.
 */
export function joinImpossible(data: JitsiErrorEvent | undefined): boolean {
  const error = data?.error;
  return (
    error?.isFatal === true ||
    /^(connection\.(passwordRequired|connectionError)|conference\.(connectionError|authenticationRequired))/.test(error?.name ?? '')
  );
}
