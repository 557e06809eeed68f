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
  for (const dump of gateway.dumps)
    for (const { tenantId } of dump.records) if (tenantId !== undefined) tenants.add(tenantId);
  let identities: RecordIdentities | undefined; // only when a tenant id does not show a site
  const shows = (endpoint: EmsEndpoint): boolean => {
    if (tenants.has(endpoint.tenantId ?? (DEFAULT_SITE.test(endpoint.site) ? DEFAULT_TENANT : ''))) return true;
    identities ??= recordIdentities(gateway);
    return identities.uids.has(endpoint.uid) || (endpoint.certSn !== undefined && identities.sns.has(endpoint.certSn));
  };
  const sites = new Set<string>();
  // One endpoint that shows a site is enough: the other 199,999 rows of it are not checked.
  for (const endpoint of ems.endpoints) if (!sites.has(endpoint.site) && shows(endpoint)) sites.add(endpoint.site);
  return sites.size > 0 ? { sites, how: 'inferred' } : { sites: new Set(ems.endpoints.map((e) => e.site)), how: 'all' };
}

/** The UIDs of a gateway's records, and the certificate SNs of those without UID. */
interface RecordIdentities {
  readonly uids: ReadonlySet<string>;
  readonly sns: ReadonlySet<string>;
}

function recordIdentities(gateway: AuditedGateway): RecordIdentities {
  const uids = new Set<string>();
  const sns = new Set<string>();
  for (const dump of gateway.dumps) {
    for (const { uid, certSn } of dump.records) {
      if (uid !== undefined) uids.add(uid);
      else if (certSn !== undefined) sns.add(certSn);
    }
  }
  return { uids, sns };
}
