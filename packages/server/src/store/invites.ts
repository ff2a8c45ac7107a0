// The store's part for short invites and revocations (see `Store`, which includes it).
import type { InviteRecord } from './records.js';

/** The store's methods for short invites and the revoked ids of invites of both kinds. */
export interface InviteAndRevocationStore {
  /** Store a short invite (one made by the admin API or the CLI; a booking's come with its `BookingChange`). */
  addInvite(invite: InviteRecord): Promise<void>;
  getInvite(id: string): Promise<InviteRecord | undefined>;

  /** Whether a signed invite's `jti` or a short invite's id is revoked. */
  isRevoked(jti: string, now: number): Promise<boolean>;
  revoke(jti: string, until: number): Promise<void>;
}
