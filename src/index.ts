/**
 * The ztna-harness engine API (`require('ztna-harness')`), for scripting labs without Gherkin:
 * build a lab, drive EMS, endpoints and access proxies on its virtual clock, send requests
 * through a target, and read, gate and merge compliance reports.
 *
 * Everything exported here is public and follows semver (docs/public-api.md lists it). Anything
 * reached by a deep import (`ztna-harness/dist/...`) is internal and may change in any release.
 * Classes exported as types only (Ems, Gateway, FortiClient, FabricLink...) are built by
 * createLab: their methods are public, their constructors are not.
 */

export type { AuditExpectation, AuditInput, EmsExport, Finding, GatewayDump } from './audit';
// Audit of real FortiGate / EMS output.
export { auditEndpoints, parseEmsExport, parseGatewayOutput } from './audit';

// The actors a lab wires together.
export type { Clock, VirtualClock } from './clock';
export type { GatePolicy, GateVerdict, RunModel, ScenarioStatus, ShardReport } from './compliance';
// Compliance reports and the gate.
export {
  DEFAULT_GATE_POLICY,
  evaluateGate,
  loadGatePolicy,
  loadReport,
  mergeReports,
  parseGatePolicy,
  REPORT_FILES,
  renderReports,
  writeReports,
} from './compliance';
export type { Ems, EndpointEntry, Revocation, RootCa, Site } from './ems';
export { DEFAULT_TENANT_ID, NO_CERTIFICATE_SN, rootCaName, UID_PATTERN } from './ems';
export type { ErrorCode, SourceLocation } from './errors';
// Errors: the one error class, with a code and a user-safe message.
export { HarnessError } from './errors';
export type { FabricLink, LinkStatus } from './fabric';
export type { CertificateStore, FortiClient, Identity } from './forticlient';
export type {
  AccessProxySettings,
  AccessRequest,
  Decision,
  DecisionEvidence,
  DeviceClass,
  EmptyCertAction,
  Gateway,
  ProxyRule,
  ReasonCode,
  ReasonInfo,
} from './gateway';
// The access proxy and its decisions.
export {
  BUILTIN_TAGS,
  classifyUserAgent,
  DEFAULT_SETTINGS,
  EMPTY_CERT_ACTIONS,
  isReasonCode,
  REASON_CODES,
  REASONS,
  reasonForFortiosCode,
} from './gateway';
export type {
  ActionName,
  Check,
  CheckAction,
  CraftOptions,
  EndpointSpec,
  GatewaySpec,
  Lab,
  LabOverrides,
  LabSpec,
  LinkSpec,
  Scenario,
} from './lab';
// Labs: the composition root.
export { craftIdentity, createLab, DEFAULT_GATEWAY, DESKTOP_USER_AGENT, loadScenario } from './lab';
export type { Observation, Probe, Target, TargetFile, TargetInfo } from './target';
// Targets: where requests go (in-process, the reference proxy over TLS, nginx, a target file).
export { createTarget, loadTargetFile } from './target';
