import type { ControlEntry } from './catalog';
import {
  CONTROL_STATUSES,
  type ControlResult,
  type ControlStatus,
  FAILING_STATUSES,
  type RunInfo,
  type RunSummary,
  SCENARIO_STATUSES,
  type ScenarioCounts,
  type ScenarioResult,
  type WaiverMark,
} from './run-model';

// Statuses a control waiver turns into `waived`: everything but a pass.
const WAIVABLE: readonly ControlStatus[] = ['failed', 'incomplete', 'not_applicable', 'not_covered'];

/**
 * Each catalogued control's outcome over the scenarios tagged with it. Allow and deny counts
 * come only from decisions of passed, unwaived scenarios: a failed scenario's decisions prove
 * nothing, and a waived one is counted apart.
 */
export function rollupControls(
  scenarios: readonly ScenarioResult[],
  catalog: readonly ControlEntry[],
  controlWaivers: ReadonlyMap<string, WaiverMark>,
): ControlResult[] {
  return catalog.map(({ id, framework, title, description }) => {
    const carrying = scenarios.filter((scenario) => scenario.controls.includes(id));
    const counts = countScenarios(carrying);
    const decisions = carrying
      .filter((scenario) => scenario.status === 'passed' && !scenario.waiver)
      .flatMap((scenario) => scenario.evidence)
      .flatMap((item) => (item.kind === 'decision' ? [item.verdict] : []));
    const base = controlStatusOf(counts);
    const waiver = WAIVABLE.includes(base) ? (controlWaivers.get(id) ?? null) : null;
    return {
      id,
      framework,
      title,
      description,
      status: waiver ? 'waived' : base,
      scenarios: carrying.map((scenario) => scenario.id),
      counts,
      allowEvidence: decisions.filter((verdict) => verdict === 'allow').length,
      denyEvidence: decisions.filter((verdict) => verdict === 'deny').length,
      waiver,
    };
  });
}

/** Scenario counts by status, with waived scenarios counted apart. */
export function countScenarios(scenarios: readonly ScenarioResult[]): ScenarioCounts {
  const counts = Object.fromEntries([...SCENARIO_STATUSES, 'waived'].map((status) => [status, 0])) as Record<
    keyof ScenarioCounts,
    number
  >;
  for (const scenario of scenarios) counts[scenario.waiver ? 'waived' : scenario.status] += 1;
  return counts;
}

/** The run's headline numbers; it passed when nothing unwaived failed and the run completed cleanly. */
export function summarize(
  scenarios: readonly ScenarioResult[],
  controls: readonly ControlResult[],
  run: RunInfo,
): RunSummary {
  const counts = countScenarios(scenarios);
  const failures = FAILING_STATUSES.reduce((total, status) => total + counts[status], 0);
  const byStatus = Object.fromEntries(
    CONTROL_STATUSES.map((status) => [status, controls.filter((c) => c.status === status).length]),
  );
  const decisions = scenarios.filter((s) => s.status === 'passed' && !s.waiver).flatMap((s) => s.evidence);
  return {
    outcome: failures === 0 && run.complete && run.errors.length === 0 ? 'passed' : 'failed',
    scenarios: scenarios.length,
    counts,
    failures,
    controls: byStatus as RunSummary['controls'],
    evidence: {
      allow: decisions.filter((item) => item.kind === 'decision' && item.verdict === 'allow').length,
      deny: decisions.filter((item) => item.kind === 'decision' && item.verdict === 'deny').length,
    },
  };
}

function controlStatusOf(counts: ScenarioCounts): ControlStatus {
  if (counts.failed > 0) return 'failed';
  if (counts.undefined + counts.pending + counts.skipped > 0) return 'incomplete';
  if (counts.passed > 0) return 'passed';
  if (counts.not_applicable > 0) return 'not_applicable';
  return counts.waived > 0 ? 'waived' : 'not_covered';
}
