import { byLocation, type FailingStep, type ScenarioResult, type ScenarioStatus, type StepResult } from '../compliance';
import { controlIdsOf, pathFromTag } from './control-tags';
import { millisOf, type Pickle, referenceText, type TestStep } from './envelope';
import { type GherkinIndex, indexDocuments } from './gherkin-index';
import type { AttemptState, CollectedRun } from './run-collector';

type StepStatus = StepResult['status'];

interface StepRow extends StepResult, FailingStep {
  readonly hook: boolean;
  readonly message: string | null;
}

// Worst first: the first status present decides the scenario, as cucumber ranks them.
const SEVERITY: readonly StepStatus[] = [
  'failed',
  'ambiguous',
  'unknown',
  'not_run',
  'undefined',
  'pending',
  'skipped',
];
const SCENARIO_STATUS: Readonly<Record<StepStatus, ScenarioStatus>> = {
  failed: 'failed',
  ambiguous: 'failed',
  unknown: 'failed',
  not_run: 'failed',
  undefined: 'undefined',
  pending: 'pending',
  skipped: 'skipped',
  passed: 'passed',
};
const MAX_MESSAGE = 8000;

/**
 * One result per test case cucumber planned, ordered by file and line. A case that never
 * started, or started and never finished, is still reported — as skipped or failed — so a crash
 * cannot make a scenario disappear from the report.
 */
export function scenarioResultsOf(run: CollectedRun): ScenarioResult[] {
  const index = indexDocuments(run.documents.values());
  return run.testCases
    .flatMap((testCase) => {
      const pickle = run.pickles.get(testCase.pickleId);
      return pickle ? [scenarioResultOf(testCase.id, testCase.testSteps, pickle, run, index)] : [];
    })
    .sort(byLocation);
}

/**
 * Scenarios generated from a YAML lab's checks carry their real source in a `@source:file:line`
 * tag: the report points at the YAML line, not at the generated feature file.
 */
function sourceOf(tags: readonly string[]): { file: string; line: number } | undefined {
  const match = tags.map((t) => /^@source:(.+):(\d+)$/.exec(t)).find(Boolean);
  return match ? { file: pathFromTag(match[1]!), line: Number(match[2]) } : undefined;
}

function scenarioResultOf(
  caseId: string,
  testSteps: readonly TestStep[],
  pickle: Pickle,
  run: CollectedRun,
  index: GherkinIndex,
): ScenarioResult {
  const attempt = run.attempts.get(caseId);
  const rows = testSteps.map((step, position) => stepRowOf(step, position, pickle, run, index, attempt));
  const { status, failing, message } = outcomeOf(rows, attempt);
  const tags = pickle.tags.map((tag) => tag.name);
  const { file, line } = sourceOf(tags) ?? {
    file: pickle.uri,
    line: pickle.location?.line ?? index.lines.get(pickle.astNodeIds.at(-1) ?? '') ?? 0,
  };
  return {
    id: `${file}:${line}`,
    feature: run.documents.get(pickle.uri)?.feature?.name ?? pickle.uri,
    rule: index.rules.get(pickle.astNodeIds[0] ?? '') ?? null,
    name: pickle.name,
    location: { file, line },
    tags,
    controls: controlIdsOf(tags),
    status,
    durationMs: durationOf(attempt, rows),
    attempts: attempt ? attempt.attempt + 1 : 0,
    failingStep: failing ? { keyword: failing.keyword, text: failing.text, location: failing.location } : null,
    message: message === null ? null : truncate(message),
    steps: rows
      .filter((row) => !row.hook || (row.status !== 'passed' && row.status !== 'not_run'))
      .map(({ keyword, text, status: rowStatus, durationMs }) => ({ keyword, text, status: rowStatus, durationMs })),
    evidence: attempt?.evidence ?? [],
    waiver: null,
  };
}

function stepRowOf(
  step: TestStep,
  position: number,
  pickle: Pickle,
  run: CollectedRun,
  index: GherkinIndex,
  attempt: AttemptState | undefined,
): StepRow {
  const result = attempt?.results.get(step.id);
  const status: StepStatus = result ? (result.status.toLowerCase() as StepStatus) : 'not_run';
  const timing = { status, durationMs: result ? Math.round(millisOf(result.duration)) : 0 };
  const message = result?.message ?? result?.exception?.message ?? null;
  const pickleStep = pickle.steps.find((candidate) => candidate.id === step.pickleStepId);
  if (pickleStep) {
    const ast = index.steps.get(pickleStep.astNodeIds[0] ?? '');
    const location = ast ? `${pickle.uri}:${ast.line}` : null;
    return { hook: false, keyword: ast?.keyword ?? 'Step', text: pickleStep.text, location, message, ...timing };
  }
  const hook = run.hooks.get(step.hookId ?? '');
  const before = hook?.type ? hook.type.startsWith('BEFORE') : position === 0;
  return {
    hook: true,
    keyword: before ? 'Before' : 'After',
    text: hook?.name ?? 'hook',
    location: referenceText(hook?.sourceReference),
    message,
    ...timing,
  };
}

function outcomeOf(
  rows: readonly StepRow[],
  attempt: AttemptState | undefined,
): { status: ScenarioStatus; failing: StepRow | undefined; message: string | null } {
  if (!attempt)
    return { status: 'skipped', failing: undefined, message: 'not run: the run ended before this scenario started' };
  const worst = SEVERITY.find((status) =>
    rows.some((row) => row.status === status && (status !== 'not_run' || attempt.finishedAt === null)),
  );
  if (worst === undefined) return { status: 'passed', failing: undefined, message: null };
  const failing = rows.find((row) => row.status === worst || (worst === 'failed' && row.status === 'ambiguous'));
  const notApplicable = attempt.evidence.find((item) => item.kind === 'not-applicable');
  if (worst === 'skipped' && notApplicable) return { status: 'not_applicable', failing, message: notApplicable.reason };
  return { status: SCENARIO_STATUS[worst], failing, message: messageOf(worst, failing) };
}

function messageOf(worst: StepStatus, failing: StepRow | undefined): string | null {
  switch (worst) {
    case 'not_run':
      return 'the run ended before this scenario finished (crash or signal)';
    case 'undefined':
      return `undefined step: no step definition matches "${failing?.text ?? ''}"`;
    case 'pending':
      return failing?.message ?? 'the step is pending';
    default:
      return failing?.message ?? null;
  }
}

function durationOf(attempt: AttemptState | undefined, rows: readonly StepRow[]): number {
  if (attempt?.finishedAt != null) return Math.max(0, attempt.finishedAt - attempt.startedAt);
  return rows.reduce((total, row) => total + row.durationMs, 0);
}

const truncate = (text: string): string =>
  text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (truncated)` : text;
