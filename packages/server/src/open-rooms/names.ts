// The names of open conferences: words a person can read aloud, drawn from a
// secure random source, so that nobody can guess a room that is not theirs.
import { OPEN_ROOM_PREFIX } from '@vereinsraum/protocol';
import { ENGLISH_WORDS } from './words-en.js';
import { GERMAN_WORDS } from './words-de.js';

/** Words in a name. */
export const NAME_WORDS = 6;
/** The number at the end of a name: 10 to 99 (two digits, never read as a year or a date). */
const NUMBER_MIN = 10;
const NUMBER_COUNT = 90;

/** The word list of a tenant's language: German for German tenants, English for the others. */
export function wordList(language: 'de' | 'en'): readonly string[] {
  return language === 'de' ? GERMAN_WORDS : ENGLISH_WORDS;
}

/** Random 32-bit values from `crypto.getRandomValues`, fetched 16384 at a time (its largest call), each used once. */
const pool = new Uint32Array(16_384);
let next = pool.length;

function random32(): number {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  return pool[next++]!;
}

/**
 * A uniform random integer from 0 to `count - 1`, from the secure random
 * source (never `Math.random`). A value from the top of the 32-bit range,
 * which would favour small results, is drawn again (rejection sampling).
 */
function randomBelow(count: number): number {
  const limit = Math.floor(0x1_0000_0000 / count) * count;
  for (;;) {
    const value = random32();
    if (value < limit) return value % count;
  }
}

/**
 * A new open room's id: `o-`, {@link NAME_WORDS} words of the language's
 * list and a number from 10 to 99, joined by hyphens, each part drawn
 * uniformly and independently from a secure random source. With the shipped
 * lists that is at least 64 bits (see {@link nameEntropyBits}).
 *
 * @example
 * ```ts
 * newOpenRoomId('de'); // 'o-apfel-hafen-wolke-birne-stern-tisch-47'
 * ```
 */
export function newOpenRoomId(language: 'de' | 'en'): string {
  const words = wordList(language);
  const parts = Array.from({ length: NAME_WORDS }, () => words[randomBelow(words.length)]!);
  return `${OPEN_ROOM_PREFIX}${parts.join('-')}-${NUMBER_MIN + randomBelow(NUMBER_COUNT)}`;
}

/** The entropy of one name in bits, computed from the list: every part is drawn uniformly and independently. */
export function nameEntropyBits(language: 'de' | 'en'): number {
  return NAME_WORDS * Math.log2(new Set(wordList(language)).size) + Math.log2(NUMBER_COUNT);
}
