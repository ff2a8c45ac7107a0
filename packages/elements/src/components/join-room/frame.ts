// What an embedded meeting's iframe gets, whichever conference server it
// shows (BigBlueButton as a plain iframe, Jitsi through its iframe API).

/** What a meeting's iframe may use (Permissions Policy): camera, microphone, screen sharing, sound, full screen, copying links. */
export const FEATURES = ['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen', 'clipboard-write'];

/**
 * An iframe that shows the meeting page at `url` (BigBlueButton's client),
 * allowed what a meeting needs, named `title`, sending no referrer. It has no
 * `sandbox` attribute: the client needs its scripts, its own origin's storage,
 * forms and popups.
 */
export function meetingFrame(url: string, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.allow = FEATURES.join('; ');
  frame.allowFullscreen = true;
  frame.title = title;
  frame.referrerPolicy = 'no-referrer';
  frame.src = url;
  return frame;
}

/**
 * Apple's WebKit: Safari, and every browser on iPhone and iPad. It blocks
 * third-party cookies, and BigBlueButton's client keeps its session in a
 * cookie of its own origin, which inside another site's page is a third-party
 * one. A page cannot ask whether a frame of another origin gets its cookies
 * (`document.hasStorageAccess()` answers for the page itself), so the engine
 * decides: there, BigBlueButton opens in a new tab.
 */
export function appleWebKit(): boolean {
  return /^Apple/.test(navigator.vendor);
}
