/**
 * A FortiOS model as a YAML lab in FortiOS spelling (schemas/scenario.schema.json): one gateway
 * with the configuration's connector (`fctems`), VIPs, access proxies, virtual hosts, addresses,
 * address groups, ZTNA rules, local users and user groups, each item under a comment naming the
 * file and line it came from; the lab's EMS with the serial the connector pins; endpoints and
 * users for the derived checks. The result loads with loadScenario and decides as the model does.
 */
import { Document, isCollection } from 'yaml';
import type { SourceLocation } from '../errors';
import { formatFortiosVersion, hasFeature, type LabUser } from '../gateway';
import type { DerivedCheck } from './derive-checks';
import type { EmsConnector, FortiosModel, IgnoredKey, ProxyPolicy } from './fortios-model';
import { BUILTIN_TAGS } from './resolve-ems-tags';

export interface LabYamlInput {
  readonly model: FortiosModel;
  /** The file (or URL) the configuration came from, as comments name it. */
  readonly source: string;
  readonly gatewayName: string;
  readonly warnings: readonly IgnoredKey[];
  readonly checks: readonly DerivedCheck[];
  readonly users: readonly LabUser[];
  /** Set when the configuration was fetched with TLS verification off: the lab says so. */
  readonly insecure?: boolean;
  /** Access proxies left out (--access-proxy), for the header. */
  readonly leftOut?: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: YAML values of the lab's shape
type Y = Record<string, any>;

/** The schema's enums: values outside them are left out (with a comment) rather than written invalid. */
const VIP_SERVER_TYPES = new Set(['http', 'https', 'tcp', 'ssl']);
const SERVICES = new Set(['http', 'https', 'tcp-forwarding', 'samlsp', 'web-portal', 'saas']);
const USER_TYPES = new Set(['password', 'ldap', 'radius', 'tacacs+']);
const ZERO_TENANT = '0'.repeat(32);

/** Drops undefined fields so the YAML shows only what is set. */
const clean = (o: Y): Y => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** An endpoint's name for a tag set: `tagged-Low`, `untagged`. */
export const endpointNameFor = (tags: readonly string[]): string =>
  tags.length === 0 ? 'untagged' : `tagged-${tags.join('-')}`.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);

/** The YAML text of the lab (see the file's header). */
export function labYaml(input: LabYamlInput): string {
  const { model } = input;
  const connector = model.emsConnectors.find((c) => c.status === 'enable') ?? model.emsConnectors[0];
  const comments = new Map<string, string>();
  const note = (path: (string | number)[], text: string) => comments.set(JSON.stringify(path), text);
  const from = (at: SourceLocation | undefined, what: string) =>
    ` ${what}${at?.line === undefined ? '' : ` — ${at.file ?? input.source}:${at.line}`}`;
  const gatewayPath = ['gateways', 0];
  const section = <T extends { at?: SourceLocation }>(
    key: string,
    items: readonly T[],
    what: (item: T) => string,
    write: (item: T) => Y,
  ): Y[] | undefined => {
    if (items.length === 0) return undefined;
    items.forEach((item, i) => void note([...gatewayPath, key, i], from(item.at, what(item))));
    return items.map(write);
  };
  const gateway: Y = clean({
    name: input.gatewayName,
    'fortios-version': formatFortiosVersion(model.version),
    fctems: connector && writeConnector(connector),
    vip: section(
      'vip',
      model.vips,
      (v) => `firewall vip "${v.name}"`,
      (v) =>
        clean({
          name: v.name,
          extip: v.extip,
          extport: v.extport,
          extintf: v.extintf,
          'server-type': VIP_SERVER_TYPES.has(v.serverType) ? v.serverType : undefined,
          'ssl-certificate': v.sslCertificate,
        }),
    ),
    'access-proxy': section(
      'access-proxy',
      model.accessProxies,
      (p) => `firewall access-proxy "${p.name}"`,
      (p) =>
        clean({
          name: p.name,
          vip: p.vip,
          'client-cert': p.clientCert,
          'empty-cert-action': p.emptyCertAction,
          'user-agent-detect': hasFeature(model.version, 'user-agent-detect') ? p.userAgentDetect : undefined,
          'auth-portal': p.authPortal,
          'auth-virtual-host': p.authVirtualHost,
          'api-gateway': p.apiGateways.map((g) =>
            clean({
              id: g.id,
              'url-map': g.urlMap,
              'url-map-type': g.urlMapType,
              service: SERVICES.has(g.service) ? g.service : undefined,
              'virtual-host': g.virtualHost,
              // FortiOS's default ip is 0.0.0.0; the lab needs ip or address written.
              realservers: g.realServers.map((s) =>
                clean({
                  id: s.id,
                  ip: s.ip ?? (s.address ? undefined : '0.0.0.0'),
                  address: s.address,
                  port: s.port,
                  status: s.status,
                }),
              ),
            }),
          ),
        }),
    ),
    'access-proxy-virtual-host': section(
      'access-proxy-virtual-host',
      model.virtualHosts,
      (h) => `firewall access-proxy-virtual-host "${h.name}"`,
      (h) =>
        clean({
          name: h.name,
          host: h.host,
          'host-type': h.hostType,
          'ssl-certificate': h.sslCertificate,
          'client-cert': h.clientCert,
          'empty-cert-action': h.emptyCertAction,
          'user-agent-detect': h.userAgentDetect,
        }),
    ),
    address: section(
      'address',
      model.addresses,
      (a) => `firewall address "${a.name}"`,
      (a) => ({ name: a.name, ...addressKind(a.kind) }),
    ),
    addrgrp: section(
      'addrgrp',
      model.addressGroups,
      (g) => `firewall addrgrp "${g.name}"`,
      (g) => ({ name: g.name, member: [...g.members], category: g.category }),
    ),
    'proxy-policy': section(
      'proxy-policy',
      model.proxyPolicies,
      (p) => `firewall proxy-policy ${p.id}${p.name ? ` "${p.name}"` : ''}`,
      (p) => writePolicy(p, model),
    ),
    'user-local': section(
      'user-local',
      model.users,
      (u) => `user local "${u.name}"`,
      (u) => clean({ name: u.name, status: u.status, type: USER_TYPES.has(u.type) ? u.type : undefined }),
    ),
    'user-group': section(
      'user-group',
      model.userGroups,
      (g) => `user group "${g.name}"${remoteMembers(g.members, model)}`,
      (g) => ({ name: g.name, member: g.members.filter((m) => model.users.some((u) => u.name === m)) }),
    ),
  });
  if (connector) note([...gatewayPath, 'fctems'], from(connector.at, `endpoint-control fctems "${connector.name}"`));
  const endpoints = [...new Set(input.checks.map((c) => JSON.stringify(c.tags)))].map((json) => {
    const tags = JSON.parse(json) as string[];
    return clean({ name: endpointNameFor(tags), tags: tags.length > 0 ? tags : undefined });
  });
  const lab: Y = clean({
    name: `${input.gatewayName} (imported from ${input.source})`,
    ems: connector?.serialNumber ? { serial: connector.serialNumber } : undefined,
    sites:
      connector?.tenantId && connector.tenantId.toUpperCase() !== ZERO_TENANT
        ? [{ name: 'default', 'tenant-id': connector.tenantId }]
        : undefined,
    users:
      input.users.length > 0 ? input.users.map((u) => ({ name: u.name, groups: [...(u.groups ?? [])] })) : undefined,
    endpoints: endpoints.length > 0 ? endpoints : undefined,
    gateways: [gateway],
    checks: input.checks.map((c) => writeCheck(c)),
  });
  const doc = new Document(lab);
  doc.commentBefore = header(input, connector);
  if (input.users.length > 0)
    note(['users'], ' Users of the remote servers (LDAP, RADIUS, SAML…) the user groups name: edit to your own.');
  if (input.checks.length > 0)
    note(
      ['checks'],
      ' Derived from the rules by the harness: what this configuration decides today. Edit the\n expectations to what it should decide; `ztna-harness run` then fails where they differ.',
    );
  input.checks.forEach((c, i) => {
    if (c.rule) note(['checks', i], from(c.rule.at, `decided by proxy-policy ${c.rule.id}`));
  });
  for (const [path, text] of comments) {
    const node = doc.getIn(JSON.parse(path), true);
    if (isCollection(node)) node.commentBefore = text;
  }
  flowStyle(doc);
  return doc.toString({ lineWidth: 0 });
}

function header(input: LabYamlInput, connector: EmsConnector | undefined): string {
  const { model } = input;
  const lines = [
    ` A lab imported by ztna-harness from ${input.source}`,
    ` (VDOM ${model.vdom}, FortiOS ${formatFortiosVersion(model.version)} ${model.versionSource === 'header' ? 'from its #config-version header' : model.versionSource === 'option' ? 'as asked' : 'by default: the file has no #config-version header'}).`,
    ' Each object below names the line it came from. Run it with: ztna-harness run THIS-FILE',
  ];
  if (input.insecure)
    lines.push(' WARNING: TLS verification was OFF (--insecure) when this configuration was fetched.');
  if (input.leftOut && input.leftOut.length > 0)
    lines.push(` Access proxies left out (--access-proxy): ${input.leftOut.join(', ')}.`);
  if (model.emsConnectors.length > 1)
    lines.push(
      ` The configuration has ${model.emsConnectors.length} EMS connectors; the lab has one EMS: ${connector?.name} is kept.`,
    );
  if (!connector?.serialNumber) lines.push(' The connector pins no EMS serial: the lab EMS gets one of its own.');
  if (input.warnings.length > 0) {
    lines.push(' ZTNA-relevant settings the harness does not read (they do not change its decisions):');
    for (const w of input.warnings) lines.push(`   ${w.at.file}:${w.at.line}:${w.at.column}: ${w.section}: ${w.key}`);
  }
  return lines.join('\n');
}

function writeConnector(c: EmsConnector): Y {
  return clean({
    name: c.name,
    status: c.status,
    server: /^[^\s"]+$/.test(c.server) ? c.server : undefined,
    'serial-number': c.serialNumber,
    'tenant-id': c.tenantId,
    'trust-ca-cn': c.trustCaCn,
    'verifying-ca': c.verifyingCa,
    'out-of-sync-threshold': c.outOfSyncThreshold,
  });
}

function addressKind(kind: FortiosModel['addresses'][number]['kind']): Y {
  switch (kind.type) {
    case 'ipmask':
      return { subnet: `${kind.subnet} ${kind.netmask}` };
    case 'iprange':
      return { type: 'iprange', 'start-ip': kind.startIp, 'end-ip': kind.endIp };
    case 'fqdn':
      return { type: 'fqdn', fqdn: kind.fqdn };
    default:
      return clean({ type: 'dynamic', 'sub-type': 'ems-tag', 'obj-tag': kind.objTag, 'tag-type': kind.tagType });
  }
}

/**
 * A rule's `ztna-ems-tag` as the lab reads it: names the lab resolves the same way (its tag
 * addresses and groups, the built-in tags, `EMS1_…` names of connector 1) stay; any other
 * (`EMS2_…`, a 7.0 serial-prefixed name) becomes the one bare EMS tag it stands for.
 */
function labTagNames(p: ProxyPolicy, model: FortiosModel): string[] {
  const names = new Set([...model.addresses.map((a) => a.name), ...model.addressGroups.map((g) => g.name)]);
  const firstIsOne = model.emsConnectors.some((c) => c.emsId === 1);
  const written = p.ztnaEmsTag.map((name, i) => {
    if (names.has(name) || BUILTIN_TAGS.some((t) => t.name === name || t.before724 === name)) return name;
    if (firstIsOne && /^EMS1_(ZTNA|CLASS)_/.test(name)) return name;
    return p.emsTags[i]![0]!;
  });
  // Two names for one tag (EMS1_ZTNA_x and EMS2_ZTNA_x) are one term twice: or and and alike need it once.
  return [...new Set(written)];
}

function writePolicy(p: ProxyPolicy, model: FortiosModel): Y {
  return clean({
    id: p.id,
    name: p.name,
    status: p.status,
    'access-proxy': [...p.accessProxies],
    srcaddr: [...p.srcaddr],
    dstaddr: [...p.dstaddr],
    'ztna-ems-tag': p.ztnaEmsTag.length > 0 ? labTagNames(p, model) : undefined,
    'ztna-tags-match-logic': p.ztnaTagsMatchLogic,
    'ztna-ems-tag-negate': hasFeature(model.version, 'ztna-ems-tag-negate') ? p.ztnaEmsTagNegate : undefined,
    users: p.users.length > 0 ? [...p.users] : undefined,
    groups: p.groups.length > 0 ? [...p.groups] : undefined,
    action: p.action,
  });
}

function remoteMembers(members: readonly string[], model: FortiosModel): string {
  const remote = members.filter((m) => model.remoteServers.some((r) => r.name === m));
  return remote.length === 0
    ? ''
    : `; its members on ${remote.join(', ')} are the lab's users: with this group among their groups`;
}

function writeCheck(c: DerivedCheck): Y {
  return clean({
    name: c.name,
    endpoint: endpointNameFor(c.tags),
    user: c.user,
    'source-address': c.sourceAddress,
    url: c.url,
    expect: c.expect,
    reason: c.expect === 'deny' ? c.reason : undefined,
  });
}

/** Short lists and the small records inside rules as flow collections, as a person would write them. */
function flowStyle(doc: Document): void {
  const lab = doc.toJS() as Y;
  const gateway = (lab.gateways as Y[])[0]!;
  const flow = (...path: (string | number)[]) => {
    const node = doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  };
  const g = ['gateways', 0] as const;
  for (const [i] of (gateway['proxy-policy'] ?? []).entries())
    for (const key of ['access-proxy', 'srcaddr', 'dstaddr', 'ztna-ems-tag', 'users', 'groups'])
      flow(...g, 'proxy-policy', i, key);
  for (const [i] of (gateway.addrgrp ?? []).entries()) flow(...g, 'addrgrp', i, 'member');
  for (const [i] of (gateway['user-group'] ?? []).entries()) flow(...g, 'user-group', i, 'member');
  for (const [i, p] of (gateway['access-proxy'] ?? []).entries())
    for (const [j, a] of (p['api-gateway'] as Y[]).entries())
      for (const [k] of (a.realservers as Y[]).entries())
        flow(...g, 'access-proxy', i, 'api-gateway', j, 'realservers', k);
  for (const [i] of (lab.endpoints ?? []).entries()) flow('endpoints', i, 'tags');
  for (const [i] of (lab.users ?? []).entries()) flow('users', i, 'groups');
}
