import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { badInput } from '../errors';

/** Whether an output folder that is a symbolic link may be written through (`--follow-symlinks`). */
export interface OutputDirOptions {
  readonly followSymlinks?: boolean;
}

const reason = (cause: unknown): string => (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;

/** lstat, or undefined when nothing is there (also when a parent is a file: ENOTDIR). */
function lstatOrNone(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (cause) {
    if (['ENOENT', 'ENOTDIR'].includes((cause as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw cause;
  }
}

/**
 * Makes sure `dir` is a folder the harness may write into and returns the path to write to.
 * A folder the harness creates is created one level at a time, never through a symbolic link
 * (a link placed where it will be is refused, not followed); an existing `dir` that is a link is
 * refused unless `followSymlinks`, and then its real path is returned, so that every later write
 * goes to the folder the user agreed to. A path naming a file is bad input, not a crash.
 */
export function prepareOutputDir(dir: string, options: OutputDirOptions = {}): string {
  const path = resolve(dir);
  const stats = lstatOrNone(path);
  if (stats?.isSymbolicLink()) {
    if (!options.followSymlinks)
      throw badInput(
        'the output folder is a symbolic link; ztna-harness does not write through one unless told to (--follow-symlinks)',
        { file: dir },
      );
    let real: string;
    try {
      real = realpathSync(path);
    } catch (cause) {
      throw badInput(`the output folder is a symbolic link to nothing (${reason(cause)})`, { file: dir }, cause);
    }
    if (!statSync(real).isDirectory())
      throw badInput('the output folder is a symbolic link to something that is not a folder', { file: dir });
    return real;
  }
  if (stats) {
    if (!stats.isDirectory()) throw badInput('the output folder exists and is not a folder', { file: dir });
    return path;
  }
  createFolder(path, dir);
  return path;
}

// Missing ancestors first, each with a plain mkdir: mkdir never follows a link at the path it
// creates, so a link placed there in the meantime makes it fail and is then refused.
function createFolder(path: string, shown: string): void {
  const parent = dirname(path);
  if (parent !== path && !lstatOrNone(parent)) createFolder(parent, shown);
  try {
    mkdirSync(path, { mode: 0o755 });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST')
      throw badInput(`cannot create the output folder ${path}: ${reason(cause)}`, { file: shown }, cause);
    const now = lstatSync(path);
    if (now.isSymbolicLink() || !now.isDirectory())
      throw badInput(
        `${path} appeared as ${now.isSymbolicLink() ? 'a symbolic link' : 'a file'} while the output folder was being created`,
        { file: shown },
      );
  }
}

/**
 * Writes `content` to `path` through a temporary file of a random name in the same folder,
 * created exclusively (O_EXCL: a file or link pre-placed under that name makes it fail, and
 * is never written through) with `mode` from the start, then renamed over `path` (rename
 * replaces a link at `path` itself, never its target). A reader never sees half a file.
 */
export function writeFileAtomically(path: string, content: string | Uint8Array, mode = 0o644): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temporary, 'wx', mode);
    created = true;
    fchmodSync(fd, mode); // the umask may have narrowed (or, for keys, must not widen) the mode
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temporary, { force: true });
    throw error;
  }
}
