import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestLine } from './digest';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';
import type { RunModel } from './run-model';

/** The names of the report files inside a reports directory. */
export const REPORT_FILES = {
  json: 'compliance.json',
  digest: 'compliance.json.sha256',
  html: 'compliance.html',
  junit: 'junit.xml',
  markdown: 'compliance.md',
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
  ]);
}

/**
 * Writes every report into `dir` and returns their paths. Synchronous on purpose: it must also
 * work from a process 'exit' handler after a crash. Each file is written to a temporary name and
 * renamed, so a reader never sees half a report.
 */
export function writeReports(model: RunModel, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return [...renderReports(model)].map(([name, content]) => {
    const path = join(dir, name);
    writeAtomically(path, content);
    return path;
  });
}

/** Writes `content` to `path` through a temporary file in the same directory and a rename. */
export function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
