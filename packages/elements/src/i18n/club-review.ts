import type { ClubKind, ClubStatus } from '@vereinsraum/protocol';
import type { Locale } from './locale.js';

/** Error codes the operator's clubs view explains. */
export type ReviewErrorCode =
  | 'unauthorized'
  | 'origin_not_allowed'
  | 'clubs_disabled'
  | 'club_not_found'
  | 'club_conflict'
  | 'invalid_input'
  | 'network_error'
  | 'unknown';

/** Every text of the operator's clubs view (`<verein-club-review>`). */
export interface ReviewMessages {
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
  status: string;
  statuses: Record<Exclude<ClubStatus, 'unconfirmed'>, string>;
  kind: string;
  kinds: Record<ClubKind, string>;
  loading: string;
  count: (count: number) => string;
  region: string;
  website: string;
  contact: string;
  deputy: string;
  rooms: string;
  reason: string;
  approve: string;
  reject: string;
  suspend: string;
  reasonLabel: string;
  reasonRequired: string;
  approved: (name: string) => string;
  rejected: (name: string) => string;
  suspended: (name: string) => string;
  /** Another website an active club asked for, and the decision on it. */
  originRequest: string;
  allowOrigin: string;
  refuseOrigin: string;
  originAllowed: (name: string) => string;
  originRefused: (name: string) => string;
  errors: Record<ReviewErrorCode, string>;
}

const de: ReviewMessages = {
  notConfigured: 'Diese Ansicht ist noch nicht fertig eingerichtet: Es fehlt die Adresse des Vereinsraum-Servers (endpoint).',
  tokenLabel: 'Admin-Token',
  tokenHint: 'Der Admin-Token oder der Token Ihrer Region. Er bleibt nur in diesem Tab gespeichert.',
  signIn: 'Anmelden',
  signInAbove: 'Die Vereine erscheinen hier nach der Anmeldung weiter oben auf dieser Seite.',
  refusedHere: 'Dieser Token öffnet die Vereine nicht. Melden Sie sich mit dem Admin-Token oder dem Ihrer Region an.',
  otherToken: 'Mit anderem Token anmelden',
  signOut: 'Abmelden',
  title: 'Vereine',
  status: 'Stand',
  statuses: { pending: 'Zu prüfen', active: 'Freigeschaltet', suspended: 'Gesperrt', rejected: 'Abgelehnt' },
  kind: 'Art',
  kinds: { club: 'Verein', 'self-help': 'Selbsthilfegruppe', council: 'Beirat oder Gremium', initiative: 'Initiative' },
  loading: 'Wird geladen …',
  count: (count) => (count === 1 ? '1 Verein' : `${count} Vereine`),
  region: 'Gemeinde',
  website: 'Website',
  contact: 'Ansprechperson',
  deputy: 'Stellvertretung',
  rooms: 'Räume',
  reason: 'Grund',
  approve: 'Freischalten',
  reject: 'Ablehnen',
  suspend: 'Sperren',
  reasonLabel: 'Grund (steht in der E-Mail an den Verein)',
  reasonRequired: 'Zum Sperren braucht es einen Grund.',
  approved: (name) => `${name} ist freigeschaltet.`,
  rejected: (name) => `${name} ist abgelehnt.`,
  suspended: (name) => `${name} ist gesperrt.`,
  originRequest: 'Weitere Website beantragt',
  allowOrigin: 'Website freischalten',
  refuseOrigin: 'Website ablehnen',
  originAllowed: (name) => `Die weitere Website von ${name} ist freigeschaltet.`,
  originRefused: (name) => `Die weitere Website von ${name} ist abgelehnt.`,
  errors: {
    unauthorized: 'Der Token passt nicht. Bitte melden Sie sich noch einmal an.',
    origin_not_allowed: 'Diese Seite muss auf der Adresse des Vereinsraum-Servers liegen.',
    clubs_disabled: 'Dieser Server nimmt keine Vereine auf (kein Abschnitt clubs in der Konfiguration).',
    club_not_found: 'Diesen Verein gibt es nicht (mehr), oder er gehört nicht zu Ihrer Region.',
    club_conflict: 'Das geht bei diesem Stand nicht mehr. Laden Sie die Liste neu.',
    invalid_input: 'Der Grund ist zu lang oder enthält Steuerzeichen.',
    network_error: 'Der Server ist nicht erreichbar. Versuchen Sie es noch einmal.',
    unknown: 'Etwas ist schiefgegangen. Versuchen Sie es noch einmal.',
  },
};

const en: ReviewMessages = {
  notConfigured: 'This view is not set up yet: the address of the Vereinsraum server (endpoint) is missing.',
  tokenLabel: 'Admin token',
  tokenHint: "The admin token or your region's token. It is kept in this tab only.",
  signIn: 'Sign in',
  signInAbove: 'The clubs appear here after you sign in further up this page.',
  refusedHere: "This token does not open the clubs. Sign in with the admin token or your region's.",
  otherToken: 'Sign in with another token',
  signOut: 'Sign out',
  title: 'Clubs',
  status: 'Status',
  statuses: { pending: 'To review', active: 'Approved', suspended: 'Suspended', rejected: 'Rejected' },
  kind: 'Kind',
  kinds: { club: 'Club', 'self-help': 'Self-help group', council: 'Council or committee', initiative: 'Initiative' },
  loading: 'Loading …',
  count: (count) => (count === 1 ? '1 club' : `${count} clubs`),
  region: 'Town',
  website: 'Website',
  contact: 'Contact',
  deputy: 'Deputy',
  rooms: 'Rooms',
  reason: 'Reason',
  approve: 'Approve',
  reject: 'Reject',
  suspend: 'Suspend',
  reasonLabel: "Reason (goes into the club's e-mail)",
  reasonRequired: 'A suspension needs a reason.',
  approved: (name) => `${name} is approved.`,
  rejected: (name) => `${name} is rejected.`,
  suspended: (name) => `${name} is suspended.`,
  originRequest: 'Another website asked for',
  allowOrigin: 'Allow the website',
  refuseOrigin: 'Refuse the website',
  originAllowed: (name) => `The other website of ${name} is allowed.`,
  originRefused: (name) => `The other website of ${name} is refused.`,
  errors: {
    unauthorized: 'The token does not fit. Please sign in again.',
    origin_not_allowed: 'This page must be on the address of the Vereinsraum server.',
    clubs_disabled: 'This server takes no clubs (no clubs section in the configuration).',
    club_not_found: 'This club does not exist (any more), or it is not of your region.',
    club_conflict: 'That cannot be done in this status any more. Reload the list.',
    invalid_input: 'The reason is too long or holds control characters.',
    network_error: 'The server cannot be reached. Try again.',
    unknown: 'Something went wrong. Try again.',
  },
};

/** The clubs view's texts in `locale`, with `overrides` merged over them. */
export function reviewMessagesFor(locale: Locale, overrides?: Partial<ReviewMessages>): ReviewMessages {
  const base = locale === 'de' ? de : en;
  return overrides ? { ...base, ...overrides } : base;
}
