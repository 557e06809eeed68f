import { DumpLine, Prompt, promptOf } from './dump-lines';
import { GatewayFormat } from './gateway-dump';

/** What a section's command is: a dump format, the system status, CLI navigation, or something else. */
export type SectionKind = GatewayFormat | 'status' | 'navigation' | 'unknown' | 'none';

/** The output of one command (or the text before the first prompt, kind `none`). */
export interface DumpSection {
  readonly kind: SectionKind;
  readonly command?: string;
  readonly prompt?: Prompt;
  /** The section's lines, its prompt line first when it has one. */
  readonly lines: readonly DumpLine[];
}

const DUMP_KINDS: ReadonlySet<SectionKind> = new Set(['endpoint-record-list', 'fcnacd-entries', 'wad-dev-query']);

/**
 * Splits a paste at its prompt lines. Consecutive prompts of one dump format stay one section
 * (two `wad dev query-by uid` queries are one dump); a bare prompt ends nothing.
 */
export function splitSections(lines: readonly DumpLine[], kindOf: (command: string) => SectionKind): DumpSection[] {
  const sections: DumpSection[] = [];
  let current: { kind: SectionKind; command?: string; prompt?: Prompt; lines: DumpLine[] } = { kind: 'none', lines: [] };
  for (const line of lines) {
    const prompt = promptOf(line.text);
    if (prompt && prompt.command !== '') {
      const kind = kindOf(prompt.command);
      if (kind !== current.kind || !DUMP_KINDS.has(kind)) {
        if (current.lines.length > 0) sections.push(current);
        current = { kind, command: prompt.command, prompt, lines: [] };
      }
    }
    current.lines.push(line);
  }
  if (current.lines.length > 0) sections.push(current);
  return sections;
}
