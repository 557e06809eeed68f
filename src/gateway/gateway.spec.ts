import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Identity } from '../forticlient';
import { craftIdentity, createLab, type Lab, type LabSpec } from '../lab';
import { OID } from '../pki';
import { type AccessRequest, REASON_CODES, type ReasonCode, type ZtnaObjects } from './index';

const DAY = 86_400_000;
const MOBILE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';

const SPEC: LabSpec = {
  sites: [{ name: 'default' }, { name: 'CUSTOMER-TEST' }],
  endpoints: [
    { name: 'laptop', tags: ['Domain-Users'] },
    { name: 'contractor', tags: ['Contractors'] },
    { name: 'offline', tags: ['Domain-Users'], online: false },
    { name: 'gone' },
    { name: 'tenant-b', site: 'CUSTOMER-TEST', tags: ['Domain-Users'] },
  ],
  gateways: [
    {
      name: 'fgt',
      users: [
        { name: 'alice', groups: ['Staff'] },
        { name: 'bob', groups: ['Contractors'] },
      ],
      rules: [
        { name: 'block-admin', host: 'intranet.example.com', path: '/admin', action: 'deny' },
        { name: 'no-contractors', host: 'intranet.example.com', tags: ['Contractors'], action: 'deny' },
        {
          name: 'users',
          host: 'intranet.example.com',
          tags: ['Domain-Users', 'EMS_ALL_UNKNOWN_CLIENTS', 'EMS_ALL_UNMANAGEABLE_CLIENTS'],
          action: 'accept',
        },
        { name: 'hr-and', host: 'hr.example.com', tags: ['Domain-Users', 'HR'], tagsMatch: 'and', action: 'accept' },
        { name: 'wiki-docs', host: 'wiki.example.com', path: '/docs', action: 'accept' },
        { name: 'staff-only', host: 'staff.example.com', groups: ['Staff'], action: 'accept' },
      ],
    },
  ],
};

describe('gateway.decide()', () => {
  let lab: Lab;
  const ids: Record<string, Identity> = {};

  before(async () => {
    lab = await createLab(SPEC);
    for (const e of lab.endpoints) if (e.identity) ids[e.profile.name] = e.identity;
    const uid = lab.endpoint('laptop').uid;
    const now = lab.clock.now();
    ids['unknown-uid'] = await craftIdentity(lab, { uid: 'F'.repeat(32) });
    ids['ems-ssl-chain'] = await craftIdentity(lab, { uid, signer: 'ems-ssl-ca' });
    ids['server-eku'] = await craftIdentity(lab, { uid, extKeyUsage: [OID.serverAuth] });
    ids.expired = await craftIdentity(lab, { uid, notBefore: now - 30 * DAY, notAfter: now - DAY });
    ids['not-yet-valid'] = await craftIdentity(lab, { uid, notBefore: now + DAY });
    ids['sn-mismatch'] = await craftIdentity(lab, { uid });
    lab.endpoint('gone').unregister();
    ids['no-cert-record'] = await craftIdentity(lab, { uid: lab.endpoint('gone').uid });
    ids['bad-cn'] = await craftIdentity(lab, { uid: 'not-a-uid' });
    ids.revoked = (await lab.addEndpoint({ name: 'stolen', tags: ['Domain-Users'] })).identity!;
    lab.ems.revokeClientCertificate(lab.endpoint('stolen').uid);
  });

  const cases: {
    name: string;
    identity?: string;
    host?: string;
    path?: string;
    ua?: string;
    settings?: object;
    /** A change to the gateway's FortiOS objects for this case. */
    objects?: (objects: ZtnaObjects) => ZtnaObjects;
    user?: string;
    reason: ReasonCode;
    detail?: string;
  }[] = [
    { name: 'allow/registered-endpoint', identity: 'laptop', reason: 'ALLOW' },
    { name: 'deny/other-site-certificate', identity: 'tenant-b', reason: 'CERT_INVALID', detail: 'untrusted-issuer' },
    { name: 'deny/ems-ssl-chain', identity: 'ems-ssl-chain', reason: 'CERT_INVALID', detail: 'untrusted-issuer' },
    { name: 'deny/server-auth-only', identity: 'server-eku', reason: 'CERT_INVALID', detail: 'not-client-auth' },
    { name: 'deny/expired-cert', identity: 'expired', reason: 'CERT_INVALID', detail: 'expired' },
    { name: 'deny/not-yet-valid', identity: 'not-yet-valid', reason: 'CERT_INVALID', detail: 'not-yet-valid' },
    { name: 'deny/sn-mismatch', identity: 'sn-mismatch', reason: 'CERT_INVALID', detail: 'sn-mismatch' },
    {
      name: 'deny/record-without-certificate',
      identity: 'no-cert-record',
      reason: 'CERT_INVALID',
      detail: 'record-has-no-certificate',
    },
    { name: 'deny/subject-not-a-uid', identity: 'bad-cn', reason: 'CERT_INVALID', detail: 'subject-not-a-uid' },
    { name: 'deny/empty-cert-block', reason: 'CERT_EMPTY' },
    {
      name: 'deny/empty-cert-manageable',
      settings: { emptyCertAction: 'accept-unmanageable' },
      reason: 'CERT_EMPTY_MANAGEABLE',
    },
    {
      name: 'allow/empty-cert-unmanageable',
      settings: { emptyCertAction: 'accept-unmanageable' },
      ua: MOBILE_UA,
      reason: 'ALLOW',
    },
    {
      name: 'deny/empty-cert-unmanageable-ua-detect-off',
      settings: { emptyCertAction: 'accept-unmanageable', userAgentDetect: false },
      ua: MOBILE_UA,
      reason: 'CERT_EMPTY_MANAGEABLE',
    },
    { name: 'allow/empty-cert-accept', settings: { emptyCertAction: 'accept' }, reason: 'ALLOW' },
    { name: 'allow/client-cert-disabled', settings: { clientCert: false }, identity: 'revoked', reason: 'ALLOW' },
    { name: 'deny/app-not-found', identity: 'laptop', host: 'other.example.com', reason: 'APP_NOT_FOUND' },
    {
      name: 'deny/real-server-not-found',
      identity: 'laptop',
      objects: (o) => ({
        ...o,
        accessProxies: o.accessProxies.map((p) => ({
          ...p,
          apiGateways: p.apiGateways.map((g) => ({
            ...g,
            realServers: [{ id: 1, ip: '10.88.0.3', port: 443, status: 'disable' }],
          })),
        })),
      }),
      reason: 'REAL_SERVER_NOT_FOUND',
    },
    {
      name: 'deny/no-policy-match',
      identity: 'laptop',
      host: 'wiki.example.com',
      path: '/',
      reason: 'NO_POLICY_MATCH',
    },
    { name: 'deny/auth-required', identity: 'laptop', host: 'staff.example.com', reason: 'AUTH_REQUIRED' },
    {
      name: 'deny/user-not-in-group',
      identity: 'laptop',
      host: 'staff.example.com',
      user: 'bob',
      reason: 'NO_POLICY_MATCH',
    },
    { name: 'allow/user-in-group', identity: 'laptop', host: 'staff.example.com', user: 'alice', reason: 'ALLOW' },
    { name: 'deny/policy-deny', identity: 'laptop', path: '/admin/users', reason: 'POLICY_DENY' },
    { name: 'deny/revoked', identity: 'revoked', reason: 'CERT_REVOKED' },
    { name: 'deny/tags-deny', identity: 'contractor', reason: 'TAGS_DENY' },
    { name: 'deny/tags-no-match-and-logic', identity: 'laptop', host: 'hr.example.com', reason: 'TAGS_NO_MATCH' },
    { name: 'deny/no-device-info', identity: 'unknown-uid', reason: 'NO_DEVICE_INFO' },
    { name: 'deny/device-offline', identity: 'offline', reason: 'DEVICE_OFFLINE' },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const gateway = lab.gateway('fgt');
      const saved = gateway.settings;
      const savedObjects = gateway.objects;
      gateway.settings = { ...saved, ...c.settings };
      if (c.objects) gateway.objects = c.objects(gateway.objects);
      try {
        const request: AccessRequest = {
          certificate: c.identity ? ids[c.identity]!.certificate : undefined,
          host: c.host ?? 'intranet.example.com',
          path: c.path ?? '/',
          userAgent: c.ua,
          user: c.user,
        };
        const decision = gateway.decide(request);
        assert.equal(decision.reason, c.reason, `detail: ${decision.detail}`);
        assert.equal(decision.verdict, c.reason === 'ALLOW' ? 'allow' : 'deny');
        if (c.detail) assert.equal(decision.detail, c.detail);
      } finally {
        gateway.objects = savedObjects;
        gateway.settings = saved;
      }
    });
  }

  test('every reason code is reached by a case above', () => {
    assert.deepEqual([...new Set(cases.map((c) => c.reason))].sort(), [...REASON_CODES].sort());
  });

  test('a decision carries evidence and the FortiOS code', () => {
    const decision = lab
      .gateway('fgt')
      .decide({ certificate: ids.revoked!.certificate, host: 'intranet.example.com', path: '/' });
    assert.equal(decision.fortiosCode, '063');
    assert.equal(decision.httpStatus, 403);
    assert.equal(decision.evidence.certificateSerial, ids.revoked!.certificate.serial);
    assert.match(decision.evidence.fingerprint!, /^[0-9A-F]{64}$/);
    assert.equal(decision.evidence.at, new Date(lab.clock.now()).toISOString());
    const allowed = lab
      .gateway('fgt')
      .decide({ certificate: ids.laptop!.certificate, host: 'intranet.example.com', path: '/' });
    assert.equal(allowed.evidence.rule, 'users');
    assert.equal(allowed.fortiosCode, undefined);
  });

  test('objects/set-on-a-shorthand-gateway-replace-its-flat-rules', async () => {
    const other = await createLab({ gateways: [{ name: 'g', rules: [{ name: 'all', action: 'accept' }] }] });
    const gateway = other.gateway('g');
    assert.equal(gateway.isShorthand, true);
    gateway.settings = { ...gateway.settings, emptyCertAction: 'accept' };
    assert.deepEqual([gateway.isShorthand, gateway.rules.length], [true, 1], 'a settings change keeps the flat rules');
    gateway.version = { major: 7, minor: 2, patch: 3 };
    assert.deepEqual([gateway.isShorthand, gateway.objects.version.patch], [true, 3], 'a release change keeps them');
    gateway.objects = { ...gateway.objects, proxyPolicies: [] };
    assert.deepEqual([gateway.isShorthand, gateway.rules], [false, []]);
    assert.equal(gateway.fork(other.clock).isShorthand, false);
    other.dispose();
  });

  test('users/replaced-on-a-running-gateway-and-kept-by-a-fork', () => {
    const gateway = lab.gateway('fgt');
    const saved = gateway.users;
    const asCarol = { certificate: ids.laptop!.certificate, host: 'staff.example.com', path: '/', user: 'carol' };
    try {
      // Undeclared, carol cannot authenticate: the group rule asks her to.
      assert.equal(gateway.decide(asCarol).reason, 'AUTH_REQUIRED');
      gateway.users = [...saved, { name: 'carol', groups: ['Staff'] }];
      assert.equal(gateway.decide(asCarol).reason, 'ALLOW');
      assert.equal(gateway.fork(lab.clock).decide(asCarol).reason, 'ALLOW');
    } finally {
      gateway.users = saved;
    }
    assert.equal(gateway.decide(asCarol).reason, 'AUTH_REQUIRED');
  });
});
