import { dirname, resolve } from 'node:path';
import { badInput } from '../errors';
import {
  type AccessProxySettings,
  DEFAULT_FORTIOS_VERSION,
  type EmsConnector,
  type FortiosVersion,
  type ProxyRule,
  parseLabFortiosVersion,
  type ReasonCode,
  requireFeature,
} from '../gateway';
import { KINDS, loadYamlFile, type LocatedDocument as YamlSource } from '../input';
import { packageFile } from '../package-root';
import { loadFortiosConfigGateway } from './fortios-config-gateway';
import { FORTIOS_SPELLING_KEYS, fortiosSpellingObjects } from './fortios-spelling';
import { type CheckAction, labActionNamed } from './lab-actions';
import {
  CLOCK_START_RANGE,
  clockStartInRange,
  type EndpointSpec,
  type GatewaySpec,
  type LabSpec,
  type LinkSpec,
} from './lab-definition';

/** One row of a lab's `checks:` table. */
export interface Check {
  readonly name: string;
  readonly endpoint?: string;
  readonly gateway?: string;
  readonly url: string;
  readonly userAgent?: string;
  /** The lab user the request authenticates as. */
  readonly user?: string;
  /** The client's address. */
  readonly sourceAddress?: string;
  readonly before: readonly CheckAction[];
  readonly expect: 'allow' | 'deny';
  readonly reason?: ReasonCode;
  readonly controls?: readonly string[];
  /** 1-based line of the check in its file. */
  readonly line: number;
}

/** A scenario file, read and checked: the lab spec and its checks. */
export interface Scenario {
  readonly file: string;
  readonly spec: LabSpec;
  readonly checks: readonly Check[];
}

/* The YAML shapes (kebab-case, as FortiOS spells them); the schema guarantees them. */
// biome-ignore lint/suspicious/noExplicitAny: the schema check has already fixed the shape
type Y = Record<string, any>;

const SCENARIO_SCHEMA = packageFile('schemas', 'scenario.schema.json');

/** Reads a scenario file; every problem is a bad-input error with file:line:column. */
export function loadScenario(file: string): Scenario {
  const source = loadYamlFile<Y>(file, KINDS.scenario, SCENARIO_SCHEMA);
  const y = source.value;
  /** Each gateway's EMS connector: its `fctems:`, or the one its FortiOS configuration has. */
  const connectors = new Map<string, GatewayConnector>();
  const spec: LabSpec = {
    name: y.name,
    seed: y.seed,
    clockStart: y['clock-start'],
    ems: y.ems && {
      serial: y.ems.serial,
      hostName: y.ems['host-name'],
      clientCertificateDays: y.ems['client-certificate-days'],
    },
    sites: y.sites?.map((s: Y) => ({ name: s.name, tenantId: s['tenant-id'] })),
    endpoints: y.endpoints?.map(toEndpoint),
    gateways: y.gateways?.map((g: Y, i: number) => toGateway(g, i, source, y.users, connectors)),
    links: linksOf(y, connectors),
  };
  const start = y['clock-start'] === undefined ? undefined : Date.parse(y['clock-start']);
  if (start !== undefined && !clockStartInRange(start)) {
    throw badInput(
      `clock-start must be a date from ${CLOCK_START_RANGE.shown} (certificates cannot be dated before 1950 or after 9999)`,
      source.locate(['clock-start']),
    );
  }
  const checks = (y.checks ?? []).map((c: Y, i: number) => toCheck(c, source.locate(['checks', i]).line ?? 1));
  checkReferences(spec, checks, source);
  return { file, spec, checks };
}

const toEndpoint = (e: Y): EndpointSpec => ({
  name: e.name,
  uid: e.uid,
  site: e.site,
  os: e.os,
  userAgent: e['user-agent'],
  tags: e.tags,
  online: e.online,
  registered: e.registered,
  hostName: e['host-name'],
  ip: e.ip,
  mac: e.mac,
});

/** A gateway entry: shorthand (`rules:`), FortiOS spelling, or a FortiOS configuration file — one of them. */
function toGateway(
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
      if (loaded.model.versionSource === 'header' && formatVersion(asked) !== formatVersion(loaded.objects.version))
        throw badInput(
          `fortios-version ${g['fortios-version']} disagrees with the configuration's #config-version ${formatVersion(loaded.objects.version)}`,
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

const formatVersion = (v: FortiosVersion) => `${v.major}.${v.minor}${v.patch === undefined ? '' : `.${v.patch}`}`;

/** A gateway's `endpoint-control fctems`, as its link takes it. */
interface GatewayConnector {
  readonly connector: NonNullable<LinkSpec['connector']>;
  readonly outOfSyncThresholdMs?: number;
}

/**
 * The fabric links: a `fabric:` entry's harness settings (up, delay, the old trust flag), with
 * the gateway's connector settings. A gateway with a connector and no `fabric:` entry gets a
 * link of its own.
 */
function linksOf(y: Y, connectors: ReadonlyMap<string, GatewayConnector>): LinkSpec[] | undefined {
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

const toCheck = (c: Y, line: number): Check => ({
  name: c.name,
  endpoint: c['no-certificate'] ? undefined : c.endpoint,
  gateway: c.gateway,
  url: c.url,
  userAgent: c['user-agent'],
  user: c.user,
  sourceAddress: c['source-address'],
  before: c.before ?? [],
  expect: c.expect,
  reason: c.reason,
  controls: c.controls,
  line,
});

/** Names that point at other parts of the lab must exist there. */
function checkReferences(spec: LabSpec, checks: readonly Check[], source: YamlSource<Y>): void {
  const sites = new Set((spec.sites ?? [{ name: 'default' }]).map((s) => s.name));
  const endpoints = new Set((spec.endpoints ?? []).map((e) => e.name));
  const gateways = new Set((spec.gateways ?? [{ name: 'fgt-1' }]).map((g) => g.name));
  const users = new Set([
    ...(source.value.users ?? []).map((u: Y) => u.name as string),
    ...(spec.gateways ?? []).flatMap((g) => g.objects?.users.map((u) => u.name) ?? []),
  ]);
  const expect = (known: Set<string>, name: string | undefined, what: string, path: (string | number)[]) => {
    if (name !== undefined && !known.has(name)) {
      throw badInput(
        `unknown ${what} "${name}"; the lab declares: ${[...known].join(', ') || 'none'}`,
        source.locate(path),
      );
    }
  };
  unique(spec.endpoints ?? [], 'endpoint', 'endpoints', source);
  unique(spec.gateways ?? [], 'gateway', 'gateways', source);
  unique(spec.sites ?? [], 'site', 'sites', source);
  for (const [i, e] of (spec.endpoints ?? []).entries()) expect(sites, e.site, 'site', ['endpoints', i, 'site']);
  for (const [i, g] of (spec.gateways ?? []).entries()) expect(sites, g.site, 'site', ['gateways', i, 'site']);
  for (const [i, l] of (spec.links ?? []).entries()) expect(gateways, l.gateway, 'gateway', ['fabric', i, 'gateway']);
  checks.forEach((c, i) => {
    expect(endpoints, c.endpoint, 'endpoint', ['checks', i, 'endpoint']);
    expect(gateways, c.gateway, 'gateway', ['checks', i, 'gateway']);
    expect(users, c.user, 'user', ['checks', i, 'user']);
    if (c.endpoint && c.userAgent)
      throw badInput(
        "a check from an endpoint uses the endpoint's user-agent; set user-agent only on certificate-less checks",
        source.locate(['checks', i, 'user-agent']),
      );
    if (c.expect === 'allow' && c.reason && c.reason !== 'ALLOW')
      throw badInput(
        `a check that expects allow cannot expect the reason ${c.reason}`,
        source.locate(['checks', i, 'reason']),
      );
    c.before.forEach((action, j) => {
      const [name, value] = Object.entries(action)[0]!;
      const subject = labActionNamed(name)?.action.subject;
      const known =
        subject === 'site' ? sites : subject === 'gateway' ? gateways : subject === 'endpoint' ? endpoints : undefined;
      if (known) expect(known, String(value), subject!, ['checks', i, 'before', j, name]);
    });
  });
}

function unique(items: readonly { name: string }[], what: string, key: string, source: YamlSource<Y>): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name))
      throw badInput(`the ${what} name "${item.name}" is declared twice`, source.locate([key, i, 'name']));
    seen.add(item.name);
  });
}
