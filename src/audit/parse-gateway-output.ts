import { badInput } from '../errors';
import { GatewayDump, GatewayFormat } from './gateway-dump';
import { DumpLine, dumpLines, isFiller, promptCommand } from './dump-lines';
import { DumpSection, SectionKind, splitSections } from './dump-sections';
import { inputError } from './field-values';
import { parseEndpointRecordList, RECORD_START, RecordList, SUMMARY_START } from './parse-endpoint-record-list';
import { ENTRY_START, parseFcnacdEntries } from './parse-fcnacd-entries';
import { parseSystemStatus, SystemStatus } from './parse-system-status';
import { ATTR_LINE, parseWadDevQuery } from './parse-wad-dev-query';

interface FormatReader {
  readonly format: GatewayFormat;
  readonly name: string;
  /** Lines only this format prints; they decide over the prompt, which a paste may lack or mislabel. */
  readonly markers: readonly RegExp[];
  readonly command: RegExp;
  readonly parse: (lines: readonly DumpLine[], file: string) => RecordList;
}

const READERS: readonly FormatReader[] = [
  {
    format: 'endpoint-record-list',
    name: 'diagnose endpoint record list',
    markers: [RECORD_START, SUMMARY_START],
    command: /\bendpoint\s+(?:record|ec-shm)\b/i,
    parse: parseEndpointRecordList,
  },
  { format: 'fcnacd-entries', name: 'diagnose test application fcnacd 7', markers: [ENTRY_START], command: /\bfcnacd\b/i, parse: parseFcnacdEntries },
  { format: 'wad-dev-query', name: 'diagnose wad dev query-by uid', markers: [ATTR_LINE], command: /\bwad\s+dev\s+query-by\b/i, parse: parseWadDevQuery },
];

/** Commands that only move about the CLI (`config vdom`, `edit root`, `end`): their output says nothing. */
const NAVIGATION = /^(?:config\s+(?:vdom|global)|edit\s+\S+|end|next|exit|abort)$/i;

/** What a file of FortiGate output holds: one dump per command output, and the system status if printed. */
export interface GatewayFile {
  readonly dumps: readonly GatewayDump[];
  readonly status?: SystemStatus;
}

function commandKind(command: string): SectionKind {
  const reader = READERS.find((candidate) => candidate.command.test(command));
  if (reader) return reader.format;
  if (/^get\s+system\s+status\b/i.test(command)) return 'status';
  return NAVIGATION.test(command) ? 'navigation' : 'unknown';
}

/**
 * Parses a file of FortiGate CLI output section by section: each prompt line starts the output
 * of its command. Outputs of `diagnose endpoint record list` / `ec-shm list`, `diagnose test
 * application fcnacd 7` and `diagnose wad dev query-by uid` become dumps, `get system status`
 * names the device; any other command's output is refused rather than skipped, so that nothing
 * is half-read in silence.
 */
export function parseGatewayFile(text: string, fileName: string): GatewayFile {
  const sections = splitSections(dumpLines(text), commandKind);
  const statusSection = sections.find((section) => section.kind === 'status');
  const status = statusSection && parseSystemStatus(statusSection.lines.slice(1), fileName);
  const dumps = sections.flatMap((section) => {
    const reader = readerOf(section, fileName);
    return reader ? [dumpOf(section, reader, fileName, status)] : [];
  });
  if (dumps.length === 0) {
    throw badInput(
      `${fileName}: no output of "diagnose endpoint record list", "diagnose endpoint ec-shm list", ` +
        `"diagnose test application fcnacd 7" or "diagnose wad dev query-by uid" found`,
      { file: fileName },
    );
  }
  return { dumps, ...(status ? { status } : {}) };
}

/**
 * Parses what a FortiGate printed for one of the commands above, detecting which. A file that
 * holds several commands' outputs is refused here; `parseGatewayFile` reads each of them.
 */
export function parseGatewayOutput(text: string, fileName: string): GatewayDump {
  const { dumps } = parseGatewayFile(text, fileName);
  if (dumps.length > 1) {
    const lines = dumps.map((dump) => dump.records[0]?.line ?? '?').join(', ');
    throw badInput(`${fileName}: holds the output of ${dumps.length} commands (records from lines ${lines}); read it with parseGatewayFile`, { file: fileName });
  }
  return dumps[0];
}

function dumpOf(section: DumpSection, reader: FormatReader, file: string, status: SystemStatus | undefined): GatewayDump {
  const { records, summary } = reader.parse(section.lines, file);
  const host = section.prompt?.host ?? status?.hostname;
  const device = host === undefined ? undefined : section.prompt?.vdom ? `${host} (${section.prompt.vdom})` : host;
  const command = section.lines.map((line) => promptCommand(line.text)).find((found) => found);
  return {
    file,
    format: reader.format,
    ...(command === undefined ? {} : { command }),
    ...(device === undefined ? {} : { device }),
    records,
    ...(summary === undefined ? {} : { summary }),
  };
}

/** The section's format: its markers, else its command; other output with content is refused. */
function readerOf(section: DumpSection, file: string): FormatReader | undefined {
  const marked = markedReaders(section, file);
  if (marked) return marked;
  const byCommand = READERS.find((reader) => reader.format === section.kind);
  if (byCommand) return byCommand;
  if (section.kind !== 'unknown') return undefined;
  const content = section.lines.slice(1).find(({ text }) => !isFiller(text) && promptCommand(text) === undefined);
  if (!content) return undefined;
  throw inputError(
    { file, line: section.lines[0].number },
    `the output of "${section.command}" is not one the audit reads; keep only the output of ${READERS.map((r) => `"${r.name}"`).join(', ')} or "get system status" in the file`,
  );
}

/** The one format whose marker lines the section holds; two formats in one section are refused. */
function markedReaders(section: DumpSection, file: string): FormatReader | undefined {
  let found: { reader: FormatReader; line: number } | undefined;
  for (const { number, text } of section.lines) {
    if (!MARKER_INITIALS.has(text.charCodeAt(0) | 0x20)) continue; // most lines: spares the regexes
    const reader = READERS.find(({ markers }) => markers.some((marker) => marker.test(text)));
    if (!reader || reader === found?.reader) continue;
    if (found) {
      throw inputError(
        { file, line: number },
        `output of "${reader.name}" inside that of "${found.reader.name}" (line ${found.line}); put the prompt line of each command before its output`,
      );
    }
    found = { reader, line: number };
  }
  return found?.reader;
}

/** Lower-cased first letters of every marker line: `Record #`, `online records`, `Entry #`, `Attr of type`. */
const MARKER_INITIALS = new Set(['r', 'o', 'e', 'a'].map((c) => c.charCodeAt(0)));
