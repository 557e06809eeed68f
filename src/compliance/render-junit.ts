import { decisionLine, firstLine, statusLabel, waiverLine } from './present';
import type { RunError, RunModel, ScenarioResult, TargetInfo } from './run-model';
import { xmlAttr, xmlText } from './xml-text';

interface SuiteCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly time: number;
}

/**
 * junit.xml: one testsuite per feature file (plus one for run errors, when there are any).
 * failed → <failure>; undefined and pending → <error> (the test could not run as written);
 * skipped, not applicable and waived → <skipped> with a type saying which, and waived and
 * not-applicable counts are repeated as suite properties so they stay apart from plain skips.
 */
export function renderJunit(model: RunModel): string {
  const byFile = new Map<string, ScenarioResult[]>();
  for (const scenario of model.scenarios)
    byFile.set(scenario.location.file, [...(byFile.get(scenario.location.file) ?? []), scenario]);
  const suites = [...byFile.entries()].map(([file, scenarios], index) =>
    featureSuite(file, scenarios, index, model.run.startedAt, model.run.target),
  );
  if (model.run.errors.length > 0) suites.push(runErrorSuite(model.run.errors, suites.length, model.run.startedAt));
  const total = sumCounts([...byFile.values()].map(countsOf), model.run.errors.length);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`${model.tool.name} compliance`)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="${seconds(total.time)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function featureSuite(
  file: string,
  scenarios: readonly ScenarioResult[],
  id: number,
  startedAt: string,
  target: TargetInfo,
): string {
  const counts = countsOf(scenarios);
  const controls = [...new Set(scenarios.flatMap((scenario) => scenario.controls))].sort();
  const properties = [
    ['feature.file', file],
    ...controls.map((control) => ['control', control]),
    ['controls', controls.join(' ')],
    ['waived', String(scenarios.filter((s) => s.waiver).length)],
    ['not_applicable', String(scenarios.filter((s) => !s.waiver && s.status === 'not_applicable').length)],
    ['target', `${target.kind}${target.url ? ` ${target.url}` : ''}`],
    // A CI reading only junit.xml must learn too that TLS verification was off.
    ['insecure', String(!target.tlsVerify)],
  ];
  return [
    suiteOpen(scenarios[0]?.feature ?? file, counts, id, file, startedAt),
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${xmlAttr(name!)}" value="${xmlAttr(value!)}"/>`),
    '    </properties>',
    ...scenarios.map(testCase),
    '  </testsuite>',
  ].join('\n');
}

function testCase(scenario: ScenarioResult): string {
  const open = `    <testcase name="${xmlAttr(scenario.name)}" classname="${xmlAttr(scenario.location.file)}" time="${seconds(scenario.durationMs)}">`;
  return [
    open,
    outcomeElement(scenario),
    `      <system-out>${xmlText(systemOut(scenario))}</system-out>`,
    '    </testcase>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function outcomeElement(scenario: ScenarioResult): string {
  const where = scenario.failingStep
    ? `${scenario.failingStep.keyword} ${scenario.failingStep.text}${scenario.failingStep.location ? ` (${scenario.failingStep.location})` : ''}`
    : '';
  const message = scenario.message ?? statusLabel(scenario.status);
  if (scenario.waiver)
    return `      <skipped type="waived" message="${xmlAttr(`${statusLabel(scenario.status)}, ${waiverLine(scenario.waiver)}`)}"/>`;
  switch (scenario.status) {
    case 'passed':
      return '';
    case 'failed':
      return `      <failure type="failed" message="${xmlAttr(firstLine(message))}">${xmlText(`${where}\n${message}`)}</failure>`;
    case 'undefined':
    case 'pending':
      return `      <error type="${scenario.status}" message="${xmlAttr(firstLine(message))}">${xmlText(where)}</error>`;
    case 'not_applicable':
      return `      <skipped type="not_applicable" message="${xmlAttr(`not applicable: ${message}`)}"/>`;
    case 'skipped':
      return `      <skipped type="skipped" message="${xmlAttr(message)}"/>`;
  }
}

function systemOut(scenario: ScenarioResult): string {
  const evidence = scenario.evidence.map((item) => {
    if (item.kind === 'decision') return `decision: ${decisionLine(item)}`;
    if (item.kind === 'note') return `note: ${item.title}`;
    return item.kind === 'not-applicable'
      ? `not applicable: ${item.reason}`
      : `evidence: ${item.declaredKind ?? 'unknown kind'}`;
  });
  return [
    `scenario: ${scenario.id}`,
    `controls: ${scenario.controls.join(', ') || 'none'}`,
    `tags: ${scenario.tags.join(' ')}`,
    ...evidence,
  ].join('\n');
}

function runErrorSuite(errors: readonly RunError[], id: number, startedAt: string): string {
  const cases = errors.map(
    (error) =>
      `    <testcase name="${xmlAttr(error.source)}" classname="run" time="0.000">\n      <error type="run" message="${xmlAttr(firstLine(error.message))}">${xmlText(error.message)}</error>\n    </testcase>`,
  );
  return [
    suiteOpen(
      'run errors',
      { tests: errors.length, failures: 0, errors: errors.length, skipped: 0, time: 0 },
      id,
      'run',
      startedAt,
    ),
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function suiteOpen(name: string, counts: SuiteCounts, id: number, pkg: string, startedAt: string): string {
  // Ant's schema wants a local timestamp without zone; the run's UTC start is written that way.
  const timestamp = startedAt.slice(0, 19);
  return `  <testsuite name="${xmlAttr(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.time)}" timestamp="${timestamp}" id="${id}" package="${xmlAttr(pkg)}">`;
}

function countsOf(scenarios: readonly ScenarioResult[]): SuiteCounts {
  const live = scenarios.filter((scenario) => !scenario.waiver);
  const count = (...statuses: ScenarioResult['status'][]): number =>
    live.filter((s) => statuses.includes(s.status)).length;
  return {
    tests: scenarios.length,
    failures: count('failed'),
    errors: count('undefined', 'pending'),
    skipped: count('skipped', 'not_applicable') + (scenarios.length - live.length),
    time: scenarios.reduce((total, scenario) => total + scenario.durationMs, 0),
  };
}

function sumCounts(all: readonly SuiteCounts[], runErrors: number): SuiteCounts {
  const sum = (key: keyof SuiteCounts): number => all.reduce((total, counts) => total + counts[key], 0);
  return {
    tests: sum('tests') + runErrors,
    failures: sum('failures'),
    errors: sum('errors') + runErrors,
    skipped: sum('skipped'),
    time: sum('time'),
  };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);
