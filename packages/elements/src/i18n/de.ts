import type { Messages } from './messages.js';

/** German texts: short sentences, "Sie", plain words. */
export const de: Messages = {
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
  notConfigured: (missing) =>
    `Dieser Knopf ist noch nicht fertig eingerichtet. Es fehlt: ${missing}. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.`,
  errors: {
    name_missing: 'Bitte geben Sie Ihren Namen ein.',
    name_too_long: 'Der Name ist zu lang. Bitte nehmen Sie höchstens 64 Zeichen.',
    name_control_characters: 'Der Name enthält unsichtbare Steuerzeichen. Bitte tippen Sie ihn neu ein.',
    access_code_required: 'Für diesen Raum brauchen Sie einen Zugangscode. Bitte geben Sie ihn ein.',
    access_code_invalid: 'Der Zugangscode stimmt nicht. Bitte prüfen Sie ihn und versuchen Sie es noch einmal.',
    too_many_attempts: 'Der Zugangscode war zu oft falsch. Bitte warten Sie eine Viertelstunde und versuchen Sie es dann noch einmal.',
    room_not_found: 'Diesen Raum gibt es nicht. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    tenant_not_found: 'Dieser Knopf ist falsch eingerichtet. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    origin_not_allowed: 'Diese Webseite darf den Raum noch nicht nutzen. Bitte geben Sie der Person Bescheid, die diese Webseite betreut.',
    upstream_unavailable: 'Der Konferenzserver antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal.',
    network_error: 'Es gibt gerade keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.',
    unknown: 'Etwas hat nicht geklappt. Bitte versuchen Sie es noch einmal.',
  },
};
