import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { badInput, type SourceLocation } from '../errors';
import { type FileKind, readTextFile } from './regular-file';
import { parseStrictYaml } from './yaml-file';
import { checkJsonShape } from './json-shape';

/** A path into parsed data: object keys and array indexes. */
export type DataPath = readonly (string | number)[];

/** Parsed YAML (or JSON) data that can say where each of its values came from. */
export interface LocatedDocument {
  readonly file: string;
  readonly value: unknown;
  /** Where the value at `path` starts (its key when `key` is set); the nearest ancestor if absent. */
  locate(path: DataPath, key?: boolean): SourceLocation;
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

/** Reads a user-named regular file of `kind` as UTF-8; see readTextFile. */
export function readUserFile(file: string, kind: FileKind): string {
  return readTextFile(file, kind);
}

function offsetOf(root: unknown, path: DataPath, key: boolean): number {
  let node = root as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      const target = (last && key ? pair.key : pair.value) as Node | null;
      node = target;
      offset = target?.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

/**
 * Parses JSON text, locating values lazily (through the YAML parser, JSON being YAML) only when
 * an error has to be reported: reports can be large and are nearly always valid.
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
    locate: (path, key) => (located ??= parseLocatedYaml(text, file, what)).locate(path, key),
  };
}
