/**
 * Random FortiOS gateways for the property test. A plan holds what varies — release, virtual
 * hosts, ZTNA servers with their API gateways, ZTNA rules — in FortiOS spelling
 * (gateway-spelling.ts adds what every random gateway shares). The engine reads the spelling
 * through the lab's loader; the reference model reads it by FortiOS's rules. Keys are sometimes
 * left out so that FortiOS's defaults are checked as well.
 */
import fc from 'fast-check';
import {
  type AccessProxySpelling,
  type EmptyCertAction,
  type GatewayPlan,
  type HostType,
  type OnOff,
  type ProxyPolicySpelling,
  SERVERS,
  TAG_ADDRESSES,
  type UrlMapType,
  type VirtualHostSpelling,
} from './gateway-spelling';
import {
  builtinTagNames,
  classifiesDevices,
  hostCertificateSettings,
  negatesTags,
  VERSIONS,
  type VersionLabel,
} from './reference-fortios';

/**
 * Virtual-host patterns with the host-type each is written for (absent: the default,
 * sub-string), a few with the other type, against the request hosts of actions.ts.
 */
const HOST_PATTERNS: readonly [string, HostType | undefined][] = [
  ['example.com', undefined],
  ['intranet', 'sub-string'],
  ['example.net', undefined],
  ['*.example.com', 'wildcard'],
  ['hr.*', 'wildcard'],
  ['??.example.com', 'wildcard'],
  ['*', 'wildcard'],
  ['intranet.example.com', 'wildcard'],
  ['*.example.com', 'sub-string'],
];
/** url-maps with the url-map-type each is written for, a few with another, against the request paths of actions.ts. */
const URL_MAPS: readonly [string, UrlMapType | undefined][] = [
  ['/', undefined],
  ['/', 'sub-string'],
  ['/admin', undefined],
  ['/api/', 'sub-string'],
  ['/*', 'wildcard'],
  ['/admin/*', 'wildcard'],
  ['*admin*', 'wildcard'],
  ['/?pi/v1/*', 'wildcard'],
  ['/public*', 'wildcard'],
  ['/', 'wildcard'],
  ['*admin*', 'sub-string'],
  ['^/api/v[0-9]+/', 'regex'],
  ['admin$', 'regex'],
  ['^/(public|admin)', 'regex'],
];
const REAL_SERVER_IPS = ['10.88.0.3', '10.99.0.4'];
const SRCADDR = ['lan', 'campus', 'loopback', 'lab-range', 'printer', 'offices', 'anywhere-known', 'EMS1_ZTNA_HR'];
const DSTADDR: readonly (readonly string[])[] = [
  ['all'],
  ['app-servers'],
  ['intranet-name'],
  ['lan'],
  ['app-servers', 'intranet-name'],
];

/** The built-in tags a rule names, as the release spells them. */
const ruleBuiltinTags = (version: VersionLabel) => builtinTagNames(version);

/** One of `values`, each as often as its weight (constantFrom: cheaper than a weighted oneof). */
export const weighted = <T>(...choices: readonly (readonly [T, number])[]): fc.Arbitrary<T> =>
  fc.constantFrom(...choices.flatMap(([value, weight]) => Array<T>(weight).fill(value)));
/** An optional key: absent (FortiOS's default) `absent` times for every time each value is there. */
const maybe = <T>(values: readonly T[], absent = 1): fc.Arbitrary<T | undefined> =>
  weighted<T | undefined>([undefined, absent], ...values.map((v) => [v, 1] as const));
const ON_OFF: readonly OnOff[] = ['enable', 'disable'];
/** An optional key whose values an arbitrary makes: absent `absent` times for `present` times there. */
const maybeList = <T>(arb: fc.Arbitrary<T>, absent: number, present = 1) =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: arb });
/** Drops keys whose value is undefined: a spelling leaves out what it does not set. */
function defined<T extends object>(record: T): T {
  const kept: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) kept[key] = record[key];
  return kept as T;
}

const emptyCertActions = (version: VersionLabel): EmptyCertAction[] =>
  classifiesDevices(version) ? ['accept', 'block', 'accept-unmanageable'] : ['accept', 'block'];

const virtualHost = (version: VersionLabel, name: string) =>
  fc
    .record({
      pattern: fc.constantFrom(...HOST_PATTERNS),
      'client-cert': maybe(hostCertificateSettings(version) ? ON_OFF : [], 3),
      'empty-cert-action': maybe(hostCertificateSettings(version) ? emptyCertActions(version) : [], 3),
    })
    .map(
      ({ pattern: [host, hostType], ...v }): VirtualHostSpelling =>
        defined({ name, host, 'host-type': hostType, ...v }),
    );

const urlMap = fc.constantFrom(...URL_MAPS).map(([map, type]) => defined({ 'url-map': map, 'url-map-type': type }));
const realServer = fc.record({
  ip: fc.constantFrom(...REAL_SERVER_IPS),
  status: weighted<'active' | 'disable' | undefined>([undefined, 2], ['active', 2], ['disable', 1]),
});
const apiGateway = fc.record({
  map: urlMap,
  vhost: fc.constantFrom(undefined, undefined, 'vhost-1', 'vhost-2', 'vhost-3'),
  servers: fc.array(realServer, { minLength: 1, maxLength: 2 }),
});

const accessProxy = (version: VersionLabel, index: number) =>
  fc
    .record({
      'client-cert': maybe(ON_OFF, 3),
      'empty-cert-action': maybe(emptyCertActions(version)),
      'user-agent-detect': maybe(classifiesDevices(version) ? ON_OFF : [], 3),
      gateways: fc.array(apiGateway, { minLength: 1, maxLength: 3 }),
    })
    .map(
      ({ gateways, ...settings }): AccessProxySpelling => ({
        ...defined({ name: SERVERS[index]!.name, vip: SERVERS[index]!.name, ...settings }),
        'api-gateway': gateways.map((g, i) =>
          defined({
            id: i + 1,
            ...g.map,
            'virtual-host': g.vhost,
            realservers: g.servers.map((s, j) => defined({ id: j + 1, ...s })),
          }),
        ),
      }),
    );

const subsetOf = <T>(values: readonly T[], max: number) =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });

const proxyPolicy = (version: VersionLabel) =>
  fc.record({
    named: fc.boolean(),
    status: weighted<OnOff | undefined>([undefined, 12], ['enable', 1], ['disable', 1]),
    servers: fc.constantFrom('first', 'second', 'both'),
    srcaddr: fc.oneof({ weight: 3, arbitrary: fc.constant(['all']) }, { weight: 2, arbitrary: subsetOf(SRCADDR, 2) }),
    dstaddr: maybe(DSTADDR, 3),
    tags: maybeList(subsetOf([...TAG_ADDRESSES, 'staff-tags', ...ruleBuiltinTags(version)], 2), 1, 2),
    logic: maybe(['or', 'and'] as const),
    negate: maybe(negatesTags(version) ? ON_OFF : []),
    users: maybeList(subsetOf(['alice', 'bob', 'carol'], 2), 6),
    groups: maybeList(subsetOf(['staff', 'admins'], 1), 6),
    action: weighted<'accept' | 'deny' | undefined>([undefined, 1], ['accept', 3], ['deny', 1]),
  });

type PolicyDraft = ReturnType<typeof proxyPolicy> extends fc.Arbitrary<infer T> ? T : never;

/** The ZTNA rule of a plan, numbered and pointed at the plan's servers. */
function policyOf(p: PolicyDraft, id: number, servers: number): ProxyPolicySpelling {
  const names = SERVERS.slice(0, servers).map((s) => s.name);
  const chosen = p.servers === 'both' || servers === 1 ? names : p.servers === 'first' ? [names[0]!] : [names[1]!];
  return defined({
    id,
    name: p.named ? `rule-${id}` : undefined,
    status: p.status,
    'access-proxy': chosen,
    srcaddr: p.srcaddr,
    dstaddr: p.dstaddr,
    'ztna-ems-tag': p.tags,
    'ztna-tags-match-logic': p.tags ? p.logic : undefined,
    'ztna-ems-tag-negate': p.tags ? p.negate : undefined,
    users: p.users,
    groups: p.groups,
    action: p.action,
  });
}

/** A random gateway of a random release (one or two ZTNA servers, one to five rules). */
export const gatewayPlanArbitrary: fc.Arbitrary<GatewayPlan> = fc.constantFrom(...VERSIONS).chain((version) =>
  fc
    .record({
      vhosts: fc.tuple(...['vhost-1', 'vhost-2', 'vhost-3'].map((name) => virtualHost(version, name))),
      servers: fc.oneof(
        { weight: 3, arbitrary: fc.tuple(accessProxy(version, 0)) },
        { weight: 1, arbitrary: fc.tuple(accessProxy(version, 0), accessProxy(version, 1)) },
      ),
      rules: fc.array(proxyPolicy(version), { minLength: 1, maxLength: 5 }),
    })
    .map(({ vhosts, servers, rules }) => ({
      'fortios-version': version,
      'access-proxy-virtual-host': vhosts,
      'access-proxy': servers,
      'proxy-policy': rules.map((p, i) => policyOf(p, i + 1, servers.length)),
    })),
);
