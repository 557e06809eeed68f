/**
 * The reference model's access proxy: after client authentication, which ZTNA server a request
 * reaches, which API gateway maps it, and which ZTNA rule decides — re-derived from FortiOS's
 * rules, apart from src/ (it reads a gateway's FortiOS spelling with code of its own: its own
 * IPv4 arithmetic, wildcard matcher and address resolution; reference-flat-rules.ts reads a
 * lab's flat rules).
 *
 * - `config firewall access-proxy-virtual-host`: `host-type` sub-string (the host contains the
 *   pattern) or wildcard (the whole host matches it); host names compare case-insensitively
 *   (https://docs.fortinet.com/document/fortigate/7.4.4/cli-reference/12260/config-firewall-access-proxy-virtual-host).
 * - `config firewall access-proxy` `api-gateway`: `url-map-type` sub-string, wildcard or regex
 *   (a search in the path), read in order, the first whose virtual host and url-map match maps
 *   the request; none → 021; none of its real servers active → 022
 *   (https://docs.fortinet.com/document/fortigate/7.4.4/cli-reference/12240/config-firewall-access-proxy,
 *   https://docs.fortinet.com/document/fortigate/7.6.5/administration-guide/765420).
 * - `config firewall proxy-policy`: ordered, first match wins; a disabled rule is not read;
 *   `srcaddr` against the client's IPv4 address, `dstaddr` against the host and the active real
 *   servers, `ztna-ems-tag` terms (a group: any member) with or/and and 7.6.1's negate, then
 *   `users`/`groups`: no authenticated user → the 401 challenge; a user outside them → next rule
 *   (https://docs.fortinet.com/document/fortigate/7.4.4/cli-reference/28620/config-firewall-proxy-policy).
 */
import { LAB_USERS, type RequestTarget } from './actions';
import type { ApiGatewaySpelling, GatewaySpelling, ProxyPolicySpelling } from './gateway-spelling';
import { hostCertificateSettings, negatesTags, type VersionLabel } from './reference-fortios';

/** One request as the access proxy sees it once the device is known. */
export type ModelRequest = RequestTarget;

export interface CertificateSettings {
  readonly clientCert: boolean;
  readonly emptyCertAction: 'accept' | 'block' | 'accept-unmanageable';
  readonly userAgentDetect: boolean;
}

/** Where rule processing ended: the reason, and the rule and API gateway that decided, when any. */
export interface AccessOutcome {
  readonly reason: string;
  readonly rule?: string;
  readonly apiGateway?: number;
}

export interface AccessProxyModel {
  readonly version: VersionLabel;
  /** Whether the model knows the API gateways' ids (a lab's flat rules leave them to the engine). */
  readonly reportsApiGateway: boolean;
  /** The first ZTNA server's certificate settings as configured (the `settings` action changes them). */
  readonly initialSettings: CertificateSettings;
  /** The ZTNA server the request reaches. */
  server(request: ModelRequest): string;
  /** The certificate settings for the request, given the first server's current ones. */
  certificateSettings(request: ModelRequest, first: CertificateSettings): CertificateSettings;
  /** API gateway and ZTNA rules for a device carrying `tags`. */
  decide(request: ModelRequest, tags: readonly string[]): AccessOutcome;
}

/** `*` any run, `?` one character, over the whole text. */
function wildcard(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A dotted quad (a dual-stack socket's `::ffff:` form too) as a number; undefined otherwise. */
function ipv4(text: string): number | undefined {
  const parts = (text.startsWith('::ffff:') ? text.slice(7) : text).split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** `subnet` as FortiOS writes it (`A.B.C.D M.M.M.M` or `A.B.C.D/bits`): does it hold `ip`? */
function inSubnet(subnet: string, ip: number): boolean {
  const [network, mask] = subnet.split(/[ /]/) as [string, string];
  const bits = mask.includes('.')
    ? mask.split('.').reduce((n, octet) => n + Number(octet).toString(2).replace(/0/g, '').length, 0)
    : Number(mask);
  const block = 2 ** (32 - bits);
  return Math.floor(ip / block) === Math.floor(ipv4(network)! / block);
}

interface Subject {
  readonly ip?: number;
  readonly host?: string;
  readonly tags?: readonly string[];
}

/** A gateway in FortiOS spelling. */
export function objectsModel(g: GatewaySpelling): AccessProxyModel {
  const version = g['fortios-version'];
  const addresses = new Map(g.address.map((a) => [a.name!, a]));
  const groups = new Map(g.addrgrp.map((a) => [a.name, a.member]));
  const vhosts = new Map(g['access-proxy-virtual-host'].map((v) => [v.name, v]));
  const regexes = new Map<string, RegExp>();

  /** FortiOS's built-in `all` is every address; a group is any of its members. */
  const matches = (name: string, s: Subject): boolean => {
    if (name === 'all') return true;
    const members = groups.get(name);
    if (members) return members.some((m) => matches(m, s));
    const a = addresses.get(name)!;
    switch (a.type ?? (a['sub-type'] === 'ems-tag' ? 'dynamic' : 'ipmask')) {
      case 'ipmask':
        return s.ip !== undefined && inSubnet(a.subnet!, s.ip);
      case 'iprange':
        return s.ip !== undefined && ipv4(a['start-ip']!)! <= s.ip && s.ip <= ipv4(a['end-ip']!)!;
      case 'fqdn':
        return s.host !== undefined && s.host.toLowerCase() === a.fqdn!.toLowerCase();
      default:
        // A dynamic EMS-tag address holds the endpoints EMS gave the tag.
        return s.tags?.includes(a['obj-tag']!) === true;
    }
  };
  /** The bare tags one `ztna-ems-tag` name stands for; a built-in name is its own tag. */
  const tagsOf = (name: string): string[] => {
    const members = groups.get(name);
    if (members) return members.flatMap(tagsOf);
    return [addresses.get(name)?.['obj-tag'] ?? name];
  };
  const hostMatches = (a: ApiGatewaySpelling, host: string): boolean => {
    const vhost = a['virtual-host'] === undefined ? undefined : vhosts.get(a['virtual-host'])!;
    if (!vhost) return true;
    const h = host.toLowerCase();
    const pattern = vhost.host.toLowerCase();
    return vhost['host-type'] === 'wildcard' ? wildcard(pattern, h) : h.includes(pattern);
  };
  const pathMatches = (a: ApiGatewaySpelling, path: string): boolean => {
    const map = a['url-map'];
    if (a['url-map-type'] === 'wildcard') return wildcard(map, path);
    if (a['url-map-type'] === 'regex') {
      if (!regexes.has(map)) regexes.set(map, new RegExp(map));
      return regexes.get(map)!.test(path);
    }
    return path.includes(map);
  };
  const serverOf = (request: ModelRequest) =>
    g['access-proxy'][
      Math.max(
        0,
        g.vip.findIndex((v) => v.extport === request.port),
      )
    ]!;

  const localUsers = new Map(g['user-local'].map((u) => [u.name, u.status ?? 'enable']));
  /** Only an enabled local user or a user the lab declares can authenticate. */
  const authenticated = (user: string | undefined) =>
    user !== undefined && (localUsers.get(user) === 'enable' || LAB_USERS.some((u) => u.name === user))
      ? user
      : undefined;
  const inGroup = (user: string, group: string) =>
    g['user-group'].some((grp) => grp.name === group && grp.member.includes(user)) ||
    LAB_USERS.some((u) => u.name === user && (u.groups as readonly string[]).includes(group));

  const tagsMatch = (p: ProxyPolicySpelling, tags: readonly string[]): boolean => {
    const terms = (p['ztna-ems-tag'] ?? []).map(tagsOf);
    if (terms.length === 0) return true;
    const held = (term: string[]) => term.some((t) => tags.includes(t));
    const hit = p['ztna-tags-match-logic'] === 'and' ? terms.every(held) : terms.some(held);
    return negatesTags(version) && p['ztna-ems-tag-negate'] === 'enable' ? !hit : hit;
  };

  return {
    version,
    reportsApiGateway: true,
    initialSettings: settingsOf(g['access-proxy'][0]!),
    server: (request) => serverOf(request).name,
    certificateSettings(request, first) {
      const server = serverOf(request);
      const own = server === g['access-proxy'][0] ? first : settingsOf(server);
      if (!hostCertificateSettings(version)) return own;
      // The certificate is asked for in the TLS handshake, before any path: by host alone.
      const named = server['api-gateway'].find((a) => a['virtual-host'] !== undefined && hostMatches(a, request.host));
      const vhost = named ? vhosts.get(named['virtual-host']!)! : undefined;
      return {
        clientCert: vhost?.['client-cert'] === undefined ? own.clientCert : vhost['client-cert'] === 'enable',
        emptyCertAction: vhost?.['empty-cert-action'] ?? own.emptyCertAction,
        userAgentDetect: own.userAgentDetect,
      };
    },
    decide(request, tags) {
      const server = serverOf(request);
      const route = server['api-gateway'].find((a) => hostMatches(a, request.host) && pathMatches(a, request.path));
      if (!route) return { reason: 'APP_NOT_FOUND' };
      const apiGateway = route.id;
      const active = route.realservers.filter((r) => (r.status ?? 'active') === 'active').map((r) => ipv4(r.ip)!);
      if (active.length === 0) return { reason: 'REAL_SERVER_NOT_FOUND', apiGateway };
      const source: Subject = { ip: ipv4(request.source), tags };
      const user = authenticated(request.user);
      // 065 only when the tags were what kept every rule out: no rule that reached them passed them.
      let tagsMissed = false;
      let tagsHit = false;
      for (const p of g['proxy-policy']) {
        if (p.status === 'disable' || !p['access-proxy'].includes(server.name)) continue;
        if (!p.srcaddr.some((name) => matches(name, source))) continue;
        const dst = p.dstaddr ?? [];
        if (
          dst.length > 0 &&
          !dst.some((n) => matches(n, { host: request.host }) || active.some((ip) => matches(n, { ip })))
        )
          continue;
        if (!tagsMatch(p, tags)) {
          tagsMissed = true;
          continue;
        }
        tagsHit = true;
        const rule = p.name ?? String(p.id);
        const users = p.users ?? [];
        const groupNames = p.groups ?? [];
        if (users.length > 0 || groupNames.length > 0) {
          if (user === undefined) return { reason: 'AUTH_REQUIRED', rule, apiGateway };
          if (!users.includes(user) && !groupNames.some((grp) => inGroup(user, grp))) continue;
        }
        if (p.action === 'accept') return { reason: 'ALLOW', rule, apiGateway };
        return { reason: (p['ztna-ems-tag'] ?? []).length > 0 ? 'TAGS_DENY' : 'POLICY_DENY', rule, apiGateway };
      }
      return { reason: tagsMissed && !tagsHit ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH', apiGateway };
    },
  };
}

/** A ZTNA server's certificate settings, FortiOS's defaults for what it leaves out. */
function settingsOf(p: GatewaySpelling['access-proxy'][number]): CertificateSettings {
  return {
    clientCert: (p['client-cert'] ?? 'enable') === 'enable',
    emptyCertAction: p['empty-cert-action'] ?? 'block',
    userAgentDetect: (p['user-agent-detect'] ?? 'enable') === 'enable',
  };
}
