import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Log } from 'sarif';
import { packageFile } from '../package-root';
import { REPORT_FILES } from './report-files';

// `audit` goes through the same run model and report writer as a feature run: the same files.
test('audit/cli: writes every report file, OSCAL and SARIF included, findings at the dump file:line', () => {
  const reports = mkdtempSync(join(tmpdir(), 'ztna-audit-reports-'));
  const ran = spawnSync(
    process.execPath,
    [
      packageFile('bin', 'ztna-harness.js'),
      'audit',
      '--gateway',
      'test/fixtures/audit/ec-shm-list.txt',
      '--ems',
      'test/fixtures/audit/ems-export.csv',
      '--reports',
      reports,
    ],
    { cwd: packageFile(), encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(ran.status, 1, ran.stderr); // high findings
  for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(reports, file)), file);
  const sarif = JSON.parse(readFileSync(join(reports, REPORT_FILES.sarif), 'utf8')) as Log;
  const uris = sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
  assert.ok(
    uris.includes('test/fixtures/audit/ec-shm-list.txt') && uris.includes('test/fixtures/audit/ems-export.csv'),
    uris.join(' '),
  );
  const oscal = JSON.parse(readFileSync(join(reports, REPORT_FILES.oscal), 'utf8'))['assessment-results'];
  assert.ok(
    oscal.results[0].findings.some(
      (f: { target: { status: { state: string } } }) => f.target.status.state === 'not-satisfied',
    ),
  );
});
