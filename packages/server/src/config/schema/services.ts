/** The deployment's services in the configuration file: usage figures, club registration, status, mail and the store. */
import { Type } from '@sinclair/typebox';
import { ID_PATTERN } from '@vereinsraum/protocol';
import { backendId, envName, fields, integer, name, origin, publicUrl } from '../fields.js';

export const Usage = fields(
  {
    sampleSeconds: Type.Optional(
      integer(
        10,
        3600,
        'How often the usage sampler asks each conference back end who is in our rooms (one `getMeetings` per BigBlueButton back end), in seconds.',
        60,
      ),
    ),
    keepDays: Type.Optional(
      integer(1, 3650, 'Days one row per conference is kept (counts only); the daily figures per tenant and room are kept.', 90),
    ),
    timeZone: Type.Optional(
      Type.String({
        format: 'time-zone',
        default: 'Europe/Berlin',
        description: 'IANA time zone whose days the usage figures are counted in.',
        errorMessage: 'must be an IANA time zone like "Europe/Berlin"',
      }),
    ),
    endCallback: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          "Ask BigBlueButton to call the server when a meeting ends (`meta_endCallbackUrl`, with the server's own MAC), so a conference ends at once instead of at the next sample. Off when BigBlueButton cannot reach the server.",
        errorMessage: 'must be true or false',
      }),
    ),
  },
  {
    default: {},
    description: 'Usage figures, counts only: joins per day, conferences, participants and minutes (needs a store).',
  },
);

export const Clubs = fields(
  {
    backend: backendId(
      'Id of the back end ("bbb" or "jitsi") the rooms of registered clubs are held on; the operator may move one club to another later.',
    ),
    regions: Type.Array(
      fields({
        id: Type.String({
          pattern: ID_PATTERN.source,
          description: "The region's id, e.g. `kaiserslautern`.",
          errorMessage: 'must be an id',
        }),
        name: name('The region\'s name as the form shows it, e.g. "Stadt Kaiserslautern".'),
      }),
      {
        minItems: 1,
        maxItems: 500,
        description:
          'The municipalities or districts clubs may register for (a city: one; a Land: several). The form offers them, scoped operators see theirs.',
        errorMessage: 'must be a list of 1 to 500 regions, each {"id": "…", "name": "…"}',
      },
    ),
    formOrigins: Type.Optional(
      Type.Array(origin(), {
        default: [],
        description:
          "Exact origins of the pages that carry the registration form (`<verein-club-registration>`), e.g. the city's website. The server's own origin is always allowed.",
        errorMessage: 'must be a list of origins like "https://www.example-stadt.de" (may be empty)',
      }),
    ),
    termsUrl: publicUrl('Your terms of use, which a club agrees to when it registers.'),
    privacyPolicyUrl: publicUrl('Your privacy policy, which a club agrees to when it registers.'),
    maxRooms: Type.Optional(integer(1, 100, 'Rooms one club may have.', 10)),
    confirmHours: Type.Optional(
      integer(1, 720, 'How long the confirmation link of a registration works, in hours; unconfirmed registrations are then deleted.', 48),
    ),
    perClientPerHour: Type.Optional(integer(1, 1000, 'Registrations one client (IP address) may send per hour.', 5)),
    perEmailPerDay: Type.Optional(integer(1, 100, 'Registrations per contact e-mail address per 24 hours.', 3)),
    challengeMaxNumber: Type.Optional(
      integer(10, 10_000_000, 'Largest number of the proof-of-work challenge (100000 is about a second in a browser).', 100_000),
    ),
    reconfirmDays: Type.Optional(
      integer(
        0,
        3650,
        "Days after its approval (or its last reconfirmation) when a club's contact person is asked by mail to confirm that the club still uses the service; 0: never.",
        365,
      ),
    ),
    idleDays: Type.Optional(
      integer(
        0,
        3650,
        'Days without a join into any of its rooms after which a club is warned by mail that it will be suspended; 0: never.',
        365,
      ),
    ),
    graceDays: Type.Optional(
      integer(
        1,
        365,
        'Days a club has to answer: a reconfirmation not confirmed after this is warned, and after as many days again suspended; an unused club warned is suspended after this unless its rooms are used.',
        30,
      ),
    ),
    regionAdmins: Type.Optional(
      Type.Array(
        fields({
          tokenEnv: envName("Name of the environment variable with this operator's bearer token (at least 32 characters)."),
          regions: Type.Array(Type.String({ pattern: ID_PATTERN.source }), {
            minItems: 1,
            description: 'The regions (ids of `regions`) whose clubs this token sees and decides.',
            errorMessage: 'must be a list of region ids',
          }),
        }),
        {
          description:
            'Operators scoped to regions: each token sees and decides only the clubs of its regions, and nothing else of the admin API.',
          errorMessage: 'must be a list of {"tokenEnv": "…", "regions": ["…"]}',
        },
      ),
    ),
  },
  {
    description:
      "Clubs register themselves (`<verein-club-registration>`), the operator approves, and the contact person runs the club's rooms. Needs a store.",
  },
);

export const Status = fields(
  {
    ttlMs: Type.Optional(integer(1000, 300_000, 'How long an answer is reused, and how often watched rooms are asked, in ms.', 5000)),
    graceMs: Type.Optional(
      integer(0, 3_600_000, 'How long the last known status is served after the conference server stopped answering, in ms.', 30_000),
    ),
    timeoutMs: Type.Optional(integer(100, 60_000, 'How long one status request may take, in ms.', 3000)),
    maxStreamsPerClient: Type.Optional(
      integer(
        1,
        10_000,
        'Event streams one client (IP address) may keep open at once, all rooms together; more get `429 too_many_streams`. Behind a reverse proxy, start the server with `--trust-proxy`, or every visitor counts as the proxy.',
        20,
      ),
    ),
  },
  { default: {}, description: 'How room status is asked and kept.' },
);

export const Smtp = fields(
  {
    host: Type.String({
      pattern: '^[A-Za-z0-9.-]{1,253}$|^\\[[0-9A-Fa-f:.]+\\]$',
      description: 'Host name or address of the mail server.',
      errorMessage: 'must be a host name or address',
    }),
    port: Type.Optional(integer(1, 65_535, 'Default 465 with `secure`, else 587.')),
    secure: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'TLS from the start (port 465); otherwise STARTTLS.',
        errorMessage: 'must be true (TLS from the start, port 465) or false (STARTTLS)',
      }),
    ),
    user: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 254,
        description: 'SMTP user name (required with `passwordEnv`).',
        errorMessage: 'must be the SMTP user name',
      }),
    ),
    passwordEnv: Type.Optional(envName('Name of the environment variable with the SMTP password.')),
    from: Type.String({
      maxLength: 300,
      pattern: '@',
      format: 'line',
      description: 'Sender, e.g. `"Vereinsraum Musterstadt" <vereinsraum@musterstadt.de>`.',
      errorMessage: 'must be the sender address, e.g. "Vereinsraum <vereinsraum@example.org>"',
    }),
  },
  { description: "Where e-mails to bookers go; without it they wait in the store's outbox." },
);

export const SqliteStore = fields(
  {
    type: Type.Literal('sqlite', {
      description: 'One SQLite file, `vereinsraum.db` in the data folder (`--data`): the default, for one server.',
    }),
  },
  { $id: 'sqlite', title: 'SQLite: one file, one server' },
);

export const PostgresStore = fields(
  {
    type: Type.Literal('postgres', {
      description:
        'A PostgreSQL database (13 or newer), shared by several server instances. The key set must then be given to every instance (`vereinsraum keys generate` once, the same `keys.json` everywhere).',
    }),
    urlEnv: envName(
      'Name of the environment variable with the connection URL, `postgresql://user:password@host:5432/database` (TLS: `?sslmode=verify-full&sslrootcert=/path/to/ca.pem`).',
    ),
    poolSize: Type.Optional(
      integer(
        1,
        200,
        "Connections one instance (or one CLI command) keeps open at most. All instances together must stay below PostgreSQL's `max_connections`.",
        10,
      ),
    ),
    connectTimeoutMs: Type.Optional(
      integer(100, 60_000, 'How long to wait for a connection, in ms; then the request answers `503 storage_unavailable`.', 5000),
    ),
    statementTimeoutMs: Type.Optional(
      integer(
        100,
        600_000,
        'How long one statement may run, in ms (`statement_timeout`); then it is cancelled and the request answers `503 storage_unavailable`.',
        15_000,
      ),
    ),
  },
  { $id: 'postgres', title: 'PostgreSQL: several servers' },
);
