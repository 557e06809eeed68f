import type { EmsEndpoint, EmsExport } from './ems-endpoint';
import type { GatewayDump } from './gateway-dump';

/** The default EMS site; its tenant id is all zeros. */
const DEFAULT_SITE = /^default$/i;
const DEFAULT_TENANT = '0'.repeat(32);

/** One FortiGate as the audit sees it: every dump that names the same device. */
export interface AuditedGateway {
  /** The device name (prompt host and VDOM, or who collected it), else the file. */
  readonly name: string;
  readonly dumps: readonly GatewayDump[];
}

/** Which EMS sites a gateway serves, and how the audit knows it. */
export interface SiteScope {
  readonly sites: ReadonlySet<string>;
  readonly how: 'named' | 'inferred' | 'all';
}

/** Groups dumps by the device that printed them, in input order; a dump without a device is one of its own. */
export function groupByDevice(dumps: readonly GatewayDump[]): AuditedGateway[] {
  const byName = new Map<string, GatewayDump[]>();
  for (const dump of dumps) {
    const name = dump.device ?? dump.file;
    const group = byName.get(name);
    if (group) group.push(dump);
    else byName.set(name, [dump]);
  }
  return [...byName].map(([name, group]) => ({ name, dumps: group }));
}

/**
 * The sites a gateway serves: those the auditor named, else those its records show — by the
 * records' EMS tenant id (the export's `tenant_id`, or the default site's all-zero id), by a
 * record's UID, or by the certificate SN of a record without UID. A gateway whose records show
 * no site is held against every site: failing closed beats an audit that checks nothing.
 */
export function servedSites(gateway: AuditedGateway, ems: EmsExport): SiteScope {
  const named = gateway.dumps.flatMap((dump) => dump.sites ?? []);
  if (named.length > 0) return { sites: new Set(named), how: 'named' };
  const tenants = new Set<string>();
  const uids = new Set<string>();
  const sns = new Set<string>();
  for (const record of gateway.dumps.flatMap((dump) => dump.records)) {
    if (record.tenantId !== undefined) tenants.add(record.tenantId);
    if (record.uid !== undefined) uids.add(record.uid);
    else if (record.certSn !== undefined) sns.add(record.certSn);
  }
  const shows = (endpoint: EmsEndpoint): boolean =>
    tenants.has(endpoint.tenantId ?? (DEFAULT_SITE.test(endpoint.site) ? DEFAULT_TENANT : '')) ||
    uids.has(endpoint.uid) ||
    (endpoint.certSn !== undefined && sns.has(endpoint.certSn));
  const sites = new Set(ems.endpoints.filter(shows).map((endpoint) => endpoint.site));
  return sites.size > 0 ? { sites, how: 'inferred' } : { sites: new Set(ems.endpoints.map((e) => e.site)), how: 'all' };
}
