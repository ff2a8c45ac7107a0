// The plugin on WordPress 6.5, where it prints its bundles as script modules
// (wp_enqueue_script_module) instead of rewriting a classic script tag as
// before 6.5 (Debian's 6.1, the other tests). Debian 12 has no 6.5:
// newerWordPress() gets it from the npm registry. An Author saves a post with
// the block and a post with each shortcode, an Editor edits both later, a
// visitor uses them in Chromium against `vereinsraum serve`; the block
// editor, whose canvas is an iframe here, previews the real element.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  LABEL,
  TENANT,
  blockPage,
  customHtml,
  editLater,
  installPlugin,
  save,
  shortcodePost,
  shownLabel,
  signIn,
  startClubSite,
  visit,
  whatSurvived,
} from './club-site.mjs';
import { addUser, newerWordPress } from './wordpress.mjs';

let club;
let users;
/** The Author's post with the block. */
let blockPost;

before(async () => {
  club = await startClubSite({ wordpress: await newerWordPress() });
  users = {
    author: await addUser(club.wp, { login: 'autorin', role: 'author' }),
    editor: await addUser(club.wp, { login: 'redaktion', role: 'editor' }),
  };
});
after(() => club?.close());

test('WordPress 6.5 with script modules; the plugin installs from its zip and activates', async () => {
  assert.deepEqual(await club.wp.php("return array( get_bloginfo( 'version' ), function_exists( 'wp_enqueue_script_module' ) );"), [
    '6.5.5',
    true,
  ]);
  await installPlugin(club.wp);
  await club.wp.php(
    `update_option( 'vereinsraum', array( 'server' => ${JSON.stringify(club.serve.url)}, 'tenant' => '${TENANT}' ) ); return true;`,
  );
});

test('an Author: the block and the shortcodes are kept after an Editor edits them; a visitor can use them, loaded as script modules with their hash', async () => {
  const page = await save(club.wp, users.author, { type: 'posts', content: blockPage(), title: 'Block' });
  const post = await save(club.wp, users.author, { type: 'posts', content: shortcodePost(), title: 'Shortcodes' });
  blockPost = page;
  assert.equal(page.raw, blockPage());
  assert.equal(post.raw, shortcodePost());
  assert.ok((await editLater(club.wp, users.editor, { type: 'posts', id: page.id })).startsWith(blockPage()));
  assert.ok((await editLater(club.wp, users.editor, { type: 'posts', id: post.id })).startsWith(shortcodePost()));
  for (const { link } of [page, post]) {
    const html = await (await fetch(link)).text();
    // Printed by WordPress's script modules (the id ends in -js-module), not by the plugin's tag filter for older versions.
    for (const id of ['vereinsraum', 'vereinsraum-booking']) {
      assert.match(html, new RegExp(`<script[^>]* id="${id}-js-module"[^>]*>`), `${id} as a script module`);
    }
    assert.doesNotMatch(html, /id="vereinsraum(-booking)?-js"/);
    await visit(club.browser, link, { serverUrl: club.serve.url });
  }
});

test("an Author's pasted element keeps its attributes and works", async () => {
  const saved = await save(club.wp, users.author, { type: 'posts', content: customHtml(club.embed), title: 'Eingefügt' });
  assert.equal(whatSurvived(saved.raw, club.serve.url), 'the element, without the script tag');
  await visit(club.browser, saved.link, { serverUrl: club.serve.url, status: false, booking: false });
});

test('the block editor previews the real element in its canvas, an iframe from WordPress 6.3 on', async () => {
  const { page, close } = await signIn(club.browser, club.wp.origin, users.editor);
  try {
    await page.goto(`${club.wp.origin}/wp-admin/post.php?post=${blockPost.id}&action=edit`, { waitUntil: 'load' });
    const canvas = await (await page.waitForSelector('iframe[name="editor-canvas"]', { timeout: 30000 })).contentFrame();
    const button = await canvas.waitForSelector('.wp-block-vereinsraum-embed verein-join-room >>> button[part="button"]', {
      visible: true,
      timeout: 30000,
    });
    assert.equal(await shownLabel(button), LABEL);
  } finally {
    await close();
  }
});

test('PHP logged nothing from the plugin', async () => {
  assert.deepEqual(
    (await club.wp.debugLog()).split('\n').filter((line) => line.includes('/plugins/vereinsraum/')),
    [],
  );
});
