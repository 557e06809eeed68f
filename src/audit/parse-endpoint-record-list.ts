import { type DumpLine, isFiller, promptCommand, splitColon, splitKeyValue } from './dump-lines';
import {
  certSnValue,
  choiceValue,
  countValue,
  emsSerialValue,
  type FieldContext,
  inputError,
  tenantIdValue,
  textValue,
  uidValue,
  type ValueParser,
  yesNoValue,
} from './field-values';
import type { GatewayRecord, GatewaySummary } from './gateway-dump';
import { applyField, type FieldTable, finish, newDraft, type RecordDraft, setExtra, setter } from './record-draft';
import { applyRouteLine, newRoute, type RouteDraft } from './route-draft';

/** The line that opens each endpoint block. */
export const RECORD_START = /^Record\s*#\s*\d+\s*:$/i;
/** The summary line that closes a record list. */
export const SUMMARY_START = /^online records\s*:/i;
const ROUTE_START = /^Gateway Route\s*#\s*\d+\s*:$/i;

const vdomName: ValueParser<string> = (value) => value.replace(/\s*\(\d+\)$/, '');

const FIELDS: FieldTable = {
  'ip address': setter('ip', textValue),
  'mac address': setter('mac', textValue),
  vdom: setter('vdom', vdomName),
  'ems serial number': setter('emsSerial', emsSerialValue),
  'ems tenant id': setter('tenantId', tenantIdValue),
  'client cert sn': setter('certSn', certSnValue),
  quarantined: setter('quarantined', yesNoValue),
  'online status': setter('online', choiceValue({ online: true, offline: false })),
  'registration status': setter('registered', choiceValue({ registered: true, unregistered: false })),
  'forticlient uid': setter('uid', uidValue),
  'host name': setter('hostName', textValue),
};

const SUMMARY_COUNTS = {
  online: 'online',
  offline: 'offline',
  quarantined: 'quarantined',
  'out-of-sync': 'outOfSync',
} as const;

/** Records and summary of a record list. */
export interface RecordList {
  readonly records: readonly GatewayRecord[];
  readonly summary?: GatewaySummary;
}

/** Reads a dump one line at a time, so that a 200,000-record list never sits in memory as text. */
export interface LineReader {
  line(line: DumpLine): void;
  end(): RecordList;
}

/** Parses `diagnose endpoint record list` / `diagnose endpoint ec-shm list` output. */
export function parseEndpointRecordList(lines: Iterable<DumpLine>, file: string): RecordList {
  const reader = recordListReader(file);
  for (const line of lines) reader.line(line);
  return reader.end();
}

/** The line-by-line reader behind parseEndpointRecordList. */
export function recordListReader(file: string): LineReader {
  const records: RecordDraft[] = [];
  let record: RecordDraft | undefined;
  let route: RouteDraft | undefined;
  let summary: GatewaySummary | undefined;
  const line = ({ number, text }: DumpLine): void => {
    const at = { file, line: number };
    if (isFiller(text) || promptCommand(text) !== undefined) return;
    const initial = text.charCodeAt(0) | 0x20; // lower-cased first letter: spares most lines three regexes
    if (initial === 0x72 && RECORD_START.test(text)) {
      if (record) finish(record);
      record = newDraft(number);
      records.push(record);
      route = undefined;
    } else if (initial === 0x6f && SUMMARY_START.test(text)) {
      if (summary)
        throw inputError(
          at,
          `a second summary line (the first is line ${summary.line}); paste one record list per file`,
        );
      summary = parseSummary(text, at);
      if (record) finish(record);
      record = undefined;
    } else if (!record) {
      return; // banner or stray text outside any record: nothing of an endpoint in it
    } else if (initial === 0x67 && ROUTE_START.test(text)) {
      route = newRoute(number);
      record.routes.push(route);
    } else if (route && text.startsWith('-')) {
      applyRouteLine(route, text, at);
    } else {
      route = undefined;
      applyRecordLine(record, text, at);
    }
  };
  const end = (): RecordList => {
    if (record) finish(record);
    return { records, summary };
  };
  return { line, end };
}

function applyRecordLine(record: RecordDraft, text: string, at: FieldContext): void {
  const pair = splitKeyValue(text);
  if (pair) applyField(FIELDS, record, pair.key, pair.value, at);
  else setExtra(record.extra, text, '');
}

function parseSummary(text: string, at: FieldContext): GatewaySummary {
  const counts: Partial<Record<(typeof SUMMARY_COUNTS)[keyof typeof SUMMARY_COUNTS], number>> = {};
  for (const part of text.split(';')) {
    const pair = splitColon(part.trim());
    const name = pair?.key.toLowerCase().replace(/\s+records$/, '') ?? '';
    if (pair && Object.hasOwn(SUMMARY_COUNTS, name)) {
      counts[SUMMARY_COUNTS[name as keyof typeof SUMMARY_COUNTS]] = countValue(pair.value, at, pair.key);
    }
  }
  const { online, offline, quarantined, outOfSync } = counts;
  if (online === undefined || offline === undefined || quarantined === undefined || outOfSync === undefined) {
    throw inputError(at, 'the summary line lacks one of online, offline, quarantined, out-of-sync records');
  }
  return { online, offline, quarantined, outOfSync, line: at.line };
}
