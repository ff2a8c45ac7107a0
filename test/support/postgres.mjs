// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder,
// `pg_ctl` on a free loopback port, stopped and removed after. Nothing depends
// on a system service. PostgreSQL refuses to run as root, so as root the
// cluster belongs to the `postgres` user and its commands run through `runuser`.
// Tests never skip without PostgreSQL: they fail with how to install it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT =
  "PostgreSQL is not installed: the tests start their own cluster with initdb and pg_ctl. Install Debian's package (apt-get install postgresql; .ci/run does it), or put a PostgreSQL bin folder on PATH or in PG_BIN.";

/** The folder with `initdb`, `pg_ctl` and `postgres`: PG_BIN, PATH, or Debian's newest /usr/lib/postgresql/<version>/bin. */
export function postgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  const found = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(join(dir, tool))));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
  });
}

/**
 * Start a cluster. Returns its `url` (database `postgres`, user `postgres`,
 * no password: trust on loopback only), `database()` for a fresh empty
 * database of its own, `stop()` and `start()` of the server (the data stays),
 * and `close()`, which stops it and removes everything.
 */
export async function startPostgres() {
  const bin = postgresBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'vereinsraum-pg-'));
  if (root) {
    const id = (flag) => {
      try {
        return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      } catch {
        throw new Error(`PostgreSQL refuses to run as root, and there is no user "postgres" to run it as. ${INSTALL_HINT}`);
      }
    };
    chownSync(dir, id('-u'), id('-g'));
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const run = (tool, args) => {
    const [command, all] = root ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, all, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}${readLog()}`);
    return result.stdout;
  };
  const readLog = () => {
    try {
      return readFileSync(join(dir, 'log'), 'utf8');
    } catch {
      return '';
    }
  };
  run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  // Tests need no crash safety of the server itself: fsync off makes each commit cheap.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  // If the test process ends without close(), the server must not outlive it.
  const onExit = () => {
    if (running)
      spawnSync(
        root ? 'runuser' : join(bin, 'pg_ctl'),
        root
          ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']
          : ['-D', data, '-m', 'immediate', 'stop'],
      );
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  const psql = (sql, values) => query(url, sql, values);
  return {
    url,
    port,
    dir,
    /** The cluster's data folder (its tables' files are under `base/`). */
    data,
    /** Run SQL as the superuser on the `postgres` database; its result. */
    psql,
    /** A new, empty database; its URL. */
    async database(prefix = 'test') {
      const name = `${prefix}_${++databases}_${process.pid}`;
      await psql(`CREATE DATABASE ${name}`);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    /** Stop the server (fast shutdown: connections are closed); the data stays. */
    stop() {
      stop();
      running = false;
    },
    /** Start it again, on the same port. */
    start() {
      start();
      running = true;
    },
    /** The server's log, for a failing test's message. */
    log: readLog,
    async close() {
      process.off('exit', onExit);
      if (running) stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run one statement on the database at `url`, on a connection of its own; its result. */
export async function query(url, sql, values = []) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

let shared;

/**
 * The cluster of this test process (one per test file): started at the first
 * call, stopped and removed when the process exits. Give each suite a database
 * of its own (`database()`).
 */
export function sharedPostgres() {
  shared ??= startPostgres();
  return shared;
}
