import { OPEN_ROOM_PREFIX } from '@vereinsraum/protocol';
import type { ConfigFile } from './schema.js';
import type { Findings } from './validate.js';

type Tenant = ConfigFile['tenants'][string];

/**
 * The rules between fields, which a schema cannot say well: what a room and
 * a tenant's bookings name must exist and be of the right kind, booked rooms'
 * ids are kept free, a field one choice makes necessary is there, and two
 * codes of a room differ. Runs after the schema and the secrets, on the fields
 * they found fine.
 */
export function checkRules(file: ConfigFile, secrets: Map<string, string>, findings: Findings): void {
  // Whatever `backends` declares counts as existing, even a back end with mistakes of its own.
  const kinds = new Map<string, unknown>(
    Object.entries(findings.ok('backends') ? file.backends : {}).map(([id, backend]) => [id, backend?.type]),
  );
  for (const [, tenant, path] of findings.entries(file.tenants, 'tenants')) {
    checkRooms(tenant, path, kinds, secrets, findings);
    if (tenant.bookings !== undefined && findings.ok(`${path}.bookings`)) checkBookings(tenant, `${path}.bookings`, kinds, findings);
    if (tenant.openRooms !== undefined && findings.ok(`${path}.openRooms`)) checkOpenRooms(tenant, path, kinds, findings);
  }
  if (file.clubs !== undefined && findings.ok('clubs')) checkClubs(file.clubs, kinds, findings);
  if (file.smtp !== undefined && findings.ok('smtp') && file.smtp.passwordEnv !== undefined && file.smtp.user === undefined) {
    findings.add('smtp.user', 'is required with passwordEnv');
  }
}

function checkRooms(tenant: Tenant, path: string, kinds: Map<string, unknown>, secrets: Map<string, string>, findings: Findings): void {
  for (const [id, room, roomPath] of findings.entries(tenant.rooms, `${path}.rooms`)) {
    if (id.startsWith('b-')) findings.add(roomPath, 'room ids starting with "b-" are kept for booked rooms');
    if (findings.ok(`${roomPath}.backend`)) {
      if (!kinds.has(room.backend)) findings.add(`${roomPath}.backend`, `must name one of the backends (${listed(kinds, () => true)})`);
      else if (kinds.get(room.backend) === 'mattermost') {
        findings.add(
          `${roomPath}.backend`,
          'names a Mattermost back end, which holds booked chat rooms only (tenants.*.bookings.chat): a room needs a "bbb" or "jitsi" back end',
        );
      }
    }
    const moderator = `${roomPath}.moderatorCodeEnv`;
    if (room.start === 'moderator-code' && room.moderatorCodeEnv === undefined && findings.ok(`${roomPath}.start`)) {
      findings.add(moderator, 'is required: name the environment variable that holds the secret');
    }
    const moderatorCode = secrets.get(moderator);
    if (moderatorCode !== undefined && moderatorCode === secrets.get(`${roomPath}.attendeeCodeEnv`)) {
      findings.add(`${roomPath}.attendeeCodeEnv`, 'the attendee code must differ from the moderator code');
    }
  }
}

function checkBookings(tenant: Tenant, path: string, kinds: Map<string, unknown>, findings: Findings): void {
  const bookings = tenant.bookings!;
  if (findings.ok(`${path}.backend`)) {
    if (!kinds.has(bookings.backend)) findings.add(`${path}.backend`, `must name one of the backends (${listed(kinds, () => true)})`);
    else if (kinds.get(bookings.backend) === 'mattermost')
      findings.add(`${path}.backend`, 'must name a video back end ("bbb" or "jitsi"); chat bookings go to bookings.chat');
  }
  if (bookings.chat !== undefined && findings.ok(`${path}.chat.backend`) && kinds.get(bookings.chat.backend) !== 'mattermost') {
    findings.add(`${path}.chat.backend`, `must name a Mattermost back end (${listed(kinds, (kind) => kind === 'mattermost')})`);
  }
  if (bookings.privacyPolicyUrl === undefined && tenant.privacyPolicyUrl === undefined) {
    findings.add(`${path}.privacyPolicyUrl`, "is required: your privacy policy's URL (or set the tenant's privacyPolicyUrl)");
  }
}

/** Open conferences: a video back end, and the `o-` room ids kept free for them. */
function checkOpenRooms(tenant: Tenant, path: string, kinds: Map<string, unknown>, findings: Findings): void {
  const { backend } = tenant.openRooms!;
  if (!kinds.has(backend)) findings.add(`${path}.openRooms.backend`, `must name one of the backends (${listed(kinds, () => true)})`);
  else if (kinds.get(backend) === 'mattermost') findings.add(`${path}.openRooms.backend`, 'must name a video back end ("bbb" or "jitsi")');
  for (const id of Object.keys(findings.ok(`${path}.rooms`) ? tenant.rooms : {})) {
    if (id.startsWith(OPEN_ROOM_PREFIX))
      findings.add(`${path}.rooms.${id}`, 'room ids starting with "o-" are kept for open conferences (openRooms)');
  }
}

function checkClubs(clubs: NonNullable<ConfigFile['clubs']>, kinds: Map<string, unknown>, findings: Findings): void {
  const kind = kinds.get(clubs.backend);
  if (kind !== 'bbb' && kind !== 'jitsi')
    findings.add('clubs.backend', `must name a video back end ("bbb" or "jitsi") (${listed(kinds, (k) => k !== 'mattermost')})`);
  const regions = new Set<string>();
  for (const [i, region] of clubs.regions.entries()) {
    if (regions.has(region.id)) findings.add(`clubs.regions[${i}].id`, `"${region.id}" is listed twice`);
    regions.add(region.id);
  }
  for (const [i, admin] of (clubs.regionAdmins ?? []).entries()) {
    for (const [j, region] of admin.regions.entries())
      if (!regions.has(region))
        findings.add(`clubs.regionAdmins[${i}].regions[${j}]`, `must name a region of clubs.regions, not "${region}"`);
  }
}

/** The ids of the back ends of some kind, for a message: `"bbb", "meet"`. */
function listed(kinds: Map<string, unknown>, which: (kind: unknown) => boolean): string {
  return (
    [...kinds]
      .filter(([, kind]) => which(kind))
      .map(([id]) => `"${id}"`)
      .join(', ') || 'none defined'
  );
}
