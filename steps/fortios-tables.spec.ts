import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataTable } from '@cucumber/cucumber';
import { HarnessError } from '../src/errors';
import { DEFAULT_SETTINGS, parseLabFortiosVersion, shorthandObjects, type ZtnaObjects } from '../src/gateway';
import { addressesOf, addressGroupsOf, apiGatewaysOf, proxyPoliciesOf, rowsOf, virtualHostsOf } from './fortios-tables';
import { requireVersionFits } from './fortios-version-fit';

const rows = (name: string, ...lines: string[][]) => rowsOf(new DataTable(lines), name);
const v = parseLabFortiosVersion;
const BASE: ZtnaObjects = {
  ...shorthandObjects([{ name: 'all', action: 'accept' }], DEFAULT_SETTINGS),
  addresses: addressesOf(
    rows(
      'addresses',
      ['name', 'type', 'subnet', 'start-ip', 'end-ip', 'obj-tag'],
      ['office', '', '127.0.3.0 255.255.255.0', '', '', ''],
      ['lab', 'iprange', '', '127.0.4.1', '127.0.4.9', ''],
      ['EMS1_ZTNA_HR', 'dynamic', '', '', '', 'HR'],
    ),
  ),
};

/** Asserts a bad-input error whose message matches and whose location is `where`. */
function refused(run: () => unknown, message: RegExp, where: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof HarnessError, String(error));
    assert.match(error.message, message);
    assert.equal(error.where, where);
    return true;
  });
}

test('api-gateways/rows-declare-virtual-hosts-and-share-ids', () => {
  const { apiGateways, virtualHosts } = apiGatewaysOf(
    rows(
      'API gateways table',
      ['id', 'host', 'host-type', 'url-map', 'url-map-type', 'realserver', 'status'],
      ['1', '*.example.com', 'wildcard', '/app/*', 'wildcard', '10.0.0.1', 'disable'],
      ['1', '*.example.com', 'wildcard', '', '', '10.0.0.2:8443', ''],
      ['2', '', '', '', '', '', ''],
    ),
  );
  assert.deepEqual(virtualHosts, [{ name: '*.example.com', host: '*.example.com', hostType: 'wildcard' }]);
  assert.equal(apiGateways.length, 2);
  assert.deepEqual(
    apiGateways[0]!.realServers.map((r) => [r.id, r.ip, r.port, r.status]),
    [
      [1, '10.0.0.1', 443, 'disable'],
      [2, '10.0.0.2', 8443, 'active'],
    ],
  );
  assert.deepEqual(apiGateways[1], { id: 2, urlMap: '/', urlMapType: 'sub-string', service: 'https', realServers: [] });
});

test('api-gateways/bad-cells-are-refused-at-their-row-and-column', () => {
  const header = ['id', 'host', 'url-map-type', 'realserver'];
  refused(
    () => apiGatewaysOf(rows('API gateways table', header, ['1', 'a.example.com', 'glob', ''])),
    /url-map-type is "glob"; expected sub-string, wildcard, regex/,
    'API gateways table:2:3',
  );
  refused(
    () => apiGatewaysOf(rows('API gateways table', header, ['1', 'a.example.com', '', 'web01'])),
    /expected IP or IP:PORT/,
    'API gateways table:2:4',
  );
  refused(
    () =>
      apiGatewaysOf(
        rows(
          'API gateways table',
          ['id', 'virtual-host', 'host'],
          ['1', 'web', 'a.example.com'],
          ['2', 'web', 'b.example.com'],
        ),
      ),
    /virtual host web is declared twice, differently/,
    'API gateways table:3:3',
  );
});

test('virtual-hosts/certificate-settings-need-7.6', () => {
  const table = () =>
    rows('virtual hosts table', ['name', 'host', 'empty-cert-action'], ['kiosk', 'kiosk.example.com', 'accept']);
  assert.equal(virtualHostsOf(table(), v('7.6'))[0]!.emptyCertAction, 'accept');
  refused(() => virtualHostsOf(table(), v('7.4')), /came with FortiOS 7\.6\.0/, 'virtual hosts table:2:3');
});

test('addresses/subnet-forms-and-groups', () => {
  assert.deepEqual(BASE.addresses[0]!.kind, { type: 'ipmask', subnet: '127.0.3.0', netmask: '255.255.255.0' });
  const [cidr] = addressesOf(rows('addresses', ['name', 'subnet'], ['n', '10.0.0.0/8']));
  assert.deepEqual(cidr!.kind, { type: 'ipmask', subnet: '10.0.0.0', netmask: '8' });
  refused(
    () => addressesOf(rows('addresses', ['name', 'subnet'], ['n', '10.0.0.0'])),
    /subnet needs a mask/,
    'addresses:2:2',
  );
  assert.deepEqual(addressGroupsOf(rows('groups', ['name', 'member'], ['g', 'office, lab']))[0]!.members, [
    'office',
    'lab',
  ]);
});

test('ztna-rules/tag-names-are-read-as-a-yaml-lab-reads-them', () => {
  const [policy] = proxyPoliciesOf(
    rows(
      'ZTNA rules table',
      ['name', 'ztna-ems-tag', 'groups'],
      ['hr', 'EMS1_ZTNA_HR, EMS1_ZTNA_Payroll, Staff', 'HR'],
    ),
    BASE,
  );
  assert.deepEqual(policy!.emsTags, [['HR'], ['Payroll'], ['Staff']]);
  assert.deepEqual([policy!.id, policy!.action, policy!.status, policy!.groups], [1, 'deny', 'enable', ['HR']]);
});

test('ztna-rules/unknown-address-and-early-negate-are-refused', () => {
  refused(
    () => proxyPoliciesOf(rows('ZTNA rules table', ['name', 'srcaddr'], ['r', 'office, nowhere']), BASE),
    /srcaddr names "nowhere", which no address or addrgrp declares/,
    'ZTNA rules table:2:2',
  );
  refused(
    () => proxyPoliciesOf(rows('ZTNA rules table', ['name', 'negate'], ['r', 'enable']), BASE),
    /ztna-ems-tag-negate came with FortiOS 7\.6\.1/,
    'ZTNA rules table:2:2',
  );
  assert.equal(
    proxyPoliciesOf(rows('t', ['negate'], ['enable']), { ...BASE, version: v('7.6') })[0]!.ztnaEmsTagNegate,
    'enable',
  );
});

test('version-fit/a-setting-in-use-refuses-an-older-release', () => {
  const [proxy] = BASE.accessProxies;
  const unmanageable = { ...BASE, accessProxies: [{ ...proxy!, emptyCertAction: 'accept-unmanageable' as const }] };
  assert.throws(() => requireVersionFits(unmanageable, v('7.2.0')), /accept-unmanageable came with FortiOS 7\.2\.1/);
  requireVersionFits(unmanageable, v('7.2.1'));
  const builtin = { ...BASE, proxyPolicies: [{ ...BASE.proxyPolicies[0]!, ztnaEmsTag: ['EMS_ALL_UNKNOWN_CLIENTS'] }] };
  assert.throws(() => requireVersionFits(builtin, v('7.2.3')), /came with FortiOS 7\.2\.4/);
  requireVersionFits(builtin, v('7.2.4'));
  requireVersionFits(BASE, v('7.0'));
});
