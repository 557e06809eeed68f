import {
  applyWaivers,
  assembleModel,
  type ControlEntry,
  extractLabMatrices,
  type FileDigest,
  MODEL_VERSION,
  type ModelBase,
  type RunError,
  type RunInputs,
  type RunModel,
  sha256,
  type TargetInfo,
  type Waiver,
} from '../compliance';
import type { CollectedRun } from './run-collector';
import { scenarioResultsOf } from './scenario-result';

/** What the formatter knows about a run besides the messages. */
export interface RunContext {
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: TargetInfo;
  readonly gitCommit: string | null;
  readonly nodeVersion: string;
  readonly scenarioFiles: readonly FileDigest[];
  /** Feature URIs generated from scenario files' checks: the scenario files are the inputs, not these. */
  readonly generatedFeatures?: readonly string[];
  readonly catalog: { readonly path: string; readonly sha256: string; readonly controls: readonly ControlEntry[] };
  readonly waivers: readonly Waiver[];
  /** A run id for when cucumber gave none. */
  readonly fallbackRunId: string;
}

/** Folds a collected run into the report model; `now` stands in for times the stream never gave. */
export function buildRunModel(collected: CollectedRun, context: RunContext, now: Date): RunModel {
  const complete = collected.finishedAt !== null;
  const startedAt = new Date(collected.startedAt ?? now.getTime()).toISOString();
  const finishedAt = complete ? new Date(collected.finishedAt!).toISOString() : null;
  const id = collected.runId ?? context.fallbackRunId;
  const errors: RunError[] = [...collected.errors];
  if (!complete)
    errors.push({ source: 'run', message: 'the run ended before cucumber reported it finished (crash or signal)' });
  const base: ModelBase = {
    modelVersion: MODEL_VERSION,
    tool: context.tool,
    run: {
      id,
      startedAt,
      finishedAt,
      complete,
      nodeVersion: context.nodeVersion,
      cucumberVersion: collected.cucumberVersion,
      gitCommit: asCommitId(collected.gitRevision) ?? context.gitCommit,
      target: context.target,
      shards: [{ runId: id, startedAt, finishedAt }],
      errors,
    },
    inputs: inputsOf(collected.sources, context),
  };
  const { scenarios, labs } = extractLabMatrices(scenarioResultsOf(collected));
  const model = assembleModel({ ...base, labs }, scenarios, context.catalog.controls, new Map(), []);
  return context.waivers.length > 0 ? applyWaivers(model, context.waivers, now) : model;
}

function inputsOf(sources: ReadonlyMap<string, string>, context: RunContext): RunInputs {
  const features = [...sources.entries()]
    .filter(([path]) => !context.generatedFeatures?.includes(path))
    .map(([path, data]) => ({ path, sha256: sha256(data) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    featureSetDigest: featureSetDigest(features),
    features,
    scenarioFiles: context.scenarioFiles,
    catalog: { path: context.catalog.path, sha256: context.catalog.sha256 },
  };
}

/** `value` if it looks like a git commit id (the report schema insists), else null. */
export const asCommitId = (value: string | null | undefined): string | null =>
  value && /^[0-9a-f]{7,64}$/.test(value) ? value : null;

/** Digest identifying a set of feature files by path and content. */
export const featureSetDigest = (features: readonly FileDigest[]): string =>
  sha256(features.map((feature) => `${feature.sha256 ?? '-'}  ${feature.path}\n`).join(''));
