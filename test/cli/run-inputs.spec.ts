/**
 * What `run` is given on its command line: paths are paths (never glob patterns), a run that
 * selects no scenario fails, an unknown @control: id names its feature file:line, and the
 * reports folder must be a folder (a symbolic link only with --follow-symlinks).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const FEATURE = join(ROOT, 'features', 'ca-separation.feature');
const dir = mkdtempSync(join(tmpdir(), 'ztna-run-inputs-'));

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/ztna-harness.js', 'run', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
const oneLine = (stderr: string): string => {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${stderr}`);
  return lines[0]!;
};

describe('run: command-line inputs', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('paths/glob-characters-are-literal', { timeout: 120_000 }, () => {
    const names = ['lab[prod].feature', 'a\\b.feature', 'sp ace "q" +(x) @(y).feature'];
    for (const name of names) copyFileSync(FEATURE, join(dir, name));
    const yaml = join(dir, 'lab [prod] "x".yaml');
    copyFileSync(join(ROOT, 'scenarios', 'fabric-faults.yaml'), yaml);
    const reports = join(dir, 'reports-literal');
    const r = run(...names.map((n) => join(dir, n)), yaml, '--reports', reports);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const files = new Set(
      (
        JSON.parse(readFileSync(join(reports, 'compliance.json'), 'utf8')) as {
          scenarios: { location: { file: string } }[];
        }
      ).scenarios.map((s) => s.location.file.split('/').at(-1)),
    );
    assert.deepEqual([...files].sort(), [...names, 'lab [prod] "x".yaml'].sort());
  });

  test('paths/backslash-that-would-match-a-sibling-is-refused', { timeout: 30_000 }, () => {
    const sub = join(dir, 'siblings');
    mkdirSync(sub);
    copyFileSync(FEATURE, join(sub, 'a\\b.feature'));
    copyFileSync(FEATURE, join(sub, 'a_b.feature'));
    const r = run(join(sub, 'a\\b.feature'), '--reports', join(dir, 'r-siblings'));
    assert.equal(r.status, 2, r.stderr);
    assert.match(oneLine(r.stderr), /cannot run .*a\\b\.feature alone: .* a_b\.feature beside it would run too/);
  });

  test('zero-scenarios/fails-with-exit-2', { timeout: 120_000 }, () => {
    const r = run(FEATURE, '--tags', '@no-such-tag', '--reports', join(dir, 'r-empty'));
    assert.equal(r.status, 2, r.stderr);
    assert.equal(
      oneLine(r.stderr),
      'ztna-harness: run: no scenario ran: the paths given with --tags "@no-such-tag" select none; a run that checks nothing does not pass',
    );
  });

  test('unknown-control-id/names-the-feature-file-line-col', { timeout: 120_000 }, () => {
    const file = join(dir, 'unknown-control.feature');
    writeFileSync(file, readFileSync(FEATURE, 'utf8').replace(/@control:[^\s]+/, '@control:ZZ-99'));
    const r = run(file, '--reports', join(dir, 'r-unknown'));
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      oneLine(r.stderr),
      /^ztna-harness: .*unknown-control\.feature:1:1: unknown control id not in .*catalog\.yaml: ZZ-99 /,
    );
  });

  test('insecure-target/said-on-stdout-and-in-run-log', { timeout: 120_000 }, () => {
    const target = join(dir, 'insecure.yaml');
    writeFileSync(
      target,
      'name: insecure\nurl: https://127.0.0.1:9/\ninsecure: true\ntimeout-seconds: 1\nidentities: static\n',
    );
    const reports = join(dir, 'r-insecure');
    const r = run(FEATURE, '--target', target, '--reports', reports);
    assert.match(
      r.stdout,
      /^insecure: true: TLS verification of https:\/\/127\.0\.0\.1:9\/ is off \(the target file says insecure: true\)\n/,
    );
    assert.match(
      readFileSync(join(reports, 'run.log'), 'utf8'),
      /; insecure: true \(TLS verification of https:\/\/127\.0\.0\.1:9\/ was off\); reports in /,
    );
    assert.match(readFileSync(join(reports, 'junit.xml'), 'utf8'), /<property name="insecure" value="true"\/>/);
  });

  test('reports/an-existing-file-is-bad-input', { timeout: 30_000 }, () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine\n');
    const r = run(FEATURE, '--reports', file);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(oneLine(r.stderr), `ztna-harness: ${file}: the output folder exists and is not a folder`);
    assert.equal(readFileSync(file, 'utf8'), 'mine\n');
  });

  test('reports/a-symbolic-link-only-with-follow-symlinks', { timeout: 120_000 }, () => {
    const real = join(dir, 'elsewhere');
    mkdirSync(real);
    const link = join(dir, 'reports-link');
    symlinkSync(real, link);
    const refused = run(FEATURE, '--reports', link);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(oneLine(refused.stderr), /reports-link: the output folder is a symbolic link; .*--follow-symlinks/);
    assert.equal(existsSync(join(real, 'compliance.json')), false);
    const followed = run(FEATURE, '--reports', link, '--follow-symlinks');
    assert.equal(followed.status, 0, followed.stderr);
    assert.ok(existsSync(join(real, 'compliance.json')));
  });
});
