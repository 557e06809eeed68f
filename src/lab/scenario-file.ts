import { badInput } from '../errors';
import type { ReasonCode } from '../gateway';
import { KINDS, loadYamlFile, type LocatedDocument as YamlSource } from '../input';
import { packageFile } from '../package-root';
import { type CheckAction, labActionNamed } from './lab-actions';
import { CLOCK_START_RANGE, clockStartInRange, type EndpointSpec, type LabSpec } from './lab-definition';
import { type GatewayConnector, linksOf, toGateway } from './scenario-gateways';

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
