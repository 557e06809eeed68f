import type { ControlEntry } from './catalog';
import { rollupControls, summarize } from './control-rollup';
import { redactDeep } from './redact';
import type { ControlResult, RunModel, ScenarioResult, WaiverMark, WaiverRecord } from './run-model';

/** The parts of a model that scenarios and controls do not derive. */
export type ModelBase = Pick<RunModel, 'modelVersion' | 'tool' | 'run' | 'inputs' | 'labs'>;

/**
 * The one place a RunModel is put together (from a run, after waivers, from shards): controls
 * and summary are always derived from the scenarios, and the whole model is redacted, so no
 * path can produce a report with stale counts or key material.
 */
export function assembleModel(
  base: ModelBase,
  scenarios: readonly ScenarioResult[],
  catalog: readonly ControlEntry[],
  controlWaivers: ReadonlyMap<string, WaiverMark>,
  waivers: readonly WaiverRecord[],
): RunModel {
  const controls = rollupControls(scenarios, catalog, controlWaivers);
  // Explicit key order: equal models serialise to equal bytes, whichever path built them.
  const { modelVersion, tool, run, inputs, labs = [] } = base;
  return redactDeep({
    modelVersion,
    tool,
    run,
    inputs,
    summary: summarize(scenarios, controls, run),
    controls,
    scenarios,
    waivers,
    labs,
  });
}

/** The catalog entries a model's controls were built from. */
export const catalogOf = (controls: readonly ControlResult[]): ControlEntry[] =>
  controls.map(({ id, framework, title, description }) => ({ id, framework, title, description }));
