/**
 * A gateway's ZTNA objects as the generated proxy configurations enforce them: its one ZTNA
 * server's API gateways (routing, 021/022), then its enabled ZTNA rules for that server in order,
 * each as a regex over the subject of rule-patterns.ts — the same conditions, in the same order,
 * as ZtnaPolicy.evaluate (src/gateway/ztna-policy.ts). A real proxy authenticates no user: every
 * request reaches it without one, so a rule that names users or groups answers AUTH_REQUIRED.
 * What a config cannot carry honestly is named by exportProblem, and the target does not run it.
 */
import {
  builtinTagFor,
  type CompiledApiGateway,
  type FortiosVersion,
  type Gateway,
  hasFeature,
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
  routeIs,
  routePattern,
  shorthandDestination,
  urlMapRegexProblem,
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
}

/** Why the configs cannot enforce this gateway as the engine decides, or undefined when they can. */
export function exportProblem(gateway: Gateway): string | undefined {
  const servers = gateway.policy.servers;
  if (servers.length !== 1)
    return `the nginx/HAProxy export enforces one ZTNA server; access proxy ${gateway.name} has ${servers.length}`;
  for (const route of servers[0]!.apiGateways) {
    const vhost = route.virtualHost;
    if (vhost && (vhost.clientCert ?? vhost.emptyCertAction ?? vhost.userAgentDetect) !== undefined)
      return `the nginx/HAProxy export does not carry the certificate settings of virtual host ${vhost.name}`;
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
export function exportPolicy(gateway: Gateway, sep = ','): ExportPolicy {
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
  const rules = gateway.objects.proxyPolicies.filter(applies).map((policy, position): ExportRule => {
    const shorthand = policy.destination ? `(?=${hostPathIs(shorthandDestination(policy.destination))})` : '';
    const rest = `${shorthand}${condition.source(policy)}${condition.destination(policy)}`;
    const tags = condition.tags(policy);
    const needsUser = policy.users.length > 0 || policy.groups.length > 0;
    const kind = needsUser ? 'auth' : policy.action;
    return {
      outcome: `${kind}/${tags ? 't' : 'n'}/${position}`,
      name: policyName(policy),
      pattern: `^${rest}${tags?.holds ?? ''}`,
      ...(tags ? { tagsFail: `^${rest}${tags.fails}` } : {}),
    };
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
  };
}

/** The detail of AUTH_REQUIRED for a rule, in the engine's words (gateway.ts). */
export const authRequiredDetail = (policy: ExportPolicy, rule: ExportRule): string =>
  `rule ${rule.name} needs an authenticated user${policy.authPortal ? '; the auth portal asks for it' : ''}`;

/** The detail of APP_NOT_FOUND before the request's host and path, in the engine's words. */
export const appNotFoundPrefix = (policy: ExportPolicy): string => `no API gateway of ${policy.server} maps `;

/** The detail of REAL_SERVER_NOT_FOUND for a route, in the engine's words. */
export const noRealServerDetail = (route: ExportRoute): string => `api-gateway ${route.id} has no active real server`;
