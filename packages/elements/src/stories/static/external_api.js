// The stories' stand-in for Jitsi Meet's external_api.js (served by Storybook
// as a static file, and by the test runner for the story tests). It shows a
// placeholder meeting in an iframe and reports the events the join element
// listens to. No network, no camera. A room name ending in `-blocked`
// reports a blocked camera after joining, one ending in `-broken` a fatal
// error, one ending in `-silent` never reports joining.
(() => {
  const TEXT = {
    de: { title: 'Beispiel-Besprechung', body: 'Hier wäre die Videokonferenz. Dies ist nur ein Platzhalter für Storybook.' },
    en: { title: 'Sample meeting', body: 'The video conference would be here. This is only a placeholder for Storybook.' },
  };

  class JitsiMeetExternalAPI {
    constructor(domain, { roomName = '', parentNode = document.body, width = '100%', height = '100%', lang = 'en' } = {}) {
      this.listeners = new Map();
      const text = TEXT[lang] ?? TEXT.en;
      const frame = document.createElement('iframe');
      // Like the real API: these features, no title (the embedding page gives one).
      frame.allow = 'camera; microphone; display-capture; autoplay; clipboard-write';
      frame.style.width = width;
      frame.style.height = height;
      frame.srcdoc = `<!doctype html><html lang="${lang}"><title>${text.title}</title>
        <body style="margin:0;display:grid;place-items:center;min-height:100vh;background:#1d2733;color:#fff;font:1rem/1.5 system-ui,sans-serif">
        <main style="padding:1rem;text-align:center"><h1>${text.title}</h1><p>${text.body}</p><p>${domain}/${roomName}</p></main>`;
      this.frame = parentNode.appendChild(frame);
      this.timer = setTimeout(() => {
        if (roomName.endsWith('-silent')) return;
        this.emit('videoConferenceJoined', { roomName, id: 'story', displayName: '' });
        if (roomName.endsWith('-blocked')) this.emit('cameraError', { type: 'gum.permission_denied', message: 'Camera blocked (story)' });
        if (roomName.endsWith('-broken'))
          this.emit('errorOccurred', {
            error: { name: 'conference.destroyed', message: 'Broken (story)', type: 'CONFERENCE', isFatal: true },
          });
      }, 300);
    }

    addListener(event, listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }

    emit(event, data) {
      for (const listener of this.listeners.get(event) ?? []) listener(data);
    }

    getIFrame() {
      return this.frame;
    }

    dispose() {
      clearTimeout(this.timer);
      this.listeners.clear();
      this.frame.remove();
    }
  }

  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
