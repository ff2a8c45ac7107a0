import type { ClubKind } from '@vereinsraum/protocol';
import type { Locale } from './locale.js';

/** The fields of the registration form. */
export type RegistrationField =
  'name' | 'kind' | 'website' | 'region' | 'contactName' | 'contactEmail' | 'deputyName' | 'deputyEmail' | 'consent';

/** Error codes the registration form explains: the server's codes plus the browser's own. */
export type RegistrationErrorCode =
  'challenge_failed' | 'rate_limited' | 'clubs_disabled' | 'club_conflict' | 'origin_not_allowed' | 'network_error' | 'unknown';

/**
 * Every text of the registration form (`<verein-club-registration>`). Give a
 * partial object to the element's `messages` property to change any of them.
 */
export interface RegistrationMessages {
  notConfigured: string;
  loading: string;
  intro: string;
  labels: Record<RegistrationField, string>;
  hints: Partial<Record<RegistrationField, string>>;
  kinds: Record<ClubKind, string>;
  chooseRegion: string;
  deputyLegend: string;
  /** The agreement's text; `terms` and `privacy` are the two links' texts. */
  consent: string;
  terms: string;
  privacy: string;
  honeypot: string;
  submit: string;
  solving: string;
  solved: string;
  /** Heading of the error summary. */
  summaryTitle: (count: number) => string;
  /** What is wrong with a field: missing, or not as the rule wants it. */
  missing: (label: string) => string;
  wrong: Record<RegistrationField, string>;
  /** After sending. */
  sentTitle: string;
  sent: (hours: number) => string;
  errors: Record<RegistrationErrorCode, string>;
}

/** Overrides of {@link RegistrationMessages}. */
export type RegistrationMessageOverrides = Partial<RegistrationMessages>;

const de: RegistrationMessages = {
  notConfigured: 'Dieses Formular ist noch nicht fertig eingerichtet: Es fehlt die Adresse des Vereinsraum-Servers (endpoint).',
  loading: 'Das Formular wird geladen …',
  intro: 'Melden Sie Ihren Verein oder Ihre Gruppe an. Nach der Freischaltung bekommt er einen eigenen Videoraum für Ihre Website.',
  labels: {
    name: 'Name des Vereins oder der Gruppe',
    kind: 'Art',
    website: 'Ihre Website',
    region: 'Gemeinde',
    contactName: 'Ihr Name',
    contactEmail: 'Ihre E-Mail-Adresse',
    deputyName: 'Name der Stellvertretung',
    deputyEmail: 'E-Mail-Adresse der Stellvertretung',
    consent: 'Einverständnis',
  },
  hints: {
    website: 'Zum Beispiel https://www.tsv-musterstadt.de. Nur dort kann der Raum eingebunden werden.',
    contactEmail: 'Dorthin schicken wir den Bestätigungslink.',
  },
  kinds: { club: 'Verein', 'self-help': 'Selbsthilfegruppe', council: 'Beirat oder Gremium', initiative: 'Initiative' },
  chooseRegion: 'Bitte wählen',
  deputyLegend: 'Stellvertretung (freiwillig)',
  consent: 'Ich bin mit den Nutzungsbedingungen einverstanden und habe die Datenschutzhinweise gelesen.',
  terms: 'Nutzungsbedingungen',
  privacy: 'Datenschutzhinweise',
  honeypot: 'Bitte leer lassen',
  submit: 'Anmelden',
  solving: 'Der Spamschutz rechnet noch …',
  solved: 'Bereit zum Senden.',
  summaryTitle: (count) => (count === 1 ? 'Bitte korrigieren Sie 1 Angabe:' : `Bitte korrigieren Sie ${count} Angaben:`),
  missing: (label) => `${label}: bitte ausfüllen.`,
  wrong: {
    name: 'Name: 2 bis 120 Zeichen, ohne Links.',
    kind: 'Art: bitte wählen.',
    website: 'Website: eine Adresse, die mit https:// beginnt.',
    region: 'Gemeinde: bitte wählen.',
    contactName: 'Ihr Name: 2 bis 100 Zeichen, ohne Links.',
    contactEmail: 'E-Mail-Adresse: bitte eine gültige Adresse.',
    deputyName: 'Stellvertretung: Name und E-Mail-Adresse, oder keins von beiden.',
    deputyEmail: 'Stellvertretung: bitte eine gültige E-Mail-Adresse.',
    consent: 'Bitte stimmen Sie den Nutzungsbedingungen zu.',
  },
  sentTitle: 'Fast geschafft',
  sent: (hours) =>
    `Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie darin Ihre Adresse innerhalb von ${hours} Stunden. Danach prüfen wir Ihre Anmeldung.`,
  errors: {
    challenge_failed: 'Der Spamschutz ist abgelaufen. Bitte senden Sie das Formular noch einmal.',
    rate_limited: 'Zu viele Anmeldungen. Bitte versuchen Sie es in einer Stunde noch einmal.',
    clubs_disabled: 'Anmeldungen sind hier gerade nicht möglich.',
    club_conflict: 'Diesen Namen gibt es schon oft. Bitte ergänzen Sie den Ort.',
    origin_not_allowed: 'Diese Seite darf keine Anmeldungen senden. Bitte sagen Sie der Stadt Bescheid.',
    network_error: 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas ist schiefgegangen. Versuchen Sie es noch einmal.',
  },
};

const en: RegistrationMessages = {
  notConfigured: 'This form is not set up yet: the address of the Vereinsraum server (endpoint) is missing.',
  loading: 'Loading the form …',
  intro: 'Register your club or group. Once approved, it gets a video room of its own for your website.',
  labels: {
    name: 'Name of the club or group',
    kind: 'Kind',
    website: 'Your website',
    region: 'Town',
    contactName: 'Your name',
    contactEmail: 'Your e-mail address',
    deputyName: "Deputy's name",
    deputyEmail: "Deputy's e-mail address",
    consent: 'Agreement',
  },
  hints: {
    website: 'For example https://www.tsv-musterstadt.de. The room can be embedded there only.',
    contactEmail: 'We send the confirmation link there.',
  },
  kinds: { club: 'Club', 'self-help': 'Self-help group', council: 'Council or committee', initiative: 'Initiative' },
  chooseRegion: 'Please choose',
  deputyLegend: 'Deputy (optional)',
  consent: 'I agree to the terms of use and have read the privacy notice.',
  terms: 'Terms of use',
  privacy: 'Privacy notice',
  honeypot: 'Please leave empty',
  submit: 'Register',
  solving: 'The spam protection is still working …',
  solved: 'Ready to send.',
  summaryTitle: (count) => (count === 1 ? 'Please correct 1 field:' : `Please correct ${count} fields:`),
  missing: (label) => `${label}: please fill in.`,
  wrong: {
    name: 'Name: 2 to 120 characters, no links.',
    kind: 'Kind: please choose.',
    website: 'Website: an address beginning with https://.',
    region: 'Town: please choose.',
    contactName: 'Your name: 2 to 100 characters, no links.',
    contactEmail: 'E-mail address: please a valid address.',
    deputyName: 'Deputy: a name and an e-mail address, or neither.',
    deputyEmail: 'Deputy: please a valid e-mail address.',
    consent: 'Please agree to the terms of use.',
  },
  sentTitle: 'Almost done',
  sent: (hours) => `We have sent you an e-mail. Please confirm your address in it within ${hours} hours. Then we review your registration.`,
  errors: {
    challenge_failed: 'The spam protection expired. Please send the form again.',
    rate_limited: 'Too many registrations. Please try again in an hour.',
    clubs_disabled: 'Registrations are not possible here right now.',
    club_conflict: 'There are many clubs of this name. Please add the town.',
    origin_not_allowed: 'This page may not send registrations. Please tell the city.',
    network_error: 'The server cannot be reached. Check the connection and try again.',
    unknown: 'Something went wrong. Try again.',
  },
};

/** The registration form's texts in `locale`, with `overrides` merged over them. */
export function registrationMessagesFor(locale: Locale, overrides?: RegistrationMessageOverrides): RegistrationMessages {
  const base = locale === 'de' ? de : en;
  return overrides ? { ...base, ...overrides } : base;
}
