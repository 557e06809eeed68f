import { badInput } from '../errors';
import type { ConfigLocation } from './config-tree';

/** One word of a command line, its quotes and escapes resolved. */
export interface ConfigWord {
  readonly text: string;
  readonly at: ConfigLocation;
}

/** A `#…` line (the text after `#`, without the line break). */
export interface ConfigComment {
  readonly text: string;
  readonly at: ConfigLocation;
}

/** The command lines of a configuration (each a list of words) and its comment lines. */
export interface LexedConfig {
  readonly statements: readonly (readonly ConfigWord[])[];
  readonly comments: readonly ConfigComment[];
}

/** C0 controls but tab, LF and CR, and DEL: never in configuration text; a NUL means a binary file. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** A word as an error message shows it: quoted, escaped, and cut short. */
export const shownWord = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * Splits configuration text into command lines of words, in one pass with no recursion.
 *
 * The rules are those of the FortiOS CLI: words are separated by spaces; a value with spaces is
 * put in a pair of double or single quotes, inside which `\` escapes the next character (`\"`,
 * `\\`); outside quotes `\` escapes a space, and `\` at the end of a line continues the command
 * on the next (https://docs.fortinet.com/document/fortianalyzer/6.4.9/cli-reference/431255,
 * https://docs.fortinet.com/document/fortigate/6.0.0/cli-reference/799476/tips). A quoted value
 * may span lines, as certificates and replacement messages do in a full-config backup. A line
 * whose first non-blank character is `#` is a comment (the backup header is one). CRLF counts as
 * one line break.
 */
export function lexConfig(text: string, file: string): LexedConfig {
  const statements: ConfigWord[][] = [];
  const comments: ConfigComment[] = [];
  let [i, line, lineStart] = [0, 1, 0];
  let words: ConfigWord[] = [];
  let word: string | null = null;
  let wordAt: ConfigLocation = { file, line, column: 1 };
  const here = (index: number): ConfigLocation => ({ file, line, column: index - lineStart + 1 });
  const endWord = (): void => {
    if (word !== null) words.push({ text: word, at: wordAt });
    word = null;
  };
  const newLine = (next: number): void => {
    line += 1;
    lineStart = next;
  };
  const refuseControl = (index: number): never => {
    const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
    throw badInput(`the FortiOS configuration contains the control character U+${code}${code === '0000' ? ' (a binary file?)' : ''}; configuration text has none`, here(index));
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      endWord();
      if (words.length > 0) statements.push(words);
      words = [];
      newLine(++i);
    } else if (c === '\r' && text[i + 1] !== '\n') {
      throw badInput('a line break of CR alone (as old Mac files have); FortiOS writes LF or CRLF', here(i));
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '#' && word === null && words.length === 0) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      const body = text.slice(i + 1, stop).replace(/\r$/, '');
      const bad = CONTROL.exec(body);
      if (bad) refuseControl(i + 1 + bad.index);
      comments.push({ text: body, at: here(i) });
      i = stop;
    } else if (c === '\\' && continuation(i) > 0) {
      endWord();
      i += 1 + continuation(i);
      newLine(i);
    } else {
      if (CONTROL.test(c)) refuseControl(i);
      if (word === null) {
        word = '';
        wordAt = here(i);
      }
      if (c === '"' || c === "'") {
        const quoted = readQuoted(i);
        word += quoted.text;
        i = quoted.next;
      } else if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) {
          word += c;
          i++;
        } else {
          if (CONTROL.test(next)) refuseControl(i + 1);
          word += next;
          i += 2;
        }
      } else {
        word += c;
        i++;
      }
    }
  }
  endWord();
  if (words.length > 0) statements.push(words);
  return { statements, comments };

  // How many characters of line break follow a `\` at `index` (0 when it escapes something else).
  function continuation(index: number): number {
    const next = text[index + 1];
    return next === '\n' ? 1 : next === '\r' && text[index + 2] === '\n' ? 2 : 0;
  }

  // A quoted run from the quote at `open` to its partner; line breaks inside it are kept as `\n`.
  function readQuoted(open: number): { text: string; next: number } {
    const quote = text[open]!;
    const start = here(open);
    let out = '';
    for (let j = open + 1; j < text.length; j++) {
      let ch = text[j]!;
      if (ch === quote) return { text: out, next: j + 1 };
      if (ch === '\\' && j + 1 < text.length) ch = text[++j]!;
      if (ch === '\r' && text[j + 1] === '\n') ch = text[++j]!;
      if (ch === '\n') newLine(j + 1);
      else if (CONTROL.test(ch)) refuseControl(j);
      out += ch;
    }
    throw badInput(`unterminated quote: the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed`, start);
  }
}
