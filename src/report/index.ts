/** Public surface of the report module: catalog, control tags, run model, renderers, gate, merge. */
export { DEFAULT_CATALOG_FILE, isCatalogued, loadCatalog, parseCatalog, type ControlCatalog, type ControlEntry } from './catalog';
export {
  assertKnownControls, CONTROL_TAG_PREFIX, controlIdsOf, locatedTagsOfFeatureText, locatedTagsOfPickles,
  type LocatedTag, type PickleWithDocument,
} from './control-tags';
export { EVIDENCE_MEDIA_TYPE } from './evidence';
export { RunCollector } from './run-collector';
export { buildRunModel, type RunContext } from './build-run-model';
export { formatterSetup, type ZtnaFormatOptions } from './run-context';
export * from './run-model';
export { renderHtml } from './render-html';
export { renderJson } from './render-json';
export { renderJunit } from './render-junit';
export { renderMarkdown } from './render-markdown';
export { OSCAL_VERSION, oscalControlId, renderOscal } from './render-oscal';
export { renderSarif } from './render-sarif';
export { REPORT_FILES, renderReports, writeReports } from './report-files';
export { loadReport, REPORT_SCHEMA_FILE } from './report-loader';
export { mergeReports, type ShardReport } from './merge-reports';
export { DEFAULT_GATE_POLICY, loadGatePolicy, parseGatePolicy, type GatePolicy } from './gate-policy';
export { evaluateGate, type GateVerdict } from './gate';
export { applyWaivers, type Waiver } from './waivers';
export { redactDeep, redactText } from './redact';
export { default as ztnaFormatter } from './formatter';
