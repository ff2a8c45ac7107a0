import { bookingDe } from './booking-de.js';
import { bookingEn } from './booking-en.js';
import type { BookingMessageOverrides, BookingMessages } from './booking-messages.js';
import type { Locale } from './locale.js';

export { bookingDe, bookingEn };

/** The booking catalogue for `locale` with an element's overrides on top (nested groups merged). */
export function bookingMessagesFor(locale: Locale, overrides?: BookingMessageOverrides): BookingMessages {
  const base = locale === 'de' ? bookingDe : bookingEn;
  if (!overrides) return base;
  const merged = { ...base, ...overrides } as BookingMessages;
  for (const group of ['kinds', 'labels', 'hints', 'problems', 'errors'] as const) {
    (merged as unknown as Record<string, object>)[group] = { ...base[group], ...overrides[group] };
  }
  return merged;
}
