import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { badInput, type SourceLocation } from '../errors';

/** A path into parsed data: object keys and array indexes. */
export type DataPath = readonly (string | number)[];

/** Parsed YAML (or JSON) data that can say where each of its values came from. */
export interface LocatedDocument {
  readonly file: string;
  readonly value: unknown;
  /** Where the value at `path` starts (its key when `key` is set); the nearest ancestor if absent. */
  locate(path: DataPath, key?: boolean): SourceLocation;
}

/** Parses YAML text keeping source positions; a syntax error is bad input at its line and column. */
export function parseLocatedYaml(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const [error] = doc.errors;
  if (error) throw badInput(`invalid YAML: ${error.message.split('\n')[0]}`, at(error.pos[0]));
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    file,
    value,
    locate: (path, key = false) => at(offsetOf(doc.contents, path, key)),
  };
}

/** Reads and parses a YAML file; a missing or unreadable file is bad input. */
export function readLocatedYaml(file: string): LocatedDocument {
  return parseLocatedYaml(readUserFile(file), file);
}

/** Reads a user-named file as UTF-8, turning I/O failures into bad input naming the file. */
export function readUserFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read the file';
    throw badInput(reason, { file }, cause);
  }
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
export function parseLocatedJson(text: string, file: string): LocatedDocument {
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
  let located: LocatedDocument | undefined;
  return {
    file,
    value,
    locate: (path, key) => (located ??= parseLocatedYaml(text, file)).locate(path, key),
  };
}
