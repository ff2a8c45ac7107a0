import type { ServerConfig } from '../config/index.js';
import { HttpError } from '../errors.js';
import { SmtpMailer } from '../mail/smtp.js';
import type { Services } from '../context.js';
import { createServices } from '../services.js';
import { cliLog, openStore, readKeys, type Values } from './args.js';

/**
 * Run an operator command (bookings, clubs) with the services of `config`:
 * mails it queues are sent at once when SMTP is configured (the running
 * server would send them within a minute anyway). A refusal is printed as
 * `code: detail`, exit code 1.
 */
export async function withServices(values: Values, config: ServerConfig, run: (services: Services) => Promise<number>): Promise<number> {
  const keys = await readKeys(values, config);
  const store = await openStore(values, config);
  const mailer = config.smtp ? new SmtpMailer(config.smtp) : undefined;
  try {
    const services = createServices(config, { keys, store, log: cliLog, challengeKey: 'unused-by-the-cli', ...(mailer ? { mailer } : {}) });
    const code = await run(services);
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
