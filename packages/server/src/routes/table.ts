// Every route of the handler: method and path → route. The first line whose
// path matches decides; its `scope` runs whatever the method (the tenant and
// the request's origin, the admin token), then an unknown method is `405` with
// `Allow`. A path no line matches is `404 not_found`. See docs/http-api.md.
import { inRoom, tenantScope } from '../resolve.js';
import { line, type PrefixCheck, type RouteLine } from '../router.js';
import {
  adminBookingRoute,
  adminBookingsScope,
  adminScope,
  adminTenantsRoute,
  createInviteRoute,
  decideBookingRoute,
  listBookingsRoute,
  revokeInviteRoute,
  sameOriginOnly,
  trustContactRoute,
} from './admin.js';
import {
  bookingCalendarRoute,
  bookingChallengeRoute,
  bookingFormRoute,
  bookingRoute,
  cancelBookingRoute,
  createBookingRoute,
} from './bookings.js';
import {
  adminClubRoute,
  clubAdminScope,
  clubBrandingRoute,
  clubChallengeRoute,
  clubFormRoute,
  clubInviteRoute,
  clubPageOnly,
  clubSessionScope,
  clubViewRoute,
  confirmHandoverRoute,
  requestHandoverRoute,
  listClubInvitesRoute,
  requestOriginRoute,
  confirmClubRoute,
  createClubRoomRoute,
  decideClubRoute,
  deleteClubRoomRoute,
  deleteClubRoute,
  deleteOwnClubRoute,
  exportClubRoute,
  listClubsRoute,
  registerClubRoute,
  requestSigninRoute,
  revokeClubInviteRoute,
  signInRoute,
  signOutRoute,
  updateClubRoomRoute,
} from './clubs.js';
import { eventsRoute } from './events.js';
import { inviteInfoRoute } from './invite.js';
import { joinRoute } from './join.js';
import { livezRoute, readyzRoute } from './health.js';
import { jitsiKeyRoute, jwksRoute } from './keys.js';
import { createOpenRoomRoute, openRoomChallengeRoute, openRoomInfoRoute } from './open-rooms.js';
import { LEFT_PATH, leftRoute } from './left.js';
import { statusRoute } from './status.js';
import { tenantEventsRoute } from './tenant-events.js';
import { tenantInfoRoute } from './tenant.js';
import { metricsRoute } from './metrics.js';
import { adminUsageRoute, clubUsageRoute, endCallbackRoute } from './usage.js';
import { END_CALLBACK_PATH } from '../usage/service.js';

/**
 * A tenant or a room id in a path: any segment, an empty one too, so that an
 * id the directory does not know is `tenant_not_found` / `room_not_found`.
 */
const TENANT = ':tenant{[^/]*}';
const ROOM = ':room{[^/]*}';

export const ROUTES: ReadonlyArray<RouteLine<unknown>> = [
  // Tenants and their rooms: the elements' API.
  line({ path: `/v1/tenants/${TENANT}`, scope: tenantScope, methods: { GET: tenantInfoRoute } }),
  line({ path: `/v1/tenants/${TENANT}/events`, scope: tenantScope, methods: { GET: tenantEventsRoute } }),
  line({ path: `/v1/tenants/${TENANT}/invite`, scope: tenantScope, methods: { POST: inviteInfoRoute } }),
  line({ path: `/v1/tenants/${TENANT}/open-rooms`, scope: tenantScope, methods: { POST: createOpenRoomRoute } }),
  line({ path: `/v1/tenants/${TENANT}/open-rooms/challenge`, scope: tenantScope, methods: { GET: openRoomChallengeRoute } }),
  line({ path: `/v1/tenants/${TENANT}/open-rooms/${ROOM}`, scope: tenantScope, methods: { GET: openRoomInfoRoute } }),
  line({ path: `/v1/rooms/${TENANT}/${ROOM}/join`, scope: tenantScope, methods: { POST: inRoom(joinRoute) } }),
  line({ path: `/v1/rooms/${TENANT}/${ROOM}/status`, scope: tenantScope, methods: { GET: inRoom(statusRoute) } }),
  line({ path: `/v1/rooms/${TENANT}/${ROOM}/events`, scope: tenantScope, methods: { GET: inRoom(eventsRoute) } }),
  line({ path: LEFT_PATH, methods: { GET: leftRoute, HEAD: leftRoute } }),

  // Bookings: the booker's side.
  line({ path: '/v1/bookings', methods: { POST: createBookingRoute } }),
  line({ path: '/v1/bookings/form', methods: { GET: bookingFormRoute } }),
  line({ path: '/v1/bookings/challenge', methods: { GET: bookingChallengeRoute } }),
  line({ path: '/v1/bookings/:id', methods: { GET: bookingRoute, DELETE: cancelBookingRoute } }),
  line({ path: '/v1/bookings/:id/calendar.ics', methods: { GET: bookingCalendarRoute } }),

  // Health: for supervisors and load balancers.
  line({ path: '/livez', methods: { GET: livezRoute } }),
  line({ path: '/readyz', methods: { GET: readyzRoute } }),
  // Clubs: registration (the city's page), and the contact person's club page (the server's own origin only).
  line({ path: '/v1/clubs', methods: { POST: registerClubRoute } }),
  line({ path: '/v1/clubs/form', methods: { GET: clubFormRoute } }),
  line({ path: '/v1/clubs/challenge', methods: { GET: clubChallengeRoute } }),
  line({ path: '/v1/clubs/confirm', methods: { POST: confirmClubRoute } }),
  line({ path: '/v1/club/signin', methods: { POST: requestSigninRoute } }),
  line({ path: '/v1/club/session', methods: { POST: signInRoute } }),
  line({ path: '/v1/club/session/current', scope: clubSessionScope, methods: { DELETE: signOutRoute } }),
  line({ path: '/v1/club/me', scope: clubSessionScope, methods: { GET: clubViewRoute, DELETE: deleteOwnClubRoute } }),
  line({ path: '/v1/club/export', scope: clubSessionScope, methods: { GET: exportClubRoute } }),
  line({ path: '/v1/club/usage', scope: clubSessionScope, methods: { GET: clubUsageRoute } }),
  line({ path: '/v1/club/origins', scope: clubSessionScope, methods: { POST: requestOriginRoute } }),
  line({ path: '/v1/club/branding', scope: clubSessionScope, methods: { POST: clubBrandingRoute } }),
  line({ path: '/v1/club/handover', scope: clubSessionScope, methods: { POST: requestHandoverRoute } }),
  line({ path: '/v1/club/handover/confirm', methods: { POST: confirmHandoverRoute } }),
  line({ path: '/v1/club/rooms', scope: clubSessionScope, methods: { POST: createClubRoomRoute } }),
  line({ path: '/v1/club/rooms/:room', scope: clubSessionScope, methods: { POST: updateClubRoomRoute, DELETE: deleteClubRoomRoute } }),
  line({ path: '/v1/club/rooms/:room/:action{invites|start}', scope: clubSessionScope, methods: { POST: clubInviteRoute } }),
  line({ path: '/v1/club/invites', scope: clubSessionScope, methods: { GET: listClubInvitesRoute } }),
  line({ path: '/v1/club/invites/:id', scope: clubSessionScope, methods: { DELETE: revokeClubInviteRoute } }),

  // Keys: what verifies the server's tokens.
  line({ path: '/.well-known/jwks.json', methods: { GET: jwksRoute, HEAD: jwksRoute } }),
  line({ path: '/v1/jitsi-keys/:hash{[0-9a-f]{64}}.pem', methods: { GET: jitsiKeyRoute, HEAD: jitsiKeyRoute } }),

  // Prometheus, behind its own token.
  line({ path: '/metrics', methods: { GET: metricsRoute } }),

  // BigBlueButton's end callback (its own MAC in the query; see routes/usage.ts).
  line({ path: END_CALLBACK_PATH, methods: { GET: endCallbackRoute, POST: endCallbackRoute } }),

  // The operator's API.
  line({ path: '/v1/admin/usage', scope: adminScope, methods: { GET: adminUsageRoute } }),
  line({ path: '/v1/admin/invites', scope: adminScope, methods: { POST: createInviteRoute } }),
  line({ path: '/v1/admin/invites/:id', scope: adminScope, methods: { DELETE: revokeInviteRoute } }),
  line({ path: '/v1/admin/tenants', scope: adminBookingsScope, methods: { GET: adminTenantsRoute } }),
  line({ path: '/v1/admin/contacts', scope: adminBookingsScope, methods: { POST: trustContactRoute } }),
  line({ path: '/v1/admin/bookings', scope: adminBookingsScope, methods: { GET: listBookingsRoute } }),
  line({ path: '/v1/admin/bookings/:id', scope: adminBookingsScope, methods: { GET: adminBookingRoute } }),
  line({ path: '/v1/admin/clubs', scope: clubAdminScope, methods: { GET: listClubsRoute } }),
  line({ path: '/v1/admin/clubs/:id', scope: clubAdminScope, methods: { GET: adminClubRoute, DELETE: deleteClubRoute } }),
  line({
    path: '/v1/admin/clubs/:id/:action{approve|reject|suspend|allow-origin|refuse-origin}',
    scope: clubAdminScope,
    methods: { POST: decideClubRoute },
  }),
  line({ path: '/v1/admin/bookings/:id/:action{approve|reject|cancel}', scope: adminBookingsScope, methods: { POST: decideBookingRoute } }),
];

/** Checks of every path under a prefix, before any line is matched. */
export const PREFIX_CHECKS: readonly PrefixCheck[] = [
  { prefix: '/v1/admin/', check: sameOriginOnly },
  // The club page's API carries a session cookie: no other origin may call it.
  { prefix: '/v1/club/', check: clubPageOnly },
];
