// The store's two engines for the tests: where a store lives (a SQLite file, a
// PostgreSQL database of the test file's own cluster), how to open it, and how
// to read everything it holds. The conformance suite and the booking stack run
// on each.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { query, sharedPostgres } from '../../../../test/support/postgres.mjs';
import { PgStore } from '../../src/store/postgres.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';

/** One store's data: a file or a database. */
export interface Place {
  /** Open a store on it: a connection of its own each time (another process's, as it were); the first migrates. */
  open(): Promise<Store>;
  /** Everything the store holds, as text: to look for what must never be kept. */
  contents(): Promise<string>;
  /** The file (SQLite) or the connection URL (PostgreSQL). */
  where: string;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** A new, empty place; a SQLite file goes into `dir`. */
  place(dir: string): Promise<Place>;
}

const sqlite: Engine = {
  name: 'sqlite',
  async place(dir) {
    const path = join(dir, 'vereinsraum.db');
    return {
      where: path,
      open: async () => new SqliteStore(path),
      // The file and its write-ahead log, every byte.
      contents: async () =>
        (await Promise.all(['', '-wal'].map((suffix) => readFile(path + suffix).catch(() => Buffer.alloc(0)))))
          .map((bytes) => bytes.toString('latin1'))
          .join(''),
    };
  },
};

const postgres: Engine = {
  name: 'postgres',
  async place() {
    const url = await (await sharedPostgres()).database();
    return {
      where: url,
      open: () => PgStore.open({ url, poolSize: 5 }),
      // Every row of every table, as PostgreSQL writes a row as text (bytes in hex).
      async contents() {
        const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map(
          (row: { tablename: string }) => row.tablename,
        );
        const parts = await Promise.all(
          tables.map(async (table: string) =>
            (await query(url, `SELECT t::text AS row FROM ${table} t`)).rows.map((r: { row: string }) => r.row).join('\n'),
          ),
        );
        return parts.join('\n');
      },
    };
  },
};

export const ENGINES: readonly Engine[] = [sqlite, postgres];
