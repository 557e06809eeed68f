import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { auditModel } from '../../test/fixtures/report/audit-model';
import { assertGolden } from '../../test/fixtures/report/golden';
import { passingModel, sampleModel } from '../../test/fixtures/report/sample-model';
import { renderSarif } from './render-sarif';

// The schema upload-sarif validates with (test/fixtures/sarif/README.md says where it is from).
const validate = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false })).compile(
  require('../../test/fixtures/sarif/sarif-schema-2.1.0.json'),
);

const MODELS = [
  { name: 'sample', model: sampleModel() },
  { name: 'passing', model: passingModel() },
  { name: 'audit', model: auditModel() },
];

// What upload-sarif rejects or cannot place (see render-sarif.ts for the documentation).
function assertUploadable(log: Log): void {
  assert.equal(log.version, '2.1.0');
  assert.ok(log.$schema);
  for (const run of log.runs) {
    assert.ok(run.tool.driver.name);
    const rules = run.tool.driver.rules ?? [];
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'rule ids are unique');
    for (const r of rules)
      if (r.properties?.['security-severity'] !== undefined)
        assert.ok(Number.isFinite(Number(r.properties['security-severity'])));
    for (const result of run.results ?? []) {
      assert.equal(rules[result.ruleIndex!]?.id, result.ruleId, 'ruleIndex points at the rule named by ruleId');
      const [loc] = result.locations ?? [];
      const artifact = loc?.physicalLocation?.artifactLocation;
      assert.ok(
        artifact?.uri && (artifact.uriBaseId || artifact.uri.startsWith('file:///')),
        'relative URI with a base, or a file URI',
      );
      assert.ok(!artifact.uri.startsWith('/') && !artifact.uri.startsWith('..'), artifact.uri);
      assert.ok((loc!.physicalLocation!.region?.startLine ?? 0) >= 1, 'startLine ≥ 1');
    }
  }
}

for (const { name, model } of MODELS) {
  const text = renderSarif(model);
  if (name !== 'audit') test(`golden/${name}/results.sarif`, () => assertGolden(`${name}/results.sarif`, text));
  test(`sarif/${name}: valid SARIF 2.1.0 that upload-sarif accepts`, () => {
    const log = JSON.parse(text) as Log;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    assertUploadable(log);
  });
}

test('sarif: a rule per control, a result per unpassed scenario at its file:line', () => {
  const model = sampleModel();
  const [run] = (JSON.parse(renderSarif(model)) as Log).runs;
  assert.deepEqual(
    run!.tool.driver.rules!.map((r) => r.id),
    model.controls.map((c) => c.id),
  );
  const results = run!.results!;
  const failing = model.scenarios.filter((s) => ['failed', 'undefined', 'pending'].includes(s.status));
  assert.deepEqual(
    results.map((r) => r.properties!.scenario),
    failing.map((s) => s.id),
  );
  const rotation = results.find((r) => r.properties!.scenario === 'features/revocation.feature:44')!;
  assert.equal(rotation.ruleId, 'SC-12');
  assert.equal(rotation.level, 'error');
  assert.deepEqual(rotation.locations![0]!.physicalLocation, {
    artifactLocation: { uri: 'features/revocation.feature', uriBaseId: '%SRCROOT%' },
    region: { startLine: 44 },
  });
  const waived = results.find((r) => r.properties!.scenario === 'features/empty-cert.feature:30')!;
  assert.equal(waived.suppressions![0]!.kind, 'external');
  assert.equal(results.find((r) => r.properties!.scenario === 'features/empty-cert.feature:22')!.level, 'warning');
});

test('sarif: a clean run has rules and no results', () => {
  const [run] = (JSON.parse(renderSarif(passingModel())) as Log).runs;
  assert.deepEqual(run!.results, []);
  assert.ok(run!.tool.driver.rules!.length > 0);
});

test('sarif: audit findings are results at the dump file:line, severity as level', () => {
  const [run] = (JSON.parse(renderSarif(auditModel())) as Log).runs;
  const at = (r: Result) =>
    `${r.ruleId} ${r.level} ${r.locations![0]!.physicalLocation!.artifactLocation!.uri}:${r.locations![0]!.physicalLocation!.region!.startLine}`;
  assert.deepEqual(run!.results!.map(at).sort(), [
    'finding:cert-sn-zero warning test/fixtures/audit/ec-shm-list.txt:25',
    'finding:endpoint-offline note test/fixtures/audit/ec-shm-list.txt:25',
    'finding:gateway-record-missing error test/fixtures/audit/ems-export.csv:5',
    'finding:record-out-of-sync warning test/fixtures/audit/ec-shm-list.txt:69',
    'finding:unregistered-endpoint-present error test/fixtures/audit/ec-shm-list.txt:44',
  ]);
  const rule = run!.tool.driver.rules!.find((r) => r.id === 'finding:unregistered-endpoint-present')!;
  assert.equal(rule.properties!['security-severity'], '8.0');
  assert.ok(!run!.results!.some((r) => r.properties?.scenario), 'audit checks are reported per finding, not per check');
});

/** The parts of a parsed log the spoilers below change. */
type Spoilable = { version: string; runs: { results: { message?: unknown; level?: string }[] }[] };

test('sarif: the schema check bites (a wrong version, a result without message, a bad level)', () => {
  for (const spoil of [
    (log: Spoilable) => {
      log.version = '2.0.0';
    },
    (log: Spoilable) => {
      delete log.runs[0]!.results[0]!.message;
    },
    (log: Spoilable) => {
      log.runs[0]!.results[0]!.level = 'fatal';
    },
  ]) {
    const log = JSON.parse(renderSarif(sampleModel()));
    spoil(log);
    assert.equal(validate(log), false, String(spoil));
  }
});
