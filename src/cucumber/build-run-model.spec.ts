import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog, REPORT_SCHEMA_FILE, type RunModel } from '../compliance';
import { schemaValidator } from '../input';
import { buildRunModel, type RunContext } from './build-run-model';
import type { Envelope, TestStepResult } from './envelope';
import { EVIDENCE_MEDIA_TYPE } from './evidence';
import { RunCollector } from './run-collector';

const ts = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
const URI = 'features/x.feature';

// One feature whose scenario at line L has steps at L+1 and L+2, tagged with `controls`.
function scenarioMessages(name: string, line: number, controls: readonly string[], hook = false): Envelope[] {
  const tags = controls.map((id, i) => ({
    id: `${name}-t${i}`,
    name: `@control:${id}`,
    location: { line: line - 1, column: 3 },
  }));
  const steps = [1, 2].map((n) => ({
    id: `${name}-s${n}`,
    keyword: n === 1 ? 'Given ' : 'Then ',
    text: `step ${n}`,
    location: { line: line + n },
  }));
  return [
    {
      pickle: {
        id: `${name}-p`,
        uri: URI,
        name,
        location: { line },
        astNodeIds: [`${name}-sc`],
        tags: tags.map((t) => ({ name: t.name, astNodeId: t.id })),
        steps: steps.map((s) => ({ id: `${s.id}-ps`, text: s.text, astNodeIds: [s.id] })),
      },
    },
    {
      testCase: {
        id: `${name}-tc`,
        pickleId: `${name}-p`,
        testSteps: [
          ...(hook ? [{ id: `${name}-h`, hookId: 'before-hook' }] : []),
          ...steps.map((s) => ({ id: `${s.id}-ts`, pickleStepId: `${s.id}-ps` })),
        ],
      },
    },
  ];
}

function documentOf(scenarios: readonly { name: string; line: number }[]): Envelope {
  return {
    gherkinDocument: {
      uri: URI,
      feature: {
        name: 'X',
        tags: [],
        location: { line: 1 },
        children: scenarios.map(({ name, line }) => ({
          scenario: {
            id: `${name}-sc`,
            name,
            tags: [],
            location: { line },
            examples: [],
            steps: [1, 2].map((n) => ({
              id: `${name}-s${n}`,
              keyword: n === 1 ? 'Given ' : 'Then ',
              text: `step ${n}`,
              location: { line: line + n },
            })),
          },
        })),
      },
    },
  };
}

const result = (status: TestStepResult['status'], message?: string): TestStepResult => ({
  status,
  duration: ts(3),
  message,
});
const started = (name: string, attempt = 0, at = 1000): Envelope => ({
  testCaseStarted: { id: `${name}-a${attempt}`, testCaseId: `${name}-tc`, attempt, timestamp: ts(at) },
});
const step = (
  name: string,
  stepId: string,
  status: TestStepResult['status'],
  attempt = 0,
  message?: string,
): Envelope => ({
  testStepFinished: {
    testCaseStartedId: `${name}-a${attempt}`,
    testStepId: stepId,
    testStepResult: result(status, message),
    timestamp: ts(1001),
  },
});
const finished = (name: string, attempt = 0, willBeRetried = false, at = 1010): Envelope => ({
  testCaseFinished: { testCaseStartedId: `${name}-a${attempt}`, timestamp: ts(at), willBeRetried },
});
const evidence = (name: string, data: object, attempt = 0): Envelope => ({
  attachment: {
    testCaseStartedId: `${name}-a${attempt}`,
    body: JSON.stringify(data),
    contentEncoding: 'IDENTITY',
    mediaType: EVIDENCE_MEDIA_TYPE,
  },
});
const verdict = (v: 'allow' | 'deny') => ({
  kind: 'decision',
  verdict: v,
  reason: v === 'allow' ? 'ALLOW' : 'POLICY_DENY',
  probe: { host: 'h', path: '/', userAgent: null },
});

const CONTEXT: RunContext = {
  tool: { name: 'ztna-harness', version: '0.0.0' },
  target: { kind: 'in-process', url: null, tlsVerify: true },
  gitCommit: null,
  nodeVersion: 'v20.0.0',
  scenarioFiles: [],
  catalog: { path: 'controls/catalog.yaml', sha256: '0'.repeat(64), controls: loadCatalog().controls },
  waivers: [],
  fallbackRunId: 'fallback-id',
};

function fold(envelopes: readonly Envelope[]): RunModel {
  const collector = new RunCollector();
  for (const envelope of envelopes) collector.accept(envelope);
  const model = buildRunModel(collector.snapshot(), CONTEXT, new Date(5000));
  const validate = schemaValidator(REPORT_SCHEMA_FILE);
  assert.ok(validate(model), JSON.stringify(validate.errors));
  return model;
}

const NAMES = ['pass', 'retry', 'crash', 'idle', 'ambig', 'na', 'hooked'] as const;
const LINES = Object.fromEntries(NAMES.map((name, i) => [name, 10 + i * 10]));
const preamble = (): Envelope[] => [
  { meta: { implementation: { name: 'cucumber-js', version: '12.9.0' } } },
  { source: { uri: URI, data: 'Feature: X\n' } },
  documentOf(NAMES.map((name) => ({ name, line: LINES[name]! }))),
  {
    hook: {
      id: 'before-hook',
      type: 'BEFORE_TEST_CASE',
      sourceReference: { uri: 'steps/hooks.ts', location: { line: 7 } },
    },
  },
  {
    hook: {
      id: 'all-hook',
      type: 'AFTER_TEST_RUN',
      sourceReference: { uri: 'steps/hooks.ts', location: { line: 20 } },
    },
  },
  ...NAMES.flatMap((name) =>
    scenarioMessages(name, LINES[name]!, name === 'pass' ? ['IA-2', 'AC-3'] : ['AC-3'], name === 'hooked'),
  ),
  { testRunStarted: { timestamp: ts(900), id: 'run-1' } },
];

const RUN: readonly Envelope[] = [
  ...preamble(),
  started('pass'),
  evidence('pass', verdict('allow')),
  step('pass', 'pass-s1-ts', 'PASSED'),
  evidence('pass', verdict('deny')),
  step('pass', 'pass-s2-ts', 'PASSED'),
  finished('pass'),
  started('retry'),
  evidence('retry', verdict('deny')),
  step('retry', 'retry-s1-ts', 'FAILED', 0, 'flaky'),
  finished('retry', 0, true),
  started('retry', 1),
  evidence('retry', verdict('allow'), 1),
  step('retry', 'retry-s1-ts', 'PASSED', 1),
  step('retry', 'retry-s2-ts', 'PASSED', 1),
  finished('retry', 1),
  started('ambig'),
  step('ambig', 'ambig-s1-ts', 'AMBIGUOUS', 0, 'Multiple step definitions match'),
  step('ambig', 'ambig-s2-ts', 'SKIPPED'),
  finished('ambig'),
  started('na'),
  evidence('na', { kind: 'not-applicable', reason: 'wire cannot send an empty certificate' }),
  step('na', 'na-s1-ts', 'SKIPPED'),
  step('na', 'na-s2-ts', 'SKIPPED'),
  finished('na'),
  started('hooked'),
  step('hooked', 'hooked-h', 'FAILED', 0, 'lab failed'),
  step('hooked', 'hooked-s1-ts', 'SKIPPED'),
  step('hooked', 'hooked-s2-ts', 'SKIPPED'),
  finished('hooked'),
  { testRunHookStarted: { id: 'rh-1', hookId: 'all-hook', timestamp: ts(2000) } },
  {
    testRunHookFinished: {
      testRunHookStartedId: 'rh-1',
      result: result('FAILED', 'server would not stop'),
      timestamp: ts(2001),
    },
  },
  started('crash'),
  step('crash', 'crash-s1-ts', 'PASSED'),
];

const at = (model: RunModel, name: string) => model.scenarios.find((s) => s.name === name)!;

for (const [name, status, failing, message] of [
  ['pass', 'passed', null, null],
  ['retry', 'passed', null, null],
  ['ambig', 'failed', 'Given step 1', /Multiple step definitions/],
  ['na', 'not_applicable', 'Given step 1', /^wire cannot send an empty certificate$/],
  ['hooked', 'failed', 'Before hook', /^lab failed$/],
  ['crash', 'failed', 'Then step 2', /ended before this scenario finished/],
  ['idle', 'skipped', null, /^not run: the run ended before this scenario started$/],
] as const) {
  test(`fold/${name} → ${status}`, () => {
    const scenario = at(fold(RUN), name);
    assert.equal(scenario.status, status);
    assert.equal(scenario.failingStep ? `${scenario.failingStep.keyword} ${scenario.failingStep.text}` : null, failing);
    if (message) assert.match(scenario.message ?? '', message);
    else assert.equal(scenario.message, null);
  });
}

test('fold: a retried scenario keeps only the attempt that counted', () => {
  const retry = at(fold(RUN), 'retry');
  assert.equal(retry.attempts, 2);
  assert.deepEqual(
    retry.evidence.map((e) => (e.kind === 'decision' ? e.verdict : e.kind)),
    ['allow'],
  );
});

test('fold: scenario facts', () => {
  const pass = at(fold(RUN), 'pass');
  assert.deepEqual([pass.id, pass.feature, pass.controls, pass.durationMs], [`${URI}:10`, 'X', ['IA-2', 'AC-3'], 10]);
  assert.deepEqual(
    pass.steps.map((s) => `${s.keyword} ${s.text} ${s.status}`),
    ['Given step 1 passed', 'Then step 2 passed'],
  );
  assert.deepEqual(
    at(fold(RUN), 'hooked').steps.map((s) => `${s.keyword} ${s.status}`),
    ['Before failed', 'Given skipped', 'Then skipped'],
  );
});

test('fold: an unfinished run is incomplete, with its run errors', () => {
  const model = fold(RUN);
  assert.equal(model.run.complete, false);
  assert.equal(model.run.id, 'run-1');
  assert.deepEqual(
    model.run.errors.map((e) => e.source),
    ['AfterAll hook (steps/hooks.ts:20)', 'run'],
  );
  assert.equal(model.summary.outcome, 'failed');
  assert.equal(model.run.cucumberVersion, '12.9.0');
});

test('fold: allow/deny counts come from passed scenarios only', () => {
  const ac3 = fold(RUN).controls.find((c) => c.id === 'AC-3')!;
  assert.deepEqual([ac3.allowEvidence, ac3.denyEvidence], [2, 1]);
  assert.equal(ac3.status, 'failed');
});

test('fold: a finished run, parse errors and a run exception', () => {
  const model = fold([
    ...preamble().slice(0, 3),
    { parseError: { source: { uri: 'features/y.feature', location: { line: 4 } }, message: 'expected: #TagLine' } },
    { testRunFinished: { success: false, timestamp: ts(3000), exception: { type: 'Error', message: 'worker died' } } },
  ]);
  assert.equal(model.run.complete, true);
  assert.equal(model.run.id, 'fallback-id');
  assert.deepEqual(model.run.errors, [
    { source: 'parse error (features/y.feature:4)', message: 'expected: #TagLine' },
    { source: 'run', message: 'worker died' },
  ]);
});
