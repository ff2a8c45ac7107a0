import type { Store, StoredMail } from '../store/types.js';

/** Sends one mail; throws when the mail server refuses it. Node: `SmtpMailer` (`@vereinsraum/server/config`). */
export interface Mailer {
  send(mail: StoredMail): Promise<void>;
}

/** Options of {@link MailDelivery}. */
export interface MailDeliveryOptions {
  store: Store;
  mailer: Mailer;
  now: () => number;
  /** Told about failures, by mail id only (never addresses or content). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** How long a claimed mail is left to this sender before another may try, in ms (default 5 minutes). */
  claimMs?: number;
}

/**
 * Sends the store's outbox: mails are written in the same transaction as the
 * booking change that causes them, so none is lost when the process dies;
 * this sends what is waiting, marks it sent, and retries failures later
 * (1, 2, 4 … minutes, at most an hour apart). Several senders (the server and
 * the CLI) may run: each mail is claimed before it is sent.
 */
export class MailDelivery {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: MailDeliveryOptions) {}

  /** Send what is waiting; resolves when the outbox has nothing due. Calls while running queue one more round. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async round(): Promise<void> {
    const { store, mailer, now, log } = this.options;
    for (;;) {
      const mails = await store.claimMails(now(), now() + (this.options.claimMs ?? 5 * 60_000), 20);
      if (mails.length === 0) return;
      for (const mail of mails) {
        try {
          await mailer.send(mail);
          await store.markMailSent(mail.id, now());
        } catch (error) {
          const reason = error instanceof Error ? withoutAddresses(error.message).replace(/\s+/g, ' ').slice(0, 200) : 'unknown';
          const delay = Math.min(60 * 60_000, 60_000 * 2 ** Math.min(mail.attempts, 6));
          await store.markMailFailed(mail.id, reason, now() + delay);
          log?.('warn', `mail ${mail.id} (${mail.kind}) not sent, retry in ${Math.round(delay / 60_000)} min: ${reason}`);
        }
      }
    }
  }
}

/** SMTP answers often name the recipient (`550 <erika@example.org>: …`): keep the answer, not the address. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '(address)');
}
