import type { BookingsConfig } from '../config/index.js';
import type { BookingRecord, OutboxMail } from '../store/types.js';
import { bookingCalendar } from './calendar.js';

/** What a mail about a booking may say, besides the booking itself. */
export interface MailContext {
  tenantName: string;
  config: BookingsConfig;
  manageUrl: string;
  links?: { moderator: string; attendee: string };
  reason?: string | null;
  /** Milliseconds since the epoch: when the calendar file is made. */
  now: number;
}

const TEXT = {
  de: {
    hello: (name: string) => `Hallo ${name},`,
    received: {
      subject: (t: string) => `Buchung eingegangen: ${t}`,
      body: 'wir haben Ihre Buchung erhalten. Wir prüfen sie und schreiben Ihnen, sobald sie bestätigt ist.',
    },
    approved: {
      subject: (t: string) => `Buchung bestätigt: ${t}`,
      body: 'Ihre Buchung ist bestätigt. Der Videoraum ist für Sie reserviert.',
    },
    approvedChat:
      'Ihre Buchung ist bestätigt. Der Chatraum ist eingerichtet. Mit den Links kommen Sie und die anderen hinein: Sie brauchen dafür ein Konto bei Mattermost, die Seite hilft beim Anlegen.',
    rejected: {
      subject: (t: string) => `Buchung abgelehnt: ${t}`,
      body: 'wir können Ihre Buchung leider nicht bestätigen.',
    },
    cancelled: {
      subject: (t: string) => `Buchung abgesagt: ${t}`,
      body: 'Ihre Buchung ist abgesagt. Die Links gelten nicht mehr.',
    },
    cancelledByOperator: 'wir müssen Ihre Buchung leider absagen. Die Links gelten nicht mehr.',
    what: 'Titel',
    who: 'Verein oder Gruppe',
    dates: 'Termine',
    reason: 'Grund',
    moderator: 'Ihr Link als Moderatorin oder Moderator. Nur für Sie, bitte nicht weitergeben:',
    attendee: 'Link für die Teilnehmenden. Diesen Link dürfen Sie weitergeben:',
    validity: 'Die Links gelten ab 30 Minuten vor dem ersten Termin bis zum Ende des letzten.',
    attachment: 'Die Termine finden Sie auch im Anhang, als Kalenderdatei.',
    cancelAttachment: 'Mit der Kalenderdatei im Anhang entfernen Sie die Termine aus Ihrem Kalender.',
    manage: 'Buchung ansehen oder absagen:',
    retention: (days: number) => `Wir löschen Ihre Angaben ${days} Tage nach dem letzten Termin.`,
    bye: (tenant: string) => `Viele Grüße\n${tenant}`,
    locale: 'de-DE',
    clock: ' Uhr',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    received: {
      subject: (t: string) => `Booking received: ${t}`,
      body: 'we have received your booking. We will check it and write to you once it is confirmed.',
    },
    approved: {
      subject: (t: string) => `Booking confirmed: ${t}`,
      body: 'your booking is confirmed. The video room is reserved for you.',
    },
    approvedChat:
      'your booking is confirmed. The chat room is set up. The links let you and the others in: each of you needs an account on Mattermost, and the page helps to create one.',
    rejected: {
      subject: (t: string) => `Booking declined: ${t}`,
      body: 'we are sorry: we cannot confirm your booking.',
    },
    cancelled: {
      subject: (t: string) => `Booking cancelled: ${t}`,
      body: 'your booking is cancelled. The links no longer work.',
    },
    cancelledByOperator: 'we are sorry: we have to cancel your booking. The links no longer work.',
    what: 'Title',
    who: 'Club or group',
    dates: 'Dates',
    reason: 'Reason',
    moderator: 'Your moderator link. It is for you only, please do not pass it on:',
    attendee: 'The link for attendees. You may pass this one on:',
    validity: 'The links work from 30 minutes before the first date until the end of the last one.',
    attachment: 'The dates are also attached, as a calendar file.',
    cancelAttachment: 'The attached calendar file removes the dates from your calendar.',
    manage: 'See or cancel your booking:',
    retention: (days: number) => `We delete your details ${days} days after the last date.`,
    bye: (tenant: string) => `Kind regards\n${tenant}`,
    locale: 'en-GB',
    clock: '',
  },
} as const;

/** A booking's dates as list lines in its language and the tenant's time zone: `- Di., 01.12.2026, 19:00–21:00 Uhr`. */
export function dateLines(booking: Pick<BookingRecord, 'dates' | 'language'>, timeZone: string): string[] {
  const t = TEXT[booking.language];
  const format = new Intl.DateTimeFormat(t.locale, {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const time = new Intl.DateTimeFormat(t.locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  return booking.dates.map((date) => `- ${format.format(new Date(date.start))}–${time.format(new Date(date.end))}${t.clock}`);
}

/** The kinds of mail a booking causes. */
export type BookingMailKind = 'received' | 'approved' | 'rejected' | 'cancelled';

/**
 * Compose a plain-text mail to the booking's contact person in the booking's
 * language: short sentences, the dates in the tenant's time zone, the links
 * on lines of their own. The approval mail carries the `.ics` file; the
 * cancellation of an approved booking carries the one that removes the dates.
 * A cancellation with a reason is the operator's (the booker gives none):
 * it says so, with the reason.
 */
export function bookingMail(kind: BookingMailKind, booking: BookingRecord, context: MailContext): OutboxMail {
  const t = TEXT[booking.language];
  // An approved booking's dates are in the contact's calendar: a cancellation removes them (a file without links).
  const calendar =
    kind === 'approved'
      ? bookingCalendar(booking, context.links?.attendee ?? null, context.tenantName, context.now)
      : kind === 'cancelled' && booking.status === 'approved'
        ? bookingCalendar(booking, null, context.tenantName, context.now, true)
        : undefined;
  const dates = dateLines(booking, context.config.timeZone);
  const lines: string[] = [
    t.hello(booking.contactName),
    '',
    kind === 'approved' && booking.kind === 'chat'
      ? t.approvedChat
      : kind === 'cancelled' && context.reason
        ? t.cancelledByOperator
        : t[kind].body,
    '',
    `${t.what}: ${booking.title}`,
    `${t.who}: ${booking.organisation}`,
    `${t.dates}:`,
    ...dates,
  ];
  if ((kind === 'rejected' || kind === 'cancelled') && context.reason) lines.push('', `${t.reason}: ${context.reason}`);
  if (kind === 'approved' && context.links) {
    lines.push('', t.moderator, context.links.moderator, '', t.attendee, context.links.attendee, '', t.validity);
    lines.push(t.attachment);
  }
  if (kind === 'cancelled' && calendar) lines.push('', t.cancelAttachment);
  if (kind === 'received' || kind === 'approved') lines.push('', t.manage, context.manageUrl);
  lines.push('', t.retention(context.config.retentionDays), '', t.bye(context.tenantName), '');
  return {
    kind,
    to: booking.contactEmail,
    subject: t[kind].subject(booking.title),
    text: lines.join('\n'),
    attachments: calendar && (kind === 'approved' || kind === 'cancelled') ? [calendarFile(kind, booking.language, calendar)] : [],
  };
}

/** The `.ics` attachment: the dates (`PUBLISH`), or their cancellation (`CANCEL`). */
function calendarFile(kind: 'approved' | 'cancelled', language: 'de' | 'en', content: string): OutboxMail['attachments'][number] {
  const cancel = kind === 'cancelled';
  const filename = cancel ? (language === 'de' ? 'absage.ics' : 'cancellation.ics') : language === 'de' ? 'termine.ics' : 'dates.ics';
  return { filename, contentType: `text/calendar; charset=utf-8; method=${cancel ? 'CANCEL' : 'PUBLISH'}`, content };
}
