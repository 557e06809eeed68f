import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { badInput, HarnessError, type SourceLocation } from '../errors';
import type { FileKind } from './limits';

/**
 * The bytes of a regular file of at most `kind.maxBytes`. A directory, a device (/dev/zero) or
 * a FIFO is refused before reading, since reading those never ends or blocks until a writer
 * comes (the file is opened non-blocking so that even opening a FIFO cannot wait); a file that
 * grows after the check is read no further than the bound. `at` is where the file was named
 * (a key of a target file) and `shown` how it was named there; by default the error names the
 * file itself.
 */
export function readRegularFile(file: string, kind: FileKind, at: SourceLocation = { file }, shown = file): Buffer {
  const fail = (message: string, cause?: unknown) =>
    badInput(`cannot read the ${kind.what} file${at.file === file ? '' : ` ${shown}`}: ${message}`, at, cause);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw fail((cause as NodeJS.ErrnoException).code ?? (cause as Error).message, cause);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw fail(`it is ${stats.isDirectory() ? 'a directory' : 'not a regular file'}`);
    if (stats.size > kind.maxBytes)
      throw badInput(`the ${kind.what} file is ${stats.size} bytes; at most ${kind.maxBytes} are read`, at);
    const buffer = Buffer.alloc(Math.min(stats.size, kind.maxBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > kind.maxBytes)
      throw badInput(
        `the ${kind.what} file is more than ${kind.maxBytes} bytes; at most ${kind.maxBytes} are read`,
        at,
      );
    return buffer.subarray(0, length);
  } catch (cause) {
    throw cause instanceof HarnessError
      ? cause
      : fail((cause as NodeJS.ErrnoException).code ?? (cause as Error).message, cause);
  } finally {
    closeSync(fd);
  }
}

/** A regular file's text, strictly UTF-8: a bad byte is bad input at its line and column. */
export function readTextFile(file: string, kind: FileKind, at?: SourceLocation, shown?: string): string {
  return decodeUtf8(readRegularFile(file, kind, at, shown), file, kind.what);
}

/** Strict UTF-8 decoding; the error names the line and column of the first bad byte. */
export function decodeUtf8(bytes: Buffer, file: string, what: string): string {
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
        const column = firstBadByte(slice);
        throw badInput(
          `the ${what} file is not valid UTF-8 (bad byte 0x${slice[column]?.toString(16).padStart(2, '0')})`,
          { file, line, column: column + 1 },
        );
      }
      start = end + 1;
    }
  }
}

const decodes = (bytes: Buffer, stream: boolean): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
};

/**
 * The index of the first byte of `line` that strict decoding rejects. Being a valid prefix is
 * monotonic, so a binary search finds it in O(n log n): a long line with a bad byte at its end
 * stays fast (a linear scan of prefixes is quadratic and hangs on a 2 MB line).
 */
function firstBadByte(line: Buffer): number {
  if (decodes(line, true)) return Math.max(0, line.length - 1); // only the end is cut short
  let [good, bad] = [0, line.length];
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodes(line.subarray(0, middle), true)) good = middle;
    else bad = middle;
  }
  // The decoder notices a bad sequence at one of its later bytes: name the byte that starts it.
  const noticed = bad - 1;
  for (let start = noticed; start > Math.max(0, noticed - 4); start--)
    if (decodes(line.subarray(0, start), false)) return start;
  return noticed;
}
