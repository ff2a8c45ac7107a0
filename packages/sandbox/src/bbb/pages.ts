/**
 * The BigBlueButton stand-in's HTML pages: plain, self-contained, everything escaped.
 */
import { BASE_STYLE, escapeText as esc, hashSource, page } from '../http.js';
import type { PageParts } from '../http.js';
import { isRunning, participantsOf } from './meetings.js';
import type { Meeting, Role, Session } from './meetings.js';

const STYLE = `${BASE_STYLE}button{font:inherit;padding:.4rem 1rem;border:2px solid #1a1a1a;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer}
button.danger{background:#a4000f;border-color:#a4000f;color:#fff}
button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
form{display:inline-block;margin:0 .5rem .5rem 0}
dl{color:#333}
`;

// Constant, so a hash in the Content-Security-Policy allows exactly this script.
// It renders only with textContent, never HTML. Framed in a page (the
// elements' target="embed"), it tells that page the meeting is ready, with
// the message BigBlueButton's client sends when it has loaded.
const SCRIPT = `
(() => {
  if (window.parent !== window) window.parent.postMessage({ response: 'readyToConnect' }, '*');
  const list = document.querySelector('[data-testid="participants"]');
  const status = document.getElementById('status');
  const roleText = (role) => role === 'MODERATOR' ? 'moderator' : 'attendee';
  async function refresh() {
    try {
      const res = await fetch(location.pathname.replace(/\\/$/, '') + '/state', { cache: 'no-store' });
      if (!res.ok) return;
      const state = await res.json();
      const items = state.participants.map((p) => {
        const li = document.createElement('li');
        li.textContent = p.fullName + ' (' + roleText(p.role) + ')';
        return li;
      });
      list.replaceChildren(...items);
      status.textContent = state.running ? '' : 'The meeting is not running. / Das Meeting läuft nicht.';
      if (state.ended) document.querySelectorAll('form').forEach((f) => f.remove());
    } catch {}
  }
  setInterval(refresh, 2000);
})();
`;

const SCRIPT_SOURCE = hashSource(SCRIPT);
const STYLE_SOURCE = hashSource(STYLE);

/**
 * Content-Security-Policy of every page: same origin only, plus the inline
 * style and script by hash. No `frame-ancestors`: any page may frame the
 * meeting page, as an embedded BigBlueButton meeting needs. `formTarget`: the
 * origin a form may also lead to (Chromium checks `form-action` on the
 * redirect after a form, too): a meeting page's `logoutURL`.
 */
export function csp(formTarget?: string): string {
  return [
    "default-src 'self'",
    `script-src ${SCRIPT_SOURCE}`,
    `style-src ${STYLE_SOURCE}`,
    "img-src 'self'",
    "connect-src 'self'",
    `form-action 'self'${formTarget ? ` ${new URL(formTarget).origin}` : ''}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The policy of the pages that lead nowhere else. */
export const CSP = csp();

/** The role as shown on pages. */
export function roleText(role: Role): 'moderator' | 'attendee' {
  return role === 'MODERATOR' ? 'moderator' : 'attendee';
}

const BANNER: PageParts['banner'] = ['Sandbox – kein echter Konferenzserver', 'Sandbox – not a real conference server'];

function layout(title: string, body: string, script = false): string {
  return page({ title, style: STYLE, banner: BANNER, body, script: script ? SCRIPT : undefined });
}

function participantItems(meeting: Meeting): string {
  return participantsOf(meeting)
    .map((p) => `<li>${esc(p.fullName)} (${roleText(p.role)})</li>`)
    .join('');
}

/** The meeting page a join redirects to. */
export function meetingPage(session: Session): string {
  const m = session.meeting;
  const role = roleText(session.role);
  const roleDe = session.role === 'MODERATOR' ? 'Moderator·in' : 'Teilnehmer·in';
  const open = !m.ended && !session.left;
  const state = m.ended
    ? 'This meeting has ended. / Dieses Meeting ist beendet.'
    : session.left
      ? 'You have left this meeting. / Du hast das Meeting verlassen.'
      : isRunning(m)
        ? ''
        : 'The meeting is not running. / Das Meeting läuft nicht.';
  const details: string[] = [];
  if (m.welcome) details.push(`<dt>Welcome message</dt><dd>${esc(m.welcome)}</dd>`);
  if (m.logo) details.push(`<dt>Logo</dt><dd>${esc(m.logo)}</dd>`);
  if (session.logoutURL) details.push(`<dt>logoutURL</dt><dd data-testid="logout-url">${esc(session.logoutURL)}</dd>`);
  for (const [k, v] of m.metadata) details.push(`<dt>meta_${esc(k)}</dt><dd>${esc(v)}</dd>`);
  const base = `/sandbox/meetings/${encodeURIComponent(session.sessionToken)}`;
  return layout(
    `${m.name} – Sandbox`,
    `<h1 data-testid="meeting-name">${esc(m.name)}</h1>
<p>You are <strong data-testid="user-name">${esc(session.fullName)}</strong> (<span data-testid="user-role">${role}</span>).</p>
<p lang="de">Du bist <strong>${esc(session.fullName)}</strong> (${roleDe}).</p>
<p id="status" role="status">${state}</p>
<h2 id="participants-heading">Who is inside / Wer ist da</h2>
<ul data-testid="participants" aria-labelledby="participants-heading">${participantItems(m)}</ul>
${
  open
    ? `<form method="post" action="${base}/leave"><button type="submit">Leave / Verlassen</button></form>
${
  session.role === 'MODERATOR'
    ? `<form method="post" action="${base}/end"><button type="submit" class="danger">End meeting / Meeting beenden</button></form>`
    : ''
}`
    : ''
}
${!open && session.logoutURL ? `<p><a data-testid="logout" href="${esc(session.logoutURL)}">OK</a></p>` : ''}
${details.length > 0 ? `<h2>Settings received / Empfangene Einstellungen</h2>\n<dl>${details.join('')}</dl>` : ''}`,
    open,
  );
}

/** State of a meeting as seen by one session (JSON for the page's refresh). */
export function meetingState(session: Session): object {
  const m = session.meeting;
  return {
    meetingName: m.name,
    you: { fullName: session.fullName, role: session.role },
    participants: participantsOf(m).map((p) => ({ fullName: p.fullName, role: p.role })),
    running: isRunning(m),
    ended: m.ended,
  };
}

/** The sandbox's home page: what this is, current meetings, and join errors passed back by a redirect. */
export function homePage(meetings: readonly Meeting[], errors: readonly { key: string; message: string }[]): string {
  const errorList =
    errors.length === 0
      ? ''
      : `<h2>Join failed / Beitritt fehlgeschlagen</h2>
<ul data-testid="errors">${errors.map((e) => `<li><code>${esc(e.key)}</code>: ${esc(e.message)}</li>`).join('')}</ul>`;
  const rows = meetings
    .map((m) => `<li>${esc(m.name)} (<code>${esc(m.meetingID)}</code>): ${participantsOf(m).length} inside</li>`)
    .join('');
  return layout(
    'BigBlueButton sandbox',
    `<h1>BigBlueButton sandbox</h1>
<p>This is a local stand-in for a BigBlueButton server, for demos and tests. It checks API requests like BigBlueButton but has no audio or video.</p>
<p lang="de">Dies ist ein lokaler Ersatz für einen BigBlueButton-Server, für Demos und Tests. Es gibt weder Ton noch Bild.</p>
${errorList}
<h2>Meetings</h2>
${rows === '' ? '<p>No meetings. / Keine Meetings.</p>' : `<ul data-testid="meetings">${rows}</ul>`}`,
  );
}

/** A 404 page. */
export function notFoundPage(): string {
  return layout(
    'Not found – Sandbox',
    `<h1>Not found</h1>
<p>There is no such page or meeting session. / Diese Seite oder Sitzung gibt es nicht.</p>
<p><a href="/">Sandbox home</a></p>`,
  );
}
