// `npm start`: install and build if needed, then serve the demo: the examples
// (club homepage, city portal) against the embedded default (server helper +
// BigBlueButton and Jitsi sandbox).
import { build, ensureInstalled } from './ensure.mjs';

ensureInstalled();
build();
const { startDemo } = await import('./demo.mjs');
// Loopback unless HOST says otherwise (HOST=0.0.0.0 shows the demo to the network: it has demo secrets).
// ALLOWED_HOSTS: more names it answers to (comma-separated), e.g. the machine's name in the network.
const demo = await startDemo({
  port: Number(process.env.PORT ?? 8080),
  host: process.env.HOST ?? '127.0.0.1',
  allowedHosts: (process.env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
});
const rows = [
  [`${demo.url}/`, 'club homepage (one script tag: BigBlueButton rooms and an embedded Jitsi room)'],
  [demo.portalUrl, 'city portal (three tenants on one page, each with its own logo, colours and privacy notice)'],
  [`${demo.url}/buchen.html`, 'booking form (a video room or a chat room)'],
  [`${demo.url}/admin`, `the operator's booking list and usage report (admin token: ${demo.adminToken})`],
  [`${demo.url}/admin/outbox`, 'the mails the demo would have sent (the same admin token)'],
  [`${demo.sandbox.url}/`, 'BigBlueButton sandbox (not a real conference server)'],
  [`${demo.sandbox.jitsi.url}/`, 'Jitsi Meet sandbox (not a real conference server)'],
  [`${demo.sandbox.mattermost.url}/`, "Mattermost sandbox (not a real Mattermost): chat rooms, sign-up, the bot's messages"],
];
const width = Math.max(...rows.map(([address]) => address.length)) + 3;
console.log(`
Vereinsraum demo is running:

${rows.map(([address, what]) => `  ${address.padEnd(width)}${what}`).join('\n')}

Moderator access code for the board room: ${demo.codes.moderator}
Or open this invite link, which makes you its moderator without a code:
  ${demo.inviteLink}
A chat room: book one on the booking page, approve it at /admin, open the link
from the mail at /admin/outbox, create an account through the page's sign-up
link, then enter that user name. The chat's bot sends that account a message
with a code: open it with the join page's link (the Mattermost sandbox shows
the bot's messages), then enter the code on the join page.
Stop with Ctrl+C.`);
const stop = () => demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
