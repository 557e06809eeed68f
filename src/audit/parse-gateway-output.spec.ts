import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HarnessError } from '../errors';
import type { GatewayDump, GatewayRecord } from './gateway-dump';
import { parseGatewayFile, parseGatewayOutput } from './parse-gateway-output';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../test/fixtures/audit', name), 'utf8');

const UID_A = '9A016B5A6E914B42AD4168C066EB04CA';
const UID_B = '5F3C2E1D0A9B48C7B6E5D4C3B2A19080';
const UID_C = '0123456789ABCDEF0123456789ABCDEF';
const SN_A = '2B8D4FF0E71FE7E064288FE1B4F87E25232092D0';
const SN_C = '7C1E5A9F3B2D4C6E8A0B1C2D3E4F5A6B7C8D9E0F';
const EMS = { emsSerial: 'FCTEMS8822001975', tenantId: '0'.repeat(32) };

/** Compares only the fields a case names, so each case states what it is about. */
function assertRecords(actual: readonly GatewayRecord[], expected: readonly Partial<GatewayRecord>[]): void {
  assert.equal(actual.length, expected.length, 'record count');
  expected.forEach((want, index) => {
    const got = Object.fromEntries(Object.keys(want).map((key) => [key, actual[index][key as keyof GatewayRecord]]));
    assert.deepEqual(got, want, `record ${index + 1}`);
  });
}

const FIXTURES: readonly {
  readonly name: string;
  readonly file: string;
  readonly dump: Partial<Omit<GatewayDump, 'records'>>;
  readonly records: readonly Partial<GatewayRecord>[];
}[] = [
  {
    name: 'record-list/published-sample',
    file: 'endpoint-record-list.txt',
    dump: {
      format: 'endpoint-record-list',
      command: 'diagnose endpoint record list',
      summary: { online: 1, offline: 0, quarantined: 0, outOfSync: 0, line: 22 },
    },
    records: [
      {
        line: 2,
        uid: undefined,
        certSn: SN_A,
        ...EMS,
        ip: '10.0.1.2',
        mac: '02:09:0f:00:01:02',
        vdom: 'root',
        online: true,
        registered: true,
        quarantined: false,
        tags: [],
        routes: [
          {
            line: 19,
            ip: '10.0.1.2',
            mac: '02:09:0f:00:01:02',
            vpn: false,
            interface: 'port1',
            vfid: 0,
            sn: 'FGVM02TM22013111',
            extra: {},
          },
        ],
        extra: {
          'MAC list': '',
          'Public IP address': '34.23.223.220',
          'On-net status': 'on-net',
          'Gateway Interface': 'port1',
          'FortiClient version': '7.2.0',
          'Number of Routes': '(1)',
        },
      },
    ],
  },
  {
    name: 'record-list/ec-shm-spelling',
    file: 'ec-shm-list.txt',
    dump: {
      format: 'endpoint-record-list',
      command: 'diagnose endpoint ec-shm list',
      summary: { online: 2, offline: 1, quarantined: 1, outOfSync: 1, line: 69 },
    },
    records: [
      { line: 2, uid: UID_A, certSn: SN_A, hostName: 'WIN10-01', online: true, quarantined: false },
      { line: 25, uid: UID_B, certSn: '0'.repeat(40), hostName: 'MAC-LAB-7', online: false, routes: [] },
      { line: 44, uid: UID_C, certSn: SN_C, quarantined: true, ...EMS },
    ],
  },
  {
    name: 'fcnacd/published-sample',
    file: 'fcnacd-7.txt',
    dump: { format: 'fcnacd-entries', command: 'diagnose test application fcnacd 7' },
    records: [
      {
        line: 2,
        uid: UID_A,
        ...EMS,
        certSn: SN_A,
        online: true,
        outOfSync: false,
        ip: '10.0.1.2',
        tags: ['Domain-Users', 'High'],
      },
    ],
  },
  {
    name: 'fcnacd/details-after-all-entries',
    file: 'fcnacd-7-grouped.txt',
    dump: { format: 'fcnacd-entries', command: 'diagnose test application fcnacd 7' },
    records: [
      { line: 2, uid: UID_A, certSn: SN_A, online: true, outOfSync: false, tags: ['Domain-Users', 'High'] },
      { line: 7, uid: UID_C, certSn: SN_C, online: false, outOfSync: true, tags: ['Domain-Users'], ...EMS },
    ],
  },
  {
    name: 'wad/published-sample',
    file: 'wad-dev-query-by-uid.txt',
    dump: { format: 'wad-dev-query' },
    records: [
      {
        line: 2,
        uid: UID_A,
        ...EMS,
        certSn: SN_A,
        online: true,
        tags: ['ZTNA_Domain-Users', 'CLASS_High'],
        extra: { 'type=4': '' },
      },
    ],
  },
  {
    name: 'wad/two-queries-crlf',
    file: 'wad-dev-query-two-uids.txt',
    dump: { format: 'wad-dev-query' },
    records: [
      { line: 2, uid: UID_A, certSn: SN_A, online: true },
      { line: 10, uid: UID_C, certSn: SN_C, online: false, tags: ['ZTNA_Domain-Users'], ...EMS },
    ],
  },
];

for (const { name, file, dump, records } of FIXTURES) {
  test(`parse/${name}`, () => {
    const parsed = parseGatewayOutput(fixture(file), file);
    assert.equal(parsed.file, file);
    for (const [key, value] of Object.entries(dump)) assert.deepEqual(parsed[key as keyof GatewayDump], value, key);
    assertRecords(parsed.records, records);
  });
}

test('parse/record-list/crlf-tabs-and-trailing-blanks-read-like-the-original', () => {
  const original = parseGatewayOutput(fixture('ec-shm-list.txt'), 'a.txt');
  const variant = parseGatewayOutput(fixture('ec-shm-list-crlf.txt'), 'a.txt');
  assert.deepEqual(variant, original);
});

const INLINE: readonly {
  readonly name: string;
  readonly text: string;
  readonly records: readonly Partial<GatewayRecord>[];
}[] = [
  {
    name: 'prompt/read-only-admin-and-abbreviation',
    text: `FGT $ diag endpoint record list\nRecord #1:\n  FortiClient UID: ${UID_A.toLowerCase()}\n`,
    records: [{ uid: UID_A }],
  },
  {
    name: 'cert-sn/short-zero-is-no-certificate',
    text: 'Record #1:\n  Client cert SN: 0\n',
    records: [{ certSn: '0'.repeat(40) }],
  },
  {
    name: 'unknown/fields-and-bare-lines-kept-in-extra',
    text: 'Record #1:\n  Avatar = none\n  __proto__: polluted\n  something odd\n',
    records: [{ extra: JSON.parse('{"Avatar":"none","__proto__":"polluted","something odd":""}') }],
  },
  {
    name: 'banner/text-before-the-first-record-ignored',
    text: `Welcome banner: lab\nRecord #1:\n  FortiClient UID: ${UID_A}\n`,
    records: [{ line: 2, uid: UID_A, extra: {} }],
  },
  {
    name: 'empty-list/detected-from-the-prompt',
    text: 'FGT # diagnose endpoint ec-shm list\n\nFGT # \n',
    records: [],
  },
  {
    name: 'wad/response-without-end-line-splits-at-the-next-uid',
    text: `Attr of type=0, length=83, value(ascii)=${UID_A}\nAttr of type=0, length=83, value(ascii)=${UID_C}\n`,
    records: [
      { line: 1, uid: UID_A },
      { line: 2, uid: UID_C },
    ],
  },
];

for (const { name, text, records } of INLINE) {
  test(`parse/${name}`, () => assertRecords(parseGatewayOutput(text, 'inline.txt').records, records));
}

test('parse/extra-is-own-data-not-a-prototype', () => {
  const [record] = parseGatewayOutput('Record #1:\n  __proto__: polluted\n', 'x.txt').records;
  assert.equal(Object.getPrototypeOf(record.extra), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(record.extra, '__proto__')?.value, 'polluted');
});

const MALFORMED: readonly {
  readonly name: string;
  readonly text: string;
  readonly message: string;
  readonly line?: number;
}[] = [
  {
    name: 'cert-sn/not-hex',
    text: fixture('malformed-cert-sn.txt'),
    message: 'gateway.txt:7: Client cert SN "XYZ" is not 40 hexadecimal characters',
    line: 7,
  },
  {
    name: 'uid/31-characters',
    text: fixture('malformed-uid.txt'),
    message: 'gateway.txt:4: FortiClient UID "9A016B5A6E914B42AD4168C066EB04C" is not 32 hexadecimal characters',
    line: 4,
  },
  {
    name: 'summary/non-numeric-count',
    text: fixture('malformed-summary-count.txt'),
    message: 'gateway.txt:4: offline records "none" is not a number',
    line: 4,
  },
  {
    name: 'registration/unknown-status',
    text: fixture('malformed-registration.txt'),
    message: 'gateway.txt:4: Registration status "pending" is not one of registered, unregistered',
    line: 4,
  },
  {
    name: 'fcnacd/fabric-id-without-tenant',
    text: fixture('malformed-fabric-id.txt'),
    message: 'gateway.txt:4: EMS Fabric ID "FCTEMS8822001975" is not <EMS serial>:<tenant id>',
    line: 4,
  },
  {
    name: 'wad/online-not-boolean',
    text: fixture('malformed-wad-online.txt'),
    message: 'gateway.txt:3: online attribute (type=6) "maybe" is not one of true, false',
    line: 3,
  },
  {
    name: 'wad/uid-contradicts-the-query',
    text: fixture('malformed-wad-uid-conflict.txt'),
    message: `gateway.txt:2: UID attribute (type=0) "${UID_C}" contradicts "${UID_A}" earlier in the same record`,
    line: 2,
  },
  {
    name: 'ems-serial/not-fctems',
    text: 'Record #1:\n  EMS serial number: FGT123\n',
    message: 'gateway.txt:2: EMS serial number "FGT123" is not FCTEMS and 10 digits',
    line: 2,
  },
  {
    name: 'field/twice-with-different-values',
    text: `Record #1:\n  FortiClient UID: ${UID_A}\n  FortiClient UID: ${UID_C}\n`,
    message: `gateway.txt:3: FortiClient UID "${UID_C}" contradicts "${UID_A}" earlier in the same record`,
    line: 3,
  },
  {
    name: 'summary/missing-count',
    text: 'online records: 1; offline records: 0\n',
    message: 'gateway.txt:1: the summary line lacks one of online, offline, quarantined, out-of-sync records',
    line: 1,
  },
  {
    name: 'summary/twice',
    text: 'online records: 0; offline records: 0; quarantined records: 0; out-of-sync records: 0\n'.repeat(2),
    message: 'gateway.txt:2: a second summary line (the first is line 1); paste one record list per file',
    line: 2,
  },
  {
    name: 'format/unrecognised',
    text: fixture('not-a-dump.txt'),
    message:
      'gateway.txt: no output of "diagnose endpoint record list", "diagnose endpoint ec-shm list", ' +
      '"diagnose test application fcnacd 7" or "diagnose wad dev query-by uid" found',
  },
];

for (const { name, text, message, line } of MALFORMED) {
  test(`malformed/${name}`, () => {
    assert.throws(
      () => parseGatewayOutput(text, 'gateway.txt'),
      (error: unknown) => {
        assert.ok(error instanceof HarnessError);
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.message, message);
        assert.deepEqual(
          error.options.location,
          line === undefined ? { file: 'gateway.txt' } : { file: 'gateway.txt', line },
        );
        return true;
      },
    );
  });
}

const SESSION = [
  'FGT-A # config vdom',
  'FGT-A (vdom) # edit root',
  'current vf=root:0',
  'FGT-A (root) # get system status',
  'Version: FortiGate-VM64 v7.4.1,build2463,230830 (GA.F)',
  'Serial-Number: FGVM02TM22013111',
  'Hostname: FGT-A',
  fixture('endpoint-record-list.txt').replace('# diagnose', 'FGT-A (root) # diagnose'),
  fixture('fcnacd-7.txt').replace('# diagnose', 'FGT-A (root) # diagnose'),
].join('\n');

test('sections/each-command-of-a-session-is-read', () => {
  const { dumps, status } = parseGatewayFile(SESSION, 'session.txt');
  assert.deepEqual(
    dumps.map((dump) => [dump.format, dump.device, dump.records.length]),
    [
      ['endpoint-record-list', 'FGT-A (root)', 1],
      ['fcnacd-entries', 'FGT-A (root)', 1],
    ],
  );
  assert.deepEqual(status, {
    version: { major: 7, minor: 4, patch: 1 },
    hostname: 'FGT-A',
    serial: 'FGVM02TM22013111',
  });
  assert.throws(() => parseGatewayOutput(SESSION, 'session.txt'), /session\.txt: holds the output of 2 commands/);
});

const REFUSED: readonly { readonly name: string; readonly text: string; readonly message: RegExp }[] = [
  {
    name: 'sections/two-outputs-without-a-prompt-between',
    text: `${fixture('endpoint-record-list.txt')}\n${fixture('fcnacd-7.txt').replace(/^# .*\n/, '')}`,
    message:
      /^gateway\.txt:24: output of "diagnose test application fcnacd 7" inside that of "diagnose endpoint record list" \(line 2\)/,
  },
  {
    name: 'sections/output-of-a-command-the-audit-does-not-read',
    text: `${fixture('endpoint-record-list.txt')}FGT # show firewall proxy-policy\nconfig firewall proxy-policy\nend\n`,
    message: /^gateway\.txt:23: the output of "show firewall proxy-policy" is not one the audit reads/,
  },
];

for (const { name, text, message } of REFUSED) {
  test(`malformed/${name}`, () =>
    assert.throws(
      () => parseGatewayFile(text, 'gateway.txt'),
      (error: Error) => message.test(error.message),
    ));
}
