import type { Limiter } from '../attempts.js';
import type { ChatRooms } from '../chat/rooms.js';
import type { TenantDirectory } from '../directory.js';
import type { KeySet } from '../keys.js';
import type { Revocations } from '../revocations.js';
import type { Store } from '../store/types.js';

/** What the booking service needs. */
export interface BookingServiceOptions {
  /** Where tenants and their `bookings` sections are looked up. */
  directory: TenantDirectory;
  store: Store;
  keys(): Promise<KeySet>;
  now(): number;
  /** Where the invites of cancelled bookings are revoked. */
  revocations: Revocations;
  /** HMAC key of the proof-of-work challenges (shared by every instance that shares the store). */
  challengeKey(): Promise<string>;
  /** Bookings per tenant and client within an hour (default: counted in memory). */
  perClient?: Limiter;
  /** Called after mails were put into the outbox, to send them. */
  onMail?: () => void;
  /** Told about bookings by id and state; never given names or e-mail addresses. */
  log?: (message: string) => void;
  /** Told when something needs the operator (a chat server that failed); same rules as `log`. */
  warn?: (message: string) => void;
  /** Chat bookings: the tenants' Mattermost channels. Without it, tenants take video bookings only. */
  chat?: ChatRooms;
}
