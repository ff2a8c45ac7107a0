/**
 * The sandbox's `/external_api.js`: a small stand-in for Jitsi Meet's iframe
 * API with the same constructor and the same event names and payloads, for
 * the events the sandbox can produce. Written for the sandbox; it shares no
 * code with Jitsi's. Like the real API it sets no iframe `title`; its `allow`
 * list adds `fullscreen` to the real one.
 *
 * Protocol with the meeting page (both sides check origins and the source window):
 * - API -> page, on every iframe load: `{ jitsiSandbox: 1, scope, type: 'hello' }`
 *   (the page answers only to the window and origin that said hello);
 * - page -> API: `{ jitsiSandbox: 1, scope, type: 'event', data: { name, ...payload } }`;
 * - API -> page: `{ jitsiSandbox: 1, scope, type: 'command', name }`.
 */
export const EXTERNAL_API_JS = `/* Vereinsraum sandbox: stand-in for Jitsi Meet's external_api.js. Not a conference client. */
(function () {
  'use strict';
  var current = document.currentScript;
  var scriptOrigin = current && current.src ? new URL(current.src, location.href).origin : null;
  var EVENTS = {
    'video-conference-joined': 'videoConferenceJoined',
    'video-conference-left': 'videoConferenceLeft',
    'video-ready-to-close': 'readyToClose',
    'camera-error': 'cameraError',
    'mic-error': 'micError',
    'error-occurred': 'errorOccurred',
    'participant-joined': 'participantJoined',
    'participant-left': 'participantLeft'
  };
  var COMMANDS = { hangup: 'video-hangup' };
  var nextId = 0;

  function parseArguments(args) {
    var first = args[0];
    if (first === undefined) return {};
    if (typeof first === 'object' && first !== null) return first;
    if (typeof first === 'string') {
      return {
        roomName: args[0], width: args[1], height: args[2], parentNode: args[3],
        configOverwrite: args[4], interfaceConfigOverwrite: args[5], jwt: args[7], onload: args[8]
      };
    }
    throw new Error("Can't parse the arguments!");
  }

  function sizeValue(value) {
    if (typeof value === 'number') return value + 'px';
    if (typeof value === 'string' && /^([0-9]*\\.?[0-9]+)(em|pt|px|%|vh|vw)$/.test(value)) return value;
    return undefined;
  }

  function roomPath(roomName) {
    return String(roomName || '').split('/').filter(function (s) { return s !== ''; })
      .map(function (s) { return encodeURIComponent(s); }).join('/');
  }

  function hashEntries(prefix, values) {
    var out = [];
    if (!values || typeof values !== 'object') return out;
    Object.keys(values).forEach(function (key) {
      var json;
      try { json = JSON.stringify(values[key]); } catch (e) { return; }
      if (json !== undefined) out.push(prefix + '.' + encodeURIComponent(key) + '=' + encodeURIComponent(json));
    });
    return out;
  }

  class JitsiMeetExternalAPI {
    constructor(domain) {
      var options = parseArguments(Array.prototype.slice.call(arguments, 1));
      var id = nextId++;
      this._scope = 'jitsi_meet_external_api_' + id;
      this._origin = scriptOrigin || 'http://' + domain;
      if (scriptOrigin && typeof domain === 'string' && new URL(scriptOrigin).host !== domain) {
        console.warn('JitsiMeetExternalAPI (sandbox): domain "' + domain + '" differs from the script\\'s host; using ' + scriptOrigin);
      }
      this._listeners = new Map();
      var hash = ['jitsi_meet_external_api_id=' + id];
      if (options.lang) hash.push('lang=' + encodeURIComponent(String(options.lang)));
      hash = hash.concat(hashEntries('config', options.configOverwrite), hashEntries('interfaceConfig', options.interfaceConfigOverwrite));
      var query = options.jwt ? '?jwt=' + encodeURIComponent(String(options.jwt)) : '';
      this._url = this._origin + '/' + roomPath(options.roomName) + query + '#' + hash.join('&');

      var frame = document.createElement('iframe');
      frame.allow = 'camera; microphone; display-capture; autoplay; clipboard-write; fullscreen';
      frame.name = 'jitsiConferenceFrame' + id;
      frame.id = frame.name;
      // Like the real API, no title: the embedding page gives the frame its (translated) title.
      frame.setAttribute('allowfullscreen', 'true');
      frame.style.border = '0';
      var width = sizeValue(options.width === undefined ? '100%' : options.width);
      var height = sizeValue(options.height === undefined ? '100%' : options.height);
      if (width) frame.style.width = width;
      if (height) frame.style.height = height;
      frame.src = this._url;

      var self = this;
      this._onMessage = function (event) { self._receive(event); };
      window.addEventListener('message', this._onMessage);
      frame.addEventListener('load', function () { self._post({ type: 'hello' }); });
      if (typeof options.onload === 'function') frame.onload = options.onload;
      this._frame = (options.parentNode || document.body).appendChild(frame);
    }

    _post(message) {
      var target = this._frame && this._frame.contentWindow;
      if (!target) return;
      message.jitsiSandbox = 1;
      message.scope = this._scope;
      target.postMessage(message, this._origin);
    }

    _receive(event) {
      if (!this._frame || event.source !== this._frame.contentWindow || event.origin !== this._origin) return;
      var m = event.data;
      if (!m || typeof m !== 'object' || m.jitsiSandbox !== 1 || m.scope !== this._scope || m.type !== 'event') return;
      if (!m.data || typeof m.data !== 'object' || typeof m.data.name !== 'string') return;
      var eventName = Object.prototype.hasOwnProperty.call(EVENTS, m.data.name) ? EVENTS[m.data.name] : undefined;
      if (!eventName) return;
      var payload = {};
      Object.keys(m.data).forEach(function (key) { if (key !== 'name') payload[key] = m.data[key]; });
      this.emit(eventName, payload);
    }

    addListener(event, listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      var list = this._listeners.get(event) || [];
      list.push(listener);
      this._listeners.set(event, list);
      return this;
    }

    on(event, listener) { return this.addListener(event, listener); }

    addEventListener(event, listener) { this.addListener(event, listener); }

    addEventListeners(listeners) {
      Object.keys(listeners || {}).forEach(function (event) { this.addListener(event, listeners[event]); }, this);
    }

    once(event, listener) {
      var self = this;
      function wrapper(data) { self.removeListener(event, wrapper); listener.call(self, data); }
      return this.addListener(event, wrapper);
    }

    removeListener(event, listener) {
      var list = this._listeners.get(event);
      if (list) {
        var index = list.lastIndexOf(listener);
        if (index !== -1) list.splice(index, 1);
      }
      return this;
    }

    off(event, listener) { return this.removeListener(event, listener); }

    removeEventListener(event, listener) { this.removeListener(event, listener); }

    removeAllListeners(event) {
      if (event === undefined) this._listeners.clear();
      else this._listeners.delete(event);
      return this;
    }

    emit(event, data) {
      var list = (this._listeners.get(event) || []).slice();
      list.forEach(function (listener) {
        try { listener.call(this, data); } catch (error) { console.error(error); }
      }, this);
      return list.length > 0;
    }

    executeCommand(name) {
      var command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
      if (!command) {
        console.warn('JitsiMeetExternalAPI (sandbox): command "' + name + '" is not supported by the sandbox');
        return;
      }
      this._post({ type: 'command', name: command });
    }

    executeCommands(commands) {
      Object.keys(commands || {}).forEach(function (name) { this.executeCommand(name, commands[name]); }, this);
    }

    getIFrame() { return this._frame; }

    dispose() {
      window.removeEventListener('message', this._onMessage);
      this._listeners.clear();
      if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
      this._frame = undefined;
    }
  }

  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
`;
