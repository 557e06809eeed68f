import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { badInput, SourceLocation } from '../errors';
import { MAX_BYTES, readTextFile } from './regular-file';

/** Inputs larger than this are refused before parsing: no lab or policy is anywhere near it. */
export const MAX_YAML_BYTES = MAX_BYTES.yaml;
/** Lists and maps nested deeper than this are refused (a lab needs five levels). */
export const MAX_YAML_DEPTH = 64;

/** A parsed, schema-checked YAML document that can still tell where each value came from. */
export interface YamlSource<T> {
  readonly value: T;
  readonly file: string;
  /** The location of the value at a JSON pointer path (e.g. `['checks', 2, 'endpoint']`). */
  locate(path: readonly (string | number)[], key?: boolean): SourceLocation;
}

const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true });
addFormats(ajv);

/** Reads `file`, parses it strictly (no duplicate keys, bounded aliases) and validates it against `schema`. */
export function loadYamlFile<T>(file: string, schema: object, what: string): YamlSource<T> {
  return parseYaml<T>(readTextFile(file, { what, maxBytes: MAX_YAML_BYTES }), file, schema, what);
}

/** Characters YAML 1.2 does not allow in a stream (c-printable): C0/C1 controls but tab, LF, CR and NEL; U+FFFE/U+FFFF. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function checkPrintable(text: string, file: string, what: string): void {
  const bad = NOT_PRINTABLE.exec(text);
  if (!bad) return;
  const before = text.slice(0, bad.index);
  const line = before.split('\n').length;
  const column = bad.index - before.lastIndexOf('\n');
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  throw badInput(`the ${what} file contains the control character U+${code}, which YAML does not allow`, { file, line, column });
}

/** YAML parsed strictly, before any schema: its plain value and where each of its nodes is. */
export interface StrictYaml {
  readonly value: unknown;
  readonly doc: Document.Parsed;
  /** The location of a source offset. */
  at(offset: number): SourceLocation;
}

/**
 * Parses YAML text strictly: no control characters, duplicate keys, second documents, keys that
 * are maps, nesting beyond MAX_YAML_DEPTH or alias expansion beyond 100; each is bad input at
 * its line and column. Every YAML reader of the harness goes through here.
 */
export function parseStrictYaml(text: string, file: string, what: string): StrictYaml {
  checkPrintable(text, file, what);
  const lines = new LineCounter();
  // logLevel 'error': the yaml package would otherwise print warnings of its own to stderr.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const tooDeep = `the ${what} file nests lists and maps more than ${MAX_YAML_DEPTH} levels deep`;
  const problem = doc.errors[0] ?? doc.warnings[0];
  // Very deep nesting exhausts the parser's stack before any limit of ours can look at it.
  if (problem && /call stack/i.test(problem.message)) throw badInput(tooDeep, at(problem.pos[0]));
  if (problem && problem.code === 'MULTIPLE_DOCS') throw badInput(`the ${what} file holds more than one YAML document (a second ---); only one is read`, at(problem.pos[0]));
  if (problem) throw badInput(`invalid YAML in the ${what} file: ${firstLine(problem.message)}`, at(problem.pos[0]));
  checkShape(doc.contents, (node, why) => badInput(why === 'depth' ? tooDeep : `a key in the ${what} file must be plain text, not a ${isMap(node) ? 'map' : 'list'}`, node.range ? at(node.range[0]) : { file, line: 1, column: 1 }));
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), doc, at };
  } catch (cause) {
    throw badInput(`the ${what} file cannot be read: ${(cause as Error).message}`, { file, line: 1, column: 1 }, cause);
  }
}

/** Parses YAML text already in memory; see loadYamlFile. */
export function parseYaml<T>(text: string, file: string, schema: object, what: string): YamlSource<T> {
  const { value, doc, at } = parseStrictYaml(text, file, what);
  const locate = (path: readonly (string | number)[], key = false): SourceLocation => {
    const node = nodeAt(doc.contents, path, key);
    return node?.range ? at(node.range[0]) : { file, line: 1, column: 1 };
  };
  const validate = ajv.getSchema((schema as { $id?: string }).$id ?? '') ?? ajv.compile(schema);
  if (!validate(value)) throw schemaError(validate.errors![0]!, locate, what);
  return { value: value as T, file, locate };
}

/** Refuses nesting deeper than MAX_YAML_DEPTH and keys that are lists or maps (iteratively: no stack to exhaust). */
function checkShape(root: unknown, refuse: (node: Node, why: 'depth' | 'key') => Error): void {
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_YAML_DEPTH) throw refuse(node, 'depth');
    for (const item of node.items) {
      if (isPair(item)) {
        if (isMap(item.key) || isSeq(item.key)) throw refuse(item.key, 'key');
        pending.push([item.value, depth + 1]);
      } else pending.push([item, depth + 1]);
    }
  }
}

/** The node at `path`; with `wantKey`, the key node of the last step (where an unknown key is). */
function nodeAt(start: unknown, path: readonly (string | number)[], wantKey = false): Node | undefined {
  let node = start as Node | undefined;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
      node = (wantKey && i === path.length - 1 ? pair?.key : (pair?.value ?? pair?.key)) as Node | undefined;
    } else if (isSeq(node)) node = node.items[Number(key)] as Node | undefined;
    else return node;
  }
  return node;
}

/** Turns ajv's first error into one sentence: where, which key, what was expected. */
function schemaError(error: ErrorObject, locate: (path: readonly (string | number)[], key?: boolean) => SourceLocation, what: string) {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const shown = path.length ? path.join('.') : `the ${what}`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return badInput(`unknown key "${key}" in ${shown}; expected one of: ${allowedKeys(error)}`, locate([...path, key], true));
    }
    case 'maxProperties':
      return badInput(`${shown} must have at most ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}, not ${Object.keys(error.data as object).length}`, locate(path));
    case 'required':
      return badInput(`${shown} is missing the required key "${error.params.missingProperty}"`, locate(path));
    case 'enum':
      return badInput(`${shown} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, locate(path));
    case 'pattern': {
      const pattern = String(error.params.pattern);
      if (/^\^\[\^[^\]]*\r\n\][*+]\$$/.test(pattern)) return badInput(`${shown} must be one line of text${pattern.includes('"') ? ' without double quotes' : ''}`, locate(path));
      return badInput(`${shown} must match pattern ${visible(JSON.stringify(pattern))}`, locate(path));
    }
    case 'type':
      if (path.length === 0) return badInput(`the ${what} file must be a map of keys, not ${describeValue(error.data)}`, locate(path));
      if (typeof error.data === 'number' && !Number.isFinite(error.data)) return badInput(`${shown} must be a finite number, not ${error.data}`, locate(path));
      return badInput(`${shown} ${error.message ?? 'is invalid'}`, locate(path));
    default:
      return badInput(`${shown} ${visible(error.message ?? 'is invalid')}`, locate(path));
  }
}

/** Control characters in a message shown as escapes: a message is one line. */
const visible = (text: string): string => text.replace(/[\x00-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function allowedKeys(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties).join(', ') : '(see the schema)';
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

