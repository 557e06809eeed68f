import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { VirtualClock } from '../clock';
import {
  type ApiGateway,
  DEFAULT_FORTIOS_VERSION,
  type FirewallAddress,
  Gateway,
  type ProxyPolicy,
  parseIpv4,
  type ZtnaObjects,
} from '../gateway';
import { inCidrs } from './address-sets';
import { type ExportPolicy, exportPolicy } from './export-policy';
import { tagSubject } from './rule-patterns';

// Random FortiOS objects — virtual hosts of both host-types, url-maps of every type, addresses of
// every kind in srcaddr and dstaddr, tags with and/or/negate, users, disabled rules — decided by
// the engine and by the export's subject and regexes (as nginx's maps and HAProxy's ACLs test
// them, for both list separators), request by request: the same reason and the same rule.

const ADDRESSES: FirewallAddress[] = [
  { name: 'lan', kind: { type: 'ipmask', subnet: '10.0.3.0', netmask: '255.255.255.0' } },
  { name: 'wide', kind: { type: 'ipmask', subnet: '10.0.0.0', netmask: '8' } },
  { name: 'range', kind: { type: 'iprange', startIp: '10.0.3.10', endIp: '10.0.3.20' } },
  { name: 'loop', kind: { type: 'iprange', startIp: '127.0.0.1', endIp: '127.0.0.9' } },
  { name: 'web', kind: { type: 'fqdn', fqdn: 'a.example.com' } },
  { name: 'servers', kind: { type: 'ipmask', subnet: '10.88.0.0', netmask: '16' } },
  { name: 'hr-devices', kind: { type: 'ems-tag', objTag: 'HR' } },
];
const NAMES = [...ADDRESSES.map((a) => a.name), 'all', 'offices'];
const TAGS = ['HR', 'Dev', 'a.b+c'];
const HOSTS = ['a.example.com', 'b.example.com', 'example.org', 'A.EXAMPLE.COM'];
const PATHS = ['/', '/admin/x', '/a.b?q=1', '/ABC', '/x+y', '/b'];
const USERS = [{ name: 'alice', groups: ['HR-Staff'] }, { name: 'bob' }];
/** host, path, source address, device tags, user. */
type Probe = [string, string, string, string[], string | undefined];
const SOURCES = [
  '127.0.0.1',
  '127.0.0.10',
  '10.0.3.9',
  '10.0.3.10',
  '10.0.3.20',
  '10.0.3.21',
  '10.0.3.99',
  '10.9.9.9',
  '192.0.2.1',
];

const vhost = fc.record({
  host: fc.constantFrom('a.example.com', 'example', '*.example.com', 'a?example.com', 'EXAMPLE.ORG'),
  hostType: fc.constantFrom('sub-string' as const, 'wildcard' as const),
});
const urlMap = fc.oneof(
  fc.record({ urlMap: fc.constantFrom('/', '/admin', '/a.b', 'x+y'), urlMapType: fc.constant('sub-string' as const) }),
  fc.record({ urlMap: fc.constantFrom('/a*', '*b', '/?b', '*'), urlMapType: fc.constant('wildcard' as const) }),
  fc.record({
    urlMap: fc.constantFrom('^/x', 'x\\+y$', '[A-Z]{2}', 'a|q=', '^/(admin|b)$'),
    urlMapType: fc.constant('regex' as const),
  }),
);
const apiGateway = fc.record({
  map: urlMap,
  vhost: fc.option(fc.nat(2), { nil: undefined }),
  servers: fc.constantFrom<ApiGateway['realServers']>(
    [],
    [{ id: 1, ip: '10.88.0.3', port: 443, status: 'active' }],
    [{ id: 1, ip: '10.88.0.3', port: 443, status: 'disable' }],
    [{ id: 1, address: 'web', port: 443, status: 'active' }],
    [{ id: 1, ip: '192.0.2.7', port: 443, status: 'active' }],
  ),
});
const policy = fc.record({
  status: fc.constantFrom('enable' as const, 'enable' as const, 'disable' as const),
  srcaddr: fc.subarray(NAMES, { maxLength: 2 }),
  dstaddr: fc.subarray(NAMES, { maxLength: 2 }),
  terms: fc.array(fc.subarray(TAGS, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  logic: fc.constantFrom('or' as const, 'and' as const),
  negate: fc.boolean(),
  users: fc.constantFrom<string[]>([], [], ['alice'], ['bob']),
  groups: fc.constantFrom<string[]>([], [], ['HR-Staff']),
  action: fc.constantFrom('accept' as const, 'deny' as const),
});

/** The value an arbitrary generates. */
type Arb<A> = A extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(
  vhosts: Arb<typeof vhost>[],
  maps: Arb<typeof apiGateway>[],
  rules: Arb<typeof policy>[],
): ZtnaObjects {
  return {
    version: DEFAULT_FORTIOS_VERSION,
    emsConnectors: [],
    vips: [{ name: 'vip', extip: '10.0.3.10', extport: 443, extintf: 'any', serverType: 'https' }],
    accessProxies: [
      {
        name: 'srv',
        vip: 'vip',
        clientCert: 'enable',
        emptyCertAction: 'block',
        userAgentDetect: 'enable',
        authPortal: 'disable',
        apiGateways: maps.map((m, i) => ({
          id: i + 1,
          ...m.map,
          service: 'https',
          ...(m.vhost === undefined || m.vhost >= vhosts.length ? {} : { virtualHost: `vh${m.vhost}` }),
          realServers: m.servers,
        })),
      },
    ],
    virtualHosts: vhosts.map((v, i) => ({ name: `vh${i}`, ...v })),
    addresses: ADDRESSES,
    addressGroups: [{ name: 'offices', members: ['lan', 'hr-devices'], category: 'default' }],
    proxyPolicies: rules.map(
      (r, i): ProxyPolicy => ({
        id: i + 1,
        name: `p${i}`,
        status: r.status,
        accessProxies: ['srv'],
        srcaddr: r.srcaddr,
        dstaddr: r.dstaddr,
        ztnaEmsTag: r.terms.flat(),
        emsTags: r.terms,
        ztnaTagsMatchLogic: r.logic,
        ztnaEmsTagNegate: r.negate ? 'enable' : 'disable',
        users: r.users,
        groups: r.groups,
        action: r.action,
      }),
    ),
    users: [],
    userGroups: [],
  };
}

/** What the configs decide: the route, the source blocks, the subject, the rules in order. */
function exportDecides(p: ExportPolicy, sep: string, [host, path, source, tags, user]: Probe) {
  const hostPath = `${host.toLowerCase()}${path}`;
  const route = p.routes.find((r) => new RegExp(r.pattern).test(hostPath))?.token ?? 'none';
  if (route === 'none') return { reason: 'APP_NOT_FOUND' };
  if (route.startsWith('n')) return { reason: 'REAL_SERVER_NOT_FOUND' };
  const ip = parseIpv4(source)!;
  const sources = p.sourceBlocks.flatMap((cidrs, i) => (inCidrs(ip, cidrs) ? [`${i}${sep}`] : [])).join('');
  // The configs know a user only from the credentials they list.
  const listed = p.users.find((u) => u.name === user);
  const groups = listed?.groups ?? [];
  const who = listed === undefined ? '-' : tagSubject([listed.name], sep);
  const subject = `${route}|${sep}${sources}|${tagSubject(tags, sep)}|${who}|${tagSubject(groups, sep)}|${hostPath}`;
  const rule = p.rules.find((r) => new RegExp(r.pattern).test(subject));
  if (!rule) {
    const failed = p.rules.some((r) => r.tagsFail && new RegExp(r.tagsFail).test(subject));
    const passed = p.rules.some((r) => r.tagsPass && new RegExp(r.tagsPass).test(subject));
    return { reason: failed && !passed ? 'TAGS_NO_MATCH' : 'NO_POLICY_MATCH' };
  }
  const [kind, tagged] = rule.outcome.split('/');
  const reason = { accept: 'ALLOW', auth: 'AUTH_REQUIRED', deny: tagged === 't' ? 'TAGS_DENY' : 'POLICY_DENY' }[kind!];
  return { reason, rule: rule.name };
}

function engineDecides(gateway: Gateway, [host, path, source, tags, user]: Probe) {
  const server = gateway.policy.servers[0]!;
  const route = gateway.policy.route(server, host, path);
  if (!route) return { reason: 'APP_NOT_FOUND' };
  if (!route.hasActiveServer) return { reason: 'REAL_SERVER_NOT_FOUND' };
  const outcome = gateway.policy.evaluate({
    server,
    route,
    host,
    path,
    sourceIp: parseIpv4(source),
    tags: new Set(tags),
    user,
  });
  return outcome.policy ? { reason: outcome.reason, rule: outcome.policy.name } : { reason: outcome.reason };
}

test('property/objects: the export routes and decides random FortiOS objects as the engine does', () => {
  const scenario = fc.record({
    vhosts: fc.array(vhost, { maxLength: 3 }),
    maps: fc.array(apiGateway, { minLength: 1, maxLength: 3 }),
    rules: fc.array(policy, { minLength: 1, maxLength: 4 }),
    probes: fc.array(
      fc.tuple(
        fc.constantFrom(...HOSTS),
        fc.constantFrom(...PATHS),
        fc.constantFrom(...SOURCES),
        fc.subarray(TAGS),
        fc.constantFrom(undefined, 'alice', 'bob'),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  });
  const seen = new Set<string>();
  fc.assert(
    fc.property(scenario, ({ vhosts, maps, rules, probes }) => {
      const objects = objectsOf(vhosts, maps, rules);
      const gateway = new Gateway({ name: 'fgt', clock: new VirtualClock(0), objects, users: USERS });
      const policies = { ',': exportPolicy(gateway, ',', USERS), ';': exportPolicy(gateway, ';', USERS) };
      for (const probe of probes) {
        const engine = engineDecides(gateway, probe);
        for (const [sep, p] of Object.entries(policies))
          assert.deepEqual(exportDecides(p, sep, probe), engine, `${sep} ${JSON.stringify(probe)}`);
        seen.add(engine.reason);
      }
    }),
    { numRuns: 600, seed: 20_261_202 },
  );
  // The random objects reach every outcome rule processing has.
  assert.deepEqual([...seen].sort(), [
    'ALLOW',
    'APP_NOT_FOUND',
    'AUTH_REQUIRED',
    'NO_POLICY_MATCH',
    'POLICY_DENY',
    'REAL_SERVER_NOT_FOUND',
    'TAGS_DENY',
    'TAGS_NO_MATCH',
  ]);
});
