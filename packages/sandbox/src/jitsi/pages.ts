/**
 * HTML of the Jitsi sandbox: the meeting page, the refusal page, a home page.
 * Plain, bilingual (English and German), everything escaped. The pages can
 * be framed by any site (Jitsi is embedded with an iframe); otherwise the
 * Content-Security-Policy is strict: one constant script and one style, by hash.
 */
import { BASE_STYLE, escapeText as esc, hashSource, page } from '../http.js';
import type { PageParts } from '../http.js';
import type { JitsiOccupant, JitsiRoom } from './rooms.js';
import type { JitsiRefusal } from './token.js';

const STYLE = `${BASE_STYLE}.alert{border-left:4px solid #a4000f;padding:.5rem 1rem;background:#fde8ea}
button{font:inherit;padding:.4rem 1rem;border:2px solid #1a1a1a;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
code{overflow-wrap:anywhere}
`;

// Constant, so its hash in the Content-Security-Policy allows exactly this
// script. It reads what it needs from data attributes of #jitsi and renders
// only with textContent.
const SCRIPT = `
(() => {
  const root = document.getElementById('jitsi');
  if (!root) return;
  const d = root.dataset;
  const queue = [];
  let parentOrigin = null;
  let scope = null;
  let inside = d.state === 'joined';

  function send(data) {
    if (window.parent === window) return;
    if (parentOrigin === null) { queue.push(data); return; }
    window.parent.postMessage({ jitsiSandbox: 1, scope, type: 'event', data }, parentOrigin === 'null' ? '*' : parentOrigin);
  }

  window.addEventListener('message', (event) => {
    if (window.parent === window || event.source !== window.parent) return;
    const m = event.data;
    if (!m || typeof m !== 'object' || m.jitsiSandbox !== 1 || typeof m.scope !== 'string') return;
    if (m.type === 'hello') {
      if (parentOrigin !== null) return;
      parentOrigin = event.origin;
      scope = m.scope;
      queue.splice(0).forEach(send);
      return;
    }
    if (event.origin !== parentOrigin || m.scope !== scope) return;
    if (m.type === 'command' && m.name === 'video-hangup') leave();
  });

  const leaveUrl = '/_sandbox/sessions/' + encodeURIComponent(d.session || '') + '/leave';
  async function leave() {
    if (!inside) return;
    inside = false;
    try { await fetch(leaveUrl, { method: 'POST', redirect: 'manual', cache: 'no-store' }); } catch {}
    const status = document.getElementById('status');
    if (status) status.textContent = 'You have left the meeting. / Du hast das Meeting verlassen.';
    const form = document.getElementById('leave-form');
    if (form) form.remove();
    send({ name: 'video-conference-left', roomName: d.room });
    send({ name: 'video-ready-to-close' });
  }

  if (d.state === 'refused') {
    const error = { name: d.errorName, message: d.errorMessage, type: d.errorType, isFatal: false };
    if (d.errorDetail) error.details = { detail: d.errorDetail };
    send({ name: 'error-occurred', error });
    return;
  }
  if (d.state !== 'joined') return;

  send({ name: 'video-conference-joined', roomName: d.room, id: d.userId, displayName: d.displayName, avatarURL: '', breakoutRoom: false });
  if (d.deviceFailure === 'true') {
    send({ name: 'camera-error', type: 'gum.permission_denied', message: 'Camera access was denied (simulated by the sandbox).' });
    send({ name: 'mic-error', type: 'gum.permission_denied', message: 'Microphone access was denied (simulated by the sandbox).' });
  }
  const form = document.getElementById('leave-form');
  if (form) form.addEventListener('submit', (event) => { event.preventDefault(); leave(); });
  window.addEventListener('pagehide', () => {
    if (inside) { inside = false; navigator.sendBeacon(leaveUrl); }
  });

  const list = document.querySelector('[data-testid="participants"]');
  const roleText = (role) => role === 'moderator' ? 'moderator' : 'participant';
  async function refresh() {
    if (!inside) return;
    try {
      const res = await fetch('/_sandbox/sessions/' + encodeURIComponent(d.session || '') + '/state', { cache: 'no-store' });
      if (!res.ok) return;
      const state = await res.json();
      list.replaceChildren(...state.participants.map((p) => {
        const li = document.createElement('li');
        li.textContent = p.displayName + ' (' + roleText(p.role) + ')';
        return li;
      }));
    } catch {}
  }
  setInterval(refresh, 2000);
})();
`;

/**
 * Content-Security-Policy of every Jitsi sandbox page. No `frame-ancestors`:
 * Jitsi Meet is made to be embedded.
 */
export const JITSI_CSP = [
  "default-src 'self'",
  `script-src ${hashSource(SCRIPT)}`,
  `style-src ${hashSource(STYLE)}`,
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const BANNER: PageParts['banner'] = ['Jitsi-Sandbox – kein echter Konferenzserver', 'Jitsi sandbox – not a real conference server'];

/** A page whose `<main id="jitsi">` carries `data` for the script. */
function layout(title: string, body: string, data: Record<string, string>): string {
  const attributes = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  return page({ title, style: STYLE, banner: BANNER, body, main: ` id="jitsi"${attributes}`, script: SCRIPT });
}

/** Room as shown: `tenant/room` or `room`. */
export function roomLabel(room: JitsiRoom): string {
  return room.tenant === undefined ? room.name : `${room.tenant}/${room.name}`;
}

function participantItems(room: JitsiRoom): string {
  return room.occupants.map((o) => `<li>${esc(o.displayName)} (${o.role})</li>`).join('');
}

/** The meeting page of someone whose token was accepted (or who has left since). */
export function jitsiMeetingPage(occupant: JitsiOccupant, deviceFailure: boolean): string {
  const room = occupant.room;
  const roleDe = occupant.role === 'moderator' ? 'Moderator·in' : 'Teilnehmer·in';
  const status = occupant.left ? 'You have left the meeting. / Du hast das Meeting verlassen.' : '';
  const device =
    deviceFailure && !occupant.left
      ? `<p class="alert" role="alert" data-testid="device-error">Camera and microphone could not be started (simulated). / <span lang="de">Kamera und Mikrofon konnten nicht gestartet werden (simuliert).</span></p>`
      : '';
  return layout(
    `${roomLabel(room)} – Jitsi sandbox`,
    `<h1>Room / Raum: <span data-testid="room-name">${esc(room.name)}</span></h1>
${room.tenant === undefined ? '' : `<p>Tenant / Mandant: <code data-testid="tenant">${esc(room.tenant)}</code></p>\n`}<p>You are <strong data-testid="user-name">${esc(occupant.displayName)}</strong> (<span data-testid="user-role">${occupant.role}</span>).</p>
<p lang="de">Du bist <strong>${esc(occupant.displayName)}</strong> (${roleDe}).</p>
<p id="status" role="status">${status}</p>
${device}
<h2 id="participants-heading">Who is inside / Wer ist da</h2>
<ul data-testid="participants" aria-labelledby="participants-heading">${participantItems(room)}</ul>
${
  occupant.left
    ? ''
    : `<form id="leave-form" method="post" action="/_sandbox/sessions/${encodeURIComponent(occupant.sessionToken)}/leave"><button type="submit" data-testid="leave">Leave / Verlassen</button></form>`
}`,
    {
      state: occupant.left ? 'left' : 'joined',
      session: occupant.sessionToken,
      room: room.name,
      'user-id': occupant.id,
      'display-name': occupant.displayName,
      'device-failure': String(deviceFailure),
    },
  );
}

/** The error the iframe API reports for a refusal, shaped like Jitsi Meet's. */
export function refusalError(refusal: JitsiRefusal): { name: string; message: string; type: string; isFatal: false } {
  // A token refused at login is a connection error (JitsiConnectionErrors.PASSWORD_REQUIRED, with
  // Prosody's SASL text as message); a room refused by the MUC is a conference error. Jitsi Meet
  // does not count either as fatal (isFatalJitsiConnectionError / isFatalJitsiConferenceError).
  return refusal.stage === 'connection'
    ? { name: 'connection.passwordRequired', message: refusal.reason, type: 'CONNECTION', isFatal: false }
    : { name: 'conference.connectionError.notAllowed', message: refusal.reason, type: 'CONFERENCE', isFatal: false };
}

/** The page for a refused token (sent with status 403). */
export function jitsiRefusedPage(roomName: string, refusal: JitsiRefusal): string {
  const error = refusalError(refusal);
  return layout(
    'Access denied – Jitsi sandbox',
    `<h1>Access denied / <span lang="de">Zugang verweigert</span></h1>
<p>Jitsi would not let you into <code>${esc(roomName)}</code>. / <span lang="de">Jitsi würde dich nicht in diesen Raum lassen.</span></p>
<p class="alert" role="alert">Reason / <span lang="de">Grund</span>: <strong data-testid="auth-error">${esc(refusal.reason)}</strong></p>
${refusal.detail === undefined ? '' : `<p data-testid="auth-error-detail">${esc(refusal.detail)}</p>\n`}<p>Stage / <span lang="de">Stufe</span>: <code data-testid="auth-error-stage">${refusal.stage}</code></p>`,
    {
      state: 'refused',
      room: roomName,
      'error-name': error.name,
      'error-message': error.message,
      'error-type': error.type,
      ...(refusal.detail === undefined ? {} : { 'error-detail': refusal.detail }),
    },
  );
}

/** The Jitsi sandbox's home page: what this is, and the rooms with people inside. */
export function jitsiHomePage(rooms: readonly JitsiRoom[], xmppDomain: string): string {
  const rows = rooms.map((r) => `<li><code>${esc(roomLabel(r))}</code>: ${r.occupants.length} inside / drin</li>`).join('');
  return layout(
    'Jitsi Meet sandbox',
    `<h1>Jitsi Meet sandbox</h1>
<p>A local stand-in for a Jitsi Meet server with token authentication, for demos and tests. It checks tokens like Jitsi's Prosody plugins but has no audio or video. XMPP domain: <code>${esc(xmppDomain)}</code>.</p>
<p lang="de">Ein lokaler Ersatz für einen Jitsi-Meet-Server mit Token-Anmeldung, für Demos und Tests. Es gibt weder Ton noch Bild.</p>
<h2>Rooms / Räume</h2>
${rows === '' ? '<p>No rooms. / Keine Räume.</p>' : `<ul data-testid="rooms">${rows}</ul>`}`,
    { state: 'home' },
  );
}

/** A 404 page. */
export function jitsiNotFoundPage(): string {
  return layout(
    'Not found – Jitsi sandbox',
    `<h1>Not found</h1>
<p>There is no such page. / Diese Seite gibt es nicht.</p>
<p><a href="/">Jitsi sandbox home</a></p>`,
    { state: 'none' },
  );
}

/** A 400 page. */
export function jitsiBadRequestPage(message: string): string {
  return layout(
    'Bad request – Jitsi sandbox',
    `<h1>Bad request</h1>
<p data-testid="bad-request">${esc(message)}</p>`,
    { state: 'none' },
  );
}
