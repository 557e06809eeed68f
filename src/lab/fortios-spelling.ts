/**
 * A lab gateway written in FortiOS spelling (`vip`, `access-proxy`, `access-proxy-virtual-host`,
 * `address`, `addrgrp`, `proxy-policy`, `user-local`, `user-group`) → the FortiOS objects the
 * engine decides from. Defaults are FortiOS's (src/gateway/ztna-objects.ts gives each); every
 * reference must name a declared object and a setting the gateway's FortiOS version lacks is
 * refused — each a bad-input error at the YAML line:column.
 */
import { badInput, type SourceLocation } from '../errors';
import { BUILTIN_TAGS, resolveEmsTag } from '../fortios';
import {
  type AccessProxy,
  type AddressGroup,
  type AddressKind,
  type FirewallAddress,
  type FortiosVersion,
  type ProxyPolicy,
  requireFeature,
  type VirtualHost,
  type ZtnaObjects,
} from '../gateway';

// biome-ignore lint/suspicious/noExplicitAny: the schema check has already fixed the shape
type Y = Record<string, any>;
type Locate = (path: (string | number)[]) => SourceLocation;

/** The keys that make a gateway entry FortiOS spelling. */
export const FORTIOS_SPELLING_KEYS = [
  'vip',
  'access-proxy',
  'access-proxy-virtual-host',
  'address',
  'addrgrp',
  'proxy-policy',
  'user-local',
  'user-group',
] as const;

const located = (at: SourceLocation) => ({ file: at.file, line: at.line ?? 1, column: at.column ?? 1 });

/** FortiOS `subnet` as written: `10.0.3.0 255.255.255.0` or `10.0.3.0/24`. */
function subnetOf(text: string): { subnet: string; netmask: string } {
  const [subnet, netmask] = text.includes('/') ? text.split('/') : text.split(' ');
  return { subnet: subnet!, netmask: netmask! };
}

function addressKind(a: Y, at: Locate): AddressKind {
  const type = a.type ?? (a['sub-type'] === 'ems-tag' ? 'dynamic' : 'ipmask');
  const need = (key: string) => {
    if (a[key] === undefined) throw badInput(`an address of type ${type} needs ${key}`, at([]));
    return a[key] as string;
  };
  switch (type) {
    case 'iprange':
      return { type: 'iprange', startIp: need('start-ip'), endIp: need('end-ip') };
    case 'fqdn':
      return { type: 'fqdn', fqdn: need('fqdn') };
    case 'dynamic':
      if (a['sub-type'] !== 'ems-tag')
        throw badInput('a dynamic address here must be an EMS tag: set sub-type ems-tag and obj-tag', at([]));
      return { type: 'ems-tag', objTag: need('obj-tag'), ...(a['tag-type'] ? { tagType: a['tag-type'] } : {}) };
    default:
      return { type: 'ipmask', ...subnetOf(need('subnet')) };
  }
}

/** The FortiOS objects of one gateway entry at `path` (e.g. ['gateways', 0]). */
export function fortiosSpellingObjects(
  g: Y,
  version: FortiosVersion,
  locate: Locate,
  path: (string | number)[],
): ZtnaObjects {
  const at = (...rest: (string | number)[]) => locate([...path, ...rest]);
  const gate = (name: Parameters<typeof requireFeature>[1], ...rest: (string | number)[]) =>
    requireFeature(version, name, at(...rest));
  const vips = (g.vip ?? []).map((v: Y, i: number) => ({
    name: v.name,
    extip: v.extip,
    extport: v.extport ?? 443,
    extintf: v.extintf ?? 'any',
    serverType: v['server-type'] ?? 'https',
    ...(v['ssl-certificate'] ? { sslCertificate: v['ssl-certificate'] } : {}),
    at: at('vip', i),
  }));
  const accessProxies: AccessProxy[] = (g['access-proxy'] ?? []).map((p: Y, i: number) => {
    if (p['empty-cert-action'] === 'accept-unmanageable')
      gate('accept-unmanageable', 'access-proxy', i, 'empty-cert-action');
    if (p['user-agent-detect'] !== undefined) gate('user-agent-detect', 'access-proxy', i, 'user-agent-detect');
    return {
      name: p.name,
      vip: p.vip,
      clientCert: p['client-cert'] ?? 'enable',
      emptyCertAction: p['empty-cert-action'] ?? 'block',
      userAgentDetect: p['user-agent-detect'] ?? 'enable',
      authPortal: p['auth-portal'] ?? 'disable',
      ...(p['auth-virtual-host'] ? { authVirtualHost: p['auth-virtual-host'] } : {}),
      apiGateways: (p['api-gateway'] ?? []).map((a: Y, j: number) => ({
        id: a.id,
        urlMap: a['url-map'] ?? '/',
        urlMapType: a['url-map-type'] ?? 'sub-string',
        service: a.service ?? 'https',
        ...(a['virtual-host'] ? { virtualHost: a['virtual-host'] } : {}),
        realServers: (a.realservers ?? []).map((r: Y, k: number) => ({
          id: r.id,
          ...(r.ip ? { ip: r.ip } : {}),
          ...(r.address ? { address: r.address } : {}),
          port: r.port ?? 443,
          status: r.status ?? 'active',
          at: at('access-proxy', i, 'api-gateway', j, 'realservers', k),
        })),
        at: at('access-proxy', i, 'api-gateway', j),
      })),
      at: at('access-proxy', i),
    };
  });
  const virtualHosts: VirtualHost[] = (g['access-proxy-virtual-host'] ?? []).map((v: Y, i: number) => {
    for (const key of ['client-cert', 'empty-cert-action', 'user-agent-detect'])
      if (v[key] !== undefined) gate('virtual-host-certificate-settings', 'access-proxy-virtual-host', i, key);
    return {
      name: v.name,
      host: v.host,
      hostType: v['host-type'] ?? 'sub-string',
      ...(v['ssl-certificate'] ? { sslCertificate: v['ssl-certificate'] } : {}),
      ...(v['client-cert'] ? { clientCert: v['client-cert'] } : {}),
      ...(v['empty-cert-action'] ? { emptyCertAction: v['empty-cert-action'] } : {}),
      ...(v['user-agent-detect'] ? { userAgentDetect: v['user-agent-detect'] } : {}),
      at: at('access-proxy-virtual-host', i),
    };
  });
  const addresses: FirewallAddress[] = (g.address ?? []).map((a: Y, i: number) => ({
    name: a.name,
    kind: addressKind(a, (rest) => at('address', i, ...rest)),
    at: at('address', i),
  }));
  const addressGroups: AddressGroup[] = (g.addrgrp ?? []).map((a: Y, i: number) => ({
    name: a.name,
    members: a.member,
    category: a.category ?? 'default',
    at: at('addrgrp', i),
  }));
  const users = (g['user-local'] ?? []).map((u: Y, i: number) => ({
    name: u.name,
    status: u.status ?? 'enable',
    type: u.type ?? 'password',
    at: at('user-local', i),
  }));
  const userGroups = (g['user-group'] ?? []).map((u: Y, i: number) => ({
    name: u.name,
    members: u.member ?? [],
    at: at('user-group', i),
  }));
  const tagObjects = { version, addresses, addressGroups, emsConnectors: [] };
  const proxyPolicies: ProxyPolicy[] = (g['proxy-policy'] ?? []).map((p: Y, i: number) => {
    if (p['ztna-ems-tag-negate'] !== undefined) gate('ztna-ems-tag-negate', 'proxy-policy', i, 'ztna-ems-tag-negate');
    const tags: string[] = p['ztna-ems-tag'] ?? [];
    return {
      id: p.id,
      ...(p.name ? { name: p.name } : {}),
      status: p.status ?? 'enable',
      accessProxies: p['access-proxy'] ?? [],
      srcaddr: p.srcaddr ?? [],
      dstaddr: p.dstaddr ?? [],
      ztnaEmsTag: tags,
      emsTags: emsTagTerms(tags, tagObjects, (j) => located(at('proxy-policy', i, 'ztna-ems-tag', j))),
      ztnaTagsMatchLogic: p['ztna-tags-match-logic'] ?? 'or',
      ztnaEmsTagNegate: p['ztna-ems-tag-negate'] ?? 'disable',
      users: p.users ?? [],
      groups: p.groups ?? [],
      action: p.action ?? 'deny',
      at: at('proxy-policy', i),
    };
  });
  const objects: ZtnaObjects = {
    version,
    emsConnectors: [],
    vips,
    accessProxies,
    virtualHosts,
    addresses,
    addressGroups,
    proxyPolicies,
    users,
    userGroups,
  };
  checkSpellingReferences(objects, at);
  return objects;
}

/** The EMS connector of a lab gateway that declares none: `ems1`, EMS id 1 (`EMS1_…` tag names refer to it). */
const LAB_CONNECTOR = {
  emsId: 1,
  name: 'ems1',
  status: 'enable' as const,
  server: 'ems',
  trustCaCn: 'enable' as const,
  outOfSyncThreshold: 180,
};

/**
 * What each `ztna-ems-tag` name of one rule requires (see `tagTerm`), against the gateway's
 * addresses, address groups and EMS connectors (the lab's one connector when it declares none).
 * The steps that state ZTNA rules in a table read tag names the same way as a YAML lab.
 */
export function emsTagTerms(
  names: readonly string[],
  objects: Pick<ZtnaObjects, 'version' | 'addresses' | 'addressGroups' | 'emsConnectors'>,
  at: (index: number) => ReturnType<typeof located>,
): (readonly string[])[] {
  const index = {
    version: objects.version,
    addresses: new Map(objects.addresses.map((a) => [a.name, a])),
    groups: new Map(objects.addressGroups.map((a) => [a.name, a])),
    connectors: objects.emsConnectors.length > 0 ? objects.emsConnectors : [LAB_CONNECTOR],
  };
  return names.map((name, j) => tagTerm(name, at(j), index));
}

/**
 * What one `ztna-ems-tag` name requires: a dynamic EMS-tag address, a ztna-ems-tag group, an
 * `EMS1_ZTNA_<tag>` / `EMS1_CLASS_<tag>` name of the lab's one connector, a built-in tag, or —
 * shorthand for a lab — a bare EMS tag name (`Domain-Users`).
 */
function tagTerm(
  name: string,
  at: ReturnType<typeof located>,
  index: Parameters<typeof resolveEmsTag>[2],
): readonly string[] {
  const fortiosName =
    index.addresses.has(name) ||
    index.groups.has(name) ||
    BUILTIN_TAGS.some((t) => t.name === name || t.before724 === name) ||
    /^EMS\d{1,3}_(ZTNA|CLASS)_/.test(name);
  return fortiosName ? resolveEmsTag(name, at, index) : [name];
}

/** Every name an object refers to must be declared in the same gateway. */
function checkSpellingReferences(o: ZtnaObjects, at: (...rest: (string | number)[]) => SourceLocation): void {
  const names = (list: readonly { name: string }[]) => new Set(list.map((x) => x.name));
  const vips = names(o.vips);
  const proxies = names(o.accessProxies);
  const vhosts = names(o.virtualHosts);
  const addresses = new Set([...names(o.addresses), ...names(o.addressGroups), 'all']);
  const users = names(o.users);
  const groups = names(o.userGroups);
  const expect = (known: Set<string>, name: string, what: string, ...path: (string | number)[]) => {
    if (!known.has(name))
      throw badInput(
        `unknown ${what} "${name}"; this gateway declares: ${[...known].join(', ') || 'none'}`,
        at(...path),
      );
  };
  o.accessProxies.forEach((p, i) => {
    expect(vips, p.vip, 'vip', 'access-proxy', i, 'vip');
    if (p.authVirtualHost)
      expect(vhosts, p.authVirtualHost, 'access-proxy-virtual-host', 'access-proxy', i, 'auth-virtual-host');
    p.apiGateways.forEach((a, j) => {
      if (a.virtualHost)
        expect(vhosts, a.virtualHost, 'access-proxy-virtual-host', 'access-proxy', i, 'api-gateway', j, 'virtual-host');
      a.realServers.forEach((r, k) => {
        if (r.address)
          expect(addresses, r.address, 'address', 'access-proxy', i, 'api-gateway', j, 'realservers', k, 'address');
        if (!r.address && !r.ip)
          throw badInput(
            'a real server needs ip or address',
            at('access-proxy', i, 'api-gateway', j, 'realservers', k),
          );
      });
    });
  });
  o.addressGroups.forEach((grp, i) => {
    grp.members.forEach((m, j) => void expect(addresses, m, 'address', 'addrgrp', i, 'member', j));
  });
  o.userGroups.forEach((grp, i) => {
    grp.members.forEach((m, j) => void expect(users, m, 'user-local', 'user-group', i, 'member', j));
  });
  o.proxyPolicies.forEach((p, i) => {
    p.accessProxies.forEach((n, j) => void expect(proxies, n, 'access-proxy', 'proxy-policy', i, 'access-proxy', j));
    p.srcaddr.forEach((n, j) => void expect(addresses, n, 'address', 'proxy-policy', i, 'srcaddr', j));
    p.dstaddr.forEach((n, j) => void expect(addresses, n, 'address', 'proxy-policy', i, 'dstaddr', j));
    p.users.forEach((n, j) => void expect(users, n, 'user-local', 'proxy-policy', i, 'users', j));
    p.groups.forEach((n, j) => void expect(groups, n, 'user-group', 'proxy-policy', i, 'groups', j));
  });
  if (o.accessProxies.length === 0)
    throw badInput('a gateway in FortiOS spelling needs at least one access-proxy', at());
}
