/**
 * Public surface of the compliance model: catalog, run model and how it is assembled, renderers,
 * gate, waivers, merge, diff and signing. Cucumber runs and `audit` both produce this model.
 */

export { gatewayMatrix } from './access-matrix';
export { assembleModel, type ModelBase } from './assemble-model';
export {
  type ControlCatalog,
  type ControlEntry,
  DEFAULT_CATALOG_FILE,
  isCatalogued,
  loadCatalog,
  parseCatalog,
} from './catalog';
export { digestLine, sha256 } from './digest';
export { EVIDENCE_BUNDLE, evidenceStatement, signedBundle, verifyBundle } from './evidence-bundle';
export { failureParts } from './failure-message';
export { evaluateGate, type GateVerdict } from './gate';
export {
  assertPolicyControls,
  DEFAULT_GATE_POLICY,
  type GatePolicy,
  loadGatePolicy,
  parseGatePolicy,
} from './gate-policy';
export { ACCESS_MATRIX_EVIDENCE, extractLabMatrices } from './lab-matrices';
export { matrixChanges } from './matrix-diff';
export { mergeReports, type ShardReport } from './merge-reports';
export { formatDuration } from './present';
export { printable } from './printable';
export { redactDeep, redactText } from './redact';
export { renderDiffJson, renderDiffMarkdown } from './render-diff';
export { renderHtml } from './render-html';
export { renderJson } from './render-json';
export { renderJunit } from './render-junit';
export { renderMarkdown } from './render-markdown';
export { OSCAL_VERSION, oscalControlId, renderOscal } from './render-oscal';
export { renderSarif } from './render-sarif';
export { diffReports } from './report-diff';
export { REPORT_FILES, renderReports, writeReports } from './report-files';
export { loadReport, REPORT_SCHEMA_FILE } from './report-loader';
export * from './run-model';
export { keyFileWarning, loadPublicKey, loadSigningKey, SIGNING_KEY_ENV } from './signing-key';
export { applyWaivers, type Waiver } from './waivers';
