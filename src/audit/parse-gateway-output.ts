import { badInput } from '../errors';
import { GatewayDump, GatewayFormat } from './gateway-dump';
import { DumpLine, dumpLines, promptCommand } from './dump-lines';
import { parseEndpointRecordList, RECORD_START, RecordList, SUMMARY_START } from './parse-endpoint-record-list';
import { ENTRY_START, parseFcnacdEntries } from './parse-fcnacd-entries';
import { ATTR_LINE, parseWadDevQuery } from './parse-wad-dev-query';

interface FormatReader {
  readonly format: GatewayFormat;
  /** Lines only this format prints; they decide over the prompt, which a paste may lack or mislabel. */
  readonly markers: readonly RegExp[];
  readonly command: RegExp;
  readonly parse: (lines: readonly DumpLine[], file: string) => RecordList;
}

const READERS: readonly FormatReader[] = [
  {
    format: 'endpoint-record-list',
    markers: [RECORD_START, SUMMARY_START],
    command: /\bendpoint\s+(?:record|ec-shm)\b/i,
    parse: parseEndpointRecordList,
  },
  { format: 'fcnacd-entries', markers: [ENTRY_START], command: /\bfcnacd\b/i, parse: parseFcnacdEntries },
  { format: 'wad-dev-query', markers: [ATTR_LINE], command: /\bwad\s+dev\s+query-by\b/i, parse: parseWadDevQuery },
];

/**
 * Parses what a FortiGate printed for `diagnose endpoint record list` / `ec-shm list`,
 * `diagnose test application fcnacd 7` or `diagnose wad dev query-by uid`, detecting which.
 */
export function parseGatewayOutput(text: string, fileName: string): GatewayDump {
  const lines = dumpLines(text);
  const command = firstCommand(lines);
  const reader = readerOf(lines, command, fileName);
  const { records, summary } = reader.parse(lines, fileName);
  return {
    file: fileName,
    format: reader.format,
    ...(command === undefined ? {} : { command }),
    records,
    ...(summary === undefined ? {} : { summary }),
  };
}

function firstCommand(lines: readonly DumpLine[]): string | undefined {
  for (const { text } of lines) {
    const command = promptCommand(text);
    if (command) return command;
  }
  return undefined;
}

function readerOf(lines: readonly DumpLine[], command: string | undefined, file: string): FormatReader {
  for (const { text } of lines) {
    const reader = READERS.find(({ markers }) => markers.some((marker) => marker.test(text)));
    if (reader) return reader;
  }
  const reader = command === undefined ? undefined : READERS.find((candidate) => candidate.command.test(command));
  if (reader) return reader;
  throw badInput(
    `${file}: no output of "diagnose endpoint record list", "diagnose endpoint ec-shm list", ` +
      `"diagnose test application fcnacd 7" or "diagnose wad dev query-by uid" found`,
    { file },
  );
}
