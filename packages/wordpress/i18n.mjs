// The plugin's translations with WordPress's own tools' formats, made without
// them: the strings of the PHP and JavaScript sources, block.json and the
// plugin header (a `.pot` template), and from a `.po` file the `.mo` file PHP
// reads and the JSON (Jed) files the editor's scripts read.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DOMAIN = 'vereinsraum';

/** Script handles and the file each one is: their strings go into `DOMAIN-LOCALE-HANDLE.json`. */
export const SCRIPTS = { 'vereinsraum-block-editor': 'block/editor.js', 'vereinsraum-settings': 'admin/settings.js' };

/** The files of the plugin folder `dir`, relative, sorted. */
export function pluginFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

const STRING = String.raw`'((?:[^'\\]|\\.)*)'`;
/** Gettext calls with a single-quoted text, the domain last: [function names, whether a context comes second]. */
const CALLS = [
  [['__', '_e', 'esc_html__', 'esc_html_e', 'esc_attr__', 'esc_attr_e'], false],
  [['_x', 'esc_html_x', 'esc_attr_x'], true],
];

/** The key of an entry in `.mo` and JSON files: the context, EOT, the text. */
const keyOf = (entry) => (entry.msgctxt === undefined ? entry.msgid : `${entry.msgctxt}\u0004${entry.msgid}`);

const unquote = (text) => text.replace(/\\(['\\])/g, '$1');

/**
 * Every translatable string of the plugin folder `dir`: `{ msgid, msgctxt?,
 * comment?, references[] }`, in order of first appearance. A string in a call
 * that names another domain, or is not a plain single-quoted text, is an error.
 */
export function extract(dir) {
  const entries = new Map();
  const add = (msgid, reference, { msgctxt, comment } = {}) => {
    const key = `${msgctxt ?? ''}\u0004${msgid}`;
    const entry = entries.get(key) ?? { msgid, ...(msgctxt === undefined ? {} : { msgctxt }), references: [] };
    if (comment && !entry.comment) entry.comment = comment;
    entry.references.push(reference);
    entries.set(key, entry);
  };
  for (const file of pluginFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const line = (index) => text.slice(0, index).split('\n').length;
    if (file === 'vereinsraum.php') {
      for (const field of ['Plugin Name', 'Description', 'Author']) {
        const match = new RegExp(`^ \\* ${field}:\\s+(.+)$`, 'm').exec(text);
        if (match) add(match[1].trim(), `${file}`, { comment: `${field} of the plugin` });
      }
    }
    if (file === 'block/block.json') {
      const block = JSON.parse(text);
      add(block.title, file, { msgctxt: 'block title' });
      add(block.description, file, { msgctxt: 'block description' });
      for (const keyword of block.keywords ?? []) add(keyword, file, { msgctxt: 'block keyword' });
    }
    if (!/\.(php|js)$/.test(file)) continue;
    for (const [names, withContext] of CALLS) {
      const pattern = new RegExp(
        String.raw`(?:/\*\s*translators:\s*((?:(?!\*/)[\s\S])*?)\s*\*/\s*)?\b(?:${names.join('|')})\(\s*${STRING}\s*,\s*${withContext ? `${STRING}\\s*,\\s*` : ''}'([^']*)'\s*,?\s*\)`,
        'g',
      );
      for (const match of text.matchAll(pattern)) {
        const [, comment, msgid, second, third] = match;
        const domain = withContext ? third : second;
        if (domain !== DOMAIN) throw new Error(`${file}:${line(match.index)}: text domain '${domain}', not '${DOMAIN}'`);
        add(unquote(msgid), `${file}:${line(match.index)}`, {
          ...(withContext ? { msgctxt: unquote(second) } : {}),
          ...(comment ? { comment } : {}),
        });
      }
    }
    const loose = [...text.matchAll(/\b(?:__|_e|_x|_n|esc_html__|esc_html_e|esc_attr__|esc_attr_e|esc_html_x|esc_attr_x)\(/g)].length;
    const found = [...entries.values()].reduce((sum, entry) => sum + entry.references.filter((r) => r.startsWith(`${file}:`)).length, 0);
    if (loose !== found)
      throw new Error(`${file}: ${loose - found} translation call(s) that are not a single-quoted text with the domain '${DOMAIN}'`);
  }
  return [...entries.values()];
}

/** A PO string, quoted (long ones are not wrapped). */
const quote = (text) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;

/** The `.pot` template of `entries`. */
export function pot(entries) {
  const header = [
    '# Translations of the Vereinsraum plugin for WordPress.',
    '# This file is made by `node packages/wordpress/build.mjs --pot`.',
    'msgid ""',
    'msgstr ""',
    '"Project-Id-Version: Vereinsraum\\n"',
    '"MIME-Version: 1.0\\n"',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    `"X-Domain: ${DOMAIN}\\n"`,
    '',
  ];
  const body = entries.map((entry) =>
    [
      ...(entry.comment ? [`#. ${entry.comment}`] : []),
      `#: ${entry.references.join(' ')}`,
      ...(entry.msgctxt === undefined ? [] : [`msgctxt ${quote(entry.msgctxt)}`]),
      `msgid ${quote(entry.msgid)}`,
      'msgstr ""',
      '',
    ].join('\n'),
  );
  return `${header.join('\n')}\n${body.join('\n')}`;
}

/** The entries of a `.po` (or `.pot`) text: `{ msgctxt?, msgid, msgstr, references[] }`, the header as msgid "". */
export function parsePo(text) {
  const entries = [];
  let entry = { references: [] };
  let field;
  const finish = () => {
    if (entry.msgid !== undefined) entries.push(entry);
    entry = { references: [] };
    field = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (line.startsWith('#:')) entry.references.push(...line.slice(2).trim().split(/\s+/));
    if (line.startsWith('#')) continue;
    const match = /^(msgctxt|msgid|msgstr)\s+(".*")$/.exec(line);
    if (match) {
      field = match[1];
      entry[field] = JSON.parse(match[2]);
    } else if (/^".*"$/.test(line) && field) entry[field] += JSON.parse(line);
    else throw new Error(`cannot read this line of a PO file: ${line}`);
  }
  finish();
  return entries;
}

/** The headers of a parsed PO file (`Language`, `Plural-Forms`, …). */
export function poHeaders(entries) {
  const header = entries.find((entry) => entry.msgid === '' && entry.msgctxt === undefined);
  return Object.fromEntries(
    (header?.msgstr ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/** A GNU `.mo` file (little-endian, no hash table) of the translated entries. */
export function mo(entries) {
  const keyed = entries
    .filter((entry) => entry.msgid === '' || entry.msgstr)
    .map((entry) => [Buffer.from(keyOf(entry)), Buffer.from(entry.msgstr)])
    .sort(([a], [b]) => Buffer.compare(a, b));
  const count = keyed.length;
  const tables = 28;
  let offset = tables + count * 16;
  const head = Buffer.alloc(offset);
  head.writeUInt32LE(0x950412de, 0);
  head.writeUInt32LE(0, 4);
  head.writeUInt32LE(count, 8);
  head.writeUInt32LE(tables, 12);
  head.writeUInt32LE(tables + count * 8, 16);
  head.writeUInt32LE(0, 20);
  head.writeUInt32LE(offset, 24);
  const data = [];
  keyed.forEach(([original], i) => {
    head.writeUInt32LE(original.length, tables + i * 8);
    head.writeUInt32LE(offset, tables + i * 8 + 4);
    data.push(original, Buffer.from([0]));
    offset += original.length + 1;
  });
  keyed.forEach(([, translation], i) => {
    head.writeUInt32LE(translation.length, tables + count * 8 + i * 8);
    head.writeUInt32LE(offset, tables + count * 8 + i * 8 + 4);
    data.push(translation, Buffer.from([0]));
    offset += translation.length + 1;
  });
  return Buffer.concat([head, ...data]);
}

/**
 * The JSON (Jed 1.x) translations, as WordPress's load_script_textdomain()
 * reads them, of the strings that `file` (a script of SCRIPTS) uses:
 * `translated` is a parsed `.po`, `used` what extract() found.
 */
export function scriptJson(translated, used, file) {
  const headers = poHeaders(translated);
  const keys = new Set(used.filter((entry) => entry.references.some((reference) => reference.split(':')[0] === file)).map(keyOf));
  const messages = {
    '': { domain: 'messages', lang: headers.Language ?? '', 'plural-forms': headers['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);' },
  };
  for (const entry of translated) {
    if (entry.msgid && entry.msgstr && keys.has(keyOf(entry))) messages[keyOf(entry)] = [entry.msgstr];
  }
  return `${JSON.stringify({ domain: 'messages', locale_data: { messages } })}\n`;
}
