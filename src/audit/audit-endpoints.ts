import { GatewayDump } from './gateway-dump';
import { EmsExport } from './ems-endpoint';
import { Finding, SEVERITIES } from './finding';
import { AuditExpectation } from './audit-expectation';
import { gatewayFindings } from './gateway-checks';
import { crossFindings, emsFindings } from './cross-checks';

/** What an audit reads: parsed gateway dumps, the EMS export, and the expected EMS identity. */
export interface AuditInput {
  readonly gateways: readonly GatewayDump[];
  /** Without an export only what the gateway dumps show by themselves is checked. */
  readonly ems?: EmsExport;
  readonly expect?: AuditExpectation;
}

/** Compares gateway dumps with the EMS export; findings come most severe first, then in input order. */
export function auditEndpoints(input: AuditInput): readonly Finding[] {
  const expect = input.expect ?? {};
  const findings = [
    ...input.gateways.flatMap((dump) => gatewayFindings(dump, expect)),
    ...(input.ems ? [...emsFindings(input.ems), ...crossFindings(input.gateways, input.ems)] : []),
  ];
  // Array.prototype.sort is stable, so input order survives within a severity.
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
