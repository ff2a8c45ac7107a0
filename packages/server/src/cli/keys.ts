import { addKeys, loadKeySetFile, removeKey } from '../files.js';
import type { ServerConfig } from '../config/index.js';
import { type Invite, INVITE_MAX_SECONDS, issueInvite, parseDuration } from '../invites.js';
import { type Command, keyFile, openStore, readConfig, readKeys, required, UsageError } from './args.js';

/** `keys generate|list|remove`, `invite create|revoke`. */
export const KEY_COMMANDS: Record<string, Command> = {
  'keys generate': async (values) => {
    const json = await addKeys(keyFile(values), values.rsa ? ['EdDSA', 'RS256'] : ['EdDSA']);
    const added = json.keys.slice(values.rsa ? -2 : -1);
    console.log(
      `added ${added.map((key) => `${key.kid} (${key.alg})`).join(' and ')} to ${keyFile(values)}; a running server reads it within seconds (or send it SIGHUP).`,
    );
    return 0;
  },
  'keys list': async (values) => {
    const { keys } = await loadKeySetFile(keyFile(values));
    for (const key of keys.publicJwks().keys) console.log(`${key.kid}\t${key.alg}`);
    return 0;
  },
  'keys remove': async (values) => {
    await removeKey(keyFile(values), required(values, 'kid'));
    console.log(
      `removed ${String(values.kid)}: tokens it signed no longer work (a running server reads the key set again within seconds).`,
    );
    return 0;
  },
  'invite create': async (values) => {
    const config = await readConfig(values);
    const [tenant, room] = roomOf(config, required(values, 'room'));
    const role = required(values, 'role');
    if (role !== 'moderator' && role !== 'attendee') throw new UsageError('--role must be moderator or attendee');
    const seconds = parseDuration(required(values, 'expires'));
    if (seconds === undefined) throw new UsageError(`--expires must be like 90m, 12h or 30d, at most ${INVITE_MAX_SECONDS / 86_400}d`);
    const page = typeof values.page === 'string' ? new URL(values.page) : undefined;
    const keys = await readKeys(values, config);
    const store = await openStore(values, config);
    let invite: Invite;
    try {
      invite = await issueInvite(keys, store, { tenant, room, role, expiresInSeconds: seconds });
    } finally {
      await store.close();
    }
    if (page) {
      page.hash = `invite=${invite.token}`;
      console.log(page.href);
    } else {
      console.log(invite.token);
    }
    console.error(
      `${role} invite for ${tenant}/${room}, valid until ${invite.expiresAt}; revoke with: vereinsraum invite revoke --id ${invite.jti}`,
    );
    return 0;
  },
  'invite revoke': async (values) => {
    const id = typeof values.id === 'string' && values.id !== '' ? values.id : required(values, 'jti');
    // The config names the store; without one, the data folder's SQLite file.
    const store = await openStore(values, typeof values.config === 'string' ? await readConfig(values) : undefined);
    try {
      // A short invite is revoked until it expires; for a signed one the expiry is not known here.
      const until = (await store.getInvite(id))?.expiresAt ?? Date.now() + INVITE_MAX_SECONDS * 1000;
      await store.revoke(id, until);
    } finally {
      await store.close();
    }
    console.log(`revoked invite ${id}.`);
    return 0;
  },
};

/** `tenant/room`, or `room` when the config has a single tenant: a configured room. */
function roomOf(config: ServerConfig, given: string): [string, string] {
  const [tenantId, roomId] = given.includes('/')
    ? given.split('/', 2)
    : config.tenants.size === 1
      ? [[...config.tenants.keys()][0]!, given]
      : [];
  const tenant = tenantId === undefined ? undefined : config.tenants.get(tenantId);
  if (!tenant || roomId === undefined || !tenant.rooms.has(roomId)) {
    const known = [...config.tenants.values()].flatMap((t) => [...t.rooms.keys()].map((r) => `${t.id}/${r}`));
    throw new UsageError(`--room ${given} is not a room of the configuration (rooms: ${known.join(', ')})`);
  }
  return [tenant.id, roomId];
}
