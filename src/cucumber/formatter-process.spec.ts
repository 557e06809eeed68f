import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { type CucumberOutcome, runCucumberProcess } from '../../test/fixtures/report/cucumber-process';
import { loadReport, REPORT_FILES, type RunModel } from '../compliance';

let crash: CucumberOutcome;
let unknown: CucumberOutcome;
before(async () => {
  [crash, unknown] = await Promise.all([
    runCucumberProcess('test/fixtures/report/crash/crash.feature', { ZTNA_FIXTURE_CRASH: '1' }),
    runCucumberProcess('test/fixtures/report/unknown/unknown-control.feature'),
  ]);
});

const scenarioAt = (model: RunModel, line: number) => model.scenarios.find((s) => s.location.line === line)!;

test('crash: a process that dies mid-run still leaves a valid report', () => {
  assert.equal(crash.code, 70, crash.stderr);
  const model = loadReport(join(crash.reportsDir, REPORT_FILES.json));
  assert.equal(model.run.complete, false);
  assert.equal(model.run.finishedAt, null);
  assert.match(model.run.errors.map((e) => e.message).join('\n'), /ended before cucumber reported it finished/);
  assert.equal(model.summary.outcome, 'failed');
  for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(crash.reportsDir, file)), file);
});

for (const [line, status, message] of [
  [4, 'passed', null],
  [8, 'failed', /ended before this scenario finished/],
  [13, 'skipped', /not run: the run ended before this scenario started/],
] as const) {
  test(`crash/scenario at line ${line} is reported ${status}`, () => {
    const scenario = scenarioAt(loadReport(join(crash.reportsDir, REPORT_FILES.json)), line);
    assert.equal(scenario.status, status);
    if (message) assert.match(scenario.message ?? '', message);
  });
}

test('crash: the crashed scenario names the step in progress', () => {
  const scenario = scenarioAt(loadReport(join(crash.reportsDir, REPORT_FILES.json)), 8);
  assert.deepEqual(scenario.failingStep, {
    keyword: 'When',
    text: 'the process crashes',
    location: 'test/fixtures/report/crash/crash.feature:10',
  });
});

test('unknown control: the run stops before anything runs, naming the tag and its place', () => {
  assert.notEqual(unknown.code, 0);
  assert.match(
    unknown.stderr,
    /unknown control id not in .*catalog\.yaml: IA-55 \(test\/fixtures\/report\/unknown\/unknown-control\.feature:3:17\)/,
  );
  const model = JSON.parse(readFileSync(join(unknown.reportsDir, REPORT_FILES.json), 'utf8')) as RunModel;
  assert.deepEqual(model.scenarios, []);
  assert.equal(model.summary.outcome, 'failed');
  assert.equal(model.run.errors[0]?.source, 'control tags');
});
