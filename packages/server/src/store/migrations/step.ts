/** One step of the schema, for both engines (see `MIGRATIONS` in `../migrations.ts`). */
export interface Migration {
  /** What the step is for. */
  what: string;
  sqlite: string;
  postgres: string;
}
