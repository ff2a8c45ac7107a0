import { ACCESS_CODE_MAX } from '@vereinsraum/protocol';
import type { ConfigFile } from './schema.js';
import type { Env } from './types.js';
import type { Findings } from './validate.js';

/** A rule a secret must follow: a test, and what to say (given the variable's name) when it fails. */
type SecretRule = [test: (secret: string) => boolean, problem: (name: string) => string];

const ADMIN_TOKEN: SecretRule = [
  (s) => s.length >= 32,
  (name) => `the admin token in ${name} must have at least 32 characters (e.g. from \`openssl rand -base64 32\`)`,
];
const JITSI_SECRET: SecretRule = [
  (s) => s.length >= 32,
  (name) => `the app secret in ${name} must have at least 32 characters: HS256 needs a 256-bit secret`,
];
const BOT_TOKEN: SecretRule = [
  (s) => /^\S{16,200}$/.test(s),
  (name) => `the access token in ${name} must be the bot's token: 16 to 200 characters, no spaces`,
];
/** A PostgreSQL connection URL (what `pg` reads; TLS and other settings in its query). */
const DATABASE_URL: SecretRule = [
  (s) => /^postgres(?:ql)?:\/\/./.test(s) && URL.canParse(s),
  (name) => `the connection URL in ${name} must look like postgresql://user:password@host:5432/database`,
];
/** An access code: what a visitor can type. */
const ACCESS_CODE: SecretRule = [
  (s) => s === s.trim() && s.length <= ACCESS_CODE_MAX,
  (name) => `the code in ${name} must have at most ${ACCESS_CODE_MAX} characters and no spaces at either end`,
];

/**
 * Read every secret the file names (fields ending in `Env`) from `env`,
 * checking each by its rule. Returns them by the path of the field that
 * names them; a missing or unfit one is an issue instead.
 */
export function readSecrets(file: ConfigFile, env: Env, findings: Findings): Map<string, string> {
  const secrets = new Map<string, string>();
  const read = (name: string | undefined, path: string, rule?: SecretRule): void => {
    if (name === undefined || !findings.ok(path)) return;
    const secret = env[name];
    if (secret === undefined || secret === '') findings.add(path, `environment variable ${name} is not set`);
    else if (rule && !rule[0](secret)) findings.add(path, rule[1](name));
    else secrets.set(path, secret);
  };

  read(file.adminTokenEnv, 'adminTokenEnv', ADMIN_TOKEN);
  read(file.metricsTokenEnv, 'metricsTokenEnv', ADMIN_TOKEN);
  for (const [, backend, path] of findings.entries(file.backends, 'backends')) {
    if (backend.type === 'bbb') read(backend.secretEnv, `${path}.secretEnv`);
    if (backend.type === 'jitsi') read(backend.appSecretEnv, `${path}.appSecretEnv`, JITSI_SECRET);
    if (backend.type === 'mattermost') read(backend.tokenEnv, `${path}.tokenEnv`, BOT_TOKEN);
  }
  for (const [, tenant, path] of findings.entries(file.tenants, 'tenants')) {
    for (const [, room, roomPath] of findings.entries(tenant.rooms, `${path}.rooms`)) {
      read(room.moderatorCodeEnv, `${roomPath}.moderatorCodeEnv`, ACCESS_CODE);
      read(room.attendeeCodeEnv, `${roomPath}.attendeeCodeEnv`, ACCESS_CODE);
    }
  }
  for (const [i, admin] of (findings.ok('clubs') ? (file.clubs?.regionAdmins ?? []) : []).entries())
    read(admin.tokenEnv, `clubs.regionAdmins[${i}].tokenEnv`, ADMIN_TOKEN);
  if (file.smtp && findings.ok('smtp')) read(file.smtp.passwordEnv, 'smtp.passwordEnv');
  if (file.store?.type === 'postgres' && findings.ok('store')) read(file.store.urlEnv, 'store.urlEnv', DATABASE_URL);
  return secrets;
}
