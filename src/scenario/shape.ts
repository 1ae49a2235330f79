// A small schema language for scenario files: each shape checks an unknown value, pushing
// every problem with its field path, and describes itself as JSON Schema, so the checker and
// the published schema can never disagree. Exports the shape builders and `Infer`.
import type { InputIssue } from '../errors.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';


export type JsonSchema = { [key: string]: unknown };

export interface Shape<T> {
  /** The value typed as T when it fits; undefined (with issues pushed) when it does not. */
  check(value: unknown, path: string, issues: InputIssue[]): T | undefined;
  jsonSchema(): JsonSchema;
  /** Short noun phrase for messages: "a number", "one of focus, sharing". */
  readonly expected: string;
}

export interface OptionalShape<T> extends Shape<T | undefined> {
  readonly optional: true;
  readonly inner: Shape<T>;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

type Fields = Record<string, Shape<unknown>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends OptionalShape<unknown> ? K : never }[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOf<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Exclude<Infer<F[K]>, undefined> }
>;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${truncate(value, 40)}'`;
  if (typeof value === 'number') return String(value);
  return String(value);
}

function truncate(text: string, length: number): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine;
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? safe : `${path}.${safe}`;
}

function issue(issues: InputIssue[], path: string, message: string): undefined {
  issues.push({ path, message });
  return undefined;
}

// ---------------------------------------------------------------- scalars

export interface NumberOptions {
  min?: number;
  max?: number;
  /** The value must be strictly greater than this. */
  above?: number;
  integer?: boolean;
  description?: string;
}

export function number(options: NumberOptions = {}): Shape<number> {
  const { min, max, above, integer } = options;
  const kind = integer ? 'a whole number' : 'a number';
  const bounds: string[] = [];
  if (above !== undefined) bounds.push(`> ${above}`);
  if (min !== undefined) bounds.push(`>= ${min}`);
  if (max !== undefined) bounds.push(`<= ${max}`);
  const expected = bounds.length === 0 ? kind : `${kind} ${bounds.join(' and ')}`;
  return {
    expected,
    check(value, path, issues) {
      if (typeof value !== 'number') return issue(issues, path, messages.mustBe(expected, String(describeValue(value))));
      if (!Number.isFinite(value)) return issue(issues, path, messages.mustBe(expected, String(value)));
      if (integer && !Number.isInteger(value)) return issue(issues, path, messages.mustBe(expected, String(value)));
      if (above !== undefined && !(value > above)) return issue(issues, path, messages.mustBe(expected, String(value)));
      if (min !== undefined && value < min) return issue(issues, path, messages.mustBe(expected, String(value)));
      if (max !== undefined && value > max) return issue(issues, path, messages.mustBe(expected, String(value)));
      return value;
    },
    jsonSchema() {
      const schema: JsonSchema = { type: integer ? 'integer' : 'number' };
      if (min !== undefined) schema['minimum'] = min;
      if (max !== undefined) schema['maximum'] = max;
      if (above !== undefined) schema['exclusiveMinimum'] = above;
      if (options.description) schema['description'] = options.description;
      return schema;
    },
  };
}

export interface StringOptions {
  pattern?: RegExp;
  patternText?: string;
  minLength?: number;
  maxLength?: number;
  description?: string;
}

export function string(options: StringOptions = {}): Shape<string> {
  const { pattern, patternText, minLength = 0, maxLength } = options;
  const expected = patternText ?? 'a text';
  return {
    expected,
    check(value, path, issues) {
      if (typeof value !== 'string') return issue(issues, path, messages.mustBe(expected, String(describeValue(value))));
      if (value.length < minLength) {
        return issue(issues, path, minLength === 1 ? messages.mustNotBeEmpty() : messages.atLeastCharacters(minLength));
      }
      if (maxLength !== undefined && value.length > maxLength) {
        return issue(issues, path, messages.atMostCharacters(maxLength, value.length));
      }
      if (pattern && !pattern.test(value)) return issue(issues, path, messages.mustBe(expected, String(describeValue(value))));
      return value;
    },
    jsonSchema() {
      const schema: JsonSchema = { type: 'string' };
      if (pattern) schema['pattern'] = pattern.source;
      if (minLength > 0) schema['minLength'] = minLength;
      if (maxLength !== undefined) schema['maxLength'] = maxLength;
      if (options.description) schema['description'] = options.description;
      return schema;
    },
  };
}

export function boolean(description?: string): Shape<boolean> {
  return {
    expected: 'true or false',
    check(value, path, issues) {
      if (typeof value !== 'boolean') return issue(issues, path, messages.mustBe('true or false', describeValue(value)));
      return value;
    },
    jsonSchema() {
      return description ? { type: 'boolean', description } : { type: 'boolean' };
    },
  };
}

/** One of a fixed set of words; a near miss gets a suggestion. */
export function oneOf<const T extends string>(values: readonly T[], description?: string): Shape<T> {
  const expected = `one of ${values.join(', ')}`;
  return {
    expected,
    check(value, path, issues) {
      if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
      const hint = typeof value === 'string' ? suggestion(value, values) : '';
      return issue(issues, path, `${messages.mustBe(expected, describeValue(value))}${hint}`);
    },
    jsonSchema() {
      const schema: JsonSchema = { enum: [...values] };
      if (description) schema['description'] = description;
      return schema;
    },
  };
}

// ---------------------------------------------------------------- structure

export function optional<T>(inner: Shape<T>): OptionalShape<T> {
  return {
    optional: true,
    inner,
    expected: inner.expected,
    check(value, path, issues) {
      return value === undefined ? undefined : inner.check(value, path, issues);
    },
    jsonSchema() {
      return inner.jsonSchema();
    },
  };
}

export interface ArrayOptions {
  minItems?: number;
  maxItems?: number;
  description?: string;
}

export function array<T>(item: Shape<T>, options: ArrayOptions = {}): Shape<T[]> {
  const { minItems = 0, maxItems } = options;
  const expected = `a list of ${item.expected}`;
  return {
    expected,
    check(value, path, issues) {
      if (!Array.isArray(value)) return issue(issues, path, messages.mustBe(expected, String(describeValue(value))));
      if (value.length < minItems) {
        return issue(issues, path, minItems === 1 ? messages.mustNotBeEmpty() : messages.atLeastItems(minItems, value.length));
      }
      if (maxItems !== undefined && value.length > maxItems) {
        return issue(issues, path, messages.atMostItems(maxItems, value.length));
      }
      const before = issues.length;
      const out: T[] = [];
      for (let i = 0; i < value.length; i++) {
        const checked = item.check(value[i], joinPath(path, i), issues);
        if (checked !== undefined) out.push(checked);
      }
      return issues.length === before ? out : undefined;
    },
    jsonSchema() {
      const schema: JsonSchema = { type: 'array', items: item.jsonSchema() };
      if (minItems > 0) schema['minItems'] = minItems;
      if (maxItems !== undefined) schema['maxItems'] = maxItems;
      if (options.description) schema['description'] = options.description;
      return schema;
    },
  };
}

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ObjectShape<F extends Fields> extends Shape<ObjectOf<F>> {
  readonly fields: F;
}

/** Field names a mapping may carry for its writer alone (`x-voice: &voice …`): never read. */
const EXTENSION_FIELD = /^x-/;

/**
 * A mapping with known fields. Missing required fields and unknown fields are reported,
 * an unknown field with the nearest known name, so a typo is fixed in one go. With
 * `extensions`, fields named `x-…` are the writer's own (blocks for YAML anchors) and skipped.
 */
export function object<F extends Fields>(fields: F, description?: string, options: { extensions?: boolean } = {}): ObjectShape<F> {
  const known = Object.keys(fields);
  const extensions = options.extensions === true;
  return {
    fields,
    expected: 'a mapping',
    check(value, path, issues) {
      if (!isPlainMapping(value)) return issue(issues, path, messages.mustBe('a mapping', describeValue(value)));
      const before = issues.length;
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(fields, key) && !(extensions && EXTENSION_FIELD.test(key))) {
          const hint = suggestion(key, known);
          issue(issues, joinPath(path, key), messages.unknownField(hint, known));
        }
      }
      const out: Record<string, unknown> = {};
      for (const key of known) {
        const shape = fields[key]!;
        const fieldValue = value[key];
        if (fieldValue === undefined || fieldValue === null) {
          if (!('optional' in shape)) {
            issue(issues, joinPath(path, key), messages.required(shape.expected));
          } else if (fieldValue === null) {
            issue(issues, joinPath(path, key), messages.nullGiven(shape.expected));
          }
          continue;
        }
        const checked = shape.check(fieldValue, joinPath(path, key), issues);
        if (checked !== undefined) out[key] = checked;
      }
      return issues.length === before ? (out as ObjectOf<F>) : undefined;
    },
    jsonSchema() {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const key of known) {
        const shape = fields[key]!;
        properties[key] = shape.jsonSchema();
        if (!('optional' in shape)) required.push(key);
      }
      const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
      if (extensions) schema['patternProperties'] = { [EXTENSION_FIELD.source]: {} };
      if (required.length > 0) schema['required'] = required;
      if (description) schema['description'] = description;
      return schema;
    },
  };
}

export interface RecordOptions {
  /** Keys must match this pattern (described by `keyText`). */
  keyPattern?: RegExp;
  keyText?: string;
  description?: string;
}

/** A mapping from user-chosen names to values of one shape (profiles by name, say). */
export function record<T>(value: Shape<T>, options: RecordOptions = {}): Shape<Record<string, T>> {
  const { keyPattern, keyText = 'a name' } = options;
  return {
    expected: `a mapping of ${keyText} to ${value.expected}`,
    check(input, path, issues) {
      if (!isPlainMapping(input)) return issue(issues, path, messages.mustBe('a mapping', describeValue(input)));
      const keys = Object.keys(input);
      const before = issues.length;
      // A user-chosen name may be `__proto__` or `constructor`: no prototype to collide with.
      const out: Record<string, T> = Object.create(null) as Record<string, T>;
      for (const key of keys) {
        if (keyPattern && !keyPattern.test(key)) {
          issue(issues, joinPath(path, key), messages.badName(keyText));
          continue;
        }
        const checked = value.check(input[key], joinPath(path, key), issues);
        if (checked !== undefined) out[key] = checked;
      }
      return issues.length === before ? out : undefined;
    },
    jsonSchema() {
      const schema: JsonSchema = { type: 'object', additionalProperties: value.jsonSchema() };
      if (keyPattern) schema['propertyNames'] = { pattern: keyPattern.source };
      if (options.description) schema['description'] = options.description;
      return schema;
    },
  };
}

/** The entry named `name` of a mapping of user-chosen names: own entries only, never the prototype's. */
export function named<T>(entries: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return entries !== undefined && Object.hasOwn(entries, name) ? entries[name] : undefined;
}

/**
 * Mappings told apart by a tag field (`dist: lognormal`): the tag picks the shape, and a
 * wrong tag is reported with the nearest valid one instead of a wall of alternatives.
 */
export function tagged<K extends string, V extends Record<string, Shape<unknown>>>(
  tag: K,
  variants: V,
  description?: string,
): Shape<{ [N in keyof V]: Infer<V[N]> }[keyof V]> {
  const names = Object.keys(variants);
  return {
    expected: `a mapping with ${tag}: ${names.join(' | ')}`,
    check(value, path, issues) {
      if (!isPlainMapping(value)) return issue(issues, path, messages.mustBe(`a mapping with ${tag}: ${names.join(' | ')}`, describeValue(value)));
      const name = value[tag];
      if (typeof name !== 'string' || !Object.hasOwn(variants, name)) {
        const hint = typeof name === 'string' ? suggestion(name, names) : '';
        return issue(
          issues,
          joinPath(path, tag),
          name === undefined ? messages.required(`one of ${names.join(', ')}`) : `${messages.mustBe(`one of ${names.join(', ')}`, describeValue(name))}${hint}`,
        );
      }
      return variants[name]!.check(value, path, issues) as { [N in keyof V]: Infer<V[N]> }[keyof V] | undefined;
    },
    jsonSchema() {
      const schema: JsonSchema = { oneOf: names.map((name) => variants[name]!.jsonSchema()) };
      if (description) schema['description'] = description;
      return schema;
    },
  };
}

/** A value of one of several shapes, told apart by `pick` (usually by JavaScript type). */
export function either<A, B>(
  first: Shape<A>,
  second: Shape<B>,
  pick: (value: unknown) => 0 | 1 | null,
  expected: string,
): Shape<A | B> {
  return {
    expected,
    check(value, path, issues) {
      const which = pick(value);
      if (which === 0) return first.check(value, path, issues);
      if (which === 1) return second.check(value, path, issues);
      return issue(issues, path, messages.mustBe(expected, String(describeValue(value))));
    },
    jsonSchema() {
      return { anyOf: [first.jsonSchema(), second.jsonSchema()] };
    },
  };
}

/** A shape with a rule across its fields, run only when the value fits the shape. */
export function refine<T>(shape: Shape<T>, rule: (value: T, path: string, issues: InputIssue[]) => void): Shape<T> {
  return {
    expected: shape.expected,
    check(value, path, issues) {
      const checked = shape.check(value, path, issues);
      if (checked === undefined) return undefined;
      const before = issues.length;
      rule(checked, path, issues);
      return issues.length === before ? checked : undefined;
    },
    jsonSchema() {
      return shape.jsonSchema();
    },
  };
}

/** Attaches a description (shown by editors) to a shape's JSON Schema. */
export function described<T>(shape: Shape<T>, description: string): Shape<T> {
  return { ...shape, check: shape.check.bind(shape), jsonSchema: () => ({ ...shape.jsonSchema(), description }) };
}

/** A literal constant (`after: end`). */
export function literal<const T extends string>(word: T): Shape<T> {
  return oneOf([word]);
}

