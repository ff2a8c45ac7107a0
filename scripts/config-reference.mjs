// Writes docs/config-reference.md from packages/server/config.schema.json, so
// the reference and the schema editors validate against never disagree.
// `node scripts/config-reference.mjs` writes it; the release tests compare.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
export const schemaUrl = new URL('packages/server/config.schema.json', root);
export const referenceUrl = new URL('docs/config-reference.md', root);

const SECTIONS = [
  ['Top level', (s) => s],
  ['BigBlueButton or Scalelite back end (`backends.<id>` with `"type": "bbb"`)', (s) => s.$defs.bbb],
  ['Jitsi Meet back end (`backends.<id>` with `"type": "jitsi"`)', (s) => s.$defs.jitsi],
  ['Mattermost back end (`backends.<id>` with `"type": "mattermost"`)', (s) => s.$defs.mattermost],
  ['Tenant (`tenants.<id>`)', (s) => s.$defs.tenant],
  ['Room (`tenants.<id>.rooms.<id>`)', (s) => s.$defs.room],
  ['Theme (`tenants.<id>.theme`)', (s) => s.$defs.theme],
  ['Bookings (`tenants.<id>.bookings`)', (s) => s.$defs.bookings],
  ['Chat bookings (`tenants.<id>.bookings.chat`)', (s) => s.$defs.bookings.properties.chat],
  ['Status (`status`)', (s) => s.properties.status],
  ['E-mail (`smtp`)', (s) => s.properties.smtp],
];

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A field's type in words: enums and constants by value, references by section. */
function typeOf(field) {
  if (field.const !== undefined) return `\`${JSON.stringify(field.const)}\``;
  if (field.enum) return field.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' or ');
  if (field.$ref) return `object (see ${field.$ref.split('/').pop()})`;
  if (field.type === 'integer') return `integer ${field.minimum}–${field.maximum}`;
  if (field.type === 'array') return 'list';
  if (field.type === 'object' && field.additionalProperties && typeof field.additionalProperties === 'object') return 'object by id';
  return field.type ?? 'object';
}

/** The Markdown reference for `schema`. */
export function render(schema) {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/server/config.schema.json by scripts/config-reference.mjs: edit the schema, then run `npm run docs:config`. -->',
    '',
    schema.description,
    '',
    'Editors check a config file against the schema when it names it: `"$schema": "./node_modules/@vereinsraum/server/config.schema.json"`.',
    '`vereinsraum check --config FILE` checks it the way the server does, with every problem named by its path.',
    '',
  ];
  for (const [title, pick] of SECTIONS) {
    const section = pick(schema);
    lines.push(`## ${title}`, '');
    if (section !== schema && section.description) lines.push(section.description, '');
    lines.push('| Field | Type | Default | Description |', '| --- | --- | --- | --- |');
    const required = new Set(section.required ?? []);
    for (const [name, field] of Object.entries(section.properties)) {
      const resolved = field.$ref ? schema.$defs[field.$ref.split('/').pop()] : field;
      const description = field.description ?? resolved.description ?? '';
      const def = field.default === undefined ? (required.has(name) ? '**required**' : '') : `\`${JSON.stringify(field.default)}\``;
      lines.push(`| \`${name}\` | ${cell(typeOf(field))} | ${def} | ${cell(description)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(referenceUrl, render(JSON.parse(readFileSync(schemaUrl, 'utf8'))));
}
