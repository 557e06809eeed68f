import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { badInput, type SourceLocation } from '../errors';
import { checkJsonShape } from './json-shape';
import type { FileKind } from './limits';
import { decodeUtf8, readRegularFile } from './regular-file';
import { assertMatchesSchema } from './schema-check';
import { parseStrictYaml } from './strict-yaml';

/** A path into parsed data: object keys and array indexes. */
export type DataPath = readonly (string | number)[];

/** Parsed YAML (or JSON) data that can say where each of its values came from. */
export interface LocatedDocument<T = unknown> {
  readonly file: string;
  readonly value: T;
  /** Where the value at `path` starts (its key when `key` is set); the nearest ancestor if absent. */
  locate(path: DataPath, key?: boolean): SourceLocation;
}

/**
 * Reads a YAML file of `kind` (a regular file within its bound, strict UTF-8, strict YAML) and,
 * given a schema file, checks it against that schema: every problem is bad input at file:line:col.
 */
export function loadYamlFile<T>(file: string, kind: FileKind, schemaFile?: string): LocatedDocument<T> {
  const doc = parseLocatedYaml(decodeUtf8(readRegularFile(file, kind), file, kind.what), file, kind.what);
  if (schemaFile) assertMatchesSchema(schemaFile, doc, kind.what);
  return doc as LocatedDocument<T>;
}

/** Reads a JSON file of `kind` as loadYamlFile does; its bytes come along (a digest is over them). */
export function loadJsonFile<T>(
  file: string,
  kind: FileKind,
  schemaFile?: string,
): LocatedDocument<T> & { readonly bytes: Buffer } {
  const bytes = readRegularFile(file, kind);
  const doc = parseLocatedJson(decodeUtf8(bytes, file, kind.what), file, kind.what);
  if (schemaFile) assertMatchesSchema(schemaFile, doc, kind.what);
  return { ...(doc as LocatedDocument<T>), bytes };
}

/**
 * Parses YAML text keeping source positions, as strictly as every YAML input (see
 * parseStrictYaml): a syntax error, alias bomb or control character is bad input at its line and column.
 */
export function parseLocatedYaml(text: string, file: string, what = 'YAML'): LocatedDocument {
  const { value, doc, at } = parseStrictYaml(text, file, what);
  return {
    file,
    value,
    locate: (path, key = false) => at(offsetOf(doc.contents, path, key)),
  };
}

/**
 * Parses JSON text, refusing duplicate keys and deep nesting (see checkJsonShape), and locating
 * values lazily (through the YAML parser, JSON being YAML) only when an error has to be
 * reported: reports can be large and are nearly always valid.
 */
export function parseLocatedJson(text: string, file: string, what = 'JSON'): LocatedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/.exec((cause as Error).message);
    const offset = position ? Number(position[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    const location = { file, line: before.length, column: before.at(-1)!.length + 1 };
    throw badInput(`not valid JSON: ${(cause as Error).message}`, location, cause);
  }
  checkJsonShape(text, file, what);
  let located: LocatedDocument | undefined;
  return {
    file,
    value,
    locate: (path, key) => {
      located ??= parseLocatedYaml(text, file, what);
      return located.locate(path, key);
    },
  };
}

/** The source offset of the value (or key) at `path`; of the nearest ancestor where the path ends early. */
function offsetOf(root: unknown, path: DataPath, key: boolean): number {
  let node = root as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment),
      );
      if (!pair) return offset;
      const target = (last && key ? pair.key : (pair.value ?? pair.key)) as Node | null;
      node = target;
      offset = target?.range?.[0] ?? offset;
    } else if (isSeq(node) && node.items[Number(segment)]) {
      node = node.items[Number(segment)] as Node;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
