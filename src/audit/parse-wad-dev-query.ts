import { EMS_SERIAL_SOURCE } from '../ztna-identifiers';
import { type DumpLine, promptCommand } from './dump-lines';
import { certSnValue, choiceValue, emsSerialValue, type FieldContext, tenantIdValue, uidValue } from './field-values';
import type { LineReader, RecordList } from './parse-endpoint-record-list';
import { assign, type FieldSetter, finished, newDraft, type RecordDraft, setExtra, setter } from './record-draft';

/** One attribute line of a `wad dev query-by uid` response. */
export const ATTR_LINE = /^Attr of type\s*=\s*(\d+)\s*,\s*length\s*=\s*\d+\s*,\s*value\(ascii\)\s*=(.*)$/i;
const QUERY = /\bwad\s+dev\s+query-by\s+uid\b(.*)$/i;
const RESPONSE_END = /^Response termination\b/i;
/** Tag values end in `_` + EMS serial + tenant id, glued together: `ZTNA_Domain-Users_FCTEMS…000`. */
const TAG_SUFFIX = new RegExp(`^(.*)_(${EMS_SERIAL_SOURCE})([0-9A-Fa-f]{32})$`);

const addTag: FieldSetter = (draft, value, at, label) => {
  const match = TAG_SUFFIX.exec(value);
  draft.tags.push(match ? match[1] : value);
  if (!match) return;
  assign(draft, 'emsSerial', match[2].toUpperCase(), at, `${label} EMS serial`);
  assign(draft, 'tenantId', match[3].toUpperCase(), at, `${label} tenant id`);
};

/**
 * Attribute types the audit reads; others (type 4, …) are kept in `extra` as `type=N`. Type 6
 * is taken as the online flag: the published example shows `true` for an online endpoint.
 */
const ATTRS: Readonly<Record<string, readonly [label: string, set: FieldSetter]>> = {
  '0': ['UID attribute (type=0)', setter('uid', uidValue)],
  '3': ['tag attribute (type=3)', addTag],
  '5': ['cert SN attribute (type=5)', setter('certSn', certSnValue)],
  '6': ['online attribute (type=6)', setter('online', choiceValue({ true: true, false: false }))],
};

interface WadState {
  readonly file: string;
  readonly records: RecordDraft[];
  record?: RecordDraft;
  query: readonly [uid?: string, emsSerial?: string, tenantId?: string];
  uidSeen: boolean;
}

/** Parses one or more `diagnose wad dev query-by uid` responses, one record per response. */
export function parseWadDevQuery(lines: Iterable<DumpLine>, file: string): RecordList {
  const reader = wadDevQueryReader(file);
  for (const line of lines) reader.line(line);
  return reader.end();
}

/** The line-by-line reader behind parseWadDevQuery. */
export function wadDevQueryReader(file: string): LineReader {
  const state: WadState = { file, records: [], query: [], uidSeen: false };
  return {
    line: ({ number, text }) => {
      const at = { file, line: number };
      const command = promptCommand(text);
      const attr = ATTR_LINE.exec(text);
      if (command !== undefined || RESPONSE_END.test(text)) state.record = undefined;
      if (command !== undefined) state.query = queryArguments(command, at);
      else if (attr) applyAttribute(state, attr[1], attr[2].trim(), at);
    },
    end: () => ({ records: finished(state.records) }),
  };
}

function queryArguments(command: string, at: FieldContext): WadState['query'] {
  const [uid, serial, tenant] = (QUERY.exec(command)?.[1] ?? '').trim().split(/\s+/);
  return [
    uid ? uidValue(uid, at, 'queried UID') : undefined,
    serial ? emsSerialValue(serial, at, 'queried EMS serial') : undefined,
    tenant ? tenantIdValue(tenant, at, 'queried tenant id') : undefined,
  ];
}

/** A response starts at its first attribute, or at a second UID attribute when a paste lost the end line. */
function applyAttribute(state: WadState, type: string, value: string, at: FieldContext): void {
  if (!state.record || (type === '0' && state.uidSeen)) state.record = openRecord(state, at);
  const known = Object.hasOwn(ATTRS, type) ? ATTRS[type] : undefined;
  if (!known) setExtra(state.record.extra, `type=${type}`, value);
  else if (value !== '') known[1](state.record, value, at, known[0]);
  state.uidSeen ||= type === '0';
}

/** The prompt's arguments belong to the one response that follows it. */
function openRecord(state: WadState, at: FieldContext): RecordDraft {
  const record = newDraft(at.line);
  const [uid, emsSerial, tenantId] = state.query;
  if (uid) record.uid = uid;
  if (emsSerial) record.emsSerial = emsSerial;
  if (tenantId) record.tenantId = tenantId;
  state.records.push(record);
  state.query = [];
  state.uidSeen = false;
  return record;
}
