import type { EmsEndpoint, EmsExport } from './ems-endpoint';
import { evidenceOf, type Finding, finding } from './finding';
import { type GatewayDump, type GatewayRecord, ZERO_CERT_SN } from './gateway-dump';
import { type AuditedGateway, groupByDevice, servedSites } from './gateway-scope';

/** The first row of each UID of an export: the row every check holds a gateway's record against. */
export function firstRowsByUid(ems: EmsExport): ReadonlyMap<string, EmsEndpoint> {
  const byUid = new Map<string, EmsEndpoint>();
  for (const endpoint of ems.endpoints) if (!byUid.has(endpoint.uid)) byUid.set(endpoint.uid, endpoint);
  return byUid;
}

/** Duplicate UIDs in the export; later checks use the first row of each UID. */
export function emsFindings(ems: EmsExport, byUid = firstRowsByUid(ems)): Finding[] {
  const findings: Finding[] = [];
  for (const endpoint of ems.endpoints) {
    const first = byUid.get(endpoint.uid);
    if (first === undefined || first === endpoint) continue;
    findings.push(
      finding('duplicate-uid', {
        uid: endpoint.uid,
        message: `${endpoint.uid} has more than one row in ${ems.file} (the first at line ${first.line})`,
        evidence: { ems: ems.file, firstSource: `${ems.file}:${first.line}` },
        source: `${ems.file}:${endpoint.line}`,
      }),
    );
  }
  return findings;
}

/** Findings of each gateway dump held against the EMS export. */
export function crossFindings(dumps: readonly GatewayDump[], ems: EmsExport, byUid = firstRowsByUid(ems)): Finding[] {
  // Loops rather than flatMap: 200,000 healthy records would each leave an empty array behind.
  const findings: Finding[] = [];
  for (const dump of dumps) {
    for (const record of dump.records) {
      const found = recordAgainstEms(dump, record, ems.file, byUid);
      if (found) findings.push(found);
    }
  }
  for (const gateway of groupByDevice(dumps)) findings.push(...missingRecords(gateway, ems, byUid));
  return findings;
}

function recordAgainstEms(
  dump: GatewayDump,
  record: GatewayRecord,
  emsFile: string,
  byUid: ReadonlyMap<string, EmsEndpoint>,
): Finding | undefined {
  if (record.uid === undefined) return undefined;
  const endpoint = byUid.get(record.uid);
  if (
    endpoint?.registered &&
    record.registered !== false &&
    (record.certSn === undefined || record.certSn === ZERO_CERT_SN || record.certSn === endpoint.certSn)
  ) {
    return undefined; // the common case: built without a single string for 200,000 healthy records
  }
  const source = `${dump.file}:${record.line}`;
  const emsSource = endpoint && `${emsFile}:${endpoint.line}`;
  if (!endpoint?.registered) {
    // A gateway that itself marks the record unregistered already agrees with EMS.
    if (record.registered === false) return undefined;
    return finding('unregistered-endpoint-present', {
      uid: record.uid,
      message: `${record.uid} is ${endpoint ? 'unregistered on EMS' : `not in ${emsFile}`} but ${dump.file} still holds its record`,
      evidence: evidenceOf({
        gateway: dump.file,
        ems: emsFile,
        emsStatus: endpoint ? 'unregistered' : 'absent',
        gatewayCertSn: record.certSn,
        emsSource,
      }),
      source,
    });
  }
  if (record.registered === false) {
    return finding('record-out-of-sync', {
      uid: record.uid,
      message: `${record.uid} is registered on EMS but unregistered on ${dump.file}: the gateway's copy lags EMS`,
      evidence: evidenceOf({
        gateway: dump.file,
        ems: emsFile,
        emsStatus: 'registered',
        gatewayStatus: 'unregistered',
        emsSource,
      }),
      source,
    });
  }
  return snMismatch(dump, record, endpoint, source, emsSource ?? emsFile);
}

/** An all-zero gateway SN is the cert-sn-zero finding already; it is not counted twice. */
function snMismatch(
  dump: GatewayDump,
  record: GatewayRecord,
  endpoint: EmsEndpoint,
  source: string,
  emsSource: string,
): Finding | undefined {
  if (record.certSn === undefined || record.certSn === ZERO_CERT_SN || record.certSn === endpoint.certSn)
    return undefined;
  return finding('cert-sn-mismatch', {
    uid: record.uid,
    message: `${record.uid} has certificate SN ${record.certSn} on ${dump.file} but ${endpoint.certSn ?? 'none'} on EMS`,
    evidence: { gateway: dump.file, gatewayCertSn: record.certSn, emsCertSn: endpoint.certSn ?? 'none', emsSource },
    source,
  });
}

/**
 * Registered endpoints of the sites a gateway serves that none of its complete listings holds.
 * The dumps of one device combine: a record in its fcnacd output counts as much as one in its
 * record list. A `wad dev query-by uid` dump holds only the UIDs someone asked for, so an absent
 * UID there proves nothing. A record without UID stands for the endpoint whose certificate SN it
 * carries: that is one low finding of its own, not also a missing record.
 */
function missingRecords(gateway: AuditedGateway, ems: EmsExport, byUid: ReadonlyMap<string, EmsEndpoint>): Finding[] {
  const listings = gateway.dumps.filter((dump) => dump.format !== 'wad-dev-query');
  if (listings.length === 0) return [];
  const uids = new Set<string>();
  const uidlessSns = new Set<string>();
  for (const dump of listings) {
    for (const { uid, certSn } of dump.records) {
      if (uid !== undefined) uids.add(uid);
      else if (certSn !== undefined) uidlessSns.add(certSn);
    }
  }
  const scope = servedSites(gateway, ems);
  const files = [...new Set(listings.map((dump) => dump.file))].join(', ');
  const where = gateway.name === files ? files : `${gateway.name} (${files})`;
  const findings: Finding[] = [];
  for (const endpoint of byUid.values()) {
    if (!endpoint.registered || !scope.sites.has(endpoint.site) || uids.has(endpoint.uid)) continue;
    if (endpoint.certSn !== undefined && uidlessSns.has(endpoint.certSn)) continue;
    findings.push(
      finding('gateway-record-missing', {
        uid: endpoint.uid,
        message:
          `${endpoint.uid} is registered on EMS (site ${endpoint.site}) but ${where} has no record of it` +
          (scope.how === 'all' ? '; its records name no site, so every site is expected (name them with --site)' : ''),
        evidence: evidenceOf({
          gateway: where,
          ems: ems.file,
          site: endpoint.site,
          siteScope: scope.how,
          emsCertSn: endpoint.certSn,
        }),
        source: `${ems.file}:${endpoint.line}`,
      }),
    );
  }
  return findings;
}
