// Builds the WordPress plugin: `dist/vereinsraum.zip` (the folder
// `vereinsraum/` with the `.mo` and JSON translations made from the `.po`
// files), the zip WordPress installs under Plugins → Add New → Upload Plugin.
// `--pot` writes the translation template `vereinsraum/languages/vereinsraum.pot` instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { DOMAIN, SCRIPTS, extract, mo, parsePo, pluginFiles, pot, scriptJson } from './i18n.mjs';

const here = fileURLToPath(new URL('./', import.meta.url));
/** The plugin folder, as it is installed. */
export const source = join(here, 'vereinsraum');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of `files` (`[name, bytes]`), deflated, with a fixed date so that the same input gives the same zip. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const date = (1 << 5) | 1; // 1980-01-01
  for (const [name, bytes] of files) {
    const path = Buffer.from(name);
    const packed = deflateRawSync(bytes, { level: 9 });
    const crc = crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(path.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, zip 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(bytes.length, 24);
    central.writeUInt16LE(path.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, path, packed);
    centrals.push(central, path);
    offset += local.length + path.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The plugin's files as they are installed: the sources, and per `.po` its `.mo` and script JSON files. */
export function pluginContents() {
  const used = extract(source);
  const files = [];
  for (const file of pluginFiles(source)) {
    const bytes = readFileSync(join(source, file));
    files.push([`vereinsraum/${file}`, bytes]);
    const po = /^languages\/(.+)\.po$/.exec(file);
    if (!po) continue;
    const entries = parsePo(bytes.toString('utf8'));
    const locale = po[1].slice(DOMAIN.length + 1);
    files.push([`vereinsraum/languages/${po[1]}.mo`, mo(entries)]);
    for (const [handle, script] of Object.entries(SCRIPTS)) {
      files.push([`vereinsraum/languages/${DOMAIN}-${locale}-${handle}.json`, Buffer.from(scriptJson(entries, used, script))]);
    }
  }
  return files.sort(([a], [b]) => (a < b ? -1 : 1));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--pot')) {
    writeFileSync(join(source, 'languages/vereinsraum.pot'), pot(extract(source)));
  } else {
    mkdirSync(join(here, 'dist'), { recursive: true });
    writeFileSync(join(here, 'dist/vereinsraum.zip'), zip(pluginContents()));
  }
}
