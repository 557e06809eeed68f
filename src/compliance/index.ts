/**
 * Public surface of the compliance model: catalog, run model and how it is assembled, renderers,
 * gate, waivers, merge, diff and signing. Cucumber runs and `audit` both produce this model.
 */
export { DEFAULT_CATALOG_FILE, isCatalogued, loadCatalog, parseCatalog, type ControlCatalog, type ControlEntry } from './catalog';
export * from './run-model';
export { assembleModel, type ModelBase } from './assemble-model';
export { sha256, digestLine } from './digest';
export { gatewayMatrix } from './access-matrix';
export { ACCESS_MATRIX_EVIDENCE, extractLabMatrices } from './lab-matrices';
export { matrixChanges } from './matrix-diff';
export { renderHtml } from './render-html';
export { renderJson } from './render-json';
export { renderJunit } from './render-junit';
export { renderMarkdown } from './render-markdown';
export { OSCAL_VERSION, oscalControlId, renderOscal } from './render-oscal';
export { renderSarif } from './render-sarif';
export { renderDiffJson, renderDiffMarkdown } from './render-diff';
export { diffReports } from './report-diff';
export { REPORT_FILES, renderReports, writeReports } from './report-files';
export { loadReport, REPORT_SCHEMA_FILE } from './report-loader';
export { mergeReports, type ShardReport } from './merge-reports';
export { assertPolicyControls, DEFAULT_GATE_POLICY, loadGatePolicy, parseGatePolicy, type GatePolicy } from './gate-policy';
export { evaluateGate, type GateVerdict } from './gate';
export { applyWaivers, type Waiver } from './waivers';
export { redactDeep, redactText } from './redact';
export { EVIDENCE_BUNDLE, evidenceStatement, signedBundle, verifyBundle } from './evidence-bundle';
export { keyFileWarning, loadPublicKey, loadSigningKey, SIGNING_KEY_ENV } from './signing-key';
export { failureParts } from './failure-message';
export { formatDuration } from './present';
export { printable } from './printable';
