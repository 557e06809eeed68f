import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { badInput, SourceLocation } from '../errors';

/** Inputs larger than this are refused before parsing: no lab or policy is anywhere near it. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

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
  let size: number;
  try {
    size = statSync(file).size;
  } catch (cause) {
    throw badInput(`cannot read the ${what} file: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { file }, cause);
  }
  if (size > MAX_YAML_BYTES) throw badInput(`the ${what} file is ${size} bytes; at most ${MAX_YAML_BYTES} are read`, { file });
  const bytes = readFileSync(file);
  const text = decodeUtf8(bytes, file, what);
  return parseYaml<T>(text, file, schema, what);
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
        const column = [...Array(slice.length + 1).keys()].find((n) => !isUtf8Prefix(slice.subarray(0, n + 1), strict)) ?? 0;
        throw badInput(`the ${what} file is not valid UTF-8 (bad byte 0x${slice[column]?.toString(16).padStart(2, '0')})`, { file, line, column: column + 1 });
      }
      start = end + 1;
    }
  }
}

const isUtf8Prefix = (bytes: Buffer, decoder: TextDecoder): boolean => {
  try {
    decoder.decode(bytes, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
};

/** Parses YAML text already in memory; see loadYamlFile. */
export function parseYaml<T>(text: string, file: string, schema: object, what: string): YamlSource<T> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw badInput(`invalid YAML in the ${what} file: ${firstLine(problem.message)}`, at(problem.pos[0]));
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
    case 'required':
      return badInput(`${shown} is missing the required key "${error.params.missingProperty}"`, locate(path));
    case 'enum':
      return badInput(`${shown} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, locate(path));
    default:
      return badInput(`${shown} ${error.message ?? 'is invalid'}`, locate(path));
  }
}

function allowedKeys(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties).join(', ') : '(see the schema)';
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

