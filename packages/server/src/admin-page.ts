/** Languages of the operator's page. */
export type AdminPageLanguage = 'de' | 'en';

const TEXTS = {
  de: {
    title: 'Buchungen – Vereinsraum',
    heading: 'Buchungen prüfen',
    intro:
      'Melden Sie sich mit dem Admin-Token an: dem Wert der Umgebungsvariablen, die adminTokenEnv in der Konfiguration nennt. Der Token bleibt nur in diesem Tab gespeichert.',
    region: 'Mit dem Token einer Region sehen Sie die Vereine dieser Region.',
    other: { lang: 'en', label: 'English' },
    noscript: 'Diese Seite braucht JavaScript.',
  },
  en: {
    title: 'Bookings – Vereinsraum',
    heading: 'Review bookings',
    intro:
      'Sign in with the admin token: the value of the environment variable that adminTokenEnv names in the configuration. The token is kept in this tab only.',
    region: "A region's token shows the clubs of that region.",
    other: { lang: 'de', label: 'Deutsch' },
    noscript: 'This page needs JavaScript.',
  },
} as const;

/** The page's only styles; the server allows exactly this text in its Content-Security-Policy (by hash). */
export const ADMIN_PAGE_STYLE = `
:root { font-family: system-ui, sans-serif; font-size: 1.0625rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
body { margin: 0; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; justify-content: space-between; padding: 1rem; border-bottom: 1px solid #d0d0d0; }
header p { margin: 0; font-weight: 600; }
header a { display: inline-block; min-height: 44px; line-height: 44px; padding: 0 0.25rem; color: #0b5cad; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { margin: 0 0 0.5rem; font-size: 1.5rem; }
`;

/**
 * The operator's page (`GET /admin` of `vereinsraum serve`): the booking list
 * of `<verein-booking-admin>`, with `clubs` (a `clubs` section in the config)
 * the registered clubs of `<verein-club-review>`, and the usage figures of
 * `<verein-usage-report>` (one sign-in serves all), loaded from the server's own `/cdn/`. It holds
 * no token: the element asks for it. Plain HTML with no inline script, so a
 * strict Content-Security-Policy (`script-src 'self'`) applies.
 */
export function adminPage(lang: AdminPageLanguage, { clubs = false }: { clubs?: boolean } = {}): string {
  const t = TEXTS[lang];
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${t.title}</title>
    <link rel="icon" href="data:," />
    <style>${ADMIN_PAGE_STYLE}</style>
    <script type="module" src="/cdn/booking-admin.js"></script>
    <script type="module" src="/cdn/usage-report.js"></script>
    ${clubs ? '<script type="module" src="/cdn/club-review.js"></script>' : ''}
  </head>
  <body>
    <header>
      <p>Vereinsraum</p>
      <a href="?lang=${t.other.lang}" lang="${t.other.lang}" hreflang="${t.other.lang}">${t.other.label}</a>
    </header>
    <main>
      <h1>${t.heading}</h1>
      <p>${t.intro}${clubs ? ` ${t.region}` : ''}</p>
      <noscript><p>${t.noscript}</p></noscript>
      <verein-booking-admin endpoint="/"></verein-booking-admin>
      ${clubs ? '<verein-club-review endpoint="/"></verein-club-review>' : ''}
      <verein-usage-report endpoint="/"></verein-usage-report>
    </main>
  </body>
</html>
`;
}

/**
 * The page's language: `?lang=de|en` when given, else the first of German and
 * English in `Accept-Language` by preference, else German.
 */
export function adminPageLanguage(url: URL, acceptLanguage: string | null): AdminPageLanguage {
  const asked = url.searchParams.get('lang');
  if (asked === 'de' || asked === 'en') return asked;
  let best: { lang: AdminPageLanguage; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = range.split('-')[0];
    if (lang !== 'de' && lang !== 'en') continue;
    const q = Number(/^\s*q=([\d.]+)\s*$/.exec(params.find((p) => p.trim().startsWith('q=')) ?? '')?.[1] ?? 1);
    if (q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'de';
}
