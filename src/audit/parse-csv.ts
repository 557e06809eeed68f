import { type FieldContext, inputError, quote } from './field-values';

/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRow {
  readonly fields: readonly string[];
  readonly line: number;
}

interface Field {
  readonly value: string;
  /** Index just past the field. */
  readonly end: number;
  /** Line breaks inside the field (a quoted field may span lines). */
  readonly breaks: number;
}

/**
 * RFC 4180 CSV: quoted fields with `""` escapes and line breaks; CRLF, LF or CR rows; blank rows
 * skipped. Rows come one at a time, so that a 200,000-row export is never held twice.
 */
export function* csvRows(text: string, file: string): Generator<CsvRow> {
  let fields: string[] = [];
  let line = 1;
  let rowLine = 1;
  for (let index = 0; ; ) {
    const field = readField(text, index, { file, line });
    fields.push(field.value);
    line += field.breaks;
    index = field.end;
    if (text[index] === ',') {
      index += 1;
      continue;
    }
    if (fields.length > 1 || fields[0].trim() !== '') yield { fields, line: rowLine };
    if (index >= text.length) return;
    index += text.startsWith('\r\n', index) ? 2 : 1;
    fields = [];
    line += 1;
    rowLine = line;
  }
}

/** Global so that `lastIndex` lets a search start mid-text without copying the rest of it. */
const FIELD_END = /[,\r\n]/g;

function readField(text: string, start: number, at: FieldContext): Field {
  if (text[start] === '"') return readQuoted(text, start, at);
  FIELD_END.lastIndex = start;
  const stop = FIELD_END.exec(text)?.index ?? text.length;
  const value = text.slice(start, stop);
  if (value.includes('"')) throw inputError(at, `a quote inside the unquoted field ${quote(value)}`);
  return { value, end: stop, breaks: 0 };
}

function readQuoted(text: string, start: number, at: FieldContext): Field {
  let value = '';
  for (let index = start + 1; index < text.length; ) {
    const close = text.indexOf('"', index);
    if (close < 0) break;
    value += text.slice(index, close);
    if (text[close + 1] === '"') {
      value += '"';
      index = close + 2;
      continue;
    }
    if (close + 1 < text.length && !/[,\r\n]/.test(text[close + 1])) {
      throw inputError(at, 'text after the closing quote of a quoted field');
    }
    return { value, end: close + 1, breaks: (value.match(/\r\n|\r|\n/g) ?? []).length };
  }
  throw inputError(at, 'a quoted field is never closed');
}
