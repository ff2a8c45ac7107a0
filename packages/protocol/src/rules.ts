/** Largest request body the server helper reads, in bytes. */
export const MAX_BODY_BYTES = 8 * 1024;

/** Rules for tenant and room ids: lowercase slugs. */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Longest display name, in characters (code points) after trimming. */
export const DISPLAY_NAME_MAX = 64;

/** Longest access code, in characters. */
export const ACCESS_CODE_MAX = 64;

/**
 * Is `value` a valid tenant or room id? Lowercase letters, digits and inner
 * hyphens, 1 to 64 characters.
 *
 * @example
 * ```ts
 * isValidId('tsv-musterstadt'); // true
 * isValidId('TSV Musterstadt'); // false
 * ```
 */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * Characters no one-line text may hold (names, titles, addresses): control
 * characters (C0, DEL, C1), line and paragraph separators and bidi overrides.
 * A text with them could break logs and mails or spoof other names. The one
 * rule for browser and server.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const FORBIDDEN_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * Characters no text of several lines may hold (an operator's reason): as
 * {@link FORBIDDEN_IN_LINE}, but tab and line feed are allowed.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const FORBIDDEN_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * An e-mail address as a booking form takes it: a local part without spaces,
 * angle brackets, quotes or separators (at most 64 characters), an `@`, and a
 * domain of at least two labels (letters, digits, inner hyphens, any
 * non-ASCII letter), at most 253 characters. Deliberately simple: the mail
 * server decides the rest.
 */
export const EMAIL_PATTERN =
  /^[^\s@<>()[\]\\,;:"]{1,64}@(?=.{1,253}$)[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,62}[A-Za-z0-9\u00a1-\uffff])?(?:\.[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,62}[A-Za-z0-9\u00a1-\uffff])?)+$/u;

/**
 * Is `value` an e-mail address by {@link EMAIL_PATTERN}, without
 * {@link FORBIDDEN_IN_LINE} characters? Both the booking form and the server
 * use it.
 *
 * @example
 * ```ts
 * isEmailAddress('erika@tsv-musterstadt.de'); // true
 * isEmailAddress('erika@localhost');          // false
 * ```
 */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && EMAIL_PATTERN.test(value) && !FORBIDDEN_IN_LINE.test(value);
}

/** Why a display name was refused, or `null` if it is fine. */
export type DisplayNameProblem = 'missing' | 'too_long' | 'control_characters';

/**
 * Check a display name as both the element and the server do.
 *
 * The name is trimmed first; it must then have 1 to {@link DISPLAY_NAME_MAX}
 * characters and no control characters. Any other text, including `<`, `&`,
 * `+` and emoji, is allowed: it is data, encoded where it is used.
 *
 * @example
 * ```ts
 * checkDisplayName('  Jürgen 🏓 ');  // null
 * checkDisplayName('a\u0000b');      // 'control_characters'
 * ```
 */
export function checkDisplayName(value: unknown): DisplayNameProblem | null {
  if (typeof value !== 'string') return 'missing';
  const name = value.trim();
  if (name.length === 0) return 'missing';
  if ([...name].length > DISPLAY_NAME_MAX) return 'too_long';
  if (FORBIDDEN_IN_LINE.test(name)) return 'control_characters';
  return null;
}

/** Longest Mattermost user name, in characters. */
export const CHAT_USERNAME_MAX = 64;

/**
 * A Mattermost user name as the server helper passes it on: lowercase
 * letters, digits, `.`, `-` and `_`, starting with a letter or a digit
 * (Mattermost's own rule, minus names like `..` that would change the path
 * of an API call).
 */
export const CHAT_USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The Mattermost user name a visitor typed, spelled as Mattermost keeps it:
 * trimmed, without a leading `@`, in lower case. Both the element and the
 * server use it.
 *
 * @returns the user name, or `null` when the text cannot be one.
 * @example
 * ```ts
 * chatUsername(' @Erika.Muster ');  // 'erika.muster'
 * chatUsername('erika muster');     // null
 * ```
 */
export function chatUsername(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim().replace(/^@/, '').toLowerCase();
  return CHAT_USERNAME_PATTERN.test(name) ? name : null;
}

/**
 * The letters of a chat code: digits and capital letters without `0`, `1`,
 * `I` and `O`, which are easily mixed up (32 of them: 5 bits each).
 */
export const CHAT_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Characters of a chat code (8, 40 bits), shown as two groups of four: `K7QM-3XPA`. */
export const CHAT_CODE_LENGTH = 8;

/**
 * The code a visitor typed from the chat server's message, as the server
 * compares it: spaces and dashes removed, in capitals, exactly
 * {@link CHAT_CODE_LENGTH} letters of {@link CHAT_CODE_ALPHABET}. Both the
 * element and the server use it.
 *
 * @returns the code, or `null` when the text cannot be one.
 * @example
 * ```ts
 * chatCode(' k7qm-3xpa ');  // 'K7QM3XPA'
 * chatCode('K7QM-3XP');     // null
 * ```
 */
export function chatCode(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const code = value.replace(/[\s-]/g, '').toUpperCase();
  return code.length === CHAT_CODE_LENGTH && [...code].every((c) => CHAT_CODE_ALPHABET.includes(c)) ? code : null;
}

/**
 * A short link token, `<id>.<secret>` in base64url: an invite's id (11
 * characters) or a booking's id (the manage token), a dot, and a 128-bit
 * secret (22 characters). The server keeps only the secret's SHA-256. A JWT
 * has two dots, so the two kinds never look alike.
 */
export const SHORT_TOKEN = /^([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{22})$/;
