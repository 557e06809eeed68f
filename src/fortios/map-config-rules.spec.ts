/** mapFortiosConfig on small inline configurations: references, loops, tag names, version gates, warnings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE, conf, FCTEMS, map, policy, proxy, VIP, warningsOf } from '../../test/fixtures/fortios/inline-configs';
import { HarnessError } from '../errors';
import { type MappedConfig, mapFortiosConfig } from './map-config';
import { parseFortiosConfig } from './parse-config';
import { readFortiosConfig } from './read-config';

const address = (name: string, ...settings: string[]) => [
  `    edit "${name}"`,
  ...settings.map((s) => `        ${s}`),
  '    next',
];
const addresses = (...entries: string[][]) => ['config firewall address', ...entries.flat(), 'end'];
const tagAddress = (name: string, tag: string) =>
  address(name, 'set type dynamic', 'set sub-type ems-tag', `set obj-tag "${tag}"`);
const groups = (...entries: [string, string[], string?][]) => [
  'config firewall addrgrp',
  ...entries.flatMap(([n, m, category]) => [
    `    edit "${n}"`,
    ...(category ? [`        set category ${category}`] : []),
    `        set member ${m.map((x) => `"${x}"`).join(' ')}`,
    '    next',
  ]),
  'end',
];

interface RuleCase {
  readonly name: string;
  readonly text: string;
  /** The error's message (a pattern) and line, or a check of the mapped result. */
  readonly error?: readonly [RegExp, number];
  readonly check?: (mapped: MappedConfig) => void;
}

const tagsOf = (m: MappedConfig) => m.model.proxyPolicies.map((p) => p.emsTags);

const CASES: readonly RuleCase[] = [
  {
    name: 'map/ref/undefined-vip',
    text: conf('7.4.3', ...FCTEMS, ...proxy()),
    error: [
      /firewall access-proxy "ztna" vip names "zvip", but no firewall vip of type access-proxy of that name is defined \(the configuration has no such block\)/,
      12,
    ],
  },
  {
    name: 'map/ref/vip-of-other-type',
    text: conf(
      '7.4.3',
      'config firewall vip',
      '    edit "zvip"',
      '        set type static-nat',
      '        set extip 1.2.3.4',
      '    next',
      'end',
      ...proxy(),
    ),
    error: [/no firewall vip of type access-proxy .*defined in config blocks at fgt\.conf:2:1/, 10],
  },
  {
    name: 'map/ref/undefined-access-proxy',
    text: conf('7.4.3', ...FCTEMS, ...VIP, ...policy()),
    error: [/firewall proxy-policy "1" access-proxy names "ztna", but no firewall access-proxy/, 20],
  },
  {
    name: 'map/ref/undefined-virtual-host',
    text: conf(
      '7.4.3',
      ...BASE.slice(0, 15),
      ...proxy(
        '        config api-gateway',
        '            edit 1',
        '                set virtual-host "app"',
        '            next',
        '        end',
      ),
    ),
    error: [/api-gateway "1" virtual-host names "app", but no firewall access-proxy-virtual-host/, 22],
  },
  {
    name: 'map/ref/undefined-srcaddr',
    text: conf('7.4.3', ...BASE, ...policy('        set srcaddr "corp-lan"')),
    error: [/srcaddr names "corp-lan", but no firewall address or addrgrp/, 28],
  },
  {
    name: 'map/ref/undefined-user-group',
    text: conf('7.4.3', ...BASE, ...policy('        set groups "staff"')),
    error: [/groups names "staff", but no user group/, 28],
  },
  {
    name: 'map/ref/undefined-user',
    text: conf('7.4.3', ...BASE, ...policy('        set users "alice"')),
    error: [/users names "alice", but no user local/, 28],
  },
  {
    name: 'map/ref/group-member-undefined',
    text: conf('7.4.3', 'config user group', '    edit "staff"', '        set member "bob"', '    next', 'end'),
    error: [/user group "staff" member names "bob", but no user local or remote server/, 4],
  },
  {
    name: 'map/ref/unread-address-type',
    text: conf(
      '7.4.3',
      ...BASE,
      ...addresses(address('de', 'set type geography', 'set country "DE"')),
      ...policy('        set srcaddr "de"'),
    ),
    error: [/names "de", a firewall address of type geography, which the model does not read/, 34],
  },
  {
    name: 'map/ref/all-is-built-in',
    text: conf('7.4.3', ...BASE, ...policy()),
    check: (m) => assert.deepEqual(m.model.proxyPolicies[0]!.srcaddr, ['all']),
  },
  {
    name: 'map/addrgrp/loop',
    text: conf('7.4.3', ...groups(['a', ['b']], ['b', ['c']], ['c', ['a']])),
    error: [/firewall addrgrp loop: "a" → "b" → "c" → "a" contains itself/, 9],
  },
  { name: 'map/addrgrp/self', text: conf('7.4.3', ...groups(['a', ['a']])), error: [/loop: "a" → "a"/, 3] },
  {
    name: 'map/addrgrp/nested-ok',
    text: conf(
      '7.4.3',
      ...addresses(address('h', 'set subnet 10.0.0.0/24')),
      ...groups(['a', ['b', 'h']], ['b', ['h']]),
    ),
    check: (m) =>
      assert.deepEqual(m.model.addresses[0]!.kind, { type: 'ipmask', subnet: '10.0.0.0', netmask: '255.255.255.0' }),
  },
  {
    name: 'map/tag/explicit-address-wins',
    text: conf(
      '7.4.3',
      ...BASE,
      ...addresses(tagAddress('EMS1_ZTNA_Domain-Users', 'Domain Users')),
      ...policy('        set ztna-ems-tag "EMS1_ZTNA_Domain-Users"'),
    ),
    check: (m) => assert.deepEqual(tagsOf(m), [[['Domain Users']]]),
  },
  {
    name: 'map/tag/by-naming',
    text: conf('7.4.3', ...BASE, ...policy('        set ztna-ems-tag "EMS1_ZTNA_HR" "EMS1_CLASS_High"')),
    check: (m) => assert.deepEqual(tagsOf(m), [[['HR'], ['High']]]),
  },
  {
    name: 'map/tag/by-serial-7.0-naming',
    text: conf('7.0.12', ...BASE, ...policy('        set ztna-ems-tag "FCTEMS8822001975_av_tag"')),
    check: (m) => assert.deepEqual(tagsOf(m), [[['av_tag']]]),
  },
  {
    name: 'map/tag/unknown-connector',
    text: conf('7.4.3', ...BASE, ...policy('        set ztna-ems-tag "EMS2_ZTNA_HR"')),
    error: [/ztna-ems-tag "EMS2_ZTNA_HR": .*no EMS connector has id 2 \(ids: 1\)/, 28],
  },
  {
    name: 'map/tag/not-a-tag-name',
    text: conf('7.4.3', ...BASE, ...policy('        set ztna-ems-tag "Domain-Users"')),
    error: [/nor is it named EMS<n>_ZTNA_<tag>/, 28],
  },
  {
    name: 'map/tag/address-of-wrong-type',
    text: conf(
      '7.4.3',
      ...BASE,
      ...addresses(address('web', 'set subnet 10.0.0.1 255.255.255.255')),
      ...policy('        set ztna-ems-tag "web"'),
    ),
    error: [/"web" is a firewall address of type ipmask \(line 23\); expected a dynamic EMS-tag address/, 33],
  },
  {
    name: 'map/tag/group-means-any-member',
    text: conf(
      '7.4.3',
      ...BASE,
      ...addresses(tagAddress('t1', 'Win10'), tagAddress('t2', 'Win11')),
      ...groups(['win', ['t1', 't2'], 'ztna-ems-tag']),
      ...policy('        set ztna-ems-tag "win" "EMS1_CLASS_Low"', '        set ztna-tags-match-logic and'),
    ),
    check: (m) => assert.deepEqual(tagsOf(m), [[['Win10', 'Win11'], ['Low']]]),
  },
  {
    name: 'map/tag/default-category-group-refused',
    text: conf(
      '7.4.3',
      ...BASE,
      ...addresses(tagAddress('t1', 'Win10')),
      ...groups(['win', ['t1']]),
      ...policy('        set ztna-ems-tag "win"'),
    ),
    error: [/"win" is an address group of category default \(line 30\); only a group with category ztna-ems-tag/, 40],
  },
  {
    name: 'map/addrgrp/tag-group-with-other-member',
    text: conf(
      '7.4.3',
      ...addresses(tagAddress('t1', 'Win10'), address('web', 'set subnet 10.0.0.1/32')),
      ...groups(['win', ['t1', 'web'], 'ztna-ems-tag']),
    ),
    error: [
      /addrgrp "win" has category ztna-ems-tag, so its members must be EMS-tag addresses or ztna-ems-tag groups; "web" is not/,
      13,
    ],
  },
  {
    name: 'map/tag/builtin-7.2.4',
    text: conf('7.2.4', ...BASE, ...policy('        set ztna-ems-tag "EMS_ALL_UNMANAGEABLE_CLIENTS"')),
    check: (m) => assert.deepEqual(tagsOf(m), [[['EMS_ALL_UNMANAGEABLE_CLIENTS']]]),
  },
  {
    name: 'map/tag/builtin-new-name-before-7.2.4',
    text: conf('7.2.3', ...BASE, ...policy('        set ztna-ems-tag "EMS_ALL_UNKNOWN_CLIENTS"')),
    error: [/built-in tags .* came with FortiOS 7\.2\.4; this configuration is for 7\.2\.3/, 28],
  },
  {
    name: 'map/tag/builtin-old-name-7.2.2',
    text: conf('7.2.2', ...BASE, ...policy('        set ztna-ems-tag "ems-tag-unknown"')),
    // The name 7.2.2 gives certificate-less unknown devices, which is what the engine tags them with.
    check: (m) => assert.deepEqual(tagsOf(m), [[['ems-tag-unknown']]]),
  },
  {
    name: 'map/tag/builtin-old-name-7.4',
    text: conf('7.4.3', ...BASE, ...policy('        set ztna-ems-tag "ems-tag-unknown"')),
    error: [/7\.2\.1–7\.2\.3 name of a built-in tag; from 7\.2\.4 on it is EMS_ALL_UNKNOWN_CLIENTS/, 28],
  },
  {
    name: 'map/version/accept-unmanageable-7.2.0',
    text: conf('7.2.0', ...FCTEMS, ...VIP, ...proxy('        set empty-cert-action accept-unmanageable')),
    error: [/empty-cert-action accept-unmanageable came with FortiOS 7\.2\.1; this configuration is for 7\.2\.0/, 20],
  },
  {
    name: 'map/version/accept-unmanageable-7.2.1',
    text: conf('7.2.1', ...FCTEMS, ...VIP, ...proxy('        set empty-cert-action accept-unmanageable')),
    check: (m) => assert.equal(m.model.accessProxies[0]!.emptyCertAction, 'accept-unmanageable'),
  },
  {
    name: 'map/version/user-agent-detect-7.0',
    text: conf('7.0.12', ...FCTEMS, ...VIP, ...proxy('        set user-agent-detect disable')),
    error: [/user-agent-detect came with FortiOS 7\.2\.1/, 20],
  },
  {
    name: 'map/version/negate-7.6.0',
    text: conf(
      '7.6.0',
      ...BASE,
      ...policy('        set ztna-ems-tag "EMS1_ZTNA_HR"', '        set ztna-ems-tag-negate enable'),
    ),
    error: [/ztna-ems-tag-negate came with FortiOS 7\.6\.1/, 29],
  },
  {
    name: 'map/version/negate-7.6.1',
    text: conf(
      '7.6.1',
      ...BASE,
      ...policy('        set ztna-ems-tag "EMS1_ZTNA_HR"', '        set ztna-ems-tag-negate enable'),
    ),
    check: (m) => assert.equal(m.model.proxyPolicies[0]!.ztnaEmsTagNegate, 'enable'),
  },
  {
    name: 'map/version/vhost-client-cert-7.4',
    text: conf(
      '7.4.3',
      'config firewall access-proxy-virtual-host',
      '    edit "app"',
      '        set host "app.example.com"',
      '        set client-cert disable',
      '    next',
      'end',
    ),
    error: [/on an access-proxy-virtual-host came with FortiOS 7\.6\.0/, 5],
  },
  {
    name: 'map/version/vhost-client-cert-7.6',
    text: conf(
      '7.6.2',
      'config firewall access-proxy-virtual-host',
      '    edit "app"',
      '        set host "app.example.com"',
      '        set empty-cert-action accept',
      '    next',
      'end',
    ),
    check: (m) => assert.equal(m.model.virtualHosts[0]!.emptyCertAction, 'accept'),
  },
  {
    name: 'map/fctems/threshold-too-low',
    text: conf(
      '7.4.3',
      'config endpoint-control fctems',
      '    edit 1',
      '        set server "ems"',
      '        set out-of-sync-threshold 5',
      '    next',
      'end',
    ),
    error: [/out-of-sync-threshold "5" is not a whole number from 10 to 3600/, 5],
  },
  {
    name: 'map/fctems/threshold-too-high',
    text: conf(
      '7.4.3',
      'config endpoint-control fctems',
      '    edit 1',
      '        set server "ems"',
      '        set out-of-sync-threshold 3601',
      '    next',
      'end',
    ),
    error: [/from 10 to 3600/, 5],
  },
  {
    name: 'map/fctems/status-defaults-to-disable',
    text: conf('7.4.3', 'config endpoint-control fctems', '    edit 3', '        set server "ems"', '    next', 'end'),
    check: (m) =>
      assert.deepEqual(
        m.model.emsConnectors.map((c) => [c.emsId, c.name, c.status, c.outOfSyncThreshold]),
        [[3, '3', 'disable', 180]],
      ),
  },
  {
    name: 'map/fctems/no-server',
    text: conf('7.4.3', 'config endpoint-control fctems', '    edit 1', '        set status enable', '    next', 'end'),
    error: [/fctems "1" has no server/, 3],
  },
  {
    name: 'map/choice/bad-url-map-type',
    text: conf(
      '7.4.3',
      ...BASE.slice(0, 15),
      ...proxy(
        '        config api-gateway',
        '            edit 1',
        '                set url-map-type glob',
        '            next',
        '        end',
      ),
    ),
    error: [/url-map-type "glob" is not one of sub-string \| wildcard \| regex/, 22],
  },
  {
    name: 'map/policy/other-proxy-types-skipped',
    text: conf(
      '7.4.3',
      'config firewall proxy-policy',
      '    edit 7',
      '        set proxy explicit-web',
      '        set dstaddr "nowhere"',
      '    next',
      'end',
    ),
    check: (m) => assert.deepEqual([m.model.proxyPolicies, m.warnings], [[], []]),
  },
  {
    name: 'map/policy/unset-restores-default',
    text: conf('7.4.3', ...BASE, ...policy('        set action accept', '        unset action')),
    check: (m) => assert.equal(m.model.proxyPolicies[0]!.action, 'deny'),
  },
  {
    name: 'map/unknown-blocks-skipped',
    text: conf(
      '7.4.3',
      'config system global',
      '    set hostname "x"',
      'end',
      'config router static',
      '    edit 1',
      '        set gateway 10.0.0.1',
      '    next',
      'end',
    ),
    check: (m) => assert.deepEqual(m.warnings, []),
  },
  {
    name: 'map/warn/unread-keys',
    text: conf(
      '7.4.3',
      ...BASE.slice(0, 15),
      ...proxy(
        '        set log-blocked-traffic enable',
        '        set svr-pool-multiplex enable',
        '        set uuid 1b2e',
      ),
    ),
    check: (m) =>
      assert.deepEqual(warningsOf(m), [
        'firewall access-proxy:log-blocked-traffic@20',
        'firewall access-proxy:svr-pool-multiplex@21',
      ]),
  },
  {
    name: 'map/edit-twice-is-one-entry',
    text: conf(
      '7.4.3',
      ...BASE,
      ...policy('        set action accept'),
      'config firewall proxy-policy',
      '    edit 1',
      '        set status disable',
      '    next',
      'end',
    ),
    check: (m) =>
      assert.deepEqual(
        m.model.proxyPolicies.map((p) => [p.id, p.action, p.status]),
        [[1, 'accept', 'disable']],
      ),
  },
  {
    name: 'map/warn/nested-block-names-its-entry',
    text: conf(
      '7.4.3',
      ...BASE.slice(0, 15),
      ...proxy(
        '        config api-gateway',
        '            edit 1',
        '                set ldb-method round-robin',
        '            next',
        '        end',
      ),
    ),
    check: (m) => assert.deepEqual(warningsOf(m), ['firewall access-proxy "ztna" api-gateway:ldb-method@22']),
  },
  {
    name: 'map/global/fctems-from-global',
    text: [
      'config vdom',
      'edit ztna',
      'next',
      'end',
      'config global',
      ...FCTEMS,
      'end',
      'config vdom',
      'edit ztna',
      ...VIP,
      ...proxy(),
      ...policy('        set ztna-ems-tag "EMS1_ZTNA_HR"'),
      'next',
      'end',
    ].join('\n'),
    check: (m) => assert.deepEqual([m.model.vdom, tagsOf(m)], ['ztna', [[['HR']]]]),
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const vdom = c.name.startsWith('map/global/') ? 'ztna' : 'root';
    if (c.check) return c.check(map(c.text, vdom));
    const [pattern, line] = c.error!;
    assert.throws(
      () => map(c.text, vdom),
      (e: unknown) => {
        assert.ok(e instanceof HarnessError, String(e));
        assert.equal(e.code, 'BAD_INPUT');
        assert.match(e.message, pattern);
        assert.equal(e.where?.split(':').slice(0, 2).join(':'), `fgt.conf:${line}`, e.message);
        return true;
      },
    );
  });
}

test('map/addrgrp/loop-fixture-file', () => {
  assert.throws(
    () => mapFortiosConfig(readFortiosConfig('test/fixtures/fortios/addrgrp-loop.conf')),
    (e: unknown) =>
      e instanceof HarnessError &&
      e.where === 'test/fixtures/fortios/addrgrp-loop.conf:12:5' &&
      /loop: "web-servers" → "all-apps" → "web-servers"/.test(e.message),
  );
});

test('map/addrgrp/chain-100k-deep-no-stack-overflow', () => {
  // g0 ⊃ g1 ⊃ … ⊃ g99999 ⊃ a tag address; the loop check and the tag resolution walk it without recursion.
  const n = 100_000;
  const groupLines = Array.from(
    { length: n },
    (_, i) => `edit "g${i}"\nset category ztna-ems-tag\nset member "${i + 1 < n ? `g${i + 1}` : 'tag'}"\nnext`,
  ).join('\n');
  const text = conf(
    '7.4.3',
    ...BASE,
    ...addresses(tagAddress('tag', 'Deep')),
    'config firewall addrgrp',
    groupLines,
    'end',
    ...policy('        set ztna-ems-tag "g0"'),
  );
  assert.deepEqual(tagsOf(map(text)), [[['Deep']]]);
  assert.throws(
    () => map(text.replace('set member "tag"', 'set member "g0"')),
    /firewall addrgrp loop: "g0" → "g1" → "g2" → … \(99995 more\) → "g99998" → "g99999" → "g0" contains itself/,
  );
});

test('map/version/header-disagrees-with-option', () => {
  assert.throws(
    () =>
      mapFortiosConfig(parseFortiosConfig(conf('7.2.5', ...FCTEMS), 'fgt.conf'), {
        version: { major: 7, minor: 4, patch: 0 },
      }),
    /header says FortiOS 7\.2\.5, but 7\.4\.0 was asked for/,
  );
});
