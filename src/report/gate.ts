import { assertPolicyControls, minimumFor, minimumKeys, type GatePolicy } from './gate-policy';
import { firstLine, statusLabel, waiverLine } from './present';
import { FAILING_STATUSES, type ControlResult, type RunModel } from './run-model';
import { applyWaivers } from './waivers';

/** The gate's answer: compliant or not, one line per unmet criterion, and what was waived. */
export interface GateVerdict {
  readonly compliant: boolean;
  readonly unmet: readonly string[];
  readonly waived: readonly string[];
  /** The report as judged: the policy's live waivers applied. */
  readonly model: RunModel;
}

const MAX_IDS = 5;

/**
 * Judges a report against a policy at `now`. The report's own waiver marks are replaced by the
 * policy's live waivers (see waivers.ts), so the verdict depends only on the results, the
 * policy and the date. Throws bad input if the policy names controls the report lacks.
 */
export function evaluateGate(report: RunModel, policy: GatePolicy, now: Date): GateVerdict {
  assertPolicyControls(policy, report.controls.map((control) => control.id));
  const model = applyWaivers(report, policy.waivers, now);
  const unmet = [...runCriteria(model), ...failureCriteria(model, policy.maxFailures), ...checkedControls(model, policy).flatMap((c) => controlCriteria(c, policy))];
  return { compliant: unmet.length === 0, unmet, waived: waivedLines(model), model };
}

function runCriteria(model: RunModel): string[] {
  return model.run.errors.map((error) => `run error: ${error.source}: ${firstLine(error.message)}`);
}

function failureCriteria(model: RunModel, maxFailures: number): string[] {
  const failing = model.scenarios.filter((s) => !s.waiver && FAILING_STATUSES.includes(s.status));
  if (failing.length <= maxFailures) return [];
  const listed = failing.slice(0, MAX_IDS).map((s) => `${s.id} (${statusLabel(s.status)})`);
  const more = failing.length > MAX_IDS ? `, and ${failing.length - MAX_IDS} more` : '';
  return [`failures: ${failing.length} unwaived failing scenario${failing.length === 1 ? '' : 's'}, at most ${maxFailures} allowed: ${listed.join(', ')}${more}`];
}

// Required controls (every control the run touched, by default) and any a minimum names.
function checkedControls(model: RunModel, policy: GatePolicy): ControlResult[] {
  const touched = model.controls.filter((c) => c.scenarios.length > c.counts.not_applicable).map((c) => c.id);
  const ids = new Set([...(policy.requiredControls ?? touched), ...minimumKeys(policy.minAllowEvidence), ...minimumKeys(policy.minDenyEvidence)]);
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
    if (have < minimum) lines.push(`${name}: ${have} ${verdict} decision${have === 1 ? '' : 's'} evidence it, at least ${minimum} required`);
  }
  return lines;
}

function statusDetail(control: ControlResult): string {
  if (control.status === 'not_covered') return ' — no scenario of this run carries it';
  if (control.status === 'not_applicable') return ' — every scenario carrying it was not applicable on this target';
  const counts = (['failed', 'undefined', 'pending', 'skipped'] as const).filter((s) => control.counts[s] > 0).map((s) => `${control.counts[s]} ${s}`);
  return counts.length > 0 ? ` — ${counts.join(', ')}` : '';
}

function waivedLines(model: RunModel): string[] {
  return [
    ...model.controls.filter((c) => c.waiver).map((c) => `control ${c.id} ${waiverLine(c.waiver!)}`),
    ...model.scenarios.filter((s) => s.waiver).map((s) => `scenario ${s.id} (${statusLabel(s.status)}) ${waiverLine(s.waiver!)}`),
    ...model.waivers.filter((w) => w.state === 'expired').map((w) => `expired waiver ignored: ${w.control ?? w.scenario} (expired ${w.expires})`),
  ];
}
