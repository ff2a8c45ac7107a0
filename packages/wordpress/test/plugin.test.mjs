// The plugin's files without a running WordPress: every PHP file passes
// `php -l` and the WordPress layout rules of phpcs.xml (PHP_CodeSniffer from
// Debian's php-codesniffer); readme.txt is in the format of WordPress's plugin
// directory, in English and German; the zip of `npm run wordpress:zip` holds
// the plugin folder with its compiled translations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { pluginContents, source, zip } from '../build.mjs';
import { extract, parsePo, pot } from '../i18n.mjs';

const here = fileURLToPath(new URL('../', import.meta.url));
const PHP_FILES = [...readdirSync(here, { recursive: true })]
  .filter((path) => path.endsWith('.php') && !path.startsWith('dist/'))
  .map((path) => join(here, path))
  .sort();

/** Runs `program` (a Debian package's, named in the error when it is missing). */
function run(program, args, pkg) {
  const result = spawnSync(program, args, { encoding: 'utf8', cwd: here });
  if (result.error?.code === 'ENOENT') throw new Error(`${program} not found: apt-get install ${pkg} (.ci/run does)`);
  return result;
}

const phpcs = (files) => run('phpcs', ['--standard=phpcs.xml', '--report=emacs', '-s', ...files], 'php-codesniffer');

test('every PHP file of the plugin and its tests passes php -l', () => {
  assert.ok(PHP_FILES.length >= 6, PHP_FILES.join(', '));
  for (const file of PHP_FILES) {
    const lint = run('php', ['-l', file], 'php-cli');
    assert.equal(lint.status, 0, `${relative(here, file)}:\n${lint.stdout}${lint.stderr}`);
    assert.match(lint.stdout, /^No syntax errors detected/);
  }
});

test('php -l and phpcs.xml catch what they are for', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-php-'));
  try {
    const broken = join(dir, 'broken.php');
    await writeFile(broken, "<?php\n/**\n * Broken.\n *\n * @package Vereinsraum\n */\n\necho 'open;\n");
    assert.notEqual(run('php', ['-l', broken], 'php-cli').status, 0);
    const untidy = join(dir, 'untidy.php');
    await writeFile(
      untidy,
      '<?php\n/**\n * Untidy.\n *\n * @package Vereinsraum\n */\n\nfunction vereinsraum_untidy($a) {\n    if ($a) return [ $a ];\n}\n',
    );
    const found = phpcs([untidy]);
    assert.notEqual(found.status, 0);
    for (const rule of [
      'DisallowSpaceIndent',
      'FunctionComment.Missing',
      'InlineControlStructure',
      'DisallowShortArraySyntax',
      'FunctionDeclarationArgumentSpacing',
    ]) {
      assert.ok(found.stdout.includes(rule), `${rule} in:\n${found.stdout}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("every PHP file of the plugin and its tests keeps WordPress's layout rules (phpcs.xml)", () => {
  const result = phpcs(PHP_FILES);
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

/** readme.txt: the header fields, the short description, the sections. */
function parseReadme(text) {
  const [head, ...rest] = text.split(/^== /m);
  const lines = head.trim().split('\n');
  const name = /^=== (.+) ===$/.exec(lines[0])?.[1];
  const fields = {};
  let at = 1;
  for (; at < lines.length && /^[\w ]+: /.test(lines[at]); at++) {
    const [, key, value] = /^([\w ]+): (.*)$/.exec(lines[at]);
    fields[key] = value;
  }
  const summary = lines.slice(at).join('\n').trim();
  const sections = Object.fromEntries(rest.map((part) => [part.slice(0, part.indexOf(' ==')), part.slice(part.indexOf('\n') + 1)]));
  return { name, fields, summary, sections };
}

test("readme.txt is in the plugin directory's format, its versions are the plugin's, in English and German", () => {
  const readme = parseReadme(readFileSync(join(source, 'readme.txt'), 'utf8'));
  const header = readFileSync(join(source, 'vereinsraum.php'), 'utf8');
  const plugin = (field) => new RegExp(`^ \\* ${field}:\\s+(.+)$`, 'm').exec(header)?.[1];
  assert.equal(readme.name, plugin('Plugin Name'));
  for (const field of [
    'Contributors',
    'Tags',
    'Requires at least',
    'Tested up to',
    'Requires PHP',
    'Stable tag',
    'License',
    'License URI',
  ]) {
    assert.ok(readme.fields[field], `readme.txt has "${field}:"`);
  }
  assert.equal(readme.fields['Stable tag'], plugin('Version'));
  assert.equal(readme.fields['Requires at least'], plugin('Requires at least'));
  assert.equal(readme.fields['Requires PHP'], plugin('Requires PHP'));
  assert.equal(readme.fields.License, plugin('License'));
  assert.ok(readme.fields.Tags.split(',').length <= 5, 'at most five tags');
  assert.ok(
    readme.summary.length > 0 && readme.summary.length <= 150,
    `a short description of at most 150 characters: ${readme.summary.length}`,
  );
  assert.deepEqual(Object.keys(readme.sections), ['Description', 'Installation', 'Frequently Asked Questions', 'Changelog']);
  assert.match(readme.sections.Changelog, new RegExp(`^= ${plugin('Version').replace(/\./g, '\\.')} =$`, 'm'));
  for (const section of ['Description', 'Installation']) {
    assert.match(readme.sections[section], /^= Deutsch =$/m, `${section} in German too`);
  }
  assert.match(readme.sections.Description, /\[vereinsraum_join room="vereinsheim"\]/);
});

test('the translation template has every string of the sources, and German translates each with the same placeholders', () => {
  const used = extract(source);
  // Where each string is (the `#:` lines) moves with every edit; what the strings are must not be stale.
  const strings = (text) => text.replace(/^#: .*\n/gm, '');
  assert.equal(
    strings(readFileSync(join(source, 'languages/vereinsraum.pot'), 'utf8')),
    strings(pot(used)),
    'out of date: node packages/wordpress/build.mjs --pot',
  );
  const german = new Map(
    parsePo(readFileSync(join(source, 'languages/vereinsraum-de_DE.po'), 'utf8')).map((e) => [
      `${e.msgctxt ?? ''}\u0004${e.msgid}`,
      e.msgstr,
    ]),
  );
  const placeholders = (text) => (text.match(/%(\d\$)?[sd]/g) ?? []).sort();
  for (const { msgid, msgctxt } of used) {
    const translation = german.get(`${msgctxt ?? ''}\u0004${msgid}`);
    assert.ok(translation, `no German for "${msgid}"`);
    assert.deepEqual(placeholders(translation), placeholders(msgid), `placeholders of "${msgid}"`);
  }
});

/** The entries of a zip made by zip(): name => bytes. */
function unzip(bytes) {
  const entries = new Map();
  for (let at = 0; bytes.readUInt32LE(at) === 0x04034b50;) {
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extra;
    entries.set(name, inflateRawSync(bytes.subarray(start, start + size)));
    at = start + size;
  }
  return entries;
}

test('the zip holds the plugin folder with its compiled translations, and the same sources give the same zip', () => {
  const zipPath = join(here, 'dist/vereinsraum.zip');
  assert.ok(existsSync(zipPath), 'npm run wordpress:zip (or npm run build) made dist/vereinsraum.zip');
  const built = readFileSync(zipPath);
  assert.ok(built.equals(zip(pluginContents())), 'dist/vereinsraum.zip is out of date: npm run wordpress:zip');
  const entries = unzip(built);
  const names = [...entries.keys()];
  assert.ok(
    names.every((name) => name.startsWith('vereinsraum/')),
    names.join(', '),
  );
  for (const name of [
    'vereinsraum/vereinsraum.php',
    'vereinsraum/readme.txt',
    'vereinsraum/block/block.json',
    'vereinsraum/languages/vereinsraum-de_DE.mo',
  ]) {
    assert.ok(entries.has(name), `${name} in ${names.join(', ')}`);
  }
  assert.ok(
    names.some((name) => /^vereinsraum\/languages\/vereinsraum-de_DE-.+\.json$/.test(name)),
    'the translations of the scripts',
  );
  assert.ok(!names.some((name) => name.includes('/test/') || name.endsWith('.xml')), 'no file of the tests');
  assert.equal(entries.get('vereinsraum/vereinsraum.php').toString('utf8'), readFileSync(join(source, 'vereinsraum.php'), 'utf8'));
});
