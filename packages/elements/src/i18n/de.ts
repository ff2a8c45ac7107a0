import type { CommonKey, Messages, StatusKey } from './messages.js';

/** German texts both elements show: what is missing in their setup, and the errors. */
export const deCommon: Pick<Messages, CommonKey> = {
  notConfigured: (missing) =>
    `Hier ist noch nicht alles eingerichtet. Es fehlt: ${missing}. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.`,
  errors: {
    name_missing: 'Bitte geben Sie Ihren Namen ein.',
    name_too_long: 'Der Name ist zu lang. Bitte nehmen Sie höchstens 64 Zeichen.',
    name_control_characters: 'Der Name enthält unsichtbare Steuerzeichen. Bitte tippen Sie ihn neu ein.',
    access_code_required: 'Für diesen Raum brauchen Sie einen Zugangscode. Bitte geben Sie ihn ein.',
    access_code_invalid: 'Der Zugangscode stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es noch einmal.',
    too_many_attempts: 'Der Zugangscode war zu oft falsch. Bitte warten Sie eine Viertelstunde und versuchen Sie es dann noch einmal.',
    invite_invalid: 'Der Einladungslink ist ungültig. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem neuen.',
    invite_expired: 'Der Einladungslink ist abgelaufen. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem neuen.',
    invite_not_yet_valid: 'Der Einladungslink gilt noch nicht. Bitte versuchen Sie es später noch einmal.',
    invite_wrong_room:
      'Der Einladungslink ist für einen anderen Raum. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach dem richtigen.',
    invite_revoked:
      'Der Einladungslink wurde zurückgezogen. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem neuen.',
    invite_key_unknown:
      'Der Einladungslink gilt nicht mehr. Bitte fragen Sie die Person, die Ihnen den Link geschickt hat, nach einem neuen.',
    room_not_found: 'Diesen Raum gibt es nicht. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    tenant_not_found: 'Hier ist etwas falsch eingerichtet. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    origin_not_allowed:
      'Entschuldigung: Diese Webseite darf den Raum noch nicht nutzen. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    upstream_unavailable: 'Der Konferenzserver antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal.',
    storage_unavailable: 'Der Server kann gerade nicht auf seine Daten zugreifen. Bitte versuchen Sie es in einem Moment noch einmal.',
    upstream_misconfigured: 'Der Konferenzserver ist falsch eingerichtet. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    network_error: 'Es gibt gerade keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
};

/** German texts of the join button. */
export const deJoin: Omit<Messages, StatusKey | CommonKey> = {
  join: 'Beitreten',
  nameLabel: 'Ihr Name',
  nameHint: 'Mit diesem Namen sehen die anderen Sie in der Besprechung.',
  remember: 'Namen auf diesem Gerät merken',
  haveCode: 'Ich habe einen Zugangscode',
  codeLabel: 'Zugangscode',
  submit: 'Jetzt beitreten',
  cancel: 'Abbrechen',
  joining: 'Einen Moment bitte. Der Raum wird geöffnet.',
  waiting: 'Die Besprechung hat noch nicht begonnen. Bitte bleiben Sie auf dieser Seite. Sie kommen von selbst hinein, sobald es losgeht.',
  stopWaiting: 'Nicht mehr warten',
  opened: 'Die Besprechung ist in einem neuen Tab geöffnet.',
  openAgain: 'Noch einmal öffnen',
  ready: 'Die Besprechung hat begonnen.',
  openMeeting: 'Besprechung öffnen',
  newTab: '(öffnet einen neuen Tab)',
  retry: 'Noch einmal versuchen',
  invited: 'Sie haben eine Einladung und brauchen keinen Zugangscode.',
  meeting: 'Besprechung',
  leave: 'Besprechung verlassen',
  embedJoined: 'Sie sind in der Besprechung.',
  embedFailed: 'Die Besprechung lässt sich hier nicht zeigen.',
  embedDevices: 'Kamera oder Mikrofon sind hier gesperrt.',
  embedSlow: 'Die Besprechung lädt sehr lange.',
  openInTab: 'In neuem Tab öffnen',
  fullscreen: 'Vollbild',
  agree: 'Zustimmen und beitreten',
  privacy: 'Datenschutz',
  sendsTo: (host) => `Ihr Name, Ihre IP-Adresse und – wenn Sie sie einschalten – Kamera und Mikrofon gehen an ${host}.`,
  conferenceServer: 'den Konferenzserver dieses Angebots',
  privacyPolicy: 'Datenschutzerklärung',
  imprint: 'Impressum',
  rememberConsent: (tenant) => `Zustimmung für ${tenant} auf diesem Gerät merken`,
  consentKept: (tenant) => `Sie haben dem Datenschutzhinweis von ${tenant} auf diesem Gerät zugestimmt.`,
  withdraw: 'Zustimmung widerrufen',
};

/** German texts of the room status. */
export const deStatus: Pick<Messages, StatusKey> = {
  live: 'Jetzt live',
  idle: 'Gerade frei',
  unknown: 'Status unbekannt',
  checking: 'Status wird geprüft',
  chatRoom: 'Chat',
  members: (count, form) => `${count} ${form === 'one' ? 'Mitglied' : 'Mitglieder'}`,
  lastActive: (time) => `Zuletzt aktiv: ${time}`,
  people: (count, form) => `${count} ${form === 'one' ? 'Person' : 'Personen'}`,
  since: (time) => `Läuft seit ${time} Uhr`,
  asOf: (time) => `Stand: ${time} Uhr`,
};

/** German texts: short sentences, "Sie", plain words. */
export const de: Messages = { ...deCommon, ...deJoin, ...deStatus };
