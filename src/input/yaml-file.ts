import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { badInput, HarnessError, SourceLocation } from '../errors';

/** Inputs larger than this are refused before parsing: no lab or policy is anywhere near it. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
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
  const bytes = readBounded(file, what);
  const text = decodeUtf8(bytes, file, what);
  return parseYaml<T>(text, file, schema, what);
}

/**
 * The file's bytes, if it is a regular file of at most MAX_YAML_BYTES. A directory, a device
 * (/dev/zero) or a FIFO is refused before reading, since reading those never ends or fails
 * obscurely; a file that grows after the size check is still read no further than the limit.
 */
function readBounded(file: string, what: string, limit = MAX_YAML_BYTES): Buffer {
  const fail = (cause: unknown) => badInput(`cannot read the ${what} file: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { file }, cause);
  let fd: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw badInput(`cannot read the ${what} file: it is ${stats.isDirectory() ? 'a directory' : 'not a regular file'}`, { file });
    if (stats.size > limit) throw badInput(`the ${what} file is ${stats.size} bytes; at most ${limit} are read`, { file });
    fd = openSync(file, 'r');
  } catch (cause) {
    throw cause instanceof HarnessError ? cause : fail(cause);
  }
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit) throw badInput(`the ${what} file is more than ${limit} bytes; at most ${limit} are read`, { file });
    return buffer.subarray(0, length);
  } catch (cause) {
    throw cause instanceof HarnessError ? cause : fail(cause);
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file of at most `limit` bytes as strict UTF-8 text (for inputs that are not YAML, e.g. FortiOS configurations). */
export function readTextFile(file: string, what: string, limit: number): string {
  return decodeUtf8(readBounded(file, what, limit), file, what);
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

/** Strict UTF-8 decoding; the error names the line and column of the first bad byte. */
function decodeUtf8(bytes: Buffer, file: string, what: string): string {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return strict.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
      try {
        strict.decode(slice);
      } catch {
        const column = firstBadByte(slice);
        throw badInput(`the ${what} file is not valid UTF-8 (bad byte 0x${slice[column]?.toString(16).padStart(2, '0')})`, { file, line, column: column + 1 });
      }
      start = end + 1;
    }
  }
}

const decodesAsPrefix = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
};

/**
 * The index of the first byte of `line` strict decoding rejects. Being a valid prefix is monotonic,
 * so a binary search finds it in O(n log n): a long line with a bad byte at its end stays fast.
 */
function firstBadByte(line: Buffer): number {
  if (decodesAsPrefix(line)) return Math.max(0, line.length - 1); // only the end is cut short
  let [good, bad] = [0, line.length];
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodesAsPrefix(line.subarray(0, middle))) good = middle;
    else bad = middle;
  }
  // The decoder notices a bad sequence at one of its later bytes: name the byte that starts it.
  const noticed = bad - 1;
  for (let start = noticed; start > Math.max(0, noticed - 4); start--) if (decodesWhole(line.subarray(0, start))) return start;
  return noticed;
}

const decodesWhole = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Parses YAML text already in memory; see loadYamlFile. */
export function parseYaml<T>(text: string, file: string, schema: object, what: string): YamlSource<T> {
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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw badInput(`the ${what} file cannot be read: ${(cause as Error).message}`, { file, line: 1, column: 1 }, cause);
  }
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

