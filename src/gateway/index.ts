export type { AddressSubject } from './address-book';
export { AddressBook, ALL_ADDRESSES } from './address-book';
export type { CompiledApiGateway } from './api-gateway-routing';
export { hostMatcher, urlMapMatcher, wildcardRegExp } from './api-gateway-routing';
export type { CertificateCheck } from './certificate-check';
export type { AccessRequest, Decision, DecisionEvidence, DeviceClass } from './decision';
export { decisionOf } from './decision';
export type { DiagnoseContext } from './diagnose';
export { cliTranscript, recordListCommand, renderRecord, renderRecordList } from './diagnose';
export type { FortiosVersion, VersionGate, VersionGateName } from './fortios-version';
export {
  compareFortiosVersions,
  concreteFortiosVersion,
  DEFAULT_FORTIOS_VERSION,
  FORTIOS_LINES,
  formatFortiosVersion,
  hasFeature,
  parseFortiosVersion,
  parseLabFortiosVersion,
  requireFeature,
  VERSION_GATES,
} from './fortios-version';
export type { GatewayOptions, LabUser } from './gateway';
export { DEFAULT_SOURCE_ADDRESS, Gateway } from './gateway';
export { formatIpv4, inSubnet, parseIpv4, parseNetmask } from './ipv4';
export type { ProxyRule } from './proxy-rules';
export type { ReasonCode, ReasonInfo } from './reasons';
export { isReasonCode, REASON_CODES, REASONS, reasonForFortiosCode } from './reasons';
export type { AccessProxySettings, EmptyCertAction } from './settings';
export { DEFAULT_SETTINGS, EMPTY_CERT_ACTIONS } from './settings';
export { SHORTHAND_SERVER, shorthandObjects } from './shorthand-policy';
export type {
  EndpointRecord,
  EndpointRecords,
  GatewaySync,
  Revocations,
  SyncedRoot,
  TrustAnchors,
} from './synced-state';
export { BUILTIN_TAGS, builtinTagFor, classifyUserAgent } from './user-agent';
export type { VerificationCacheStats } from './verification-cache';
export { VerificationCache } from './verification-cache';
export type * from './ztna-objects';
export type {
  CertificateSettings,
  CompiledServer,
  PolicyOutcome,
  RoutedOutcome,
  RoutedRequest,
  RuleContext,
} from './ztna-policy';
export { emsTagsMatch, policyName, ZtnaPolicy } from './ztna-policy';
