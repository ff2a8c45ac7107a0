// What @vereinsraum/server offers embedders, entry by entry: a change of the
// public surface is a decision (and a changeset), not a side effect. The main
// entry stays runtime-neutral: nothing it loads imports a `node:` module or a
// Node-only dependency.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const MAIN = [
  'ConfigError',
  'HttpError',
  'INVITE_ISSUER',
  'INVITE_MAX_SECONDS',
  'KeySet',
  'MemoryRevocations',
  'StoreRevocations',
  'StoreUnavailableError',
  'createHandler',
  'createInvite',
  'createStatusService',
  'fillMailLinks',
  'generateKey',
  'generateKeySet',
  'inspectInvite',
  'issueInvite',
  'parseConfig',
  'parseDuration',
  'themeContrastWarnings',
  'verifyInvite',
];

const NODE = [
  'BadRequestTarget',
  'FileRevocations',
  'SmtpMailer',
  'PgStore',
  'PromMetrics',
  'SqliteStore',
  'addKeys',
  'loadConfigFile',
  'loadKeySetFile',
  'openStore',
  'removeKey',
  'requestInfo',
  'sendBadRequest',
  'sendWebResponse',
  'serve',
  'toNodeListener',
  'toWebRequest',
];

const names = (module) => Object.keys(module).sort();

describe('@vereinsraum/server exports', () => {
  test('the main entry: the handler, config parsing, keys, invites, revocations and the store contract', async () => {
    assert.deepEqual(names(await import('@vereinsraum/server')), [...MAIN].sort());
  });

  test('./node: the node:http adapter, the SQLite and PostgreSQL stores, the SMTP mailer, config and key set files', async () => {
    assert.deepEqual(names(await import('@vereinsraum/server/node')), [...NODE].sort());
  });

  test('./config, the old name, is an alias of ./node', async () => {
    assert.equal(await import('@vereinsraum/server/config'), await import('@vereinsraum/server/node'));
  });

  test('./express: the middleware', async () => {
    assert.deepEqual(names(await import('@vereinsraum/server/express')), ['vereinsraum']);
  });

  test('the main entry loads no node: module and no Node-only dependency', () => {
    const entry = fileURLToPath(import.meta.resolve('@vereinsraum/server'));
    const seen = new Set();
    const outside = new Set();
    const walk = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, from, bare] of source.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
        const specifier = from ?? bare;
        if (specifier.startsWith('.')) walk(join(dirname(file), specifier));
        else outside.add(specifier);
      }
    };
    walk(entry);
    assert.ok(seen.size > 20, `followed the entry's imports (${seen.size} modules)`);
    const nodeOnly = [...outside].filter(
      (specifier) => specifier.startsWith('node:') || ['better-sqlite3', 'nodemailer', 'pg'].includes(specifier),
    );
    assert.deepEqual(nodeOnly, []);
  });
});
