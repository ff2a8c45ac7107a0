import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKey, type KeyAlgorithm, KeySet, type KeySetJson } from './keys.js';
import { MemoryRevocations } from './revocations.js';

/**
 * Read a key set file. With `create`, a missing file is created with one
 * EdDSA key (and an RSA key when `rsa` is set), readable by its owner only.
 *
 * @throws Error naming the file when it cannot be read or used.
 */
export async function loadKeySetFile(
  path: string,
  options: { create?: boolean; rsa?: boolean } = {},
): Promise<{ keys: KeySet; created: boolean }> {
  let json = await readKeySetJson(path);
  let created = false;
  if (json === undefined) {
    if (!options.create)
      throw new Error(`the key set file ${path} does not exist: run \`vereinsraum keys generate --data ${dirname(path)}\``);
    json = await addKeys(path, options.rsa ? ['EdDSA', 'RS256'] : ['EdDSA']);
    created = true;
  }
  try {
    return { keys: await KeySet.fromJson(json), created };
  } catch (error) {
    throw new Error(`the key set file ${path} cannot be used: ${(error as Error).message}`);
  }
}

/** Add a new key of each algorithm to a key set file (creating it); new tokens then use them. */
export async function addKeys(path: string, algorithms: KeyAlgorithm[]): Promise<KeySetJson> {
  const json = (await readKeySetJson(path)) ?? { keys: [] };
  for (const alg of algorithms) json.keys.push(await generateKey(alg));
  await writePrivate(path, `${JSON.stringify(json, null, 2)}\n`);
  return json;
}

/** Remove the key `kid` from a key set file. Tokens it signed stop working. */
export async function removeKey(path: string, kid: string): Promise<KeySetJson> {
  const json = await readKeySetJson(path);
  if (!json?.keys.some((key) => key.kid === kid)) throw new Error(`${path} has no key ${kid}`);
  json.keys = json.keys.filter((key) => key.kid !== kid);
  await writePrivate(path, `${JSON.stringify(json, null, 2)}\n`);
  return json;
}

async function readKeySetJson(path: string): Promise<KeySetJson | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the key set file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const json = JSON.parse(text) as KeySetJson;
    if (!Array.isArray(json?.keys)) throw new Error('it has no "keys" list');
    return json;
  } catch (error) {
    throw new Error(`the key set file ${path} is not a key set: ${(error as Error).message}`);
  }
}

/**
 * Revocations kept in a JSON file, so that `vereinsraum invite revoke` and a
 * running server share them: the server reads the file again whenever it has
 * changed. Writes replace the file atomically.
 */
export class FileRevocations extends MemoryRevocations {
  private seen = -1;

  constructor(
    private readonly path: string,
    now: () => number = Date.now,
  ) {
    super(now);
  }

  override async isRevoked(jti: string): Promise<boolean> {
    await this.refresh();
    return super.isRevoked(jti);
  }

  override async revoke(jti: string, until: number): Promise<void> {
    await this.refresh();
    await super.revoke(jti, until);
    const revoked = Object.fromEntries([...this.entries].map(([key, expires]) => [key, new Date(expires).toISOString()]));
    await writePrivate(this.path, `${JSON.stringify({ revoked }, null, 2)}\n`);
    this.seen = -1;
  }

  private async refresh(): Promise<void> {
    let mtime: number;
    try {
      mtime = (await stat(this.path)).mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mtime = 0;
    }
    if (mtime === this.seen) return;
    const entries = new Map<string, number>();
    if (mtime !== 0) {
      const json = JSON.parse(await readFile(this.path, 'utf8')) as { revoked?: Record<string, string> };
      for (const [key, expires] of Object.entries(json.revoked ?? {})) entries.set(key, Date.parse(expires));
    }
    this.entries = entries;
    this.seen = mtime;
  }
}

/** Write a file readable by its owner only, replacing it atomically. */
async function writePrivate(path: string, text: string): Promise<void> {
  // A new data folder is its owner's only; the temporary file is made afresh, so it cannot keep an old mode.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  await rename(temporary, path);
}
