// The plugin on a city's WordPress network (Debian's 6.1, English) with a
// club's sub-site at /club/, against `vereinsraum serve` on another origin.
// Only the network's Super Admin may post unfiltered HTML there. First what
// the README's two lines become without the plugin (also when a site
// Administrator later edits a Super Admin's page); then the plugin from its
// zip, active for the network, the network's server address and the club's
// tenant, and for each role of the sub-site a page with the block and a post
// with each shortcode, edited later by another role, opened by a visitor in
// Chromium. The table of docs/embed.md must say what was found.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
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
  signIn,
  startClubSite,
  visit,
  whatSurvived,
} from './club-site.mjs';
import { addUser } from './wordpress.mjs';

const CLUB = '/club/';
/** The table's rows: name, role on the sub-site, what they write, who edits later. */
const ROWS = [
  { name: 'Super Admin', role: 'superAdmin', type: 'pages', later: 'administrator' },
  { name: 'site Administrator', role: 'administrator', type: 'pages', later: 'editor' },
  { name: 'Editor', role: 'editor', type: 'pages', later: 'administrator' },
  { name: 'Author', role: 'author', type: 'posts', later: 'editor' },
];

let club;
let users;
/** What was found, per row: [without the plugin, pasted with the plugin, block and shortcodes]. */
const found = new Map(ROWS.map(({ name }) => [name, []]));

before(async () => {
  club = await startClubSite({ multisite: true });
  users = {
    superAdmin: await addUser(club.wp, { login: 'stadt-it', role: 'administrator', superAdmin: true }),
    administrator: await addUser(club.wp, { login: 'verwaltung', role: 'administrator', site: CLUB }),
    editor: await addUser(club.wp, { login: 'redaktion', role: 'editor', site: CLUB }),
    author: await addUser(club.wp, { login: 'autorin', role: 'author', site: CLUB }),
  };
  // The Super Admin works on the club's site too, as the city's support does.
  await club.wp.php(`add_user_to_blog( get_current_blog_id(), ${users.superAdmin.id}, 'administrator' ); return true;`, CLUB);
});
after(() => club?.close());

test("without the plugin, the README's two lines survive only for the Super Admin, and only until a site Administrator edits the page", async () => {
  for (const { name, role, type } of ROWS) {
    const { raw } = await save(club.wp, users[role], {
      type,
      content: customHtml(club.embed),
      title: `Without the plugin (${name})`,
      site: CLUB,
    });
    found.get(name).push(whatSurvived(raw, club.serve.url));
  }
  assert.deepEqual(
    ROWS.map(({ name }) => found.get(name)[0]),
    ['kept', 'only the label text', 'only the label text', 'only the label text'],
  );
  const page = await save(club.wp, users.superAdmin, { content: customHtml(club.embed), title: 'Saved by the city', site: CLUB });
  assert.equal(
    whatSurvived(await editLater(club.wp, users.administrator, { id: page.id, site: CLUB }), club.serve.url),
    'only the label text',
  );
});

test('the plugin installs from its zip and is activated for the network', () => installPlugin(club.wp, { network: true }));

test("settings: the city sets the server for the network, the club its tenant; the check on the club's site says it is ready", async () => {
  const city = await signIn(club.browser, club.wp.origin, users.superAdmin);
  try {
    await city.page.goto(`${club.wp.origin}/wp-admin/network/settings.php?page=vereinsraum`, { waitUntil: 'load' });
    await fill(city.page, '#vereinsraum-server', club.serve.url);
    await Promise.all([city.page.waitForNavigation({ waitUntil: 'load' }), city.page.click('#submit')]);
    assert.equal(await city.page.$eval('.notice-success', (n) => n.textContent.trim()), 'Settings saved.');
    assert.deepEqual(await club.wp.php("return get_site_option( 'vereinsraum_network' );"), { server: club.serve.url, tenant: '' });
  } finally {
    await city.close();
  }

  const { page, close } = await signIn(club.browser, club.wp.origin, users.administrator, CLUB);
  try {
    await page.goto(`${club.wp.origin}${CLUB}wp-admin/options-general.php?page=vereinsraum`, { waitUntil: 'load' });
    assert.equal(
      await page.$eval('#vereinsraum-server', (input) => input.placeholder),
      club.serve.url,
      "the network's server shows as the placeholder",
    );
    await fill(page, '#vereinsraum-tenant', TENANT);
    assert.equal(
      await check(page),
      `All set: pages of this site (${club.wp.origin}) may use the tenant “${TENANT}” (TSV Musterstadt 1890 e. V.).`,
    );
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#submit')]);
    assert.deepEqual(await club.wp.php("return get_option( 'vereinsraum' );", CLUB), { server: '', tenant: TENANT });
  } finally {
    await close();
  }
});

test("with the plugin, a pasted element keeps its attributes for every role, also a Super Admin's after a site Administrator's edit", async () => {
  for (const { name, role, type } of ROWS) {
    const saved = await save(club.wp, users[role], { type, content: customHtml(club.embed), title: `Pasted (${name})`, site: CLUB });
    found.get(name).push(whatSurvived(saved.raw, club.serve.url));
  }
  const stripped = 'the element, without the script tag';
  assert.deepEqual(
    ROWS.map(({ name }) => found.get(name)[1]),
    ['kept', stripped, stripped, stripped],
  );
  const page = await save(club.wp, users.superAdmin, {
    content: customHtml(club.embed),
    title: 'Saved by the city, with the plugin',
    site: CLUB,
  });
  assert.equal(
    whatSurvived(await editLater(club.wp, users.administrator, { id: page.id, site: CLUB }), club.serve.url),
    'the element, without the script tag',
  );
  await visit(club.browser, page.link, { serverUrl: club.serve.url, status: false, booking: false });
});

for (const { name, role, type, later } of ROWS) {
  test(`${name}: the block and the shortcodes are kept, also after a later edit by the ${later}; a visitor can use them`, async () => {
    const page = await save(club.wp, users[role], { type, content: blockPage(), title: `Block (${name})`, site: CLUB });
    const post = await save(club.wp, users[role], { type: 'posts', content: shortcodePost(), title: `Shortcodes (${name})`, site: CLUB });
    assert.equal(page.raw, blockPage());
    assert.equal(post.raw, shortcodePost());
    assert.ok((await editLater(club.wp, users[later], { type, id: page.id, site: CLUB })).startsWith(blockPage()));
    assert.ok((await editLater(club.wp, users[later], { type: 'posts', id: post.id, site: CLUB })).startsWith(shortcodePost()));
    found.get(name).push('kept');
    assert.ok(page.link.startsWith(`${club.wp.origin}${CLUB}`), page.link);
    await visit(club.browser, page.link, { serverUrl: club.serve.url });
    await visit(club.browser, post.link, { serverUrl: club.serve.url });
  });
}

test("deleting the plugin removes its settings from every site of the network, also beyond the first 100, and the network's", async () => {
  // 100 more sites, each a row and an options table: what uninstalling touches
  // (a fully set up site takes about a second).
  const result = await club.wp.php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    require_once ABSPATH . 'wp-admin/includes/file.php';
    global $wpdb;
    wp_set_current_user( 1 );
    for ( $i = 1; $i <= 100; $i++ ) {
      $now = current_time( 'mysql', true );
      $wpdb->insert( $wpdb->blogs, array( 'site_id' => 1, 'domain' => 'localhost', 'path' => "/verein-$i/", 'registered' => $now, 'last_updated' => $now, 'public' => 1 ) );
      $last = $wpdb->insert_id;
      $wpdb->query( 'CREATE TABLE ' . $wpdb->get_blog_prefix( $last ) . 'options LIKE ' . $wpdb->get_blog_prefix( 2 ) . 'options' );
    }
    update_blog_option( $last, 'vereinsraum', array( 'server' => '', 'tenant' => 'verein-100' ) );
    $before = array( count( get_sites( array( 'number' => 0 ) ) ), get_blog_option( 2, 'vereinsraum' ), get_blog_option( $last, 'vereinsraum' ) );
    deactivate_plugins( 'vereinsraum/vereinsraum.php', true, true );
    $deleted = delete_plugins( array( 'vereinsraum/vereinsraum.php' ) );
    return array( $before, $deleted, get_blog_option( 2, 'vereinsraum', 'gone' ), get_blog_option( $last, 'vereinsraum', 'gone' ), get_site_option( 'vereinsraum_network', 'gone' ) );`);
  assert.deepEqual(result, [[102, { server: '', tenant: TENANT }, { server: '', tenant: 'verein-100' }], true, 'gone', 'gone', 'gone']);
});

test('the table in docs/embed.md says what survives on a network', async () => {
  assert.deepEqual(
    await docsTable('network'),
    ROWS.map(({ name }) => [name, ...found.get(name)]),
  );
});

test('PHP logged nothing from the plugin', async () => {
  assert.deepEqual(
    (await club.wp.debugLog()).split('\n').filter((line) => line.includes('/plugins/vereinsraum/')),
    [],
  );
});
