// The PostgreSQL store's shared state: the pool, the guard that turns "not now"
// into StoreUnavailableError, statements and transactions, and the migrations.
import type pg from 'pg';
import type { StatusListening } from '../cluster.js';
import { MIGRATIONS, newerSchema, SCHEMA_VERSION } from '../migrations.js';
import type { OutboxMail } from '../records.js';
import { StoreUnavailableError } from '../types.js';

/** How `PgStore.open` connects; the config's `store` section (`"type": "postgres"`) has the same fields. */
export interface PgStoreOptions {
  /** `postgresql://user:password@host:5432/database`; TLS and the like as query parameters (`?sslmode=require`). */
  url: string;
  /** Connections kept open at most (default 10). */
  poolSize?: number;
  /** How long to wait for a connection, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** How long one statement may run, in ms (default 15000). */
  statementTimeoutMs?: number;
}

/**
 * SQLSTATE classes and codes that mean "not now": the connection failed or
 * was lost (08), the server lacks resources (53: disk full, out of memory,
 * too many connections), is shutting down or starting (57P01–57P03), a
 * statement ran out of time (57014) or waited too long for a lock (55P03),
 * the transaction collided with another (40001, 40P01), the database is
 * read-only (25006, a standby), or the disk failed (58).
 */
const UNAVAILABLE_STATES = /^(?:08|53|58|57P0[123]$|57014$|55P03$|40001$|40P01$|25006$)/;
/** The socket's errors when the server is not there (or went away). */
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** The driver's own words for a connection that is gone or never came (these errors have no code). */
const UNAVAILABLE_DRIVER =
  /^(?:Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/** The advisory lock under which migrations run, by name (`hashtextextended` makes it a 64-bit key). */
const MIGRATION_LOCK = 'vereinsraum.migrate';

/** `error` as {@link StoreUnavailableError} when it means "not now", else undefined. */
function unavailable(error: unknown): StoreUnavailableError | undefined {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return undefined;
  const code = (error as { code?: unknown }).code;
  const known = typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_SOCKET.has(code));
  if (!known && !UNAVAILABLE_DRIVER.test(error.message)) return undefined;
  return new StoreUnavailableError(`${typeof code === 'string' ? `${code} ` : ''}(${error.message})`, { cause: error });
}

/** A fixed, nameable row insert: `INSERT INTO table (a, b) VALUES ($1, $2)` from an object of columns. */
export function insert(table: string, row: object): [string, unknown[]] {
  const columns = Object.keys(row);
  return [`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row)];
}

export type Client = Pick<pg.PoolClient, 'query'>;

/** What every part of `PgStore` works on: one pool of connections to one database. */
export class PgCore {
  /** The status listener, once `listenStatus` made one. */
  protected listener?: StatusListening;

  constructor(
    protected readonly pool: pg.Pool,
    protected readonly options: PgStoreOptions,
  ) {}

  /** Queue `mail` in the outbox, owned by a booking (`booking_id`; `null` for none) or a club (`club_id`). */
  protected async insertMail(
    client: Client,
    owner: 'booking_id' | 'club_id',
    id: string | null,
    mail: OutboxMail,
    now: number,
  ): Promise<void> {
    await client.query(
      `INSERT INTO outbox (${owner}, kind, recipient, subject, body, attachments, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, mail.kind, mail.to, mail.subject, mail.text, JSON.stringify(mail.attachments), now],
    );
  }

  /** The migrations: one transaction under an advisory lock, so two instances starting at once migrate once. */
  protected async migrate(database: string): Promise<void> {
    await this.transaction(async (client) => {
      // Waiting for another instance's migration is not a slow statement.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS vereinsraum_schema (
           version INTEGER PRIMARY KEY,
           what TEXT NOT NULL,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const current = (await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM vereinsraum_schema'))
        .rows[0]!.version;
      if (current > SCHEMA_VERSION) throw newerSchema(`the PostgreSQL database ${database}`, current);
      for (let version = current; version < SCHEMA_VERSION; version++) {
        await client.query(MIGRATIONS[version]!.postgres);
        await client.query('INSERT INTO vereinsraum_schema (version, what) VALUES ($1, $2)', [version + 1, MIGRATIONS[version]!.what]);
      }
    });
  }

  /** Run `work`; the driver's errors that mean "not now" become {@link StoreUnavailableError}. */
  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error) ?? error;
    }
  }

  /** One statement, on whichever connection of the pool is free. */
  protected async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.guard(() => this.pool.query<R>(text, values));
  }

  /**
   * Run `work` in one transaction on one connection: committed when it
   * returns, rolled back when it throws. A connection that fails on the way
   * is closed instead of going back to the pool.
   */
  protected async transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return this.guard(async () => {
      const client = await this.pool.connect();
      // A connection lost between two statements reports it as an event; the next statement fails with it.
      const ignore = (): void => {};
      client.on('error', ignore);
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.off('error', ignore);
        client.release(broken);
      }
    });
  }
}
