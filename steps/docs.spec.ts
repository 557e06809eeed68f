import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderStepDocs } from './docs';
import { STEP_LIBRARY } from './library';

test('docs/steps.md is what the step library renders (run `npm run docs:steps` after changing a step)', () => {
  assert.equal(readFileSync(join(__dirname, '..', 'docs', 'steps.md'), 'utf8'), renderStepDocs());
});

test('every step has a summary and an example that starts with its keyword', () => {
  const patterns = new Set<string>();
  for (const step of STEP_LIBRARY.flatMap((g) => g.steps)) {
    assert.ok(!patterns.has(step.pattern), `duplicate pattern ${step.pattern}`);
    patterns.add(step.pattern);
    assert.ok(step.summary.length > 10, step.pattern);
    assert.ok(step.example.startsWith(`${step.keyword} `), step.example);
  }
});

test('every documented example matches exactly one step (cucumber dry run)', async () => {
  const { loadConfiguration, runCucumber } = await import('@cucumber/cucumber/api');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { PassThrough } = await import('node:stream');
  const dir = mkdtempSync(join(tmpdir(), 'ztna-steps-'));
  const examples = STEP_LIBRARY.flatMap((g) => g.steps).map((s) => `    ${s.example.replace(/\n/g, '\n    ')}`);
  writeFileSync(
    join(dir, 'examples.feature'),
    `Feature: documented examples\n  Scenario: every example\n${examples.join('\n')}\n`,
  );
  const root = join(__dirname, '..');
  const { runConfiguration } = await loadConfiguration(
    {
      provided: {
        paths: [join(dir, 'examples.feature')],
        dryRun: true,
        format: [],
        requireModule: ['ts-node/register'],
        require: [join(root, 'steps', 'index.ts')],
      },
    },
    { cwd: dir },
  );
  const stdout = new PassThrough();
  const bad: string[] = [];
  await runCucumber(runConfiguration, { cwd: dir, stdout, stderr: stdout }, (message) => {
    const status = message.testStepFinished?.testStepResult.status;
    if (status && status !== 'SKIPPED' && status !== 'PASSED') bad.push(status);
  });
  assert.deepEqual(bad, [], 'an example is undefined or ambiguous');
});
