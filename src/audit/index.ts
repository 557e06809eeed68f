export type { AuditInput, CollectionFailure } from './audit-endpoints';
export { auditEndpoints } from './audit-endpoints';
export type { AuditExpectation } from './audit-expectation';
export type { EmsEndpoint, EmsExport } from './ems-endpoint';
export type { ControlId, Evidence, Finding, FindingKind, Severity } from './finding';
export { FINDING_KINDS, SEVERITIES } from './finding';
export type { GatewayDump, GatewayFormat, GatewayRecord, GatewayRoute, GatewaySummary } from './gateway-dump';
export { parseEmsExport } from './parse-ems-export';
export { type GatewayFile, parseGatewayFile, parseGatewayOutput } from './parse-gateway-output';
