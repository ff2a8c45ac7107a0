import type { BookingKind, BookingStatus } from '@vereinsraum/protocol';
import type { Locale } from './locale.js';

/** Error codes the operator's elements explain: the server's codes plus the browser's own. */
export type AdminErrorCode =
  | 'unauthorized'
  | 'origin_not_allowed'
  | 'bookings_disabled'
  | 'booking_not_found'
  | 'booking_conflict'
  | 'chat_unavailable'
  | 'invalid_input'
  | 'not_found'
  | 'network_error'
  | 'unknown';

/**
 * Every text of the operator's elements (`<verein-booking-admin>`). Give a
 * partial object to an element's `messages` property to change any of them.
 * A catalogue of its own, so that the booking form's bundle does not carry
 * the operator's texts, nor the other way round.
 */
export interface AdminMessages {
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
  reload: string;
  /** Heading of the bookings view. */
  title: string;
  /** Name of the group of filters (for screen readers). */
  filters: string;
  /** Labels of the three filters. */
  status: string;
  tenant: string;
  kind: string;
  /** The choice "no filter" in each of them. */
  all: string;
  statuses: Record<BookingStatus, string>;
  kinds: Record<BookingKind, string>;
  loading: string;
  /** How many bookings the filters show; said again after each change of the filters. */
  count: (count: number) => string;
  /** The labels in each booking's card. */
  dates: string;
  /** After the first dates of a booking with many: how many more, up to which date. */
  moreDates: (count: number, last: string) => string;
  organisation: string;
  contact: string;
  participants: string;
  room: string;
  reason: string;
  /** Instead of a reason, for a booking its contact person cancelled. */
  cancelledByBooker: string;
  /** A pending or approved booking whose last date has ended: nothing to decide. */
  over: string;
  approve: string;
  reject: string;
  cancel: string;
  rejectReason: string;
  cancelReason: string;
  cancelHint: string;
  reasonMissing: string;
  confirmReject: string;
  confirmCancel: string;
  keep: string;
  /** Announced after a decision. */
  approved: (title: string) => string;
  rejected: (title: string) => string;
  cancelled: (title: string) => string;
  errors: Record<AdminErrorCode, string>;
}

/** Texts to change on one element: any of {@link AdminMessages}; nested groups are merged. */
export type AdminMessageOverrides = Partial<Omit<AdminMessages, 'statuses' | 'kinds' | 'errors'>> & {
  statuses?: Partial<AdminMessages['statuses']>;
  kinds?: Partial<AdminMessages['kinds']>;
  errors?: Partial<AdminMessages['errors']>;
};

/** German texts of the operator's elements. */
export const adminDe: AdminMessages = {
  notConfigured: 'Die Verwaltung ist noch nicht fertig eingerichtet: Es fehlt die Adresse des Servers (endpoint).',
  tokenLabel: 'Admin-Token',
  tokenHint: 'Der Browser behält es nur, bis Sie diesen Tab schließen.',
  signIn: 'Anmelden',
  signInAbove: 'Die Buchungen erscheinen hier nach der Anmeldung weiter oben auf dieser Seite.',
  refusedHere: 'Dieses Token öffnet die Buchungen nicht. Melden Sie sich dafür mit dem Admin-Token an.',
  otherToken: 'Mit anderem Token anmelden',
  signOut: 'Abmelden',
  reload: 'Neu laden',
  title: 'Buchungen',
  filters: 'Filter',
  status: 'Stand',
  tenant: 'Mandant',
  kind: 'Art',
  all: 'Alle',
  statuses: { pending: 'Offen', approved: 'Bestätigt', rejected: 'Abgelehnt', cancelled: 'Abgesagt' },
  kinds: { video: 'Videoraum', chat: 'Chatraum' },
  loading: 'Die Buchungen werden geladen.',
  count: (n) => (n === 0 ? 'Keine Buchungen für diese Auswahl.' : n === 1 ? 'Eine Buchung.' : `${n} Buchungen.`),
  dates: 'Termine',
  moreDates: (n, last) => `und ${n} weitere, bis ${last}`,
  organisation: 'Verein oder Gruppe',
  contact: 'Ansprechperson',
  participants: 'Personen (erwartet)',
  room: 'Raum',
  reason: 'Grund',
  cancelledByBooker: 'Die Ansprechperson hat abgesagt.',
  over: 'Die Termine sind vorbei.',
  approve: 'Bestätigen',
  reject: 'Ablehnen',
  cancel: 'Absagen',
  rejectReason: 'Grund (freiwillig; steht in der E-Mail an die Ansprechperson)',
  cancelReason: 'Grund (steht in der E-Mail an die Ansprechperson)',
  cancelHint: 'Danach funktionieren die Links der Buchung nicht mehr.',
  reasonMissing: 'Bitte schreiben Sie, warum Sie absagen.',
  confirmReject: 'Jetzt ablehnen',
  confirmCancel: 'Jetzt absagen',
  keep: 'Zurück',
  approved: (title) => `„${title}“ ist bestätigt.`,
  rejected: (title) => `„${title}“ ist abgelehnt.`,
  cancelled: (title) => `„${title}“ ist abgesagt.`,
  errors: {
    unauthorized: 'Das Token stimmt nicht oder ist abgelaufen. Bitte geben Sie es noch einmal ein.',
    origin_not_allowed:
      'Die Verwaltung funktioniert nur auf Seiten unter der Adresse des Vereinsraum-Servers (oder hinter einem Proxy unter derselben Adresse). Bitte öffnen Sie sie dort.',
    bookings_disabled: 'Dieser Server speichert keine Buchungen: Er läuft ohne Datenbank.',
    booking_not_found: 'Diese Buchung gibt es nicht mehr. Bitte laden Sie die Liste neu.',
    booking_conflict:
      'Diese Buchung lässt sich so nicht mehr ändern: Jemand hat inzwischen entschieden, oder die Termine sind vorbei. Bitte laden Sie die Liste neu.',
    chat_unavailable:
      'Der Chat-Server (Mattermost) hat nicht geantwortet oder die Anfrage abgelehnt. Die Buchung wartet weiter. Bitte versuchen Sie es später noch einmal. Was genau fehlte, steht im Protokoll des Servers.',
    invalid_input:
      'Der Server hat eine Angabe nicht angenommen: einen Mandanten, den er nicht kennt, oder einen Grund mit mehr als 500 Zeichen.',
    not_found: 'Der Server kennt diese Funktion nicht. Bitte aktualisieren Sie den Vereinsraum-Server.',
    network_error: 'Es gibt gerade keine Verbindung zum Server. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
};

/** English texts of the operator's elements. */
export const adminEn: AdminMessages = {
  notConfigured: 'The admin view is not set up yet: the address of the server (endpoint) is missing.',
  tokenLabel: 'Admin token',
  tokenHint: 'The browser keeps it only until you close this tab.',
  signIn: 'Sign in',
  signInAbove: 'The bookings appear here after you sign in further up this page.',
  refusedHere: 'This token does not open the bookings. For them, sign in with the admin token.',
  otherToken: 'Sign in with another token',
  signOut: 'Sign out',
  reload: 'Reload',
  title: 'Bookings',
  filters: 'Filters',
  status: 'Status',
  tenant: 'Tenant',
  kind: 'Kind',
  all: 'All',
  statuses: { pending: 'Open', approved: 'Approved', rejected: 'Declined', cancelled: 'Cancelled' },
  kinds: { video: 'Video room', chat: 'Chat room' },
  loading: 'Loading the bookings.',
  count: (n) => (n === 0 ? 'No bookings for this choice.' : n === 1 ? 'One booking.' : `${n} bookings.`),
  dates: 'Dates',
  moreDates: (n, last) => `and ${n} more, until ${last}`,
  organisation: 'Club or group',
  contact: 'Contact person',
  participants: 'People (expected)',
  room: 'Room',
  reason: 'Reason',
  cancelledByBooker: 'The contact person cancelled.',
  over: 'The dates are over.',
  approve: 'Approve',
  reject: 'Decline',
  cancel: 'Cancel',
  rejectReason: 'Reason (optional; goes into the e-mail to the contact person)',
  cancelReason: 'Reason (goes into the e-mail to the contact person)',
  cancelHint: 'Afterwards the links of the booking no longer work.',
  reasonMissing: 'Please write why you cancel.',
  confirmReject: 'Decline now',
  confirmCancel: 'Cancel now',
  keep: 'Back',
  approved: (title) => `“${title}” is approved.`,
  rejected: (title) => `“${title}” is declined.`,
  cancelled: (title) => `“${title}” is cancelled.`,
  errors: {
    unauthorized: 'The token is wrong or has expired. Please enter it again.',
    origin_not_allowed:
      'The admin view works only on pages at the address of the Vereinsraum server (or behind a proxy at the same address). Please open it there.',
    bookings_disabled: 'This server keeps no bookings: it runs without a database.',
    booking_not_found: 'This booking no longer exists. Please reload the list.',
    booking_conflict:
      'This booking can no longer change that way: someone decided meanwhile, or its dates are over. Please reload the list.',
    chat_unavailable:
      'The chat server (Mattermost) did not answer or refused. The booking stays open. Please try again later. The server’s log says what exactly was missing.',
    invalid_input: 'The server did not accept a value: a tenant it does not know, or a reason of more than 500 characters.',
    not_found: 'The server does not know this function. Please update the Vereinsraum server.',
    network_error: 'There is no connection to the server right now. Please check the internet connection and try again.',
    unknown: 'Something went wrong. Please try again.',
  },
};

/** The admin catalogue for `locale` with an element's overrides on top (nested groups merged). */
export function adminMessagesFor(locale: Locale, overrides?: AdminMessageOverrides): AdminMessages {
  const base = locale === 'de' ? adminDe : adminEn;
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    statuses: { ...base.statuses, ...overrides.statuses },
    kinds: { ...base.kinds, ...overrides.kinds },
    errors: { ...base.errors, ...overrides.errors },
  };
}
