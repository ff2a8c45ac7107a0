// The store's part for chat joins: the confirmation codes sent to chat accounts
// (see `Store`, which includes it).
import type { Role } from '@vereinsraum/protocol';

/**
 * A visitor's pending proof that a chat account is theirs: the code the
 * server's bot sent the account in a direct message, kept hashed, and what
 * the code lets in. It works once, until `expiresAt`.
 */
export interface ChatConfirmation {
  /** Random (128 bits, base64url); the visitor's element sends it back with the code. */
  id: string;
  /** SHA-256 (hex) of the id and the code: never the code itself. */
  codeHash: string;
  tenant: string;
  room: string;
  /** The Mattermost channel the account joins. */
  channelId: string;
  /** The Mattermost account; `''` when no active account has the name asked for (such a confirmation never works). */
  userId: string;
  /** The invite's role: `moderator` makes the account a channel admin. */
  role: Role;
  expiresAt: number;
}

/**
 * What {@link ChatStore.useChatConfirmation} found: the confirmation (now used
 * up), a wrong code, or nothing that works any more.
 */
export type ChatConfirmationUse = { result: 'used'; confirmation: ChatConfirmation } | { result: 'wrong' } | { result: 'expired' };

/** The store's methods for chat confirmations. */
export interface ChatStore {
  /** Keep a chat confirmation; expired ones are deleted in the same transaction. */
  addChatConfirmation(confirmation: ChatConfirmation, now: number): Promise<void>;
  /**
   * Use a chat confirmation of `tenant`'s `room`, in one transaction, so that
   * it works once also when several processes share the store: when
   * `codeHash` fits and it has not expired, it is deleted and answered
   * (`used`); a wrong hash is counted (`wrong`), and the `maxWrong`th wrong
   * one deletes it; missing, expired, used up or of another room: `expired`.
   * Hashes are compared in constant time.
   */
  useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse>;
}
