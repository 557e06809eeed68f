/**
 * Whole pipeline: `npm start` (ztna-harness run over features/ and scenarios/) must leave all
 * five report files; the JSON must match its schema and digest, the JUnit the JUnit XSD.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { loadReport, REPORT_FILES } from '../../src/compliance';
import { packageFile } from '../../src/package-root';
import { validateJunit } from '../fixtures/report/xmllint';
import { skipUnlessInstalled } from '../required-program';

const reportsDir = mkdtempSync(join(tmpdir(), 'ztna-npm-start-'));
let run: ReturnType<typeof spawnSync>;

before(() => {
  run = spawnSync('npm', ['start', '--silent', '--', '--reports', reportsDir], {
    cwd: packageFile(),
    encoding: 'utf8',
    timeout: 300_000,
  });
});

test('npm start: writes all five report files', () => {
  const missing = Object.values(REPORT_FILES).filter((file) => !existsSync(join(reportsDir, file)));
  const wired = readFileSync(packageFile('cucumber.cjs'), 'utf8').includes('src/cucumber/formatter');
  assert.deepEqual(
    missing,
    [],
    wired
      ? `npm start exited ${run.status} without writing ${missing.join(', ')}:\n${String(run.stderr).slice(-2000)}`
      : `cucumber.cjs does not load the report formatter; add ['./src/cucumber/formatter.cjs', 'reports/formatter.log'] to format and { ztna: { reportsDir } } to formatOptions`,
  );
});

test('npm start: the JSON validates against its schema and digest', () => {
  const model = loadReport(join(reportsDir, REPORT_FILES.json));
  assert.ok(model.scenarios.length > 0);
  assert.equal(model.tool.name, 'ztna-harness');
});

test('npm start: the JUnit validates against the JUnit XSD', (t) => {
  const result = validateJunit(join(reportsDir, REPORT_FILES.junit));
  if (result.missing)
    return t.skip(skipUnlessInstalled(false, 'xmllint', 'apt-get install libxml2-utils') || undefined);
  assert.ok(result.ok, result.output);
});
