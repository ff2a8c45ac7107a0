// PostgreSQL: chat confirmations.
import { timingSafeEqual } from 'node:crypto';
import type { ChatConfirmation, ChatConfirmationUse, ChatStore } from '../chat.js';
import { type ChatConfirmationRow, confirmationFromRow } from '../rows.js';
import { PgCore } from './core.js';

/** Chat confirmations, in PostgreSQL. */
export class PgChat extends PgCore implements ChatStore {
  async addChatConfirmation(c: ChatConfirmation, now: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM chat_confirmations WHERE expires_at <= $1', [now]);
      await client.query(
        'INSERT INTO chat_confirmations (id, code_hash, tenant, room, channel_id, user_id, role, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [c.id, c.codeHash, c.tenant, c.room, c.channelId, c.userId, c.role, c.expiresAt],
      );
    });
  }

  async useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse> {
    return this.transaction(async (client): Promise<ChatConfirmationUse> => {
      // Locked until the commit: a second use at the same moment waits, then finds it gone (or counted).
      const row = (
        await client.query<ChatConfirmationRow>(
          'SELECT * FROM chat_confirmations WHERE id = $1 AND tenant = $2 AND room = $3 AND expires_at > $4 FOR UPDATE',
          [id, where.tenant, where.room, now],
        )
      ).rows[0];
      if (!row) return { result: 'expired' };
      const given = Buffer.from(codeHash, 'utf8');
      const kept = Buffer.from(row.code_hash, 'utf8');
      if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
        if (row.wrong + 1 >= maxWrong) await client.query('DELETE FROM chat_confirmations WHERE id = $1', [id]);
        else await client.query('UPDATE chat_confirmations SET wrong = wrong + 1 WHERE id = $1', [id]);
        return { result: 'wrong' };
      }
      await client.query('DELETE FROM chat_confirmations WHERE id = $1', [id]);
      return { result: 'used', confirmation: confirmationFromRow(row) };
    });
  }
}
