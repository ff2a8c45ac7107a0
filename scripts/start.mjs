// `npm start`: install and build if needed, then serve the demo: the examples
// against the embedded default (server helper + BigBlueButton sandbox).
import { build, ensureInstalled } from './ensure.mjs';

ensureInstalled();
build();
const { startDemo } = await import('./demo.mjs');
const demo = await startDemo({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
const width = Math.max(demo.url.length, demo.sandbox.url.length, demo.sandbox.jitsi.url.length, demo.sandbox.mattermost.url.length) + 3;
console.log(`
Vereinsraum demo is running:

  ${`${demo.url}/`.padEnd(width)}club homepage (one script tag: BigBlueButton rooms and an embedded Jitsi room)
  ${`${demo.url}/buchen.html`.padEnd(width)}booking form (a video room or a chat room)
  ${`${demo.url}/admin`.padEnd(width)}the operator's booking list (admin token: ${demo.adminToken})
  ${`${demo.url}/admin/outbox`.padEnd(width)}the mails the demo would have sent
  ${`${demo.sandbox.url}/`.padEnd(width)}BigBlueButton sandbox (not a real conference server)
  ${`${demo.sandbox.jitsi.url}/`.padEnd(width)}Jitsi Meet sandbox (not a real conference server)
  ${`${demo.sandbox.mattermost.url}/`.padEnd(width)}Mattermost sandbox (not a real Mattermost): chat rooms, sign-up

Moderator access code for the board room: ${demo.codes.moderator}
Or open this invite link, which makes you its moderator without a code:
  ${demo.inviteLink}
A chat room: book one on the booking page, approve it at /admin, open the link
from the mail at /admin/outbox, create an account through the page's sign-up
link, then enter that user name.
Stop with Ctrl+C.`);
const stop = () => demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
