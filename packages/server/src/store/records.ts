// Records that the store's parts share (bookings and clubs both write mails and invites).
import type { Role } from '@vereinsraum/protocol';

/** An e-mail waiting in (or sent from) the outbox. */
export interface OutboxMail {
  /** Which message: `received`, `approved`, `rejected`, `cancelled`. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

/**
 * A short invite as the store keeps it: what it opens, when, and the SHA-256
 * of its secret, never the secret. Times are milliseconds since the epoch.
 * Revoked by its `id` through the revocations, like a signed invite's `jti`.
 */
export interface InviteRecord {
  /** 11 characters of base64url; the link's token is `<id>.<secret>`. */
  id: string;
  tenant: string;
  room: string;
  role: Role;
  /** `chat` for a booked chat room. */
  kind: 'chat' | null;
  /** The booking it belongs to; it is deleted with it. */
  bookingId: string | null;
  notBefore: number | null;
  expiresAt: number;
  /** SHA-256 of the secret (32 bytes). */
  secretHash: Uint8Array;
  /** The key set's key the secret is derived from. */
  kid: string;
  createdAt: number;
}
