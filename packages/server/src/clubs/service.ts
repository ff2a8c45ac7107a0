// The club service: one object with the parts the routes and the CLI use.
import { AttemptLimiter } from '../attempts.js';
import type { ClubsConfig } from '../config/index.js';
import { ClubLifecycle } from './lifecycle.js';
import { ClubOperator } from './operator.js';
import { type ClubServiceOptions, HOUR_MS } from './options.js';
import { ClubPage } from './page.js';
import { ClubRegistration } from './registration.js';

export type { ClubServiceOptions } from './options.js';

/**
 * Clubs that register themselves: registration with double opt-in, the
 * operator's decisions (scoped by region), and the contact person's club
 * page (sign-in, the club's rooms). Every change is one store transaction
 * with its mails.
 */
export class ClubService {
  /** The registration form's API. */
  readonly registration: ClubRegistration;
  /** The operator's decisions. */
  readonly operator: ClubOperator;
  /** The contact person's club page. */
  readonly page: ClubPage;
  /** The yearly reconfirmation and the unused clubs: a singleton job. */
  readonly lifecycle: ClubLifecycle;

  constructor(private readonly options: ClubServiceOptions) {
    // Registrations and sign-in requests are counted together per client.
    const perClient = options.perClient ?? new AttemptLimiter(options.config.perClientPerHour, HOUR_MS, options.now);
    this.registration = new ClubRegistration(options, perClient);
    this.operator = new ClubOperator(options);
    this.page = new ClubPage(options, perClient);
    this.lifecycle = new ClubLifecycle(options);
  }

  get config(): ClubsConfig {
    return this.options.config;
  }
}
