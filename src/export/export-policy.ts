/**
 * A gateway's ZTNA objects as the generated proxy configurations enforce them: its one ZTNA
 * server's API gateways (routing, 021/022), then its enabled ZTNA rules for that server in order,
 * each as a regex over the subject of rule-patterns.ts — the same conditions, in the same order,
 * as ZtnaPolicy.evaluate (src/gateway/ztna-policy.ts). Users authenticate with HTTP basic
 * credentials the export lists (see ExportUser); a request without valid ones carries no user, and
 * a rule that names users or groups answers it AUTH_REQUIRED.
 * What a config cannot carry honestly is named by exportProblem, and the target does not run it.
 */
import {
  builtinTagFor,
  type CertificateSettings,
  type CompiledApiGateway,
  type FortiosVersion,
  type Gateway,
  hasFeature,
  type LabUser,
  type ProxyPolicy,
  parseIpv4,
  policyName,
} from '../gateway';
import { type AddressSet, AddressSets, inCidrs } from './address-sets';
import {
  anyOf,
  escapeRegex,
  hostPathIs,
  listHas,
  noUser,
  routeIs,
  routePattern,
  shorthandDestination,
  urlMapRegexProblem,
  virtualHostPattern,
} from './rule-patterns';
import { tagNameProblem } from './tag-names';

/** One API gateway of the ZTNA server, in order. */
export interface ExportRoute {
  /** `g<n>` when it has an active real server, `n<n>` when not (022); n its position. */
  readonly token: string;
  /** The regex over `host/path` that maps a request to it. */
  readonly pattern: string;
  /** Its `edit` id, as decisions name it. */
  readonly id: number;
}

/** One ZTNA rule the configs test, in order. */
export interface ExportRule {
  /** `accept|deny|auth` `/t|n/` (tagged or not) `/position`. */
  readonly outcome: string;
  readonly name: string;
  /** Every condition of the rule over the subject. */
  readonly pattern: string;
  /** Every condition but the tags, with the tags failing: the rule makes a request TAGS_NO_MATCH. */
  readonly tagsFail?: string;
  /**
   * A rule with users: every condition but the user holding, for a user it does not admit. Such a
   * rule passed the tags, so a request no rule decides is NO_POLICY_MATCH, not TAGS_NO_MATCH.
   */
  readonly tagsPass?: string;
}

/** A user the configs can authenticate, with the user groups the engine gives it. */
export interface ExportUser {
  readonly name: string;
  readonly groups: readonly string[];
}

/** What a user or group may be called in a config: nothing a regex, map file or header could misread. */
export const EXPORT_NAME = /^[A-Za-z0-9_.@+-]{1,64}$/;

/**
 * The certificate settings a request meets, by its host: the ZTNA server's, or on 7.6 a virtual
 * host's own (ZtnaPolicy.certificateSettings). `hosts` are read in order, as the engine reads the
 * API gateways' virtual hosts; a host none matches gets profile 0, the server's.
 */
export interface CertificateProfiles {
  readonly settings: readonly CertificateSettings[];
  /** Regexes over the lower-case host, with the profile they select. */
  readonly hosts: readonly { readonly pattern: string; readonly profile: number }[];
}

/** The profiles of the gateway's one ZTNA server. */
export function certificateProfiles(gateway: Gateway): CertificateProfiles {
  const server = gateway.policy.servers[0]!;
  const proxy = server.proxy;
  const settings: CertificateSettings[] = [];
  const profileOf = (s: CertificateSettings): number => {
    const found = settings.findIndex(
      (x) =>
        x.clientCert === s.clientCert &&
        x.emptyCertAction === s.emptyCertAction &&
        x.userAgentDetect === s.userAgentDetect,
    );
    if (found >= 0) return found;
    settings.push(s);
    return settings.length - 1;
  };
  profileOf({
    clientCert: proxy.clientCert === 'enable',
    emptyCertAction: proxy.emptyCertAction,
    userAgentDetect: proxy.userAgentDetect === 'enable',
  });
  const hosts = server.apiGateways.flatMap((route) => {
    const v = route.virtualHost;
    if (!v) return [];
    const profile = profileOf({
      clientCert: (v.clientCert ?? proxy.clientCert) === 'enable',
      emptyCertAction: v.emptyCertAction ?? proxy.emptyCertAction,
      userAgentDetect: (v.userAgentDetect ?? proxy.userAgentDetect) === 'enable',
    });
    return [{ pattern: `^${virtualHostPattern(route)}$`, profile }];
  });
  return { settings, hosts };
}

/** What the configs enforce after a request is let into rule processing. */
export interface ExportPolicy {
  /** The ZTNA server (access proxy) the configs stand for. */
  readonly server: string;
  readonly routes: readonly ExportRoute[];
  readonly rules: readonly ExportRule[];
  /** Distinct IPv4 block lists of the rules' `srcaddr`: `sources` holds the positions a client is in. */
  readonly sourceBlocks: readonly (readonly string[])[];
  /** Whether the block page carries FortiOS error codes (7.4.1+). */
  readonly showsCodes: boolean;
  readonly version: FortiosVersion;
  /** The built-in tag (if the version has one) of a certificate-less client, by its class. */
  readonly anonymousTags: { readonly unmanageable: readonly string[]; readonly unknown: readonly string[] };
  /** `auth-portal enable`: AUTH_REQUIRED's detail says the portal asks for the user. */
  readonly authPortal: boolean;
  /** The users the configs list (lab users, local users, members and names the rules use). */
  readonly users: readonly ExportUser[];
}

/**
 * The users the configs can authenticate and their groups, as ZtnaPolicy reads them: the lab's
 * users with their groups, the objects' local users, and every member of a user group (names
 * no config could carry are left out: they are not applicable on the exports).
 */
export function exportUsers(gateway: Gateway, labUsers: readonly LabUser[]): ExportUser[] {
  const objects = gateway.objects;
  const groups = new Map<string, Set<string>>();
  const of = (name: string) => {
    const set = groups.get(name) ?? new Set<string>();
    groups.set(name, set);
    return set;
  };
  for (const user of objects.users) of(user.name);
  for (const group of objects.userGroups) for (const member of group.members) of(member).add(group.name);
  for (const user of labUsers) {
    const set = of(user.name);
    for (const group of user.groups ?? []) set.add(group);
  }
  for (const policy of objects.proxyPolicies) for (const user of policy.users) of(user);
  return [...groups]
    .filter(([name, set]) => EXPORT_NAME.test(name) && [...set].every((g) => EXPORT_NAME.test(g)))
    .map(([name, set]) => ({ name, groups: [...set] }));
}

/** Why the configs cannot enforce this gateway as the engine decides, or undefined when they can. */
export function exportProblem(gateway: Gateway): string | undefined {
  const servers = gateway.policy.servers;
  if (servers.length !== 1)
    return `the nginx/HAProxy export enforces one ZTNA server; access proxy ${gateway.name} has ${servers.length}`;
  for (const route of servers[0]!.apiGateways) {
    const map = route.apiGateway;
    const why = map.urlMapType === 'regex' ? urlMapRegexProblem(map.urlMap) : undefined;
    if (why) return `the nginx/HAProxy export cannot carry the url-map regex of api-gateway ${map.id}: it has ${why}`;
  }
  const tags = [
    ...gateway.objects.proxyPolicies.flatMap((p) => p.emsTags.flat()),
    ...gateway.objects.addresses.flatMap((a) => (a.kind.type === 'ems-tag' ? [a.kind.objTag] : [])),
  ];
  for (const tag of tags) {
    const problem = tagNameProblem(tag);
    if (problem) return `the nginx/HAProxy export cannot write it: ${problem}`;
  }
  const named = gateway.objects.proxyPolicies.flatMap((p) => [...p.users, ...p.groups]);
  const unwritable = named.find((n) => !EXPORT_NAME.test(n));
  if (unwritable !== undefined)
    return `the nginx/HAProxy export cannot write the user or group name ${JSON.stringify(unwritable)} (letters, digits, _ . @ + -)`;
  const names = [servers[0]!.proxy.name, ...gateway.objects.proxyPolicies.map(policyName)];
  const odd = names.find((n) => /[$\r\n]/.test(n) || n.trim() !== n || n === '');
  if (odd !== undefined)
    return `the nginx/HAProxy export cannot write the name ${JSON.stringify(odd)} ("$", line breaks, outer spaces)`;
  return undefined;
}

/** Which API gateways' active real servers `dstaddr` holds (FortiOS matches dstaddr against them). */
function routesServedFrom(policy: ProxyPolicy, set: AddressSet, routes: readonly CompiledApiGateway[]): number[] {
  const positions: number[] = [];
  routes.forEach((route, position) => {
    const hit = route.apiGateway.realServers.some((server) => {
      if (server.status !== 'active') return false;
      const ip = server.ip === undefined ? undefined : parseIpv4(server.ip);
      return (
        (ip !== undefined && inCidrs(ip, set.cidrs)) ||
        (server.address !== undefined && policy.dstaddr.includes(server.address))
      );
    });
    if (hit) positions.push(position);
  });
  return positions;
}

/** Compiles the gateway's objects for the configs (`sep`: `,` for nginx, `;` for HAProxy). */
export function exportPolicy(gateway: Gateway, sep = ',', labUsers: readonly LabUser[] = []): ExportPolicy {
  const server = gateway.policy.servers[0]!;
  const sets = new AddressSets(gateway.objects);
  const sourceBlocks: string[][] = [];
  const blockPosition = (cidrs: readonly string[]): number => {
    const key = cidrs.join(' ');
    const found = sourceBlocks.findIndex((b) => b.join(' ') === key);
    if (found >= 0) return found;
    sourceBlocks.push([...cidrs]);
    return sourceBlocks.length - 1;
  };
  const condition = {
    source(policy: ProxyPolicy): string {
      const set = sets.of(policy.srcaddr);
      if (set.all) return '';
      const alternatives = [
        ...(set.cidrs.length > 0 ? [listHas('sources', [String(blockPosition(set.cidrs))], sep)] : []),
        ...(set.tags.length > 0 ? [listHas('tags', set.tags, sep)] : []),
      ];
      return anyOf(alternatives);
    },
    destination(policy: ProxyPolicy): string {
      const set = sets.of(policy.dstaddr);
      if (set.all) return '';
      const routes = routesServedFrom(policy, set, server.apiGateways);
      const fqdns = set.fqdns.map(escapeRegex);
      return anyOf([
        ...(routes.length > 0 ? [routeIs(routes)] : []),
        ...(fqdns.length > 0 ? [hostPathIs(`(?:${fqdns.join('|')})/`)] : []),
      ]);
    },
    tags(policy: ProxyPolicy): { holds: string; fails: string } | undefined {
      const terms = policy.emsTags;
      if (terms.length === 0) return undefined;
      const hit =
        policy.ztnaTagsMatchLogic === 'and'
          ? terms.map((term) => `(?=${listHas('tags', term, sep)})`).join('')
          : `(?=${listHas('tags', terms.flat(), sep)})`;
      return policy.ztnaEmsTagNegate === 'enable'
        ? { holds: `(?!${hit})`, fails: `(?=${hit})` }
        : { holds: hit, fails: `(?!${hit})` };
    },
  };
  const applies = (p: ProxyPolicy) =>
    p.status === 'enable' && (p.accessProxies.length === 0 || p.accessProxies.includes(server.proxy.name));
  const rules = gateway.objects.proxyPolicies.filter(applies).flatMap((policy, position): ExportRule[] => {
    const shorthand = policy.destination ? `(?=${hostPathIs(shorthandDestination(policy.destination))})` : '';
    const rest = `${shorthand}${condition.source(policy)}${condition.destination(policy)}`;
    const tags = condition.tags(policy);
    const t = tags ? 't' : 'n';
    const base = { name: policyName(policy), ...(tags ? { tagsFail: `^${rest}${tags.fails}` } : {}) };
    const matched = `^${rest}${tags?.holds ?? ''}`;
    if (policy.users.length === 0 && policy.groups.length === 0)
      return [{ ...base, outcome: `${policy.action}/${t}/${position}`, pattern: matched }];
    // No user: the rule asks for one (AUTH_REQUIRED). A user: the rule's action if it is a member, else the next rule.
    const member = anyOf([
      ...(policy.users.length > 0 ? [listHas('user', policy.users, sep)] : []),
      ...(policy.groups.length > 0 ? [listHas('groups', policy.groups, sep)] : []),
    ]);
    return [
      {
        ...base,
        outcome: `auth/${t}/${position}`,
        pattern: `${matched}(?=${noUser()})`,
        tagsPass: `${matched}(?!${noUser()})`,
      },
      { name: base.name, outcome: `${policy.action}/${t}/${position}`, pattern: `${matched}${member}` },
    ];
  });
  return {
    server: server.proxy.name,
    routes: server.apiGateways.map((route, position) => ({
      token: `${route.hasActiveServer ? 'g' : 'n'}${position}`,
      pattern: routePattern(route),
      id: route.apiGateway.id,
    })),
    rules,
    sourceBlocks,
    showsCodes: hasFeature(gateway.version, 'block-page-error-codes'),
    version: gateway.version,
    anonymousTags: {
      unmanageable: builtinTagFor('unmanageable', gateway.version),
      unknown: builtinTagFor('unknown', gateway.version),
    },
    authPortal: server.proxy.authPortal === 'enable',
    users: exportUsers(gateway, labUsers),
  };
}

/** The detail of AUTH_REQUIRED for a rule, in the engine's words (gateway.ts). */
export const authRequiredDetail = (policy: ExportPolicy, rule: ExportRule): string =>
  `rule ${rule.name} needs an authenticated user${policy.authPortal ? '; the auth portal asks for it' : ''}`;

/** The detail of APP_NOT_FOUND before the request's host and path, in the engine's words. */
export const appNotFoundPrefix = (policy: ExportPolicy): string => `no API gateway of ${policy.server} maps `;

/** The detail of REAL_SERVER_NOT_FOUND for a route, in the engine's words. */
export const noRealServerDetail = (route: ExportRoute): string => `api-gateway ${route.id} has no active real server`;

/** The token of `Authorization: Basic <token>` for a user and password. */
export const basicToken = (user: string, password: string): string =>
  Buffer.from(`${user}:${password}`).toString('base64');

/** The reasons decided once an API gateway mapped the request (decisions then name it). */
export const ROUTED_REASONS =
  'ALLOW|POLICY_DENY|TAGS_DENY|TAGS_NO_MATCH|NO_POLICY_MATCH|AUTH_REQUIRED|REAL_SERVER_NOT_FOUND';
