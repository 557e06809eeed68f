import type { AuditExpectation } from './audit-expectation';
import { evidenceOf, type Finding, finding } from './finding';
import { type GatewayDump, type GatewayRecord, ZERO_CERT_SN } from './gateway-dump';

interface RecordContext {
  readonly dump: GatewayDump;
  readonly expect: AuditExpectation;
}

/** Where a record was read; built only for a finding, not for each of 200,000 healthy records. */
const sourceOf = (dump: GatewayDump, record: GatewayRecord): string => `${dump.file}:${record.line}`;

/** One check of a single gateway record, in the manner of the CA's named validators. */
type RecordCheck = (record: GatewayRecord, context: RecordContext) => Finding | undefined;

const withoutUid: RecordCheck = (record, { dump }) =>
  record.uid !== undefined
    ? undefined
    : finding('gateway-record-without-uid', {
        message: `A record of ${dump.file} has no FortiClient UID, so it cannot be matched with EMS`,
        evidence: evidenceOf({ gateway: dump.file, certSn: record.certSn, hostName: record.hostName }),
        source: sourceOf(dump, record),
      });

const zeroSn: RecordCheck = (record, { dump }) =>
  record.certSn !== ZERO_CERT_SN
    ? undefined
    : finding('cert-sn-zero', {
        uid: record.uid,
        message: `${record.uid ?? 'An endpoint'} has an all-zero certificate SN on ${dump.file}: it holds no ZTNA certificate`,
        evidence: evidenceOf({ gateway: dump.file, certSn: record.certSn, hostName: record.hostName }),
        source: sourceOf(dump, record),
      });

const outOfSync: RecordCheck = (record, { dump }) =>
  record.outOfSync !== true
    ? undefined
    : finding('record-out-of-sync', {
        uid: record.uid,
        message: `${record.uid ?? 'An endpoint'} is out of sync with EMS on ${dump.file}: its tags and status may be stale`,
        evidence: evidenceOf({ gateway: dump.file, outOfSync: true, state: record.extra.State }),
        source: sourceOf(dump, record),
      });

const offline: RecordCheck = (record, { dump }) =>
  record.online !== false
    ? undefined
    : finding('endpoint-offline', {
        uid: record.uid,
        message: `${record.uid ?? 'An endpoint'} is offline on ${dump.file}; the gateway denies it until it is back`,
        evidence: evidenceOf({ gateway: dump.file, online: false, hostName: record.hostName }),
        source: sourceOf(dump, record),
      });

const unexpectedSerial: RecordCheck = (record, { dump, expect }) => {
  const wanted = expect.emsSerial?.toUpperCase();
  if (wanted === undefined || record.emsSerial === undefined || record.emsSerial === wanted) return undefined;
  return finding('unexpected-ems-serial', {
    uid: record.uid,
    message: `${record.uid ?? 'An endpoint'} on ${dump.file} comes from EMS ${record.emsSerial}, not ${wanted}`,
    evidence: evidenceOf({ gateway: dump.file, emsSerial: record.emsSerial, expectedEmsSerial: wanted }),
    source: sourceOf(dump, record),
  });
};

const unexpectedTenant: RecordCheck = (record, { dump, expect }) => {
  const wanted = expect.tenantId?.toUpperCase();
  if (wanted === undefined || record.tenantId === undefined || record.tenantId === wanted) return undefined;
  return finding('unexpected-ems-tenant', {
    uid: record.uid,
    message: `${record.uid ?? 'An endpoint'} on ${dump.file} belongs to EMS tenant ${record.tenantId}, not ${wanted}`,
    evidence: evidenceOf({ gateway: dump.file, tenantId: record.tenantId, expectedTenantId: wanted }),
    source: sourceOf(dump, record),
  });
};

const RECORD_CHECKS: readonly RecordCheck[] = [
  withoutUid,
  zeroSn,
  unexpectedSerial,
  unexpectedTenant,
  outOfSync,
  offline,
];

/** Findings one gateway dump shows by itself, without EMS: per record, duplicates, summary. */
export function gatewayFindings(dump: GatewayDump, expect: AuditExpectation): Finding[] {
  const findings: Finding[] = [];
  const firstByUid = new Map<string, GatewayRecord>();
  const context = { dump, expect };
  for (const record of dump.records) {
    for (const check of RECORD_CHECKS) {
      const found = check(record, context);
      if (found) findings.push(found);
    }
    if (record.uid === undefined) continue;
    const first = firstByUid.get(record.uid);
    if (first) findings.push(duplicateRecord(record, first, dump));
    else firstByUid.set(record.uid, record);
  }
  return [...findings, ...summaryFindings(dump)];
}

function duplicateRecord(record: GatewayRecord, first: GatewayRecord, dump: GatewayDump): Finding {
  const uid = record.uid!;
  return finding('duplicate-uid', {
    uid,
    message: `${uid} has more than one record on ${dump.file} (the first at line ${first.line})`,
    evidence: evidenceOf({ gateway: dump.file, firstSource: sourceOf(dump, first) }),
    source: sourceOf(dump, record),
  });
}

/** The record list's summary: out-of-sync records (which its blocks do not flag) and counts. */
function summaryFindings({ file, records, summary }: GatewayDump): Finding[] {
  if (!summary) return [];
  const source = `${file}:${summary.line}`;
  const findings: Finding[] = [];
  if (summary.outOfSync > 0 && records.every((record) => record.outOfSync === undefined)) {
    findings.push(
      finding('record-out-of-sync', {
        message: `${file} reports ${summary.outOfSync} out-of-sync record(s) in its summary`,
        evidence: { gateway: file, outOfSyncRecords: summary.outOfSync },
        source,
      }),
    );
  }
  if (summary.online + summary.offline !== records.length) {
    findings.push(
      finding('summary-count-mismatch', {
        message: `${file} lists ${records.length} record(s) but its summary counts ${summary.online} online and ${summary.offline} offline`,
        evidence: {
          gateway: file,
          recordsListed: records.length,
          summaryOnline: summary.online,
          summaryOffline: summary.offline,
        },
        source,
      }),
    );
  }
  return findings;
}
