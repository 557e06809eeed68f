/** Labs in FortiOS spelling: read into the engine's objects, refused with file:line:col where wrong. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import { createLab } from './lab';
import { loadScenario } from './scenario-file';

const dir = mkdtempSync(join(tmpdir(), 'ztna-spelling-'));
let n = 0;
const write = (text: string): string => {
  const file = join(dir, `lab-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
};

const LAB = `name: FortiOS spelling
seed: spelling
ems: { serial: FCTEMS0000000042 }
users:
  - { name: alice, groups: [HR-Staff] }
  - { name: bob }
endpoints:
  - { name: hr-laptop, tags: [HR] }
  - { name: dev-laptop, tags: [Developers] }
gateways:
  - name: fgt-1
    fortios-version: "7.4"
    fctems: { serial-number: FCTEMS0000000042 }
    vip: [{ name: web, extip: 10.0.3.10, extport: 443 }]
    access-proxy:
      - name: web
        vip: web
        api-gateway:
          - { id: 1, virtual-host: hr, realservers: [{ id: 1, ip: 10.88.0.3 }] }
          - { id: 2, virtual-host: wiki, url-map: /docs, realservers: [{ id: 1, ip: 10.88.0.4 }] }
    access-proxy-virtual-host:
      - { name: hr, host: hr.example.com }
      - { name: wiki, host: "*.wiki.example.com", host-type: wildcard }
    address:
      - { name: offices, subnet: 10.0.3.0/24 }
      - { name: wiki-servers, type: iprange, start-ip: 10.88.0.4, end-ip: 10.88.0.9 }
    user-group: [{ name: HR-Staff }]
    proxy-policy:
      - { id: 1, name: hr-app, access-proxy: [web], srcaddr: [offices], ztna-ems-tag: [EMS1_ZTNA_HR], groups: [HR-Staff], action: accept }
      - { id: 2, name: wiki, access-proxy: [web], dstaddr: [wiki-servers], ztna-ems-tag: [Developers], action: accept }
`;

test('spelling/decides as FortiOS: groups, addresses, API gateways and tags', async () => {
  const scenario = loadScenario(write(LAB));
  const lab = await createLab(scenario.spec);
  try {
    const gateway = lab.gateway('fgt-1');
    const cert = (name: string) => lab.endpoint(name).identity!.certificate;
    const decide = (name: string, host: string, path: string, extra: object = {}) =>
      gateway.decide({ certificate: cert(name), host, path, ...extra });
    const office = { sourceAddress: '10.0.3.25' };
    assert.equal(decide('hr-laptop', 'hr.example.com', '/', { ...office, user: 'alice' }).reason, 'ALLOW');
    assert.equal(decide('hr-laptop', 'hr.example.com', '/', office).reason, 'AUTH_REQUIRED');
    assert.equal(decide('hr-laptop', 'hr.example.com', '/', { ...office, user: 'bob' }).reason, 'NO_POLICY_MATCH');
    assert.equal(decide('hr-laptop', 'hr.example.com', '/', { user: 'alice' }).reason, 'NO_POLICY_MATCH');
    assert.equal(decide('dev-laptop', 'team.wiki.example.com', '/docs/start').reason, 'ALLOW');
    assert.equal(decide('hr-laptop', 'team.wiki.example.com', '/docs/start').reason, 'TAGS_NO_MATCH');
    const unmapped = decide('dev-laptop', 'team.wiki.example.com', '/blog');
    assert.deepEqual([unmapped.reason, unmapped.fortiosCode], ['APP_NOT_FOUND', '021']);
    const allowed = decide('dev-laptop', 'team.wiki.example.com', '/docs/');
    assert.equal(allowed.evidence.rule, 'wiki');
    assert.match(allowed.evidence.ruleAt!, /lab-\d+\.yaml:\d+$/);
  } finally {
    lab.dispose();
  }
});

const refused = (yaml: string, message: RegExp, line: number) => {
  const file = write(yaml);
  assert.throws(
    () => loadScenario(file),
    (error: unknown) =>
      error instanceof HarnessError &&
      message.test(error.message) &&
      error.options.location?.line === line &&
      error.options.location?.column !== undefined,
  );
};

test('spelling/a setting the version lacks is refused at its line', () => {
  refused(
    LAB.replace('fortios-version: "7.4"', 'fortios-version: "7.2.0"').replace(
      '        vip: web\n',
      '        vip: web\n        empty-cert-action: accept-unmanageable\n',
    ),
    /accept-unmanageable came with FortiOS 7\.2\.1/,
    18,
  );
  refused(
    LAB.replace(
      'ztna-ems-tag: [Developers], action',
      'ztna-ems-tag: [Developers], ztna-ems-tag-negate: enable, action',
    ),
    /ztna-ems-tag-negate came with FortiOS 7\.6\.1/,
    30,
  );
  refused(LAB.replace('fortios-version: "7.4"', 'fortios-version: "6.4"'), /not a FortiOS version a lab can name/, 12);
});

test('spelling/references name declared objects', () => {
  refused(LAB.replace('srcaddr: [offices]', 'srcaddr: [branch]'), /unknown address "branch"/, 29);
  refused(LAB.replace('virtual-host: hr,', 'virtual-host: hq,'), /unknown access-proxy-virtual-host "hq"/, 19);
  refused(LAB.replace('groups: [HR-Staff], action', 'groups: [Admins], action'), /unknown user-group "Admins"/, 29);
  refused(LAB.replace('        vip: web\n', '        vip: www\n'), /unknown vip "www"/, 17);
});

test('spelling/one way per gateway', () => {
  refused(
    LAB.replace('    fortios-version: "7.4"\n', '    fortios-version: "7.4"\n    rules: []\n'),
    /a gateway is written one way/,
    15,
  );
});
