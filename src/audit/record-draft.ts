import { type FieldContext, inputError, own, quote, shared, type ValueParser } from './field-values';
import type { GatewayRecord, GatewayRoute } from './gateway-dump';

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
  if (key !== '__proto__') extra[key] = shared(value);
  else
    Object.defineProperty(extra, key, { value: shared(value), enumerable: true, writable: true, configurable: true });
}

/** Fields whose values repeat across a fleet's records, kept once each (see `shared`). */
const FLEET_WIDE: ReadonlySet<ScalarField> = new Set<ScalarField>(['emsSerial', 'tenantId', 'vdom']);

/**
 * Sets a field once. A second, different value for the same endpoint (say, a detail UID that
 * contradicts the entry's UID) means the dump was spliced or garbled, so it is an error.
 */
export function assign<K extends ScalarField>(
  draft: MutableScalars,
  field: K,
  value: Scalars[K],
  at: FieldContext,
  label: string,
): void {
  const prior = draft[field];
  if (prior !== undefined && prior !== value) {
    throw inputError(
      at,
      `${label} ${quote(String(value))} contradicts ${quote(String(prior))} earlier in the same record`,
    );
  }
  draft[field] = (typeof value !== 'string' ? value : FLEET_WIDE.has(field) ? shared(value) : own(value)) as Scalars[K];
}

/** A setter that parses the printed value and assigns it to one field. */
export function setter<K extends ScalarField>(field: K, parse: ValueParser<NonNullable<Scalars[K]>>): FieldSetter {
  return (draft, value, at, label) => assign(draft, field, parse(value, at, label), at, label);
}

/** A printed key as a table knows it: its setter, if the table has one, and one copy of the key for `extra`. */
export interface KnownKey<S> {
  readonly key: string;
  readonly setter?: S;
}

const KNOWN_KEYS = new WeakMap<object, Map<string, KnownKey<unknown>>>();

/**
 * Looks a printed key up in a table keyed by lower-case keys with single spaces. The few keys of
 * a dump repeat in every record, so each is normalised once and remembered: one map lookup per
 * line, and the same key string for every record's `extra` (V8 then need not intern it again).
 */
export function knownKey<S>(table: Readonly<Record<string, S>>, key: string): KnownKey<S> {
  let keys = KNOWN_KEYS.get(table) as Map<string, KnownKey<S>> | undefined;
  if (!keys) {
    keys = new Map();
    KNOWN_KEYS.set(table, keys);
  }
  const known = keys.get(key);
  if (known !== undefined) return known;
  const lower = key.toLowerCase();
  const normal = /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
  const entry: KnownKey<S> = Object.hasOwn(table, normal)
    ? { key: own(key), setter: table[normal] }
    : { key: own(key) };
  if (keys.size < 1024) keys.set(entry.key, entry);
  return entry;
}

/** Applies a `key`/`value` pair: known keys through the table, unknown ones into `extra`. */
export function applyField(table: FieldTable, draft: RecordDraft, key: string, value: string, at: FieldContext): void {
  const known = knownKey(table, key);
  if (known.setter === undefined) setExtra(draft.extra, known.key, value);
  else if (value !== '') known.setter(draft, value, at, key);
}

/** The `extra` of every route that has none: one frozen object instead of one per route. */
const NO_EXTRA: Readonly<Record<string, string>> = Object.freeze({});
/** The `tags` or `routes` of every record that has none (a record list prints no tags): one frozen array. */
const NONE: readonly never[] = Object.freeze([]);

/** An array at its exact length; an empty one is the shared frozen one. */
const exact = <T>(array: T[]): T[] => (array.length > 0 ? array.slice() : (NONE as never[]));

/**
 * A draft as a record, its arrays copied to their exact length: an array grown by push keeps
 * room for 17 elements, which over 200,000 one-route records is most of a record's memory, and
 * even an empty array costs 32 bytes a record. Finishing each record as soon as its block ends
 * lets the draft's arrays die young instead of being carried into the old generation.
 */
export function finish(draft: RecordDraft): RecordDraft {
  const mutable = draft as { -readonly [K in keyof RecordDraft]: RecordDraft[K] };
  mutable.routes = exact(draft.routes);
  mutable.tags = exact(draft.tags);
  for (const route of draft.routes)
    if (Object.keys(route.extra).length === 0) (route as { extra: object }).extra = NO_EXTRA;
  return draft;
}

/** The drafts as records (see `finish`). */
export function finished(drafts: readonly RecordDraft[]): RecordDraft[] {
  for (const draft of drafts) finish(draft);
  return drafts as RecordDraft[];
}
