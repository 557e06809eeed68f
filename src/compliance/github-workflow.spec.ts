import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { packageFile } from '../package-root';
import { REPORT_FILES } from './report-files';

// The workflow `init` scaffolds: the steps that consume the report files must name them right.
const workflow = parse(readFileSync(packageFile('templates', 'github', 'workflows', 'ztna-harness.yml'), 'utf8'));
const job = workflow.jobs['ztna-harness'];
const step = (name: string) => job.steps.find((s: { name?: string }) => s.name === name);

test('workflow: uploads results.sarif with code-scanning permission', () => {
  const upload = step('Upload results.sarif to code scanning');
  assert.match(upload.uses, /^github\/codeql-action\/upload-sarif@/);
  assert.equal(upload.with.sarif_file, `reports/${REPORT_FILES.sarif}`);
  assert.equal(job.permissions['security-events'], 'write');
});

test('workflow: diffs a pull request against the main branch report and fails on a regression', () => {
  assert.match(
    step('What this change does to access').run,
    /ztna-harness report diff base-reports\/compliance\.json reports\/compliance\.json/,
  );
  assert.match(step("Fetch the main branch's last reports").run, /--branch main .*--name ztna-compliance-reports/s);
  assert.equal(step('Fail on a regression against the main branch').if, "steps.diff.outcome == 'failure'");
});

test('workflow: signs before uploading, only with a key from a secret', () => {
  const names = job.steps.map((s: { name?: string }) => s.name);
  assert.ok(names.indexOf('Sign the reports') < names.indexOf('Upload the compliance reports'));
  assert.equal(job.env.ZTNA_HARNESS_SIGNING_KEY, '${{ secrets.ZTNA_HARNESS_SIGNING_KEY }}');
});
