import type { ChatMessages } from './chat-types.js';

/** German chat texts. */
export const chatDe: ChatMessages = {
  intro: 'Dieser Raum ist ein Chat auf Mattermost. Sie bekommen dort eine Nachricht mit einem Code.',
  usernameLabel: 'Ihr Benutzername bei Mattermost',
  usernameHint: 'Zum Beispiel: erika.muster',
  noAccount: 'Noch kein Konto bei Mattermost? Legen Sie eines an. Danach kommen Sie hierher zurück.',
  signUp: 'Konto anlegen',
  agreeSignUp: 'Zustimmen und Konto anlegen',
  submit: 'Code schicken',
  agreeSubmit: 'Zustimmen und Code schicken',
  sendsTo: (host) => `Ihr Benutzername, Ihre Nachrichten im Chat und Ihre IP-Adresse gehen an ${host}.`,
  chatServer: 'den Chat-Server dieses Angebots',
  codeSent: (username) =>
    `Wir haben @${username} bei Mattermost einen Code geschickt. Öffnen Sie die Nachricht und geben Sie den Code hier ein.`,
  openMessages: 'Nachricht öffnen',
  codeLabel: 'Code aus der Nachricht',
  codeHint: (time) => `Der Code hat 8 Zeichen und gilt bis ${time} Uhr.`,
  noMessage: 'Keine Nachricht? Prüfen Sie Ihren Benutzernamen und schicken Sie den Code noch einmal.',
  changeName: 'Zurück zum Benutzernamen',
  join: 'Zum Chat',
  opened: 'Der Chat ist in einem neuen Tab offen.',
  ready: 'Sie sind jetzt im Chat.',
  openChat: 'Chat öffnen',
  errors: {
    chat_unavailable: 'Der Chat antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal.',
    chat_username_invalid: 'Ein Benutzername hat nur Buchstaben, Ziffern und . - _',
    chat_code_invalid: 'Der Code stimmt nicht. Bitte prüfen Sie ihn und geben Sie ihn noch einmal ein.',
    chat_code_expired: 'Dieser Code gilt nicht mehr. Bitte schicken Sie einen neuen.',
    too_many_attempts: 'Zu viele Versuche. Bitte warten Sie eine Viertelstunde.',
  },
};
