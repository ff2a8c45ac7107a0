// Screenshots of the plugin for docs/embed.md: the block "Vereinsraum" in the
// block editor with its settings, and the published page, on Debian's
// WordPress against `vereinsraum serve` (the test harness of test/).
// Run after `npm run build`: node packages/wordpress/screenshots.mjs
import { fileURLToPath } from 'node:url';
import { ROOM, TENANT, blockPage, installPlugin, save, signIn, startClubSite } from './test/club-site.mjs';
import { addUser } from './test/wordpress.mjs';

const OUT = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };

const club = await startClubSite({});
try {
  await installPlugin(club.wp);
  await club.wp.php(
    `update_option( 'vereinsraum', array( 'server' => ${JSON.stringify(club.serve.url)}, 'tenant' => '${TENANT}' ) ); return true;`,
  );
  const editor = await addUser(club.wp, { login: 'redaktion', role: 'editor' });
  const page = await save(club.wp, editor, { content: blockPage(), title: 'Unser digitales Vereinsheim' });

  const { page: tab, close } = await signIn(club.browser, club.wp.origin, editor);
  try {
    await tab.setViewport(VIEWPORT);
    await tab.goto(`${club.wp.origin}/wp-admin/post.php?post=${page.id}&action=edit`, { waitUntil: 'load' });
    await tab.waitForSelector('.wp-block-vereinsraum-embed verein-join-room >>> button[part="button"]', { visible: true, timeout: 30000 });
    await tab.waitForFunction(() => document.querySelector('.wp-block-vereinsraum-embed verein-room-status')?.state === 'idle', {
      polling: 100,
    });
    await tab.evaluate((room) => {
      const block = window.wp.data
        .select('core/block-editor')
        .getBlocks()
        .find((b) => b.name === 'vereinsraum/embed' && b.attributes.room === room && (b.attributes.kind ?? 'join') === 'join');
      window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    }, ROOM);
    await tab.waitForSelector('.block-editor-block-inspector input', { visible: true });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the sidebar's opening animation
    await tab.screenshot({ path: `${OUT}wordpress-block-editor.png` });
  } finally {
    await close();
  }

  const context = await club.browser.createBrowserContext();
  try {
    const visitor = await context.newPage();
    await visitor.setViewport({ width: 1024, height: 900 });
    await visitor.goto(page.link, { waitUntil: 'load' });
    await visitor.waitForSelector('verein-join-room >>> button[part="button"]', { visible: true });
    await visitor.waitForFunction(() => document.querySelector('verein-room-status')?.state === 'idle', { polling: 100 });
    await visitor.waitForFunction(() => document.querySelector('verein-room-booking')?.state === 'form', { polling: 100 });
    await visitor.screenshot({ path: `${OUT}wordpress-page.png`, fullPage: true });
  } finally {
    await context.close();
  }
  console.log(`docs/images/wordpress-block-editor.png, docs/images/wordpress-page.png`);
} finally {
  await club.close();
}
