import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type AuditInput, auditEndpoints } from './audit-endpoints';
import type { EmsEndpoint, EmsExport } from './ems-endpoint';
import { FINDING_KINDS, type FindingKind, SEVERITIES } from './finding';
import type { GatewayDump, GatewayRecord, GatewaySummary } from './gateway-dump';
import { parseEmsExport } from './parse-ems-export';
import { parseGatewayOutput } from './parse-gateway-output';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../test/fixtures/audit', name), 'utf8');

const UID_A = '9A016B5A6E914B42AD4168C066EB04CA';
const UID_B = '5F3C2E1D0A9B48C7B6E5D4C3B2A19080';
const SN_A = '2B8D4FF0E71FE7E064288FE1B4F87E25232092D0';
const SN_B = '7C1E5A9F3B2D4C6E8A0B1C2D3E4F5A6B7C8D9E0F';
const ZERO = '0'.repeat(40);
const SERIAL = 'FCTEMS8822001975';
const TENANT = '0'.repeat(32);
const OTHER_TENANT = 'C1'.repeat(16);

/** A healthy endpoint as the gateway holds it; cases override what they are about. */
const HEALTHY: Partial<GatewayRecord> = {
  uid: UID_A,
  certSn: SN_A,
  emsSerial: SERIAL,
  tenantId: TENANT,
  online: true,
  registered: true,
  outOfSync: false,
};

function gateway(records: readonly Partial<GatewayRecord>[], more: Partial<GatewayDump> = {}): GatewayDump {
  return {
    file: 'fgt.txt',
    format: 'endpoint-record-list',
    records: records.map((record, index) => ({ line: 2 + index * 20, tags: [], routes: [], extra: {}, ...record })),
    ...more,
  };
}

function ems(rows: readonly Partial<EmsEndpoint>[]): EmsExport {
  return {
    file: 'ems.csv',
    format: 'csv',
    endpoints: rows.map((row, index) => ({
      uid: UID_A,
      site: 'default',
      certSn: SN_A,
      registered: true,
      line: index + 2,
      ...row,
    })),
  };
}

const summary = (counts: Partial<GatewaySummary>): GatewaySummary => ({
  online: 1,
  offline: 0,
  quarantined: 0,
  outOfSync: 0,
  line: 30,
  ...counts,
});

interface Case {
  readonly name: string;
  readonly input: AuditInput;
  readonly kind: FindingKind;
  /** How many findings of the kind, and the source of the first. */
  readonly count: number;
  readonly source?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'collection-failed/positive',
    kind: 'collection-failed',
    count: 1,
    source: 'ssh://admin@fgt-a/',
    input: {
      gateways: [],
      collectionFailures: [{ device: 'admin@fgt-a', reason: 'authentication refused', source: 'ssh://admin@fgt-a/' }],
    },
  },
  {
    name: 'collection-failed/negative',
    kind: 'collection-failed',
    count: 0,
    input: { gateways: [gateway([HEALTHY])] },
  },
  {
    name: 'gateway-record-missing/positive',
    kind: 'gateway-record-missing',
    count: 1,
    source: 'ems.csv:3',
    input: { gateways: [gateway([HEALTHY])], ems: ems([{}, { uid: UID_B, certSn: SN_B }]) },
  },
  {
    name: 'gateway-record-missing/negative/unregistered-on-ems',
    kind: 'gateway-record-missing',
    count: 0,
    input: { gateways: [gateway([HEALTHY])], ems: ems([{}, { uid: UID_B, registered: false }]) },
  },
  {
    name: 'gateway-record-missing/negative/wad-query-lists-only-what-was-asked',
    kind: 'gateway-record-missing',
    count: 0,
    input: { gateways: [gateway([HEALTHY], { format: 'wad-dev-query' })], ems: ems([{}, { uid: UID_B }]) },
  },
  {
    name: 'gateway-record-missing/negative/site-the-gateway-does-not-serve',
    kind: 'gateway-record-missing',
    count: 0,
    input: {
      gateways: [gateway([HEALTHY])],
      ems: ems([{}, { uid: UID_B, certSn: SN_B, site: 'CUSTOMER-TEST', tenantId: OTHER_TENANT }]),
    },
  },
  {
    name: 'gateway-record-missing/positive/site-named-by-the-auditor',
    kind: 'gateway-record-missing',
    count: 1,
    source: 'ems.csv:3',
    input: {
      gateways: [gateway([HEALTHY], { sites: ['default', 'CUSTOMER-TEST'] })],
      ems: ems([{}, { uid: UID_B, certSn: SN_B, site: 'CUSTOMER-TEST' }]),
    },
  },
  {
    name: 'gateway-record-missing/positive/site-shown-by-tenant-id',
    kind: 'gateway-record-missing',
    count: 1,
    source: 'ems.csv:3',
    input: {
      gateways: [gateway([{ ...HEALTHY, uid: '1'.repeat(32), certSn: '1'.repeat(40), tenantId: OTHER_TENANT }])],
      ems: ems([
        { uid: '1'.repeat(32), certSn: '1'.repeat(40), site: 'CUSTOMER-TEST', tenantId: OTHER_TENANT },
        { uid: UID_B, certSn: SN_B, site: 'CUSTOMER-TEST', tenantId: OTHER_TENANT },
        { site: 'default' },
      ]),
    },
  },
  {
    name: 'gateway-record-missing/positive/records-name-no-site-so-every-site-is-expected',
    kind: 'gateway-record-missing',
    count: 2,
    input: { gateways: [gateway([])], ems: ems([{}, { uid: UID_B, certSn: SN_B, site: 'CUSTOMER-TEST' }]) },
  },
  {
    name: 'gateway-record-missing/negative/record-without-uid-stands-for-its-cert-sn',
    kind: 'gateway-record-missing',
    count: 0,
    input: { gateways: [gateway([{ ...HEALTHY, uid: undefined }])], ems: ems([{}]) },
  },
  {
    name: 'gateway-record-missing/negative/outputs-of-one-device-combine',
    kind: 'gateway-record-missing',
    count: 0,
    input: {
      gateways: [
        gateway([HEALTHY], { device: 'FGT-A (root)' }),
        gateway([{ ...HEALTHY, uid: UID_B, certSn: SN_B }], {
          file: 'fcnacd.txt',
          format: 'fcnacd-entries',
          device: 'FGT-A (root)',
        }),
      ],
      ems: ems([{}, { uid: UID_B, certSn: SN_B }]),
    },
  },
  {
    name: 'gateway-record-missing/positive/outputs-of-two-devices-do-not-combine',
    kind: 'gateway-record-missing',
    count: 2,
    input: {
      gateways: [
        gateway([HEALTHY], { device: 'FGT-A (root)' }),
        gateway([{ ...HEALTHY, uid: UID_B, certSn: SN_B }], {
          file: 'fcnacd.txt',
          format: 'fcnacd-entries',
          device: 'FGT-B (root)',
        }),
      ],
      ems: ems([{}, { uid: UID_B, certSn: SN_B }]),
    },
  },
  {
    name: 'cert-sn-mismatch/positive',
    kind: 'cert-sn-mismatch',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([{ ...HEALTHY, certSn: SN_B }])], ems: ems([{}]) },
  },
  {
    name: 'cert-sn-mismatch/positive/ems-lists-no-certificate',
    kind: 'cert-sn-mismatch',
    count: 1,
    input: { gateways: [gateway([HEALTHY])], ems: ems([{ certSn: undefined }]) },
  },
  {
    name: 'cert-sn-mismatch/negative/same-sn',
    kind: 'cert-sn-mismatch',
    count: 0,
    input: { gateways: [gateway([HEALTHY])], ems: ems([{}]) },
  },
  {
    name: 'cert-sn-mismatch/negative/zero-sn-is-its-own-finding',
    kind: 'cert-sn-mismatch',
    count: 0,
    input: { gateways: [gateway([{ ...HEALTHY, certSn: ZERO }])], ems: ems([{}]) },
  },
  {
    name: 'cert-sn-zero/positive',
    kind: 'cert-sn-zero',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([{ ...HEALTHY, certSn: ZERO }])] },
  },
  { name: 'cert-sn-zero/negative', kind: 'cert-sn-zero', count: 0, input: { gateways: [gateway([HEALTHY])] } },
  {
    name: 'unregistered-endpoint-present/positive',
    kind: 'unregistered-endpoint-present',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([HEALTHY])], ems: ems([{ registered: false }]) },
  },
  {
    name: 'unregistered-endpoint-present/positive/absent-from-ems',
    kind: 'unregistered-endpoint-present',
    count: 1,
    input: { gateways: [gateway([HEALTHY])], ems: ems([{ uid: UID_B }]) },
  },
  {
    name: 'unregistered-endpoint-present/negative/gateway-marks-it-unregistered',
    kind: 'unregistered-endpoint-present',
    count: 0,
    input: { gateways: [gateway([{ ...HEALTHY, registered: false }])], ems: ems([{ registered: false }]) },
  },
  {
    name: 'record-out-of-sync/positive/flagged',
    kind: 'record-out-of-sync',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([{ ...HEALTHY, outOfSync: true }])] },
  },
  {
    name: 'record-out-of-sync/positive/summary-count',
    kind: 'record-out-of-sync',
    count: 1,
    source: 'fgt.txt:30',
    input: { gateways: [gateway([{ ...HEALTHY, outOfSync: undefined }], { summary: summary({ outOfSync: 1 }) })] },
  },
  {
    name: 'record-out-of-sync/positive/registered-on-ems-only',
    kind: 'record-out-of-sync',
    count: 1,
    input: { gateways: [gateway([{ ...HEALTHY, registered: false }])], ems: ems([{}]) },
  },
  {
    name: 'record-out-of-sync/negative',
    kind: 'record-out-of-sync',
    count: 0,
    input: { gateways: [gateway([HEALTHY], { summary: summary({}) })], ems: ems([{}]) },
  },
  {
    name: 'endpoint-offline/positive',
    kind: 'endpoint-offline',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([{ ...HEALTHY, online: false }])] },
  },
  {
    name: 'endpoint-offline/negative/online-unknown',
    kind: 'endpoint-offline',
    count: 0,
    input: { gateways: [gateway([{ ...HEALTHY, online: undefined }])] },
  },
  {
    name: 'duplicate-uid/positive/gateway',
    kind: 'duplicate-uid',
    count: 1,
    source: 'fgt.txt:22',
    input: { gateways: [gateway([HEALTHY, HEALTHY])] },
  },
  {
    name: 'duplicate-uid/positive/ems',
    kind: 'duplicate-uid',
    count: 1,
    source: 'ems.csv:3',
    input: { gateways: [gateway([HEALTHY])], ems: ems([{}, {}]) },
  },
  {
    name: 'duplicate-uid/negative/one-record-per-gateway',
    kind: 'duplicate-uid',
    count: 0,
    input: { gateways: [gateway([HEALTHY]), gateway([HEALTHY], { file: 'fgt-2.txt' })], ems: ems([{}]) },
  },
  {
    name: 'unexpected-ems-serial/positive',
    kind: 'unexpected-ems-serial',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([HEALTHY])], expect: { emsSerial: 'FCTEMS0000000001' } },
  },
  {
    name: 'unexpected-ems-serial/negative/case-insensitive',
    kind: 'unexpected-ems-serial',
    count: 0,
    input: { gateways: [gateway([HEALTHY])], expect: { emsSerial: SERIAL.toLowerCase() } },
  },
  {
    name: 'unexpected-ems-serial/negative/no-expectation',
    kind: 'unexpected-ems-serial',
    count: 0,
    input: { gateways: [gateway([HEALTHY])] },
  },
  {
    name: 'unexpected-ems-tenant/positive',
    kind: 'unexpected-ems-tenant',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([HEALTHY])], expect: { tenantId: 'AB'.repeat(16) } },
  },
  {
    name: 'unexpected-ems-tenant/negative',
    kind: 'unexpected-ems-tenant',
    count: 0,
    input: { gateways: [gateway([HEALTHY])], expect: { tenantId: TENANT } },
  },
  {
    name: 'gateway-record-without-uid/positive',
    kind: 'gateway-record-without-uid',
    count: 1,
    source: 'fgt.txt:2',
    input: { gateways: [gateway([{ ...HEALTHY, uid: undefined }])], ems: ems([]) },
  },
  {
    name: 'gateway-record-without-uid/negative',
    kind: 'gateway-record-without-uid',
    count: 0,
    input: { gateways: [gateway([HEALTHY])] },
  },
  {
    name: 'summary-count-mismatch/positive',
    kind: 'summary-count-mismatch',
    count: 1,
    source: 'fgt.txt:30',
    input: { gateways: [gateway([HEALTHY], { summary: summary({ online: 3 }) })] },
  },
  {
    name: 'summary-count-mismatch/negative',
    kind: 'summary-count-mismatch',
    count: 0,
    input: { gateways: [gateway([HEALTHY], { summary: summary({}) })] },
  },
];

for (const { name, input, kind, count, source } of CASES) {
  test(`audit/${name}`, () => {
    const found = auditEndpoints(input).filter((finding) => finding.id === kind);
    assert.equal(found.length, count, JSON.stringify(found, null, 2));
    if (source !== undefined) assert.equal(found[0].source, source);
    for (const finding of found) {
      assert.equal(finding.severity, FINDING_KINDS[kind].severity);
      assert.equal(finding.control, FINDING_KINDS[kind].control);
      assert.ok(finding.message.length > 0);
      assert.ok(Object.values(finding.evidence).every((value) => value !== undefined));
    }
  });
}

test('audit/every-kind-has-a-positive-and-a-negative-case', () => {
  for (const kind of Object.keys(FINDING_KINDS)) {
    assert.ok(
      CASES.some((c) => c.kind === kind && c.count > 0),
      `${kind} positive`,
    );
    assert.ok(
      CASES.some((c) => c.kind === kind && c.count === 0),
      `${kind} negative`,
    );
  }
});

test('audit/healthy-fleet-has-no-findings', () => {
  const input = {
    gateways: [gateway([HEALTHY], { summary: summary({}) })],
    ems: ems([{}]),
    expect: { emsSerial: SERIAL, tenantId: TENANT },
  };
  assert.deepEqual(auditEndpoints(input), []);
});

test('audit/fixtures/ec-shm-list-against-ems-export', () => {
  const findings = auditEndpoints({
    gateways: [parseGatewayOutput(fixture('ec-shm-list.txt'), 'ec-shm-list.txt')],
    ems: parseEmsExport(fixture('ems-export.csv'), 'ems-export.csv'),
    expect: { emsSerial: SERIAL, tenantId: TENANT },
  });
  assert.deepEqual(
    findings.map(({ id, uid, source }) => ({ id, uid, source })),
    [
      { id: 'unregistered-endpoint-present', uid: '0123456789ABCDEF0123456789ABCDEF', source: 'ec-shm-list.txt:44' },
      { id: 'gateway-record-missing', uid: 'AB12CD34EF56AB12CD34EF56AB12CD34', source: 'ems-export.csv:5' },
      { id: 'cert-sn-zero', uid: UID_B, source: 'ec-shm-list.txt:25' },
      { id: 'record-out-of-sync', uid: undefined, source: 'ec-shm-list.txt:69' },
      { id: 'endpoint-offline', uid: UID_B, source: 'ec-shm-list.txt:25' },
    ],
  );
});

test('audit/findings-come-most-severe-first', () => {
  const findings = auditEndpoints({
    gateways: [
      gateway([
        { ...HEALTHY, online: false, certSn: ZERO },
        { ...HEALTHY, uid: UID_B },
      ]),
    ],
    ems: ems([{}]),
  });
  const ranks = findings.map((finding) => SEVERITIES.indexOf(finding.severity));
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
  );
  assert.equal(findings[0].severity, 'high');
});
