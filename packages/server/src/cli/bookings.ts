import { checkReason } from '../bookings/reason.js';
import type { BookingService } from '../bookings/service.js';
import { actor, type Command, readConfig, required, UsageError, type Values } from './args.js';
import { withServices } from './services.js';

/** Run a bookings command with the booking service of the configuration (see `withServices`). */
async function withBookings(values: Values, run: (bookings: BookingService) => Promise<number>): Promise<number> {
  const config = await readConfig(values);
  return withServices(values, config, (services) => run(services.bookings!));
}

/** `bookings list|approve|reject|cancel|trust|purge`. */
export const BOOKING_COMMANDS: Record<string, Command> = {
  'bookings list': (values) =>
    withBookings(values, async (service) => {
      const status = values.status;
      if (status !== undefined && !['pending', 'approved', 'rejected', 'cancelled'].includes(String(status))) {
        throw new UsageError('--status must be pending, approved, rejected or cancelled');
      }
      const list = await service.list({
        ...(typeof status === 'string' ? { status: status as 'pending' } : {}),
        ...(typeof values.tenant === 'string' ? { tenant: values.tenant } : {}),
      });
      if (values.json) {
        console.log(JSON.stringify(list, null, 2));
      } else {
        for (const b of list) {
          console.log(
            [
              b.id,
              b.status,
              b.tenant,
              b.dates[0]?.start ?? '',
              `${b.dates.length}x`,
              JSON.stringify(b.title),
              JSON.stringify(b.organisation),
              b.contactEmail,
            ].join('\t'),
          );
        }
        if (list.length === 0) console.error('no bookings.');
      }
      return 0;
    }),
  'bookings approve': (values) =>
    withBookings(values, async (service) => {
      const booking = await service.approve(required(values, 'id'), actor());
      console.log(`approved ${booking.id}: room ${booking.room}`);
      return 0;
    }),
  'bookings reject': (values) =>
    withBookings(values, async (service) => {
      // The admin API's rule for reasons; a refusal is printed as `invalid_input: …`.
      const booking = await service.reject(required(values, 'id'), actor(), checkReason(values.reason, false));
      console.log(`rejected ${booking.id}`);
      return 0;
    }),
  'bookings cancel': (values) =>
    withBookings(values, async (service) => {
      const booking = await service.cancelByOperator(required(values, 'id'), actor(), required(values, 'reason'));
      console.log(`cancelled ${booking.id}`);
      return 0;
    }),
  'bookings trust': (values) =>
    withBookings(values, async (service) => {
      await service.trust(required(values, 'tenant'), required(values, 'email'), values.untrust !== true, actor());
      console.log(values.untrust ? 'the address is no longer trusted.' : 'later bookings from this address are approved at once.');
      return 0;
    }),
  'bookings purge': (values) =>
    withBookings(values, async (service) => {
      const result = await service.purge();
      console.log(
        `purged ${result.bookings} booking(s), ${result.challenges} used challenge(s), ${result.revocations} expired revocation(s).`,
      );
      return 0;
    }),
};
