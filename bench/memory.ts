import { VirtualClock } from '../src/clock';
import { Gateway } from '../src/gateway';
import { type Measured, significant } from './figures';
import { syntheticRecords, syntheticSerials } from './synthetic-records';

const RECORDS = 1_000_000;

interface Usage {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/** Memory after full collections (needs --expose-gc, which bench/run.ts passes). */
export function settled(): Usage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory phase needs node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

const perItem = (after: Usage, before: Usage, count: number) => ({
  rss: (after.rss - before.rss) / count,
  heapUsed: (after.heapUsed - before.heapUsed) / count,
});

/**
 * Resident memory per endpoint record with 1,000,000 records synced into a gateway, in a process
 * of its own: RSS after full collections, before and after `applySync`, the input array
 * dropped (the gateway keeps the records themselves, by UID). Revoked serials are measured
 * after, as a second delta, and reported apart.
 */
export async function measure(): Promise<Measured[]> {
  const gateway = new Gateway({ name: 'fgt-memory', clock: new VirtualClock() });
  const before = settled();
  let records = syntheticRecords(RECORDS);
  gateway.applySync({ roots: [], records, revokedSerials: [] });
  records = [];
  const withRecords = settled();
  let serials = syntheticSerials(RECORDS);
  gateway.applySync({ roots: [], records: [...gateway.records.values()], revokedSerials: serials });
  serials = [];
  const withSerials = settled();
  if (gateway.records.size !== RECORDS)
    throw new Error(`expected ${RECORDS} records, the gateway holds ${gateway.records.size}`);
  const record = perItem(withRecords, before, RECORDS);
  const serial = perItem(withSerials, withRecords, RECORDS);
  return [
    {
      name: 'bytes_per_record_1m',
      value: Math.round(record.rss),
      note: 'RSS delta per record after full GCs, 1,000,000 records (11 fields, own UID/SN/host/IP/MAC strings and tags array)',
      details: {
        heapBytesPerRecord: Math.round(record.heapUsed),
        rssBytesPerRevokedSerial: Math.round(serial.rss),
        heapBytesPerRevokedSerial: Math.round(serial.heapUsed),
        rssMiBBefore: significant(before.rss / 2 ** 20),
        rssMiBWithRecords: significant(withRecords.rss / 2 ** 20),
        rssMiBWithSerials: significant(withSerials.rss / 2 ** 20),
      },
      summary: `V8 heap ${Math.round(record.heapUsed)} B/record; a revoked serial ${Math.round(serial.rss)} B; RSS ${Math.round(before.rss / 2 ** 20)} → ${Math.round(withRecords.rss / 2 ** 20)} MiB`,
      ifMissed:
        'each record is a plain object holding its own strings; see heapBytesPerRecord for what V8 itself holds',
    },
  ];
}
