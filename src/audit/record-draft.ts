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

const NORMAL_KEYS = new Map<string, string>();

/** A printed key lower-cased with single spaces; the few keys of a dump repeat in every record, so they are remembered. */
function normalKey(key: string): string {
  const known = NORMAL_KEYS.get(key);
  if (known !== undefined) return known;
  const lower = key.toLowerCase();
  const normal = /\s\s|[^\S ]/.test(lower) ? lower.replace(/\s+/g, ' ') : lower;
  if (NORMAL_KEYS.size < 1024) NORMAL_KEYS.set(own(key), normal);
  return normal;
}

/** Applies a `key`/`value` pair: known keys through the table, unknown ones into `extra`. */
export function applyField(table: FieldTable, draft: RecordDraft, key: string, value: string, at: FieldContext): void {
  const known = normalKey(key);
  if (!Object.hasOwn(table, known)) setExtra(draft.extra, key, value);
  else if (value !== '') table[known](draft, value, at, key);
}

/** The `extra` of every route that has none: one frozen object instead of one per route. */
const NO_EXTRA: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The drafts as records, their arrays copied to their exact length: an array grown by push keeps
 * room for 17 elements, which over 200,000 one-route records is most of a record's memory.
 */
export function finished(drafts: readonly RecordDraft[]): RecordDraft[] {
  for (const draft of drafts) {
    const mutable = draft as { -readonly [K in keyof RecordDraft]: RecordDraft[K] };
    if (draft.routes.length > 0) mutable.routes = draft.routes.slice();
    if (draft.tags.length > 0) mutable.tags = draft.tags.slice();
    for (const route of draft.routes)
      if (Object.keys(route.extra).length === 0) (route as { extra: object }).extra = NO_EXTRA;
  }
  return drafts as RecordDraft[];
}
