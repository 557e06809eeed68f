import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';

test('every step of every feature is defined exactly once (cucumber --dry-run)', async () => {
  const { loadConfiguration, runCucumber } = await import('@cucumber/cucumber/api');
  const root = join(__dirname, '..');
  const { runConfiguration } = await loadConfiguration({ provided: { dryRun: true } }, { cwd: root });
  runConfiguration.formats = { stdout: 'summary', files: {}, options: {}, publish: false };
  const problems: string[] = [];
  let steps = 0;
  const out = new PassThrough();
  await runCucumber(runConfiguration, { cwd: root, stdout: out, stderr: out }, (message) => {
    const status = message.testStepFinished?.testStepResult.status;
    if (status) steps++;
    if (status && status !== 'SKIPPED' && status !== 'PASSED') problems.push(status);
  });
  assert.ok(steps > 500, `only ${steps} steps were seen`);
  assert.deepEqual(problems, []);
});
