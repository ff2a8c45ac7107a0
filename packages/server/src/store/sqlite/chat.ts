// SQLite: chat confirmations.
import { timingSafeEqual } from 'node:crypto';
import type { ChatConfirmation, ChatConfirmationUse, ChatStore } from '../chat.js';
import { type ChatConfirmationRow, confirmationFromRow } from '../rows.js';
import { SqliteCore } from './core.js';

/** Chat confirmations, in SQLite. */
export class SqliteChat extends SqliteCore implements ChatStore {
  async addChatConfirmation(c: ChatConfirmation, now: number): Promise<void> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          this.sql('DELETE FROM chat_confirmations WHERE expires_at <= ?').run(now);
          this.sql(
            `INSERT INTO chat_confirmations (id, code_hash, tenant, room, channel_id, user_id, role, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(c.id, c.codeHash, c.tenant, c.room, c.channelId, c.userId, c.role, c.expiresAt);
        })
        .immediate(),
    );
  }

  async useChatConfirmation(
    id: string,
    codeHash: string,
    where: { tenant: string; room: string },
    now: number,
    maxWrong: number,
  ): Promise<ChatConfirmationUse> {
    return this.guard(() =>
      this.db
        .transaction((): ChatConfirmationUse => {
          const row = this.sql('SELECT * FROM chat_confirmations WHERE id = ? AND tenant = ? AND room = ? AND expires_at > ?').get(
            id,
            where.tenant,
            where.room,
            now,
          ) as ChatConfirmationRow | undefined;
          if (!row) return { result: 'expired' };
          const given = Buffer.from(codeHash, 'utf8');
          const kept = Buffer.from(row.code_hash, 'utf8');
          if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
            if (row.wrong + 1 >= maxWrong) this.sql('DELETE FROM chat_confirmations WHERE id = ?').run(id);
            else this.sql('UPDATE chat_confirmations SET wrong = wrong + 1 WHERE id = ?').run(id);
            return { result: 'wrong' };
          }
          // Single use: deleted in the transaction that found it fitting.
          this.sql('DELETE FROM chat_confirmations WHERE id = ?').run(id);
          return { result: 'used', confirmation: confirmationFromRow(row) };
        })
        .immediate(),
    );
  }
}
