/** mapFortiosConfig: the shipped samples, references, loops, tag names, version gates and warnings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { warningsOf } from '../../test/fixtures/fortios/inline-configs';
import { type MappedConfig, mapFortiosConfig } from './map-config';
import { readFortiosConfig } from './read-config';

interface SampleCase {
  readonly name: string;
  readonly file: string;
  readonly vdom: string;
  readonly check: (mapped: MappedConfig) => void;
}

const SAMPLES: readonly SampleCase[] = [
  {
    name: 'map/sample-https-access-proxy',
    file: 'https-access-proxy.conf',
    vdom: 'root',
    check: ({ model, warnings }) => {
      assert.deepEqual([model.version, model.versionSource], [{ major: 7, minor: 2, patch: 5 }, 'header']);
      const [ems] = model.emsConnectors;
      assert.deepEqual(
        [ems!.name, ems!.emsId, ems!.status, ems!.serialNumber, ems!.tenantId, ems!.outOfSyncThreshold, ems!.trustCaCn],
        ['ems133', 1, 'enable', 'FCTEMS8822001975', '00000000000000000000000000000000', 180, 'enable'],
      );
      assert.deepEqual(
        model.vips.map((v) => [v.name, v.extip, v.extport, v.sslCertificate]),
        [['ZTNA-webserver', '10.0.3.10', 9443, 'Fortinet_SSL']],
      );
      const [ap] = model.accessProxies;
      assert.deepEqual(
        [ap!.clientCert, ap!.emptyCertAction, ap!.userAgentDetect, ap!.authPortal],
        ['enable', 'block', 'enable', 'disable'],
      );
      assert.deepEqual(
        ap!.apiGateways[0]!.realServers.map((s) => [s.ip, s.port]),
        [['10.88.0.3', 9443]],
      );
      assert.deepEqual(
        model.proxyPolicies.map((p) => [p.id, p.action, p.emsTags]),
        [
          [1, 'deny', [['Malicious-File-Detected']]],
          [2, 'accept', [['Low']]],
        ],
        'no action means deny',
      );
      assert.deepEqual(model.addresses.find((a) => a.name === 'webserver')!.kind, {
        type: 'ipmask',
        subnet: '10.88.0.3',
        netmask: '255.255.255.255',
      });
      assert.ok(
        warningsOf({ model, warnings }).includes('firewall proxy-policy:srcintf@76'),
        'srcintf is listed, not dropped',
      );
    },
  },
  {
    name: 'map/sample-basic-auth-groups',
    file: 'basic-auth-groups.conf',
    vdom: 'root',
    check: (mapped) => {
      assert.equal(mapped.model.versionSource, 'default', '`show` output has no header');
      assert.deepEqual(
        mapped.model.userGroups.map((g) => [g.name, g.members]),
        [['LDAP-Remote-Allowed-Group', ['WIN2K16-LDAP']]],
      );
      assert.deepEqual(mapped.model.proxyPolicies[0]!.groups, ['LDAP-Remote-Allowed-Group']);
      assert.deepEqual(
        mapped.model.proxyPolicies[0]!.emsTags,
        [['Low']],
        'EMS1_CLASS_Low by the naming, no address in the file',
      );
      const warnings = warningsOf(mapped);
      for (const w of [
        'user group:config match@18',
        'authentication rule:config authentication rule@32',
        'user ldap:config user ldap@5',
      ])
        assert.ok(warnings.includes(w), w);
    },
  },
  {
    name: 'map/sample-virtual-hosts',
    file: 'virtual-hosts.conf',
    vdom: 'root',
    check: ({ model }) => {
      assert.deepEqual(
        model.virtualHosts.map((h) => [h.name, h.host, h.hostType]),
        [
          ['intranet', 'intranet.example.com', 'sub-string'],
          ['hr', 'hr.example.com', 'sub-string'],
          ['apps-wildcard', '*.apps.example.com', 'wildcard'],
        ],
      );
      const [ap] = model.accessProxies;
      assert.equal(ap!.emptyCertAction, 'accept-unmanageable');
      assert.deepEqual(
        ap!.apiGateways.map((g) => [g.id, g.urlMap, g.urlMapType, g.virtualHost, g.realServers.length]),
        [
          [1, '/', 'sub-string', 'intranet', 1],
          [2, '/payroll', 'sub-string', 'hr', 2],
          [3, '/', 'sub-string', 'apps-wildcard', 1],
        ],
      );
      assert.deepEqual(
        [model.emsConnectors[0]!.status, model.emsConnectors[0]!.trustCaCn, model.emsConnectors[0]!.emsId],
        ['enable', 'enable', 1],
      );
      assert.deepEqual(
        model.proxyPolicies.map((p) => [p.ztnaTagsMatchLogic, p.emsTags]),
        [
          ['and', [['Domain-Users'], ['HR']]],
          ['or', [['Domain-Users']]],
        ],
      );
    },
  },
  {
    name: 'map/sample-multi-vdom-backup',
    file: 'multi-vdom-backup.conf',
    vdom: 'ztna',
    check: ({ model }) => {
      assert.equal(model.vdom, 'ztna');
      assert.deepEqual(
        model.emsConnectors.map((c) => c.server),
        ['10.0.3.133'],
      );
      assert.deepEqual(
        model.proxyPolicies.map((p) => [p.name, p.emsTags]),
        [['ZTNA-webserver', [['Domain-Users']]]],
      );
    },
  },
];

for (const c of SAMPLES)
  test(c.name, () => c.check(mapFortiosConfig(readFortiosConfig(`scenarios/fortios/${c.file}`), { vdom: c.vdom })));

test('map/sample-multi-vdom-root-has-no-ztna', () => {
  const { model } = mapFortiosConfig(readFortiosConfig('scenarios/fortios/multi-vdom-backup.conf'), { vdom: 'root' });
  assert.deepEqual(
    [model.accessProxies.length, model.proxyPolicies.length, model.addresses.map((a) => a.name)],
    [0, 0, ['all']],
  );
});
