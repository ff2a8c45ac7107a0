// The mails to a club's contact person, in German and English. Links with a
// secret are placeholders (`linkPlaceholder`), filled in as the mail is sent.
import type { OutboxMail } from '../store/types.js';
import type { ClubRecord } from '../store/clubs.js';

/** What a mail about a club may carry besides the club. */
export interface ClubMailContext {
  /** The server's own origin: where the club page and the bundles are. */
  origin: string;
  /** `confirm`: the confirmation link; `signin`: the sign-in link; `handover`: the new contact's confirmation link. */
  link?: string;
  /** How long `link` works, in hours (`confirm`, `handover`), minutes (`signin`) or days (`reconfirm`, `reconfirm-warning`, `idle-warning`). */
  validFor?: number;
  reason?: string | null;
  /** `origin-allowed`, `origin-refused`: the website origin decided on. */
  website?: string;
  /** `approved`: the default room, its links and the embed. */
  room?: { id: string; name: string; moderator: string; attendee: string; embed: string };
}

export type ClubMailKind =
  | 'confirm'
  | 'approved'
  | 'rejected'
  | 'suspended'
  | 'signin'
  | 'reconfirm'
  | 'reconfirm-warning'
  | 'idle-warning'
  | 'origin-allowed'
  | 'origin-refused'
  | 'handover'
  | 'handed-over';

const TEXT = {
  de: {
    hello: (name: string) => `Hallo ${name},`,
    bye: 'Viele Grüße\nIhr Vereinsraum-Team',
    confirm: {
      subject: (club: string) => `Bitte bestätigen: Anmeldung von ${club}`,
      body: (hours: number) =>
        `Sie haben Ihren Verein bei Vereinsraum angemeldet. Bitte bestätigen Sie Ihre E-Mail-Adresse mit diesem Link (er gilt ${hours} Stunden). Erst dann sehen wir Ihre Anmeldung:`,
      notYou: 'Wenn Sie das nicht waren, tun Sie nichts: Dann löschen wir die Anmeldung von selbst.',
    },
    approved: {
      subject: (club: string) => `Freigeschaltet: ${club}`,
      body: 'Ihr Verein ist freigeschaltet. Ein erster Raum ist eingerichtet:',
      moderator: 'Ihr Link als Moderatorin oder Moderator. Nur für Sie, bitte nicht weitergeben:',
      attendee: 'Link für Ihre Mitglieder. Diesen Link dürfen Sie weitergeben:',
      embed: 'Für Ihre Website: diese zwei Zeilen in die Seite einfügen, auf der der Raum erscheinen soll:',
      signin:
        'Ihre Vereinsseite (Räume anlegen, Zugangscodes, Einladungen): Melden Sie sich hier mit Ihrer E-Mail-Adresse an. Sie bekommen dann einen Anmeldelink, der 15 Minuten gilt:',
    },
    rejected: { subject: (club: string) => `Anmeldung abgelehnt: ${club}`, body: 'wir können Ihren Verein leider nicht freischalten.' },
    suspended: {
      subject: (club: string) => `Gesperrt: ${club}`,
      body: 'die Räume Ihres Vereins sind bis auf Weiteres gesperrt. Bei Fragen antworten Sie einfach auf diese E-Mail.',
    },
    signin: {
      subject: (club: string) => `Anmelden: ${club}`,
      body: (minutes: number) => `mit diesem Link melden Sie sich auf Ihrer Vereinsseite an. Er gilt ${minutes} Minuten und nur einmal:`,
      notYou: 'Wenn Sie sich nicht anmelden wollten, tun Sie nichts.',
    },
    reconfirm: {
      subject: (club: string) => `Nutzt ${club} Vereinsraum noch?`,
      body: (days: number) =>
        `einmal im Jahr fragen wir nach, ob Ihr Verein seine Räume noch braucht. Wenn ja, klicken Sie bitte innerhalb von ${days} Tagen auf diesen Link:`,
      after: 'Sonst erinnern wir Sie noch einmal und sperren danach die Räume. Wenn Sie die Räume nicht mehr brauchen, tun Sie nichts.',
    },
    'reconfirm-warning': {
      subject: (club: string) => `Erinnerung: Bitte bestätigen Sie ${club}`,
      body: (days: number) =>
        `Sie haben noch nicht bestätigt, dass Ihr Verein seine Räume noch braucht. Wenn Sie nicht innerhalb von ${days} Tagen auf diesen Link klicken, sperren wir die Räume:`,
    },
    'idle-warning': {
      subject: (club: string) => `Die Räume von ${club} werden nicht genutzt`,
      body: (days: number) =>
        `in den Räumen Ihres Vereins war lange niemand. Wenn in den nächsten ${days} Tagen niemand einen Raum betritt, sperren wir die Räume. Ihre Vereinsseite:`,
    },
    'origin-allowed': {
      subject: (club: string) => `Weitere Website freigeschaltet: ${club}`,
      body: 'die Räume Ihres Vereins dürfen jetzt auch auf dieser Website erscheinen:',
    },
    'origin-refused': {
      subject: (club: string) => `Weitere Website nicht freigeschaltet: ${club}`,
      body: 'diese Website können wir für Ihren Verein leider nicht freischalten:',
    },
    handover: {
      subject: (club: string) => `Bitte bestätigen: Sie werden Kontaktperson von ${club}`,
      body: (hours: number) =>
        `die bisherige Kontaktperson möchte Ihnen die Vereinsseite von Vereinsraum übergeben. Wenn Sie das übernehmen wollen, klicken Sie innerhalb von ${hours} Stunden auf diesen Link. Er gilt nur einmal:`,
      notYou: 'Wenn Sie das nicht übernehmen wollen, tun Sie nichts: Dann bleibt alles, wie es ist.',
    },
    'handed-over': {
      subject: (club: string) => `Übergeben: Sie sind nicht mehr Kontaktperson von ${club}`,
      body: 'die neue Kontaktperson hat die Übergabe bestätigt. Ab jetzt bekommt sie die E-Mails und meldet sich auf der Vereinsseite an. Ihre Anmeldung dort ist beendet, und wir haben Ihren Namen und Ihre E-Mail-Adresse gelöscht.',
    },
    reason: 'Grund',
  },
  en: {
    hello: (name: string) => `Hello ${name},`,
    bye: 'Kind regards\nYour Vereinsraum team',
    confirm: {
      subject: (club: string) => `Please confirm: registration of ${club}`,
      body: (hours: number) =>
        `You registered your club with Vereinsraum. Please confirm your e-mail address with this link (it works for ${hours} hours). Only then do we see your registration:`,
      notYou: 'If this was not you, do nothing: the registration is then deleted by itself.',
    },
    approved: {
      subject: (club: string) => `Approved: ${club}`,
      body: 'your club is approved. A first room is set up:',
      moderator: 'Your moderator link. It is for you only, please do not pass it on:',
      attendee: 'The link for your members. You may pass this one on:',
      embed: 'For your website: paste these two lines into the page where the room should appear:',
      signin:
        'Your club page (rooms, access codes, invitations): sign in here with your e-mail address. You then get a sign-in link that works for 15 minutes:',
    },
    rejected: { subject: (club: string) => `Registration declined: ${club}`, body: 'we are sorry: we cannot approve your club.' },
    suspended: {
      subject: (club: string) => `Suspended: ${club}`,
      body: "your club's rooms are suspended until further notice. If you have questions, reply to this e-mail.",
    },
    signin: {
      subject: (club: string) => `Sign in: ${club}`,
      body: (minutes: number) => `this link signs you in to your club page. It works for ${minutes} minutes, and once:`,
      notYou: 'If you did not want to sign in, do nothing.',
    },
    reconfirm: {
      subject: (club: string) => `Does ${club} still use Vereinsraum?`,
      body: (days: number) =>
        `once a year we ask whether your club still needs its rooms. If it does, please click this link within ${days} days:`,
      after: 'Otherwise we remind you once more and then suspend the rooms. If you no longer need them, do nothing.',
    },
    'reconfirm-warning': {
      subject: (club: string) => `Reminder: please confirm ${club}`,
      body: (days: number) =>
        `you have not confirmed yet that your club still needs its rooms. If you do not click this link within ${days} days, we suspend the rooms:`,
    },
    'idle-warning': {
      subject: (club: string) => `The rooms of ${club} are not used`,
      body: (days: number) =>
        `nobody has been in your club's rooms for a long time. If nobody enters a room within the next ${days} days, we suspend the rooms. Your club page:`,
    },
    'origin-allowed': {
      subject: (club: string) => `Another website allowed: ${club}`,
      body: "your club's rooms may now also appear on this website:",
    },
    'origin-refused': {
      subject: (club: string) => `Another website not allowed: ${club}`,
      body: 'we are sorry: we cannot allow this website for your club:',
    },
    handover: {
      subject: (club: string) => `Please confirm: you become the contact person of ${club}`,
      body: (hours: number) =>
        `the current contact person would like to hand the club page on Vereinsraum over to you. If you want to take it over, click this link within ${hours} hours. It works once:`,
      notYou: 'If you do not want to take it over, do nothing: everything stays as it is.',
    },
    'handed-over': {
      subject: (club: string) => `Handed over: you are no longer the contact person of ${club}`,
      body: 'the new contact person confirmed the handover. From now on they get the e-mails and sign in to the club page. You are signed out there, and we deleted your name and e-mail address.',
    },
    reason: 'Reason',
  },
} as const;

/** A mail to the club's contact person. */
export function clubMail(kind: ClubMailKind, club: ClubRecord, context: ClubMailContext): OutboxMail {
  const t = TEXT[club.language];
  const lines: string[] = [t.hello(club.contactName), ''];
  let subject: string;
  if (kind === 'confirm') {
    subject = t.confirm.subject(club.name);
    lines.push(t.confirm.body(context.validFor ?? 48), '', context.link!, '', t.confirm.notYou);
  } else if (kind === 'handover') {
    subject = t.handover.subject(club.name);
    lines.push(t.handover.body(context.validFor ?? 48), '', context.link!, '', t.handover.notYou);
  } else if (kind === 'signin') {
    subject = t.signin.subject(club.name);
    lines.push(t.signin.body(context.validFor ?? 15), '', context.link!, '', t.signin.notYou);
  } else if (kind === 'reconfirm' || kind === 'reconfirm-warning') {
    subject = t[kind].subject(club.name);
    lines.push(t[kind].body(context.validFor ?? 30), '', context.link!);
    if (kind === 'reconfirm') lines.push('', t.reconfirm.after);
  } else if (kind === 'idle-warning') {
    subject = t[kind].subject(club.name);
    lines.push(t[kind].body(context.validFor ?? 30), '', `${context.origin}/club`);
  } else if (kind === 'origin-allowed' || kind === 'origin-refused') {
    subject = t[kind].subject(club.name);
    lines.push(t[kind].body, '', context.website!);
    if (context.reason) lines.push('', `${t.reason}: ${context.reason}`);
  } else if (kind === 'approved') {
    subject = t.approved.subject(club.name);
    const room = context.room!;
    lines.push(
      t.approved.body,
      `${room.name} (${room.id})`,
      '',
      t.approved.moderator,
      room.moderator,
      '',
      t.approved.attendee,
      room.attendee,
      '',
    );
    lines.push(t.approved.embed, '', room.embed, '', t.approved.signin, `${context.origin}/club`);
  } else {
    subject = t[kind].subject(club.name);
    lines.push(t[kind].body);
    if (context.reason) lines.push('', `${t.reason}: ${context.reason}`);
  }
  lines.push('', t.bye);
  return { kind: `club-${kind}`, to: club.contactEmail, subject, text: lines.join('\n'), attachments: [] };
}
