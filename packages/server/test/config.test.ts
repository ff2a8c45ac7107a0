import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig } from '../src/config/index.ts';
import { Config } from '../src/config/schema.ts';
import { loadConfigFile } from '../src/config-file.ts';

const env = { BBB_SECRET: 'secret', MOD: 'mod-code', ATT: 'att-code' };
function valid(): any {
  return {
    backends: { bbb: { type: 'bbb', url: 'https://bbb.example.org/bigbluebutton/', secretEnv: 'BBB_SECRET' } },
    tenants: {
      tsv: {
        name: 'TSV Musterstadt',
        allowedOrigins: ['https://www.tsv.example'],
        rooms: {
          training: { name: 'Training', backend: 'bbb', start: 'anyone' },
          vorstand: { name: 'Vorstand', backend: 'bbb', start: 'moderator-code', moderatorCodeEnv: 'MOD', attendeeCodeEnv: 'ATT' },
        },
      },
    },
  };
}

function issues(raw: unknown, e: Record<string, string> = env): string[] {
  try {
    parseConfig(raw, e);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected a ConfigError');
}

describe('config', () => {
  test('a valid config resolves secrets and normalises the API URL', () => {
    const config = parseConfig(valid(), env);
    assert.deepEqual(config.backends.get('bbb'), {
      type: 'bbb',
      url: 'https://bbb.example.org/bigbluebutton/api',
      secret: 'secret',
      checksum: 'sha256',
      timeoutMs: 5000,
    });
    const room = config.tenants.get('tsv')?.rooms.get('vorstand');
    assert.equal(room?.moderatorCode, 'mod-code');
    assert.equal(room?.attendeeCode, 'att-code');
  });

  test('the status section has defaults and bounds', () => {
    assert.deepEqual(parseConfig(valid(), env).status, { ttlMs: 5000, graceMs: 30_000, timeoutMs: 3000, maxStreamsPerClient: 20 });
    assert.deepEqual(parseConfig({ ...valid(), status: { ttlMs: 10_000, maxStreamsPerClient: 50 } }, env).status, {
      ttlMs: 10_000,
      graceMs: 30_000,
      timeoutMs: 3000,
      maxStreamsPerClient: 50,
    });
    assert.deepEqual(
      issues({ ...valid(), status: { ttlMs: 10, graceMs: -1, timeoutMs: 'fast', maxStreamsPerClient: 0, poll: 1 } }).map(
        (i) => i.split(':')[0],
      ),
      ['status.poll', 'status.ttlMs', 'status.graceMs', 'status.timeoutMs', 'status.maxStreamsPerClient'],
    );
  });

  test('the store: SQLite by default; PostgreSQL with its URL from the environment and defaults for the pool; each mistake named', () => {
    assert.deepEqual(parseConfig(valid(), env).store, { type: 'sqlite' });
    assert.deepEqual(parseConfig({ ...valid(), store: { type: 'sqlite' } }, env).store, { type: 'sqlite' });
    const url = 'postgresql://vereinsraum:geheim@db.example.org:5432/vereinsraum?sslmode=require';
    assert.deepEqual(
      parseConfig({ ...valid(), store: { type: 'postgres', urlEnv: 'DATABASE_URL' } }, { ...env, DATABASE_URL: url }).store,
      {
        type: 'postgres',
        url,
        poolSize: 10,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 15_000,
      },
    );
    assert.deepEqual(issues({ ...valid(), store: { type: 'postgres' } }), [
      'store.urlEnv: is required: name the environment variable that holds the secret',
    ]);
    assert.deepEqual(issues({ ...valid(), store: { type: 'postgres', urlEnv: 'DATABASE_URL' } }), [
      'store.urlEnv: environment variable DATABASE_URL is not set',
    ]);
    assert.deepEqual(
      issues({ ...valid(), store: { type: 'postgres', urlEnv: 'DATABASE_URL' } }, { ...env, DATABASE_URL: 'mysql://db/x' }),
      ['store.urlEnv: the connection URL in DATABASE_URL must look like postgresql://user:password@host:5432/database'],
    );
    assert.deepEqual(
      issues({ ...valid(), store: { type: 'postgres', urlEnv: 'DATABASE_URL', poolSize: 0, pool: 3 } }, { ...env, DATABASE_URL: url }),
      [
        'store.pool: unknown field (known: type, urlEnv, poolSize, connectTimeoutMs, statementTimeoutMs)',
        'store.poolSize: must be a whole number from 1 to 200',
      ],
    );
    assert.deepEqual(issues({ ...valid(), store: { type: 'mysql' } }), [
      'store.type: must be "sqlite" (SQLite: one file, one server) or "postgres" (PostgreSQL: several servers)',
    ]);
  });

  test('publicOrigin is an origin, nothing more', () => {
    assert.equal(
      parseConfig({ ...valid(), publicOrigin: 'https://vereinsraum.example-stadt.de' }, env).publicOrigin,
      'https://vereinsraum.example-stadt.de',
    );
    assert.equal(parseConfig(valid(), env).publicOrigin, undefined);
    for (const bad of ['https://vereinsraum.example-stadt.de/', 'https://x.example/path', 'vereinsraum.example-stadt.de', 42]) {
      assert.deepEqual(
        issues({ ...valid(), publicOrigin: bad }).map((i) => i.split(':')[0]),
        ['publicOrigin'],
        String(bad),
      );
    }
  });

  test('the admin token must be long', () => {
    assert.deepEqual(
      issues({ ...valid(), adminTokenEnv: 'ADMIN' }, { ...env, ADMIN: 'short' }).map((i) => i.split(':')[0]),
      ['adminTokenEnv'],
    );
    assert.equal(parseConfig({ ...valid(), adminTokenEnv: 'ADMIN' }, { ...env, ADMIN: 'x'.repeat(32) }).adminToken, 'x'.repeat(32));
  });

  test('sha384 is refused with the reason', () => {
    const raw = valid();
    raw.backends.bbb.checksum = 'sha384';
    assert.deepEqual(issues(raw), [
      'backends.bbb.checksum: sha384 is not supported: Scalelite refuses it. Use "sha256" (or "sha1"/"sha512" if your server demands it)',
    ]);
  });

  test('sha1 and sha512 can be chosen', () => {
    for (const checksum of ['sha1', 'sha512'] as const) {
      const raw = valid();
      raw.backends.bbb.checksum = checksum;
      assert.equal(parseConfig(raw, env).backends.get('bbb')?.checksum, checksum);
    }
  });

  test('every problem is named with its field', () => {
    const raw = valid();
    raw.backends.bbb.secretEnv = 'MISSING_SECRET';
    raw.tenants.tsv.allowedOrigins = ['https://www.tsv.example/', 'not a url'];
    raw.tenants.tsv.rooms.training.backend = 'nope';
    raw.tenants.tsv.rooms.vorstand.moderatorCodeEnv = undefined;
    raw.tenants.tsv.rooms['Bad Id'] = { name: 'x', backend: 'bbb', start: 'anyone' };
    raw.tenants.tsv.rooms.training.colour = 'red';
    assert.deepEqual(issues(raw).sort(), [
      'backends.bbb.secretEnv: environment variable MISSING_SECRET is not set',
      'tenants.tsv.allowedOrigins[0]: must be an origin: scheme, host and port only, no path or trailing slash (e.g. "https://www.example.org")',
      'tenants.tsv.allowedOrigins[1]: must be an origin: scheme, host and port only, no path or trailing slash (e.g. "https://www.example.org")',
      'tenants.tsv.rooms.Bad Id: ids are lowercase letters, digits and inner hyphens, at most 64 characters',
      'tenants.tsv.rooms.training.backend: must name one of the backends ("bbb")',
      'tenants.tsv.rooms.training.colour: unknown field (known: name, backend, start, moderatorCodeEnv, attendeeCodeEnv)',
      'tenants.tsv.rooms.vorstand.moderatorCodeEnv: is required: name the environment variable that holds the secret',
    ]);
  });

  test('names, backends and codes that could never work are refused', () => {
    const raw = valid();
    raw.tenants.tsv.rooms.training.name = 'A';
    raw.tenants.tsv.rooms.training.backend = 'constructor';
    assert.deepEqual(issues(raw, { ...env, MOD: ' mod-code', ATT: 'x'.repeat(65) }).sort(), [
      'tenants.tsv.rooms.training.backend: must name one of the backends ("bbb")',
      'tenants.tsv.rooms.training.name: must be a text of 2 to 200 characters',
      'tenants.tsv.rooms.vorstand.attendeeCodeEnv: the code in ATT must have at most 64 characters and no spaces at either end',
      'tenants.tsv.rooms.vorstand.moderatorCodeEnv: the code in MOD must have at most 64 characters and no spaces at either end',
    ]);
  });

  test('an empty or wrong top level is refused', () => {
    assert.deepEqual(issues(null), [
      ': must be an object',
      'backends: must be an object whose keys are ids',
      'tenants: must be an object whose keys are ids',
    ]);
    assert.deepEqual(issues({ backends: {}, tenants: {} }), ['tenants: must not be empty']);
  });

  test('the same code for moderators and attendees is refused', () => {
    assert.deepEqual(issues(valid(), { ...env, ATT: 'mod-code' }), [
      'tenants.tsv.rooms.vorstand.attendeeCodeEnv: the attendee code must differ from the moderator code',
    ]);
  });

  test('tenant branding: every field read, colours kept lowercase, the language defaulting to German', () => {
    const raw = valid();
    Object.assign(raw.tenants.tsv, {
      logoUrl: 'https://www.tsv.example/logo.svg',
      theme: { primary: '#0B5CAD', onPrimary: '#ffffff', radius: '0.25rem', font: '"Atkinson Hyperlegible", Arial, sans-serif' },
      defaultLanguage: 'en',
      privacyPolicyUrl: 'https://www.tsv.example/datenschutz',
      imprintUrl: 'http://localhost:8080/impressum',
      privacyNotice: {
        de: '  Der TSV nutzt den Videodienst der Stadt.\nMehr in der Datenschutzerklärung. ',
        en: 'The club uses the town’s video service.',
      },
      bbbStyleUrl: 'https://www.tsv.example/bbb.css',
      jitsiTenant: 'TSV-Musterstadt',
      leavePage: 'https://www.tsv.example/danke',
    });
    const tenant = parseConfig(raw, env).tenants.get('tsv')!;
    assert.equal(tenant.logoUrl, 'https://www.tsv.example/logo.svg');
    assert.deepEqual(tenant.theme, {
      primary: '#0b5cad',
      onPrimary: '#ffffff',
      radius: '0.25rem',
      font: '"Atkinson Hyperlegible", Arial, sans-serif',
    });
    assert.equal(tenant.defaultLanguage, 'en');
    assert.equal(tenant.privacyPolicyUrl, 'https://www.tsv.example/datenschutz');
    assert.equal(tenant.imprintUrl, 'http://localhost:8080/impressum');
    assert.deepEqual(tenant.privacyNotice, {
      de: 'Der TSV nutzt den Videodienst der Stadt.\nMehr in der Datenschutzerklärung.',
      en: 'The club uses the town’s video service.',
    });
    assert.equal(tenant.bbbStyleUrl, 'https://www.tsv.example/bbb.css');
    assert.equal(tenant.jitsiTenant, 'tsv-musterstadt');
    assert.equal(tenant.leavePage, 'https://www.tsv.example/danke');

    const plain = parseConfig(valid(), env).tenants.get('tsv')!;
    assert.equal(plain.defaultLanguage, 'de');
    for (const key of ['logoUrl', 'theme', 'privacyPolicyUrl', 'imprintUrl', 'privacyNotice', 'bbbStyleUrl', 'jitsiTenant', 'leavePage']) {
      assert.equal(key in plain, false, `${key} is left out when not configured`);
    }
  });

  test('tenant branding: each bad field is named', () => {
    const raw = valid();
    Object.assign(raw.tenants.tsv, {
      logoUrl: 'http://www.tsv.example/logo.svg',
      theme: { primary: 'blue', onPrimary: '#fff', radius: '4vw', font: 'Arial; background: url(https://evil.example/x)', shadow: 'none' },
      defaultLanguage: 'fr',
      privacyPolicyUrl: 'javascript:alert(1)',
      imprintUrl: 'https://user:pass@www.tsv.example/impressum',
      privacyNotice: { de: 'x'.repeat(1001), en: 'Bob\u202Eevil' },
      bbbStyleUrl: 'ftp://www.tsv.example/bbb.css',
      jitsiTenant: 'tsv/musterstadt',
      leavePage: 'http://www.tsv.example/danke',
    });
    assert.deepEqual(
      issues(raw)
        .map((i) => i.split(':')[0])
        .sort(),
      [
        'tenants.tsv.bbbStyleUrl',
        'tenants.tsv.defaultLanguage',
        'tenants.tsv.imprintUrl',
        'tenants.tsv.jitsiTenant',
        'tenants.tsv.leavePage',
        'tenants.tsv.logoUrl',
        'tenants.tsv.privacyNotice.de',
        'tenants.tsv.privacyNotice.en',
        'tenants.tsv.privacyPolicyUrl',
        'tenants.tsv.theme.font',
        'tenants.tsv.theme.onPrimary',
        'tenants.tsv.theme.primary',
        'tenants.tsv.theme.radius',
        'tenants.tsv.theme.shadow',
      ],
    );
  });

  test('theme values at and beyond their limits', () => {
    const themeIssues = (theme: Record<string, unknown>): string[] => {
      const raw = valid();
      raw.tenants.tsv.theme = theme;
      try {
        parseConfig(raw, env);
        return [];
      } catch (error) {
        return (error as ConfigError).issues.map((i) => i.path);
      }
    };
    for (const radius of ['0px', '48px', '3rem', '0.5em', '2.125rem']) assert.deepEqual(themeIssues({ radius }), [], radius);
    for (const radius of ['49px', '3.1rem', '0', '-1px', '1 px', '1e1px', 'calc(1px)'])
      assert.deepEqual(themeIssues({ radius }), ['tenants.tsv.theme.radius'], radius);
    for (const font of ['Arial', '"Atkinson Hyperlegible", Verdana, sans-serif', "'Fira Sans', system-ui", 'Überschrift-Sans 2']) {
      assert.deepEqual(themeIssues({ font }), [], font);
    }
    for (const font of ['"Arial', 'Arial}', 'a\\62', 'x'.repeat(201), '', 'Arial /* */', 'url(x)'])
      assert.deepEqual(themeIssues({ font }), ['tenants.tsv.theme.font'], font);
    for (const primary of ['#0b5cad', '#FFFFFF']) assert.deepEqual(themeIssues({ primary }), [], primary);
    for (const primary of ['#fff', '0b5cad', '#0b5cadff', 'rgb(0,0,0)', 42])
      assert.deepEqual(themeIssues({ primary }), ['tenants.tsv.theme.primary'], String(primary));
  });

  test('https only for what visitors load, except on loopback hosts', () => {
    for (const [logoUrl, ok] of [
      ['https://cdn.tsv.example/logo.png', true],
      ['http://127.0.0.1:8090/logo.png', true],
      ['http://[::1]/logo.png', true],
      ['http://localhost/logo.png', true],
      ['http://tsv.example/logo.png', false],
      ['data:image/png;base64,AAAA', false],
      [`https://tsv.example/${'a'.repeat(2000)}`, false],
    ] as const) {
      const raw = valid();
      raw.tenants.tsv.logoUrl = logoUrl;
      if (ok) assert.equal(parseConfig(raw, env).tenants.get('tsv')?.logoUrl, logoUrl);
      else
        assert.deepEqual(
          issues(raw).map((i) => i.split(':')[0]),
          ['tenants.tsv.logoUrl'],
          logoUrl,
        );
    }
  });

  test("the bookings' privacy policy falls back to the tenant's, and one of them is needed", () => {
    const bookings = {
      backend: 'bbb',
      joinPage: 'https://www.tsv.example/raum',
      formPage: 'https://www.tsv.example/buchen',
      consentText: { de: 'Ich bin einverstanden.', en: 'I agree to this, please.' },
    };
    const raw = valid();
    raw.tenants.tsv.bookings = { ...bookings };
    assert.deepEqual(issues(raw), [
      "tenants.tsv.bookings.privacyPolicyUrl: is required: your privacy policy's URL (or set the tenant's privacyPolicyUrl)",
    ]);
    raw.tenants.tsv.privacyPolicyUrl = 'https://www.tsv.example/datenschutz';
    assert.equal(parseConfig(raw, env).tenants.get('tsv')?.bookings?.privacyPolicyUrl, 'https://www.tsv.example/datenschutz');
    raw.tenants.tsv.bookings.privacyPolicyUrl = 'https://www.tsv.example/datenschutz-buchungen';
    assert.equal(parseConfig(raw, env).tenants.get('tsv')?.bookings?.privacyPolicyUrl, 'https://www.tsv.example/datenschutz-buchungen');
  });

  test('a config file that is missing or not JSON names the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vereinsraum-config-'));
    await assert.rejects(loadConfigFile(join(dir, 'missing.json'), env), (error: ConfigError) =>
      /cannot read .*missing\.json: ENOENT/.test(error.message),
    );
    await writeFile(join(dir, 'bad.json'), '{ "tenants": ');
    await assert.rejects(loadConfigFile(join(dir, 'bad.json'), env), (error: ConfigError) =>
      /bad\.json is not valid JSON/.test(error.message),
    );
    await writeFile(join(dir, 'good.json'), JSON.stringify(valid()));
    assert.equal((await loadConfigFile(join(dir, 'good.json'), env)).tenants.size, 1);
  });

  test('plain texts: line breaks kept (\r\n made \n), other control and bidi characters refused', () => {
    const raw = valid();
    raw.tenants.tsv.privacyNotice = { de: 'Zeile eins\r\nZeile zwei\n\tEingerückt', en: 'Line one' };
    raw.tenants.tsv.privacyPolicyUrl = 'https://www.tsv.example/datenschutz';
    raw.tenants.tsv.bookings = {
      backend: 'bbb',
      joinPage: 'https://www.tsv.example/raum',
      formPage: 'https://www.tsv.example/buchen',
      consentText: { de: 'Ich bin\r\neinverstanden.', en: 'I agree to this, please.' },
    };
    const tenant = parseConfig(raw, env).tenants.get('tsv')!;
    assert.equal(tenant.privacyNotice?.de, 'Zeile eins\nZeile zwei\n\tEingerückt');
    assert.equal(tenant.bookings?.consentText.de, 'Ich bin\neinverstanden.');

    raw.tenants.tsv.privacyNotice = { de: 'Ein Wagen\rrücklauf', en: 'Null\u0000byte' };
    raw.tenants.tsv.bookings.consentText.en = 'I agree \u2066to this\u2069, please.';
    assert.deepEqual(issues(raw).sort(), [
      'tenants.tsv.bookings.consentText.en: must be the privacy notice as plain text, 10 to 2000 characters',
      'tenants.tsv.privacyNotice.de: must be plain text of 1 to 1000 characters (line breaks allowed)',
      'tenants.tsv.privacyNotice.en: must be plain text of 1 to 1000 characters (line breaks allowed)',
    ]);
  });

  test('every key of a map that is no id is named, and so is a back end of no known type', () => {
    const raw = valid();
    raw.tenants.tsv.rooms['Raum 1'] = { name: 'Raum 1', backend: 'bbb', start: 'anyone' };
    raw.tenants.tsv.rooms['raum_2'] = { name: 'Raum 2', backend: 'bbb', start: 'anyone' };
    raw.backends.zoom = { type: 'zoom', url: 'https://zoom.example' };
    raw.backends.list = ['bbb'];
    assert.deepEqual(issues(raw).sort(), [
      'backends.list: must be an object',
      'backends.zoom.type: must be "bbb" (BigBlueButton or Scalelite), "jitsi" (Jitsi Meet) or "mattermost" (Mattermost, for chat rooms)',
      'tenants.tsv.rooms.Raum 1: ids are lowercase letters, digits and inner hyphens, at most 64 characters',
      'tenants.tsv.rooms.raum_2: ids are lowercase letters, digits and inner hyphens, at most 64 characters',
    ]);
  });

  test('a missing field is named as missing, and a sender with a control character is refused', () => {
    const raw = valid();
    delete raw.tenants.tsv.rooms.training.name;
    delete raw.backends.bbb.secretEnv;
    raw.smtp = { host: 'mail.example.org', from: 'Verein\u0085 <verein@example.org>' };
    assert.deepEqual(issues(raw).sort(), [
      'backends.bbb.secretEnv: is required: name the environment variable that holds the secret',
      'smtp.from: must be the sender address, e.g. "Vereinsraum <vereinsraum@example.org>"',
      'tenants.tsv.rooms.training.name: must be a text of 2 to 200 characters',
    ]);
  });

  test('every field of the definition is described, and a wrong value of it is named in plain words', () => {
    const sample = valid();
    Object.assign(sample.backends, {
      meet: { type: 'jitsi', domain: 'meet.example.org', appId: 'app' },
      chat: { type: 'mattermost', url: 'https://chat.example.org', tokenEnv: 'BOT' },
    });
    Object.assign(sample.tenants.tsv, {
      theme: {},
      privacyNotice: { de: 'Hinweis', en: 'Notice' },
      bookings: {
        backend: 'bbb',
        chat: { backend: 'chat', team: 'tsv' },
        joinPage: 'https://www.tsv.example/raum',
        formPage: 'https://www.tsv.example/buchen',
        consentText: { de: 'Ich bin einverstanden.', en: 'I agree to this, please.' },
        privacyPolicyUrl: 'https://www.tsv.example/datenschutz',
      },
    });
    Object.assign(sample, { status: {}, smtp: { host: 'mail.example.org', from: 'verein@example.org' } });
    const sampleEnv = { ...env, BOT: 'x'.repeat(26) };
    assert.doesNotThrow(() => parseConfig(sample, sampleEnv));

    // Every field the sample reaches: its path and its definition.
    const fields: Array<[string[], any]> = [];
    const walk = (schema: any, at: string[], value: any): void => {
      if (schema.anyOf && value?.type)
        return walk(
          schema.anyOf.find((variant: any) => variant.properties?.type?.const === value.type),
          at,
          value,
        );
      const [item] = Object.values<any>(schema.patternProperties ?? {});
      if (item) for (const [id, entry] of Object.entries(value)) walk(item, [...at, id], entry);
      for (const [key, field] of Object.entries<any>(schema.properties ?? {})) {
        assert.ok(field.description, `${[...at, key].join('.')} is described`);
        fields.push([[...at, key], field]);
        if (typeof value[key] === 'object') walk(field, [...at, key], value[key]);
      }
    };
    walk(Config, [], sample);
    assert.ok(fields.length > 80, `${fields.length} fields`);

    for (const [path, field] of fields) {
      const raw = structuredClone(sample);
      const parent = path.slice(0, -1).reduce((object: any, key) => object[key], raw);
      parent[path.at(-1)!] = field.type === 'string' || field.anyOf ? 42 : 'wrong';
      const name = path.join('.');
      const found = issues(raw, sampleEnv);
      assert.ok(
        found.some((issue) => issue.startsWith(`${name}: must `)),
        `${name}: ${found.join(' | ')}`,
      );
      assert.ok(
        found.every((issue) => !/Expected|Unexpected/.test(issue)),
        found.join(' | '),
      );
    }
  });
});
