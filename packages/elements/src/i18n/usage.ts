import type { Locale } from './locale.js';

/** Error codes `<verein-usage-report>` explains: the server's codes plus the browser's own. */
export type UsageErrorCode =
  'unauthorized' | 'origin_not_allowed' | 'usage_disabled' | 'invalid_input' | 'not_found' | 'network_error' | 'unknown';

/** The totals a sentence is made of, formatted in the catalogue's language, and which of them is one. */
export interface UsageTotals {
  participants: string;
  conferences: string;
  hours: string;
  oneParticipant: boolean;
  oneConference: boolean;
}

/**
 * Every text of `<verein-usage-report>`. Give a partial object to its
 * `messages` property to change any of them. Numbers and dates come
 * formatted in the catalogue's language.
 */
export interface UsageMessages {
  /** The element has no `endpoint` (its own or from `<verein-config>`). */
  notConfigured: string;
  tokenLabel: string;
  tokenHint: string;
  signIn: string;
  /** In place of the token form, in each operator element of the page but the one that shows it. */
  signInAbove: string;
  /** The page's token works in another operator element of the page, but not here. */
  refusedHere: string;
  /** The button that signs the page out, to sign in with another token. */
  otherToken: string;
  signOut: string;
  title: string;
  /** The period picker. */
  period: string;
  from: string;
  to: string;
  show: string;
  download: string;
  loading: string;
  /** The totals in one sentence; `period` from {@link UsageMessages.lastDays} or {@link UsageMessages.between}. */
  sentence: (totals: UsageTotals, period: string) => string;
  lastDays: (days: number) => string;
  between: (from: string, to: string) => string;
  /** The chart's caption and its two panels. */
  chart: string;
  conferences: string;
  participants: string;
  /** The table's caption and its columns. */
  table: string;
  day: string;
  participantHours: string;
  conferenceHours: string;
  joins: string;
  /** The disclosure with what each figure means. */
  definitionsTitle: string;
  definitions: string[];
  errors: Record<UsageErrorCode, string>;
}

/** Texts to change on one element: any of {@link UsageMessages}; the errors are merged. */
export type UsageMessageOverrides = Partial<Omit<UsageMessages, 'errors'>> & { errors?: Partial<UsageMessages['errors']> };

export const usageDe: UsageMessages = {
  notConfigured: 'Die Auswertung ist noch nicht fertig eingerichtet: Es fehlt die Adresse des Servers (endpoint).',
  tokenLabel: 'Admin-Token',
  tokenHint: 'Der Browser behält es nur, bis Sie diesen Tab schließen.',
  signIn: 'Anmelden',
  signInAbove: 'Die Nutzungszahlen erscheinen hier nach der Anmeldung weiter oben auf dieser Seite.',
  refusedHere: 'Dieses Token öffnet die Nutzungszahlen nicht. Melden Sie sich dafür mit dem Admin-Token an.',
  otherToken: 'Mit anderem Token anmelden',
  signOut: 'Abmelden',
  title: 'Nutzung',
  period: 'Zeitraum',
  from: 'Von',
  to: 'Bis',
  show: 'Anzeigen',
  download: 'Als CSV herunterladen',
  loading: 'Die Zahlen werden geladen.',
  sentence: (t, period) =>
    `${t.participants} Teilnehmende in ${t.conferences} ${t.oneConference ? 'Konferenz' : 'Konferenzen'}, ${t.hours} Stunden, ${period}.`,
  lastDays: (days) => (days === 1 ? 'heute' : `in den letzten ${days} Tagen`),
  between: (from, to) => `vom ${from} bis ${to}`,
  chart: 'Konferenzen und Teilnehmende pro Tag',
  conferences: 'Konferenzen',
  participants: 'Teilnehmende',
  table: 'Die Zahlen pro Tag',
  day: 'Tag',
  participantHours: 'Stunden (Teilnehmende)',
  conferenceHours: 'Stunden (Konferenzen)',
  joins: 'Beitritte',
  definitionsTitle: 'Was gezählt wird',
  definitions: [
    'Eine Konferenz ist die Zeit, in der mindestens eine Person in einem Raum ist; der Server sieht einmal pro Minute nach. Sie zählt an dem Tag, an dem sie begann.',
    'Teilnehmende: jedes Betreten einer Konferenz. Wer den Raum verlässt und wiederkommt, zählt zweimal.',
    'Stunden: Teilnehmende mal die Zeit, die sie dabei waren (10 Personen 2 Stunden lang sind 20 Stunden).',
    'Beitritte: wie oft der Server einen Zugang zu einem Raum ausgegeben hat.',
    'Nicht gezählt und nicht gespeichert: Namen, E-Mail- und IP-Adressen, wer in welcher Konferenz war, Chaträume.',
  ],
  errors: {
    unauthorized: 'Das Token stimmt nicht oder ist abgelaufen. Bitte geben Sie es noch einmal ein.',
    origin_not_allowed:
      'Die Auswertung funktioniert nur auf Seiten unter der Adresse des Vereinsraum-Servers (oder hinter einem Proxy unter derselben Adresse). Bitte öffnen Sie sie dort.',
    usage_disabled: 'Dieser Server zählt nichts: Er läuft ohne Datenbank.',
    invalid_input: 'Der Zeitraum geht so nicht: Das Ende darf nicht vor dem Anfang liegen, und er umfasst höchstens 366 Tage.',
    not_found: 'Der Server kennt diese Funktion nicht. Bitte aktualisieren Sie den Vereinsraum-Server.',
    network_error: 'Es gibt gerade keine Verbindung zum Server. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
};

export const usageEn: UsageMessages = {
  notConfigured: 'The report is not set up yet: the server’s address (endpoint) is missing.',
  tokenLabel: 'Admin token',
  tokenHint: 'The browser keeps it only until you close this tab.',
  signIn: 'Sign in',
  signInAbove: 'The usage figures appear here after you sign in further up this page.',
  refusedHere: 'This token does not open the usage figures. For them, sign in with the admin token.',
  otherToken: 'Sign in with another token',
  signOut: 'Sign out',
  title: 'Usage',
  period: 'Period',
  from: 'From',
  to: 'To',
  show: 'Show',
  download: 'Download as CSV',
  loading: 'Loading the figures.',
  sentence: (t, period) =>
    `${t.participants} ${t.oneParticipant ? 'participant' : 'participants'} in ${t.conferences} ${t.oneConference ? 'conference' : 'conferences'}, ${t.hours} hours, ${period}.`,
  lastDays: (days) => (days === 1 ? 'today' : `in the last ${days} days`),
  between: (from, to) => `from ${from} to ${to}`,
  chart: 'Conferences and participants per day',
  conferences: 'Conferences',
  participants: 'Participants',
  table: 'The figures per day',
  day: 'Day',
  participantHours: 'Hours (participants)',
  conferenceHours: 'Hours (conferences)',
  joins: 'Joins',
  definitionsTitle: 'What is counted',
  definitions: [
    'A conference is the time at least one person is in a room; the server looks once a minute. It counts on the day it began.',
    'Participants: every entry into a conference. Someone who leaves and comes back counts twice.',
    'Hours: participants times the time they were in (10 people for 2 hours are 20 hours).',
    'Joins: how often the server handed out a way into a room.',
    'Not counted and not kept: names, e-mail and IP addresses, who was in which conference, chat rooms.',
  ],
  errors: {
    unauthorized: 'The token is wrong or has expired. Please enter it again.',
    origin_not_allowed:
      'The report works only on pages at the Vereinsraum server’s address (or behind a proxy at the same address). Please open it there.',
    usage_disabled: 'This server counts nothing: it runs without a database.',
    invalid_input: 'That period does not work: the end may not be before the start, and it covers at most 366 days.',
    not_found: 'The server does not know this function. Please update the Vereinsraum server.',
    network_error: 'There is no connection to the server right now. Please check the internet connection and try again.',
    unknown: 'Something went wrong. Please try again.',
  },
};

/** The catalogue for `locale` with an element's overrides on top. */
export function usageMessagesFor(locale: Locale, overrides?: UsageMessageOverrides): UsageMessages {
  const base = locale === 'de' ? usageDe : usageEn;
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
