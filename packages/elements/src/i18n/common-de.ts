import type { CommonKey, Messages } from './messages.js';

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
