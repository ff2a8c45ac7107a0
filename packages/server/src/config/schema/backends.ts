/** The conference servers of the configuration file: BigBlueButton (or Scalelite), Jitsi Meet and Mattermost. */
import { Type } from '@sinclair/typebox';
import { envName, fields, httpUrl, integer, oneOf, token } from '../fields.js';

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
