// What `vereinsraum serve` serves besides the API: the element bundles at
// /cdn/ (for club pages on other origins) and the operators' page at /admin.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { adminPageLanguage } from '../src/admin-page.ts';
import { installedBundleDir, loadSite, STABLE_CACHE, VERSIONED_CACHE } from '../src/site.ts';

const BUNDLE = 'customElements.define("verein-x", class extends HTMLElement {});\n//# sourceMappingURL=x.js.map\n';
const sha384 = (text: string | Uint8Array) => createHash('sha384').update(text).digest();

async function bundleDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-cdn-'));
  await writeFile(join(dir, 'x.js'), BUNDLE);
  await writeFile(join(dir, 'x.js.map'), '{"version":3,"mappings":""}');
  // Not served: only bundles and their maps.
  await writeFile(join(dir, 'notes.txt'), 'private');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'y.js'), 'nested');
  return dir;
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(`http://vereinsraum.test${path}`, { method, headers });

describe('the bundles at /cdn/', () => {
  test('a bundle: JavaScript, for any origin, not sniffed, cached for minutes under its stable name', async () => {
    const site = await loadSite(await bundleDir());
    const response = (await site.answer(get('/cdn/x.js', { origin: 'https://www.tsv.example' })))!;
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('cache-control'), STABLE_CACHE);
    assert.equal(await response.text(), BUNDLE);
  });

  test('the versioned name carries the content hash and is cached for a year, immutable', async () => {
    const site = await loadSite(await bundleDir());
    const versioned = `x.${sha384(BUNDLE).toString('hex').slice(0, 10)}.js`;
    const response = (await site.answer(get(`/cdn/${versioned}`)))!;
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), VERSIONED_CACHE);
    assert.equal(VERSIONED_CACHE, 'public, max-age=31536000, immutable');
    assert.equal(await response.text(), BUNDLE);
    // Another hash is no file.
    assert.equal((await site.answer(get('/cdn/x.0000000000.js')))!.status, 404);
  });

  test('integrity.json holds the SRI hash of each bundle under both names', async () => {
    const site = await loadSite(await bundleDir());
    const response = (await site.answer(get('/cdn/integrity.json')))!;
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const hash = `sha384-${sha384(BUNDLE).toString('base64')}`;
    assert.deepEqual(await response.json(), { [`x.${sha384(BUNDLE).toString('hex').slice(0, 10)}.js`]: hash, 'x.js': hash });
  });

  test('source maps are served; other files, folders and paths outside the folder are not', async () => {
    const site = await loadSite(await bundleDir());
    const map = (await site.answer(get('/cdn/x.js.map')))!;
    assert.equal(map.status, 200);
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
    for (const path of ['/cdn/notes.txt', '/cdn/sub/y.js', '/cdn/sub%2fy.js', '/cdn/', '/cdn/X.JS', '/cdn/x.js/']) {
      const response = (await site.answer(get(path)))!;
      assert.equal(response.status, 404, path);
      assert.equal((await response.json()).code, 'not_found');
      assert.equal(response.headers.get('access-control-allow-origin'), '*', 'a page on another origin may read why');
    }
    // A URL resolves dot segments before anything else: these are paths outside /cdn/, for the API to refuse.
    for (const path of ['/cdn/../package.json', '/cdn/%2e%2e/x.js']) assert.equal(site.answer(get(path)), undefined, path);
  });

  test('compressed when the browser takes it (Brotli first), with an entity tag per encoding and 304 for a known one', async () => {
    const site = await loadSite(await bundleDir());
    const br = (await site.answer(get('/cdn/x.js', { 'accept-encoding': 'gzip, deflate, br' })))!;
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    assert.equal(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())).toString(), BUNDLE);
    const gzip = (await site.answer(get('/cdn/x.js', { 'accept-encoding': 'gzip, br;q=0' })))!;
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(new Uint8Array(await gzip.arrayBuffer())).toString(), BUNDLE);
    const plain = (await site.answer(get('/cdn/x.js')))!;
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(plain.headers.get('content-length'), String(Buffer.byteLength(BUNDLE)));
    const tags = [br, gzip, plain].map((r) => r.headers.get('etag'));
    assert.equal(new Set(tags).size, 3);

    const again = (await site.answer(get('/cdn/x.js', { 'accept-encoding': 'br', 'if-none-match': tags[0]! })))!;
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('cache-control'), STABLE_CACHE);
    assert.equal(await again.text(), '');
    assert.equal((await site.answer(get('/cdn/x.js', { 'if-none-match': tags[0]! })))!.status, 200, 'the tag of another encoding');
  });

  test('HEAD has the headers and no body; other methods are refused; preflights and the API are not its business', async () => {
    const site = await loadSite(await bundleDir());
    const head = (await site.answer(get('/cdn/x.js', {}, 'HEAD')))!;
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(BUNDLE)));
    assert.equal(await head.text(), '');
    const post = (await site.answer(get('/cdn/x.js', {}, 'POST')))!;
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assert.equal(site.answer(get('/cdn/x.js', {}, 'OPTIONS')), undefined);
    for (const path of ['/v1/tenants/tsv', '/cdnx/x.js', '/administration', '/']) assert.equal(site.answer(get(path)), undefined, path);
  });

  test('the installed @vereinsraum/elements is the default source, and serves what its integrity.json says', async () => {
    const dir = installedBundleDir();
    assert.equal(dir, fileURLToPath(new URL('../../elements/dist/cdn', import.meta.url)));
    const site = await loadSite();
    const built = JSON.parse(await readFile(join(dir, 'integrity.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(built).includes('vereinsraum.js'));
    for (const [name, hash] of Object.entries(built)) assert.equal(site.integrity[name], hash, name);
    const bundle = (await site.answer(get('/cdn/vereinsraum.js')))!;
    assert.equal(`sha384-${sha384(new Uint8Array(await bundle.arrayBuffer())).toString('base64')}`, built['vereinsraum.js']);
  });

  test('a folder that cannot be read, or holds no bundle, is named', async () => {
    await assert.rejects(
      loadSite(join(tmpdir(), 'no-such-vereinsraum-folder')),
      /cannot read the bundle folder .*no-such-vereinsraum-folder: ENOENT/,
    );
    const empty = await mkdtemp(join(tmpdir(), 'vereinsraum-cdn-'));
    await assert.rejects(loadSite(empty), /holds no \.js bundle/);
  });
});

describe("the operators' page at /admin", () => {
  test('loads the admin element from /cdn/, under a strict Content-Security-Policy, never in a frame', async () => {
    const site = await loadSite(await bundleDir());
    const response = (await site.answer(get('/admin')))!;
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
    assert.match(csp, /(^|; )default-src 'none'(;|$)/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/cdn\/booking-admin\.js"><\/script>/);
    assert.match(html, /<verein-booking-admin endpoint="\/"><\/verein-booking-admin>/);
    assert.match(html, /<script type="module" src="\/cdn\/usage-report\.js"><\/script>/);
    assert.match(html, /<verein-usage-report endpoint="\/"><\/verein-usage-report>/);
    assert.doesNotMatch(html, /<script>|\son\w+=/, 'no inline script');
    // The one inline style is the one the policy names by its hash.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`));
  });

  test("the clubs' view only where clubs register themselves (else its requests would all be refused)", async () => {
    const site = await loadSite(await bundleDir());
    const without = await (await site.answer(get('/admin')))!.text();
    assert.doesNotMatch(without, /club-review/);
    const withClubs = await (await site.answer(get('/admin'), { clubs: true }))!.text();
    assert.match(withClubs, /<script type="module" src="\/cdn\/club-review\.js"><\/script>/);
    assert.match(withClubs, /<verein-club-review endpoint="\/"><\/verein-club-review>/);
    // Region admins sign in there too, where the clubs' view is: the page says what their token opens.
    assert.match(withClubs, /Mit dem Token einer Region sehen Sie die Vereine dieser Region\./);
    assert.doesNotMatch(without, /Region/);
  });

  test('German or English by Accept-Language, or by the switch on the page', async () => {
    const site = await loadSite(await bundleDir());
    const page = async (path: string, language?: string) => {
      const response = (await site.answer(get(path, language ? { 'accept-language': language } : {})))!;
      return { lang: response.headers.get('content-language'), html: await response.text() };
    };
    const german = await page('/admin', 'de-DE,de;q=0.9,en;q=0.8');
    assert.equal(german.lang, 'de');
    assert.match(german.html, /<html lang="de">[\s\S]*href="\?lang=en"[^>]*>English<[\s\S]*Buchungen prüfen/);
    const english = await page('/admin', 'en-GB,en;q=0.9');
    assert.equal(english.lang, 'en');
    assert.match(english.html, /<html lang="en">[\s\S]*href="\?lang=de"[^>]*>Deutsch<[\s\S]*Review bookings/);
    assert.equal((await page('/admin?lang=en', 'de')).lang, 'en');
    assert.equal((await page('/admin/?lang=de', 'en')).lang, 'de');
  });

  test("the language follows the preferences' order and weights", () => {
    const url = new URL('http://x/admin');
    assert.equal(adminPageLanguage(url, null), 'de');
    assert.equal(adminPageLanguage(url, 'fr-FR, en;q=0.5, de;q=0.4'), 'en');
    assert.equal(adminPageLanguage(url, 'en;q=0.2, de-AT;q=0.8'), 'de');
    assert.equal(adminPageLanguage(url, 'en;q=0, fr'), 'de');
    assert.equal(adminPageLanguage(new URL('http://x/admin?lang=xx'), 'en'), 'en');
  });
});

describe("the clubs' pages: /join/{tenant}/{room} and /club", () => {
  test('the join page of a room holds its join button, under the same strict policy (plus images and frames over https)', async () => {
    const site = await loadSite(await bundleDir());
    const response = (await site.answer(get('/join/tsv-musterstadt/vorstand', { 'accept-language': 'de' })))!;
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )img-src 'self' data: https:(;|$)/);
    assert.match(csp, /(^|; )frame-src https:(;|$)/);
    assert.doesNotMatch(csp, /unsafe/);
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/cdn\/vereinsraum\.js"><\/script>/);
    assert.match(html, /<verein-join-room endpoint="\/" tenant="tsv-musterstadt" room="vorstand" lang="de"><\/verein-join-room>/);
    assert.doesNotMatch(html, /<script>|\son\w+=/);
    for (const path of ['/join/TSV/vorstand', '/join/tsv/%3Cscript%3E', '/join/tsv', '/join/tsv/a/b'])
      assert.equal(site.answer(get(path)), undefined, `${path} is not a page (the API answers 404)`);
  });

  test('the club page holds the club element, in German or English', async () => {
    const site = await loadSite(await bundleDir());
    const response = (await site.answer(get('/club?lang=en')))!;
    assert.equal(response.headers.get('content-language'), 'en');
    assert.match(response.headers.get('content-security-policy')!, /(^|; )frame-ancestors 'none'(;|$)/);
    const html = await response.text();
    assert.match(html, /<script type="module" src="\/cdn\/club-admin\.js"><\/script>/);
    assert.match(html, /<h1>Your club page<\/h1>\s*<verein-club-admin endpoint="\/" lang="en"><\/verein-club-admin>/);
  });
});
