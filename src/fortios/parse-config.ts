import { badInput } from '../errors';
import { parseHeader } from './config-header';
import { type ConfigWord, lexConfig, shownWord } from './config-lexer';
import type { ConfigLocation, ConfigSection, ConfigSetting, ConfigTree } from './config-tree';

/**
 * `config` blocks nested deeper than this are refused. FortiOS itself nests a handful of levels
 * (vdom › firewall access-proxy › api-gateway › realservers is four); the bound keeps a hostile
 * file from building an unbounded stack.
 */
export const MAX_CONFIG_DEPTH = 32;

interface MutableBody {
  readonly settings: ConfigSetting[];
  readonly sections: MutableSection[];
}
interface MutableSection extends MutableBody {
  readonly path: readonly string[];
  readonly entries: MutableEntry[];
  readonly at: ConfigLocation;
}
interface MutableEntry extends MutableBody {
  readonly name: string;
  readonly at: ConfigLocation;
}

type Frame =
  | { readonly kind: 'root'; readonly node: MutableBody }
  | { readonly kind: 'section'; readonly node: MutableSection }
  | { readonly kind: 'entry'; readonly node: MutableEntry };

const COMMANDS = 'config, edit, set, unset, next or end';
const describe = (frame: Frame): string =>
  frame.kind === 'section'
    ? `config ${frame.node.path.join(' ')} (line ${frame.node.at.line})`
    : frame.kind === 'entry'
      ? `edit ${shownWord(frame.node.name)} (line ${frame.node.at.line})`
      : 'the top level';

/**
 * Parses FortiOS configuration text — `show`, `show full-configuration` or a full-config backup —
 * into a ConfigTree. `config WORD…` opens a block, `edit NAME` an entry of a table block, `next`
 * closes the entry and `end` the block (an `end` inside an entry closes both, as the CLI does:
 * https://docs.fortinet.com/document/fortiportal/7.2.5/cli-reference/493150/end); `set KEY VALUE…`
 * and `unset KEY` change a field of the block or entry they are in
 * (https://docs.fortinet.com/document/container-fortios/7.2.1/cli-reference/627485,
 * https://docs.fortinet.com/document/fortigate/7.0.9/administration-guide/508024). Multi-VDOM
 * backups are the same syntax: `config global` and `config vdom` / `edit NAME` blocks (see
 * select-vdom.ts). Every problem is a bad-input error naming file:line:col.
 */
export function parseFortiosConfig(text: string, file: string): ConfigTree {
  const builder = new TreeBuilder();
  const comments = lexConfig(text.startsWith('\ufeff') ? text.slice(1) : text, file, (words) => builder.apply(words));
  const sections = builder.finish();
  const header = parseHeader(comments.filter((c) => c.at.line < builder.firstLine));
  return { file, ...(header ? { header } : {}), sections };
}

/** Builds the tree from command lines with an explicit stack of open blocks and entries. */
class TreeBuilder {
  private readonly root: MutableBody = { settings: [], sections: [] };
  private readonly stack: Frame[] = [{ kind: 'root', node: this.root }];
  private depth = 0;

  /** The line of the first command: comments above it are the header's. */
  firstLine = Number.POSITIVE_INFINITY;

  /** Applies one command line. */
  apply(words: readonly ConfigWord[]): void {
    const [command, ...args] = words as [ConfigWord, ...ConfigWord[]];
    this.firstLine = Math.min(this.firstLine, command.at.line);
    this.command(command, args);
  }

  /** The top-level sections, once every block is closed. */
  finish(): readonly ConfigSection[] {
    const unclosed = this.stack.find((frame): frame is Extract<Frame, { kind: 'section' }> => frame.kind === 'section');
    if (unclosed) {
      throw badInput(
        `config ${unclosed.node.path.join(' ')} is never closed: the file ends with ${this.depth} end${this.depth === 1 ? '' : 's'} missing`,
        unclosed.node.at,
      );
    }
    return this.root.sections;
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private command(command: ConfigWord, args: readonly ConfigWord[]): void {
    switch (command.text) {
      case 'config':
        this.config(command, args);
        return;
      case 'edit':
        this.edit(command, args);
        return;
      case 'set':
      case 'unset':
        this.setting(command, args);
        return;
      case 'next':
      case 'end':
        this.close(command, args);
        return;
      default:
        throw badInput(
          `unknown command ${shownWord(command.text)}: a FortiOS configuration line starts with ${COMMANDS}`,
          command.at,
        );
    }
  }

  private config(command: ConfigWord, args: readonly ConfigWord[]): void {
    if (args.length === 0)
      throw badInput('config needs the name of what it configures, e.g. config firewall vip', command.at);
    if (++this.depth > MAX_CONFIG_DEPTH)
      throw badInput(
        `config blocks nest more than ${MAX_CONFIG_DEPTH} levels deep here; a FortiOS configuration nests a few`,
        command.at,
      );
    const section: MutableSection = {
      path: args.map((w) => w.text),
      entries: [],
      settings: [],
      sections: [],
      at: command.at,
    };
    this.top.node.sections.push(section);
    this.stack.push({ kind: 'section', node: section });
  }

  private edit(command: ConfigWord, args: readonly ConfigWord[]): void {
    const top = this.top;
    if (top.kind !== 'section') {
      throw badInput(
        `edit outside config: ${top.kind === 'entry' ? `${describe(top)} is still open; expected next before this edit` : 'an edit belongs inside a config block'}`,
        command.at,
      );
    }
    if (args.length !== 1)
      throw badInput(
        `edit takes one name, not ${args.length}; a name with spaces is written in quotes`,
        (args[1] ?? command).at,
      );
    const entry: MutableEntry = { name: args[0]!.text, settings: [], sections: [], at: command.at };
    top.node.entries.push(entry);
    this.stack.push({ kind: 'entry', node: entry });
  }

  private setting(command: ConfigWord, args: readonly ConfigWord[]): void {
    const kind = command.text as 'set' | 'unset';
    if (this.top.kind === 'root')
      throw badInput(`${kind} outside config: a setting belongs inside a config block`, command.at);
    if (args.length === 0) throw badInput(`${kind} needs the name of the field`, command.at);
    if (kind === 'unset' && args.length > 1)
      throw badInput(`unset takes only the field's name; ${shownWord(args[1]!.text)} follows it`, args[1]!.at);
    this.top.node.settings.push({ kind, key: args[0]!.text, values: args.slice(1).map((w) => w.text), at: command.at });
  }

  private close(command: ConfigWord, args: readonly ConfigWord[]): void {
    const top = this.top;
    if (args.length > 0)
      throw badInput(`${command.text} takes nothing after it; ${shownWord(args[0]!.text)} follows it`, args[0]!.at);
    if (command.text === 'next' && top.kind !== 'entry')
      throw badInput(`next outside edit: ${describe(top)} has no open edit to close`, command.at);
    if (command.text === 'end' && top.kind === 'root')
      throw badInput('unbalanced end: no config block is open here', command.at);
    this.stack.pop();
    if (command.text === 'end') {
      if (top.kind === 'entry') this.stack.pop();
      this.depth--;
    }
  }
}
