import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../clock';
import { Gateway, type ZtnaObjects } from '../gateway';
import { fixtureObjects } from '../target/objects-lab.fixture';
import type { EnforcementModel } from './enforcement-model';
import { certificateProfiles, exportPolicy, exportProblem } from './export-policy';
import { haproxyConfig } from './haproxy-config';
import { nginxConfig } from './nginx-config';

const V74 = { major: 7, minor: 4 };
const gatewayOf = (change: (o: ZtnaObjects) => ZtnaObjects = (o) => o, version = V74) =>
  new Gateway({ name: 'fgt', clock: new VirtualClock(0), objects: change(fixtureObjects(version)) });
const firstProxy = (o: ZtnaObjects) => o.accessProxies[0]!;

for (const c of [
  { name: 'problem/none', change: (o: ZtnaObjects) => o, problem: undefined },
  {
    name: 'problem/two-ztna-servers',
    change: (o: ZtnaObjects) => ({ ...o, accessProxies: [firstProxy(o), { ...firstProxy(o), name: 'second' }] }),
    problem: /enforces one ZTNA server; access proxy fgt has 2/,
  },
  {
    name: 'problem/url-map-lookbehind',
    change: (o: ZtnaObjects) => ({
      ...o,
      accessProxies: [
        {
          ...firstProxy(o),
          apiGateways: firstProxy(o).apiGateways.map((g) => ({
            ...g,
            urlMap: '(?<=x)/a',
            urlMapType: 'regex' as const,
          })),
        },
      ],
    }),
    problem: /url-map regex of api-gateway 1: it has a lookbehind/,
  },
  {
    name: 'problem/dollar-in-rule-name',
    change: (o: ZtnaObjects) => ({ ...o, proxyPolicies: [{ ...o.proxyPolicies[0]!, name: 'a$b' }] }),
    problem: /cannot write the name "a\$b"/,
  },
  {
    name: 'problem/tag-with-a-space',
    change: (o: ZtnaObjects) => ({ ...o, proxyPolicies: [{ ...o.proxyPolicies[0]!, emsTags: [['HR Staff']] }] }),
    problem: /"HR Staff" is not a tag name/,
  },
]) {
  test(c.name, () => {
    const problem = exportProblem(gatewayOf(c.change));
    if (c.problem === undefined) assert.equal(problem, undefined);
    else assert.match(problem ?? '', c.problem);
  });
}

test('policy/rules: disabled rules and rules for another ZTNA server are left out; a rule with users asks for one (401), then checks membership', () => {
  const gateway = gatewayOf((o) => ({
    ...o,
    proxyPolicies: [...o.proxyPolicies, { ...o.proxyPolicies[1]!, id: 9, name: 'elsewhere', accessProxies: ['other'] }],
  }));
  const policy = exportPolicy(gateway);
  assert.deepEqual(
    policy.rules.map((r) => `${r.name} ${r.outcome}`),
    [
      'hr-staff auth/t/0',
      'hr-staff accept/t/0',
      'office-web accept/n/1',
      'files-hr accept/n/2',
      'files-no-dev deny/t/3',
      'web-finance accept/t/4',
    ],
  );
  assert.deepEqual(
    policy.routes.map((r) => r.token),
    ['g0', 'n1', 'g2'],
  );
  assert.deepEqual(policy.sourceBlocks, [
    ['127.0.2.0/24', '127.0.3.10/31', '127.0.3.12/30', '127.0.3.16/30', '127.0.3.20/32'],
  ]);
});

/** The configs of the fixture gateway at a FortiOS version (no certificate state needed to read them). */
function configsAt(version: { major: number; minor: number }) {
  const gateway = gatewayOf((o) => o, version);
  const model = {
    gateway: 'fgt',
    settings: gateway.settings,
    rules: [],
    objects: gateway.objects,
    nginxPolicy: exportPolicy(gateway, ','),
    haproxyPolicy: exportPolicy(gateway, ';'),
    profiles: certificateProfiles(gateway),
    roots: [],
    revokedRoots: [],
    records: [],
    recordsStale: false,
    now: 0,
  } as unknown as EnforcementModel;
  return {
    nginx: nginxConfig(model, { port: 8443, dir: '/x', generation: 1 }),
    haproxy: haproxyConfig(model, { port: 8443, dir: '/x' }),
  };
}

test('version/codes: the configs carry FortiOS codes from 7.4.1 only', () => {
  const now = configsAt(V74);
  const old = configsAt({ major: 7, minor: 2 });
  assert.match(now.nginx, /^\s+APP_NOT_FOUND 021;$/m);
  assert.doesNotMatch(old.nginx, /^\s+APP_NOT_FOUND 021;$/m);
  assert.match(now.haproxy, /str\(021\) if \{ var\(txn\.reason\) -m str APP_NOT_FOUND \}/);
  assert.doesNotMatch(old.haproxy, /set-var\(txn\.code\)/);
  // A 7.2 release without the EMS_ALL_* names still has the built-in tags (from 7.2.4, the newest 7.2 here).
  assert.match(old.nginx, /EMS_ALL_UNKNOWN_CLIENTS/);
  assert.doesNotMatch(configsAt({ major: 7, minor: 0 }).nginx, /EMS_ALL_UNKNOWN_CLIENTS/);
});
