/**
 * Which API gateway of a ZTNA server maps a request: its `virtual-host` must match the request's
 * host and its `url-map` the path, by their match types; API gateways are read in order, and the
 * first that maps wins. None → "ZTNA Application Not Found", code 021 (no API gateway was matched).
 * Sources: `config firewall access-proxy` (api-gateway: url-map, url-map-type sub-string |
 * wildcard | regex, virtual-host) and `config firewall access-proxy-virtual-host` (host,
 * host-type sub-string | wildcard) of the CLI reference
 * (https://docs.fortinet.com/document/fortiproxy/7.4.12/cli-reference/279706760,
 * https://docs.fortinet.com/document/fortigate/7.2.3/cli-reference/310620),
 * and the error codes of https://docs.fortinet.com/document/fortigate/7.6.5/administration-guide/765420.
 */
import { HarnessError } from '../errors';
import type { AccessProxy, ApiGateway, HostType, UrlMapType, VirtualHost } from './ztna-objects';

/** The longest `url-map` regex the engine compiles (a configuration is trusted, but bounded). */
export const MAX_URL_MAP_REGEX = 512;

/** A shell-style pattern (`*` any run, `?` one character) as an anchored RegExp; host names ignore case, paths do not. */
export function wildcardRegExp(pattern: string, ignoreCase = true): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

type TextMatcher = (text: string) => boolean;

/** `host-type`: sub-string = the host contains it; wildcard = the whole host matches the pattern. Case-insensitive. */
export function hostMatcher(host: string, type: HostType): TextMatcher {
  if (type === 'wildcard') {
    const re = wildcardRegExp(host);
    return (h) => re.test(h);
  }
  const needle = host.toLowerCase();
  return (h) => h.toLowerCase().includes(needle);
}

/**
 * `url-map-type`: sub-string = the path contains the url-map; wildcard = the whole path matches
 * it; regex = the regular expression matches somewhere in the path (FortiOS does not say
 * whether it is anchored; one that must be anchored says so with `^`).
 */
export function urlMapMatcher(urlMap: string, type: UrlMapType): TextMatcher {
  if (type === 'wildcard') {
    const re = wildcardRegExp(urlMap, false);
    return (p) => re.test(p);
  }
  if (type === 'regex') {
    if (urlMap.length > MAX_URL_MAP_REGEX)
      throw new HarnessError('BAD_INPUT', `url-map regex is longer than ${MAX_URL_MAP_REGEX} characters`);
    let re: RegExp;
    try {
      re = new RegExp(urlMap);
    } catch (error) {
      throw new HarnessError('BAD_INPUT', `url-map ${JSON.stringify(urlMap)} is not a regular expression`, {
        cause: error,
      });
    }
    return (p) => re.test(p);
  }
  return (p) => p.includes(urlMap);
}

/** One API gateway ready to match requests. */
export interface CompiledApiGateway {
  readonly apiGateway: ApiGateway;
  /** Its virtual host; undefined when it serves any host. */
  readonly virtualHost?: VirtualHost;
  readonly hostMatches: TextMatcher;
  readonly pathMatches: TextMatcher;
  /** Whether a real server is there to take the request (`status active`). */
  readonly hasActiveServer: boolean;
}

/** Compiles the API gateways of one access proxy, with the virtual hosts they name. */
export function compileApiGateways(
  proxy: AccessProxy,
  virtualHosts: ReadonlyMap<string, VirtualHost>,
): CompiledApiGateway[] {
  return proxy.apiGateways.map((apiGateway) => {
    const virtualHost = apiGateway.virtualHost === undefined ? undefined : virtualHosts.get(apiGateway.virtualHost);
    if (apiGateway.virtualHost !== undefined && !virtualHost)
      throw new HarnessError(
        'BAD_INPUT',
        `access-proxy "${proxy.name}" api-gateway ${apiGateway.id} names the virtual host "${apiGateway.virtualHost}", which is not defined`,
      );
    return {
      apiGateway,
      ...(virtualHost ? { virtualHost } : {}),
      hostMatches: virtualHost ? hostMatcher(virtualHost.host, virtualHost.hostType) : () => true,
      pathMatches: urlMapMatcher(apiGateway.urlMap, apiGateway.urlMapType),
      hasActiveServer:
        apiGateway.realServers.length === 0 || apiGateway.realServers.some((server) => server.status === 'active'),
    };
  });
}

/** The first API gateway whose virtual host and url-map match. */
export function routeRequest(
  gateways: readonly CompiledApiGateway[],
  host: string,
  path: string,
): CompiledApiGateway | undefined {
  for (const gateway of gateways) if (gateway.hostMatches(host) && gateway.pathMatches(path)) return gateway;
  return undefined;
}

/** The virtual host whose host matches, among those the API gateways name, in their order (7.6 per-host settings). */
export function virtualHostFor(gateways: readonly CompiledApiGateway[], host: string): VirtualHost | undefined {
  for (const gateway of gateways) if (gateway.virtualHost && gateway.hostMatches(host)) return gateway.virtualHost;
  return undefined;
}
