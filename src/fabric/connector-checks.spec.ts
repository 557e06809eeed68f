import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLab, type LinkSpec } from '../lab';
import { EMS_SSL_CA_NAME } from './connector-checks';

const EMS_SERIAL = 'FCTEMS8822001975';
const DEFAULT_TENANT = '0'.repeat(32);

interface Case {
  readonly name: string;
  readonly link: Omit<LinkSpec, 'gateway'>;
  readonly state: 'up' | 'down' | 'untrusted';
  readonly detail: RegExp;
  readonly dirtyReason?: 'mismatched-ems-sn';
  /** The site the gateway syncs (default `default`, tenant 000…0). */
  readonly site?: 'CUSTOMER-TEST';
}

const CASES: readonly Case[] = [
  { name: 'up/nothing-pinned', link: {}, state: 'up', detail: /^connected; EMS server certificate verified$/ },
  {
    name: 'up/serial-pinned-to-ems',
    link: { connector: { serialNumber: EMS_SERIAL } },
    state: 'up',
    detail: /^connected/,
  },
  {
    name: 'untrusted/serial-pinned-to-another-ems',
    link: { connector: { serialNumber: 'FCTEMS0000000001' } },
    state: 'untrusted',
    dirtyReason: 'mismatched-ems-sn',
    detail:
      /^EMS serial number mismatch \(dirty-reason mismatched-ems-sn\): serial-number is FCTEMS0000000001, EMS reports FCTEMS8822001975; no sync$/,
  },
  {
    name: 'up/tenant-pinned-to-the-site',
    link: { connector: { tenantId: DEFAULT_TENANT } },
    state: 'up',
    detail: /^connected/,
  },
  {
    name: 'up/tenant-pin-ignores-hex-case',
    link: { connector: { tenantId: '5a3c1e7f9b2d4a6c8e0f1a2b3c4d5e6f' } },
    site: 'CUSTOMER-TEST',
    state: 'up',
    detail: /^connected/,
  },
  {
    name: 'untrusted/tenant-pinned-to-another-site',
    link: { connector: { tenantId: DEFAULT_TENANT } },
    site: 'CUSTOMER-TEST',
    state: 'untrusted',
    detail:
      /^EMS tenant id mismatch: tenant-id is 0{32}, EMS site "CUSTOMER-TEST" has 5A3C1E7F9B2D4A6C8E0F1A2B3C4D5E6F; no sync$/,
  },
  {
    name: 'down/status-disable',
    link: { connector: { status: 'disable' } },
    state: 'down',
    detail: /^EMS connector disabled \(status disable\); no sync$/,
  },
  {
    name: 'up/verifying-ca-names-the-ems-ssl-ca',
    link: { connector: { verifyingCa: EMS_SSL_CA_NAME } },
    state: 'up',
    detail: /^connected/,
  },
  {
    name: 'untrusted/verifying-ca-names-another-ca',
    link: { connector: { verifyingCa: 'EMS_CA' } },
    state: 'untrusted',
    detail:
      /^EMS server certificate not verified: verifying-ca "EMS_CA" is no CA certificate on the access proxy; no sync$/,
  },
  {
    name: 'untrusted/ems-certificate-not-trusted',
    link: { trustEmsCertificate: false },
    state: 'untrusted',
    detail: /^EMS server certificate not verified: untrusted-issuer; no sync$/,
  },
  {
    name: 'untrusted/not-trusted-even-when-verifying-ca-names-it',
    link: { trustEmsCertificate: false, connector: { verifyingCa: EMS_SSL_CA_NAME } },
    state: 'untrusted',
    detail: /verifying-ca "EMS_SSL_CA" is no CA certificate/,
  },
  {
    name: 'order/disabled-before-anything-else',
    link: { trustEmsCertificate: false, connector: { status: 'disable', serialNumber: 'FCTEMS0000000001' } },
    state: 'down',
    detail: /disabled/,
  },
  {
    name: 'order/certificate-before-pinning',
    link: { connector: { verifyingCa: 'EMS_CA', serialNumber: 'FCTEMS0000000001' } },
    state: 'untrusted',
    detail: /^EMS server certificate not verified/,
  },
];

describe('EMS connector checks (a lab built with them)', () => {
  for (const c of CASES)
    test(c.name, async () => {
      const site = c.site ?? 'default';
      const lab = await createLab({
        ems: { serial: EMS_SERIAL },
        sites: [{ name: 'default' }, { name: 'CUSTOMER-TEST', tenantId: '5A3C1E7F9B2D4A6C8E0F1A2B3C4D5E6F' }],
        endpoints: [{ name: 'laptop-1', site }],
        gateways: [{ name: 'fgt-1', site, rules: [{ name: 'all', action: 'accept' }] }],
        links: [{ gateway: 'fgt-1', ...c.link }],
      });
      try {
        const status = lab.link().status;
        assert.equal(status.state, c.state, status.detail);
        assert.match(status.detail, c.detail);
        assert.equal(status.dirtyReason, c.dirtyReason);
        assert.equal(lab.gateway().records.size, c.state === 'up' ? 1 : 0, 'a failed check syncs nothing');
      } finally {
        lab.dispose();
      }
    });
});
