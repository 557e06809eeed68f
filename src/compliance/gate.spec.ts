import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureIo } from '../../test/fixtures/report/capture-io';
import {
  decision,
  modelFrom,
  passingModel,
  SAMPLE_NOW,
  sampleModel,
  sampleScenarios,
  scenario,
} from '../../test/fixtures/report/sample-model';
import { gateCommand } from '../cli/gate-command';
import { evaluateGate } from './gate';
import { DEFAULT_GATE_POLICY, parseGatePolicy } from './gate-policy';
import { REPORT_FILES, writeReports } from './report-files';
import type { RunModel } from './run-model';

const policy = (yaml: string) => parseGatePolicy(yaml, 'gate.yaml');
const verdictOf = (model: RunModel, yaml?: string) =>
  evaluateGate(model, yaml === undefined ? DEFAULT_GATE_POLICY : policy(yaml), SAMPLE_NOW);

const FAILING = modelFrom([
  scenario('features/a.feature', 3, 'passed', ['IA-2'], { evidence: [decision('allow', 'ALLOW')] }),
  scenario('features/a.feature', 9, 'failed', ['IA-3']),
  scenario('features/a.feature', 15, 'not_applicable', ['AC-14']),
]);

// One case per criterion: what the policy says, and the unmet lines expected (empty = compliant).
const CASES: readonly { name: string; model: RunModel; policy?: string; unmet: readonly RegExp[] }[] = [
  { name: 'default/compliant', model: passingModel(), unmet: [] },
  {
    name: 'default/failure-and-failed-control',
    model: FAILING,
    unmet: [
      /^failures: 1 unwaived failing scenario, at most 0 allowed: features\/a\.feature:9 \(failed\)$/,
      /^control IA-3 .*: failed — 1 failed$/,
    ],
  },
  {
    name: 'waiver/control-covers-it-and-its-failing-scenarios',
    model: FAILING,
    policy:
      'waivers:\n  - control: IA-3\n    justification: device checks move to the wire target\n    approver: ciso\n    expires: 2026-12-31',
    unmet: [],
  },
  { name: 'maxFailures/allows-some', model: FAILING, policy: 'maxFailures: 1\nrequiredControls: [IA-2]', unmet: [] },
  {
    name: 'requiredControls/not-covered',
    model: passingModel(),
    policy: 'requiredControls: [IA-2, SC-12]',
    unmet: [/^control SC-12 .*: not covered — no scenario of this run carries it$/],
  },
  {
    name: 'requiredControls/not-applicable',
    model: passingModel(),
    policy: 'requiredControls: [AC-14]\nmaxFailures: 0',
    unmet: [],
  },
  {
    name: 'requiredControls/only-not-applicable',
    model: FAILING,
    policy: 'requiredControls: [AC-14]\nmaxFailures: 5',
    unmet: [/^control AC-14 .*: not applicable — every scenario carrying it was not applicable on this target$/],
  },
  {
    name: 'minAllowEvidence/number',
    model: passingModel(),
    policy: 'requiredControls: [IA-2]\nminAllowEvidence: 2',
    unmet: [/^control IA-2 .*: 1 allow decision evidence it, at least 2 required$/],
  },
  {
    name: 'minDenyEvidence/per-control',
    model: passingModel(),
    policy: 'minDenyEvidence:\n  IA-3: 1\n  IA-5(2): 2',
    unmet: [/^control IA-5\(2\) .*: 1 deny decision evidence it, at least 2 required$/],
  },
  {
    name: 'minDenyEvidence/met',
    model: passingModel(),
    policy: 'minDenyEvidence: { IA-3: 1 }\nminAllowEvidence: { AC-3: 1 }',
    unmet: [],
  },
  {
    name: 'waiver/scenario-by-id',
    model: FAILING,
    policy:
      'waivers:\n  - scenario: features/a.feature:9\n    justification: known FortiOS 7.2 behaviour\n    approver: sec-lead\n    expires: 2026-03-01',
    unmet: [],
  },
  {
    name: 'waiver/scenario-by-name',
    model: FAILING,
    policy:
      'waivers:\n  - scenario: scenario at line 9\n    justification: known FortiOS 7.2 behaviour\n    approver: sec-lead\n    expires: 2026-03-01T23:00:00Z',
    unmet: [],
  },
  {
    name: 'waiver/expired-does-not-count',
    model: FAILING,
    policy:
      'waivers:\n  - scenario: features/a.feature:9\n    justification: known FortiOS 7.2 behaviour\n    approver: sec-lead\n    expires: 2026-02-28',
    unmet: [/^failures: 1/, /^control IA-3/],
  },
  {
    name: 'run-errors',
    model: modelFrom(passingModel().scenarios, {
      errors: [{ source: 'BeforeAll hook (steps/hooks.ts:3)', message: 'port in use\nstack' }],
    }),
    unmet: [/^run error: BeforeAll hook \(steps\/hooks\.ts:3\): port in use$/],
  },
  {
    name: 'no-scenarios/fails-by-default',
    model: modelFrom([]),
    unmet: [/^no scenario: the report holds no scenario/],
  },
  {
    name: 'no-scenarios/fails-with-a-policy-that-requires-nothing',
    model: modelFrom([]),
    policy: 'maxFailures: 3',
    unmet: [/^no scenario:/],
  },
  { name: 'no-scenarios/allowed-explicitly', model: modelFrom([]), policy: 'allowNoScenarios: true', unmet: [] },
  {
    name: 'sample/everything-at-once',
    model: sampleModel(),
    unmet: [
      /^run error: AfterAll/,
      /^failures: 4 unwaived failing scenarios/,
      /^control IA-5\(2\) .*: incomplete — 1 skipped$/,
      /^control AC-14 .*: failed — 1 failed$/,
      /^control SC-12 .*: failed — 1 failed$/,
      /^control SC-17 .*: incomplete — 1 undefined$/,
      /^control CM-6 .*: incomplete — 1 pending$/,
    ],
  },
];

for (const { name, model, policy: yaml, unmet } of CASES) {
  test(`gate/${name}`, () => {
    const verdict = verdictOf(model, yaml);
    assert.equal(verdict.unmet.length, unmet.length, verdict.unmet.join('\n'));
    for (const [i, pattern] of unmet.entries()) assert.match(verdict.unmet[i]!, pattern);
    assert.equal(verdict.compliant, unmet.length === 0);
  });
}

test("gate: the report's own waiver marks are replaced by the policy's", () => {
  const verdict = verdictOf(sampleModel());
  assert.equal(verdict.model.summary.counts.waived, 0, 'no policy, no waivers');
  assert.ok(verdict.unmet.some((line) => line.includes('features/empty-cert.feature:30')));
});

test('gate: waived results are listed apart', () => {
  const verdict = verdictOf(
    FAILING,
    'waivers:\n  - scenario: features/a.feature:9\n    justification: known FortiOS 7.2 behaviour\n    approver: sec-lead\n    expires: 2026-12-31\n  - control: SC-12\n    justification: rotation lands next sprint\n    approver: ciso\n    expires: 2026-01-01',
  );
  assert.deepEqual(verdict.waived, [
    'scenario features/a.feature:9 (failed) waived by sec-lead until 2026-12-31: known FortiOS 7.2 behaviour',
  ]);
  assert.deepEqual(verdict.expired, ['control SC-12 (expired 2026-01-01, not counted)']);
});

const UNMATCHED =
  'waivers:\n  - scenario: features/a.feature:99\n    justification: a scenario that was renamed\n    approver: sec-lead\n    expires: 2026-12-31\n  - control: SC-12\n    justification: no scenario carries it\n    approver: ciso\n    expires: 2026-12-31';

test('gate: a waiver that matches nothing is a warning, and unmet under --strict', () => {
  const lenient = evaluateGate(passingModel(), policy(UNMATCHED), SAMPLE_NOW);
  assert.deepEqual(lenient.warnings, [
    'waiver matches nothing in this report: scenario features/a.feature:99',
    'waiver matches nothing in this report: control SC-12',
  ]);
  assert.equal(lenient.compliant, true);
  const strict = evaluateGate(passingModel(), policy(UNMATCHED), SAMPLE_NOW, { strict: true });
  assert.equal(strict.compliant, false);
  assert.deepEqual(strict.unmet, lenient.warnings);
});

function workspace(model: RunModel, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-gate-'));
  writeReports(model, join(dir, 'reports'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const REPORT = `reports/${REPORT_FILES.json}`;
const CLI_CASES: readonly {
  name: string;
  model: RunModel;
  args: string[];
  files?: Record<string, string>;
  code: number;
  stdout?: RegExp;
  stderr?: RegExp;
}[] = [
  {
    name: 'exit-0/compliant',
    model: passingModel(),
    args: [REPORT],
    code: 0,
    stdout: /^compliant \(4 scenarios, 3 passed, 0 waived\)\n$/,
  },
  {
    name: 'exit-1/not-compliant',
    model: FAILING,
    args: [REPORT],
    code: 1,
    stdout: /^unmet: failures: .*\nunmet: control IA-3 .*\nnot compliant: 2 unmet criteria/,
  },
  {
    name: 'exit-0/with-policy',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: { 'gate.yaml': 'requiredControls: [IA-2]\nmaxFailures: 1\n' },
    code: 0,
  },
  { name: 'exit-0/help', model: FAILING, args: ['--help'], code: 0, stdout: /^Usage: ztna-harness gate/ },
  {
    name: 'exit-2/missing-report',
    model: FAILING,
    args: ['nope.json'],
    code: 2,
    stderr: /^ztna-harness: \/.*\/nope\.json: cannot read the compliance report file: ENOENT\n$/,
  },
  {
    name: 'exit-2/no-report-argument',
    model: FAILING,
    args: [],
    code: 2,
    stderr: /expected one compliance report, got 0/,
  },
  {
    name: 'exit-2/unknown-option',
    model: FAILING,
    args: [REPORT, '--stric'],
    code: 2,
    stderr: /^ztna-harness: gate: Unknown option '--stric'/,
  },
  {
    name: 'exit-1/strict-unmatched-waiver',
    model: passingModel(),
    args: [REPORT, '--strict', '--policy', 'gate.yaml'],
    files: { 'gate.yaml': UNMATCHED },
    code: 1,
    stdout: /^unmet: waiver matches nothing in this report: scenario features\/a\.feature:99$/m,
  },
  {
    name: 'exit-0/unmatched-waiver-warns',
    model: passingModel(),
    args: [REPORT, '--policy', 'gate.yaml'],
    files: { 'gate.yaml': UNMATCHED },
    code: 0,
    stdout: /^warning: waiver matches nothing in this report: scenario features\/a\.feature:99\n/,
  },
  {
    name: 'exit-1/empty-run',
    model: modelFrom([]),
    args: [REPORT],
    code: 1,
    stdout: /^unmet: no scenario: .*\nnot compliant: 1 unmet criterion \(0 scenarios/,
  },
  {
    name: 'exit-1/insecure-target-said',
    model: modelFrom(FAILING.scenarios, { target: { kind: 'provisioned', url: 'https://fgt:9443', tlsVerify: false } }),
    args: [REPORT],
    code: 1,
    stdout: /^insecure: true: the run's target provisioned https:\/\/fgt:9443 was reached with TLS verification off\n/,
  },
  {
    name: 'exit-2/policy-approver-with-escape',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: {
      'gate.yaml':
        'waivers:\n  - control: IA-3\n    justification: device checks move\n    approver: "ciso\\e[2K\\rcompliant"\n    expires: 2026-12-31\n',
    },
    code: 2,
    stderr: /gate\.yaml:4:15: waivers\.0\.approver must be a non-empty approver without control characters\n$/,
  },
  {
    name: 'exit-2/policy-justification-with-newline',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: {
      'gate.yaml':
        'waivers:\n  - control: IA-3\n    justification: "fine\\ncompliant (9 scenarios)"\n    approver: ciso\n    expires: 2026-12-31\n',
    },
    code: 2,
    stderr: /gate\.yaml:3:20: waivers\.0\.justification must be a justification of at least 10 characters on one line/,
  },
  {
    name: 'exit-2/not-json',
    model: FAILING,
    args: ['bad.json'],
    files: { 'bad.json': '{\n  "modelVersion": 1,\n  oops\n}' },
    code: 2,
    stderr: /bad\.json:3:3: not valid JSON/,
  },
  {
    name: 'exit-2/schema-invalid-report',
    model: FAILING,
    args: ['r.json'],
    files: { 'r.json': '{\n  "modelVersion": 1,\n  "tool": {"name": "x", "version": 1}\n}' },
    code: 2,
    stderr: /r\.json:\d+:\d+: the compliance report is missing the required key "run"/,
  },
  {
    name: 'exit-2/other-model-version',
    model: FAILING,
    args: ['r.json'],
    files: { 'r.json': '{\n  "modelVersion": 7\n}' },
    code: 2,
    stderr: /r\.json:2:19: compliance report: model version 7; this ztna-harness reads version 1/,
  },
  {
    name: 'exit-2/policy-unknown-key',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: { 'gate.yaml': 'maxFailures: 0\nmaxFailure: 2\n' },
    code: 2,
    stderr:
      /gate\.yaml:2:1: unknown key "maxFailure" in the gate policy; expected one of: requiredControls, minAllowEvidence, minDenyEvidence, maxFailures, allowNoScenarios, waivers\n$/,
  },
  {
    name: 'exit-2/policy-bad-expiry',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: {
      'gate.yaml':
        'waivers:\n  - control: IA-3\n    justification: because reasons\n    approver: me\n    expires: next week\n',
    },
    code: 2,
    stderr: /gate\.yaml:5:14: waivers\.0\.expires must be a date \(YYYY-MM-DD\) or an ISO 8601 date-time/,
  },
  {
    name: 'exit-2/policy-unknown-control',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: { 'gate.yaml': 'requiredControls:\n  - IA-2\n  - IA-99\n' },
    code: 2,
    stderr: /gate\.yaml:3:5: gate policy: unknown control id "IA-99"/,
  },
  {
    name: 'exit-2/policy-yaml-syntax',
    model: FAILING,
    args: [REPORT, '--policy', 'gate.yaml'],
    files: { 'gate.yaml': 'requiredControls: [IA-2\n' },
    code: 2,
    stderr: /gate\.yaml:\d+:\d+: invalid YAML/,
  },
];

for (const { name, model, args, files, code, stdout, stderr } of CLI_CASES) {
  test(`gate-cli/${name}`, async () => {
    const dir = workspace(model, files);
    const streams = captureIo(dir, SAMPLE_NOW);
    assert.equal(await gateCommand(args, streams), code, streams.out() + streams.err());
    if (stdout) assert.match(streams.out(), stdout);
    if (stderr) assert.match(streams.err(), stderr);
    assert.ok(!streams.err().includes('    at '), 'no stack trace');
  });
}

test('gate-cli/exit-2/digest-mismatch', async () => {
  const dir = workspace(passingModel());
  writeFileSync(
    join(dir, REPORT),
    `${JSON.stringify({ ...passingModel(), summary: { ...passingModel().summary } }, null, 1)}\n`,
  );
  const streams = captureIo(dir, SAMPLE_NOW);
  assert.equal(await gateCommand([REPORT], streams), 2);
  assert.match(streams.err(), /does not match its digest/);
});

test('gate: sample scenarios exist for every status', () => {
  assert.equal(new Set(sampleScenarios().map((s) => s.status)).size, 6);
});
