// Writes packages/elements/dist/cdn/integrity.json: the Subresource Integrity
// hash (sha384) of every CDN bundle, for webmasters who host the bundle
// themselves or load it from another origin with `integrity="…"`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../packages/elements/dist/cdn/', import.meta.url);
const hashes = {};
for (const name of readdirSync(dir)
  .filter((file) => file.endsWith('.js'))
  .sort()) {
  hashes[name] = `sha384-${createHash('sha384')
    .update(readFileSync(new URL(name, dir)))
    .digest('base64')}`;
}
writeFileSync(new URL('integrity.json', dir), `${JSON.stringify(hashes, null, 2)}\n`);
