/**
 * The configuration file, each field described once: its type, its rule,
 * its default, its description and what `vereinsraum check` says when it is
 * wrong. From this definition come the TypeScript type of the file
 * ({@link ConfigFile}), the validation (`validate.ts`), the shipped
 * `config.schema.json` (its parts with an `$id` under `$defs`) and
 * docs/config-reference.md (`npm run docs:config`).
 * The sections are in `schema/`; rules between fields and with the environment
 * are in `rules.ts`.
 */
import { type Static, Type } from '@sinclair/typebox';
import { byId, envName, fields, origin } from './fields.js';
import { Bbb, Jitsi, Mattermost } from './schema/backends.js';
import { Clubs, PostgresStore, Smtp, SqliteStore, Status, Usage } from './schema/services.js';
import { Tenant } from './schema/tenant.js';

export const Config = fields(
  {
    $schema: Type.Optional(Type.String({ description: "This schema's location, for editors." })),
    backends: byId(Type.Union([Bbb, Jitsi, Mattermost]), { description: 'The conference servers, by id.' }),
    tenants: byId(Tenant, { minProperties: 1, description: 'Clubs, groups and partner towns, by id.' }),
    adminTokenEnv: Type.Optional(
      envName(
        "Name of the environment variable with the admin API's bearer token (at least 32 characters); without it the admin API is off.",
      ),
    ),
    metricsTokenEnv: Type.Optional(
      envName(
        'Name of the environment variable with the bearer token of `GET /metrics` (Prometheus; at least 32 characters); without it `/metrics` is off.',
      ),
    ),
    publicOrigin: Type.Optional(
      origin(
        "The origin visitors use (`https://vereinsraum.example-stadt.de`, no path): the server's own origin. `vereinsraum serve --public-origin` overrides it. Without either, the server answers only requests whose `Host` is loopback or given by `--allowed-host`, and `vereinsraum check` warns.",
      ),
    ),
    status: Type.Optional(Status),
    usage: Type.Optional(Usage),
    smtp: Type.Optional(Smtp),
    clubs: Type.Optional(Clubs),
    store: Type.Optional(
      Type.Union([SqliteStore, PostgresStore], {
        description: 'Where bookings, their mails, invites and revocations are kept. Default: SQLite in the data folder.',
        errorMessage: 'must be a store: {"type": "sqlite"} or {"type": "postgres", "urlEnv": "DATABASE_URL"}',
      }),
    ),
  },
  {
    title: 'Vereinsraum server helper configuration',
    description:
      'The JSON file given to `vereinsraum serve --config`. Secrets are never in it: fields ending in `Env` name the environment variable that holds them.',
  },
);

/** A configuration file as the schema allows it. */
export type ConfigFile = Static<typeof Config>;
