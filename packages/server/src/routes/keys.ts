import type { RouteContext } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../http.js';

const PUBLIC_CACHE = 'public, max-age=300';

/** `GET /.well-known/jwks.json`: the public keys that verify the server helper's tokens. */
export async function jwksRoute(_request: Request, { services }: RouteContext): Promise<Response> {
  return json((await services.keys()).publicJwks(), {
    headers: { 'content-type': 'application/jwk-set+json', 'cache-control': PUBLIC_CACHE },
  });
}

/**
 * `GET /v1/jitsi-keys/{hex sha256(kid)}.pem`: an RSA public key as SPKI PEM,
 * where Jitsi's `asap_key_server` setting looks for it.
 */
export async function jitsiKeyRoute(_request: Request, { services, params }: RouteContext): Promise<Response> {
  const pem = (await services.keys()).publicPem(params.hash ?? '');
  if (!pem) throw new HttpError(404, 'not_found', 'No public key with that id: was it removed from the key set?');
  return new Response(pem, { headers: { 'content-type': 'application/x-pem-file', 'cache-control': PUBLIC_CACHE } });
}
