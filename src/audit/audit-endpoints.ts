import type { AuditExpectation } from './audit-expectation';
import { crossFindings, emsFindings, firstRowsByUid } from './cross-checks';
import type { EmsExport } from './ems-endpoint';
import { type Finding, finding, SEVERITIES } from './finding';
import { gatewayFindings } from './gateway-checks';
import type { GatewayDump } from './gateway-dump';

/** What an audit reads: parsed gateway dumps, the EMS export, and the expected EMS identity. */
export interface AuditInput {
  readonly gateways: readonly GatewayDump[];
  /** Without an export only what the gateway dumps show by themselves is checked. */
  readonly ems?: EmsExport;
  readonly expect?: AuditExpectation;
  /** Devices named for the audit whose output could not be collected. */
  readonly collectionFailures?: readonly CollectionFailure[];
}

/** A device that could not be collected: who, why, and where it was named (the finding's source). */
export interface CollectionFailure {
  readonly device: string;
  readonly reason: string;
  readonly source: string;
}

const failed = ({ device, reason, source }: CollectionFailure): Finding =>
  finding('collection-failed', {
    message: `${device} was not audited: ${reason}`,
    evidence: { device, reason },
    source,
  });

/** Compares gateway dumps with the EMS export; findings come most severe first, then in input order. */
export function auditEndpoints(input: AuditInput): readonly Finding[] {
  const expect = input.expect ?? {};
  const { ems } = input;
  const byUid = ems && firstRowsByUid(ems); // both EMS checks read it; 200,000 rows are indexed once
  const findings = [
    ...(input.collectionFailures ?? []).map(failed),
    ...input.gateways.flatMap((dump) => gatewayFindings(dump, expect)),
    ...(ems ? [...emsFindings(ems, byUid), ...crossFindings(input.gateways, ems, byUid)] : []),
  ];
  // One pass per severity keeps input order within each, without a sort's comparisons.
  return SEVERITIES.flatMap((severity) => findings.filter((found) => found.severity === severity));
}
