import { badInput } from '../errors';
import { type DumpLine, isFiller, type Prompt, promptCommand, promptOf, textLines } from './dump-lines';
import { inputError } from './field-values';
import { fileLines } from './file-lines';
import type { GatewayDump, GatewayFormat } from './gateway-dump';
import { type LineReader, RECORD_START, recordListReader, SUMMARY_START } from './parse-endpoint-record-list';
import { ENTRY_START, fcnacdReader } from './parse-fcnacd-entries';
import { parseSystemStatus, type SystemStatus } from './parse-system-status';
import { ATTR_LINE, wadDevQueryReader } from './parse-wad-dev-query';

/** What a section's command is: a dump format, the system status, CLI navigation, or something else. */
type SectionKind = GatewayFormat | 'status' | 'navigation' | 'unknown' | 'none';

interface FormatReader {
  readonly format: GatewayFormat;
  readonly name: string;
  /** Lines only this format prints; they decide over the prompt, which a paste may lack or mislabel. */
  readonly markers: readonly RegExp[];
  readonly command: RegExp;
  readonly reader: (file: string) => LineReader;
}

const READERS: readonly FormatReader[] = [
  {
    format: 'endpoint-record-list',
    name: 'diagnose endpoint record list',
    markers: [RECORD_START, SUMMARY_START],
    command: /\bendpoint\s+(?:record|ec-shm)\b/i,
    reader: recordListReader,
  },
  {
    format: 'fcnacd-entries',
    name: 'diagnose test application fcnacd 7',
    markers: [ENTRY_START],
    command: /\bfcnacd\b/i,
    reader: fcnacdReader,
  },
  {
    format: 'wad-dev-query',
    name: 'diagnose wad dev query-by uid',
    markers: [ATTR_LINE],
    command: /\bwad\s+dev\s+query-by\b/i,
    reader: wadDevQueryReader,
  },
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
  return parseGatewayLines(textLines(text), fileName);
}

/**
 * Parses what a FortiGate printed for one of the commands above, detecting which. A file that
 * holds several commands' outputs is refused here; `parseGatewayFile` reads each of them.
 */
export function parseGatewayOutput(text: string, fileName: string): GatewayDump {
  const { dumps } = parseGatewayFile(text, fileName);
  if (dumps.length > 1) {
    const lines = dumps.map((dump) => dump.records[0]?.line ?? '?').join(', ');
    throw badInput(
      `${fileName}: holds the output of ${dumps.length} commands (records from lines ${lines}); read it with parseGatewayFile`,
      { file: fileName },
    );
  }
  return dumps[0];
}

/** parseGatewayFile over a file read a chunk at a time: a 200,000-record list is never whole in memory. */
export function readGatewayFile(path: string, fileName = path): GatewayFile {
  return parseGatewayLines(fileLines(path), fileName);
}

/** The section being read: its command, the reader its lines go to, and what it has shown so far. */
interface OpenSection {
  readonly kind: SectionKind;
  readonly command?: string;
  readonly prompt?: Prompt;
  readonly start: number;
  /** Lines kept until the first marker line says which format this is (then only the prompt and banner). */
  pending: DumpLine[] | undefined;
  marked?: { readonly reader: FormatReader; readonly line: number };
  reader?: { readonly format: FormatReader; readonly lines: LineReader };
  content: boolean;
}

/** Parses lines one at a time; only a section's lines before its first marker line are kept. */
export function parseGatewayLines(lines: Iterable<DumpLine>, fileName: string): GatewayFile {
  const done: { dump: GatewayDump; prompt?: Prompt }[] = [];
  let status: SystemStatus | undefined;
  let section: OpenSection = { kind: 'none', start: 1, pending: [], content: false };
  const close = () => {
    const closed = closeSection(section, fileName);
    if (closed && 'status' in closed) status ??= closed.status;
    else if (closed) done.push(closed);
  };
  for (const line of lines) {
    const prompt = promptOf(line.text);
    if (prompt && prompt.command !== '') {
      const kind = commandKind(prompt.command);
      if (kind !== section.kind || !DUMP_KINDS.has(kind)) {
        close();
        section = { kind, command: prompt.command, prompt, start: line.number, pending: [], content: false };
      }
    }
    feed(section, line, fileName);
  }
  close();
  const dumps = done.map(({ dump, prompt }) => withDevice(dump, prompt, status));
  if (dumps.length === 0) {
    throw badInput(
      `${fileName}: no output of "diagnose endpoint record list", "diagnose endpoint ec-shm list", ` +
        `"diagnose test application fcnacd 7" or "diagnose wad dev query-by uid" found`,
      { file: fileName },
    );
  }
  return { dumps, ...(status ? { status } : {}) };
}

function feed(section: OpenSection, line: DumpLine, file: string): void {
  const marker = markerOf(line.text);
  if (marker && section.marked && marker !== section.marked.reader) {
    throw inputError(
      { file, line: line.number },
      `output of "${marker.name}" inside that of "${section.marked.reader.name}" (line ${section.marked.line}); put the prompt line of each command before its output`,
    );
  }
  if (marker && !section.marked) {
    section.marked = { reader: marker, line: line.number };
    startReader(section, marker, file);
  }
  section.content ||= line.number !== section.start && !isFiller(line.text) && promptCommand(line.text) === undefined;
  if (section.reader) section.reader.lines.line(line);
  else section.pending?.push(line);
}

/** Hands the section's kept lines to the format's reader; from then on lines go straight to it. */
function startReader(section: OpenSection, format: FormatReader, file: string): void {
  section.reader = { format, lines: format.reader(file) };
  for (const kept of section.pending ?? []) section.reader.lines.line(kept);
  section.pending = undefined;
}

/** A dump, the system status, or nothing (navigation, banners); other output is refused. */
function closeSection(
  section: OpenSection,
  file: string,
): { dump: GatewayDump; prompt?: Prompt } | { status: SystemStatus } | undefined {
  if (!section.reader) {
    const byCommand = READERS.find((reader) => reader.format === section.kind);
    if (byCommand) startReader(section, byCommand, file);
  }
  if (section.reader) {
    const { records, summary } = section.reader.lines.end();
    const format = section.reader.format.format;
    const dump: GatewayDump = {
      file,
      format,
      ...(section.command === undefined ? {} : { command: section.command }),
      records,
      ...(summary === undefined ? {} : { summary }),
    };
    return { dump, ...(section.prompt ? { prompt: section.prompt } : {}) };
  }
  if (section.kind === 'status') return { status: parseSystemStatus((section.pending ?? []).slice(1), file) };
  if (section.kind !== 'unknown' || !section.content) return undefined;
  throw inputError(
    { file, line: section.start },
    `the output of "${section.command}" is not one the audit reads; keep only the output of ${READERS.map((r) => `"${r.name}"`).join(', ')} or "get system status" in the file`,
  );
}

/** The device of a dump: its prompt's host and VDOM, else the host name of the file's system status. */
function withDevice(dump: GatewayDump, prompt: Prompt | undefined, status: SystemStatus | undefined): GatewayDump {
  const host = prompt?.host ?? status?.hostname;
  if (host === undefined) return dump;
  return { ...dump, device: prompt?.vdom ? `${host} (${prompt.vdom})` : host };
}

/** The format whose marker the line is, if any. */
function markerOf(text: string): FormatReader | undefined {
  if (!MARKER_INITIALS.has(text.charCodeAt(0) | 0x20) || !MARKER_HINT.test(text)) return undefined; // most lines: spares the regexes
  return READERS.find(({ markers }) => markers.some((marker) => marker.test(text)));
}

const DUMP_KINDS: ReadonlySet<SectionKind> = new Set(['endpoint-record-list', 'fcnacd-entries', 'wad-dev-query']);

/** Lower-cased first letters of every marker line: `Record #`, `online records`, `Entry #`, `Attr of type`. */
const MARKER_INITIALS = new Set(['r', 'o', 'e', 'a'].map((c) => c.charCodeAt(0)));
/** What every marker line starts with; one test rules out `EMS serial number:`, `Online status:` and the like. */
const MARKER_HINT = /^(?:record\s*#|online\s+records|entry\s*#|attr\s+of)/i;
