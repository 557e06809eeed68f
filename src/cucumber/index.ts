/**
 * Public surface of the cucumber side: the compliance formatter plugin, the folding of cucumber's
 * messages into the run model, the YAML-checks-to-Gherkin compiler and the wiring `run` uses.
 */
export { default as ztnaFormatter } from './formatter';
export { RunCollector } from './run-collector';
export { buildRunModel, type RunContext } from './build-run-model';
export { formatterSetup, type ZtnaFormatOptions } from './run-context';
export {
  assertKnownControls, CONTROL_TAG_PREFIX, controlIdsOf, locatedTagsOfFeatureText, locatedTagsOfPickles, pathFromTag, pathInTag,
  type LocatedTag, type PickleWithDocument,
} from './control-tags';
export { EVIDENCE_MEDIA_TYPE } from './evidence';
export { attachAccessMatrix } from './access-matrix-attachment';
export { checksToFeature, SOURCE_TAG } from './check-feature';
export { describeTarget, useReportFormatter } from './run-reports';
export { runFeatures, type CucumberRunOutcome, type CucumberRunRequest } from './cucumber-run';
