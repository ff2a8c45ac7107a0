import { bookingChat, bookings, chatConfirmations, shortLinks } from './migrations/bookings.js';
import { clubHandovers, clubLifecycle, clubs } from './migrations/clubs.js';
import { severalInstances } from './migrations/cluster.js';
import { openRooms } from './migrations/open-rooms.js';
import type { Migration } from './migrations/step.js';
import { usage } from './migrations/usage.js';

export type { Migration } from './migrations/step.js';

/**
 * The store's schema, step by step, for both engines: entry `i` takes the
 * schema from version `i` to `i + 1`, in SQLite (`PRAGMA user_version`) and
 * in PostgreSQL (the table `vereinsraum_schema`) alike, so a version number
 * means the same tables on either engine. Append only; never edit a released
 * step.
 *
 * A step is run in the transaction that records it, and must suit servers of
 * the previous version still running beside the new ones (expand, then
 * contract; see docs/architecture.md): add tables, columns with a default or
 * nullable, and indexes; never drop, rename or retype what the previous
 * version reads. Drop it in a later release, once no server of the version
 * that used it is left.
 *
 * The two engines' column types: text is `TEXT`; times (ms since the epoch)
 * and counters `INTEGER` in SQLite, `BIGINT` in PostgreSQL (`pg` hands
 * `BIGINT` to {@link PgStore} as a number); bytes `BLOB` and `BYTEA`; an
 * automatic key `INTEGER PRIMARY KEY` and `BIGINT GENERATED ALWAYS AS
 * IDENTITY PRIMARY KEY`; JSON is kept as `TEXT` in both, so that one mapping
 * (`rows.ts`) serves both. `store/conformance.ts` of the tests checks every
 * method on both engines.
 *
 * Each step is a constant in `migrations/`, one module per domain; a new step
 * is a new constant there, appended to this list.
 */
export const MIGRATIONS: readonly Migration[] = [
  bookings,
  bookingChat,
  chatConfirmations,
  shortLinks,
  severalInstances,
  usage,
  openRooms,
  clubs,
  clubLifecycle,
  clubHandovers,
];

/** The schema version this code writes, on either engine. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The refusal of a store whose schema is newer than this code's: the server must be updated first. */
export function newerSchema(where: string, version: number): Error {
  return new Error(
    `${where} has schema version ${version}, newer than this server's ${SCHEMA_VERSION}: a newer Vereinsraum migrated it: update this server`,
  );
}
