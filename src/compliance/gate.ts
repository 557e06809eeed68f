import { assertPolicyControls, type GatePolicy, minimumFor, minimumKeys } from './gate-policy';
import { firstLine, statusLabel, waiverLine } from './present';
import { type ControlResult, FAILING_STATUSES, type RunModel } from './run-model';
import { applyWaivers } from './waivers';

/** The gate's answer: compliant or not, one line per unmet criterion, and what was waived. */
export interface GateVerdict {
  readonly compliant: boolean;
  readonly unmet: readonly string[];
  readonly waived: readonly string[];
  /** Waivers of the policy that lapsed: listed, never counted. */
  readonly expired: readonly string[];
  /** What deserves a look but fails nothing (unless the gate is strict). */
  readonly warnings: readonly string[];
  /** The report as judged: the policy's live waivers applied. */
  readonly model: RunModel;
}

const MAX_IDS = 5;

/** How strict the gate is: `strict` turns every warning (a waiver matching nothing) into an unmet criterion. */
export interface GateOptions {
  readonly strict?: boolean;
}

/**
 * Judges a report against a policy at `now`. The report's own waiver marks are replaced by the
 * policy's live waivers (see waivers.ts), so the verdict depends only on the results, the
 * policy and the date. Throws bad input if the policy names controls the report lacks.
 */
export function evaluateGate(report: RunModel, policy: GatePolicy, now: Date, options: GateOptions = {}): GateVerdict {
  assertPolicyControls(
    policy,
    report.controls.map((control) => control.id),
  );
  const model = applyWaivers(report, policy.waivers, now);
  const warnings = unmatchedWaivers(model).map((waiver) => `waiver matches nothing in this report: ${waiver}`);
  const unmet = [
    ...runCriteria(model, policy),
    ...failureCriteria(model, policy.maxFailures),
    ...checkedControls(model, policy).flatMap((c) => controlCriteria(c, policy)),
    ...(options.strict ? warnings : []),
  ];
  return {
    compliant: unmet.length === 0,
    unmet,
    waived: waivedLines(model),
    expired: expiredLines(model),
    warnings: options.strict ? [] : warnings,
    model,
  };
}

function runCriteria(model: RunModel, policy: GatePolicy): string[] {
  // A run that selected nothing (a path or tag expression matching no scenario) proves nothing.
  const empty =
    model.scenarios.length === 0 && !policy.allowNoScenarios
      ? [
          'no scenario: the report holds no scenario, so it evidences no control (a policy may set allowNoScenarios: true)',
        ]
      : [];
  return [...empty, ...model.run.errors.map((error) => `run error: ${error.source}: ${firstLine(error.message)}`)];
}

// A scenario waiver naming no scenario of the report (by id or name), a control waiver naming a
// control no scenario carries: a typo, or a waiver left behind by a renamed scenario.
function unmatchedWaivers(model: RunModel): string[] {
  const carried = new Set(model.scenarios.flatMap((s) => s.controls));
  return model.waivers
    .filter((w) =>
      w.scenario !== null
        ? !model.scenarios.some((s) => s.id === w.scenario || s.name === w.scenario)
        : !carried.has(w.control!),
    )
    .map((w) => (w.scenario !== null ? `scenario ${w.scenario}` : `control ${w.control}`));
}

function failureCriteria(model: RunModel, maxFailures: number): string[] {
  const failing = model.scenarios.filter((s) => !s.waiver && FAILING_STATUSES.includes(s.status));
  if (failing.length <= maxFailures) return [];
  const listed = failing.slice(0, MAX_IDS).map((s) => `${s.id} (${statusLabel(s.status)})`);
  const more = failing.length > MAX_IDS ? `, and ${failing.length - MAX_IDS} more` : '';
  return [
    `failures: ${failing.length} unwaived failing scenario${failing.length === 1 ? '' : 's'}, at most ${maxFailures} allowed: ${listed.join(', ')}${more}`,
  ];
}

// Required controls (every control the run touched, by default) and any a minimum names.
function checkedControls(model: RunModel, policy: GatePolicy): ControlResult[] {
  const touched = model.controls.filter((c) => c.scenarios.length > c.counts.not_applicable).map((c) => c.id);
  const ids = new Set([
    ...(policy.requiredControls ?? touched),
    ...minimumKeys(policy.minAllowEvidence),
    ...minimumKeys(policy.minDenyEvidence),
  ]);
  return model.controls.filter((control) => ids.has(control.id));
}

function controlCriteria(control: ControlResult, policy: GatePolicy): string[] {
  if (control.status === 'waived') return [];
  const name = `control ${control.id} (${control.title})`;
  const lines = control.status === 'passed' ? [] : [`${name}: ${statusLabel(control.status)}${statusDetail(control)}`];
  for (const [verdict, have, minimum] of [
    ['allow', control.allowEvidence, minimumFor(policy.minAllowEvidence, control.id)],
    ['deny', control.denyEvidence, minimumFor(policy.minDenyEvidence, control.id)],
  ] as const) {
    if (have < minimum)
      lines.push(
        `${name}: ${have} ${verdict} decision${have === 1 ? '' : 's'} evidence it, at least ${minimum} required`,
      );
  }
  return lines;
}

function statusDetail(control: ControlResult): string {
  if (control.status === 'not_covered') return ' — no scenario of this run carries it';
  if (control.status === 'not_applicable') return ' — every scenario carrying it was not applicable on this target';
  const counts = (['failed', 'undefined', 'pending', 'skipped'] as const)
    .filter((s) => control.counts[s] > 0)
    .map((s) => `${control.counts[s]} ${s}`);
  return counts.length > 0 ? ` — ${counts.join(', ')}` : '';
}

function waivedLines(model: RunModel): string[] {
  return [
    ...model.controls.filter((c) => c.waiver).map((c) => `control ${c.id} ${waiverLine(c.waiver!)}`),
    ...model.scenarios
      .filter((s) => s.waiver)
      .map((s) => `scenario ${s.id} (${statusLabel(s.status)}) ${waiverLine(s.waiver!)}`),
  ];
}

function expiredLines(model: RunModel): string[] {
  return model.waivers
    .filter((w) => w.state === 'expired')
    .map(
      (w) =>
        `${w.control !== null ? 'control' : 'scenario'} ${w.control ?? w.scenario} (expired ${w.expires}, not counted)`,
    );
}
