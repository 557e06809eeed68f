import { type Document, isMap, isPair, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { badInput, type SourceLocation } from '../errors';
import { MAX_ALIASES, MAX_NESTING } from './limits';

/** Characters YAML 1.2 does not allow in a stream (c-printable): C0/C1 controls but tab, LF, CR and NEL; U+FFFE/U+FFFF. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function checkPrintable(text: string, file: string, what: string): void {
  const bad = NOT_PRINTABLE.exec(text);
  if (!bad) return;
  const before = text.slice(0, bad.index);
  const line = before.split('\n').length;
  const column = bad.index - before.lastIndexOf('\n');
  const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  throw badInput(`the ${what} file contains the control character U+${code}, which YAML does not allow`, {
    file,
    line,
    column,
  });
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
 * are maps, nesting beyond MAX_NESTING or alias expansion beyond MAX_ALIASES; each is bad input at
 * its line and column. Every YAML reader of the harness goes through here.
 */
export function parseStrictYaml(text: string, file: string, what: string): StrictYaml {
  checkPrintable(text, file, what);
  const lines = new LineCounter();
  // logLevel 'error': the yaml package would otherwise print warnings of its own to stderr.
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    logLevel: 'error',
  });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const tooDeep = `the ${what} file nests lists and maps more than ${MAX_NESTING} levels deep`;
  const problem = doc.errors[0] ?? doc.warnings[0];
  // Very deep nesting exhausts the parser's stack before any limit of ours can look at it.
  if (problem && /call stack/i.test(problem.message)) throw badInput(tooDeep, at(problem.pos[0]));
  if (problem && problem.code === 'MULTIPLE_DOCS')
    throw badInput(
      `the ${what} file holds more than one YAML document (a second ---); only one is read`,
      at(problem.pos[0]),
    );
  if (problem) throw badInput(`invalid YAML in the ${what} file: ${firstLine(problem.message)}`, at(problem.pos[0]));
  checkShape(doc.contents, (node, why) =>
    badInput(
      why === 'depth' ? tooDeep : `a key in the ${what} file must be plain text, not a ${isMap(node) ? 'map' : 'list'}`,
      node.range ? at(node.range[0]) : { file, line: 1, column: 1 },
    ),
  );
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }), doc, at };
  } catch (cause) {
    throw badInput(`the ${what} file cannot be read: ${(cause as Error).message}`, { file, line: 1, column: 1 }, cause);
  }
}

/** Refuses nesting deeper than MAX_NESTING and keys that are lists or maps (iteratively: no stack to exhaust). */
function checkShape(root: unknown, refuse: (node: Node, why: 'depth' | 'key') => Error): void {
  const pending: [unknown, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_NESTING) throw refuse(node, 'depth');
    for (const item of node.items) {
      if (isPair(item)) {
        if (isMap(item.key) || isSeq(item.key)) throw refuse(item.key, 'key');
        pending.push([item.value, depth + 1]);
      } else pending.push([item, depth + 1]);
    }
  }
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
