import { badInput } from '../errors';
import { assembleModel, catalogOf } from './assemble-model';
import { sha256 } from './digest';
import { joinLabs } from './lab-matrices';
import {
  byLocation,
  type RunInfo,
  type RunModel,
  type ScenarioResult,
  type WaiverMark,
  type WaiverRecord,
} from './run-model';
import { keyOf } from './waivers';

/** A shard's report and the file it was read from. */
export interface ShardReport {
  readonly file: string;
  readonly model: RunModel;
}

// What must be equal for shards to be parts of one run, and how to name a difference.
const SAME_RUN: readonly { readonly what: string; readonly of: (model: RunModel) => unknown }[] = [
  { what: 'tool', of: (m) => `${m.tool.name} ${m.tool.version}` },
  { what: 'feature set', of: (m) => m.inputs.featureSetDigest },
  { what: 'scenario files', of: (m) => JSON.stringify(m.inputs.scenarioFiles) },
  { what: 'control catalog', of: (m) => m.inputs.catalog.sha256 },
  { what: 'target', of: (m) => JSON.stringify(m.run.target) },
  { what: 'git commit', of: (m) => m.run.gitCommit ?? 'unknown' },
];

/**
 * Joins the reports of `cucumber --shard i/n` runs into one. Shards must come from the same
 * tool version, feature set, scenario files, catalog, target and commit, and no scenario may
 * appear twice; controls and summary are recomputed from the joined scenarios.
 */
export function mergeReports(shards: readonly ShardReport[]): RunModel {
  const [first] = shards;
  if (!first) throw badInput('report merge: no shard reports given');
  for (const shard of shards.slice(1)) assertSameRun(first, shard);
  const scenarios = joinScenarios(shards);
  const controlWaivers = new Map<string, WaiverMark>();
  for (const { model } of shards)
    for (const c of model.controls) if (c.waiver && !controlWaivers.has(c.id)) controlWaivers.set(c.id, c.waiver);
  const base = {
    modelVersion: first.model.modelVersion,
    tool: first.model.tool,
    run: mergedRun(shards.map((s) => s.model.run)),
    inputs: first.model.inputs,
    labs: joinLabs(shards.flatMap((s) => s.model.labs ?? [])),
  };
  return assembleModel(base, scenarios, catalogOf(first.model.controls), controlWaivers, joinWaivers(shards));
}

function assertSameRun(first: ShardReport, shard: ShardReport): void {
  const difference = SAME_RUN.find(({ of }) => of(first.model) !== of(shard.model));
  if (difference) {
    const theirs = String(difference.of(shard.model)).slice(0, 80);
    const ours = String(difference.of(first.model)).slice(0, 80);
    throw badInput(
      `report merge: ${shard.file} is from a different ${difference.what} (${theirs}) than ${first.file} (${ours})`,
      { file: shard.file },
    );
  }
}

function joinScenarios(shards: readonly ShardReport[]): ScenarioResult[] {
  const seen = new Map<string, string>();
  for (const { file, model } of shards) {
    for (const scenario of model.scenarios) {
      const other = seen.get(scenario.id);
      if (other !== undefined)
        throw badInput(`report merge: scenario ${scenario.id} is in both ${other} and ${file}`, { file });
      seen.set(scenario.id, file);
    }
  }
  return shards.flatMap((shard) => shard.model.scenarios).sort(byLocation);
}

const STATE_RANK: Readonly<Record<WaiverRecord['state'], number>> = { applied: 2, unused: 1, expired: 0 };

// A waiver applied in any shard was applied in the run.
function joinWaivers(shards: readonly ShardReport[]): WaiverRecord[] {
  const byKey = new Map<string, WaiverRecord>();
  for (const record of shards.flatMap((shard) => shard.model.waivers)) {
    const known = byKey.get(keyOf(record));
    if (!known || STATE_RANK[record.state] > STATE_RANK[known.state]) byKey.set(keyOf(record), record);
  }
  return [...byKey.values()];
}

function mergedRun(runs: readonly RunInfo[]): RunInfo {
  const first = runs[0]!;
  const shards = runs.flatMap((run) => run.shards);
  const finished = runs.map((run) => run.finishedAt);
  return {
    ...first,
    // Deterministic: merging the same shards twice gives the same report.
    id: `merged-${sha256(
      shards
        .map((shard) => shard.runId)
        .sort()
        .join('\n'),
    ).slice(0, 32)}`,
    startedAt: runs.map((run) => run.startedAt).sort()[0]!,
    finishedAt: finished.includes(null) ? null : (finished as string[]).sort().at(-1)!,
    complete: runs.every((run) => run.complete),
    shards,
    errors: runs.flatMap((run) => run.errors),
  };
}
