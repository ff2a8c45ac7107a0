// @lit/localize or our typed message catalogue: what each costs in a CDN bundle.
// Run by bench/run.mjs (`node bench/run.mjs --only localize`); see docs/performance.md.
//
// The same lit element is built three ways with the plugins of rollup.config.mjs's CDN
// bundles (nodeResolve + terser, one file, lit inside), in memory:
//   English only        the strings written into the element: no second language (the floor)
//   typed catalogue     German and English catalogues and a lookup by locale, as the elements
//                       do it (packages/elements/dist/i18n/index.js)
//   @lit/localize       runtime mode: msg() / str`` in the element with the English text,
//                       configureLocalization() with a German locale module (ids hashed at
//                       run time, as without the lit-localize CLI), updateWhenLocaleChanges()
// once with four strings (tiny) and once with every string of the join button and the status
// badge, error texts included (the real `de`/`en` catalogues from packages/elements/dist/i18n/).
// The element's markup is generated from the English catalogue, so it follows the catalogues as
// they change. Before measuring, the German module is checked through @lit/localize's own lookup.
// Sizes are deterministic: one build each, nothing timed.
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Catalogue keys of the tiny element: three plain strings and one with a value. */
const TINY_KEYS = ['join', 'nameLabel', 'submit', 'since'];

export async function localizeBenchmark(root) {
  const i18nDir = `${root}packages/elements/dist/i18n/`;
  const { de, en } = await import(`${i18nDir}index.js`);
  const { generateMsgId } = await import(`${root}node_modules/@lit/localize/internal/id-generation.js`);
  const allKeys = Object.keys(en).filter((key) => key !== 'errors');
  const variants = [];
  for (const [size, keys, errors] of [
    ['tiny', TINY_KEYS, false],
    ['join-room + room-status', allKeys, true],
  ]) {
    const messages = keys.map((key) => describe(key, en[key], de[key]));
    const errorMessages = errors
      ? Object.keys(en.errors).map((code) => ({ ...describe(code, en.errors[code], de.errors[code]), error: true }))
      : [];
    const germanSource = germanModule([...messages, ...errorMessages], generateMsgId);
    await checkGerman(root, germanSource, [...messages, ...errorMessages], de);
    const catalogueModule =
      size === 'tiny' ? tinyCatalogue(keys, en, de) : `export { messagesFor, resolveLocale } from ${JSON.stringify(`${i18nDir}index.js`)};`;
    const strings = messages.length + errorMessages.length;
    variants.push(
      { size, strings, way: 'English only', modules: { 'element.js': englishOnly(messages, errorMessages, errors) } },
      {
        size,
        strings,
        way: 'typed catalogue (de + en)',
        modules: { 'element.js': withCatalogue(messages, errors), 'i18n.js': catalogueModule },
      },
      {
        size,
        strings,
        way: '@lit/localize runtime (en source + de module)',
        modules: { 'element.js': withLocalize(messages, errorMessages, errors), 'de.js': germanSource },
      },
    );
  }
  const lit = sizes(await build(root, { 'element.js': "import 'lit'; export * from 'lit';" }));
  const rows = [];
  for (const variant of variants) {
    const size = sizes(await build(root, variant.modules));
    const english = rows.find((r) => r.size === variant.size && r.way === 'English only');
    rows.push({
      size: variant.size,
      way: variant.way,
      strings: variant.strings,
      ...size,
      overLitGzip: size.gzip - lit.gzip,
      overEnglishGzip: english ? size.gzip - english.gzip : 0,
    });
  }
  return { lit, rows };
}

export function printLocalize({ lit, rows }, table) {
  console.log('## Localization: typed catalogue or @lit/localize (bytes; gzip level 9; deterministic)\n');
  table(
    ['Element', 'Strings', 'Way', 'min', 'min+gz', 'on top of lit: min+gz', 'on top of English only: min+gz'],
    [
      ...rows.map((r) => [r.size, r.strings, r.way, r.min, r.gzip, r.overLitGzip, r.way === 'English only' ? '-' : r.overEnglishGzip]),
      ['lit alone (`export * from "lit"`)', '-', '-', lit.min, lit.gzip, '-', '-'],
    ],
    [false, true, false, true, true, true, true],
  );
  console.log(
    '\nThe same element each time, bundled like the CDN bundles. "On top of English only" is what the second language and its machinery cost.\n',
  );
}

// ---- What a message looks like ---------------------------------------------

/**
 * A catalogue entry as text templates: a plain string, or for a function the
 * text with its arguments as `{ strings, order }` (order: argument index per
 * gap). An argument that never shows in the text (the plural form of
 * `people`) is a selector: then one template per plural category.
 */
function describe(key, enValue, deValue) {
  if (typeof enValue === 'string') return { key, en: enValue, de: deValue };
  const arity = enValue.length;
  const sentinel = (i) => `\uE000${i}\uE001`;
  const probe = (fn, selector) => fn(...Array.from({ length: arity }, (_, i) => (i === selector?.index ? selector.value : sentinel(i))));
  const plain = probe(enValue);
  const missing = Array.from({ length: arity }, (_, i) => i).filter((i) => !plain.includes(sentinel(i)));
  if (missing.length > 1) throw new Error(`${key}: more than one argument that is not part of the text; teach bench/localize.mjs about it`);
  const split = (text) => {
    const parts = text.split(/\uE000(\d+)\uE001/);
    return { strings: parts.filter((_, i) => i % 2 === 0), order: parts.filter((_, i) => i % 2 === 1).map(Number) };
  };
  if (missing.length === 0) return { key, arity, en: split(plain), de: split(probe(deValue)) };
  const index = missing[0];
  const forms = ['one', 'other'].map((value) => ({
    value,
    en: split(probe(enValue, { index, value })),
    de: split(probe(deValue, { index, value })),
  }));
  return { key, arity, selector: index, forms };
}

const literal = (text) => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');
/** A template literal body: the strings with `${args[order[i]]}` between them. */
const templateBody = ({ strings, order }, arg) =>
  strings.map((s, i) => literal(s) + (i < order.length ? `\${${arg(order[i])}}` : '')).join('');

// ---- The three elements ------------------------------------------------------

const ELEMENT_HEAD = `import { LitElement, html } from 'lit';`;
/** The element: one paragraph per message; functions get `this.args`; errors by `this.code`. */
function element(imports, setup, render, errors) {
  return `${ELEMENT_HEAD}
${imports}
class BenchMessages extends LitElement {
  static properties = { args: { attribute: false }${errors ? ', code: {}' : ''} };
  constructor() {
    super();
    this.args = [];${setup}
  }
  render() {
${render}
  }
}
customElements.define('bench-messages', BenchMessages);
`;
}

const argOf = (i) => `this.args[${i}]`;

function englishOnly(messages, errorMessages, errors) {
  const text = (m) =>
    typeof m.en === 'string'
      ? JSON.stringify(m.en)
      : m.forms
        ? `(${argOf(m.selector)} === 'one' ? \`${templateBody(m.forms[0].en, argOf)}\` : \`${templateBody(m.forms[1].en, argOf)}\`)`
        : `\`${templateBody(m.en, argOf)}\``;
  const table = errors ? `const ERRORS = { ${errorMessages.map((m) => `${m.key}: ${JSON.stringify(m.en)}`).join(', ')} };` : '';
  const body = messages.map((m) => `<p>\${${text(m)}}</p>`).join('') + (errors ? '<p role="alert">${ERRORS[this.code]}</p>' : '');
  return element(table, '', `    return html\`${body}\`;`, errors);
}

function withCatalogue(messages, errors) {
  const call = (m) =>
    typeof m.en === 'string' ? `t.${m.key}` : `t.${m.key}(${Array.from({ length: m.arity }, (_, i) => argOf(i)).join(', ')})`;
  const body = messages.map((m) => `<p>\${${call(m)}}</p>`).join('') + (errors ? '<p role="alert">${t.errors[this.code]}</p>' : '');
  return element(
    `import { messagesFor, resolveLocale } from './i18n.js';`,
    '',
    `    const t = messagesFor(resolveLocale(this));\n    return html\`${body}\`;`,
    errors,
  );
}

function withLocalize(messages, errorMessages, errors) {
  const strMsg = (template) => `msg(str\`${templateBody(template, argOf)}\`)`;
  const text = (m) =>
    typeof m.en === 'string'
      ? `msg(${JSON.stringify(m.en)})`
      : m.forms
        ? `(${argOf(m.selector)} === 'one' ? ${strMsg(m.forms[0].en)} : ${strMsg(m.forms[1].en)})`
        : strMsg(m.en);
  const imports = `import { configureLocalization, msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { templates } from './de.js';
const { setLocale } = configureLocalization({ sourceLocale: 'en', targetLocales: ['de'], loadLocale: async () => ({ templates }) });
setLocale(/^de\\b/i.test(document.documentElement.lang) ? 'de' : 'en');
${errors ? `const ERRORS = { ${errorMessages.map((m) => `${m.key}: () => msg(${JSON.stringify(m.en)})`).join(', ')} };` : ''}`;
  const body = messages.map((m) => `<p>\${${text(m)}}</p>`).join('') + (errors ? '<p role="alert">${ERRORS[this.code]?.()}</p>' : '');
  return element(imports, '\n    updateWhenLocaleChanges(this);', `    return html\`${body}\`;`, errors);
}

/** The German locale module as lit-localize's CLI writes it: hashed ids, `${n}` = n-th value of the source. */
function germanModule(messages, generateMsgId) {
  const entries = [];
  const add = (enTemplate, deTemplate) => {
    if (typeof enTemplate === 'string') {
      entries.push(`${generateMsgId(enTemplate, false)}: ${JSON.stringify(deTemplate)}`);
      return;
    }
    entries.push(
      `${generateMsgId(enTemplate.strings, false)}: str\`${templateBody(deTemplate, (i) => String(enTemplate.order.indexOf(i)))}\``,
    );
  };
  for (const m of messages) {
    if (m.forms) for (const form of m.forms) add(form.en, form.de);
    else add(m.en, m.de);
  }
  return `import { str } from '@lit/localize';\nexport const templates = {\n  ${entries.join(',\n  ')}\n};\n`;
}

/**
 * The German module must give, through @lit/localize's own lookup, the same
 * German text as our catalogue: otherwise the bundle measured would be one
 * that silently shows English.
 */
async function checkGerman(root, source, messages, de) {
  const localize = `${root}node_modules/@lit/localize/`;
  const { runtimeMsg } = await import(`${localize}internal/runtime-msg.js`);
  const { str } = await import(`${localize}internal/str-tag.js`);
  const code = source.replace("'@lit/localize'", JSON.stringify(pathToFileURL(`${localize}internal/str-tag.js`).href));
  const { templates } = await import(`data:text/javascript,${encodeURIComponent(code)}`);
  const args = ['3', 'other'];
  for (const m of messages) {
    const german = m.error ? de.errors[m.key] : de[m.key];
    const expected = typeof german === 'string' ? german : german(...args.slice(0, m.arity));
    const template = typeof m.en === 'string' ? m.en : m.forms ? m.forms[1].en : m.en;
    const source = typeof template === 'string' ? template : str(template.strings, ...template.order.map((i) => args[i]));
    const got = runtimeMsg(templates, source);
    if (got !== expected)
      throw new Error(`@lit/localize German for ${m.key}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }
}

/** A catalogue with only `keys`, and the lookup of packages/elements/src/i18n/index.ts. */
function tinyCatalogue(keys, en, de) {
  const object = (catalogue) =>
    `{ ${keys.map((key) => `${key}: ${typeof catalogue[key] === 'string' ? JSON.stringify(catalogue[key]) : String(catalogue[key])}`).join(', ')} }`;
  return `const CATALOGUES = { de: ${object(de)}, en: ${object(en)} };
const toLocale = (lang) => (lang && /^de\\b/i.test(lang) ? 'de' : 'en');
export function resolveLocale(element, configLang) {
  const own = element.getAttribute('lang');
  if (own) return toLocale(own);
  if (configLang) return toLocale(configLang);
  return toLocale(element.closest('[lang]:not([lang=""])')?.getAttribute('lang') ?? document.documentElement.lang);
}
export function messagesFor(locale, overrides) {
  const base = CATALOGUES[locale];
  return overrides ? { ...base, ...overrides } : base;
}
`;
}

// ---- Building ----------------------------------------------------------------

function sizes(code) {
  const bytes = Buffer.from(code);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Bundles `modules['element.js']` (and its siblings) as rollup.config.mjs builds a CDN bundle, in memory. */
async function build(root, modules) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  // Paths inside the repository, so that `lit` and `@lit/localize` resolve from its node_modules.
  const dir = `${root}bench/.localize-virtual/`;
  const virtual = {
    name: 'bench-localize-modules',
    resolveId(source, importer) {
      if (source === `${dir}element.js`) return source;
      if (importer?.startsWith(dir) && source.startsWith('./') && Object.hasOwn(modules, source.slice(2))) return dir + source.slice(2);
      return null;
    },
    load: (id) => (id.startsWith(dir) ? modules[id.slice(dir.length)] : null),
  };
  const bundle = await rollup({
    input: `${dir}element.js`,
    plugins: [virtual, nodeResolve({ browser: true }), terser({ module: true, format: { comments: false } })],
  });
  try {
    const { output } = await bundle.generate({ format: 'es', sourcemap: true, file: 'element.js', inlineDynamicImports: true });
    const chunks = output.filter((file) => file.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`expected one file, got ${chunks.length}`);
    return chunks[0].code;
  } finally {
    await bundle.close();
  }
}
