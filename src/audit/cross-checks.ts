import type { EmsEndpoint, EmsExport } from './ems-endpoint';
import { evidenceOf, type Finding, finding } from './finding';
import { type GatewayDump, type GatewayRecord, ZERO_CERT_SN } from './gateway-dump';
import { type AuditedGateway, groupByDevice, servedSites } from './gateway-scope';

/** Duplicate UIDs in the export; later checks use the first row of each UID. */
export function emsFindings(ems: EmsExport): Finding[] {
  const first = new Map<string, EmsEndpoint>();
  return ems.endpoints.flatMap((endpoint) => {
    const seen = first.get(endpoint.uid);
    if (!seen) {
      first.set(endpoint.uid, endpoint);
      return [];
    }
    return [
      finding('duplicate-uid', {
        uid: endpoint.uid,
        message: `${endpoint.uid} has more than one row in ${ems.file} (the first at line ${seen.line})`,
        evidence: { ems: ems.file, firstSource: `${ems.file}:${seen.line}` },
        source: `${ems.file}:${endpoint.line}`,
      }),
    ];
  });
}

/** Findings of each gateway dump held against the EMS export. */
export function crossFindings(dumps: readonly GatewayDump[], ems: EmsExport): Finding[] {
  const byUid = new Map<string, EmsEndpoint>();
  for (const endpoint of ems.endpoints) if (!byUid.has(endpoint.uid)) byUid.set(endpoint.uid, endpoint);
  return [
    ...dumps.flatMap((dump) => dump.records.flatMap((record) => recordAgainstEms(dump, record, ems.file, byUid))),
    ...groupByDevice(dumps).flatMap((gateway) => missingRecords(gateway, ems, byUid)),
  ];
}

function recordAgainstEms(
  dump: GatewayDump,
  record: GatewayRecord,
  emsFile: string,
  byUid: ReadonlyMap<string, EmsEndpoint>,
): Finding[] {
  if (record.uid === undefined) return [];
  const endpoint = byUid.get(record.uid);
  if (
    endpoint?.registered &&
    record.registered !== false &&
    (record.certSn === undefined || record.certSn === ZERO_CERT_SN || record.certSn === endpoint.certSn)
  ) {
    return []; // the common case: built without a single string for 200,000 healthy records
  }
  const source = `${dump.file}:${record.line}`;
  const emsSource = endpoint && `${emsFile}:${endpoint.line}`;
  if (!endpoint?.registered) {
    // A gateway that itself marks the record unregistered already agrees with EMS.
    if (record.registered === false) return [];
    return [
      finding('unregistered-endpoint-present', {
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
      }),
    ];
  }
  if (record.registered === false) {
    return [
      finding('record-out-of-sync', {
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
      }),
    ];
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
): Finding[] {
  if (record.certSn === undefined || record.certSn === ZERO_CERT_SN || record.certSn === endpoint.certSn) return [];
  return [
    finding('cert-sn-mismatch', {
      uid: record.uid,
      message: `${record.uid} has certificate SN ${record.certSn} on ${dump.file} but ${endpoint.certSn ?? 'none'} on EMS`,
      evidence: { gateway: dump.file, gatewayCertSn: record.certSn, emsCertSn: endpoint.certSn ?? 'none', emsSource },
      source,
    }),
  ];
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
  const records = listings.flatMap((dump) => dump.records);
  const uids = new Set(records.map((record) => record.uid));
  const uidlessSns = new Set(records.filter((record) => record.uid === undefined).map((record) => record.certSn));
  const scope = servedSites(gateway, ems);
  const files = [...new Set(listings.map((dump) => dump.file))].join(', ');
  const where = gateway.name === files ? files : `${gateway.name} (${files})`;
  return [...byUid.values()]
    .filter((endpoint) => endpoint.registered && scope.sites.has(endpoint.site) && !uids.has(endpoint.uid))
    .filter((endpoint) => endpoint.certSn === undefined || !uidlessSns.has(endpoint.certSn))
    .map((endpoint) =>
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
