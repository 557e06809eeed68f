/**
 * Waivers: approved, expiring exceptions from a gate policy.
 *
 * Design: a waiver never changes what happened, only how it counts. `applyWaivers` marks each
 * result a live waiver covers — a scenario that did not pass, or a control that is not passed —
 * and such results are counted apart (`waived`) in every format, never as passed. The formatter
 * applies the policy named in its options (`formatOptions.ztna.policy`) so the reports show the
 * waivers in force when the run ended; `gate` strips those marks and applies its own policy at
 * gate time, so its verdict depends only on the results, its policy and today's date (an
 * expired waiver never counts). `report merge` keeps the marks the shards carry.
 *
 * A scenario waiver names a scenario by id (`features/x.feature:12`: the line of its Scenario:
 * keyword, or of its Examples row in an outline) or by exact name. A
 * control waiver covers the control (its status becomes `waived` unless it passed) and any
 * failing scenario whose every control is waived. A date-only `expires` is valid through that
 * day (UTC).
 */
import { assembleModel, catalogOf } from './assemble-model';
import type { RunModel, ScenarioResult, WaiverMark, WaiverRecord } from './run-model';

/** A waiver as a gate policy states it. */
export interface Waiver {
  readonly control?: string;
  readonly scenario?: string;
  readonly justification: string;
  readonly approver: string;
  readonly expires: string;
}

const WAIVABLE_SCENARIO: readonly ScenarioResult['status'][] = ['failed', 'undefined', 'pending', 'skipped'];

/** The instant a waiver stops counting. */
export function expiryOf(expires: string): number {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires);
  return date ? Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]) + 1) : Date.parse(expires);
}

/** Whether `waiver` has lapsed at `now`. */
export const isExpired = (waiver: Waiver, now: Date): boolean => !(now.getTime() < expiryOf(waiver.expires));

/** `model` with its results marked by exactly the live waivers in `waivers` (earlier marks dropped). */
export function applyWaivers(model: RunModel, waivers: readonly Waiver[], now: Date): RunModel {
  const live = waivers.filter((waiver) => !isExpired(waiver, now)).map(markOf);
  const controlMarks = new Map<string, WaiverMark>();
  for (const mark of live)
    if (mark.control !== null && !controlMarks.has(mark.control)) controlMarks.set(mark.control, mark);
  const scenarios = model.scenarios.map((scenario) => ({
    ...scenario,
    waiver: scenarioMark(scenario, live, controlMarks),
  }));
  const draft = assembleModel(model, scenarios, catalogOf(model.controls), controlMarks, []);
  const used = usedWaivers(draft, controlMarks);
  const records: WaiverRecord[] = waivers.map((waiver) => {
    const mark = markOf(waiver);
    const state = isExpired(waiver, now) ? 'expired' : used.has(keyOf(mark)) ? 'applied' : 'unused';
    return { ...mark, state };
  });
  return { ...draft, waivers: records };
}

/** Identity of a waiver, to join marks with records (and shards' records with each other). */
export const keyOf = (mark: WaiverMark): string =>
  JSON.stringify([mark.control, mark.scenario, mark.justification, mark.approver, mark.expires]);

// A control waiver counts as applied when it marks its control or helps waive a scenario (which
// needs every control of the scenario waived).
function usedWaivers(model: RunModel, controlMarks: ReadonlyMap<string, WaiverMark>): Set<string> {
  const marks = [
    ...model.controls.flatMap((control) => (control.waiver ? [control.waiver] : [])),
    ...model.scenarios.flatMap((scenario) => {
      if (!scenario.waiver) return [];
      if (scenario.waiver.control === null) return [scenario.waiver];
      return scenario.controls.flatMap((id) => (controlMarks.has(id) ? [controlMarks.get(id)!] : []));
    }),
  ];
  return new Set(marks.map(keyOf));
}

function scenarioMark(
  scenario: ScenarioResult,
  live: readonly WaiverMark[],
  controlMarks: ReadonlyMap<string, WaiverMark>,
): WaiverMark | null {
  if (!WAIVABLE_SCENARIO.includes(scenario.status)) return null;
  const direct = live.find((mark) => mark.scenario === scenario.id || mark.scenario === scenario.name);
  if (direct) return direct;
  const allWaived = scenario.controls.length > 0 && scenario.controls.every((id) => controlMarks.has(id));
  return allWaived ? controlMarks.get(scenario.controls[0]!)! : null;
}

const markOf = (waiver: Waiver): WaiverMark => ({
  control: waiver.control ?? null,
  scenario: waiver.scenario ?? null,
  justification: waiver.justification,
  approver: waiver.approver,
  expires: waiver.expires,
});
