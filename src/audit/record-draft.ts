import { GatewayRecord, GatewayRoute } from './gateway-dump';
import { FieldContext, inputError, quote, ValueParser } from './field-values';

/** The scalar fields of a record, which a parser sets one at a time. */
type Scalars = Omit<GatewayRecord, 'tags' | 'routes' | 'extra' | 'line'>;
type ScalarField = keyof Scalars;
type MutableScalars = { -readonly [K in keyof Scalars]: Scalars[K] };

/** A record while its lines are read; parsers hand it out typed as the readonly GatewayRecord. */
export type RecordDraft = MutableScalars & {
  readonly line: number;
  readonly tags: string[];
  readonly routes: GatewayRoute[];
  readonly extra: Record<string, string>;
};

/** How one known field lands in the draft. */
export type FieldSetter = (draft: RecordDraft, value: string, at: FieldContext, label: string) => void;

/** Known fields of one format, keyed by lower-case printed key with single spaces. */
export type FieldTable = Readonly<Record<string, FieldSetter>>;

/** An empty draft starting at a line. */
export function newDraft(line: number): RecordDraft {
  return { line, tags: [], routes: [], extra: {} };
}

/** Keeps an unknown field; `__proto__` goes through defineProperty so that it stays plain data. */
export function setExtra(extra: Record<string, string>, key: string, value: string): void {
  if (key !== '__proto__') extra[key] = value;
  else Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Sets a field once. A second, different value for the same endpoint (say, a detail UID that
 * contradicts the entry's UID) means the dump was spliced or garbled, so it is an error.
 */
export function assign<K extends ScalarField>(draft: MutableScalars, field: K, value: Scalars[K], at: FieldContext, label: string): void {
  const prior = draft[field];
  if (prior !== undefined && prior !== value) {
    throw inputError(at, `${label} ${quote(String(value))} contradicts ${quote(String(prior))} earlier in the same record`);
  }
  draft[field] = value;
}

/** A setter that parses the printed value and assigns it to one field. */
export function setter<K extends ScalarField>(field: K, parse: ValueParser<NonNullable<Scalars[K]>>): FieldSetter {
  return (draft, value, at, label) => assign(draft, field, parse(value, at, label), at, label);
}

/** Applies a `key`/`value` pair: known keys through the table, unknown ones into `extra`. */
export function applyField(table: FieldTable, draft: RecordDraft, key: string, value: string, at: FieldContext): void {
  const lower = key.toLowerCase();
  const known = /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
  if (!Object.hasOwn(table, known)) setExtra(draft.extra, key, value);
  else if (value !== '') table[known](draft, value, at, key);
}
