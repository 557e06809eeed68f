/**
 * `firewall access-proxy` with its API gateways and real servers
 * (https://docs.fortinet.com/document/fortiproxy/7.4.12/cli-reference/279706760 lists the keys;
 * defaults per the ZTNA HTTPS access proxy example,
 * https://docs.fortinet.com/document/fortigate/latest/administration-guide/325639/ztna-https-access-proxy-example).
 */
import type { ConfigSection } from './config-tree';
import { entryId } from './entry-reader';
import type { AccessProxy, ApiGateway, RealServer, UrlMapType } from './fortios-model';
import { type MapContext, mapEntries, referOne } from './map-context';
import { ENABLE_DISABLE, readEmptyCertAction, readUserAgentDetect } from './map-objects';

const URL_MAP_TYPES: readonly UrlMapType[] = ['sub-string', 'wildcard', 'regex'];

export const mapAccessProxies = (ctx: MapContext, section?: ConfigSection): AccessProxy[] =>
  mapEntries(ctx, section, (r, entry) => {
    const authVirtualHost = referOne(ctx, r, 'auth-virtual-host', 'virtual-host');
    return {
      name: entry.name,
      vip: referOne(ctx, r, 'vip', 'vip') ?? r.required('vip'),
      clientCert: r.choice('client-cert', ENABLE_DISABLE, 'enable'),
      // FortiOS's own default is accept on some releases; DESIGN.md §1 fails closed with block.
      emptyCertAction: readEmptyCertAction(ctx, r) ?? 'block',
      userAgentDetect: readUserAgentDetect(ctx, r) ?? 'enable',
      authPortal: r.choice('auth-portal', ENABLE_DISABLE, 'disable'),
      ...(authVirtualHost === undefined ? {} : { authVirtualHost }),
      apiGateways: mapApiGateways(ctx, r.section('api-gateway'), r.label),
      at: entry.at,
    };
  });

const mapApiGateways = (ctx: MapContext, section: ConfigSection | undefined, within: string): ApiGateway[] =>
  mapEntries(
    ctx,
    section,
    (r, entry) => {
      const virtualHost = referOne(ctx, r, 'virtual-host', 'virtual-host');
      return {
        id: entryId(entry.name, r.label, entry.at),
        urlMap: r.one('url-map') ?? '/',
        urlMapType: r.choice('url-map-type', URL_MAP_TYPES, 'sub-string'),
        service: r.one('service') ?? 'https',
        ...(virtualHost === undefined ? {} : { virtualHost }),
        realServers: mapRealServers(ctx, r.section('realservers'), r.label),
        at: entry.at,
      };
    },
    within,
  );

const mapRealServers = (ctx: MapContext, section: ConfigSection | undefined, within: string): RealServer[] =>
  mapEntries(
    ctx,
    section,
    (r, entry) => {
      const ip = r.one('ip');
      const address = referOne(ctx, r, 'address', 'address');
      return {
        id: entryId(entry.name, r.label, entry.at),
        ...(ip === undefined ? {} : { ip }),
        ...(address === undefined ? {} : { address }),
        port: r.integer('port', 1, 65535, 443),
        status: r.choice('status', ['active', 'standby', 'disable'] as const, 'active'),
        at: entry.at,
      };
    },
    within,
  );
