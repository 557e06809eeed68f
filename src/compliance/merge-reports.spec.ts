import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIo } from '../../test/fixtures/report/capture-io';
import {
  modelFrom,
  SAMPLE_NOW,
  SAMPLE_WAIVERS,
  sampleModel,
  sampleScenarios,
} from '../../test/fixtures/report/sample-model';
import { reportCommand } from '../cli/report-command';
import { mergeReports, type ShardReport } from './merge-reports';
import { REPORT_FILES, renderReports, writeReports } from './report-files';
import { loadReport } from './report-loader';
import type { RunModel } from './run-model';
import { applyWaivers } from './waivers';

// Two shards of the sample run: even and odd scenarios, each with its own run id and times.
function shards(): ShardReport[] {
  const all = sampleScenarios();
  return [0, 1].map((index) => {
    const scenarios = all.filter((_, i) => i % 2 === index);
    const run = {
      id: `shard-${index}`,
      startedAt: `2026-03-01T10:0${index}:00.000Z`,
      finishedAt: `2026-03-01T10:0${index}:30.000Z`,
    };
    const model = applyWaivers(
      modelFrom(scenarios, {
        ...run,
        shards: [{ runId: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt }],
      }),
      SAMPLE_WAIVERS,
      SAMPLE_NOW,
    );
    return { file: `reports-${index}/compliance.json`, model };
  });
}

test('merge: joins shards into the report a single run would give', () => {
  const merged = mergeReports(shards());
  const single = sampleModel();
  assert.deepEqual(merged.scenarios, single.scenarios);
  assert.deepEqual(merged.controls, single.controls);
  assert.deepEqual(merged.summary.counts, single.summary.counts);
  assert.deepEqual(merged.waivers.map((w) => w.state).sort(), ['applied', 'expired']);
  assert.deepEqual(
    merged.run.shards.map((s) => s.runId),
    ['shard-0', 'shard-1'],
  );
  assert.equal(merged.run.startedAt, '2026-03-01T10:00:00.000Z');
  assert.equal(merged.run.finishedAt, '2026-03-01T10:01:30.000Z');
});

test('merge: deterministic, whatever the shard order', () => {
  const [a, b] = shards();
  assert.deepEqual(renderReports(mergeReports([a!, b!])), renderReports(mergeReports([a!, b!])));
  assert.equal(mergeReports([a!, b!]).run.id, mergeReports([b!, a!]).run.id);
});

const changed = (change: (model: RunModel) => RunModel): ShardReport[] => {
  const [a, b] = shards();
  return [a!, { ...b!, model: change(b!.model) }];
};

for (const [name, input, message] of [
  [
    'tool-version',
    changed((m) => ({ ...m, tool: { ...m.tool, version: '0.2.0' } })),
    /reports-1\/compliance\.json is from a different tool \(ztna-harness 0\.2\.0\) than reports-0\/compliance\.json \(ztna-harness 0\.1\.0\)/,
  ],
  [
    'feature-set',
    changed((m) => ({ ...m, inputs: { ...m.inputs, featureSetDigest: 'f'.repeat(64) } })),
    /different feature set/,
  ],
  [
    'catalog',
    changed((m) => ({ ...m, inputs: { ...m.inputs, catalog: { ...m.inputs.catalog, sha256: '0'.repeat(64) } } })),
    /different control catalog/,
  ],
  [
    'target',
    changed((m) => ({ ...m, run: { ...m.run, target: { kind: 'wire', url: 'https://x', tlsVerify: true } } })),
    /different target/,
  ],
  [
    'duplicate-scenario',
    [shards()[0]!, { ...shards()[0]!, file: 'again.json' }],
    /scenario features\/empty-cert\.feature:6 is in both reports-0\/compliance\.json and again\.json/,
  ],
  ['no-shards', [], /no shard reports given/],
] as const) {
  test(`merge/refuses/${name}`, () =>
    assert.throws(
      () => mergeReports(input),
      (error: Error) => {
        assert.match(error.message, message);
        return true;
      },
    ));
}

test('report-cli/merge: writes every renderer and one digest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-merge-'));
  for (const [i, shard] of shards().entries()) writeReports(shard.model, join(dir, `reports-${i}`));
  const streams = captureIo(dir, SAMPLE_NOW);
  const code = await reportCommand(
    ['merge', 'reports-0/compliance.json', 'reports-1/compliance.json', '--out', 'merged'],
    streams,
  );
  assert.equal(code, 0, streams.err());
  assert.match(streams.out(), /^merged 2 shards \(9 scenarios, 3 failures, 1 waived, failed\) into merged\n$/);
  for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(dir, 'merged', file)), file);
  const merged = loadReport(join(dir, 'merged', REPORT_FILES.json));
  assert.equal(merged.run.shards.length, 2);
  assert.match(readFileSync(join(dir, 'merged', REPORT_FILES.digest), 'utf8'), /^[0-9a-f]{64} {2}compliance\.json\n$/);
});

for (const [name, args, code, pattern] of [
  ['help', ['--help'], 0, /^Usage: ztna-harness report merge/],
  ['merge-help', ['merge', '--help'], 0, /^Usage: ztna-harness report merge/],
  ['no-subcommand', [], 2, /^Usage/],
  ['unknown-subcommand', ['join'], 2, /^ztna-harness: report: unknown subcommand "join"; expected merge/],
  ['no-out', ['merge', 'a.json'], 2, /^ztna-harness: report merge: --out <dir> is required/],
  ['no-shards', ['merge', '--out', 'x'], 2, /^ztna-harness: report merge: expected at least one shard report/],
  [
    'missing-shard',
    ['merge', 'nope/compliance.json', '--out', 'x'],
    2,
    /nope\/compliance\.json: cannot read the compliance report file: ENOENT\n$/,
  ],
] as const) {
  test(`report-cli/${name}`, async () => {
    const streams = captureIo(mkdtempSync(join(tmpdir(), 'ztna-merge-')), SAMPLE_NOW);
    assert.equal(await reportCommand([...args], streams), code);
    assert.match(streams.out() + streams.err(), pattern);
  });
}
