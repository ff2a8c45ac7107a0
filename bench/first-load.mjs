// What a page downloads before the first click: a CDN entry and every chunk
// it imports statically (the lazy chunks it loads with `import()` later are
// left out), each file gzipped on its own as a server sends it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The static imports of a minified module: `import … from "./x.js"` and `import "./x.js"` (not `import(…)`). */
function staticImports(code) {
  const found = [];
  for (const match of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) found.push(match[1]);
  for (const match of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g)) found.push(match[1]);
  return found;
}

/** Every file `entry` loads before its first dynamic import: its path relative to `root`, and its gzipped size. */
export function firstLoad(entry, root = dirname(entry)) {
  const files = new Map();
  const visit = (file) => {
    const key = relative(root, file);
    if (files.has(key)) return;
    const code = readFileSync(file);
    files.set(key, gzipSync(code, { level: 9 }).length);
    for (const specifier of staticImports(code.toString('utf8'))) visit(join(dirname(file), specifier));
  };
  visit(entry);
  return { files, total: [...files.values()].reduce((sum, size) => sum + size, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const entry of process.argv.slice(2)) {
    const { files, total } = firstLoad(entry);
    console.log(`${entry}: ${total} bytes gzipped in ${files.size} files`);
    for (const [file, size] of files) console.log(`  ${file} ${size}`);
  }
}
