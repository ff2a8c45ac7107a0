import type { Locale } from './locale.js';
import type { ClubHandoverMessages } from './club-handover.js';
import type { UsageMessageOverrides } from './usage.js';

/** Error codes the club page explains: the server's codes plus the browser's own. */
export type ClubErrorCode =
  | 'link_invalid'
  | 'session_required'
  | 'csrf_failed'
  | 'club_conflict'
  | 'clubs_disabled'
  | 'invalid_input'
  | 'rate_limited'
  | 'room_not_found'
  | 'origin_not_allowed'
  | 'usage_disabled'
  | 'invite_invalid'
  | 'contrast_too_low'
  | 'network_error'
  | 'unknown';

/**
 * Every text of the club page (`<verein-club-admin>`). Give a partial object
 * to the element's `messages` property to change any of them.
 */
export interface ClubMessages {
  /** The element has no `endpoint` (its own or from `<verein-config>`). */
  notConfigured: string;
  signInTitle: string;
  signInIntro: string;
  emailLabel: string;
  sendLink: string;
  /** After asking for a sign-in link. */
  linkSent: string;
  /** After the confirmation link of a registration. */
  confirmed: string;
  /** After the link of the yearly reconfirmation. */
  reconfirmed: string;
  loading: string;
  signOut: string;
  roomsTitle: string;
  /** How many rooms the club has, of how many. */
  roomCount: (count: number, max: number) => string;
  accessCode: string;
  noAccessCode: string;
  whoStarts: string;
  starts: { anyone: string; 'moderator-code': string; invite: string };
  embedLabel: string;
  copy: string;
  copied: string;
  start: string;
  invite: string;
  /** The attendee link just made. */
  inviteReady: string;
  remove: string;
  removeConfirm: (room: string) => string;
  removed: (room: string) => string;
  /** The summary of a room's change form. */
  edit: string;
  newCodeLabel: string;
  removeCode: string;
  save: string;
  saved: (room: string) => string;
  newRoomTitle: string;
  nameLabel: string;
  idLabel: string;
  idHint: string;
  codeLabel: string;
  codeHint: string;
  create: string;
  created: (room: string) => string;
  /** The room settings, in the new room's form and a room's change form, and as a line under the room's name. */
  settingsLegend: string;
  settings: { waitingRoom: string; muteOnEntry: string; allModerators: string; recording: string };
  /** The button for a moderator link (30 days) for deputies, and the link it made. */
  deputyLink: string;
  deputyReady: string;
  /** The links that still work, each with its room, role and end, and a button to revoke it. */
  linksTitle: string;
  linksIntro: string;
  noLinks: string;
  linkRole: { moderator: string; attendee: string };
  linkUntil: (date: string) => string;
  revoke: string;
  revoked: string;
  /** The club's own usage figures (the texts of the figures themselves are `<verein-usage-report>`'s). */
  usageTitle: string;
  usageIntro: string;
  /** The club's websites: those allowed, one asked for, and the form to ask for another. */
  websitesTitle: string;
  originRequested: (origin: string) => string;
  originLabel: string;
  originHint: string;
  requestOrigin: string;
  /** The club's logo and colours, with a preview of the join button and its contrast. */
  brandTitle: string;
  logoLabel: string;
  logoHint: string;
  primaryLabel: string;
  onPrimaryLabel: string;
  previewLabel: string;
  previewButton: string;
  contrastOk: (ratio: string) => string;
  contrastLow: (ratio: string) => string;
  primaryLow: string;
  saveBrand: string;
  brandSaved: string;
  /** The club: its data to download, and deleting it (with a confirmation step). */
  clubTitle: string;
  exportData: string;
  deleteClub: string;
  deleteWarning: (club: string) => string;
  deleteConfirm: string;
  cancel: string;
  /** After the club was deleted. */
  deleted: string;
  /** After the new contact's confirmation link. */
  handedOver: string;
  errors: Record<ClubErrorCode, string>;
}

/** Overrides of {@link ClubMessages}. */
export type ClubMessageOverrides = Partial<Omit<ClubMessages, 'errors' | 'starts' | 'settings' | 'linkRole'>> & {
  errors?: Partial<ClubMessages['errors']>;
  starts?: Partial<ClubMessages['starts']>;
  settings?: Partial<ClubMessages['settings']>;
  linkRole?: Partial<ClubMessages['linkRole']>;
  /** The usage figures' texts (see `<verein-usage-report>`'s `messages`). */
  usage?: UsageMessageOverrides;
  /** The texts of handing over the contact role (loaded with that part of the page). */
  handover?: Partial<ClubHandoverMessages>;
};

const de: ClubMessages = {
  notConfigured: 'Diese Seite ist noch nicht fertig eingerichtet: Es fehlt die Adresse des Vereinsraum-Servers (endpoint).',
  signInTitle: 'Anmelden',
  signInIntro: 'Geben Sie die E-Mail-Adresse ein, mit der Sie Ihren Verein angemeldet haben. Sie bekommen einen Link, der 15 Minuten gilt.',
  emailLabel: 'E-Mail-Adresse',
  sendLink: 'Anmeldelink schicken',
  linkSent: 'Wenn die Adresse zu einem Verein gehört, ist ein Anmeldelink unterwegs. Sehen Sie in Ihr Postfach.',
  confirmed: 'Danke, Ihre Adresse ist bestätigt. Die Stadt prüft jetzt Ihre Anmeldung und schreibt Ihnen.',
  reconfirmed: 'Danke, Ihr Verein ist für ein weiteres Jahr bestätigt. Die Räume bleiben, wie sie sind.',
  loading: 'Wird geladen …',
  signOut: 'Abmelden',
  roomsTitle: 'Ihre Räume',
  roomCount: (count, max) => `${count} von ${max} Räumen`,
  accessCode: 'Mit Zugangscode',
  noAccessCode: 'Ohne Zugangscode',
  whoStarts: 'Wer startet',
  starts: { anyone: 'Alle', 'moderator-code': 'Moderation', invite: 'Nur mit Einladung' },
  embedLabel: 'Für Ihre Website (zwei Zeilen)',
  copy: 'Kopieren',
  copied: 'Kopiert.',
  start: 'Jetzt starten',
  invite: 'Link für Mitglieder',
  inviteReady: 'Link für Mitglieder (30 Tage gültig):',
  remove: 'Löschen',
  removeConfirm: (room) => `Raum „${room}" wirklich löschen? Seine Links gelten dann nicht mehr.`,
  removed: (room) => `Raum „${room}" ist gelöscht.`,
  edit: 'Ändern',
  newCodeLabel: 'Neuer Zugangscode (leer lassen: bleibt, wie er ist)',
  removeCode: 'Ohne Zugangscode',
  save: 'Speichern',
  saved: (room) => `Raum „${room}" ist gespeichert.`,
  newRoomTitle: 'Neuer Raum',
  nameLabel: 'Name',
  idLabel: 'Kurzname',
  idHint: 'Kleinbuchstaben, Ziffern und Bindestriche, z. B. vorstand. Er steht in der Adresse und ändert sich nicht.',
  codeLabel: 'Zugangscode (freiwillig)',
  codeHint: 'Mindestens 4 Zeichen. Wir speichern ihn so, dass niemand ihn wieder lesen kann.',
  create: 'Raum anlegen',
  created: (room) => `Raum „${room}" ist angelegt.`,
  settingsLegend: 'Einstellungen',
  settings: {
    waitingRoom: 'Warteraum: Die Moderation lässt Gäste herein',
    muteOnEntry: 'Mikrofon beim Betreten aus',
    allModerators: 'Alle moderieren',
    recording: 'Aufnahmen erlaubt',
  },
  deputyLink: 'Link für Stellvertretung',
  deputyReady: 'Link für Ihre Stellvertretung (Moderation, 30 Tage gültig). Geben Sie ihn nur Personen, denen Sie vertrauen:',
  linksTitle: 'Gültige Links',
  linksIntro: 'Ziehen Sie einen Link zurück, wenn er nicht mehr gelten soll, zum Beispiel wenn er in falsche Hände geraten ist.',
  noLinks: 'Es gibt gerade keine gültigen Links.',
  linkRole: { moderator: 'Moderation', attendee: 'Mitglieder' },
  linkUntil: (date) => `gilt bis ${date}`,
  revoke: 'Zurückziehen',
  revoked: 'Der Link ist zurückgezogen. Er gilt nicht mehr.',
  usageTitle: 'Nutzung Ihrer Räume',
  usageIntro: 'Nur Zahlen: Wir speichern nicht, wer in einer Konferenz war.',
  websitesTitle: 'Ihre Websites',
  originRequested: (origin) => `Beantragt: ${origin}. Die Stadt prüft die Adresse und schreibt Ihnen.`,
  originLabel: 'Weitere Website',
  originHint: 'Die Adresse, beginnend mit https://. Erst wenn die Stadt sie freischaltet, erscheinen die Räume dort.',
  requestOrigin: 'Freischaltung beantragen',
  brandTitle: 'Logo und Farben',
  logoLabel: 'Adresse Ihres Logos (freiwillig)',
  logoHint: 'Beginnend mit https://. Es erscheint, wenn jemand einen Raum betritt.',
  primaryLabel: 'Farbe der Knöpfe',
  onPrimaryLabel: 'Schrift auf den Knöpfen',
  previewLabel: 'So sieht der Knopf auf Ihrer Website aus:',
  previewButton: 'Raum betreten',
  contrastOk: (ratio) => `Kontrast ${ratio} zu 1: gut lesbar.`,
  contrastLow: (ratio) =>
    `Kontrast ${ratio} zu 1: zu schwach, nötig sind 4,5 zu 1. Wählen Sie eine dunklere Knopffarbe oder eine andere Schrift.`,
  primaryLow: 'Die Knopffarbe ist zu hell: Sie färbt auch Links auf Weiß. Wählen Sie eine dunklere.',
  saveBrand: 'Logo und Farben speichern',
  brandSaved: 'Logo und Farben sind gespeichert.',
  clubTitle: 'Ihr Verein',
  exportData: 'Alle Daten Ihres Vereins herunterladen',
  deleteClub: 'Verein löschen …',
  deleteWarning: (club) =>
    `${club} wirklich löschen? Alle Räume und Links gelten dann nicht mehr, und wir löschen Ihren Namen und Ihre E-Mail-Adresse. Das lässt sich nicht rückgängig machen.`,
  deleteConfirm: 'Endgültig löschen',
  cancel: 'Abbrechen',
  deleted: 'Ihr Verein ist gelöscht. Wir haben alle Angaben zu Personen gelöscht.',
  handedOver: 'Danke, Sie sind jetzt die Kontaktperson Ihres Vereins. Melden Sie sich mit Ihrer E-Mail-Adresse an.',
  errors: {
    link_invalid: 'Dieser Link gilt nicht mehr. Fordern Sie einen neuen an.',
    session_required: 'Bitte melden Sie sich an.',
    csrf_failed: 'Die Sitzung passt nicht. Laden Sie die Seite neu.',
    club_conflict: 'Das geht gerade nicht: Den Kurznamen gibt es schon, oder Ihr Verein hat schon alle Räume.',
    clubs_disabled: 'Dieser Server nimmt keine Vereine auf.',
    invalid_input: 'Eine Angabe passt nicht. Prüfen Sie die Felder.',
    rate_limited: 'Zu viele Versuche. Warten Sie bitte eine Stunde.',
    room_not_found: 'Diesen Raum gibt es nicht mehr. Laden Sie die Seite neu.',
    origin_not_allowed: 'Diese Seite muss auf der Adresse des Vereinsraum-Servers liegen.',
    usage_disabled: 'Dieser Server zählt keine Nutzung.',
    invite_invalid: 'Diesen Link gibt es nicht mehr. Laden Sie die Seite neu.',
    contrast_too_low: 'Die Farben sind zu schwach im Kontrast. Wählen Sie eine dunklere Knopffarbe.',
    network_error: 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas ist schiefgegangen. Versuchen Sie es noch einmal.',
  },
};

const en: ClubMessages = {
  notConfigured: 'This page is not set up yet: the address of the Vereinsraum server (endpoint) is missing.',
  signInTitle: 'Sign in',
  signInIntro: 'Enter the e-mail address you registered your club with. You get a link that works for 15 minutes.',
  emailLabel: 'E-mail address',
  sendLink: 'Send a sign-in link',
  linkSent: 'If the address belongs to a club, a sign-in link is on its way. Look in your inbox.',
  confirmed: 'Thank you, your address is confirmed. The city now reviews your registration and writes to you.',
  reconfirmed: 'Thank you, your club is confirmed for another year. The rooms stay as they are.',
  loading: 'Loading …',
  signOut: 'Sign out',
  roomsTitle: 'Your rooms',
  roomCount: (count, max) => `${count} of ${max} rooms`,
  accessCode: 'With an access code',
  noAccessCode: 'Without an access code',
  whoStarts: 'Who starts',
  starts: { anyone: 'Anyone', 'moderator-code': 'Moderators', invite: 'Invited only' },
  embedLabel: 'For your website (two lines)',
  copy: 'Copy',
  copied: 'Copied.',
  start: 'Start now',
  invite: 'Link for members',
  inviteReady: 'Link for members (valid for 30 days):',
  remove: 'Delete',
  removeConfirm: (room) => `Really delete the room "${room}"? Its links stop working.`,
  removed: (room) => `The room "${room}" is deleted.`,
  edit: 'Change',
  newCodeLabel: 'New access code (leave empty: it stays as it is)',
  removeCode: 'Without an access code',
  save: 'Save',
  saved: (room) => `The room "${room}" is saved.`,
  newRoomTitle: 'New room',
  nameLabel: 'Name',
  idLabel: 'Short name',
  idHint: 'Lowercase letters, digits and hyphens, e.g. board. It is part of the address and does not change.',
  codeLabel: 'Access code (optional)',
  codeHint: 'At least 4 characters. We store it so that nobody can read it again.',
  create: 'Create the room',
  created: (room) => `The room "${room}" is created.`,
  settingsLegend: 'Settings',
  settings: {
    waitingRoom: 'Waiting room: moderators let guests in',
    muteOnEntry: 'Microphone off on entry',
    allModerators: 'Everyone moderates',
    recording: 'Recording allowed',
  },
  deputyLink: 'Link for deputies',
  deputyReady: 'The link for your deputy (moderator, valid for 30 days). Give it only to people you trust:',
  linksTitle: 'Links that work',
  linksIntro: 'Revoke a link when it should stop working, for example when it reached the wrong people.',
  noLinks: 'There are no working links right now.',
  linkRole: { moderator: 'Moderators', attendee: 'Members' },
  linkUntil: (date) => `works until ${date}`,
  revoke: 'Revoke',
  revoked: 'The link is revoked. It no longer works.',
  usageTitle: 'How your rooms are used',
  usageIntro: 'Counts only: we do not keep who was in a conference.',
  websitesTitle: 'Your websites',
  originRequested: (origin) => `Asked for: ${origin}. The city checks the address and writes to you.`,
  originLabel: 'Another website',
  originHint: 'The address, beginning with https://. Only once the city allows it do the rooms appear there.',
  requestOrigin: 'Ask for it to be allowed',
  brandTitle: 'Logo and colours',
  logoLabel: 'Address of your logo (optional)',
  logoHint: 'Beginning with https://. It shows when someone enters a room.',
  primaryLabel: 'Colour of the buttons',
  onPrimaryLabel: 'Text on the buttons',
  previewLabel: 'This is how the button looks on your website:',
  previewButton: 'Enter the room',
  contrastOk: (ratio) => `Contrast ${ratio} to 1: easy to read.`,
  contrastLow: (ratio) => `Contrast ${ratio} to 1: too weak, 4.5 to 1 is needed. Choose a darker button colour or another text colour.`,
  primaryLow: 'The button colour is too light: it also colours links on white. Choose a darker one.',
  saveBrand: 'Save logo and colours',
  brandSaved: 'The logo and colours are saved.',
  clubTitle: 'Your club',
  exportData: "Download all of your club's data",
  deleteClub: 'Delete the club …',
  deleteWarning: (club) =>
    `Really delete ${club}? All rooms and links stop working, and we delete your name and e-mail address. This cannot be undone.`,
  deleteConfirm: 'Delete for good',
  cancel: 'Cancel',
  deleted: 'Your club is deleted. We deleted everything about people.',
  handedOver: 'Thank you, you are now the contact person of your club. Sign in with your e-mail address.',
  errors: {
    link_invalid: 'This link no longer works. Ask for a new one.',
    session_required: 'Please sign in.',
    csrf_failed: 'The session does not fit. Reload the page.',
    club_conflict: 'That cannot be done now: the short name is taken, or your club has all its rooms.',
    clubs_disabled: 'This server takes no clubs.',
    invalid_input: 'Something does not fit. Check the fields.',
    rate_limited: 'Too many attempts. Please wait an hour.',
    room_not_found: 'This room no longer exists. Reload the page.',
    origin_not_allowed: 'This page must be on the address of the Vereinsraum server.',
    usage_disabled: 'This server does not count usage.',
    invite_invalid: 'This link no longer exists. Reload the page.',
    contrast_too_low: 'The colours have too little contrast. Choose a darker button colour.',
    network_error: 'The server cannot be reached. Check the connection and try again.',
    unknown: 'Something went wrong. Try again.',
  },
};

/** The club page's texts in `locale`, with `overrides` merged over them. */
export function clubMessagesFor(locale: Locale, overrides?: ClubMessageOverrides): ClubMessages {
  const base = locale === 'de' ? de : en;
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    errors: { ...base.errors, ...overrides.errors },
    starts: { ...base.starts, ...overrides.starts },
    settings: { ...base.settings, ...overrides.settings },
    linkRole: { ...base.linkRole, ...overrides.linkRole },
  };
}
