/**
 * audit_200k_seconds and audit_200k_peak_rss_mib: parse and audit a 200,000-record
 * `diagnose endpoint record list` dump (about 180 MB, streamed from disk) and a 200,000-row EMS
 * export, as a fleet's nightly audit would. Targets: 5 s and 512 MiB of peak RSS. The number of
 * findings is checked against what the data was built to hold, so a fast wrong audit is no hit.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEndpoints, parseEmsExport } from '../src/audit';
import { readGatewayFile } from '../src/audit/parse-gateway-output';
import { type Measured, significant } from './figures';
import { now } from './timing';

const RECORDS = 200_000;
const EMS_SERIAL = 'FCTEMS8822001975';
const TENANT = '0'.repeat(32);
const ZERO_SN = '0'.repeat(40);
const CONTEXT = { gatewaySerial: 'FGVM02TM00000001', outOfSync: false };

/** What record i was built to be; the expected findings are counted from this, not by the audit. */
const plan = (i: number) => ({
  zeroSn: i % 997 === 5,
  gatewayOnly: i % 1000 === 7,
  emsSnDiffers: i % 500 === 3,
  emsUnregistered: i % 800 === 9,
  offline: i % 10 === 0, // syntheticRecord's own rule
});

/** Findings the data holds: cert-sn-zero, endpoint-offline, unregistered-present, cert-sn-mismatch, record missing. */
function expectedFindings(): number {
  let count = 0;
  let emsOnly = 0;
  for (let i = 0; i < RECORDS; i++) {
    const p = plan(i);
    count += Number(p.zeroSn) + Number(p.offline);
    if (p.gatewayOnly) emsOnly++;
    if (p.gatewayOnly || p.emsUnregistered) count++;
    else if (p.emsSnDiffers && !p.zeroSn) count++;
  }
  return count + emsOnly; // each EMS-only endpoint is a record missing on the gateway
}

/**
 * Writes the dump and the export one record at a time, so that building them costs little memory.
 * The gateway model and the generator are loaded here, in the child that writes the inputs: the
 * measured process loads what an audit loads, not 20 MB of modules it never runs.
 */
async function writeInputs(dir: string): Promise<void> {
  const { renderRecord } = await import('../src/gateway');
  const { FastBytes, randomHex, syntheticRecord } = await import('./synthetic-records');
  const random = new FastBytes(21);
  const dump = join(dir, 'fgt-1.txt');
  const fd = openSync(dump, 'w');
  const rows = ['uid,host_name,site,cert_sn,registration_status'];
  let batch: string[] = ['FGT-1 # diagnose endpoint record list'];
  let online = 0;
  for (let i = 0; i < RECORDS; i++) {
    const p = plan(i);
    const base = syntheticRecord(random, i, EMS_SERIAL, TENANT);
    const record = p.zeroSn ? { ...base, certSn: ZERO_SN } : base;
    if (record.online) online++;
    batch.push(renderRecord(record, i + 1, CONTEXT));
    if (batch.length >= 1000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
    if (p.gatewayOnly) continue;
    const sn = p.emsSnDiffers ? randomHex(random, 20) : p.zeroSn ? '' : record.certSn;
    rows.push(`${record.uid},${record.hostName},default,${sn},${p.emsUnregistered ? 'unregistered' : 'registered'}`);
  }
  batch.push(
    `online records: ${online}; offline records: ${RECORDS - online}; quarantined records: 0; out-of-sync records: 0`,
  );
  writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
  while (rows.length <= RECORDS)
    rows.push(`${randomHex(random, 16)},LAPTOP-${rows.length},default,${randomHex(random, 20)},registered`);
  const csv = join(dir, 'ems.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
}

if (require.main === module && process.argv[2] === 'generate') void writeInputs(process.argv[3]!);

/** One cold parse + audit, as `ztna-harness audit` runs it once a night. */
export async function measure(): Promise<Measured[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ztna-bench-audit-'));
  try {
    // The inputs are written by a child process, so that this process's peak RSS is the audit's
    // own, as a CLI run's would be, and not what building 200,000 records left behind.
    execFileSync(process.execPath, [...process.execArgv, __filename, 'generate', dir], { stdio: 'inherit' });
    const dump = join(dir, 'fgt-1.txt');
    const csv = join(dir, 'ems.csv');
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    const start = now();
    const { dumps } = readGatewayFile(dump, 'fgt-1.txt');
    const ems = parseEmsExport(readFileSync(csv, 'utf8'), 'ems.csv');
    const findings = auditEndpoints({ gateways: dumps, ems, expect: { emsSerial: EMS_SERIAL, tenantId: TENANT } });
    const seconds = (now() - start) / 1000;
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    const expected = expectedFindings();
    if (dumps[0]?.records.length !== RECORDS || ems.endpoints.length !== RECORDS)
      throw new Error(
        `parsed ${dumps[0]?.records.length} records and ${ems.endpoints.length} EMS rows, expected ${RECORDS} each`,
      );
    if (findings.length !== expected)
      throw new Error(`the audit found ${findings.length} findings where the data holds ${expected}`);
    const details = { findings: findings.length, rssBeforeMiB: significant(rssBefore / 2 ** 20), records: RECORDS };
    return [
      {
        name: 'audit_200k_seconds',
        value: significant(seconds),
        note: 'one cold run: the dump streamed from disk (readGatewayFile), parseEmsExport, auditEndpoints; finding count checked',
        details,
        summary: `${RECORDS} records + ${RECORDS} EMS rows → ${findings.length} findings (as built) in ${significant(seconds)} s`,
        ifMissed:
          'about a fifth is scavenging the records being built, the rest spread over the per-line steps; profile with node --cpu-prof (parse-endpoint-record-list.ts, file-lines.ts)',
      },
      {
        name: 'audit_200k_peak_rss_mib',
        value: significant(peakMiB),
        note: 'peak resident set (maxRSS) of the auditing process; the inputs are written by a child beforehand',
        details,
        ifMissed:
          'a parsed record holds about 750 bytes (its fields, one route, the unknown lines in extra); the parser output keeps them, so look for copies: values pinning their line, arrays not cut to length',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
