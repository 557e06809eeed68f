import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { type CucumberOutcome, runCucumberProcess } from '../../test/fixtures/report/cucumber-process';
import { assertGolden } from '../../test/fixtures/report/golden';
import { projectionOf } from '../../test/fixtures/report/projection';
import { mergeReports } from './merge-reports';
import { REPORT_FILES } from './report-files';
import { loadReport } from './report-loader';

const FEATURES = 'test/fixtures/report/features/*.feature';
let shards: CucumberOutcome[];

before(async () => {
  shards = await Promise.all(
    ['1/2', '2/2'].map((shard) => runCucumberProcess(FEATURES, { ZTNA_FIXTURE_SHARD: shard })),
  );
});

test('shards: each cucumber --shard run reports only its own scenarios', () => {
  const counts = shards.map((shard) => loadReport(join(shard.reportsDir, REPORT_FILES.json)).scenarios.length);
  assert.ok(
    counts.every((n) => n > 0),
    `${counts}`,
  );
  assert.equal(counts[0]! + counts[1]!, 11);
});

test('shards: merging them gives the report of the whole run', () => {
  const merged = mergeReports(
    shards.map((shard, i) => ({
      file: `shard-${i + 1}`,
      model: loadReport(join(shard.reportsDir, REPORT_FILES.json)),
    })),
  );
  assert.equal(merged.run.shards.length, 2);
  // The same golden file as the single in-process run of the fixtures (formatter.spec.ts).
  assertGolden('formatter-run.json', projectionOf(merged));
});
