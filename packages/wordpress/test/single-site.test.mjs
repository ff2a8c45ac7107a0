// The plugin on a single WordPress site (Debian's 6.1, German), against
// `vereinsraum serve` on another origin. First what the README's two lines
// become without the plugin, saved by each role through the REST API as the
// block editor saves; then the plugin from its zip, its settings page, and for
// each role a page with the block and a post with each shortcode, edited later
// by another role, opened by a visitor in Chromium. The table of
// docs/embed.md must say what was found.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  LABEL,
  OTHER_TENANT,
  ROOM,
  TENANT,
  blockPage,
  check,
  customHtml,
  docsTable,
  editLater,
  fill,
  installPlugin,
  save,
  shortcodePost,
  shownLabel,
  signIn,
  startClubSite,
  visit,
  whatSurvived,
} from './club-site.mjs';
import { freePort } from '../../../test/e2e/city-server.mjs';
import { addUser } from './wordpress.mjs';

/** The table's rows: name, role, what they write (Authors and Contributors write posts, not pages), who edits later (someone who may edit others' posts). */
const ROWS = [
  { name: 'Administrator', role: 'administrator', type: 'pages', later: 'editor' },
  { name: 'Editor', role: 'editor', type: 'pages', later: 'administrator' },
  { name: 'Author', role: 'author', type: 'posts', later: 'editor' },
  { name: 'Contributor', role: 'contributor', type: 'posts', later: 'editor' },
];
const mayPublish = (role) => role !== 'contributor';

let club;
let users;
/** What was found, per row: [without the plugin, pasted with the plugin, block and shortcodes]. */
const found = new Map(ROWS.map(({ name }) => [name, []]));
/** The page with the block that the Editor saved (for the editor's preview). */
let editorsPage;

before(async () => {
  club = await startClubSite({ locale: 'de_DE' });
  users = {
    administrator: await addUser(club.wp, { login: 'verwaltung', role: 'administrator' }),
    editor: await addUser(club.wp, { login: 'redaktion', role: 'editor' }),
    author: await addUser(club.wp, { login: 'autorin', role: 'author' }),
    contributor: await addUser(club.wp, { login: 'mitarbeit', role: 'contributor' }),
  };
});
after(() => club?.close());

test("without the plugin, the README's two lines in a Custom HTML block survive only for Administrators and Editors", async () => {
  for (const { name, role, type } of ROWS) {
    const { raw } = await save(club.wp, users[role], {
      type,
      content: customHtml(club.embed),
      title: `Ohne Plugin (${name})`,
      publish: mayPublish(role),
    });
    found.get(name).push(whatSurvived(raw, club.serve.url));
  }
  assert.deepEqual(
    ROWS.map(({ name }) => found.get(name)[0]),
    ['kept', 'kept', 'only the label text', 'only the label text'],
  );
});

test('the plugin installs from its zip and activates', () => installPlugin(club.wp));

test('settings page (German): the check says whether this site may use the tenant; bad input is refused and the old value kept', async () => {
  const { page, close } = await signIn(club.browser, club.wp.origin, users.administrator);
  try {
    await page.goto(`${club.wp.origin}/wp-admin/options-general.php?page=vereinsraum`, { waitUntil: 'load' });
    assert.equal(await page.$eval('#vereinsraum-check', (b) => b.textContent), 'Verbindung prüfen');
    assert.match(await check(page), /^Tragen Sie zuerst die Server-Adresse und den Mandanten ein\.$/);

    await fill(page, '#vereinsraum-server', club.serve.url);
    await fill(page, '#vereinsraum-tenant', OTHER_TENANT);
    assert.equal(
      await check(page),
      `Diese Website (${club.wp.origin}) ist für „${OTHER_TENANT}“ noch nicht freigeschaltet. Bitten Sie Ihren Vereinsraum-Betreiber, ${club.wp.origin} bei den erlaubten Ursprüngen des Mandanten (allowedOrigins) einzutragen. Bis dahin sehen Besucher statt des Knopfs eine Entschuldigung.`,
    );
    await fill(page, '#vereinsraum-tenant', 'gibt-es-nicht');
    assert.match(await check(page), /^Der Server kennt den Mandanten „gibt-es-nicht“ nicht\./);
    await fill(page, '#vereinsraum-tenant', TENANT);
    assert.equal(
      await check(page),
      `Alles bereit: Seiten dieser Website (${club.wp.origin}) dürfen den Mandanten „${TENANT}“ (TSV Musterstadt 1890 e. V.) nutzen.`,
    );
    const unused = `http://127.0.0.1:${await freePort()}`;
    await fill(page, '#vereinsraum-server', unused);
    assert.match(await check(page), new RegExp(`^Keine Antwort von ${unused.replace(/\./g, '\\.')}\\.`));

    // Saved with a server address the browser takes but the plugin does not (no https): refused, the rest saved.
    await fill(page, '#vereinsraum-server', 'http://vereinsraum.example-stadt.de');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#submit')]);
    assert.match(
      await page.$eval('.notice-error, .error', (n) => n.textContent),
      /„http:\/\/vereinsraum\.example-stadt\.de“ ist keine Server-Adresse\./,
    );
    assert.deepEqual(await club.wp.php("return get_option( 'vereinsraum' );"), { server: '', tenant: TENANT });

    await fill(page, '#vereinsraum-server', `${club.serve.url}/`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#submit')]);
    assert.deepEqual(await club.wp.php("return get_option( 'vereinsraum' );"), { server: club.serve.url, tenant: TENANT });
  } finally {
    await close();
  }
});

test('with the plugin, a pasted element keeps its attributes for every role, and works without the script tag', async () => {
  for (const { name, role, type } of ROWS) {
    const saved = await save(club.wp, users[role], {
      type,
      content: customHtml(club.embed),
      title: `Eingefügt (${name})`,
      publish: mayPublish(role),
    });
    found.get(name).push(whatSurvived(saved.raw, club.serve.url));
    if (role === 'author') await visit(club.browser, saved.link, { serverUrl: club.serve.url, status: false, booking: false });
  }
  const stripped = 'the element, without the script tag';
  assert.deepEqual(
    ROWS.map(({ name }) => found.get(name)[1]),
    ['kept', 'kept', stripped, stripped],
  );
});

for (const { name, role, type, later } of ROWS) {
  test(`${name}: the block and the shortcodes are kept, also after a later edit by the ${later}${mayPublish(role) ? '; a visitor can use them' : ''}`, async () => {
    const publish = mayPublish(role);
    const page = await save(club.wp, users[role], { type, content: blockPage(), title: `Block (${name})`, publish });
    const post = await save(club.wp, users[role], { type: 'posts', content: shortcodePost(), title: `Shortcodes (${name})`, publish });
    assert.equal(page.raw, blockPage());
    assert.equal(post.raw, shortcodePost());
    assert.ok((await editLater(club.wp, users[later], { type, id: page.id })).startsWith(blockPage()));
    assert.ok((await editLater(club.wp, users[later], { type: 'posts', id: post.id })).startsWith(shortcodePost()));
    found.get(name).push('kept');
    if (role === 'editor') editorsPage = page;
    if (!publish) return;
    await visit(club.browser, page.link, { serverUrl: club.serve.url });
    await visit(club.browser, post.link, { serverUrl: club.serve.url });
  });
}

test('the element is written with escaped attributes and label; an id that is not one shows visitors nothing and editors why', async () => {
  const render = (user) =>
    club.wp.php(`wp_set_current_user( ${user} );
      return array(
        do_shortcode( '[vereinsraum_join room="Vereinsheim"]<img src=x onerror=alert(1)> "Tor" & Co[/vereinsraum_join]' ),
        render_block( parse_blocks( '<!-- wp:vereinsraum/embed {"room":"vereinsheim","label":"\\u003c/verein-join-room\\u003e\\u003cscript\\u003ex()\\u003c/script\\u003e"} /-->' )[0] ),
        do_shortcode( '[vereinsraum_status room="vereins heim<script>"]' ),
        do_shortcode( '[vereinsraum_booking tenant="tsv\\" onclick=\\"x"]' ),
      );`);
  const element = (label) => `<verein-join-room endpoint="${club.serve.url}" tenant="${TENANT}" room="${ROOM}">${label}</verein-join-room>`;
  const [shortcode, block, badRoom, badTenant] = await render(0);
  assert.equal(shortcode, element('&quot;Tor&quot; &amp; Co'));
  assert.equal(
    block,
    `<div class="wp-block-vereinsraum-embed">${element('&lt;/verein-join-room&gt;&lt;script&gt;x()&lt;/script&gt;')}</div>`,
  );
  assert.equal(badRoom, '');
  assert.equal(badTenant, '');
  const asEditor = await render(users.editor.id);
  assert.equal(
    asEditor[2],
    '<p class="vereinsraum-missing">Vereinsraum: Besucher sehen dieses Element noch nicht. Es fehlt: der Raum.</p>',
  );
  assert.match(asEditor[3], /^<p class="vereinsraum-missing">Vereinsraum: [^<]*Mandant[^<]*<\/p>$/);
});

test('a page without an element loads nothing of Vereinsraum', async () => {
  const page = await save(club.wp, users.editor, {
    content: '<!-- wp:paragraph -->\n<p>Training ist montags.</p>\n<!-- /wp:paragraph -->',
    title: 'Training',
  });
  const html = await (await fetch(page.link)).text();
  assert.match(html, /Training ist montags/);
  assert.doesNotMatch(html, /vereinsraum|\/cdn\//i);
});

test('the block editor previews the real element: the join button with its label, the status', async () => {
  const { page, close } = await signIn(club.browser, club.wp.origin, users.editor);
  try {
    await page.goto(`${club.wp.origin}/wp-admin/post.php?post=${editorsPage.id}&action=edit`, { waitUntil: 'load' });
    const button = await page.waitForSelector('.wp-block-vereinsraum-embed verein-join-room >>> button[part="button"]', {
      visible: true,
      timeout: 30000,
    });
    assert.equal(await shownLabel(button), LABEL);
    assert.equal(await page.$eval('.wp-block-vereinsraum-embed verein-join-room', (el) => el.getAttribute('room')), ROOM);
    await page.waitForFunction(() => document.querySelector('.wp-block-vereinsraum-embed verein-room-status')?.state === 'idle', {
      polling: 100,
      timeout: 15000,
    });
  } finally {
    await close();
  }
});

test('the table in docs/embed.md says what survives on a single site', async () => {
  assert.deepEqual(
    await docsTable('single site'),
    ROWS.map(({ name }) => [name, ...found.get(name)]),
  );
});

test('PHP logged nothing from the plugin', async () => {
  assert.deepEqual(
    (await club.wp.debugLog()).split('\n').filter((line) => line.includes('/plugins/vereinsraum/')),
    [],
  );
});
