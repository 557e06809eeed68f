import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prepareOutputDir, writeFileAtomically } from '../input';
import { digestLine } from './digest';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';
import { renderOscal } from './render-oscal';
import { renderSarif } from './render-sarif';
import type { RunModel } from './run-model';

/** The names of the report files inside a reports directory. */
export const REPORT_FILES = {
  json: 'compliance.json',
  digest: 'compliance.json.sha256',
  html: 'compliance.html',
  junit: 'junit.xml',
  markdown: 'compliance.md',
  oscal: 'oscal-assessment-results.json',
  sarif: 'results.sarif',
} as const;

/** Every report file's name and content; pure. */
export function renderReports(model: RunModel): ReadonlyMap<string, string> {
  const json = renderJson(model);
  return new Map([
    [REPORT_FILES.json, json],
    [REPORT_FILES.digest, digestLine(json, REPORT_FILES.json)],
    [REPORT_FILES.html, renderHtml(model)],
    [REPORT_FILES.junit, renderJunit(model)],
    [REPORT_FILES.markdown, renderMarkdown(model)],
    [REPORT_FILES.oscal, renderOscal(model)],
    [REPORT_FILES.sarif, renderSarif(model)],
  ]);
}

/**
 * Writes every report into `dir` and returns their paths. Synchronous on purpose: it must also
 * work from a process 'exit' handler after a crash. Each file is written to a temporary name and
 * renamed, so a reader never sees half a report. `dir` must be a folder, or creatable, and not
 * a symbolic link (see prepareOutputDir: a command given --follow-symlinks passes the real path).
 */
export function writeReports(model: RunModel, dir: string): string[] {
  const folder = prepareOutputDir(dir);
  const files = renderReports(model);
  return withReportsLock(folder, () =>
    [...files].map(([name, content]) => {
      const path = join(folder, name);
      writeFileAtomically(path, content);
      return path;
    }),
  );
}

const SLEEP = new Int32Array(new SharedArrayBuffer(4));
const STALE_LOCK_MS = 30_000;

/**
 * Two runs writing one reports folder take turns, so the JSON and its digest (and the other
 * files) always come from the same run. Synchronous, like writeReports; a lock left by a
 * crashed writer is taken over once stale, and after 15 s of waiting a writer goes ahead rather
 * than lose its report.
 */
function withReportsLock<T>(dir: string, write: () => T): T {
  const lock = join(dir, '.reports.lock');
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stale = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > STALE_LOCK_MS;
      if (stale || Date.now() > deadline) rmSync(lock, { force: true });
      else Atomics.wait(SLEEP, 0, 0, 20);
    }
  }
  try {
    return write();
  } finally {
    rmSync(lock, { force: true });
  }
}
