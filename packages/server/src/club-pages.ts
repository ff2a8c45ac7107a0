// The pages `vereinsraum serve` shows clubs on its own origin: the join page
// of the invite links in mails (`/join/{tenant}/{room}#invite=…`) and the
// contact person's club page (`/club`). Plain HTML, no inline script, the
// operator page's style: a strict Content-Security-Policy applies.
import { isValidId } from '@vereinsraum/protocol';
import { ADMIN_PAGE_STYLE, type AdminPageLanguage } from './admin-page.js';

const TEXTS = {
  de: {
    join: 'Zum Raum',
    club: 'Ihre Vereinsseite – Vereinsraum',
    clubHeading: 'Ihre Vereinsseite',
    noscript: 'Diese Seite braucht JavaScript.',
    other: { lang: 'en', label: 'English' },
  },
  en: {
    join: 'To the room',
    club: 'Your club page – Vereinsraum',
    clubHeading: 'Your club page',
    noscript: 'This page needs JavaScript.',
    other: { lang: 'de', label: 'Deutsch' },
  },
} as const;

function page(lang: AdminPageLanguage, title: string, script: string, main: string): string {
  const t = TEXTS[lang];
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <style>${ADMIN_PAGE_STYLE}</style>
    <script type="module" src="/cdn/${script}"></script>
  </head>
  <body>
    <header>
      <p>Vereinsraum</p>
      <a href="?lang=${t.other.lang}" lang="${t.other.lang}" hreflang="${t.other.lang}">${t.other.label}</a>
    </header>
    <main>
${main}
      <noscript><p>${t.noscript}</p></noscript>
    </main>
  </body>
</html>
`;
}

/**
 * The join page of a room (`GET /join/{tenant}/{room}`): the join button of
 * that room, which takes the link's `#invite=`. `undefined` for a path that
 * names no valid ids (the page does not look the room up: the element does).
 */
export function joinPage(path: string, lang: AdminPageLanguage): string | undefined {
  const match = /^\/join\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match || !isValidId(match[1]) || !isValidId(match[2])) return undefined;
  const [, tenant, room] = match;
  return page(
    lang,
    `${TEXTS[lang].join} – Vereinsraum`,
    'vereinsraum.js',
    `      <verein-join-room endpoint="/" tenant="${tenant}" room="${room}" lang="${lang}"></verein-join-room>`,
  );
}

/** The contact person's club page (`GET /club`): `<verein-club-admin>`, which takes the mails' `#confirm=` and `#signin=`. */
export function clubPage(lang: AdminPageLanguage): string {
  const t = TEXTS[lang];
  return page(
    lang,
    t.club,
    'club-admin.js',
    `      <h1>${t.clubHeading}</h1>\n      <verein-club-admin endpoint="/" lang="${lang}"></verein-club-admin>`,
  );
}
