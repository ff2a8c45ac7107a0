import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { AdminBooking, BookingCreated } from '@vereinsraum/protocol';
import { parseConfig } from '../src/config/index.ts';
import { SmtpMailer } from '../src/mail/smtp.ts';
import { type BookingStack, bookingConfig, startBookingStack } from './booking-stack.ts';
import { startSmtp, waitFor } from './smtp.ts';
import { env } from './stack.ts';

describe('e-mails over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let stack: BookingStack;
  before(async () => {
    smtp = await startSmtp();
    const mailer = new SmtpMailer(
      { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Vereinsraum Musterstadt <vereinsraum@musterstadt.example>' },
      { ignoreTLS: true },
    );
    stack = await startBookingStack({ handler: { mailer } });
  });
  after(async () => {
    await stack.close();
    await smtp.close();
  });

  const to = (address: string, subject: RegExp) => () =>
    smtp.received.find((r) => r.to.includes(address) && subject.test(r.mail.subject ?? ''));

  test('received, then approved with both links and the .ics, in German', async () => {
    const email = 'erika@verein.example';
    const created = (await (
      await stack.post(await stack.body({ contactEmail: email, title: 'Jahreshauptversammlung' }))
    ).json()) as BookingCreated;
    const received = await waitFor(to(email, /^Buchung eingegangen: Jahreshauptversammlung$/), 'the received mail');
    assert.equal(received.from, 'vereinsraum@musterstadt.example');
    assert.equal(received.mail.to && !Array.isArray(received.mail.to) ? received.mail.to.text : '', email);
    assert.ok(received.mail.text?.includes(created.manageUrl), 'the manage link');
    assert.equal(received.mail.html, false, 'plain text only');

    const approved = (await (await stack.admin(`/bookings/${created.id}/approve`, { method: 'POST' })).json()) as AdminBooking;
    const mail = await waitFor(to(email, /^Buchung bestätigt: /), 'the approval mail');
    const text = mail.mail.text ?? '';
    assert.ok(text.includes(approved.links!.moderator), 'the moderator link');
    assert.ok(text.includes(approved.links!.attendee), 'the attendee link');
    assert.match(text, /Hallo Erika Musterfrau,/);
    const [ics] = mail.mail.attachments;
    assert.ok(ics);
    assert.equal(ics.filename, 'termine.ics');
    assert.equal(ics.contentType, 'text/calendar');
    const calendar = ics.content.toString('utf8');
    assert.match(calendar, /BEGIN:VEVENT/);
    assert.match(calendar, /SUMMARY:Jahreshauptversammlung/);
    assert.ok(calendar.replace(/\r\n /g, '').includes(approved.links!.attendee), 'the attendee link in the calendar');
    assert.ok(!calendar.replace(/\r\n /g, '').includes(approved.links!.moderator), 'never the moderator link');
    // The link was put in as the mail went out: the calendar's lines are folded again, at 75 octets.
    for (const line of calendar.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.ok(!text.includes('{{') && !calendar.includes('{{'), 'no placeholder left');

    // The server receives a mail a moment before the sender hears back and marks it sent.
    await waitFor(async () => {
      const sent = (await stack.store.listMails(100)).filter((m) => m.to === email);
      return sent.length === 2 && sent.every((m) => m.sentAt !== null) ? true : undefined;
    }, 'the outbox to mark both mails sent');
  });

  test('rejected and cancelled, in English', async () => {
    const email = 'sam@club.example';
    const a = (await (
      await stack.post(await stack.body({ contactEmail: email, language: 'en', title: 'Board meeting' }))
    ).json()) as BookingCreated;
    await stack.admin(`/bookings/${a.id}/reject`, { method: 'POST', body: JSON.stringify({ reason: 'The date is taken.' }) });
    const rejected = await waitFor(to(email, /^Booking declined: Board meeting$/), 'the rejection');
    assert.match(rejected.mail.text ?? '', /Reason: The date is taken\./);

    const b = (await (
      await stack.post(await stack.body({ contactEmail: email, language: 'en', title: 'Yoga online' }))
    ).json()) as BookingCreated;
    await fetch(`${stack.api}/v1/bookings/${b.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${b.manageToken}` } });
    const cancelled = await waitFor(to(email, /^Booking cancelled: Yoga online$/), 'the cancellation');
    assert.match(cancelled.mail.text ?? '', /Hello Erika Musterfrau,/);
    assert.deepEqual(cancelled.to, [email]);
  });

  test('a mail server that is down: the mail waits in the outbox and is retried', async () => {
    const down = await startBookingStack({
      handler: {
        mailer: new SmtpMailer(
          { host: '127.0.0.1', port: 1, secure: false, from: 'x@example.org' },
          { ignoreTLS: true, connectionTimeout: 500 },
        ),
      },
    });
    try {
      await down.post(await down.body({ contactEmail: 'wartet@example.org' }));
      const mail = await (async () => {
        for (let i = 0; i < 100; i++) {
          const [row] = (await down.store.listMails(10)).filter((m) => m.to === 'wartet@example.org' && m.attempts > 0);
          if (row) return row;
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
        throw new Error('no attempt');
      })();
      assert.equal(mail.sentAt, null);
      assert.ok(mail.lastError);
      assert.ok(
        down.logs.some((line) => line.startsWith('warn mail ') && !line.includes('wartet@')),
        'logged by id, without the address',
      );
    } finally {
      await down.close();
    }
  });

  test('a mail server that refuses the address: neither the log nor the outbox repeats it', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(
          Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), {
            responseCode: 550,
          }),
        );
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.server.address() as { port: number }).port;
    const mailer = new SmtpMailer({ host: '127.0.0.1', port, secure: false, from: 'x@example.org' }, { ignoreTLS: true });
    const bounced = await startBookingStack({ handler: { mailer } });
    try {
      await bounced.post(await bounced.body({ contactEmail: 'Unbekannt.Person@Example.org' }));
      const row = await waitFor(async () => (await bounced.store.listMails(10)).find((m) => m.attempts > 0), 'a failed attempt');
      const line = await waitFor(() => bounced.logs.find((l) => l.startsWith('warn mail ')), 'the log line');
      assert.match(line, /550/, "the mail server's answer is kept");
      for (const text of [line, row.lastError ?? '']) assert.ok(!/unbekannt\.person|example\.org/i.test(text), text);
    } finally {
      await bounced.close();
      mailer.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  test('the smtp section is validated, each problem named', () => {
    const raw = bookingConfig(
      'http://127.0.0.1:1/bigbluebutton/',
      {},
      { smtp: { host: 'smtp example', port: 70000, secure: 'yes', passwordEnv: 'NOPE', from: 'nobody' } },
    );
    assert.throws(
      () => parseConfig(raw, { ...env, ADMIN_TOKEN: 'admin-token-for-booking-tests-0123456789' }),
      (error: Error) => {
        for (const field of ['smtp.host', 'smtp.port', 'smtp.secure', 'smtp.passwordEnv', 'smtp.from'])
          assert.match(error.message, new RegExp(`${field.replace('.', '\\.')}:`), field);
        return true;
      },
    );
    const ok = parseConfig(
      bookingConfig(
        'http://127.0.0.1:1/bigbluebutton/',
        {},
        { smtp: { host: 'smtp.example.org', user: 'u', passwordEnv: 'SMTP_PASSWORD', from: 'Vereinsraum <v@example.org>' } },
      ),
      {
        ...env,
        ADMIN_TOKEN: 'admin-token-for-booking-tests-0123456789',
        SMTP_PASSWORD: 'pw',
      },
    );
    assert.deepEqual(ok.smtp, {
      host: 'smtp.example.org',
      port: 587,
      secure: false,
      user: 'u',
      password: 'pw',
      from: 'Vereinsraum <v@example.org>',
    });
  });

  test('without TLS from the start, STARTTLS is required, except for a mail server on this machine', () => {
    const requireTLS = (host: string) => {
      const mailer = new SmtpMailer({ host, port: 587, secure: false, from: 'x@example.org' });
      const options = (mailer as unknown as { transport: { options: { requireTLS?: boolean } } }).transport.options;
      mailer.close();
      return options.requireTLS;
    };
    assert.equal(requireTLS('smtp.example.org'), true);
    assert.equal(requireTLS('127.0.0.1'), false);
    assert.equal(requireTLS('localhost'), false);
  });
});
