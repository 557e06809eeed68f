export type { CertificateCheck } from './certificate-check';
export type { AccessRequest, Decision, DecisionEvidence, DeviceClass } from './decision';
export { decisionOf } from './decision';
export type { DiagnoseContext } from './diagnose';
export { renderRecord, renderRecordList } from './diagnose';
export type { GatewayOptions } from './gateway';
export { Gateway } from './gateway';
export type { ProxyRule, RuleOutcome } from './proxy-rules';
export { evaluateRules, tagsMatch } from './proxy-rules';
export type { ReasonCode, ReasonInfo } from './reasons';
export { isReasonCode, REASON_CODES, REASONS, reasonForFortiosCode } from './reasons';
export type { AccessProxySettings, EmptyCertAction } from './settings';
export { DEFAULT_SETTINGS, EMPTY_CERT_ACTIONS } from './settings';
export type {
  EndpointRecord,
  EndpointRecords,
  GatewaySync,
  Revocations,
  SyncedRoot,
  TrustAnchors,
} from './synced-state';
export { BUILTIN_TAGS, classifyUserAgent } from './user-agent';
export type { VerificationCacheStats } from './verification-cache';
export { VerificationCache } from './verification-cache';
