/**
 * HTML of the Mattermost sandbox: the sign-up page of a team's invite link,
 * a channel's page, an account's direct messages, a home page. Plain, bilingual (English and German),
 * everything escaped, no script. Like Mattermost, the pages refuse to be
 * framed by other sites.
 */
import { BASE_STYLE, escapeText as esc, hashSource, page } from '../http.js';
import type { PageParts } from '../http.js';
import type { MmChannel, MmPost, MmStore, MmTeam, MmUser } from './state.js';

const STYLE = `${BASE_STYLE}.alert{border-left:4px solid #a4000f;padding:.5rem 1rem;background:#fde8ea}
label{display:block;font-weight:700;margin:.5rem 0 .25rem}
input{font:inherit;padding:.4rem;border:2px solid #1a1a1a;border-radius:.25rem}
input:focus-visible,button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
button{font:inherit;padding:.4rem 1rem;border:2px solid #1a1a1a;border-radius:.25rem;background:#fff;color:#1a1a1a;cursor:pointer;margin-top:.75rem}
.post{border-top:1px solid #ccc;padding:.5rem 0;white-space:pre-wrap}
.system{color:#4a4a4a;font-style:italic}
`;

/** Content-Security-Policy of every page: no script, the one style by hash, forms to this origin, no framing by others. */
export const MATTERMOST_CSP = [
  "default-src 'none'",
  `style-src ${hashSource(STYLE)}`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

const BANNER: PageParts['banner'] = ['Sandbox – kein echtes Mattermost', 'Sandbox – not a real Mattermost'];

function layout(title: string, body: string): string {
  return page({ title, style: STYLE, banner: BANNER, body });
}

/** The sign-up page a team's invite link opens (`/signup_user_complete/?id=…`). */
export function signupPage(team: MmTeam | undefined, error = '', username = ''): string {
  if (!team) {
    return layout(
      'Invite link not valid – Mattermost sandbox',
      `<h1>Invite link not valid</h1>
<p class="alert" role="alert" data-testid="invite-invalid">This invite link does not work (any more). <span lang="de">Dieser Einladungslink gilt nicht (mehr).</span></p>`,
    );
  }
  return layout(
    `Sign up – ${team.displayName} – Mattermost sandbox`,
    `<h1>Create an account / <span lang="de">Konto anlegen</span></h1>
<p>Team: <strong data-testid="team-name">${esc(team.displayName)}</strong></p>
${error ? `<p class="alert" role="alert" id="error">${esc(error)}</p>` : ''}
<form method="post">
<label for="username">User name / <span lang="de">Benutzername</span></label>
<input id="username" name="username" autocomplete="username" required maxlength="64" value="${esc(username)}"${error ? ' aria-describedby="error"' : ''}>
<button type="submit">Create account / <span lang="de">Konto anlegen</span></button>
</form>`,
  );
}

/** After signing up: the account exists and is in the team. */
export function signedUpPage(username: string, team: MmTeam): string {
  return layout(
    'Account created – Mattermost sandbox',
    `<h1>Account created / <span lang="de">Konto angelegt</span></h1>
<p>You are <strong data-testid="username">@${esc(username)}</strong> in team ${esc(team.displayName)}. Go back to the club's page and enter this user name.</p>
<p lang="de">Sie sind <strong>@${esc(username)}</strong> im Team ${esc(team.displayName)}. Gehen Sie zurück zur Seite des Vereins und geben Sie diesen Benutzernamen ein.</p>`,
  );
}

/** A message, escaped; Markdown's `**bold**` shows bold, the rest as typed. */
function postHtml(store: MmStore, post: MmPost): string {
  const author = store.users.get(post.userId)?.username ?? '?';
  const message = esc(post.message).replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
  return `<div class="post${post.type ? ' system' : ''}"><strong>@${esc(author)}</strong>: ${message}</div>`;
}

/** A channel's page (`/{team}/channels/{channel}`): its name, members and messages. */
export function channelPage(store: MmStore, team: MmTeam, channel: MmChannel): string {
  const name = (id: string) => store.users.get(id)?.username ?? '?';
  const members = [...channel.members.keys()]
    .map((id) => `<li>@${esc(name(id))}${channel.members.get(id) ? ' (admin)' : ''}</li>`)
    .join('');
  const posts = channel.posts.map((post) => postHtml(store, post)).join('');
  return layout(
    `${channel.displayName} – ${team.displayName} – Mattermost sandbox`,
    `<h1 data-testid="channel-name">${esc(channel.displayName)}</h1>
<p>${channel.type === 'P' ? 'Private channel / <span lang="de">Privater Kanal</span>' : 'Public channel / <span lang="de">Öffentlicher Kanal</span>'} · ${esc(channel.purpose)}</p>
<h2 id="members-heading">Members / <span lang="de">Mitglieder</span></h2>
<ul data-testid="members" aria-labelledby="members-heading">${members}</ul>
<h2>Messages / <span lang="de">Nachrichten</span></h2>
<div data-testid="posts">${posts}</div>`,
  );
}

/**
 * Direct messages with an account (`/{team}/messages/@{user}`). In
 * Mattermost that address shows the signed-in account's conversation with
 * `user`; the sandbox signs nobody in, so it shows every conversation of
 * `user`, one section each, newest message last.
 */
export function directMessagesPage(store: MmStore, user: MmUser): string {
  const sections = store
    .directChannelsOf(user.id)
    .map((channel) => {
      const other = [...channel.members.keys()].find((id) => id !== user.id) ?? user.id;
      const partner = esc(store.users.get(other)?.username ?? '?');
      return `<section aria-labelledby="dm-${channel.id}"><h2 id="dm-${channel.id}">@${partner}</h2>
<div data-testid="direct-messages" data-with="${partner}">${channel.posts.map((post) => postHtml(store, post)).join('')}</div></section>`;
    })
    .join('\n');
  return layout(
    `@${user.username} – Mattermost sandbox`,
    `<h1>Direct messages with @${esc(user.username)} / <span lang="de">Direktnachrichten mit @${esc(user.username)}</span></h1>
<p>The sandbox has no sign-in: this page shows every conversation of @${esc(user.username)}. <span lang="de">Die Sandbox kennt keine Anmeldung: Diese Seite zeigt alle Unterhaltungen von @${esc(user.username)}.</span></p>
${sections || '<p>No messages. / <span lang="de">Keine Nachrichten.</span></p>'}`,
  );
}

/** What the sandbox holds. */
export function mattermostHomePage(store: MmStore): string {
  const teams = [...store.teams.values()]
    .map((team) => {
      const channels = [...store.channels.values()].filter((c) => c.teamId === team.id);
      const items = channels
        .map((c) => `<li><a href="/${esc(team.name)}/channels/${esc(c.name)}">${esc(c.displayName)}</a> (${c.members.size})</li>`)
        .join('');
      return `<h2>${esc(team.displayName)}</h2>${items ? `<ul>${items}</ul>` : '<p>No channels. / <span lang="de">Keine Kanäle.</span></p>'}`;
    })
    .join('');
  return layout(
    'Mattermost sandbox',
    `<h1>Mattermost sandbox</h1>
<p>A local stand-in for the part of Mattermost's API v4 that Vereinsraum uses, for demos and tests.</p>
<p lang="de">Ein lokaler Ersatz für den Teil der Mattermost-API v4, den Vereinsraum nutzt, für Demos und Tests.</p>
${teams}`,
  );
}

/** A 404 page. */
export function mattermostNotFoundPage(): string {
  return layout(
    'Not found – Mattermost sandbox',
    '<h1>Not found</h1><p>There is no such page. / <span lang="de">Diese Seite gibt es nicht.</span></p><p><a href="/">Sandbox home</a></p>',
  );
}
