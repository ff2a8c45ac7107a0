import { checkReason } from '../bookings/reason.js';
import type { BookingService } from '../bookings/service.js';
import { HttpError } from '../errors.js';
import { SmtpMailer } from '../mail/smtp.js';
import { createServices } from '../services.js';
import { actor, cliLog, type Command, openStore, readConfig, readKeys, required, UsageError, type Values } from './args.js';

/**
 * Run a bookings command with the booking service of the configuration;
 * mails it queues are sent at once when SMTP is configured (the running
 * server would send them within a minute anyway). A refusal is printed as
 * `code: detail`, exit code 1.
 */
async function withBookings(values: Values, run: (bookings: BookingService) => Promise<number>): Promise<number> {
  const config = await readConfig(values);
  const keys = await readKeys(values, config);
  const store = await openStore(values, config);
  const mailer = config.smtp ? new SmtpMailer(config.smtp) : undefined;
  try {
    const services = createServices(config, { keys, store, log: cliLog, challengeKey: 'unused-by-the-cli', ...(mailer ? { mailer } : {}) });
    const code = await run(services.bookings!);
    await services.deliverMail();
    return code;
  } catch (error) {
    if (error instanceof HttpError) {
      console.error(`vereinsraum: ${error.code}: ${error.detail ?? ''}`);
      return 1;
    }
    throw error;
  } finally {
    mailer?.close();
    await store.close();
  }
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
