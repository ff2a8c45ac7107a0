import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/index.js';
import type { StoredMail } from '../store/types.js';
import type { Mailer } from './delivery.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * Sends mails over SMTP with nodemailer (Node only), as plain text with
 * their attachments (the approval's `.ics`).
 *
 * @example
 * ```ts
 * import { SmtpMailer } from '@vereinsraum/server/node';
 * const handler = createHandler(config, { store, mailer: new SmtpMailer(config.smtp!) });
 * ```
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    private readonly config: SmtpConfig,
    /** Extra nodemailer transport options, e.g. `{ tls: { rejectUnauthorized: false } }` for a test server. */
    extra: Record<string, unknown> = {},
  ) {
    this.transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      // Without TLS from the start, insist on STARTTLS: a server that does not offer it (or a network that strips
      // the offer) must not get the password and the mails' links in the clear. A mail server on this machine is exempt.
      requireTLS: !config.secure && !LOOPBACK.test(config.host),
      ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      ...extra,
    });
  }

  async send(mail: StoredMail): Promise<void> {
    await this.transport.sendMail({
      from: this.config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  }

  /**
   * Connect, read the greeting, say EHLO, start TLS as {@link send} would and
   * log in when a user is configured; send nothing (`vereinsraum check --probe`).
   */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  /** Close the SMTP connections. */
  close(): void {
    this.transport.close();
  }
}
