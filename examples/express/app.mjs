// An existing Express app (a club's member area) that mounts Vereinsraum's
// server helper under /vereinsraum and serves the elements' bundle itself.
// Nothing here is specific to the demo except where the conference server
// comes from: pass your own BigBlueButton in `backend`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createHandler, parseConfig } from '@vereinsraum/server';
import { vereinsraum } from '@vereinsraum/server/express';

const here = dirname(fileURLToPath(import.meta.url));
// The CDN bundles, served from your own origin: no third-party request.
const cdn = join(dirname(createRequire(import.meta.url).resolve('@vereinsraum/elements/cdn/vereinsraum.js')));

/**
 * The club's app with Vereinsraum inside.
 * @param {{ url: string, secret: string }} backend A BigBlueButton (or Scalelite) API URL and its secret.
 */
export function createApp(backend) {
  const config = parseConfig(
    {
      backends: { bbb: { type: 'bbb', url: backend.url, secretEnv: 'BBB_SECRET' } },
      tenants: {
        'sv-beispiel': {
          name: 'SV Beispielheim',
          // The pages come from this app's own origin, which is always allowed. Behind a TLS proxy, pass
          // `{ publicOrigin: 'https://…' }` to the adapter, so that it knows that origin (see docs/npm.md).
          allowedOrigins: [],
          rooms: { training: { name: 'Online-Training', backend: 'bbb', start: 'anyone' } },
        },
      },
    },
    { BBB_SECRET: backend.secret },
  );
  const app = express();
  app.disable('x-powered-by');
  // Your own routes stay as they are.
  app.get('/api/news', (_req, res) => res.json([{ title: 'Training fällt am Montag aus' }]));
  // Vereinsraum's API under /vereinsraum: the elements get endpoint="/vereinsraum". Without a store the handler
  // has no background work; with one (bookings), call handler.start() once the app listens (see docs/npm.md).
  app.use('/vereinsraum', vereinsraum(createHandler(config)));
  app.use('/assets/vereinsraum', express.static(cdn, { immutable: true, maxAge: '1h' }));
  app.use(express.static(join(here, 'public')));
  return app;
}

// `node examples/express/app.mjs`: with BBB_URL and BBB_SECRET your BigBlueButton, otherwise the sandbox.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let backend = { url: process.env.BBB_URL, secret: process.env.BBB_SECRET };
  if (!backend.url || !backend.secret) {
    const { startSandbox } = await import('@vereinsraum/sandbox');
    const sandbox = await startSandbox({ secret: 'express-example-secret' });
    backend = { url: sandbox.apiUrl, secret: 'express-example-secret' };
    console.log(`No BBB_URL/BBB_SECRET given: using the built-in sandbox at ${sandbox.apiUrl}`);
  }
  const port = Number(process.env.PORT ?? 8081);
  createApp(backend).listen(port, '127.0.0.1', () => console.log(`Express example: http://127.0.0.1:${port}/`));
}
