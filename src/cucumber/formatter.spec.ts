import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { before, test } from 'node:test';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { assertGolden } from '../../test/fixtures/report/golden';
import { projectionOf } from '../../test/fixtures/report/projection';
import { validateJunit } from '../../test/fixtures/report/xmllint';
import { skipUnlessInstalled } from '../../test/required-program';
import { digestLine, REPORT_FILES, REPORT_SCHEMA_FILE, type RunModel } from '../compliance';
import { schemaValidator } from '../input';
import { packageFile } from '../package-root';

const FIXTURES = 'test/fixtures/report';
const reportsDir = mkdtempSync(join(tmpdir(), 'ztna-formatter-'));
let model: RunModel;
let success: boolean;

before(async () => {
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: [`${FIXTURES}/features/*.feature`],
        require: [`${FIXTURES}/steps/*.ts`],
        requireModule: ['ts-node/register'],
        format: [['./src/cucumber/formatter.cjs', join(reportsDir, 'formatter.log')]],
        formatOptions: {
          ztna: {
            reportsDir,
            target: { kind: 'wire', url: 'https://fgt.test:9443', tlsVerify: false },
            scenarioFiles: [`${FIXTURES}/features/access.feature`, 'missing.yaml'],
          },
        },
      },
    },
    { cwd: packageFile() },
  );
  const quiet = new PassThrough().resume();
  ({ success } = await runCucumber(runConfiguration, { cwd: packageFile(), stdout: quiet, stderr: quiet }));
  model = JSON.parse(readFileSync(join(reportsDir, REPORT_FILES.json), 'utf8')) as RunModel;
});

const read = (file: string): string => readFileSync(join(reportsDir, file), 'utf8');

test('formatter: writes all five report files (and nothing half-written)', () => {
  assert.equal(success, false);
  for (const file of Object.values(REPORT_FILES)) assert.ok(existsSync(join(reportsDir, file)), file);
  assert.deepEqual(
    readdirSync(reportsDir).filter((file) => file.endsWith('.tmp')),
    [],
  );
  assert.equal(read(REPORT_FILES.digest), digestLine(read(REPORT_FILES.json), 'compliance.json'));
  assert.match(read('formatter.log'), /^ztna-harness compliance failed: 11 scenarios, 4 failures/);
});

test('formatter: the JSON validates against its schema and records the run', () => {
  const validate = schemaValidator(REPORT_SCHEMA_FILE);
  assert.ok(validate(model), JSON.stringify(validate.errors));
  assert.equal(model.tool.name, 'ztna-harness');
  assert.deepEqual(model.run.target, { kind: 'wire', url: 'https://fgt.test:9443', tlsVerify: false });
  assert.equal(model.run.complete, true);
  assert.equal(model.run.nodeVersion, process.version);
  assert.equal(model.inputs.features.length, 3);
  assert.equal(model.inputs.scenarioFiles[1]!.sha256, null, 'an unreadable scenario file is recorded, not fatal');
});

for (const [id, status, failing] of [
  ['access.feature:6', 'passed', null],
  ['access.feature:17', 'failed', 'Then the assertion about the key fails'],
  ['access.feature:22', 'undefined', 'When the laptop presents a certificate of site "CUSTOMER-TEST"'],
  ['applicability.feature:4', 'not_applicable', 'Given the target cannot express an empty certificate'],
  ['applicability.feature:8', 'pending', 'Given a pending setting'],
  ['applicability.feature:12', 'failed', 'Before hook'],
  ['applicability.feature:29', 'passed', null],
  ['hostile.feature:4', 'passed', null],
] as const) {
  test(`formatter/status/${id} is ${status}`, () => {
    const scenario = model.scenarios.find((s) => s.id === `${FIXTURES}/features/${id}`);
    assert.ok(scenario, `scenario ${id} is reported`);
    assert.equal(scenario.status, status);
    assert.equal(scenario.failingStep ? `${scenario.failingStep.keyword} ${scenario.failingStep.text}` : null, failing);
  });
}

test('formatter: allow and deny counts come from passed scenarios only', () => {
  const control = (id: string) => model.controls.find((c) => c.id === id)!;
  assert.deepEqual([control('IA-2').allowEvidence, control('IA-2').denyEvidence], [1, 0]);
  assert.deepEqual([control('AC-3').allowEvidence, control('AC-3').status], [1, 'failed']);
  assert.deepEqual([control('ZTA-T6').denyEvidence, control('ZTA-T6').scenarios.length], [2, 2]);
  assert.equal(control('AC-14').status, 'not_applicable');
});

test('formatter: hostile scenario and step text render as text in the HTML', () => {
  const page = read(REPORT_FILES.html);
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt; with &quot;double&quot; and &#39;single&#39; quotes'));
  assert.ok(
    page.includes(
      'a step with &lt;script&gt;alert(1)&lt;/script&gt; and &quot;quotes&quot; &amp; &#39;apostrophes&#39;',
    ),
  );
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.equal(page.match(/<script>/g)?.length, 1);
  assert.ok(!page.includes('<img'));
});

test('formatter: no private key material in any output', () => {
  const key = (globalThis as Record<symbol, { pem: string; derBase64: string; jwkD: string } | undefined>)[
    Symbol.for('ztna-harness.fixture-key')
  ];
  assert.ok(key, 'the fixture steps generated a key');
  const body = key.pem.split('\n').filter((line) => line && !line.startsWith('-----'));
  for (const file of readdirSync(reportsDir)) {
    const text = read(file);
    assert.doesNotMatch(text, /PRIVATE KEY/, file);
    for (const secret of [...body, key.derBase64, key.jwkD])
      assert.ok(!text.includes(secret), `${file} leaks key material`);
  }
});

test('formatter: the JUnit validates against the JUnit XSD', (t) => {
  const result = validateJunit(join(reportsDir, REPORT_FILES.junit));
  if (result.missing)
    return t.skip(skipUnlessInstalled(false, 'xmllint', 'apt-get install libxml2-utils') || undefined);
  assert.ok(result.ok, result.output);
});

test('formatter: golden projection of the run model', () => {
  assertGolden('formatter-run.json', projectionOf(model));
});
