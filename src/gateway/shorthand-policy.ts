/**
 * A lab's flat `rules:` as FortiOS objects: one ZTNA server (`ztna-server`, its VIP on 443) with
 * the lab's certificate settings, one API gateway per distinct rule host (a virtual host of that
 * host, or no virtual host for a rule without one, mapping every path), and one ZTNA rule per
 * flat rule in order. A flat rule's host and path prefix stay on its rule as a shorthand
 * destination; a host no rule names is therefore mapped by no API gateway (021).
 */
import { DEFAULT_FORTIOS_VERSION, type FortiosVersion } from './fortios-version';
import type { ProxyRule } from './proxy-rules';
import type { AccessProxySettings } from './settings';
import type { AccessProxy, ApiGateway, ProxyPolicy, VirtualHost, ZtnaObjects } from './ztna-objects';

/** The name of the one ZTNA server (access proxy and VIP) of a shorthand lab. */
export const SHORTHAND_SERVER = 'ztna-server';

const onOff = (value: boolean) => (value ? 'enable' : 'disable');

/** The access proxy of a shorthand lab, with `settings` and the given API gateways. */
function shorthandAccessProxy(settings: AccessProxySettings, apiGateways: readonly ApiGateway[]): AccessProxy {
  return {
    name: SHORTHAND_SERVER,
    vip: SHORTHAND_SERVER,
    clientCert: onOff(settings.clientCert),
    emptyCertAction: settings.emptyCertAction,
    userAgentDetect: onOff(settings.userAgentDetect),
    authPortal: 'disable',
    apiGateways,
  };
}

const isAnyHost = (host: string | undefined) => host === undefined || host === '*';

/** The flat rules and settings as the FortiOS objects they stand for. */
export function shorthandObjects(
  rules: readonly ProxyRule[],
  settings: AccessProxySettings,
  version: FortiosVersion = DEFAULT_FORTIOS_VERSION,
): ZtnaObjects {
  const virtualHosts: VirtualHost[] = [];
  const apiGateways: ApiGateway[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const key = isAnyHost(rule.host) ? '*' : rule.host!.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const id = apiGateways.length + 1;
    if (key !== '*') virtualHosts.push({ name: key, host: key, hostType: 'wildcard' });
    apiGateways.push({
      id,
      urlMap: '/',
      urlMapType: 'sub-string',
      service: 'https',
      ...(key === '*' ? {} : { virtualHost: key }),
      realServers: [],
    });
  }
  const proxyPolicies = rules.map(
    (rule, i): ProxyPolicy => ({
      id: i + 1,
      name: rule.name,
      status: 'enable',
      accessProxies: [SHORTHAND_SERVER],
      srcaddr: [],
      dstaddr: [],
      ztnaEmsTag: rule.tags ?? [],
      emsTags: (rule.tags ?? []).map((tag) => [tag]),
      ztnaTagsMatchLogic: rule.tagsMatch ?? 'or',
      ztnaEmsTagNegate: rule.negate ? 'enable' : 'disable',
      users: rule.users ?? [],
      groups: rule.groups ?? [],
      action: rule.action,
      destination: {
        ...(isAnyHost(rule.host) ? {} : { host: rule.host }),
        ...(rule.path === undefined ? {} : { path: rule.path }),
      },
    }),
  );
  return {
    version,
    emsConnectors: [],
    vips: [{ name: SHORTHAND_SERVER, extip: '0.0.0.0', extport: 443, extintf: 'any', serverType: 'https' }],
    accessProxies: [shorthandAccessProxy(settings, apiGateways)],
    virtualHosts,
    addresses: [],
    addressGroups: [],
    proxyPolicies,
    users: [],
    userGroups: [],
  };
}
