// The config schema (shipped for editors, and the source of
// docs/config-reference.md) is generated from the definition the server
// validates with, so it names exactly the fields the server knows, at every
// level; and the reference is generated from the schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '@vereinsraum/server';
import { referenceUrl, render, schemaText, schemaUrl } from '../../scripts/config-reference.mjs';

const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));
const ENV = {
  D: 'postgresql://vereinsraum@db.example.org/vereinsraum',
  S: 'bbb-secret',
  J: 'jitsi-secret-with-at-least-32-characters',
  M: 'mattermost-bot-token-0123456789',
};

/** A config with every section present, so each level can be probed. */
const full = () => ({
  backends: {
    b: { type: 'bbb', url: 'https://bbb.example.org/bigbluebutton/api', secretEnv: 'S' },
    j: { type: 'jitsi', domain: 'meet.example.org', appId: 'app', appSecretEnv: 'J' },
    m: { type: 'mattermost', url: 'https://chat.example.org', tokenEnv: 'M' },
  },
  tenants: {
    t: {
      name: 'TSV Musterstadt',
      allowedOrigins: [],
      rooms: { r: { name: 'Training', backend: 'b', start: 'anyone' } },
      theme: {},
      privacyNotice: { de: 'Hinweis', en: 'Notice' },
      bookings: {
        backend: 'b',
        joinPage: 'https://tsv.example.org/raum',
        formPage: 'https://tsv.example.org/buchen',
        consentText: { de: 'Ich bin einverstanden.', en: 'I agree to this.' },
        privacyPolicyUrl: 'https://tsv.example.org/datenschutz',
        chat: { backend: 'm', team: 'tsv-musterstadt' },
      },
    },
  },
  status: {},
  smtp: { host: 'mail.example.org', from: 'vereinsraum@example.org' },
  store: { type: 'postgres', urlEnv: 'D' },
});

const PROBES = [
  [[], schema],
  [['backends', 'b'], schema.$defs.bbb],
  [['backends', 'j'], schema.$defs.jitsi],
  [['backends', 'm'], schema.$defs.mattermost],
  [['tenants', 't'], schema.$defs.tenant],
  [['tenants', 't', 'rooms', 'r'], schema.$defs.room],
  [['tenants', 't', 'theme'], schema.$defs.theme],
  [['tenants', 't', 'privacyNotice'], schema.$defs.tenant.properties.privacyNotice],
  [['tenants', 't', 'bookings'], schema.$defs.bookings],
  [['tenants', 't', 'bookings', 'consentText'], schema.$defs.bookings.properties.consentText],
  [['tenants', 't', 'bookings', 'chat'], schema.$defs.bookings.properties.chat],
  [['status'], schema.properties.status],
  [['smtp'], schema.properties.smtp],
  [['store'], schema.$defs.postgres],
];

test('the probe config is valid', () => {
  assert.doesNotThrow(() => parseConfig(full(), ENV));
});

for (const [path, node] of PROBES) {
  test(`${path.join('.') || 'top level'}: the schema and the server know the same fields`, () => {
    const config = full();
    const target = path.reduce((object, key) => object[key], config);
    target.zzUnknown = 1;
    let error;
    try {
      parseConfig(config, ENV);
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof ConfigError, 'an unknown field is refused');
    const issue = error.issues.find((i) => i.path === [...path, 'zzUnknown'].join('.'));
    assert.ok(issue, `no issue for ${[...path, 'zzUnknown'].join('.')}: ${error.message}`);
    const known = /\(known: (.*)\)/.exec(issue.message)[1].split(', ');
    assert.deepEqual(known.sort(), Object.keys(node.properties).sort());
    assert.equal(node.additionalProperties, false, 'the schema refuses unknown fields too');
  });
}

test('config.schema.json is generated from the definition (run `npm run docs:config`)', () => {
  assert.equal(readFileSync(schemaUrl, 'utf8'), schemaText());
});

test('docs/config-reference.md is generated from the schema (run `npm run docs:config`)', () => {
  assert.equal(readFileSync(referenceUrl, 'utf8'), render(schema));
});
