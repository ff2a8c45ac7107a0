/** A tenant of the configuration file: its rooms, look, bookings and open conferences. */
import { Type } from '@sinclair/typebox';
import { BOOKING_LIMITS, ID_PATTERN, THEME_PATTERNS } from '@vereinsraum/protocol';
import { backendId, byId, envName, fields, httpUrl, integer, name, oneOf, origin, plainText, publicUrl } from '../fields.js';

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
