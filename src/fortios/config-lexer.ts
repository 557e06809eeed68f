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

/** C0 controls but tab, LF and CR, and DEL: never in configuration text; a NUL means a binary file. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Characters that are a word's own outside quotes (anything but blanks, line breaks, quotes, `\\` and controls). */
const PLAIN_RUN = /[^ \t\r\n"'\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+/y;
/** Characters that are a quoted value's own (anything but quotes, `\\`, line breaks and controls). */
const QUOTED_RUN = /[^"'\\\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+/y;

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
 * one line break; CR alone is refused. Each command line goes to `onStatement` as soon as it
 * ends (nothing holds every word of a large file at once); the comments are returned.
 */
export function lexConfig(
  text: string,
  file: string,
  onStatement: (words: readonly ConfigWord[]) => void,
): readonly ConfigComment[] {
  return new ConfigLexer(text, file, onStatement).run();
}

/** The lexer's state: where it is in the text, and the command line it is building. */
class ConfigLexer {
  private readonly comments: ConfigComment[] = [];
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private words: ConfigWord[] = [];
  private word: string | null = null;
  private wordAt: ConfigLocation;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly onStatement: (words: readonly ConfigWord[]) => void,
  ) {
    this.wordAt = { file, line: 1, column: 1 };
  }

  run(): readonly ConfigComment[] {
    while (this.i < this.text.length) this.step(this.text[this.i]!);
    this.endStatement();
    return this.comments;
  }

  /** Consumes the character `c` at `i` (and whatever it starts: a comment, a quoted run, an escape). */
  private step(c: string): void {
    if (c === '\n') {
      this.endStatement();
      this.newLine(++this.i);
    } else if (c === '\r' && this.text[this.i + 1] !== '\n') {
      throw badInput('a line break of CR alone (as old Mac files have); FortiOS writes LF or CRLF', this.here(this.i));
    } else if (c === ' ' || c === '\t' || c === '\r') {
      this.endWord();
      this.i++;
    } else if (c === '#' && this.word === null && this.words.length === 0) {
      this.comment();
    } else if (c === '\\' && this.continuation() > 0) {
      this.endWord();
      this.i += 1 + this.continuation();
      this.newLine(this.i);
    } else {
      this.wordCharacter(c);
    }
  }

  private wordCharacter(c: string): void {
    if (CONTROL.test(c)) this.refuseControl(this.i);
    if (this.word === null) {
      this.word = '';
      this.wordAt = this.here(this.i);
    }
    if (c === '"' || c === "'") {
      this.word += this.quoted();
    } else if (c === '\\' && this.i + 1 < this.text.length) {
      if (CONTROL.test(this.text[this.i + 1]!)) this.refuseControl(this.i + 1);
      this.word += this.text[this.i + 1];
      this.i += 2;
    } else {
      // A run of ordinary characters at once: one append per word, not one per character.
      PLAIN_RUN.lastIndex = this.i;
      const run = PLAIN_RUN.exec(this.text)![0];
      this.word += run;
      this.i += run.length;
    }
  }

  /** A `#` line, kept for the header; the lexer moves to its line break. */
  private comment(): void {
    const end = this.text.indexOf('\n', this.i);
    const stop = end < 0 ? this.text.length : end;
    const body = this.text.slice(this.i + 1, stop).replace(/\r$/, '');
    const bad = CONTROL.exec(body);
    if (bad) this.refuseControl(this.i + 1 + bad.index);
    this.comments.push({ text: body, at: this.here(this.i) });
    this.i = stop;
  }

  /** The quoted run from the quote at `i` to its partner; line breaks inside it are kept as `\n`. */
  private quoted(): string {
    const quote = this.text[this.i]!;
    const start = this.here(this.i);
    let out = '';
    for (let j = this.i + 1; j < this.text.length; j++) {
      QUOTED_RUN.lastIndex = j;
      const run = QUOTED_RUN.exec(this.text)?.[0] ?? '';
      out += run;
      j += run.length;
      if (j >= this.text.length) break;
      let ch = this.text[j]!;
      if (ch === quote) {
        this.i = j + 1;
        return out;
      }
      if (ch === '\\' && j + 1 < this.text.length) ch = this.text[++j]!;
      if (ch === '\r' && this.text[j + 1] === '\n') ch = this.text[++j]!;
      if (ch === '\n') this.newLine(j + 1);
      else if (CONTROL.test(ch)) this.refuseControl(j);
      out += ch;
    }
    throw badInput(
      `unterminated quote: the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed`,
      start,
    );
  }

  /** How many characters of line break follow the `\` at `i` (0 when it escapes something else). */
  private continuation(): number {
    const next = this.text[this.i + 1];
    return next === '\n' ? 1 : next === '\r' && this.text[this.i + 2] === '\n' ? 2 : 0;
  }

  private here(index: number): ConfigLocation {
    return { file: this.file, line: this.line, column: index - this.lineStart + 1 };
  }

  private newLine(next: number): void {
    this.line += 1;
    this.lineStart = next;
  }

  private endWord(): void {
    if (this.word !== null) this.words.push({ text: this.word, at: this.wordAt });
    this.word = null;
  }

  private endStatement(): void {
    this.endWord();
    if (this.words.length > 0) this.onStatement(this.words);
    this.words = [];
  }

  private refuseControl(index: number): never {
    const code = this.text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
    throw badInput(
      `the FortiOS configuration contains the control character U+${code}${code === '0000' ? ' (a binary file?)' : ''}; configuration text has none`,
      this.here(index),
    );
  }
}
