/**
 * What a change did, from two compliance reports: scenarios and controls whose status changed,
 * and decisions that changed for the same probe (in scenarios and in the labs' access
 * matrices). Pure; `report diff` prints and writes it.
 */
import { matrixChanges } from './matrix-diff';
import {
  type ControlStatus,
  type DecisionEvidence,
  FAILING_STATUSES,
  type RunModel,
  type ScenarioResult,
  type ScenarioStatus,
} from './run-model';

/** A scenario's status, `waived` when a waiver covered it, null when the run did not have it. */
export type SideStatus = ScenarioStatus | 'waived' | null;

export interface ScenarioChange {
  /** `file › name` (with `#n` for repeated names): line numbers move when a feature is edited. */
  readonly key: string;
  readonly name: string;
  readonly location: string;
  readonly base: SideStatus;
  readonly head: SideStatus;
  readonly regression: boolean;
}

export interface ControlChange {
  readonly id: string;
  readonly base: ControlStatus | null;
  readonly head: ControlStatus | null;
  readonly regression: boolean;
}

/** The part of a decision a reviewer compares. */
export interface DecisionOutcome {
  readonly verdict: 'allow' | 'deny';
  readonly reason: string | null;
  readonly fortiosCode: string | null;
  readonly rule: string | null;
}

/** A probe, as the evidence names it: where it went and who sent it. */
export interface ProbeKey {
  readonly gateway: string | null;
  readonly endpoint: string | null;
  readonly destination: string | null;
  readonly userAgent: string | null;
}

export interface DecisionChange {
  readonly scenario: string;
  readonly probe: ProbeKey;
  /** 1 for the first request of this probe in the scenario, 2 for the second, … */
  readonly occurrence: number;
  readonly base: DecisionOutcome | null;
  readonly head: DecisionOutcome | null;
}

export interface ReportDiff {
  readonly base: { readonly runId: string; readonly commit: string | null };
  readonly head: { readonly runId: string; readonly commit: string | null };
  readonly scenarios: readonly ScenarioChange[];
  readonly controls: readonly ControlChange[];
  readonly decisions: readonly DecisionChange[];
  readonly regression: boolean;
}

const sideOf = (s: ScenarioResult | undefined): SideStatus => (s ? (s.waiver ? 'waived' : s.status) : null);
const failing = (status: SideStatus): boolean =>
  status !== null && status !== 'waived' && FAILING_STATUSES.includes(status);
// A control that passed and now fails, is incomplete or lost all its scenarios has regressed.
const CONTROL_REGRESSIONS: readonly (ControlStatus | null)[] = ['failed', 'incomplete', 'not_covered', null];

/** Scenarios by a key that survives line moves. */
function byKey(model: RunModel): Map<string, ScenarioResult> {
  const keyed = new Map<string, ScenarioResult>();
  for (const s of model.scenarios) {
    const stem = `${s.location.file} › ${s.rule ? `${s.rule} › ` : ''}${s.name}`;
    let key = stem;
    for (let n = 2; keyed.has(key); n++) key = `${stem} #${n}`;
    keyed.set(key, s);
  }
  return keyed;
}

const probeOf = (d: DecisionEvidence): ProbeKey => ({
  gateway: d.gateway,
  endpoint: d.endpoint,
  destination: d.probe.host === null ? null : `${d.probe.host}${d.probe.path ?? ''}`,
  userAgent: d.probe.userAgent,
});
const outcomeOf = (d: DecisionEvidence): DecisionOutcome => ({
  verdict: d.verdict,
  reason: d.reason,
  fortiosCode: d.fortiosCode,
  rule: d.rule,
});

/** The decisions of a scenario keyed by probe and occurrence. */
function decisionsOf(
  scenario: ScenarioResult | undefined,
): Map<string, { probe: ProbeKey; occurrence: number; outcome: DecisionOutcome }> {
  const out = new Map<string, { probe: ProbeKey; occurrence: number; outcome: DecisionOutcome }>();
  for (const item of scenario?.evidence ?? []) {
    if (item.kind !== 'decision') continue;
    const probe = probeOf(item);
    const stem = JSON.stringify(probe);
    let occurrence = 1;
    while (out.has(`${stem}#${occurrence}`)) occurrence++;
    out.set(`${stem}#${occurrence}`, { probe, occurrence, outcome: outcomeOf(item) });
  }
  return out;
}

const sameOutcome = (a: DecisionOutcome | null, b: DecisionOutcome | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function decisionChanges(key: string, base: ScenarioResult, head: ScenarioResult): DecisionChange[] {
  const [before, after] = [decisionsOf(base), decisionsOf(head)];
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.flatMap((k) => {
    const [b, h] = [before.get(k), after.get(k)];
    if (sameOutcome(b?.outcome ?? null, h?.outcome ?? null)) return [];
    const { probe, occurrence } = (b ?? h)!;
    return [{ scenario: key, probe, occurrence, base: b?.outcome ?? null, head: h?.outcome ?? null }];
  });
}

/** The differences from `base` to `head`. */
export function diffReports(base: RunModel, head: RunModel): ReportDiff {
  const [before, after] = [byKey(base), byKey(head)];
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const scenarios: ScenarioChange[] = keys.flatMap((key) => {
    const [b, h] = [before.get(key), after.get(key)];
    if (sideOf(b) === sideOf(h)) return [];
    const s = (h ?? b)!;
    return [
      {
        key,
        name: s.name,
        location: `${s.location.file}:${s.location.line}`,
        base: sideOf(b),
        head: sideOf(h),
        regression: sideOf(b) === 'passed' && failing(sideOf(h)),
      },
    ];
  });
  const decisions = [
    ...matrixChanges(base.labs ?? [], head.labs ?? []),
    ...keys.flatMap((key) => {
      const [b, h] = [before.get(key), after.get(key)];
      return b && h ? decisionChanges(key, b, h) : [];
    }),
  ];
  const ids = [...new Set([...base.controls, ...head.controls].map((c) => c.id))];
  const controls: ControlChange[] = ids.flatMap((id) => {
    const b = base.controls.find((c) => c.id === id)?.status ?? null;
    const h = head.controls.find((c) => c.id === id)?.status ?? null;
    return b === h ? [] : [{ id, base: b, head: h, regression: b === 'passed' && CONTROL_REGRESSIONS.includes(h) }];
  });
  const run = (m: RunModel) => ({ runId: m.run.id, commit: m.run.gitCommit });
  return {
    base: run(base),
    head: run(head),
    scenarios,
    controls,
    decisions,
    regression: scenarios.some((s) => s.regression) || controls.some((c) => c.regression),
  };
}
