import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type EndpointRecord, renderRecordList } from '../gateway';
import { parseGatewayOutput } from './index';

const hexString = (length: number) => fc.stringMatching(new RegExp(`^[0-9A-F]{${length}}$`));
const octet = fc.integer({ min: 0, max: 255 });

const record: fc.Arbitrary<EndpointRecord> = fc.record({
  uid: hexString(32),
  certSn: fc.oneof(
    hexString(40).filter((sn) => /[1-9A-F]/.test(sn)),
    fc.constant('0'.repeat(40)),
  ),
  emsSerial: fc.stringMatching(/^FCTEMS[0-9]{10}$/),
  tenantId: fc.oneof(
    fc.constant('0'.repeat(32)),
    hexString(32).map((h) => h.toLowerCase()),
  ),
  online: fc.boolean(),
  registered: fc.boolean(),
  tags: fc.constant([]),
  hostName: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
  os: fc.constant('Microsoft Windows 11'),
  ip: fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
  mac: fc
    .array(octet, { minLength: 6, maxLength: 6 })
    .map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':')),
});

test('the engine’s diagnose endpoint record list round-trips through the audit parser', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(record, { selector: (r) => r.uid, maxLength: 12 }),
      fc.boolean(),
      (records, outOfSync) => {
        const text = renderRecordList(records, { gatewaySerial: 'FGVM02TM22013111', outOfSync });
        const dump = parseGatewayOutput(text, 'engine.txt');
        assert.equal(dump.format, 'endpoint-record-list');
        assert.equal(dump.records.length, records.length);
        dump.records.forEach((parsed, i) => {
          const r = records[i]!;
          assert.deepEqual(
            [
              parsed.uid,
              parsed.certSn,
              parsed.emsSerial,
              parsed.tenantId?.toLowerCase(),
              parsed.online,
              parsed.registered,
              parsed.hostName,
              parsed.ip,
              parsed.mac,
            ],
            [r.uid, r.certSn, r.emsSerial, r.tenantId.toLowerCase(), r.online, r.registered, r.hostName, r.ip, r.mac],
          );
        });
        const online = records.filter((r) => r.online).length;
        assert.deepEqual(dump.summary && [dump.summary.online, dump.summary.offline, dump.summary.outOfSync], [
          online,
          records.length - online,
          outOfSync ? records.length : 0,
        ]);
      },
    ),
    { numRuns: 300 },
  );
});
