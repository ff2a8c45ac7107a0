import type { Locale } from './locale.js';

/**
 * The texts of `<verein-open-room>`. Change any of them with the element's
 * `messages`. A catalogue of its own, so that no other element's bundle
 * carries it; the nested join button keeps its own texts.
 */
export interface OpenRoomMessages {
  /** The big button. */
  open: string;
  /** The form's heading. */
  formTitle: string;
  titleLabel: string;
  titleHint: string;
  /** The note above the form's button: the tenant's terms and privacy policy apply. */
  terms: (tenant: string) => string;
  privacyPolicy: string;
  /** The form's button: the visitor agrees and opens. */
  agreeAndOpen: string;
  cancel: string;
  /** While the proof of work is solved and the room made. */
  opening: string;
  /** The host's heading over a new or kept conference. */
  yourConference: string;
  /** The room's name to read aloud, e.g. on the phone. */
  readAloud: string;
  guestLink: string;
  guestLinkHint: string;
  copy: string;
  copied: string;
  copyFailed: string;
  share: string;
  showQr: string;
  hideQr: string;
  /** The QR code's text alternative. */
  qrAlt: string;
  /** The host link, shown once. */
  hostLink: string;
  hostLinkHint: string;
  /** The nested join button of the host. */
  enterAsHost: string;
  /** The nested join button of a guest. */
  enterAsGuest: string;
  /** In the big button's place: the conferences this device keeps as host. */
  keptTitle: string;
  /** A kept conference's button. */
  backAsHost: (name: string) => string;
  forget: string;
  /** Over a guest's join button: the conference by its name. */
  conference: (name: string) => string;
  checking: string;
  expired: string;
  notFound: string;
  /** A kiosk's big join button. */
  kioskJoin: string;
  /** Errors of opening, by the server's code; `unknown` for the rest. */
  errors: {
    open_rooms_disabled: string;
    open_rooms_full: string;
    rate_limited: string;
    challenge_failed: string;
    invalid_input: string;
    network_error: string;
    unknown: string;
  };
  retry: string;
}

/** Overrides of {@link OpenRoomMessages} (`errors` merged key by key). */
export type OpenRoomMessageOverrides = Partial<Omit<OpenRoomMessages, 'errors'>> & { errors?: Partial<OpenRoomMessages['errors']> };

/** German texts of `<verein-open-room>`. */
export const openRoomDe: OpenRoomMessages = {
  open: 'Neue Konferenz eröffnen',
  formTitle: 'Neue Konferenz',
  titleLabel: 'Titel (freiwillig)',
  titleHint: 'Ihre Gäste sehen ihn, bevor sie eintreten. Zum Beispiel: Omas Geburtstag.',
  terms: (tenant) =>
    `Sie eröffnen die Konferenz auf dem Server von ${tenant} und sind ihr Gastgeber. Es gelten die Nutzungsbedingungen und die Datenschutzerklärung von ${tenant}. Gespeichert werden nur der Titel und der Name der Konferenz, bis sie abläuft.`,
  privacyPolicy: 'Datenschutzerklärung',
  agreeAndOpen: 'Zustimmen und eröffnen',
  cancel: 'Abbrechen',
  opening: 'Die Konferenz wird eröffnet …',
  yourConference: 'Ihre Konferenz',
  readAloud: 'Name zum Vorlesen',
  guestLink: 'Link für Ihre Gäste',
  guestLinkHint: 'Schicken Sie diesen Link an alle, die dabei sein sollen. Sie brauchen kein Konto.',
  copy: 'Link kopieren',
  copied: 'Der Link ist kopiert.',
  copyFailed: 'Kopieren ging nicht. Markieren Sie den Link und kopieren Sie ihn selbst.',
  share: 'Teilen',
  showQr: 'QR-Code zeigen',
  hideQr: 'QR-Code verbergen',
  qrAlt: 'QR-Code mit dem Link für Ihre Gäste',
  hostLink: 'Ihr Gastgeber-Link',
  hostLinkHint:
    'Mit diesem Link kommen Sie als Gastgeber zurück. Er ist auf diesem Gerät gespeichert und wird nur jetzt angezeigt: Geben Sie ihn nicht weiter.',
  enterAsHost: 'Als Gastgeber eintreten',
  enterAsGuest: 'Eintreten',
  keptTitle: 'Ihre Konferenzen auf diesem Gerät',
  backAsHost: (name) => `Zurück zu „${name}“`,
  forget: 'Vergessen',
  conference: (name) => `Konferenz „${name}“`,
  checking: 'Die Konferenz wird gesucht …',
  expired: 'Diese Konferenz ist abgelaufen: Sie wurde länger nicht genutzt. Sie können eine neue eröffnen.',
  notFound: 'Diese Konferenz gibt es nicht. Prüfen Sie den Link, oder eröffnen Sie eine neue.',
  kioskJoin: 'Jetzt teilnehmen',
  errors: {
    open_rooms_disabled: 'Hier können keine Konferenzen eröffnet werden.',
    open_rooms_full: 'Gerade sind so viele Konferenzen offen, wie der Dienst erlaubt. Bitte versuchen Sie es später noch einmal.',
    rate_limited:
      'Von diesem Anschluss wurden heute schon so viele Konferenzen eröffnet, wie erlaubt sind. Bitte versuchen Sie es morgen wieder.',
    challenge_failed: 'Die Sicherheitsprüfung ist abgelaufen. Bitte versuchen Sie es noch einmal.',
    invalid_input: 'Der Titel darf höchstens 80 Zeichen lang sein und keine Links enthalten.',
    network_error: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.',
    unknown: 'Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
  retry: 'Noch einmal versuchen',
};

/** English texts of `<verein-open-room>`. */
export const openRoomEn: OpenRoomMessages = {
  open: 'Start a new conference',
  formTitle: 'New conference',
  titleLabel: 'Title (optional)',
  titleHint: 'Your guests see it before they come in. For example: Grandma’s birthday.',
  terms: (tenant) =>
    `You open the conference on the server of ${tenant} and are its host. The terms of use and the privacy policy of ${tenant} apply. Only the title and the conference's name are kept, until it expires.`,
  privacyPolicy: 'Privacy policy',
  agreeAndOpen: 'Agree and open',
  cancel: 'Cancel',
  opening: 'Opening the conference …',
  yourConference: 'Your conference',
  readAloud: 'Name to read aloud',
  guestLink: 'Link for your guests',
  guestLinkHint: 'Send this link to everyone who should take part. They need no account.',
  copy: 'Copy link',
  copied: 'The link is copied.',
  copyFailed: 'Copying did not work. Select the link and copy it yourself.',
  share: 'Share',
  showQr: 'Show QR code',
  hideQr: 'Hide QR code',
  qrAlt: 'QR code with the link for your guests',
  hostLink: 'Your host link',
  hostLinkHint: 'This link brings you back as host. It is kept on this device and shown only now: do not pass it on.',
  enterAsHost: 'Enter as host',
  enterAsGuest: 'Enter',
  keptTitle: 'Your conferences on this device',
  backAsHost: (name) => `Back to “${name}”`,
  forget: 'Forget',
  conference: (name) => `Conference “${name}”`,
  checking: 'Looking for the conference …',
  expired: 'This conference has expired: it was not used for a while. You can open a new one.',
  notFound: 'There is no such conference. Check the link, or open a new one.',
  kioskJoin: 'Join now',
  errors: {
    open_rooms_disabled: 'Conferences cannot be opened here.',
    open_rooms_full: 'As many conferences are open as the service allows. Please try again later.',
    rate_limited: 'As many conferences as allowed were opened from this connection today. Please try again tomorrow.',
    challenge_failed: 'The security check expired. Please try again.',
    invalid_input: 'The title may have at most 80 characters and no links.',
    network_error: 'The server cannot be reached. Check your connection and try again.',
    unknown: 'That did not work. Please try again.',
  },
  retry: 'Try again',
};

/** The catalogue for `locale` with an element's overrides on top. */
export function openRoomMessagesFor(locale: Locale, overrides?: OpenRoomMessageOverrides): OpenRoomMessages {
  const base = locale === 'de' ? openRoomDe : openRoomEn;
  return overrides ? { ...base, ...overrides, errors: { ...base.errors, ...overrides.errors } } : base;
}
