export { parseGatewayOutput } from './parse-gateway-output';
export { parseEmsExport } from './parse-ems-export';
export { auditEndpoints } from './audit-endpoints';
export { FINDING_KINDS, SEVERITIES } from './finding';
export type { AuditInput } from './audit-endpoints';
export type { AuditExpectation } from './audit-expectation';
export type { GatewayDump, GatewayFormat, GatewayRecord, GatewayRoute, GatewaySummary } from './gateway-dump';
export type { EmsEndpoint, EmsExport } from './ems-endpoint';
export type { ControlId, Evidence, Finding, FindingKind, Severity } from './finding';
