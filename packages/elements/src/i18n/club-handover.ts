import type { Locale } from './locale.js';

/**
 * The texts of handing over the contact role on the club page
 * (`<verein-club-admin>`): the form, its confirmation step, the sent state.
 * A catalogue of its own, loaded with that part of the page; change any of
 * them with the element's `messages.handover`.
 */
export interface ClubHandoverMessages {
  title: string;
  intro: string;
  name: string;
  email: string;
  next: string;
  warning: (name: string, email: string) => string;
  confirm: string;
  cancel: string;
  sent: (email: string, until: string) => string;
}

const de: ClubHandoverMessages = {
  title: 'Kontaktperson übergeben',
  intro:
    'Jemand anderes soll sich ab jetzt um die Vereinsseite kümmern, zum Beispiel Ihre Stellvertretung? Diese Person bekommt eine E-Mail mit einem Link. Erst wenn sie den Link anklickt, ist sie die Kontaktperson. Dann sind Sie abgemeldet, und wir löschen Ihren Namen und Ihre E-Mail-Adresse.',
  name: 'Name der neuen Kontaktperson',
  email: 'E-Mail-Adresse der neuen Kontaktperson',
  next: 'Weiter …',
  warning: (name, email) => `Die Kontaktperson an ${name} (${email}) übergeben? Wir schicken ${name} jetzt einen Link zum Bestätigen.`,
  confirm: 'Link schicken',
  cancel: 'Abbrechen',
  sent: (email, until) =>
    `Der Link ist unterwegs an ${email}. Er gilt bis ${until}. Bis die Person ihn anklickt, bleiben Sie die Kontaktperson.`,
};

const en: ClubHandoverMessages = {
  title: 'Hand over the contact role',
  intro:
    'Someone else should look after the club page from now on, your deputy for example? That person gets an e-mail with a link. Only when they click it are they the contact person. Then you are signed out, and we delete your name and e-mail address.',
  name: "The new contact person's name",
  email: "The new contact person's e-mail address",
  next: 'Next …',
  warning: (name, email) => `Hand the contact role over to ${name} (${email})? We now send ${name} a link to confirm.`,
  confirm: 'Send the link',
  cancel: 'Cancel',
  sent: (email, until) => `The link is on its way to ${email}. It works until ${until}. Until they click it, you stay the contact person.`,
};

/** The catalogue for `locale` with the element's overrides on top. */
export function clubHandoverMessagesFor(locale: Locale, overrides?: Partial<ClubHandoverMessages>): ClubHandoverMessages {
  const base = locale === 'de' ? de : en;
  return overrides ? { ...base, ...overrides } : base;
}
