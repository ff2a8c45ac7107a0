import type { Messages, StatusKey } from './messages.js';

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
