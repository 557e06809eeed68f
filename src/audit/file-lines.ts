import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { badInput } from '../errors';
import type { DumpLine } from './dump-lines';

/**
 * 64 KiB: a decoded chunk stays below V8's large-object size, so it dies in the young generation
 * once its lines are read. 1 MiB chunks went to the large-object space and piled up there until
 * a full GC: 200 MB of dead text at the peak of a 200,000-record list.
 */
const CHUNK = 1 << 16;

/**
 * The lines of a dump file, read a chunk at a time, numbered and trimmed as dumpLines does
 * (CRLF, lone CR, a leading BOM). A 200,000-record list is about 200 MB; read this way it never
 * sits in memory whole. Lines are cut from the decoded chunk; the parsers copy what they keep
 * (see `own`), so no chunk outlives its lines. Only a regular file is read: a FIFO or /dev/zero
 * would never end.
 */
export function* fileLines(file: string, maxLineBytes = 1 << 20, chunkBytes = CHUNK): Generator<DumpLine> {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) throw badInput(`cannot read ${file}: ENOENT`, { file });
  if (!stats.isFile())
    throw badInput(`cannot read ${file}: it is ${stats.isDirectory() ? 'a directory' : 'not a regular file'}`, {
      file,
    });
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(chunkBytes);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let number = 1;
    let first = true;
    for (let read = readSync(fd, chunk, 0, chunkBytes, null); ; read = readSync(fd, chunk, 0, chunkBytes, null)) {
      const atEnd = read === 0;
      let data = carry + (atEnd ? decoder.end() : decoder.write(chunk.subarray(0, read)));
      if (first && data.length > 0) {
        if (data.charCodeAt(0) === 0xfeff) data = data.slice(1);
        first = false;
      }
      const { lines, rest } = splitLines(data, atEnd);
      for (const text of lines) yield { number: number++, text };
      carry = rest;
      if (atEnd) break;
      if (carry.length > maxLineBytes)
        throw badInput(`${file}:${number}: a line longer than ${maxLineBytes} bytes; this is no FortiGate output`, {
          file,
          line: number,
        });
    }
    yield { number, text: carry.trim() }; // what follows the last line break
  } finally {
    closeSync(fd);
  }
}

/** The trimmed complete lines of a text and what follows the last line break. */
function splitLines(data: string, atEnd: boolean): { readonly lines: string[]; readonly rest: string } {
  const lines: string[] = [];
  let start = 0;
  if (!data.includes('\r')) {
    // The usual case, LF only: indexOf is several times faster than a regex over 200 MB.
    for (let end = data.indexOf('\n'); end >= 0; end = data.indexOf('\n', start)) {
      lines.push(data.slice(start, end).trim());
      start = end + 1;
    }
    return { lines, rest: data.slice(start) };
  }
  // A CR at the end may be the first half of a CRLF: it waits for the next chunk.
  const usable = !atEnd && data.endsWith('\r') ? data.length - 1 : data.length;
  const eol = /\r\n|\r|\n/g;
  for (let match = eol.exec(data); match && match.index < usable; match = eol.exec(data)) {
    lines.push(data.slice(start, match.index).trim());
    start = eol.lastIndex;
  }
  return { lines, rest: data.slice(start) };
}
