// What the WordPress tests share: a city's `vereinsraum serve` (the
// configuration of docs/operator.md, the sandbox as BigBlueButton) and a
// club's WordPress on another origin; the contents people save; what survives
// a save; and a visit of the public page in Chromium.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { startSandbox } from '../../../packages/sandbox/dist/index.js';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { fencedBlocks, operatorConfig, startServe } from '../../../test/e2e/city-server.mjs';
import { PLUGIN_ZIP, startWordPress } from './wordpress.mjs';

const SECRET = 'wp-bbb-secret-5e1d7a';
export const TENANT = 'tsv-musterstadt';
/** A tenant of the same server that does not allow the club's site. */
export const OTHER_TENANT = 'anderer-verein';
export const ROOM = 'vereinsheim';
export const LABEL = 'Zum digitalen Vereinsheim';

/**
 * The sandbox, the city's server and the club's WordPress (`wordpress`:
 * options of startWordPress), and Chromium. The server's configuration is
 * docs/operator.md's, with bookings, and a second tenant that does not allow
 * the WordPress site.
 */
export async function startClubSite(wordpress) {
  const open = [];
  const close = async () => {
    for (const item of open.reverse()) await item.close().catch(() => undefined);
  };
  try {
    const sandbox = await startSandbox({ secret: SECRET });
    open.push(sandbox);
    const wp = await startWordPress(wordpress);
    open.push(wp);
    const { config, env } = await operatorConfig({ bbbUrl: `${sandbox.url}/bigbluebutton/`, bbbSecret: SECRET, pageOrigin: wp.origin });
    const tenant = config.tenants[TENANT];
    tenant.bookings = {
      backend: 'bbb',
      joinPage: `${wp.origin}/raum`,
      formPage: `${wp.origin}/buchen`,
      consentText: { de: 'Ich bin einverstanden, dass der TSV meine Angaben speichert.', en: 'I agree that the TSV stores my details.' },
      privacyPolicyUrl: 'https://www.tsv-musterstadt.de/datenschutz',
      challengeMaxNumber: 1000,
    };
    config.tenants[OTHER_TENANT] = {
      ...structuredClone(tenant),
      name: 'Anderer Verein',
      allowedOrigins: ['https://www.anderer-verein.example'],
    };
    const serve = await startServe({ config, env });
    open.push(serve);
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
    open.push(browser);
    const embed = await twoLines(serve.url);
    return { sandbox, wp, serve, browser, embed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The two lines of docs/embed.md (step 2: a script tag, an element with its label) for the server at `serverUrl`. */
async function twoLines(serverUrl) {
  const [block] = fencedBlocks(await readFile(new URL('../../../docs/embed.md', import.meta.url), 'utf8'), 'html');
  assert.ok(block.includes('<script') && block.includes(LABEL), 'the first HTML block of docs/embed.md is the two lines, with the label');
  return block.replaceAll('https://vereinsraum.example-stadt.de', serverUrl);
}

/** Installs the plugin from its zip as Plugins → Add New → Upload Plugin does, and activates it (for the network, on a network). */
export async function installPlugin(wp, { network = false } = {}) {
  const result = await wp.php(`require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
    wp_set_current_user( 1 );
    $upgrader = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
    $installed = $upgrader->install( ${JSON.stringify(PLUGIN_ZIP)} );
    if ( true !== $installed ) {
      return array( 'installed' => is_wp_error( $installed ) ? $installed->get_error_message() : $installed, 'messages' => $upgrader->skin->get_upgrade_messages() );
    }
    $activated = activate_plugin( $upgrader->plugin_info(), '', ${network ? 'true' : 'false'} );
    return array( 'installed' => true, 'plugin' => $upgrader->plugin_info(), 'activated' => is_wp_error( $activated ) ? $activated->get_error_message() : true );`);
  assert.deepEqual(result, { installed: true, plugin: 'vereinsraum/vereinsraum.php', activated: true });
}

/** The block editor's content of a page with the block, once for each kind. */
export function blockPage(label = LABEL) {
  return [
    '<!-- wp:paragraph -->\n<p>Unser Vereinsheim ist auch online.</p>\n<!-- /wp:paragraph -->',
    `<!-- wp:vereinsraum/embed ${JSON.stringify({ room: ROOM, label })} /-->`,
    `<!-- wp:vereinsraum/embed ${JSON.stringify({ kind: 'status', room: ROOM })} /-->`,
    '<!-- wp:vereinsraum/embed {"kind":"booking"} /-->',
  ].join('\n\n');
}

/** A post with each shortcode, in Shortcode blocks. */
export function shortcodePost(label = LABEL) {
  return [`[vereinsraum_join room="${ROOM}"]${label}[/vereinsraum_join]`, `[vereinsraum_status room="${ROOM}"]`, '[vereinsraum_booking]']
    .map((shortcode) => `<!-- wp:shortcode -->\n${shortcode}\n<!-- /wp:shortcode -->`)
    .join('\n\n');
}

/** The README's two lines in a Custom HTML block. */
export const customHtml = (embed) => `<!-- wp:html -->\n${embed.trim()}\n<!-- /wp:html -->`;

/** What is left of the README's two lines in saved content, in the words of the table in docs/embed.md. */
export function whatSurvived(raw, serverUrl) {
  const script = raw.includes(`<script type="module" src="${serverUrl}/cdn/vereinsraum.js"></script>`);
  const element = raw.includes(`<verein-join-room endpoint="${serverUrl}" tenant="${TENANT}" room="${ROOM}">`);
  if (script && element) return 'kept';
  if (element) return 'the element, without the script tag';
  if (raw.includes(LABEL)) return 'only the label text';
  return 'nothing';
}

/**
 * Saves `content` as `user` through the REST API, as the block editor does
 * (a page, or a post), published or (for those who may not publish) pending;
 * answers the post and the content as stored.
 */
export async function save(wp, user, { type = 'pages', content, title, site = '/', publish = true }) {
  const created = await wp.rest(user, 'POST', `/wp/v2/${type}`, { title, content, status: publish ? 'publish' : 'pending' }, site);
  const stored = await wp.rest(user, 'GET', `/wp/v2/${type}/${created.id}?context=edit`, undefined, site);
  return { id: created.id, link: created.link, raw: stored.content.raw };
}

/** A later edit by `user`: loads the stored content, adds a paragraph, saves; answers the content as stored. */
export async function editLater(wp, user, { type = 'pages', id, site = '/' }) {
  const before = await wp.rest(user, 'GET', `/wp/v2/${type}/${id}?context=edit`, undefined, site);
  const content = `${before.content.raw}\n\n<!-- wp:paragraph -->\n<p>Nachtrag von ${user.login}.</p>\n<!-- /wp:paragraph -->`;
  await wp.rest(user, 'POST', `/wp/v2/${type}/${id}`, { content }, site);
  return (await wp.rest(user, 'GET', `/wp/v2/${type}/${id}?context=edit`, undefined, site)).content.raw;
}

/** The text a join button shows: what its slot shows (the label in the page, else the element's own text). */
export function shownLabel(button) {
  return button.evaluate((b) =>
    b
      .querySelector('slot')
      .assignedNodes({ flatten: true })
      .map((node) => node.textContent)
      .join('')
      .trim(),
  );
}

/**
 * Opens `url` in Chromium as a visitor: the join button renders with its
 * label and its form opens, the status shows, the booking form loads; the
 * bundles are module scripts of the server with their SRI hash, and every
 * request that leaves the site goes to the server (its bundles and its API).
 */
export async function visit(browser, url, { serverUrl, label = LABEL, booking = true, status = true }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), 200, url);
    const button = await page.waitForSelector('verein-join-room >>> button[part="button"]', { visible: true, timeout: 15000 });
    assert.equal(await shownLabel(button), label);
    if (status)
      await page.waitForFunction(() => document.querySelector('verein-room-status')?.state === 'idle', { polling: 100, timeout: 15000 });
    if (booking) {
      await page.waitForFunction(() => document.querySelector('verein-room-booking')?.state === 'form', { polling: 100, timeout: 15000 });
      await page.waitForSelector('verein-room-booking >>> form[part="form"]', { visible: true });
    }
    await button.click();
    await page.waitForSelector('verein-join-room >>> #name', { visible: true, timeout: 15000 });

    const scripts = await page.$$eval('script[src*="/cdn/"]', (tags) =>
      tags.map((s) => ({ src: s.src, type: s.type, integrity: s.integrity, crossorigin: s.getAttribute('crossorigin') })),
    );
    const bundles = booking ? ['vereinsraum', 'room-booking'] : ['vereinsraum'];
    assert.equal(scripts.length, bundles.length, JSON.stringify(scripts));
    const integrity = await (await fetch(`${serverUrl}/cdn/integrity.json`)).json();
    for (const [i, name] of bundles.entries()) {
      const script = scripts.find((s) => s.src.startsWith(`${serverUrl}/cdn/${name}.`));
      assert.ok(script, `${name}.js is on the page: ${JSON.stringify(scripts)}`);
      assert.match(script.src, new RegExp(`/cdn/${name}\\.[0-9a-f]{10}\\.js$`), `the versioned name (${i})`);
      assert.equal(script.type, 'module');
      assert.equal(script.crossorigin, 'anonymous');
      assert.equal(script.integrity, integrity[`${name}.js`]);
    }
    const site = new URL(url).origin;
    for (const request of requests) {
      const { origin, pathname } = new URL(request);
      assert.doesNotMatch(pathname, /\/plugins\/vereinsraum\//, `the plugin adds no file of its own to the page: ${request}`);
      if (origin === site || request.startsWith('data:')) continue;
      assert.equal(origin, serverUrl, `a request that leaves the site goes to the server only: ${request}`);
      // A bundle by its versioned name, the lazy parts it loads (named by their content's hash), the API.
      assert.match(
        pathname,
        /^\/(cdn\/[\w-]+\.[0-9a-f]{10}\.js|cdn\/chunks\/[\w.-]+-[\w-]{8}\.js|v1\/)/,
        `the server is asked for its bundles and its API only: ${request}`,
      );
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** The rows of the table in docs/embed.md that names what survives, for `site` ('single site' or 'network'). */
export async function docsTable(site) {
  const markdown = await readFile(new URL('../../../docs/embed.md', import.meta.url), 'utf8');
  const start = markdown.indexOf('<!-- wordpress-table -->');
  assert.ok(start >= 0, 'docs/embed.md marks its WordPress table with <!-- wordpress-table -->');
  const lines = markdown.slice(start).split('\n').slice(1);
  const rows = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/\*\*/g, ''));
    if (cells[0] === site) rows.push(cells.slice(1));
  }
  return rows;
}

/** A browser context signed in as `user` through the login form of the site at `site`. */
export async function signIn(browser, origin, user, site = '/') {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${origin}${site}wp-login.php`, { waitUntil: 'load' });
  // Set, not typed: the login page selects the field's text a moment after it loads.
  await page.$eval('#user_login', (input, value) => (input.value = value), user.login);
  await page.$eval('#user_pass', (input, value) => (input.value = value), user.loginPassword);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#wp-submit')]);
  assert.ok(await page.$('#wpadminbar'), `${user.login} is signed in`);
  return { page, close: () => context.close() };
}

/** Replaces the value of the input `selector` by typing `value`. */
export async function fill(page, selector, value) {
  await page.$eval(selector, (input) => (input.value = ''));
  await page.type(selector, value);
}

/** Presses the check button of the settings page and answers the message it shows. */
export async function check(page) {
  await page.$eval('#vereinsraum-check-result', (result) => (result.textContent = ''));
  await page.click('#vereinsraum-check');
  await page.waitForFunction(
    () => document.querySelector('#vereinsraum-check-result').textContent !== '' && !document.querySelector('#vereinsraum-check').disabled,
    {
      polling: 50,
      timeout: 10000,
    },
  );
  return page.$eval('#vereinsraum-check-result', (result) => result.textContent.trim());
}
