/**
 * Public surface of the cucumber side: the compliance formatter plugin, the folding of cucumber's
 * messages into the run model, the YAML-checks-to-Gherkin compiler and the wiring `run` uses.
 */

export { attachAccessMatrix } from './access-matrix-attachment';
export { buildRunModel, type RunContext } from './build-run-model';
export { checksToFeature, SOURCE_TAG } from './check-feature';
export {
  assertKnownControls,
  CONTROL_TAG_PREFIX,
  controlIdsOf,
  type LocatedTag,
  locatedTagsOfFeatureText,
  locatedTagsOfPickles,
  type PickleWithDocument,
  pathFromTag,
  pathInTag,
} from './control-tags';
export { type CucumberRunOutcome, type CucumberRunRequest, runFeatures } from './cucumber-run';
export { EVIDENCE_MEDIA_TYPE } from './evidence';
export { default as ztnaFormatter } from './formatter';
export { RunCollector } from './run-collector';
export { formatterSetup, type ZtnaFormatOptions } from './run-context';
export { describeTarget, useReportFormatter } from './run-reports';
