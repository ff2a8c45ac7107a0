// `npm start`: install and build if needed, then serve the demo: the examples
// against the embedded default (server helper + BigBlueButton sandbox).
import { build, ensureInstalled } from './ensure.mjs';

ensureInstalled();
build();
const { startDemo } = await import('./demo.mjs');
const demo = await startDemo({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
console.log(`
Vereinsraum demo is running:

  ${demo.url}/                      club homepage (one script tag, two elements)
  ${demo.sandbox.url}/   conference sandbox (not a real conference server)

Moderator access code for the board room: ${demo.codes.moderator}
Stop with Ctrl+C.`);
const stop = () => demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
