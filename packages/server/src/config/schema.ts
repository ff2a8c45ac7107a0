/**
 * The configuration file, each field described once: its type, its rule,
 * its default, its description and what `vereinsraum check` says when it is
 * wrong. From this definition come the TypeScript type of the file
 * ({@link ConfigFile}), the validation (`validate.ts`), the shipped
 * `config.schema.json` (its parts with an `$id` under `$defs`) and
 * docs/config-reference.md (`npm run docs:config`).
 * Rules between fields and with the environment are in `rules.ts`.
 */
import { type Static, Type } from '@sinclair/typebox';
import { BOOKING_LIMITS, ID_PATTERN, THEME_PATTERNS } from '@vereinsraum/protocol';
import { backendId, byId, envName, fields, httpUrl, integer, name, oneOf, origin, plainText, publicUrl, token } from './fields.js';

const timeoutMs = integer(100, 60_000, 'How long to wait for an answer, in milliseconds.', 5000);

export const Bbb = fields(
  {
    type: Type.Literal('bbb', { description: 'A BigBlueButton server or a Scalelite load balancer (same API).' }),
    url: httpUrl('The API address as `bbb-conf --secret` prints it; `…/bigbluebutton/`, `…/bigbluebutton/api` and `…/api/` all work.'),
    secretEnv: envName('Name of the environment variable with the shared secret (`bbb-conf --secret`).'),
    checksum: Type.Optional(
      oneOf(['sha1', 'sha256', 'sha512'], {
        default: 'sha256',
        description: 'Hash of the API checksum. sha384 is refused: Scalelite does not accept it.',
        valueMessages: {
          sha384: 'sha384 is not supported: Scalelite refuses it. Use "sha256" (or "sha1"/"sha512" if your server demands it)',
        },
      }),
    ),
    timeoutMs: Type.Optional(timeoutMs),
  },
  { $id: 'bbb', title: 'BigBlueButton or Scalelite' },
);

export const Jitsi = fields(
  {
    type: Type.Literal('jitsi', { description: 'A Jitsi Meet deployment with prosody `token` authentication.' }),
    domain: Type.String({
      pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
      format: 'host-port',
      description: 'Host (and port) of the deployment, e.g. `meet.example.org`: no scheme, no path.',
      errorMessage: 'must be the host of the Jitsi deployment, with a port if needed (e.g. "meet.example.org"), no scheme or path',
    }),
    protocol: Type.Optional(
      oneOf(['https', 'http'], {
        default: 'https',
        description: '`http` only for a local test deployment.',
        errorMessage: 'must be "https" (or "http" for a local test deployment)',
      }),
    ),
    appId: token("Jitsi's `app_id`: the tokens' `iss`."),
    tenant: Type.Optional(token("Jitsi tenant for `https://domain/tenant/room` URLs (a Vereinsraum tenant's `jitsiTenant` overrides it).")),
    xmppDomain: Type.Optional(token("The XMPP domain, the tokens' `sub` without a tenant (default: the host of `domain`).")),
    appSecretEnv: Type.Optional(
      envName(
        "Name of the environment variable with Jitsi's `app_secret` (HS256, at least 32 characters). Without it, tokens are RS256 with the key set's newest RSA key.",
      ),
    ),
    tokenMinutes: Type.Optional(integer(1, 60, 'How long a token is accepted for joining, in minutes.', 5)),
    roomSizeUrl: Type.Optional(
      httpUrl("Jitsi's `mod_muc_size` endpoint (`https://domain/room-size`); without it, room status is `unknown`."),
    ),
    timeoutMs: Type.Optional(timeoutMs),
  },
  { $id: 'jitsi', title: 'Jitsi Meet' },
);

export const Mattermost = fields(
  {
    type: Type.Literal('mattermost', {
      description: "A Mattermost server for booked chat rooms (each a private channel in a tenant's team).",
    }),
    url: httpUrl('Address of the Mattermost server, e.g. `https://chat.example.org` (a pasted `/api/v4` is dropped).', {
      format: 'server-url',
      errorMessage: 'must be the address of the Mattermost server, http(s) without a query or fragment (e.g. "https://chat.example.org")',
    }),
    tokenEnv: envName("Name of the environment variable with the bot account's access token."),
    timeoutMs: Type.Optional(timeoutMs),
  },
  { $id: 'mattermost', title: 'Mattermost, for chat rooms' },
);

export const Room = fields(
  {
    name: name('Name shown to participants, e.g. "Vorstandssitzung".'),
    backend: backendId('Id of a back end in `backends`.'),
    start: Type.Optional(
      oneOf(['anyone', 'moderator-code'], {
        default: 'moderator-code',
        description:
          '`anyone`: the first visitor starts the meeting and is its moderator. `moderator-code`: only visitors with the moderator code start it; others wait.',
      }),
    ),
    moderatorCodeEnv: Type.Optional(
      envName('Name of the environment variable with the code that makes a visitor moderator (required with `start: moderator-code`).'),
    ),
    attendeeCodeEnv: Type.Optional(
      envName('Name of the environment variable with the code every other visitor needs; without it the room is open.'),
    ),
  },
  { $id: 'room' },
);

const colour = (description: string) =>
  Type.String({
    pattern: THEME_PATTERNS.primary.source,
    description,
    errorMessage: 'must be a colour like "#0b5cad" (# and six hex digits)',
  });

export const Theme = fields(
  {
    primary: Type.Optional(
      colour('Buttons, links and accents, `#rrggbb`. The server warns when it has less than 4.5:1 contrast with `onPrimary` or on white.'),
    ),
    onPrimary: Type.Optional(colour('Text on primary buttons, `#rrggbb` (white when not set).')),
    radius: Type.Optional(
      Type.String({
        pattern: THEME_PATTERNS.radius.source,
        format: 'theme-radius',
        description: 'Corner radius with its unit, at most 48px or 3rem, e.g. `6px` or `0.5rem`.',
        errorMessage: 'must be a length like "6px", "0.5rem" or "0px": at most 48px or 3rem',
      }),
    ),
    font: Type.Optional(
      Type.String({
        format: 'theme-font',
        description:
          'A font-family list of fonts on the visitor\'s device (no web font URL), e.g. `"Atkinson Hyperlegible", Arial, sans-serif`.',
        errorMessage:
          'must be a font-family list like "\\"Atkinson Hyperlegible\\", Arial, sans-serif": letters, digits, spaces, commas, hyphens and paired quotes only (fonts on the visitor\'s device, no web font URL)',
      }),
    ),
  },
  { $id: 'theme', description: "The tenant's look in the elements. A page's own `--verein-*` CSS properties still win." },
);

const languages = (description: string) => oneOf(['de', 'en'], { default: 'de', description });

/** Texts in both languages of the elements. */
const texts = (text: (description: string) => ReturnType<typeof plainText>, description: string) =>
  fields({ de: text('German.'), en: text('English.') }, { description });

export const Bookings = fields(
  {
    approval: Type.Optional(
      oneOf(['manual', 'automatic'], {
        default: 'manual',
        description: '`manual`: an operator approves each booking (trusted contacts excepted); `automatic`: approved at once.',
        errorMessage: 'must be "manual" (an operator approves) or "automatic"',
      }),
    ),
    backend: backendId('Id of the video back end (`bbb` or `jitsi`) booked video rooms are held on.'),
    chat: Type.Optional(
      fields(
        {
          backend: backendId('Id of a `mattermost` back end.'),
          team: Type.String({
            pattern: '^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$',
            description: "The team's name as in its address, e.g. `tsv-musterstadt`.",
            errorMessage:
              'must be the name of the Mattermost team as in its address (lowercase letters, digits and hyphens, e.g. "tsv-musterstadt")',
          }),
        },
        {
          description:
            'Chat bookings: the Mattermost back end and the team whose private channels booked chat rooms are. Without it, only video rooms are booked.',
        },
      ),
    ),
    joinPage: httpUrl('The page with a `<verein-join-room>` for booked rooms; invite links are `joinPage#invite=…`. No fragment.', {
      format: 'page-url',
      errorMessage: 'must be an http(s) URL without a fragment (#…): the links add their own',
    }),
    formPage: httpUrl('The page with the booking form; manage links are `formPage#manage=…`. No fragment.', {
      format: 'page-url',
      errorMessage: 'must be an http(s) URL without a fragment (#…): the links add their own',
    }),
    consentText: texts(
      (description) => plainText(10, 2000, description, 'must be the privacy notice as plain text, 10 to 2000 characters'),
      'The privacy notice the booker agrees to, plain text.',
    ),
    privacyPolicyUrl: Type.Optional(
      httpUrl("The privacy policy linked from the form (default: the tenant's `privacyPolicyUrl`; one of the two is required)."),
    ),
    maxHours: Type.Optional(integer(1, 24, 'Longest date, in hours.', 8)),
    maxWeeks: Type.Optional(integer(1, BOOKING_LIMITS.weeksMax, 'Most weekly dates, the first included.', 12)),
    retentionDays: Type.Optional(integer(1, 3650, "Days after a booking's last date when its personal data is deleted.", 90)),
    timeZone: Type.Optional(
      Type.String({
        format: 'time-zone',
        default: 'Europe/Berlin',
        description: 'IANA time zone in which weekly dates keep their wall-clock time and e-mails name times.',
        errorMessage: 'must be an IANA time zone like "Europe/Berlin"',
      }),
    ),
    language: Type.Optional(languages('Language of e-mails when the booker names none.')),
    perClientPerHour: Type.Optional(integer(1, 100_000, 'Bookings one client (IP address) may make per hour.', 10)),
    perEmailPerDay: Type.Optional(integer(1, 100_000, 'Bookings per contact e-mail address per 24 hours.', 5)),
    challengeMaxNumber: Type.Optional(
      integer(10, 10_000_000, 'Largest number of the proof-of-work challenge (100000 is about a second in a browser).', 100_000),
    ),
  },
  { $id: 'bookings', description: 'Whether and how the tenant takes bookings through `<verein-room-booking>`.' },
);

export const OpenRooms = fields(
  {
    enabled: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Whether visitors may open conferences now; `false` keeps the settings but opens none (rooms opened before still work).',
        errorMessage: 'must be true or false',
      }),
    ),
    backend: backendId('Id of the video back end (`bbb` or `jitsi`) open conferences are held on.'),
    maxPerClientPerDay: Type.Optional(
      integer(1, 10_000, 'Conferences one client (IP address) may open per 24 hours (behind a reverse proxy: `--trust-proxy`).', 5),
    ),
    maxParticipants: Type.Optional(
      integer(2, 1000, 'Most participants in one conference (BigBlueButton: `maxParticipants`; Jitsi does not limit it).', 25),
    ),
    maxMinutes: Type.Optional(
      integer(5, 1440, 'Longest meeting, in minutes (BigBlueButton: `duration`, it then ends the meeting; Jitsi does not limit it).', 240),
    ),
    idleHours: Type.Optional(
      integer(1, 720, "Hours after the last host's meeting (its join plus `maxMinutes`) when an unused conference expires.", 24),
    ),
    maxOpen: Type.Optional(integer(1, 1_000_000, 'Most conferences of the tenant that may be open at once (not yet expired).', 200)),
    challengeMaxNumber: Type.Optional(
      integer(10, 10_000_000, 'Largest number of the proof-of-work challenge (100000 is about a second in a browser).', 100_000),
    ),
  },
  {
    $id: 'openRooms',
    description:
      'Conferences anyone opens at once as host through `<verein-open-room>`, with a link for guests. Needs a store (`vereinsraum serve` has one). Room ids of the tenant may then not start with `o-`.',
  },
);

export const Tenant = fields(
  {
    name: name('The tenant\'s name, e.g. "TSV Musterstadt 1890 e. V.".'),
    allowedOrigins: Type.Array(origin(), {
      description:
        "Exact origins (`https://www.tsv-musterstadt.de`: scheme, host, port; no path) of pages that may use this tenant's rooms. May be empty: the server's own origin is always allowed.",
      errorMessage: 'must be a list of origins like "https://www.example.org" (may be empty)',
    }),
    rooms: byId(Room, { minProperties: 1, description: "The tenant's rooms by id (ids starting with `b-` are kept for booked rooms)." }),
    bookings: Type.Optional(Bookings),
    openRooms: Type.Optional(OpenRooms),
    logoUrl: Type.Optional(
      publicUrl(
        "The tenant's logo, on your own server (https; http only for localhost): shown by the elements (the join form and the status badge; `no-logo` turns it off) and sent to BigBlueButton as `logo`. `vereinsraum serve` serves no images: put it on a web server of your own.",
      ),
    ),
    theme: Type.Optional(Theme),
    defaultLanguage: Type.Optional(languages('Language of the elements where neither they nor the page name one.')),
    privacyPolicyUrl: Type.Optional(publicUrl("The tenant's privacy policy, linked in the notice before joining; the bookings' default.")),
    imprintUrl: Type.Optional(publicUrl("The tenant's imprint (Impressum), linked in the notice before joining.")),
    privacyNotice: Type.Optional(
      texts(
        (description) => plainText(1, 1000, description, 'must be plain text of 1 to 1000 characters (line breaks allowed)'),
        "The tenant's own words for the notice before joining, plain text (line breaks allowed).",
      ),
    ),
    bbbStyleUrl: Type.Optional(
      publicUrl("A style sheet BigBlueButton's client loads for this tenant's visitors (`userdata-bbb_custom_style_url`)."),
    ),
    jitsiTenant: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$',
        description:
          "The Jitsi tenant of this tenant's rooms on a Jitsi back end (`https://domain/{jitsiTenant}/{room}`, the token's `sub`); overrides the back end's `tenant`.",
        errorMessage:
          'must be a Jitsi tenant name: letters, digits and inner hyphens, at most 63 characters (it becomes part of a host name)',
      }),
    ),
    leavePage: Type.Optional(
      publicUrl(
        "Where BigBlueButton (3.0 or newer) sends visitors who leave a meeting opened in a tab (`logoutURL`), when the join button did not say which page they came from. Without it, BigBlueButton's own default page.",
      ),
    ),
    region: Type.Optional(
      Type.String({
        pattern: ID_PATTERN.source,
        description:
          'A group of tenants for usage reports (a district, a Land): `GET /v1/admin/usage?region=…` and `vereinsraum usage --region` sum its tenants.',
        errorMessage: 'must be an id: lowercase letters, digits and inner hyphens',
      }),
    ),
  },
  { $id: 'tenant', title: 'A club, group or partner town' },
);

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
