import { badInput, type SourceLocation } from '../errors';
import { MAX_NESTING } from './limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/**
 * Refuses, in text that JSON.parse accepted, a key given twice in one object (JSON.parse keeps
 * the last, so `"status":"failed","status":"passed"` would read as passed) and nesting deeper
 * than MAX_NESTING (which every recursive walk of the value — redaction, rendering, the
 * locator — would have to survive). One pass with an explicit stack: no recursion to exhaust.
 */
export function checkJsonShape(text: string, file: string, what: string): void {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      // (JSON.parse accepted the text, so every string ends; the bound is for safety alone.)
      for (let d = text.charCodeAt(end); d !== QUOTE && end < text.length; d = text.charCodeAt(++end)) {
        if (d === BACKSLASH) {
          escaped = true;
          end++;
        }
      }
      const keys = stack.at(-1);
      if (keys && expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        if (keys.has(key))
          throw badInput(
            `the ${what} file gives the key ${JSON.stringify(key)} twice in one object; a key may appear once`,
            locationOf(text, i, file),
          );
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      stack.push(c === OPEN_OBJECT ? new Set() : null);
      if (stack.length > MAX_NESTING)
        throw badInput(
          `the ${what} file nests objects and arrays more than ${MAX_NESTING} levels deep`,
          locationOf(text, i, file),
        );
      expectKey = c === OPEN_OBJECT;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
    } else if (c === COMMA) {
      expectKey = stack.at(-1) instanceof Set;
    }
  }
}

function locationOf(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { file, line: before.split('\n').length, column: offset - lineStart + 1 };
}
