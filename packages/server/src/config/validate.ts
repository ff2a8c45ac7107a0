import { Kind, type TSchema } from '@sinclair/typebox';
import { Errors, type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { type Messages, registerFormats } from './fields.js';
import type { ConfigIssue } from './types.js';

type Node = TSchema & Messages;

let formatsRegistered = false;

/**
 * Check `raw` against `schema` (TypeBox's `Errors`: interpreted, no code
 * generation, so it runs on any runtime) and say what is wrong in plain
 * words, one issue per field, each with its path (`tenants.tsv.rooms`,
 * `allowedOrigins[0]`).
 */
export function schemaIssues(schema: TSchema, raw: unknown): ConfigIssue[] {
  if (!formatsRegistered) {
    registerFormats();
    formatsRegistered = true;
  }
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string): void => {
    if (!issues.some((issue) => issue.path === path)) issues.push({ path, message });
  };
  let value = raw;
  if (!isObject(raw)) {
    // Name the top level, and then the required sections as missing.
    add('', describe(schema));
    value = {};
  }
  for (const error of Errors(schema, value)) report(error, value, add);
  return issues;
}

function report(error: ValueError, root: unknown, add: (path: string, message: string) => void): void {
  const path = pathOf(error.path, root);
  const schema = error.schema as Node;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      if (schema.patternProperties) {
        // A map by id. TypeBox names the first bad key only; name them all.
        const key = new RegExp(Object.keys(schema.patternProperties)[0]!);
        const mapPointer = error.path.slice(0, error.path.lastIndexOf('/'));
        const parent = pathOf(mapPointer, root);
        for (const id of Object.keys(valueAt(mapPointer, root) as object)) {
          if (!key.test(id)) add(parent ? `${parent}.${id}` : id, schema.keyMessage ?? describe(schema));
        }
      } else {
        add(path, `unknown field (known: ${Object.keys(schema.properties as object).join(', ')})`);
      }
      return;
    case ValueErrorType.ObjectRequiredProperty:
      add(path, schema.requiredMessage ?? describe(schema));
      return;
    case ValueErrorType.ObjectMinProperties:
      add(path, 'must not be empty');
      return;
    case ValueErrorType.Union: {
      // A back end: the errors of the kind its `type` names, else what `type` may be.
      const variants = schema.anyOf as Node[];
      const types = variants.map((variant) => (variant.properties as Record<string, { const?: unknown }> | undefined)?.type?.const);
      if (types.every((type) => type === undefined)) break;
      if (!isObject(error.value)) return add(path, 'must be an object');
      const chosen = types.indexOf(error.value.type);
      if (chosen >= 0) {
        for (const inner of error.errors[chosen]!) report(inner, root, add);
      } else {
        add(`${path}.type`, `must be ${either(variants.map((variant, i) => `"${String(types[i])}" (${variant.title})`))}`);
      }
      return;
    }
  }
  const byValue =
    typeof error.value === 'string' && schema.valueMessages && Object.hasOwn(schema.valueMessages, error.value)
      ? schema.valueMessages[error.value]
      : undefined;
  add(path, byValue ?? describe(schema));
}

/** What a value of `schema` must be: its own words, else words made from its kind. */
function describe(schema: Node): string {
  if (schema.errorMessage) return schema.errorMessage;
  switch (schema[Kind]) {
    case 'Integer':
      return `must be a whole number from ${schema.minimum} to ${schema.maximum}`;
    case 'Boolean':
      return 'must be true or false';
    case 'Array':
      return 'must be a list';
    case 'Object':
      return 'must be an object';
    case 'Union':
      return `must be ${either((schema.anyOf as Node[]).map((variant) => JSON.stringify(variant.const)))}`;
    default:
      return 'must be a text';
  }
}

/** `"a", "b" or "c"` */
function either(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words.join('');
}

/** `/tenants/tsv/allowedOrigins/0` as `tenants.tsv.allowedOrigins[0]`. */
function pathOf(pointer: string, root: unknown): string {
  let path = '';
  let node = root;
  for (const segment of pointer.split('/').slice(1)) {
    const key = unescape(segment);
    path = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function valueAt(pointer: string, root: unknown): unknown {
  let node = root;
  for (const segment of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[unescape(segment)];
  return node;
}

/** A JSON Pointer segment's text (RFC 6901). */
function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A copy of `value` with the schema's defaults filled in where a field is
 * missing, at every depth (maps by id and back ends included, which
 * TypeBox's own `Value.Default` does not enter).
 */
export function withDefaults(schema: TSchema, value: unknown): unknown {
  if (value === undefined) {
    if (!('default' in schema)) return undefined;
    value = structuredClone(schema.default);
  }
  if (!isObject(value)) return value;
  if (schema.anyOf) {
    const variant = (schema.anyOf as TSchema[]).find((option) => option.properties?.type?.const === value.type);
    return variant ? withDefaults(variant, value) : value;
  }
  const copy: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    const filled = withDefaults(field, copy[key]);
    if (filled !== undefined) copy[key] = filled;
  }
  if (schema.patternProperties) {
    const [pattern, item] = Object.entries(schema.patternProperties as Record<string, TSchema>)[0]!;
    const key = new RegExp(pattern);
    for (const id of Object.keys(copy)) if (key.test(id)) copy[id] = withDefaults(item, copy[id]);
  }
  return copy;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issues found so far, and which fields are fit to be read by the rules that come after the schema. */
export class Findings {
  constructor(readonly issues: ConfigIssue[]) {}

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /**
   * Is the value at `path` as the schema describes it? True unless an issue
   * names the field or a field around it (an issue inside it, such as an
   * unknown field of a room, leaves the room's other fields readable).
   */
  ok(path: string): boolean {
    return !this.issues.some(({ path: p }) => p === '' || path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  }

  /** The entries of the map at `path` whose ids are fine, each with its path. */
  *entries<T>(map: Record<string, T> | undefined, path: string): Generator<[string, T, string]> {
    if (!this.ok(path) || map === undefined) return;
    for (const [id, value] of Object.entries(map)) if (this.ok(`${path}.${id}`)) yield [id, value, `${path}.${id}`];
  }
}
