/** Where an embedded BigBlueButton meeting sends the visitor who leaves it (its `logoutURL`). */
export const LEFT_PATH = '/v1/left';

/**
 * The message the page sends to the page that frames it. It says nothing but
 * "left", so any page may hear it; the element acts on it only when it comes
 * from its own meeting frame and the server's origin.
 */
export const LEFT_MESSAGE = { vereinsraum: 'left' } as const;

const SCRIPT = `if (parent !== window) parent.postMessage(${JSON.stringify(LEFT_MESSAGE)}, '*');`;
const STYLE = 'body{font:1rem/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff}';

const PAGE = `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Vereinsraum</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p>Sie haben das Meeting verlassen. Sie können dieses Fenster schließen.</p>
<p lang="en">You have left the meeting. You may close this window.</p>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

let policy: Promise<string> | undefined;

/** The page's Content-Security-Policy: nothing but its own inline script and style, by hash. Made once. */
function contentSecurityPolicy(): Promise<string> {
  const hash = async (text: string) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
  };
  policy ??= Promise.all([hash(SCRIPT), hash(STYLE)]).then(
    ([script, style]) => `default-src 'none'; script-src ${script}; style-src ${style}; base-uri 'none'; form-action 'none'`,
  );
  return policy;
}

/**
 * `GET /v1/left`: where an embedded BigBlueButton meeting goes when the
 * visitor leaves it. Framed by the element, it tells the element (a message
 * to its parent), which closes the frame and shows its button again; opened
 * in a tab (BigBlueButton in Safari opens in one), it says the meeting is
 * left. It may be framed by any page: it shows nothing of anyone.
 */
export async function leftRoute(request: Request): Promise<Response> {
  return new Response(request.method === 'HEAD' ? null : PAGE, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': await contentSecurityPolicy(),
      'cache-control': 'public, max-age=3600',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
  });
}
