// The docs agree with the code: every code block of the README, of every
// package README and of docs/*.md is checked against the real thing. A
// problem is reported as `file:line: what`.
//
// JSON (```json)
// - A block that is JSON on its own, with `backends` or `tenants` at the top,
//   is a whole configuration. A block that is not JSON on its own is a
//   fragment: the members of an object, as `"tenants": { … }` inside a
//   configuration. A fragment with `backends`, `tenants` or another top-level
//   field is merged into BASE (below): its backends and tenants by id, its other
//   fields as they are. A fragment of tenants only (`"tsv": { "name": … }`) has
//   the marker `<!-- docs-test: tenant -->` on the line before its fence.
//   Fragments are whole at their level: a tenant in one has all its fields.
// - Every configuration goes through the server's real `parseConfig`, with each
//   environment variable its `…Env` fields name set to a dummy value, and must
//   come out without a problem and without a contrast warning.
// - Every other JSON block (requests, answers, tokens, integrity.json) must be
//   valid JSON.
//
// Shell (```sh)
// - Every `vereinsraum …` (also behind `npx`, `sudo`, `runuser`, `exec`,
//   `sh -c '…'` and `NAME=value`) runs, in the order of the file, against the
//   built CLI (packages/server/dist/cli.js) in a scratch folder of that file,
//   and must exit with 0. What it gets instead of the operator's machine:
//   - paths under /etc/, /srv/ and /var/ are taken inside the scratch folder;
//   - `--config FILE` is the nearest configuration above the command in the
//     same file (the file's first one when none is above; BASE when the file
//     has none), written to FILE with its back ends pointed at the sandbox:
//     BigBlueButton, Jitsi and Mattermost at startSandbox's stand-ins, SMTP at
//     a local SMTP server; every `…Env` variable is set (the sandbox's secrets
//     for the back ends' secrets);
//   - PLACEHOLDERS (below) stand for values the test has (a booking id, an
//     invite id, a key id, the Mattermost server), and a `NAME=…` before the
//     command for the sandbox's value (COMMAND_LINE_VALUES);
//   - `serve` listens on a free port (PORT=0, a `--port` becomes 0), must
//     answer a room's status request and then stop with exit code 0 on SIGTERM;
//   - mails go to a local SMTP server, so nothing leaves the machine.
// - Other commands are not run. Their program must be one of SKIPPED (a
//   mistyped `vereinsraum` cannot pass as skipped); `npm run X` must name a
//   script of the root package.json, `node FILE` a file of the repository, and
//   `export NAME=…` a variable that the nearest configuration names.
//
// HTML (```html) and CSS (```css, and <style> in HTML)
// - Every snippet must parse (tags well formed and closed in order). Custom
//   elements, their attributes (and the values of attributes with a fixed set of
//   values), their CSS parts and the `--verein-*` custom properties must be in
//   the Custom Elements Manifest (packages/elements/custom-elements.json, made
//   by the build). A `<script>` loads a bundle of packages/elements/dist/cdn,
//   as a module, and that bundle holds every element of its snippet.
//
// Other languages are listed in LANGUAGES, with what checks them elsewhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { solveChallenge } from 'altcha-lib/v1';
import { SMTPServer } from 'smtp-server';
import { startSandbox } from '../../packages/sandbox/dist/index.js';
import { parseConfig, themeContrastWarnings } from '../../packages/server/dist/index.js';
import { JitsiProvider } from '../../packages/server/dist/providers/jitsi.js';
import { SqliteStore } from '../../packages/server/dist/node.js';
import { sharedPostgres } from '../support/postgres.mjs';
import { codeBlocks, commandsOf, parseHtml, position, shellLines, splitShell } from './parse.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(root, 'packages/server/dist/cli.js');

/** Every Markdown file with code blocks for users: the READMEs and docs/ (not docs/api/, which typedoc writes). */
const FILES = [
  'README.md',
  ...readdirSync(join(root, 'packages')).map((name) => `packages/${name}/README.md`).filter((path) => existsSync(join(root, path))),
  ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`),
].sort();

/** The code block languages of the docs, and who checks them. */
const LANGUAGES = {
  sh: 'this test: runs vereinsraum, checks the other programs',
  json: 'this test: configurations through parseConfig, the rest as JSON',
  html: 'this test: against the Custom Elements Manifest and the bundles',
  css: 'this test: against the Custom Elements Manifest',
  nginx: 'test/e2e/cross-origin.test.mjs runs the site of docs/operator.md in nginx',
  '': 'output of a command, not checked',
  http: 'headers: test/docs/csp.test.mjs serves those of docs/embed.md to Chromium',
  ini: 'secrets.env and a systemd unit, not checked',
  js: 'code for the reader, not checked here',
  ts: 'code for the reader, not checked here',
  tsx: 'code for the reader, not checked here',
  vue: 'code for the reader, not checked here',
  php: 'WordPress code, not checked',
  typoscript: 'TYPO3 configuration, not checked',
  lua: 'prosody configuration, not checked',
  markdown: 'text templates, not checked',
};

/** What fragments are merged into: one BigBlueButton back end and one tenant. */
const BASE = {
  backends: { bbb: { type: 'bbb', url: 'https://bbb.example-stadt.de/bigbluebutton/', secretEnv: 'BBB_SECRET' } },
  tenants: {
    'docs-test': { name: 'Tenant of the docs test', allowedOrigins: [], rooms: { raum: { name: 'Raum', backend: 'bbb', start: 'anyone' } } },
  },
};

/** Programs the docs show that the test does not run. */
const SKIPPED = ['.', 'apt-get', 'awk', 'cd', 'certbot', 'createdb', 'createuser', 'curl', 'date', 'export', 'install', 'journalctl', 'nginx', 'node', 'npm', 'openssl', 'pg_dump', 'pg_restore', 'set', 'sqlite3', 'ssh', 'sudoedit', 'systemctl', 'useradd'];

/**
 * Values in the docs' commands that stand for something the test has: what
 * each means, and how the test finds it (`c`: the command's context).
 */
const PLACEHOLDERS = {
  k3m9x2p7qa2b: {
    means: 'a booking id: a booking made for the command through the API (pending for approve and reject, approved for cancel)',
    resolve: (c) => bookingFor(c),
  },
  'tsv-musterstadt-1890-e-v': {
    means:
      'a club id: a club put into the store for the command (pending for approve and reject, active for suspend and delete, active with another website asked for for allow-origin and refuse-origin)',
    resolve: (c) => clubFor(c),
  },
  jTtvuvzOHCc: {
    means: 'an invite id: the one the `invite create` before it printed',
    resolve: (c) => c.state.invite ?? Promise.reject(new Error('no invite create came before')),
  },
  '2026-01-05-eddsa-1a2b3c4d': {
    means: 'a key id: the oldest key of the key set in --data',
    resolve: async (c) => JSON.parse(await readFile(join(c.data, 'keys.json'), 'utf8')).keys[0].kid,
  },
  'https://chat.musterstadt.de': { means: "the Mattermost server: the sandbox's", resolve: () => sandbox.mattermost.url },
};
/** Variables the docs set on the command line as `NAME=…`, and the test's value. */
const COMMAND_LINE_VALUES = { MATTERMOST_ADMIN_TOKEN: () => MM_ADMIN };

const read = (file) => readFileSync(join(root, file), 'utf8');
const blocksOf = (file) => codeBlocks(read(file)).map((block) => ({ ...block, file }));
const where = (block, index = 0) => `${block.file}:${block.line + position(block.text, index).line - 1}`;

/** A value for the variable `name`, as the config's rules want it: 32 to 64 characters, no spaces, one per name. */
const dummy = (name) => `${name}-docs-test-0123456789abcdef0123456789`.slice(0, 64);

/**
 * The environment a configuration needs: every variable its `…Env` fields
 * name; a back end's secret from `secrets` by its type when given.
 */
function environment(config, secrets = {}) {
  // A PostgreSQL store's URL must be one; a command that uses the store gets a real database (runVereinsraum).
  secrets = { 'postgres.urlEnv': 'postgresql://vereinsraum@127.0.0.1:1/vereinsraum', ...secrets };
  const env = {};
  const walk = (value) => {
    for (const [key, inner] of Object.entries(value)) {
      if (key.endsWith('Env') && typeof inner === 'string') env[inner] = secrets[`${value.type}.${key}`] ?? dummy(inner);
      else if (inner && typeof inner === 'object') walk(inner);
    }
  };
  walk(config);
  return env;
}

/** `text` as JSON: `{ value }`, or `{ error, index }` with the index of the problem in `text`. */
function json(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error.message, index: Number(/position (\d+)/.exec(error.message)?.[1] ?? 0) };
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const CONFIG_FIELDS = ['backends', 'tenants', 'adminTokenEnv', 'status', 'smtp', 'publicOrigin', 'store', 'clubs'];

/**
 * What a JSON block is: `{ config }` (a configuration, fragments merged into
 * BASE), `{ json }` (other JSON) or `{ problem, index }`.
 */
function classify(block) {
  const whole = json(block.text);
  if (!whole.error) {
    if (block.marker) return { problem: `the marker "docs-test: ${block.marker}" is only for fragments: this block is JSON on its own` };
    const config = isObject(whole.value) && ('backends' in whole.value || 'tenants' in whole.value);
    return config ? { config: whole.value } : { json: whole.value };
  }
  const fragment = json(`{${block.text}}`);
  if (fragment.error) return { problem: `not JSON, and not the members of an object either: ${whole.error}`, index: whole.index };
  const members = fragment.value;
  if (block.marker === 'tenant') return { config: { ...BASE, tenants: { ...BASE.tenants, ...members } } };
  if (block.marker) return { problem: `unknown marker "docs-test: ${block.marker}" (known: tenant)` };
  if (!Object.keys(members).some((key) => CONFIG_FIELDS.includes(key))) {
    return { problem: `a fragment the test cannot place: it has none of ${CONFIG_FIELDS.join(', ')}; mark a fragment of tenants with <!-- docs-test: tenant -->` };
  }
  return {
    config: { ...BASE, ...members, backends: { ...BASE.backends, ...members.backends }, tenants: { ...BASE.tenants, ...members.tenants } },
  };
}

/** The problems of a configuration: those of parseConfig, the contrast warnings, a `$schema` that is not the server's. */
function configProblems(config) {
  try {
    const parsed = parseConfig(config, environment(config));
    const problems = themeContrastWarnings(parsed);
    if (config.$schema !== undefined && !String(config.$schema).endsWith('node_modules/@vereinsraum/server/config.schema.json')) {
      problems.push(`"$schema" should name node_modules/@vereinsraum/server/config.schema.json, the schema the server ships`);
    }
    return problems;
  } catch (error) {
    return error.issues ? error.issues.map((issue) => `${issue.path || '(top level)'}: ${issue.message}`) : [String(error)];
  }
}

// ---------------------------------------------------------------------------

describe('reading the docs', () => {
  test('code blocks: language, first line, indented fences, markers', () => {
    const md = ['text', '<!-- docs-test: tenant -->', '```json', '"a": 1', '```', '- item', '', '  ```sh', '  npx vereinsraum keys list', '  ```'].join('\n');
    assert.deepEqual(codeBlocks(md), [
      { lang: 'json', text: '"a": 1', line: 4, marker: 'tenant' },
      { lang: 'sh', text: 'npx vereinsraum keys list', line: 9, marker: undefined },
    ]);
    assert.throws(() => codeBlocks('```sh\nnpm test\n'), /never closed/);
  });

  test('shell: the vereinsraum commands behind sudo, sh -c, runuser and NAME=value; comments; the other programs', () => {
    const line = `sudo sh -c 'set -a; . /etc/x.env; exec runuser -u vereinsraum -- npx vereinsraum bookings list --config "/etc/a b.json"' # comment`;
    assert.deepEqual(commandsOf(line), [
      { program: 'set', args: ['-a'] },
      { program: '.', args: ['/etc/x.env'] },
      { vereinsraum: ['bookings', 'list', '--config', '/etc/a b.json'], env: {} },
    ]);
    assert.deepEqual(commandsOf('TOKEN=… npx vereinsraum chat create-bot --url https://x.example/#a'), [
      { vereinsraum: ['chat', 'create-bot', '--url', 'https://x.example/#a'], env: { TOKEN: '…' } },
    ]);
    assert.deepEqual(commandsOf(`export S="$(ssh bbb sudo bbb-conf --secret | awk '/S/ {print $2}')" && vereinsraun check`), [
      { program: 'export', args: [`S=$(ssh bbb sudo bbb-conf --secret | awk '/S/ {print $2}')`] },
      { program: 'vereinsraun', args: ['check'] },
      { program: 'ssh', args: ['bbb', 'sudo', 'bbb-conf', '--secret'] },
      { program: 'awk', args: ['/S/ {print $2}'] },
    ]);
    assert.deepEqual(shellLines('a \\\n  b\n\nc', 10), [
      { text: 'a  b', line: 10 },
      { text: 'c', line: 13 },
    ]);
    assert.throws(() => splitShell(`echo 'open`), /unclosed '/);
  });

  test('HTML: elements and attributes; what is not well formed is named', () => {
    const elements = parseHtml('<verein-config a="1" b=\'2\' c=3 d>\n  <verein-join-room room="x"></verein-join-room>\n</verein-config>\n<style>a::part(b) {}</style>');
    assert.deepEqual(
      elements.map(({ name, attributes, text }) => ({ name, attributes, text })),
      [
        { name: 'verein-config', attributes: [['a', '1'], ['b', '2'], ['c', '3'], ['d', '']], text: undefined },
        { name: 'verein-join-room', attributes: [['room', 'x']], text: undefined },
        { name: 'style', attributes: [], text: 'a::part(b) {}' },
      ],
    );
    assert.throws(() => parseHtml('<verein-join-room room="x">'), /<verein-join-room> is never closed/);
    assert.throws(() => parseHtml('<a room="x></a>'), /the value of room cannot be read/);
    assert.throws(() => parseHtml('<a ="x"></a>'), /an attribute that cannot be read/);
    assert.throws(() => parseHtml('<a x="1"y="2"></a>'), /separated by white space/);
    assert.throws(() => parseHtml('<a></b>'), /<\/b> closes <a>/);
    assert.throws(() => parseHtml('<a x x></a>'), /given twice/);
  });

  test('JSON: whole configurations, fragments, marked tenants, other JSON', () => {
    const block = (text, marker) => ({ text, marker, line: 1, file: 'x.md' });
    assert.deepEqual(classify(block('{ "state": "live" }')), { json: { state: 'live' } });
    assert.deepEqual(classify(block('{ "tenants": {} }')), { config: { tenants: {} } });
    const fragment = classify(block('"tenants": { "t": { "name": "T" } }, "smtp": {}'));
    assert.deepEqual(Object.keys(fragment.config.tenants), ['docs-test', 't']);
    assert.deepEqual(fragment.config.smtp, {});
    assert.deepEqual(Object.keys(classify(block('"t": { "name": "T" }', 'tenant')).config.tenants), ['docs-test', 't']);
    assert.match(classify(block('"t": { "name": "T" }')).problem, /cannot place/);
    assert.match(classify(block('{ "a": 1, }')).problem, /not JSON/);
  });
});

describe('every code block has a language the docs test knows', () => {
  test('languages', () => {
    const problems = FILES.flatMap((file) =>
      blocksOf(file)
        .filter((block) => !(block.lang in LANGUAGES))
        .map((block) => `${where(block)}: a \`\`\`${block.lang} block: use one of ${Object.keys(LANGUAGES).filter(Boolean).join(', ')} (or add the language to LANGUAGES with what checks it)`),
    );
    assert.deepEqual(problems, []);
  });
});

describe('JSON in the docs', () => {
  for (const file of FILES.filter((f) => blocksOf(f).some((b) => b.lang === 'json'))) {
    test(file, () => {
      const problems = [];
      let configs = 0;
      for (const block of blocksOf(file).filter((b) => b.lang === 'json')) {
        const kind = classify(block);
        if (kind.problem) problems.push(`${where(block, kind.index)}: ${kind.problem}`);
        if (!kind.config) continue;
        configs++;
        for (const problem of configProblems(kind.config)) problems.push(`${where(block)}: ${problem}`);
      }
      assert.deepEqual(problems, []);
      if (['README.md', 'docs/operator.md', 'docs/webmaster.md', 'docs/jitsi.md'].includes(file)) assert.ok(configs > 0, `${file} shows no configuration`);
    });
  }
});

test('docs/jitsi.md: the token shown is the one the helper signs for the configuration above it', async () => {
  const [config, token] = blocksOf('docs/jitsi.md').filter((b) => b.lang === 'json').map((block) => JSON.parse(block.text));
  const parsed = parseConfig(config, environment(config));
  const [tenant, { rooms }] = Object.entries(config.tenants)[0];
  const [room, { backend }] = Object.entries(rooms)[0];
  const provider = new JitsiProvider(parsed.backends.get(backend), () => Promise.reject(new Error('HS256 needs no key set')));
  const { embed } = await provider.join({ id: `${tenant}/${room}` }, { displayName: token.context.user.name, role: 'moderator', userId: 'u1', createTime: null });
  const [header, claims] = embed.jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
  assert.deepEqual(Object.keys(claims), Object.keys(token), 'the claims in the order shown');
  assert.deepEqual(Object.keys(claims.context.user), Object.keys(token.context.user));
  for (const claim of ['iss', 'aud', 'sub', 'room']) assert.equal(claims[claim], token[claim], claim);
  assert.equal(claims.context.user.moderator, token.context.user.moderator);
  assert.deepEqual([claims.iat - claims.nbf, claims.exp - claims.iat], [token.iat - token.nbf, token.exp - token.iat], 'nbf and exp around iat as shown');
});

// ---------------------------------------------------------------------------

for (const built of ['packages/server/dist/cli.js', 'packages/elements/custom-elements.json', 'packages/elements/dist/cdn/vereinsraum.js']) {
  if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
}
const manifest = JSON.parse(read('packages/elements/custom-elements.json'));
/** The elements of the manifest by tag: attributes (name -> type), parts, custom properties. */
const TAGS = new Map(
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((d) => [
      d.tagName,
      {
        attributes: new Map((d.attributes ?? []).map((a) => [a.name, a.type?.text ?? ''])),
        parts: new Set((d.cssParts ?? []).map((p) => p.name)),
        properties: new Set((d.cssProperties ?? []).map((p) => p.name)),
      },
    ]),
);
const PROPERTIES = new Set([...TAGS.values()].flatMap((tag) => [...tag.properties]));
const CDN = join(root, 'packages/elements/dist/cdn');
const BUNDLES = new Map(readdirSync(CDN).filter((name) => name.endsWith('.js')).map((name) => [name, readFileSync(join(CDN, name), 'utf8')]));
/** Attributes every element has. */
const GLOBAL_ATTRIBUTES = new Set(['class', 'dir', 'hidden', 'id', 'lang', 'slot', 'style', 'tabindex', 'title']);
/** The plain HTML elements a snippet may hold, with the attributes the test knows for them. */
const HTML_ELEMENTS = { script: ['type', 'src', 'integrity', 'crossorigin'], style: [] };

/** The problems of CSS `text`: unknown elements, parts and custom properties. */
function cssProblems(text) {
  const problems = [];
  for (const match of text.matchAll(/(?<![-\w])(verein-[a-z-]+)(?:::part\(([^)]*)\))?/g)) {
    const [, tag, part] = match;
    const element = TAGS.get(tag);
    if (!element) problems.push({ index: match.index, problem: `<${tag}> is not an element of the Custom Elements Manifest` });
    else if (part !== undefined && !element.parts.has(part)) problems.push({ index: match.index, problem: `${tag} has no part "${part}" (parts: ${[...element.parts].join(', ')})` });
  }
  for (const match of text.matchAll(/--verein-[a-z0-9-]+/g)) {
    if (!PROPERTIES.has(match[0])) problems.push({ index: match.index, problem: `${match[0]} is a custom property of no element` });
  }
  return problems;
}

/** The problems of an HTML snippet, with their index in it. */
function htmlProblems(html) {
  let elements;
  try {
    elements = parseHtml(html);
  } catch (error) {
    return [{ index: error.index ?? 0, problem: error.message }];
  }
  const problems = [];
  const custom = elements.filter((e) => e.name.includes('-')).map((e) => e.name);
  for (const { name, attributes, text, index } of elements) {
    const add = (problem) => problems.push({ index, problem });
    if (name === 'style') problems.push(...cssProblems(text).map((p) => ({ ...p, index: index + html.slice(index).indexOf('>') + 1 + p.index })));
    const element = TAGS.get(name);
    if (name.includes('-') && !element) add(`<${name}> is not an element of the Custom Elements Manifest`);
    if (!name.includes('-') && !(name in HTML_ELEMENTS)) add(`<${name}>: not an element the docs test knows (HTML_ELEMENTS)`);
    for (const [attribute, value] of attributes) {
      if (GLOBAL_ATTRIBUTES.has(attribute) || /^(data|aria)-/.test(attribute)) continue;
      const type = element?.attributes.get(attribute) ?? (HTML_ELEMENTS[name]?.includes(attribute) ? '' : undefined);
      if (type === undefined) {
        add(`<${name}> has no attribute "${attribute}"${element ? ` (attributes: ${[...element.attributes.keys()].join(', ')})` : ''}`);
        continue;
      }
      const values = /^'[^']*'(?: \| '[^']*')*$/.test(type) ? type.split(' | ').map((v) => v.slice(1, -1)) : undefined;
      if (values && !values.includes(value)) add(`<${name} ${attribute}="${value}">: the values are ${values.join(', ')}`);
      if (type === 'boolean' && value !== '') add(`<${name} ${attribute}="${value}">: a boolean attribute is there or not, without a value`);
      if (type === 'number' && !/^\d+$/.test(value)) add(`<${name} ${attribute}="${value}">: a number`);
    }
    if (name === 'script') {
      const attrs = Object.fromEntries(attributes);
      const bundle = basename(new URL(attrs.src ?? '', 'https://example.org/').pathname);
      if (!BUNDLES.has(bundle)) {
        add(`<script src="${attrs.src}">: not a bundle of packages/elements/dist/cdn (${[...BUNDLES.keys()].join(', ')})`);
      } else {
        if (attrs.type !== 'module') add(`<script src="${attrs.src}">: the bundles are modules: type="module"`);
        for (const tag of custom) if (!BUNDLES.get(bundle).includes(`"${tag}"`)) add(`<script src="${attrs.src}"> does not define <${tag}>, which the snippet uses`);
      }
    }
  }
  return problems;
}

describe('HTML and CSS in the docs', () => {
  for (const file of FILES.filter((f) => blocksOf(f).some((b) => b.lang === 'html' || b.lang === 'css'))) {
    test(file, () => {
      const problems = blocksOf(file)
        .filter((b) => b.lang === 'html' || b.lang === 'css')
        .flatMap((block) => (block.lang === 'html' ? htmlProblems(block.text) : cssProblems(block.text)).map((p) => `${where(block, p.index)}: ${p.problem}`));
      assert.deepEqual(problems, []);
    });
  }
});

// ---------------------------------------------------------------------------

const SECRET = 'docs-test-bbb-secret-4b1d9e';
const JITSI_SECRET = 'docs-test-jitsi-app-secret-0123456789abcdef';
const MM_BOT = 'docs-test-mattermost-bot-0123456789';
const MM_ADMIN = 'docs-test-mattermost-admin-0123456789';

let sandbox;
let smtp;
let smtpPort;
before(async () => {
  sandbox = await startSandbox({
    secret: SECRET,
    jitsi: { appId: 'vereinsraum', appSecret: JITSI_SECRET },
    // The teams the docs name; the sandbox's own bot is not called `vereinsraum`, which `chat create-bot` makes.
    mattermost: { botToken: MM_BOT, adminToken: MM_ADMIN, botUsername: 'sandbox-bot', teams: ['tsv-musterstadt'] },
  });
  smtp = new SMTPServer({ authOptional: true, allowInsecureAuth: true, disabledCommands: ['STARTTLS'], logger: false, onAuth: (_auth, _session, done) => done(null, { user: 'docs' }), onData: (stream, _session, done) => stream.resume().on('end', () => done()) });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = smtp.server.address().port;
});
after(async () => {
  await sandbox?.close();
  await new Promise((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

/** `config` with its back ends at the sandbox and its mail server at the local one. */
function atSandbox(config) {
  const copy = structuredClone(config);
  for (const backend of Object.values(copy.backends ?? {})) {
    if (backend.type === 'bbb') backend.url = `${sandbox.url}/bigbluebutton/`;
    if (backend.type === 'jitsi') {
      Object.assign(backend, { domain: sandbox.jitsi.domain, protocol: 'http' });
      if (backend.roomSizeUrl) backend.roomSizeUrl = `${sandbox.jitsi.url}/room-size`;
    }
    if (backend.type === 'mattermost') backend.url = sandbox.mattermost.url;
  }
  if (copy.smtp) Object.assign(copy.smtp, { host: '127.0.0.1', port: smtpPort, secure: false });
  return copy;
}

/** Run the CLI; resolves with its exit code and output. */
function cli(args, { cwd, env }) {
  const inherited = { ...process.env };
  delete inherited.PORT;
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => (clearTimeout(timer), resolve(code ?? signal))));
  return { child, exited, out: () => out, err: () => err };
}

/** `vereinsraum serve …` until it says where it listens; `stop()` sends SIGTERM and answers the exit code. */
async function startServe(args, options) {
  const run = cli(['serve', ...args], { ...options, env: { PORT: '0', ...options.env } });
  const url = await Promise.race([
    new Promise((resolve) => run.child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(run.out());
      if (match) resolve(match[1]);
    })),
    run.exited.then((code) => {
      throw new Error(`serve ended with ${code} before it listened:\n${run.out()}${run.err()}`);
    }),
  ]);
  return { url, run, stop: () => (run.child.kill('SIGTERM'), run.exited) };
}

/** The value of option `--name` in `args`. */
const option = (args, name) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};

/** A booking request of `tenant` through the API of `url`, as a club page sends it; answers its id. */
async function book(url, tenant) {
  const origin = tenant.allowedOrigins[0];
  const headers = origin ? { origin } : {};
  const challenge = await (await fetch(`${url}/v1/bookings/challenge?tenant=${tenant.id}`, { headers })).json();
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  const altcha = btoa(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number, salt: challenge.salt, signature: challenge.signature }));
  const start = Math.ceil(Date.now() / 3_600_000 + 24) * 3_600_000;
  const response = await fetch(`${url}/v1/bookings`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'video', tenant: tenant.id, title: 'Vorstandssitzung', organisation: 'TSV Musterstadt', contactName: 'Erika Musterfrau',
      // An address per booking, so that the limit per address is never reached.
      contactEmail: `erika.${crypto.randomUUID().slice(0, 8)}@example.org`,
      start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(),
      expectedParticipants: 8, consent: true, altcha,
    }),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`the booking for the command was refused: ${JSON.stringify(body)}`);
  return body.id;
}

/** A booking for a `bookings approve|reject|cancel` command: pending, or approved for cancel. */
async function bookingFor({ sub, config, configPath, data, options }) {
  const tenant = Object.entries(config.tenants).find(([, t]) => t.bookings);
  if (!tenant || !configPath) throw new Error('a booking id, but the configuration above takes no bookings');
  const server = await startServe(['--config', configPath, '--data', data], options);
  let id;
  try {
    id = await book(server.url, { id: tenant[0], ...tenant[1] });
  } finally {
    await server.stop();
  }
  if (sub === 'cancel') {
    const approve = cli(['bookings', 'approve', '--config', configPath, '--data', data, '--id', id], options);
    if ((await approve.exited) !== 0) throw new Error(`approving the booking to cancel failed:\n${approve.err()}`);
  }
  return id;
}

/** A club of the configuration's first region in the store of `data`, for a `clubs` command: its id. */
async function clubFor({ sub, config, data }) {
  if (!config.clubs) throw new Error('a club id, but the configuration above has no clubs section');
  const store = new SqliteStore(join(data, 'vereinsraum.db'));
  const id = `verein-${crypto.randomUUID().slice(0, 8)}`;
  const now = Date.now();
  try {
    await store.createClub(
      {
        id, status: ['suspend', 'delete', 'allow-origin', 'refuse-origin'].includes(sub) ? 'active' : 'pending', name: 'TSV Musterstadt 1890 e. V.', kind: 'club',
        region: config.clubs.regions[0].id, origins: ['https://www.tsv-musterstadt.de'], contactName: 'Erika Musterfrau',
        contactEmail: 'erika@tsv-musterstadt.de', emailKey: 'erika@tsv-musterstadt.de', deputyName: null, deputyEmail: null,
        language: 'de', backend: config.clubs.backend, logoUrl: null, theme: null, confirm: null, confirmBy: null, reason: null,
        createdAt: now, confirmedAt: now, decidedAt: null, updatedAt: now, reconfirmedAt: null, notice: null,
        originRequest: sub.endsWith('-origin') ? { origin: 'https://jugend.tsv-musterstadt.de', at: now } : null,
      },
      { kind: 'club-confirm', to: 'erika@tsv-musterstadt.de', subject: 'docs test', text: '', attachments: [] },
      { id: `docs-${id}`, expiresAt: now + 60_000 },
    );
  } finally {
    await store.close();
  }
  return id;
}

/** The configurations of `file`, by the line of their block. */
function configsOf(file) {
  return blocksOf(file)
    .filter((b) => b.lang === 'json')
    .map((block) => ({ line: block.line, config: classify(block).config }))
    .filter((c) => c.config);
}

/**
 * Runs the vereinsraum commands of `file` in a scratch folder, in order;
 * answers the problems, the commands run and the programs skipped.
 */
async function runShell(file) {
  const scratch = await mkdtemp(join(tmpdir(), 'vereinsraum-docs-'));
  const configs = configsOf(file);
  const problems = [];
  const ran = [];
  const skipped = [];
  const state = { invite: undefined, botToken: MM_BOT };
  const scripts = JSON.parse(read('package.json')).scripts;
  try {
    for (const block of blocksOf(file).filter((b) => b.lang === 'sh')) {
      for (const { text, line } of shellLines(block.text, block.line)) {
        const at = `${file}:${line}`;
        let commands;
        try {
          commands = commandsOf(text);
        } catch (error) {
          problems.push(`${at}: ${error.message}`);
          continue;
        }
        for (const command of commands) {
          const nearest = configs.filter((c) => c.line < line).at(-1) ?? configs[0];
          if (!command.vereinsraum) {
            const { program, args } = command;
            if (!SKIPPED.includes(program)) problems.push(`${at}: \`${program}\` is not a program the docs test knows (a mistyped vereinsraum?); known: vereinsraum, ${SKIPPED.join(', ')}`);
            if (program === 'npm' && ['run', 'start', 'test'].includes(args[0])) {
              const script = args[0] === 'run' ? args[1] : args[0];
              if (!(script in scripts)) problems.push(`${at}: \`npm ${args.join(' ')}\`: the root package.json has no script "${script}"`);
            }
            if (program === 'node' && args[0] && !args[0].startsWith('-') && !existsSync(join(root, args[0]))) problems.push(`${at}: \`node ${args[0]}\`: no such file in the repository`);
            for (const name of program === 'export' ? args.map((arg) => arg.split('=')[0]) : []) {
              if (!(name in environment(nearest?.config ?? BASE))) problems.push(`${at}: \`export ${name}\`: the configuration ${nearest ? `of line ${nearest.line}` : '(none in this file)'} names no ${name}`);
            }
            skipped.push(program);
            continue;
          }
          const problem = await runVereinsraum(command, { scratch, config: atSandbox(nearest?.config ?? BASE), state });
          ran.push(`${at}: vereinsraum ${command.vereinsraum.join(' ')}`);
          if (problem) problems.push(`${at}: vereinsraum ${command.vereinsraum.join(' ')}\n    ${problem.trim().replaceAll('\n', '\n    ')}`);
        }
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { problems, ran, skipped };
}

/** Runs one vereinsraum command of the docs; answers a problem, or undefined when it did what the docs say. */
async function runVereinsraum({ vereinsraum: docArgs, env: docEnv }, { scratch, config, state }) {
  const inScratch = (arg) => (/^\/(etc|srv|var)\//.test(arg) ? join(scratch, arg) : arg);
  let args = docArgs.map(inScratch);
  const [command, sub] = args;
  // A configuration with a PostgreSQL store: one database of this test's own cluster for the file's commands.
  if (config.store?.type === 'postgres') state.databaseUrl ??= await (await sharedPostgres()).database('docs');
  const env = environment(config, { 'bbb.secretEnv': SECRET, 'jitsi.appSecretEnv': JITSI_SECRET, 'mattermost.tokenEnv': state.botToken, ...(state.databaseUrl ? { 'postgres.urlEnv': state.databaseUrl } : {}) });
  for (const [name, value] of Object.entries(docEnv)) {
    if (value !== '…') env[name] = value;
    else if (name in COMMAND_LINE_VALUES) env[name] = COMMAND_LINE_VALUES[name]();
    else return `${name}=…: the test has no value for ${name} (COMMAND_LINE_VALUES)`;
  }
  const configPath = option(args, 'config') && resolve(scratch, option(args, 'config'));
  if (configPath) {
    await mkdir(dirname(configPath), { recursive: true });
    await writeFile(configPath, JSON.stringify(config, null, 2));
  }
  const data = resolve(scratch, option(args, 'data') ?? 'data');
  const options = { cwd: scratch, env };

  const context = { sub, config, configPath, data, options, state };
  try {
    args = await Promise.all(args.map((arg) => (arg in PLACEHOLDERS ? PLACEHOLDERS[arg].resolve(context) : arg)));
  } catch (error) {
    return `a placeholder: ${error.message}`;
  }

  if (command === 'serve') {
    const free = args.slice(1).map((arg, i, all) => (all[i - 1] === '--port' ? '0' : arg));
    const server = await startServe(free, options).catch((error) => error);
    if (server instanceof Error) return server.message;
    const [tenant, { rooms }] = Object.entries(config.tenants)[0];
    const status = await fetch(`${server.url}/v1/rooms/${tenant}/${Object.keys(rooms)[0]}/status`);
    const body = await status.text();
    const code = await server.stop();
    if (status.status !== 200 || !/"state":/.test(body)) return `the status request answered ${status.status}: ${body}`;
    return code === 0 ? undefined : `exited with ${code} on SIGTERM:\n${server.run.err()}`;
  }
  const run = cli(args, options);
  const code = await run.exited;
  if (code !== 0) return `exited with ${code}:\n${run.err()}${run.out()}`;
  if (command === 'invite' && sub === 'create') state.invite = /invite revoke --id (\S+)/.exec(run.err())?.[1];
  if (command === 'chat' && sub === 'create-bot') state.botToken = run.out().trim();
  return undefined;
}

describe('shell commands in the docs', () => {
  for (const file of FILES.filter((f) => blocksOf(f).some((b) => b.lang === 'sh'))) {
    test(file, { timeout: 300_000 }, async (t) => {
      const { problems, ran, skipped } = await runShell(file);
      t.diagnostic(`ran ${ran.length} vereinsraum command(s); skipped ${[...new Set(skipped)].sort().join(', ') || 'nothing'}`);
      assert.deepEqual(problems, []);
      if (['README.md', 'docs/operator.md'].includes(file)) assert.ok(ran.length > 0, `${file}: no vereinsraum command ran`);
    });
  }
});
