// The German and English catalogues hold the same texts: the same keys at
// every level, a function where the other has one, and no empty text.
import { expect } from '@open-wc/testing';
import { adminDe, adminEn } from './admin.js';
import { bookingDe, bookingEn } from './booking.js';
import { de, en, resolveLocale, toLocale } from './index.js';
import { notAllowedDe, notAllowedEn } from './not-allowed.js';
import { inviteDe, inviteEn } from './invite.js';
import { usageDe, usageEn } from './usage.js';
import { openRoomDe, openRoomEn } from './open-room.js';
import { reviewMessagesFor } from './club-review.js';

/** Every key path of a catalogue, with the kind of its value: `string` or `function`, nested groups walked into. */
function shape(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    value && typeof value === 'object' ? shape(value as object, `${prefix}${key}.`) : [`${prefix}${key}: ${typeof value}`],
  );
}

/** Every text of a catalogue, the functions called with sample arguments. */
function texts(catalogue: object): string[] {
  return Object.values(catalogue).flatMap((value): string[] => {
    if (typeof value === 'function') return [String((value as (...args: unknown[]) => unknown)('Beispiel', 2, 1))];
    if (value && typeof value === 'object') return texts(value as object);
    return [String(value)];
  });
}

describe('the text catalogues', () => {
  for (const [name, german, english, least] of [
    ['join and status', de, en, 20],
    ['booking', bookingDe, bookingEn, 20],
    ['admin', adminDe, adminEn, 20],
    ['invite links', inviteDe, inviteEn, 3],
    ['usage report', usageDe, usageEn, 20],
    ['open conferences', openRoomDe, openRoomEn, 30],
    ['clubs review', reviewMessagesFor('de'), reviewMessagesFor('en'), 20],
  ] as const) {
    it(`${name}: German and English have the same keys, and no text is empty`, () => {
      expect(shape(german).sort()).to.deep.equal(shape(english).sort());
      expect(shape(german).length).to.be.greaterThan(least);
      for (const text of [...texts(german), ...texts(english)]) expect(text.trim(), text).not.to.equal('');
      expect(texts(german)).not.to.deep.equal(texts(english));
    });
  }
});

describe('the note on a page the tenant does not allow', () => {
  it('German and English have the same keys, and no text is empty; the note names the origin and the tenant', () => {
    expect(shape(notAllowedDe).sort()).to.deep.equal(shape(notAllowedEn).sort());
    for (const text of [...texts(notAllowedDe), ...texts(notAllowedEn)]) expect(text.trim(), text).not.to.equal('');
    for (const t of [notAllowedDe, notAllowedEn])
      expect(t.fix('https://www.tsv.example', 'tsv')).to.contain('https://www.tsv.example').and.contain('tsv');
  });
});

describe('resolveLocale', () => {
  it('element lang > <verein-config lang> > page lang > tenant default > English', () => {
    const outer = document.createElement('div');
    const el = document.createElement('span');
    outer.append(el);
    document.body.append(outer);
    const pageLang = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      expect(resolveLocale(el)).to.equal('en');
      expect(resolveLocale(el, undefined, 'de')).to.equal('de');
      outer.lang = 'en-GB';
      expect(resolveLocale(el, undefined, 'de')).to.equal('en');
      expect(resolveLocale(el, 'de-AT', 'en')).to.equal('de');
      el.lang = 'en';
      expect(resolveLocale(el, 'de', 'de')).to.equal('en');
      // An empty lang says nothing.
      el.lang = '';
      outer.lang = '';
      expect(resolveLocale(el, '', 'de')).to.equal('de');
    } finally {
      if (pageLang !== null) document.documentElement.setAttribute('lang', pageLang);
      outer.remove();
    }
  });

  it('German for any de… tag, English for everything else', () => {
    expect(['de', 'de-DE', 'DE-ch', 'en', 'fr', '', undefined].map(toLocale)).to.deep.equal(['de', 'de', 'de', 'en', 'en', 'en', 'en']);
  });
});
