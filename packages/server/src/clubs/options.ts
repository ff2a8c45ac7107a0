// What every part of the club service shares: its options and a few times.
import type { Limiter } from '../attempts.js';
import type { ClubsConfig } from '../config/index.js';
import type { TenantDirectory } from '../directory.js';
import type { KeySet } from '../keys.js';
import type { Revocations } from '../revocations.js';
import type { Store } from '../store/types.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Who is deciding: the operator (all regions) or a scoped operator (`regions`). */
export interface OperatorScope {
  /** `admin-api`, `cli:<user>`, `region-admin`: goes into the log, never a name. */
  actor: string;
  /** The regions this operator sees; absent: all. */
  regions?: readonly string[];
}

/** What the club service needs. */
export interface ClubServiceOptions {
  config: ClubsConfig;
  store: Store;
  directory: TenantDirectory;
  keys(): Promise<KeySet>;
  now(): number;
  /** Where revoked invites are kept: the club page lists only links that work. */
  revocations: Revocations;
  /** HMAC key of the proof-of-work challenges (shared by every instance). */
  challengeKey(): Promise<string>;
  /** Counts registrations and sign-in requests per client within an hour (default: in this process's memory). */
  perClient?: Limiter;
  onMail?: () => void;
  /** Told about clubs by id and state; never names or addresses. */
  log?: (message: string) => void;
}
