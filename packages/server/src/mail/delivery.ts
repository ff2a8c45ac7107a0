import { foldLines } from 'ical-generator';
import type { KeySet } from '../keys.js';
import { fillLinkTokens } from '../links.js';
import type { Store, StoredMail } from '../store/types.js';

/** Sends one mail; throws when the mail server refuses it. Node: `SmtpMailer` (`@vereinsraum/server/node`). */
export interface Mailer {
  send(mail: StoredMail): Promise<void>;
}

/** Options of {@link MailDelivery}. */
export interface MailDeliveryOptions {
  store: Store;
  mailer: Mailer;
  /** The key set: the links' tokens are filled into each mail as it is sent (see {@link fillMailLinks}). */
  keys: () => Promise<KeySet>;
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
 * the CLI) may run: each mail is claimed before it is sent. The outbox holds
 * no link secrets: they are put in as a mail goes out ({@link fillMailLinks}).
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
    const { store, mailer, keys, now, log } = this.options;
    for (;;) {
      const mails = await store.claimMails(now(), now() + (this.options.claimMs ?? 5 * 60_000), 20);
      if (mails.length === 0) return;
      for (const mail of mails) {
        try {
          await mailer.send(await fillMailLinks(await keys(), mail));
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

/**
 * A mail of the outbox as it is sent: its links' tokens filled in (see
 * `linkPlaceholder`), in the text and in calendar attachments. A calendar's
 * lines are unfolded first and folded again after, since a placeholder may
 * have been folded across two lines.
 *
 * @example
 * ```ts
 * for (const mail of await store.listMails(20)) console.log((await fillMailLinks(keys, mail)).text);
 * ```
 */
export async function fillMailLinks<T extends Pick<StoredMail, 'text' | 'attachments'>>(keys: KeySet, mail: T): Promise<T> {
  const attachments = await Promise.all(
    mail.attachments.map(async (attachment) =>
      attachment.contentType.startsWith('text/calendar')
        ? { ...attachment, content: foldLines(await fillLinkTokens(keys, attachment.content.replace(/\r\n[ \t]/g, ''))) }
        : { ...attachment, content: await fillLinkTokens(keys, attachment.content) },
    ),
  );
  return { ...mail, text: await fillLinkTokens(keys, mail.text), attachments };
}

/** SMTP answers often name the recipient (`550 <erika@example.org>: …`): keep the answer, not the address. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '(address)');
}
