import type { ServerContext } from '../handler.js';
import { HttpError } from '../errors.js';
import { json } from '../http.js';

const PUBLIC_CACHE = 'public, max-age=300';

/** `GET /.well-known/jwks.json`: the public keys that verify the server helper's tokens. */
export async function jwksRoute(request: Request, url: URL, { keys }: ServerContext): Promise<Response> {
  onlyGet(request, url, '/.well-known/jwks.json');
  return json((await keys()).publicJwks(), { headers: { 'content-type': 'application/jwk-set+json', 'cache-control': PUBLIC_CACHE } });
}

/**
 * `GET /v1/jitsi-keys/{hex sha256(kid)}.pem`: an RSA public key as SPKI PEM,
 * where Jitsi's `asap_key_server` setting looks for it.
 */
export async function jitsiKeyRoute(request: Request, url: URL, { keys }: ServerContext): Promise<Response> {
  const hash = /^\/v1\/jitsi-keys\/([0-9a-f]{64})\.pem$/.exec(url.pathname)?.[1];
  onlyGet(request, url, hash ? url.pathname : undefined);
  const pem = (await keys()).publicPem(hash!);
  if (!pem) throw new HttpError(404, 'not_found', 'No public key with that id: was it removed from the key set?');
  return new Response(pem, { headers: { 'content-type': 'application/x-pem-file', 'cache-control': PUBLIC_CACHE } });
}

/** Refuse any other path (`404`) and any method but GET and HEAD (`405`). */
export function onlyGet(request: Request, url: URL, path: string | undefined): void {
  if (url.pathname !== path) throw new HttpError(404, 'not_found', 'No route for this path.');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new HttpError(405, 'method_not_allowed', 'Use GET.', undefined, { allow: 'GET, HEAD' });
  }
}
