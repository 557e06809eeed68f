import { type DumpLine, isFiller, promptCommand, splitColon } from './dump-lines';
import {
  certSnValue,
  choiceValue,
  emsSerialValue,
  type FieldContext,
  inputError,
  quote,
  tenantIdValue,
  textValue,
  uidValue,
} from './field-values';
import type { LineReader, RecordList } from './parse-endpoint-record-list';
import {
  applyField,
  assign,
  type FieldSetter,
  type FieldTable,
  finished,
  newDraft,
  type RecordDraft,
  setExtra,
  setter,
} from './record-draft';

/** The line that opens each fcnacd entry. */
export const ENTRY_START = /^Entry\s*#\s*\d+\s*:$/i;
const TAG_LINE = /^idx\s*:\s*\d+\s*,.*?\bname\s*:(.*)$/i;

const setFabricId: FieldSetter = (draft, value, at, label) => {
  const parts = value.split(':').map((part) => part.trim());
  if (parts.length !== 2) throw inputError(at, `${label} ${quote(value)} is not <EMS serial>:<tenant id>`);
  assign(draft, 'emsSerial', emsSerialValue(parts[0], at, `${label} serial`), at, label);
  assign(draft, 'tenantId', tenantIdValue(parts[1], at, `${label} tenant id`), at, label);
};

const outOfSyncFlag = choiceValue({ '0': false, '1': true });

/** `State: sysinfo:1, tag:1, tagsz:1, out-of-sync:0` — only the out-of-sync flag is audited. */
const setState: FieldSetter = (draft, value, at, label) => {
  setExtra(draft.extra, label, value);
  for (const part of value.split(',')) {
    const pair = splitColon(part.trim());
    if (pair?.key.toLowerCase() === 'out-of-sync') {
      assign(draft, 'outOfSync', outOfSyncFlag(pair.value, at, `${label} out-of-sync`), at, label);
    }
  }
};

const FIELDS: FieldTable = {
  uid: setter('uid', uidValue),
  'ems fabric id': setFabricId,
  'cert sn': setter('certSn', certSnValue),
  online: setter('online', choiceValue({ yes: true, no: false })),
  state: setState,
  'route ip': setter('ip', textValue),
};

interface FcnacdState {
  readonly file: string;
  readonly entries: RecordDraft[];
  readonly byUid: Map<string, RecordDraft>;
  entry?: RecordDraft;
  inTags: boolean;
}

/** Parses `diagnose test application fcnacd 7` output into one record per entry. */
export function parseFcnacdEntries(lines: Iterable<DumpLine>, file: string): RecordList {
  const reader = fcnacdReader(file);
  for (const line of lines) reader.line(line);
  return reader.end();
}

/** The line-by-line reader behind parseFcnacdEntries. */
export function fcnacdReader(file: string): LineReader {
  const state: FcnacdState = { file, entries: [], byUid: new Map(), inTags: false };
  return {
    line: (line) => {
      if (!isFiller(line.text) && promptCommand(line.text) === undefined) readLine(state, line);
    },
    end: () => ({ records: finished(state.entries) }),
  };
}

function readLine(state: FcnacdState, { number, text }: DumpLine): void {
  const at = { file: state.file, line: number };
  const tag = state.inTags ? TAG_LINE.exec(text) : null;
  if (tag && state.entry) {
    if (tag[1].trim() !== '') state.entry.tags.push(tag[1].trim());
    return;
  }
  state.inTags = false;
  if (ENTRY_START.test(text)) {
    state.entry = newDraft(number);
    state.entries.push(state.entry);
    return;
  }
  const pair = splitColon(text.replace(/^-\s*/, ''));
  if (pair?.key.toLowerCase() === 'uid' && !text.startsWith('-')) state.entry = detailTarget(state, pair.value, at);
  const entry = state.entry;
  if (!entry) return; // text before the first entry: a banner, nothing of an endpoint
  if (!pair) setExtra(entry.extra, text, '');
  else if (pair.key.toLowerCase() === 'tags') state.inTags = true;
  else applyField(FIELDS, entry, pair.key, pair.value, at);
  if (entry.uid !== undefined) state.byUid.set(entry.uid, entry);
}

/**
 * The detail block (`UID:` without a dash) may follow its entry or come after all entries;
 * matching it by UID, not position, reads both layouts. An unmatched one becomes a record.
 */
function detailTarget(state: FcnacdState, value: string, at: FieldContext): RecordDraft {
  const uid = value === '' ? undefined : uidValue(value, at, 'UID');
  const known = uid === undefined ? undefined : state.byUid.get(uid);
  if (known) return known;
  if (state.entry && state.entry.uid === undefined) return state.entry;
  const detail = newDraft(at.line);
  state.entries.push(detail);
  return detail;
}
