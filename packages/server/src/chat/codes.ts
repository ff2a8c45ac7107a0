import { CHAT_CODE_ALPHABET, CHAT_CODE_LENGTH, type Role } from '@vereinsraum/protocol';
import type { ChatConfirmation, ChatConfirmationUse, Store } from '../store/types.js';
import { plain } from './rooms.js';

/** How long the code of a chat account's direct message works. */
export const CHAT_CODE_MINUTES = 10;

/** Wrong codes a confirmation takes before it stops working. */
export const CHAT_CODE_MAX_WRONG = 5;

/** What a confirmation lets in: the account, the room's channel and the invite's role. */
export interface ChatCodeBinding {
  tenant: string;
  room: string;
  channelId: string;
  /** `''` when no active account has the name: the confirmation is made all the same, and never works. */
  userId: string;
  role: Role;
}

/**
 * The codes that prove a visitor owns a chat account: made when the visitor
 * names the account (the server's bot sends the code to it), kept hashed in
 * the store with what they let in, used once.
 */
export class ChatCodes {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** A new confirmation and its code, stored (hashed) before it resolves. */
  async issue(binding: ChatCodeBinding): Promise<{ id: string; code: string; expiresAt: number }> {
    const id = base64url(crypto.getRandomValues(new Uint8Array(16)));
    // 32 letters: each random byte modulo 32 is uniform.
    const code = Array.from(crypto.getRandomValues(new Uint8Array(CHAT_CODE_LENGTH)), (byte) => CHAT_CODE_ALPHABET[byte % 32]).join('');
    const now = this.now();
    const expiresAt = now + CHAT_CODE_MINUTES * 60_000;
    const confirmation: ChatConfirmation = { id, codeHash: await codeHash(id, code), ...binding, expiresAt };
    await this.store.addChatConfirmation(confirmation, now);
    return { id, code, expiresAt };
  }

  /** Use the confirmation `id` of a room with `code` (as `chatCode` spells it); see {@link Store.useChatConfirmation}. */
  async use(id: string, code: string, where: { tenant: string; room: string }): Promise<ChatConfirmationUse> {
    return this.store.useChatConfirmation(id, await codeHash(id, code), where, this.now(), CHAT_CODE_MAX_WRONG);
  }
}

/** A confirmation id as {@link ChatCodes.issue} makes it: 16 bytes, base64url. */
export const CONFIRMATION_ID = /^[\w-]{22}$/;

/** A code as people read it: `K7QM-3XPA`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The bot's direct message with the code: who asks for what, where the code
 * goes, that it works for minutes, and what to do when it was somebody else.
 * The room's and tenant's names stay plain text (no Markdown, no mentions).
 */
export function codeMessage(language: 'de' | 'en', details: { username: string; room: string; tenant: string; code: string }): string {
  const room = plain(details.room);
  const tenant = plain(details.tenant);
  const code = formatCode(details.code);
  return language === 'de'
    ? [
        `Hallo @${details.username}, jemand möchte mit Ihrem Konto dem Chatraum „${room}“ von ${tenant} beitreten.`,
        'Wenn Sie das selbst sind, geben Sie diesen Code auf der Seite ein, auf der Sie Ihren Benutzernamen eingegeben haben:',
        `**${code}**`,
        `Der Code gilt ${CHAT_CODE_MINUTES} Minuten. Geben Sie ihn niemandem weiter. Wenn Sie das nicht waren, beachten Sie diese Nachricht einfach nicht: Ohne den Code geschieht nichts.`,
      ].join('\n\n')
    : [
        `Hello @${details.username}, someone wants to join the chat room “${room}” of ${tenant} with your account.`,
        'If that is you, enter this code on the page where you typed your user name:',
        `**${code}**`,
        `The code works for ${CHAT_CODE_MINUTES} minutes. Do not give it to anyone. If it was not you, just ignore this message: nothing happens without the code.`,
      ].join('\n\n');
}

/** SHA-256 (hex) of a confirmation's id and its code: what the store keeps instead of the code. */
async function codeHash(id: string, code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${id}:${code}`));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
