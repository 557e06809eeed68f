/**
 * The gateways and fabric links of a scenario file: each gateway is shorthand (`rules:`),
 * FortiOS spelling, or a FortiOS configuration file; its EMS connector (`fctems:`, or the
 * configuration's own) becomes its fabric link's connector settings.
 */
import { dirname, resolve } from 'node:path';
import { badInput } from '../errors';
import {
  type AccessProxySettings,
  DEFAULT_FORTIOS_VERSION,
  type EmsConnector,
  type FortiosVersion,
  formatFortiosVersion,
  type ProxyRule,
  parseLabFortiosVersion,
  requireFeature,
} from '../gateway';
import type { LocatedDocument as YamlSource } from '../input';
import { loadFortiosConfigGateway } from './fortios-config-gateway';
import { FORTIOS_SPELLING_KEYS, fortiosSpellingObjects } from './fortios-spelling';
import type { GatewaySpec, LinkSpec } from './lab-definition';

// biome-ignore lint/suspicious/noExplicitAny: the schema check has already fixed the shape
type Y = Record<string, any>;

/** A gateway entry: shorthand (`rules:`), FortiOS spelling, or a FortiOS configuration file — one of them. */
export function toGateway(
  g: Y,
  index: number,
  source: YamlSource<Y>,
  labUsers: Y[] | undefined,
  connectors: Map<string, GatewayConnector>,
): GatewaySpec {
  const at = (...rest: (string | number)[]) => source.locate(['gateways', index, ...rest]);
  const spelled = FORTIOS_SPELLING_KEYS.filter(
    (k) => g[k] !== undefined && !(k === 'access-proxy' && typeof g[k] === 'string'),
  );
  const shorthand = ['rules', 'client-cert', 'empty-cert-action', 'user-agent-detect'].filter(
    (k) => g[k] !== undefined,
  );
  const fromFile = g['fortios-config'] !== undefined;
  if ([spelled.length > 0, shorthand.length > 0, fromFile].filter(Boolean).length > 1)
    throw badInput(
      'a gateway is written one way: shorthand (rules, client-cert, empty-cert-action, user-agent-detect), FortiOS spelling (vip, access-proxy, proxy-policy, …) or fortios-config',
      at(spelled[0] ?? (fromFile ? 'fortios-config' : shorthand[0]!)),
    );
  if (!fromFile && (g.vdom !== undefined || typeof g['access-proxy'] === 'string'))
    throw badInput(
      'vdom and access-proxy: NAME go with fortios-config',
      at(g.vdom !== undefined ? 'vdom' : 'access-proxy'),
    );
  const base = {
    name: g.name,
    site: g.site,
    serial: g.serial,
    clockSkewMs: (g['clock-skew-seconds'] ?? 0) * 1000,
    users: labUsers?.map((u: Y) => ({ name: u.name, groups: u.groups ?? [] })),
    settings: g['out-of-sync-action'] ? { outOfSyncAction: g['out-of-sync-action'] } : {},
  };
  if (fromFile) {
    const file = resolve(dirname(source.file), g['fortios-config']);
    const loaded = loadFortiosConfigGateway(file, {
      vdom: g.vdom,
      accessProxy: typeof g['access-proxy'] === 'string' ? g['access-proxy'] : undefined,
      at: { file: at('fortios-config'), accessProxy: at('access-proxy') },
    });
    if (loaded.connector) connectors.set(g.name, connectorOfConfig(loaded.connector));
    if (g.fctems !== undefined)
      throw badInput(
        "the EMS connector of a fortios-config gateway is the configuration's own; leave fctems out",
        at('fctems'),
      );
    if (g['fortios-version'] !== undefined) {
      const asked = parseLabFortiosVersion(g['fortios-version'], at('fortios-version'));
      if (
        loaded.model.versionSource === 'header' &&
        formatFortiosVersion(asked) !== formatFortiosVersion(loaded.objects.version)
      )
        throw badInput(
          `fortios-version ${g['fortios-version']} disagrees with the configuration's #config-version ${formatFortiosVersion(loaded.objects.version)}`,
          at('fortios-version'),
        );
    }
    return { ...base, objects: loaded.objects, fortiosConfig: { file, warnings: loaded.warnings.length } };
  }
  if (g.fctems) connectors.set(g.name, connectorOfYaml(g.fctems));
  const version: FortiosVersion =
    g['fortios-version'] === undefined
      ? DEFAULT_FORTIOS_VERSION
      : parseLabFortiosVersion(g['fortios-version'], at('fortios-version'));
  if (spelled.length > 0)
    return { ...base, objects: fortiosSpellingObjects(g, version, source.locate, ['gateways', index]) };
  if (g['empty-cert-action'] === 'accept-unmanageable')
    requireFeature(version, 'accept-unmanageable', at('empty-cert-action'));
  if (g['user-agent-detect'] !== undefined) requireFeature(version, 'user-agent-detect', at('user-agent-detect'));
  (g.rules ?? []).forEach((r: Y, i: number) => {
    if (r['ztna-ems-tag-negate'] !== undefined)
      requireFeature(version, 'ztna-ems-tag-negate', at('rules', i, 'ztna-ems-tag-negate'));
  });
  const settings: Partial<AccessProxySettings> = {
    ...base.settings,
    ...(g['client-cert'] && { clientCert: g['client-cert'] === 'enable' }),
    ...(g['empty-cert-action'] && { emptyCertAction: g['empty-cert-action'] }),
    ...(g['user-agent-detect'] && { userAgentDetect: g['user-agent-detect'] === 'enable' }),
  };
  return { ...base, settings, version, rules: (g.rules ?? []).map(toRule) };
}

/** A gateway's `endpoint-control fctems`, as its link takes it. */
export interface GatewayConnector {
  readonly connector: NonNullable<LinkSpec['connector']>;
  readonly outOfSyncThresholdMs?: number;
}

/**
 * The fabric links: a `fabric:` entry's harness settings (up, delay, the old trust flag), with
 * the gateway's connector settings. A gateway with a connector and no `fabric:` entry gets a
 * link of its own.
 */
export function linksOf(y: Y, connectors: ReadonlyMap<string, GatewayConnector>): LinkSpec[] | undefined {
  const links: LinkSpec[] = (y.fabric ?? []).map(toLink);
  for (const [gateway, { connector, outOfSyncThresholdMs }] of connectors) {
    const threshold = outOfSyncThresholdMs === undefined ? {} : { outOfSyncThresholdMs };
    const i = links.findIndex((l) => l.gateway === gateway);
    if (i < 0) links.push({ gateway, connector, ...threshold });
    else links[i] = { ...links[i]!, connector, ...threshold };
  }
  return links.length > 0 ? links : undefined;
}

const connectorOfYaml = (c: Y): GatewayConnector => ({
  connector: {
    name: c.name ?? 'ems1',
    status: c.status ?? 'enable',
    ...(c.server ? { server: c.server } : {}),
    ...(c['serial-number'] ? { serialNumber: c['serial-number'] } : {}),
    ...(c['tenant-id'] ? { tenantId: c['tenant-id'].toUpperCase() } : {}),
    trustCaCn: c['trust-ca-cn'] ?? 'enable',
    ...(c['verifying-ca'] ? { verifyingCa: c['verifying-ca'] } : {}),
  },
  ...(c['out-of-sync-threshold'] === undefined ? {} : { outOfSyncThresholdMs: c['out-of-sync-threshold'] * 1000 }),
});

/** A configuration's connector; its `status` default is FortiOS's (disable). */
const connectorOfConfig = (c: EmsConnector): GatewayConnector => ({
  connector: {
    name: c.name,
    status: c.status,
    server: c.server,
    ...(c.serialNumber ? { serialNumber: c.serialNumber } : {}),
    ...(c.tenantId ? { tenantId: c.tenantId.toUpperCase() } : {}),
    trustCaCn: c.trustCaCn,
    ...(c.verifyingCa ? { verifyingCa: c.verifyingCa } : {}),
  },
  outOfSyncThresholdMs: c.outOfSyncThreshold * 1000,
});

const toRule = (r: Y): ProxyRule => ({
  name: r.name,
  host: r.host,
  path: r.path,
  tags: r['ztna-ems-tag'],
  tagsMatch: r['ztna-tags-match-logic'],
  negate: r['ztna-ems-tag-negate'] === 'enable',
  action: r.action,
  ...(r.users ? { users: r.users } : {}),
  ...(r.groups ? { groups: r.groups } : {}),
});

const toLink = (f: Y): LinkSpec => ({
  gateway: f.gateway,
  trustEmsCertificate: f['trust-ems-certificate'],
  up: f.up,
  syncDelayMs: f['sync-delay-seconds'] === undefined ? undefined : f['sync-delay-seconds'] * 1000,
  outOfSyncThresholdMs: f['out-of-sync-threshold'] === undefined ? undefined : f['out-of-sync-threshold'] * 1000,
});
