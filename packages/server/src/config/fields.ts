import { FormatRegistry, type TLiteral, type TSchema, Type } from '@sinclair/typebox';
import { FORBIDDEN_IN_LINE, FORBIDDEN_IN_LINES, ID_PATTERN, THEME_PATTERNS } from '@vereinsraum/protocol';

/**
 * What our field definitions add to a TypeBox schema: the words
 * `vereinsraum check` says when a value breaks the field's rule.
 * `errorMessage` is shipped in `config.schema.json` too (editors such as
 * VS Code show it); the others exist only here ({@link PRIVATE_KEYWORDS}).
 */
export interface Messages {
  /** What the value must be, e.g. `must be an http(s) URL`. */
  errorMessage?: string;
  /** Said instead when a required field is missing. */
  requiredMessage?: string;
  /** Said instead for particular refused values (`sha384`). */
  valueMessages?: Record<string, string>;
  /** For a map by id: said of a key that is no id. */
  keyMessage?: string;
}

/** Keywords of the definition that the shipped schema leaves out. */
export const PRIVATE_KEYWORDS: readonly string[] = ['requiredMessage', 'valueMessages', 'keyMessage'];

type Options = Messages & { $id?: string; description?: string; default?: unknown; title?: string; format?: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function isHttpUrl(value: string): boolean {
  const url = parse(value);
  return url?.protocol === 'https:' || url?.protocol === 'http:';
}

/**
 * The checks a JSON Schema `pattern` cannot say, as TypeBox string formats.
 * Editors treat unknown formats as notes; `vereinsraum check` runs them.
 */
const FORMATS: Record<string, (value: string) => boolean> = {
  /** An http(s) URL. */
  'http-url': isHttpUrl,
  /** An http(s) URL of a server: no query, no fragment. */
  'server-url': (value) => isHttpUrl(value) && !value.includes('?') && !value.includes('#'),
  /** An http(s) URL of a web page without a fragment (links append their own). */
  'page-url': (value) => isHttpUrl(value) && !value.includes('#'),
  /** A URL visitors' browsers load or open: https, or http on a loopback host; no user name or password. */
  'public-url': (value) => {
    const url = parse(value);
    const scheme = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK.has(url.hostname));
    return scheme && url?.username === '' && url.password === '';
  },
  /** An origin: scheme, host and port, nothing more. */
  origin: (value) => {
    const origin = parse(value)?.origin;
    return origin === value && origin !== 'null';
  },
  /** A host with an optional port that makes a URL (`meet.example.org:8443`). */
  'host-port': (value) => URL.canParse(`https://${value}`),
  /** An IANA time zone the runtime knows. */
  'time-zone': (value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  /** A radius by the protocol's theme rule, at most 48px or 3rem. */
  'theme-radius': (value) => {
    const match = THEME_PATTERNS.radius.exec(value);
    return match !== null && Number(match[1]) <= (match[2] === 'px' ? 48 : 3);
  },
  /** A font-family list by the protocol's theme rule, its quotes in pairs. */
  'theme-font': (value) => {
    const font = value.trim();
    const paired = (quote: string): boolean => font.split(quote).length % 2 === 1;
    return THEME_PATTERNS.font.test(font) && paired('"') && paired("'");
  },
  /** One line of text (a mail header): the protocol's one-line rule. */
  line: (value) => !FORBIDDEN_IN_LINE.test(value),
  /** Plain text of several lines (`\r\n` counts as a line break): the protocol's rule. */
  text: (value) => !FORBIDDEN_IN_LINES.test(value.replace(/\r\n/g, '\n')),
};

/** Register the config's formats with TypeBox (before the first check). */
export function registerFormats(): void {
  for (const [name, check] of Object.entries(FORMATS)) FormatRegistry.Set(name, check);
}

/** A pattern for a text that trims to at least `min` characters. */
const trimmedAtLeast = (min: number): string => (min <= 1 ? '\\S' : `^\\s*\\S[\\s\\S]{${min - 2},}\\S\\s*$`);

/** A name: 2 to `max` characters after trimming (BigBlueButton refuses meeting names under 2). */
export const name = (description: string, max = 200) =>
  Type.String({ maxLength: max, pattern: trimmedAtLeast(2), description, errorMessage: `must be a text of 2 to ${max} characters` });

/** Plain text of `min` (after trimming) to `max` characters, line breaks allowed. */
export const plainText = (min: number, max: number, description: string, errorMessage: string) =>
  Type.String({ maxLength: max, pattern: trimmedAtLeast(min), format: 'text', description, errorMessage });

/** A whole number from `minimum` to `maximum`. */
export const integer = (minimum: number, maximum: number, description: string, fallback?: number) =>
  Type.Integer({ minimum, maximum, description, ...(fallback === undefined ? {} : { default: fallback }) });

/** One of a few words, e.g. `"de"` or `"en"`. */
export const oneOf = <const T extends readonly string[]>(values: T, options: Options) =>
  Type.Union(values.map((value) => Type.Literal(value)) as Array<TLiteral<T[number]>>, options);

/** The name of an environment variable that holds a secret. */
export const envName = (description: string) =>
  Type.String({
    pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    description,
    errorMessage: 'must be the name of an environment variable (letters, digits, underscore)',
    requiredMessage: 'is required: name the environment variable that holds the secret',
  });

/** An http(s) URL. */
export const httpUrl = (description: string, options: Options = {}) =>
  Type.String({ format: 'http-url', pattern: '^https?://', description, errorMessage: 'must be an http(s) URL', ...options });

/** A URL visitors' browsers load or open (https; http on loopback hosts only), at most 2000 characters. */
export const publicUrl = (description: string) =>
  Type.String({
    format: 'public-url',
    // For editors, which do not know the format.
    pattern: '^(https://|http://(localhost|127\\.0\\.0\\.1|\\[::1\\])([:/]|$))',
    maxLength: 2000,
    description,
    errorMessage: 'must be an https URL (http only for localhost), without a user name or password',
  });

/** An origin such as `https://www.example.org`. */
export const origin = (description?: string) =>
  Type.String({
    format: 'origin',
    ...(description ? { description } : {}),
    errorMessage: 'must be an origin: scheme, host and port only, no path or trailing slash (e.g. "https://www.example.org")',
  });

/** The id of a back end in `backends` (whether it exists is checked in `rules.ts`). */
export const backendId = (description: string) => Type.String({ description, errorMessage: 'must be the id of a back end in "backends"' });

/** A short name without spaces or slashes (Jitsi app id, tenant, XMPP domain). */
export const token = (description: string) =>
  Type.String({
    pattern: '^[A-Za-z0-9._-]{1,100}$',
    description,
    errorMessage: 'must be a name of letters, digits, dots, hyphens or underscores',
  });

/** An object of exactly these fields: unknown ones are errors. */
export const fields = <T extends Parameters<typeof Type.Object>[0]>(properties: T, options: Options = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** A map whose keys are ids by the protocol's rule (`tsv-musterstadt`). */
export const byId = <T extends TSchema>(item: T, options: Options & { minProperties?: number } = {}) =>
  Type.Record(Type.String({ pattern: ID_PATTERN.source }), item, {
    additionalProperties: false,
    errorMessage: 'must be an object whose keys are ids',
    keyMessage: 'ids are lowercase letters, digits and inner hyphens, at most 64 characters',
    ...options,
  });
