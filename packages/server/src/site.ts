import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ADMIN_PAGE_STYLE, adminPage, adminPageLanguage } from './admin-page.js';
import { clubPage, joinPage } from './club-pages.js';
import { HttpError, problemResponse } from './errors.js';
import { withBodyText } from './plain-request.js';
import { methodNotAllowed } from './router.js';

/** `Cache-Control` of the bundles' stable names (`vereinsraum.js`): pages get an update within minutes. */
export const STABLE_CACHE = 'public, max-age=300';
/** `Cache-Control` of the versioned names (`vereinsraum.1a2b3c4d5e.js`): their content never changes. */
export const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

type Encoding = 'identity' | 'br' | 'gzip';

/** One file under `/cdn/`. */
interface CdnFile {
  type: string;
  cache: string;
  /** Strong entity tag of the identity bytes; an encoding adds its name. */
  etag: string;
  body: Bodies;
}

const compress = { br: promisify(brotliCompress), gzip: promisify(gzip) };

/** A file's bytes, and its compressed forms, each made once when first asked for. */
class Bodies {
  private readonly encoded = new Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>();

  constructor(readonly identity: Uint8Array<ArrayBuffer>) {}

  get(encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
    if (encoding === 'identity') return Promise.resolve(this.identity);
    let body = this.encoded.get(encoding);
    if (!body) {
      const options =
        encoding === 'br'
          ? { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: this.identity.byteLength } }
          : { level: 9 };
      body = compress[encoding](this.identity, options).then((bytes) => new Uint8Array(bytes));
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

/** What `vereinsraum serve` serves besides the API: see {@link loadSite}. */
export interface Site {
  /** The folder the bundles came from. */
  readonly cdnDir: string;
  /** The SRI hash of every bundle, stable and versioned names (`integrity.json`). */
  readonly integrity: Readonly<Record<string, string>>;
  /**
   * The answer for `/cdn/…`, `/admin`, `/club` and `/join/…`, or `undefined` for every other path (the
   * API's). With `clubs`, the operators' page shows the clubs that registered themselves too.
   */
  answer(request: Request, options?: { clubs?: boolean }): Promise<Response> | undefined;
}

/**
 * Where the installed `@vereinsraum/elements` keeps its CDN bundles: a
 * dependency of this package, so `npm install @vereinsraum/server` brings them.
 *
 * @throws Error when the package (or its build) is missing.
 */
export function installedBundleDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('@vereinsraum/elements/cdn/vereinsraum.js'));
  } catch {
    throw new Error(
      'the element bundles of @vereinsraum/elements were not found: install that package (it comes with @vereinsraum/server), or name a folder with --cdn DIR',
    );
  }
}

/**
 * Read the element bundles of `cdnDir` (every `.js` and `.js.map` in it) and
 * make the operator's page, for `vereinsraum serve` (Node only; the handler
 * itself stays runtime-neutral).
 *
 * - `/cdn/NAME.js` (short cache) and `/cdn/NAME.HASH.js` (a year, `immutable`;
 *   `HASH` is the first 10 hex digits of the file's SHA-384), their `.map`s,
 *   the same for the single-file builds in `single/`, the lazy chunks in
 *   `chunks/` (a year, `immutable`: their names carry their content's hash),
 *   and `/cdn/integrity.json` with the SRI hash of every bundle under each
 *   name. `Access-Control-Allow-Origin: *` (module scripts from other origins
 *   need CORS, and the bundles hold no secret), `nosniff`, Brotli or gzip when
 *   the browser takes it, `ETag` and `304`.
 * - `/admin`: the operator's page with `<verein-booking-admin>`, in German or
 *   English (`Accept-Language`, or `?lang=de|en`), under a strict
 *   Content-Security-Policy.
 *
 * @throws Error when the folder cannot be read or holds no bundle.
 */
export async function loadSite(cdnDir: string = installedBundleDir()): Promise<Site> {
  let names: string[];
  try {
    names = await bundleNames(cdnDir, '');
    // The lazy parts (`chunks/`, named by their content's hash) and the single-file builds (`single/`), where the build has them.
    for (const sub of ['chunks/', 'single/']) names.push(...(await bundleNames(join(cdnDir, sub), sub).catch(() => [])));
  } catch (error) {
    throw new Error(`cannot read the bundle folder ${cdnDir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!names.some((name) => name.endsWith('.js'))) throw new Error(`the bundle folder ${cdnDir} holds no .js bundle`);

  const files = new Map<string, CdnFile>();
  const integrity: Record<string, string> = {};
  /** Add a file under `name`; answers its SHA-384. */
  const add = (name: string, body: Bodies, cache: string): Buffer => {
    const digest = createHash('sha384').update(body.identity).digest();
    files.set(name, { type: TYPES[name.slice(name.lastIndexOf('.'))]!, cache, etag: `"${digest.toString('hex').slice(0, 24)}"`, body });
    return digest;
  };
  for (const name of names) {
    const body = new Bodies(new Uint8Array(await readFile(join(cdnDir, name))));
    // A chunk's name changes with its content: it may be cached for good, and needs no second name.
    const chunk = name.startsWith('chunks/');
    const digest = add(name, body, chunk ? VERSIONED_CACHE : STABLE_CACHE);
    if (!name.endsWith('.js')) continue;
    if (chunk) {
      integrity[name] = `sha384-${digest.toString('base64')}`;
      continue;
    }
    const versioned = `${name.slice(0, -3)}.${digest.toString('hex').slice(0, 10)}.js`;
    add(versioned, body, VERSIONED_CACHE);
    integrity[name] = integrity[versioned] = `sha384-${digest.toString('base64')}`;
  }
  const sorted = Object.fromEntries(Object.entries(integrity).sort(([a], [b]) => (a < b ? -1 : 1)));
  add('integrity.json', new Bodies(new TextEncoder().encode(`${JSON.stringify(sorted, null, 2)}\n`)), STABLE_CACHE);

  const styleHash = `'sha256-${createHash('sha256').update(ADMIN_PAGE_STYLE).digest('base64')}'`;
  const adminHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': `default-src 'none'; script-src 'self'; connect-src 'self'; style-src ${styleHash}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    vary: 'Accept-Language',
  };

  return {
    cdnDir,
    integrity: sorted,
    answer(request, options = {}) {
      const url = new URL(request.url);
      const cdn = url.pathname.startsWith('/cdn/');
      const lang = adminPageLanguage(url, request.headers.get('accept-language'));
      const joinPageHtml = url.pathname.startsWith('/join/') ? joinPage(url.pathname, lang) : undefined;
      const clubPageHtml = url.pathname === '/club' ? clubPage(lang) : undefined;
      if (!cdn && !joinPageHtml && !clubPageHtml && url.pathname !== '/admin' && url.pathname !== '/admin/') return undefined;
      // Preflights are the handler's; nothing here needs one.
      if (request.method === 'OPTIONS') return undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return Promise.resolve(withBodyText(request, problemResponse(methodNotAllowed(['GET', 'HEAD']))));
      }
      if (!cdn) {
        // The join page opens meetings and shows the tenant's logo: images from https, frames of the conference servers.
        const headers = joinPageHtml
          ? {
              ...adminHeaders,
              'content-security-policy': `${adminHeaders['content-security-policy'].replace("img-src 'self' data:", "img-src 'self' data: https:")}; frame-src https:`,
            }
          : adminHeaders;
        return Promise.resolve(
          new Response(request.method === 'HEAD' ? null : (joinPageHtml ?? clubPageHtml ?? adminPage(lang, options)), {
            headers: { ...headers, 'content-language': lang },
          }),
        );
      }
      const file = files.get(url.pathname.slice('/cdn/'.length));
      if (!file) {
        const response = problemResponse(
          new HttpError(404, 'not_found', 'No such file under /cdn/: the bundles are listed in /cdn/integrity.json.'),
        );
        response.headers.set('access-control-allow-origin', '*');
        return Promise.resolve(withBodyText(request, response));
      }
      return cdnResponse(request, file);
    },
  };
}

/** The bundles (`.js`, `.js.map`) directly in `dir`, each with `prefix` before its name. */
async function bundleNames(dir: string, prefix: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((name) => /^[\w.-]+\.js(\.map)?$/.test(name))
    .sort()
    .map((name) => prefix + name);
}

/** Brotli, else gzip, when the client takes it (`Accept-Encoding`, a `q=0` refuses). */
function encodingFor(request: Request): Encoding {
  const accepted = new Set<string>();
  for (const part of (request.headers.get('accept-encoding') ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    if (!params.some((p) => /^q=0(\.0*)?$/.test(p))) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : 'identity';
}

async function cdnResponse(request: Request, file: CdnFile): Promise<Response> {
  const encoding = encodingFor(request);
  const etag = encoding === 'identity' ? file.etag : `${file.etag.slice(0, -1)}-${encoding}"`;
  const headers: Record<string, string> = {
    'content-type': file.type,
    'cache-control': file.cache,
    etag,
    vary: 'Accept-Encoding',
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  };
  const match = request.headers.get('if-none-match');
  if (match !== null && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const body = await file.body.get(encoding);
  headers['content-length'] = String(body.byteLength);
  return new Response(request.method === 'HEAD' ? null : body, { headers });
}
