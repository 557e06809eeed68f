import { auditEndpoints, parseEmsExport, parseGatewayOutput } from '../src/audit';
import { type EndpointRecord, renderRecordList } from '../src/gateway';
import { type Measured, median, significant } from './figures';
import { FastBytes, randomHex, syntheticRecords } from './synthetic-records';
import { now } from './timing';

const RECORDS = 10_000;
const EMS_SERIAL = 'FCTEMS8822001975';
const ZERO_SN = '0'.repeat(40);

/**
 * A 10,000-record `diagnose endpoint record list` dump (rendered by the engine) and the matching
 * 10,000-row EMS CSV, with a sprinkling of what an audit exists to find: SN mismatches,
 * endpoints unregistered on EMS but still held, all-zero SNs, records missing, offline ones.
 */
function inputs(): { dump: string; csv: string } {
  const random = new FastBytes(10);
  const records: EndpointRecord[] = syntheticRecords(RECORDS, 11, EMS_SERIAL).map((r, i) =>
    i % 997 === 5 ? { ...r, certSn: ZERO_SN } : r,
  );
  const rows = ['uid,host_name,site,cert_sn,registration_status'];
  records.forEach((r, i) => {
    if (i % 1000 === 7) return; // on the gateway only
    const sn = i % 500 === 3 ? randomHex(random, 20) : r.certSn === ZERO_SN ? '' : r.certSn;
    rows.push(`${r.uid},${r.hostName},default,${sn},${i % 800 === 9 ? 'unregistered' : 'registered'}`);
  });
  while (rows.length <= RECORDS)
    rows.push(`${randomHex(random, 16)},LAPTOP-${rows.length},default,${randomHex(random, 20)},registered`); // on EMS only
  const dump = `FGT-1 # diagnose endpoint record list\n${renderRecordList(records, { gatewaySerial: 'FGVM02TM00000001', outOfSync: false })}`;
  return { dump, csv: `${rows.join('\n')}\n` };
}

/** Parses both inputs and audits them, as `ztna-harness audit` does; returns seconds and the finding count. */
function auditOnce(dump: string, csv: string): { seconds: number; findings: number } {
  const start = now();
  const gateway = parseGatewayOutput(dump, 'fgt-1.txt');
  const ems = parseEmsExport(csv, 'ems.csv');
  const findings = auditEndpoints({
    gateways: [gateway],
    ems,
    expect: { emsSerial: EMS_SERIAL, tenantId: '0'.repeat(32) },
  });
  if (gateway.records.length !== RECORDS || ems.endpoints.length !== RECORDS)
    throw new Error(
      `parsed ${gateway.records.length} records and ${ems.endpoints.length} EMS rows, expected ${RECORDS} each`,
    );
  return { seconds: (now() - start) / 1000, findings: findings.length };
}

/** Parse + audit of 10,000 records and 10,000 EMS rows: the first (cold, as the CLI runs it once) and warm repeats. */
export async function measure(): Promise<Measured[]> {
  const { dump, csv } = inputs();
  const cold = auditOnce(dump, csv);
  const warm = Array.from({ length: 3 }, () => auditOnce(dump, csv));
  return [
    {
      name: 'audit_10k_seconds',
      value: significant(cold.seconds),
      note: 'first run in a fresh process (no JIT warm-up), parseGatewayOutput + parseEmsExport + auditEndpoints',
      details: {
        warmSeconds: significant(median(warm.map((w) => w.seconds))),
        findings: cold.findings,
        dumpMiB: significant(Buffer.byteLength(dump) / 2 ** 20),
        csvKiB: significant(Buffer.byteLength(csv) / 1024),
      },
      summary: `${(Buffer.byteLength(dump) / 2 ** 20).toFixed(1)} MiB dump + ${Math.round(Buffer.byteLength(csv) / 1024)} KiB CSV → ${cold.findings} findings; warm repeat ${significant(median(warm.map((w) => w.seconds)))} s`,
      ifMissed: 'parsing is line by line with regular expressions per field; profile parse-endpoint-record-list.ts',
    },
  ];
}
