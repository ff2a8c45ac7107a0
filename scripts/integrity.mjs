// Writes packages/elements/dist/cdn/integrity.json: the Subresource Integrity
// hash (sha384) of every CDN file (the entries, their lazy chunks in chunks/
// and the single-file builds in single/), for webmasters who host the bundles
// themselves or load them from another origin with `integrity="…"`.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../packages/elements/dist/cdn/', import.meta.url);
const names = (sub) =>
  existsSync(new URL(sub, dir))
    ? readdirSync(new URL(sub, dir))
        .filter((file) => file.endsWith('.js'))
        .map((file) => sub + file)
    : [];
const hashes = {};
for (const name of [...names(''), ...names('chunks/'), ...names('single/')].sort()) {
  hashes[name] = `sha384-${createHash('sha384')
    .update(readFileSync(new URL(name, dir)))
    .digest('base64')}`;
}
writeFileSync(new URL('integrity.json', dir), `${JSON.stringify(hashes, null, 2)}\n`);
